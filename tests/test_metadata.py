from __future__ import annotations

import datetime

import pytest

from index.dates import find_published_date
from index.forces import FORCE_ALIASES, FORCES, find_forces, normalise_force
from index.lexicon.dates import parse_date
from index.metadata import build_meta
from index.report_types import REPORT_TYPES, infer_report_type, normalise_report_type
from index.types import DocumentMeta

MET = "Metropolitan Police Service"
GMP = "Greater Manchester Police"
NORFOLK = "Norfolk Constabulary"
SUFFOLK = "Suffolk Constabulary"

PEEL = "PEEL inspection"
CP = "National child protection inspection"
PIR = "Post-inspection review"
THEMATIC = "Thematic inspection"
CDI = "Crime data integrity inspection"
CUSTODY = "Custody inspection"
ENGAGE = "Engage / monitoring update"
SOP = "State of Policing"


# --- forces ---------------------------------------------------------------------


def test_forces_are_43_territorial_plus_btp_and_national():
    assert len(FORCES) == 45
    assert len(set(FORCES)) == 45
    assert FORCES[-2:] == ("British Transport Police", "National")
    for name in (
        "Avon and Somerset Constabulary",
        MET,
        GMP,
        "Devon and Cornwall Police",
        "Dyfed-Powys Police",
        "City of London Police",
    ):
        assert name in FORCES


@pytest.mark.parametrize("force", FORCES)
def test_every_canonical_name_normalises_to_itself(force):
    assert normalise_force(force) == force
    assert normalise_force(force.upper()) == force


def test_every_alias_maps_to_a_canonical_force():
    assert set(FORCE_ALIASES.values()) <= set(FORCES)
    for alias, force in FORCE_ALIASES.items():
        assert normalise_force(alias) == force, alias


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("the Met", MET),
        ("The Met", MET),
        ("Met Police", MET),
        ("Metropolitan", MET),
        ("Metropolitan Police", MET),
        ("MPS", MET),
        ("GMP", GMP),
        ("Greater Manchester", GMP),
        ("Avon & Somerset", "Avon and Somerset Constabulary"),
        ("Avon and Somerset", "Avon and Somerset Constabulary"),
        ("Devon & Cornwall", "Devon and Cornwall Police"),
        ("West Mids", "West Midlands Police"),
        ("West Midlands", "West Midlands Police"),
        ("Thames Valley", "Thames Valley Police"),
        ("TVP", "Thames Valley Police"),
        ("BTP", "British Transport Police"),
        ("Wiltshire", "Wiltshire Police"),
        ("wiltshire", "Wiltshire Police"),
        ("Kent", "Kent Police"),
        ("Essex", "Essex Police"),
        ("Durham", "Durham Constabulary"),
        ("Dorset", "Dorset Police"),
        ("Sussex", "Sussex Police"),
        ("Cleveland", "Cleveland Police"),
        ("Dyfed Powys", "Dyfed-Powys Police"),
        ("Dyfed\u2013Powys Police", "Dyfed-Powys Police"),
        ("City of London", "City of London Police"),
        ("Hampshire Constabulary", "Hampshire and Isle of Wight Constabulary"),
        ("North Yorkshire", "North Yorkshire Police"),
        ("South Wales", "South Wales Police"),
        ("Notts", "Nottinghamshire Police"),
        ("  Kent   Police ", "Kent Police"),
        ("Wiltshire Police Force", "Wiltshire Police"),
        ("National", "National"),
        ("national", "National"),
        ("England and Wales", "National"),
        ("all forces", "National"),
        ("Wales", None),
        ("Yorkshire", None),
        ("Midlands", None),
        ("Met Office", None),
        ("Police Scotland", None),
        ("Norfolk Constabulary and Suffolk Constabulary", None),
        ("", None),
        ("   ", None),
    ],
)
def test_normalise_force(name, expected):
    assert normalise_force(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PEEL 2021/22: An inspection of Staffordshire Police", ("Staffordshire Police",)),
        ("How does the Met compare with GMP?", (MET, GMP)),
        ("The Met's vetting was criticised.", (MET,)),
        ("Norfolk and Suffolk – Joint inspection of police custody", (NORFOLK, SUFFOLK)),
        ("Norfolk Constabulary and Suffolk Constabulary", (NORFOLK, SUFFOLK)),
        (
            "Avon & Somerset and Devon & Cornwall",
            ("Avon and Somerset Constabulary", "Devon and Cornwall Police"),
        ),
        ("West Midlands Police and the West Mids force", ("West Midlands Police",)),
        (
            "North Yorkshire Police, not South Yorkshire",
            ("North Yorkshire Police", "South Yorkshire Police"),
        ),
        (
            "South Wales Police serves Cardiff; North Wales Police serves Wrexham",
            ("South Wales Police", "North Wales Police"),
        ),
        ("Kent-based officers and Kent's crime recording", ("Kent Police",)),
        ("TVP, BTP and MPS", ("Thames Valley Police", "British Transport Police", MET)),
        ("Thames Valley and Wiltshire", ("Thames Valley Police", "Wiltshire Police")),
        ("custody suites in Lincolnshire", ("Lincolnshire Police",)),
        (
            "Durham, Dorset, Sussex, Cleveland and Essex",
            (
                "Durham Constabulary",
                "Dorset Police",
                "Sussex Police",
                "Cleveland Police",
                "Essex Police",
            ),
        ),
        ("Heddlu Gwent / Gwent Police", ("Gwent Police",)),
        ("Dyfed-Powys Police", ("Dyfed-Powys Police",)),
        ("Greater Manchester Police (GMP)", (GMP,)),
        # negatives
        ("Kentish towns and Essexville", ()),
        ("kent essex durham dorset sussex cleveland", ()),
        ("policing in England and Wales", ()),
        ("a national report on forces across the Midlands and Yorkshire", ()),
        ("Forecasts from the Met Office", ()),
        ("Police in New South Wales", ()),
        ("Officers met the standard; MPs debated it", ()),
        ("Middlesex and Wessex", ()),
        ("", ()),
    ],
)
def test_find_forces(text, expected):
    assert find_forces(text) == expected


# --- report types ------------------------------------------------------------------


def test_report_types_are_exactly_the_labels():
    assert REPORT_TYPES == (
        PEEL,
        CP,
        PIR,
        THEMATIC,
        CDI,
        CUSTODY,
        ENGAGE,
        SOP,
        "Other",
    )


@pytest.mark.parametrize("label", REPORT_TYPES)
def test_every_report_type_normalises_to_itself(label):
    assert normalise_report_type(label) == label
    assert normalise_report_type(label.lower()) == label


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("peel", PEEL),
        ("PEEL assessment", PEEL),
        ("Child protection", CP),
        ("child-protection inspection", CP),
        ("post inspection review", PIR),
        ("Re-inspection", PIR),
        ("thematic", THEMATIC),
        ("CDI", CDI),
        ("crime recording", CDI),
        ("Custody", CUSTODY),
        ("Engage / monitoring update", ENGAGE),
        ("engage/monitoring update", ENGAGE),
        ("Engage", ENGAGE),
        ("state of policing", SOP),
        ("Joint inspection of police custody", CUSTODY),
        ("other", "Other"),
        ("Annual report", None),
        ("", None),
    ],
)
def test_normalise_report_type(label, expected):
    assert normalise_report_type(label) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("PEEL 2021/22: An inspection of Staffordshire Police", PEEL),
        ("PEEL 2023–2025: An inspection of Dorset Police", PEEL),
        ("Gwent Police – PEEL Assessment 2014", PEEL),
        (
            "PEEL: Police effectiveness, efficiency and legitimacy 2018/19 – Durham Constabulary",
            PEEL,
        ),
        ("PEEL: Police effectiveness 2017 – A national overview", PEEL),
        ("National child protection inspection: Wiltshire Police", CP),
        ("Lancashire – National child protection inspection", CP),
        ("Wiltshire – National child protection inspection post-inspection review", PIR),
        ("Derbyshire – National child protection re-inspection", PIR),
        ("Crime Data Integrity inspection 2016: Greater Manchester Police", CDI),
        ("Kent Police: Crime Data Integrity re-inspection 2018", CDI),
        ("Crime-recording: making the victim count", CDI),
        (
            "Report on an unannounced inspection visit to police custody suites in Lincolnshire",
            CUSTODY,
        ),
        ("Cheshire Constabulary – Joint inspection of police custody", CUSTODY),
        ("State of Policing: The Annual Assessment of Policing in England and Wales 2022", SOP),
        ("Letter: Staffordshire Police – Engage revisit", ENGAGE),
        ("Staffordshire Police: PEEL causes of concern revisit letter", ENGAGE),
        ("Nottinghamshire Police: return to default phase of monitoring", ENGAGE),
        ("Time to choose: an inspection of the police response to fraud", THEMATIC),
        (
            "Missing children: who cares? – The police response to missing and absent children",
            THEMATIC,
        ),
        ("Disproportionate use of police powers – A spotlight on stop and search", THEMATIC),
        ("An inspection of vetting, misconduct, and misogyny in the police service", THEMATIC),
        ("A joint thematic inspection of the police response to stalking", THEMATIC),
        ("An inspection of the Metropolitan Police Service's counter-terrorism unit", None),
        ("Police performance: Getting a grip", None),
        ("Annual report 2023", None),
        ("", None),
    ],
)
def test_infer_report_type_from_title(title, expected):
    assert infer_report_type(title) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "Police performance: Getting a grip",
            "This report brings together the findings of the PEEL inspections of all 43 forces.",
            PEEL,
        ),
        (
            "An inspection of the service provided to victims of crime by Greater Manchester "
            "Police",
            "HMICFRS carried out a victim service assessment of the force.",
            CDI,
        ),
        (
            "Report 12",
            "HMICFRS first inspected the force's child protection work in 2021. "
            "This re-inspection assessed its progress.",
            PIR,
        ),
        (
            "Report 12",
            "The force was removed from Engage, the enhanced phase of monitoring.",
            ENGAGE,
        ),
        ("Report 12", "Inspectors visited the police custody suites in the county.", CUSTODY),
        ("Report 12", "This thematic inspection examined digital forensics.", THEMATIC),
        ("Report 12", "The detainee was taken into custody after the arrest.", None),
        (  # running text: the kind named first, not a later passing mention
            "Kent Police rated good",
            "The inspectorate judged Kent Police good in all three PEEL areas. The inspector "
            "added that the force had improved its crime-recording processes.",
            PEEL,
        ),
        ("Report 12", "Minutes of a meeting about budgets and estates. " * 40, None),
    ],
)
def test_infer_report_type_from_text(title, text, expected):
    assert infer_report_type(title, text) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("bulletin (inspectorate press notice, PEEL 2023\u20132025)", PEEL),
        ("media release (PEEL 2018/19 findings)", PEEL),
        ("news (peel 2021/22)", PEEL),
        ("statement (commissioner, PEEL)", PEEL),
        ("methodology (PEEL 2023-2025)", PEEL),
        ("newspaper article (county paper, child protection inspection)", CP),
        ("methodology (child protection inspections)", CP),
        ("guidance page \u2013 national child protection inspection programme", CP),
        ("publication list (child protection inspections 2015\u20132018)", CP),
        ("news (NCPI)", CP),
        ("press notice (NCPI post-inspection review)", PIR),
        ("coverage (child protection re-inspection)", PIR),
        ("bulletin (NCPI progress check)", PIR),
        ("radio item (child protection follow-up visit)", PIR),
        ("news (NCPI PIR)", PIR),
        ("news (PIR)", PIR),
        ("news (engage)", ENGAGE),
        ("news (monitoring, 2022)", ENGAGE),
        ("news (cdi)", CDI),
        ("news (custody)", CUSTODY),
        ("commentary (State of Policing 2024)", SOP),
        ("news (thematic)", THEMATIC),
        ("force statement", None),
        ("press statement (commissioner)", None),
        ("listing of publications", None),
        ("news", None),
        ("blog post (2023)", None),
    ],
)
def test_free_text_report_types(label, expected):
    assert normalise_report_type(label) == expected


def test_title_wins_over_text():
    assert (
        infer_report_type(
            "Kent Police: Crime Data Integrity inspection 2017", "Kent's PEEL grades were good."
        )
        == CDI
    )


# --- dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 August 2022", "2022-08-05"),
        ("05 August 2022", "2022-08-05"),
        ("5th Aug 2022", "2022-08-05"),
        ("1st Sept. 2021", "2021-09-01"),
        ("22nd of November 2022", "2022-11-22"),
        ("August 5, 2022", "2022-08-05"),
        ("Aug 5th 2022", "2022-08-05"),
        ("2022-08-05", "2022-08-05"),
        ("2022-08-05T09:30:00Z", "2022-08-05"),
        ("2022/8/5", "2022-08-05"),
        ("05/08/2022", "2022-08-05"),
        ("5/8/2022", "2022-08-05"),
        ("05.08.2022", "2022-08-05"),
        ("D:20220805000000Z", "2022-08-05"),
        ("D:20220805120000+01'00'", "2022-08-05"),
        ("Published on 9 June 2023, updated 1 July 2023", "2023-06-09"),
        ("29 February 2024", "2024-02-29"),
        ("29 February 2023", None),
        ("31/02/2022", None),
        ("2022-13-01", None),
        ("32 May 2022", None),
        ("D:20221340000000Z", None),
        ("August 2022", None),
        ("2022", None),
        ("13 recommendations and 2,000 officers", None),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published on: 5 August 2022\n\nSummary", "2022-08-05"),
        ("Published: 05/08/2022", "2022-08-05"),
        ("Date of publication: 2022-08-05", "2022-08-05"),
        ("Publication date – 5 August 2022", "2022-08-05"),
        ("The report was published on 25 November 2016 and was led by Matt Parr.", "2016-11-25"),
        ("This report, published on 7 July 2023, brings together", "2023-07-07"),
        ("First published 3 March 2020", "2020-03-03"),
        ("This letter, sent on 22 May 2025 by HM Inspector Roy Wilsher", "2025-05-22"),
        ("The report was published in September 2023. On 5 October 2023 it was debated.", None),
        ("Inspected between 14 and 25 May 2018; published in early October 2018.", None),
        ("Nothing about dates here.", None),
        ("x" * 5000 + " Published on 5 August 2022", None),
        ("Date of publication confirmed: 3 April 2023", "2023-04-03"),
        ("By a staff reporter \u2013 published 12 March 2021", "2021-03-12"),
        ("Published 09:15, 12 March 2021; updated 10:00, 13 March 2021", "2021-03-12"),
        ("Published on Wednesday 10 March 2021", "2021-03-10"),
    ],
)
def test_find_published_date(text, expected):
    assert find_published_date(text) == expected


HEAD = "Force praised for its work with young people\n\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Date: 2021-03-04\n\nThe inspectorate said", "2021-03-04"),
        ("Date: 4 March 2021 Source: a regional news site", "2021-03-04"),
        ("date:04/03/2021", "2021-03-04"),
        ("Dated Tuesday, 4 March 2025.\n\nThe force has left", "2025-03-04"),
        ("17 October 2020\n\nThe commissioner welcomed the report.", "2020-10-17"),
        ("Saturday 17 October 2020\n\nThe commissioner", "2020-10-17"),
        ("A short standfirst.\n\n17 October 2020.\n\nBody", "2020-10-17"),
        ("Sent: 9 January 2023\n\nDear Chief Constable", "2023-01-09"),
        (
            "From: An Inspector, HM Inspector To: A Chief Constable Sent: 9 January 2023",
            "2023-01-09",
        ),
        # dates that merely appear in sentences, lack a day, or sit too far down
        ("The force was inspected in February 2019 and again on 3 March 2019.", None),
        ("The letter of 2 March 2022 said the force had improved.", None),
        ("17 October 2020 was the day inspectors arrived.", None),
        ("On Friday, 19 May the force said it accepted the findings.", None),
        ("March 2019\n\nThe commissioner said", None),
        ("17 October\n\nThe commissioner said", None),
        ("Date of inspection: 5 May 2019", None),
        ("Inspection Date: 5 May 2019", None),
        ("To: A Chief Constable Visited: 5 May 2019", None),
        ("Effectiveness (last updated 12/12/2017)", None),
        ("A paragraph.\n\n" * 6 + "17 October 2020", None),
        ("A paragraph.\n\n" * 6 + "Date: 2020-10-17", None),
    ],
)
def test_published_date_from_the_head_of_the_text(body, expected):
    assert find_published_date(HEAD + body) == expected


def test_head_line_wins_over_a_later_cue():
    text = HEAD + "Date: 2023-05-02\n\nThe earlier report, published on 3 March 2021, found"
    assert find_published_date(text) == "2023-05-02"


# --- build_meta --------------------------------------------------------------------

BODY_WILTSHIRE = (
    "# Wiltshire – National child protection inspection\n\n## Summary\n\n"
    "HM Inspectorate of Constabulary and Fire & Rescue Services inspected how well "
    "Wiltshire Police protects children. The report was published on 5 August 2022."
)
BODY_NATIONAL = (
    "This report, published on 7 July 2023, brings together the findings of HMICFRS's "
    "PEEL inspections of all 43 forces in England and Wales. Kent Police and GMP are "
    "mentioned as examples."
)


def meta(declared=None, title_hint=None, text="", doc_id="reports/2022-08-wiltshire-cp"):
    return build_meta(
        doc_id=doc_id,
        source=f"{doc_id}.md",
        declared=declared or {},
        title_hint=title_hint,
        text=text,
    )


def test_declared_values_win_and_are_normalised():
    result = meta(
        declared={
            "title": "Norfolk and Suffolk – Joint inspection of police custody",
            "force": "Norfolk Constabulary and Suffolk Constabulary",
            "report_type": "custody",
            "published": "2 October 2018",
            "source_url": "https://example.org/report",
            "inspectorate": "HMICFRS",
        },
        title_hint="Ignored heading",
        text=BODY_WILTSHIRE,
    )
    assert result == DocumentMeta(
        doc_id="reports/2022-08-wiltshire-cp",
        source="reports/2022-08-wiltshire-cp.md",
        title="Norfolk and Suffolk – Joint inspection of police custody",
        forces=(NORFOLK, SUFFOLK),
        report_type=CUSTODY,
        published="2018-10-02",
        url="https://example.org/report",
        inspectorate="HMICFRS",
        date_source="front matter",
    )


@pytest.mark.parametrize(
    ("declared", "field", "expected"),
    [
        ({"force": "National"}, "forces", ("National",)),
        ({"force": "the Met"}, "forces", (MET,)),
        ({"force": ["Wiltshire Police", "Kent"]}, "forces", ("Wiltshire Police", "Kent Police")),
        ({"force": "Police Scotland"}, "forces", ("Police Scotland",)),
        ({"force": "Police Scotland; Kent"}, "forces", ("Police Scotland", "Kent Police")),
        ({"force": ""}, "forces", ("Wiltshire Police",)),
        ({"report_type": "peel"}, "report_type", PEEL),
        ({"report_type": "Annual report"}, "report_type", "Other"),
        ({"report_type": None}, "report_type", CP),
        ({"published": datetime.date(2022, 8, 5)}, "published", "2022-08-05"),
        ({"published": "05/08/2022"}, "published", "2022-08-05"),
        ({"published": "sometime"}, "published", "2022-08-05"),
        ({"url": "https://example.org/x"}, "url", "https://example.org/x"),
        ({"inspectorate": "HM Inspectorate of Constabulary"}, "inspectorate", "HMICFRS"),
        ({"inspectorate": "Ofsted"}, "inspectorate", "Ofsted"),
        ({"title": "  A   spaced  title "}, "title", "A spaced title"),
    ],
)
def test_declared_fields(declared, field, expected):
    result = meta(declared=declared, title_hint=None, text=BODY_WILTSHIRE)
    assert getattr(result, field) == expected


def test_inference_from_title_and_text():
    result = meta(
        title_hint="Wiltshire – National child protection inspection", text=BODY_WILTSHIRE
    )
    assert result.forces == ("Wiltshire Police",)
    assert result.report_type == CP
    assert result.published == "2022-08-05"
    assert result.inspectorate == "HMICFRS"
    assert result.url is None


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Police performance: Getting a grip", BODY_NATIONAL, ("National",)),
        (
            "State of Policing: The Annual Assessment of Policing in England and Wales 2022",
            "The Metropolitan Police is discussed at length.",
            ("National",),
        ),
        (
            "Time to choose: an inspection of the police response to fraud",
            "City of London Police leads on fraud.",
            ("National",),
        ),
        ("PEEL: Police effectiveness 2017 – A national overview", "", ("National",)),
        (
            "Crime-recording: making the victim count – an inspection of crime data integrity in "
            "police forces in England and Wales",
            "",
            ("National",),
        ),
        (
            "Report on custody",
            "Inspectors visited Cheshire Constabulary's suites.",
            ("Cheshire Constabulary",),
        ),
        (
            "Report on custody",
            "Norfolk Constabulary and Suffolk Constabulary share suites.",
            (NORFOLK, SUFFOLK),
        ),
        ("Report on custody", "Kent, Essex and Sussex were compared.", ()),
        ("Annual report", "Nothing about any force.", ()),
        ("National child protection inspection", "", ()),
    ],
)
def test_inferred_forces(title, text, expected):
    assert meta(title_hint=title, text=text).forces == expected


@pytest.mark.parametrize(
    ("doc_id", "expected"),
    [
        ("reports/2022-08-wiltshire-child-protection", "2022 08 Wiltshire Child Protection"),
        ("peel_2021_GMP.pdf", "Peel 2021 GMP"),
        ("a/b/State-of-Policing", "State Of Policing"),
    ],
)
def test_title_falls_back_to_the_file_name(doc_id, expected):
    assert meta(doc_id=doc_id, title_hint="  ").title == expected


@pytest.mark.parametrize(
    ("declared", "text", "expected"),
    [
        ({"published": ""}, HEAD + "Date: 2022-11-29\n\nBody.", ("2022-11-29", "text")),
        ({"published": "  "}, HEAD + "29 November 2022\n\nBody.", ("2022-11-29", "text")),
        ({}, HEAD + "The report, published on 16 July 2020, found gaps.", ("2020-07-16", "text")),
        ({}, HEAD + "Published 12 March 2019\n\nBody.", ("2019-03-12", "text")),
        (
            {"published": ""},
            HEAD + "Inspected in February 2019; on 3 March 2019 it met.",
            (None, None),
        ),
        (
            {"published": "1 December 2022"},
            HEAD + "Date: 2022-11-29",
            ("2022-12-01", "front matter"),
        ),
    ],
)
def test_empty_published_is_read_from_the_text_and_says_so(declared, text, expected):
    """Issue 24 item 5: the date's source is recorded; neither source: no date."""
    found = meta(declared=declared, title_hint="Some report", text=text)
    assert (found.published, found.date_source) == expected


@pytest.mark.parametrize(
    ("report_type", "expected"),
    [
        ("bulletin (inspectorate press notice, PEEL 2023\u20132025)", PEEL),
        ("newspaper article (county paper, child protection inspection)", CP),
        ("press notice (NCPI post-inspection review)", PIR),
        ("force statement", "Other"),
        ("listing of publications", "Other"),
    ],
)
def test_declared_free_text_report_type(report_type, expected):
    result = meta(declared={"report_type": report_type, "published": ""}, text=BODY_WILTSHIRE)
    assert result.report_type == expected


def test_unknown_stays_unknown():
    result = meta(doc_id="misc/notes", title_hint="Meeting notes", text="Budget and estates.")
    assert (result.forces, result.report_type, result.published, result.inspectorate) == (
        (),
        None,
        None,
        None,
    )

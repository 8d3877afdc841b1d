"""Does the retrieved evidence cover what the question names? (pure logic, no index)"""

from __future__ import annotations

from dataclasses import replace

import pytest

from index.report_types import CUSTODY, PEEL
from index.types import Chunk, DocumentMeta, Hit
from retrieval.answer.coverage import TOP_EVIDENCE
from retrieval.answer.coverage import uncovered as uncovered_in
from retrieval.answer.evidence import Evidence
from retrieval.question.reading import read_question
from retrieval.question.terms import key_terms, years_named
from retrieval.search.filters import Filters
from retrieval.search.inferred import infer_filters

ESSEX = "Essex Police"
KENT = "Kent Police"


def evidence(
    doc_id: str,
    text: str,
    *,
    title: str = "An inspection report",
    forces: tuple[str, ...] = (),
    report_type: str | None = None,
    published: str | None = None,
) -> Evidence:
    chunk = Chunk(f"{doc_id}#0-abc", doc_id, 0, text, 0, len(text))
    meta = DocumentMeta(doc_id, f"{doc_id}.md", title, forces, report_type, published)
    return Evidence(Hit(chunk, meta, 1.0), 0, len(text), text, 0.5, 0.5, 0.5)


def uncovered(question: str, found, text_of, implied: Filters | None = None) -> list[str]:
    """What the evidence leaves uncovered, for the question with ``implied`` as the
    filters it implies (none unless given)."""
    read = replace(read_question(question), inferred=implied or Filters())
    return uncovered_in(read, found, text_of)


def texts(**reports: str):
    return reports.get


# --- key_terms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Did Ofsted take part in the Kent inspection?", ["Ofsted"]),
        ("What did the GMP report say about the MASH?", ["MASH"]),  # GMP is a force
        ("What do inspections of fire and rescue services find?", ["fire and rescue"]),
        ("How do prisons compare with police custody?", ["prisons"]),
        # forces, months and generic inspectorate words name nothing to look for
        ("How did Kent Police do in March 2023?", []),
        ("What did the Metropolitan Police Service say about Kent?", []),
        ("How did the Met perform last year?", []),
        ("What did HMICFRS say about PEEL in England and Wales?", []),
        # the first word of a question is capitalised anyway
        ("Ofsted said what about schools?", []),
        # names a reader uses for a force, a role, the inspectorate or its monitoring
        # are no missing topic (issue 22): the lexicon reads them
        ("What happened with WMP last year?", []),
        ("What did the PCC say about Kent?", []),
        ("What did HMI Andy Cooke say?", ["Andy", "Cooke"]),  # the person is a name
        ("Did the Home Secretary respond to the Kent report?", []),
        ("Why was the Met moved to Enhanced Monitoring?", []),
        ("Was the force put into Special Measures?", []),
        ("Was Notts in Scan or Engage?", []),
        ("What did HM Inspectorate of Constabulary say about Hants?", []),
        (
            "Does Kent Police work with Kent Fire and Rescue Service?",
            ["Fire", "Rescue", "Fire and Rescue"],
        ),
    ],
)
def test_key_terms(question, expected):
    assert key_terms(question) == expected


# --- years_named -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What did the 2017 Essex inspection find?", ["2017"]),
        ("How did Kent compare between its 2019 and 2023 inspections?", ["2019", "2023"]),
        ("What did Kent Police report in March 2023?", ["2023"]),
        # bounds are filters, not named years
        ("What has changed in Kent since 2021?", []),
        ("Which reports were published in 2022?", []),
        ("What did inspections between 2019 and 2022 find?", []),
        # inspection cycles are labels
        ("How did Kent do in PEEL 2023\u20132025?", []),
        ("What did the PEEL 2021/22 inspection of Kent say?", []),
        # counts and money are not years
        ("Did Kent recruit 2,019 officers?", []),
        ("Was \u00a32021 spent on training?", []),
    ],
)
def test_years_named(question, expected):
    assert years_named(question) == expected


# --- uncovered: implied force, report type and years -------------------------------------


def test_no_evidence_is_not_a_coverage_refusal():
    assert uncovered("How quickly does Kent Police answer calls?", [], texts()) == []


def test_refuses_when_no_top_report_is_about_the_implied_force():
    question = "How quickly does Kent Police answer emergency calls?"
    found = [evidence("essex", "Essex Police answers most calls quickly.", forces=(ESSEX,))]
    missing = uncovered(question, found, texts(essex=found[0].text), infer_filters(question))
    assert missing == [KENT]


def test_force_fits_by_metadata():
    question = "How quickly does Kent Police answer emergency calls?"
    found = [evidence("kent", "The force answers most calls quickly.", forces=(KENT,))]
    assert uncovered(question, found, texts(kent=found[0].text), infer_filters(question)) == []


def test_force_fits_by_what_the_chunk_says_when_metadata_is_unknown():
    question = "How quickly does Kent Police answer emergency calls?"
    found = [evidence("national", "In Kent, most calls are answered within ten seconds.")]
    implied = infer_filters(question)
    assert uncovered(question, found, texts(national=found[0].text), implied) == []


def test_one_fitting_report_among_the_top_is_enough():
    question = "How quickly does Kent Police answer emergency calls?"
    found = [
        evidence("essex", "Essex Police answers most calls quickly.", forces=(ESSEX,)),
        evidence("kent", "The force answers most calls quickly.", forces=(KENT,)),
    ]
    reports = texts(essex=found[0].text, kent=found[1].text)
    assert uncovered(question, found, reports, infer_filters(question)) == []


def test_a_fitting_report_below_the_top_evidence_does_not_count():
    question = "How quickly does Kent Police answer emergency calls?"
    found = [
        evidence(f"essex{i}", "Essex Police answers most calls quickly.", forces=(ESSEX,))
        for i in range(TOP_EVIDENCE)
    ]
    found.append(evidence("kent", "The force answers most calls quickly.", forces=(KENT,)))
    reports = {e.doc_id: e.text for e in found}.get
    assert uncovered(question, found, reports, infer_filters(question)) == [KENT]


def test_refuses_when_report_type_does_not_fit():
    question = "What did Essex custody inspections find about detainee care?"
    implied = infer_filters(question)
    assert implied.report_types == (CUSTODY,)
    peel = evidence(
        "essex", "The force cares well for detainees.", forces=(ESSEX,), report_type=PEEL
    )
    missing = uncovered(question, [peel], texts(essex=peel.text), implied)
    assert len(missing) == 1
    assert CUSTODY in missing[0]


@pytest.mark.parametrize(
    ("report_type", "chunk"),
    [
        (CUSTODY, "The force cares well for detainees."),
        (None, "The force cares well for detainees."),  # unknown type may fit
        (PEEL, "Our custody inspection found the force cares well for detainees."),
    ],
)
def test_report_type_fits_by_metadata_or_by_what_the_chunk_says(report_type, chunk):
    question = "What did Essex custody inspections find about detainee care?"
    found = [evidence("essex", chunk, forces=(ESSEX,), report_type=report_type)]
    assert uncovered(question, found, texts(essex=chunk), infer_filters(question)) == []


def test_report_published_later_fits_a_year_its_text_mentions():
    question = "What did inspectors find about Essex Police in 2017?"
    implied = infer_filters(question)
    assert (implied.since, implied.until) == (2017, 2017)
    found = [evidence("essex", "The force improved.", forces=(ESSEX,), published="2019-03-01")]
    full = "Essex Police inspection. Our 2017 inspection found problems. The force improved."
    assert uncovered(question, found, texts(essex=full), implied) == []


def test_refuses_when_no_top_report_fits_the_year():
    question = "What did inspectors find about Essex Police in 2017?"
    found = [evidence("essex", "The force improved.", forces=(ESSEX,), published="2019-03-01")]
    full = "Essex Police inspection. The force improved."
    missing = uncovered(question, found, texts(essex=full), infer_filters(question))
    assert len(missing) == 1
    assert "2017" in missing[0]


def test_named_year_fits_by_publication_year_or_text():
    question = "What did the 2016 Essex inspection find?"
    implied = infer_filters(question)
    published = evidence("a", "The force improved.", forces=(ESSEX,), published="2016-11-01")
    assert uncovered(question, [published], texts(a="The force improved."), implied) == []
    later = evidence("b", "The force improved.", forces=(ESSEX,), published="2018-11-01")
    assert uncovered(question, [later], texts(b="In 2016 we inspected it."), implied) == []
    missing = uncovered(question, [later], texts(b="The force improved."), implied)
    assert len(missing) == 1
    assert "2016" in missing[0]


def test_cycle_label_is_not_a_year_to_cover():
    question = "How did Essex do in PEEL 2023\u20132025?"
    found = [
        evidence(
            "essex", "The force is good.", forces=(ESSEX,), report_type=PEEL, published="2024-05-01"
        )
    ]
    assert (
        uncovered(question, found, texts(essex="The force is good."), infer_filters(question)) == []
    )


def test_nothing_implied_and_nothing_named_is_covered():
    question = "How quickly are emergency calls answered?"
    found = [evidence("essex", "Essex Police answers calls quickly.", forces=(ESSEX,))]
    assert uncovered(question, found, texts(essex=found[0].text), Filters()) == []
    assert uncovered(question, found, texts(essex=found[0].text)) == []


# --- uncovered: named terms ---------------------------------------------------------------


def test_refuses_when_a_named_term_is_in_none_of_the_top_reports():
    question = "Did Ofsted take part in the Essex inspection?"
    found = [evidence("essex", "Inspectors visited the force.", forces=(ESSEX,))]
    missing = uncovered(
        question, found, texts(essex="Inspectors visited the force."), infer_filters(question)
    )
    assert missing == ["Ofsted"]


@pytest.mark.parametrize(
    ("title", "full"),
    [
        ("An inspection report", "Inspectors visited the force with Ofsted colleagues."),
        ("Joint inspection with Ofsted", "Inspectors visited the force."),
    ],
)
def test_named_term_is_covered_by_report_text_or_title(title, full):
    question = "Did Ofsted take part in the Essex inspection?"
    found = [evidence("essex", "Inspectors visited the force.", title=title, forces=(ESSEX,))]
    assert uncovered(question, found, texts(essex=full), infer_filters(question)) == []


def test_service_topic_must_be_covered():
    question = "What do inspections of fire and rescue services find about training?"
    found = [evidence("essex", "The force trains its officers well.", forces=(ESSEX,))]
    assert uncovered(question, found, texts(essex=found[0].text)) == ["fire and rescue"]
    joint = "The force trains with local fire and rescue services."
    assert uncovered(question, found, texts(essex=joint)) == []


def test_force_and_term_can_both_be_missing():
    question = "Did Ofsted take part in the Kent inspection?"
    found = [evidence("essex", "Inspectors visited the force.", forces=(ESSEX,))]
    missing = uncovered(
        question, found, texts(essex="Inspectors visited the force."), infer_filters(question)
    )
    assert missing == [KENT, "Ofsted"]


# --- the names a reader uses (issue 22) -----------------------------------------------------


def test_a_readers_names_for_force_role_and_monitoring_are_covered_by_the_report():
    question = "Did the PCC say why Notts was taken out of Special Measures?"
    text = "Nottinghamshire Police has moved from Engage back to routine monitoring."
    found = [evidence("notts", text, forces=("Nottinghamshire Police",))]
    implied = infer_filters(question)
    assert implied.forces == ("Nottinghamshire Police",)
    assert uncovered(question, found, texts(notts=text), implied) == []


def test_a_fire_and_rescue_service_does_not_stand_for_the_police_force():
    question = "How quickly does Kent Police answer emergency calls?"
    text = "Kent Fire and Rescue Service answers most calls within ten seconds."
    found = [evidence("fire", text)]
    missing = uncovered(question, found, texts(fire=text), infer_filters(question))
    assert missing == [KENT]

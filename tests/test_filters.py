from __future__ import annotations

import uuid

import pytest

from index.errors import ConfigError
from index.report_types import infer_report_types
from index.store import filter_metadata
from index.types import DocumentMeta
from retrieval.search.filters import Filters, parse_year_range
from retrieval.search.inferred import infer_filters

MET = "Metropolitan Police Service"
GMP = "Greater Manchester Police"
WILTS = "Wiltshire Police"
DERBYS = "Derbyshire Constabulary"
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


# --- reading filters from questions --------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What did inspectors find in Wiltshire?", Filters(forces=(WILTS,))),
        ("How did the Met respond to the vetting findings?", Filters(forces=(MET,))),
        ("Is GMP recording crime accurately now?", Filters(forces=(GMP,))),
        ("Compare Wiltshire and Derbyshire", Filters(forces=(WILTS, DERBYS))),
        ("Norfolk and Suffolk custody", Filters(forces=(NORFOLK, SUFFOLK))),
        (
            "Norfolk and Suffolk custody inspection",
            Filters(forces=(NORFOLK, SUFFOLK), report_types=(CUSTODY,)),
        ),
        ("What changed in Kent since 2021?", Filters(forces=("Kent Police",), since=2021)),
        ("Findings after 2020", Filters(since=2021)),
        ("Reports before 2019", Filters(until=2018)),
        ("What did HMICFRS publish in 2022?", Filters(since=2022, until=2022)),
        (
            "How many detectives did Bedfordshire have in March 2024?",
            Filters(forces=("Bedfordshire Police",)),
        ),
        ("Vetting between 2019 and 2022", Filters(since=2019, until=2022)),
        ("Custody reports 2019-2022", Filters(report_types=(CUSTODY,), since=2019, until=2022)),
        (
            "How was Durham graded in the last PEEL?",
            Filters(forces=("Durham Constabulary",), report_types=(PEEL,)),
        ),
        ("Which forces had PEEL causes of concern?", Filters(report_types=(PEEL,))),
        (
            "What did child protection inspections find about missing children?",
            Filters(report_types=(CP,)),
        ),
        (
            "What did the Wiltshire child protection post-inspection review find?",
            Filters(forces=(WILTS,), report_types=(PIR,)),
        ),
        (
            "Derbyshire child protection re-inspection",
            Filters(forces=(DERBYS,), report_types=(PIR,)),
        ),
        (
            "Compare the child protection inspections and their re-inspections",
            Filters(report_types=(CP, PIR)),
        ),
        ("List the post-inspection reviews", Filters(report_types=(PIR,))),
        ("Which forces were inadequate on crime data integrity?", Filters(report_types=(CDI,))),
        ("How good is crime recording in the Met?", Filters(forces=(MET,))),
        ("Which crime recording inspections found gaps?", Filters(report_types=(CDI,))),
        ("What did thematic inspections say about fraud?", Filters(report_types=(THEMATIC,))),
        ("What does State of Policing 2023 say about trust?", Filters(report_types=(SOP,))),
        (
            "Which forces left Engage in 2025?",
            Filters(since=2025, until=2025),
        ),
        (
            "What did the Engage letters say?",
            Filters(report_types=(ENGAGE,)),
        ),
        ("How are detainees treated in custody?", Filters()),
        ("What did inspections of police custody find?", Filters(report_types=(CUSTODY,))),
        ("Which forces are graded inadequate nationally?", Filters()),
        ("How do forces engage with communities?", Filters()),
        ("Which forces made 13 recommendations for 2,000 officers?", Filters()),
        ("Did forces in Wales improve?", Filters()),
        ("What about the Kentish and Essexville forces?", Filters()),
        (
            "PEEL 2021/22 findings for Staffordshire",  # the years its reports came out
            Filters(forces=("Staffordshire Police",), report_types=(PEEL,), since=2021, until=2023),
        ),
        ("What did the 2017 effectiveness inspection say?", Filters()),
        # the source it names says when; the years after it are what the report counts
        (
            "According to the 2020 report, how far did searches fall between 2015 and 2018?",
            Filters(),
        ),
        ("According to reports since 2019, how did searches change?", Filters(since=2019)),
        ("", Filters()),
    ],
)
def test_infer_filters(question, expected):
    assert infer_filters(question) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("since 2021", (2021, None)),
        ("Since 2021", (2021, None)),
        ("from 2020 onwards", (2020, None)),
        ("2019 or later", (2019, None)),
        ("in or after 2021", (2021, None)),
        ("since mid-2021", (2021, None)),
        ("after 2020", (2021, None)),
        ("post-2020", (2021, None)),
        ("after March 2020", (2020, None)),
        ("before 2019", (None, 2018)),
        ("prior to 2017", (None, 2016)),
        ("before June 2019", (None, 2019)),
        ("until 2020", (None, 2020)),
        ("up to 2020", (None, 2020)),
        ("2018 or earlier", (None, 2018)),
        ("in 2022", (2022, 2022)),
        ("during 2022", (2022, 2022)),
        ("in early 2022", (None, None)),  # dates an event, not a publication
        ("in March 2022", (None, None)),
        ("in the year 2016", (2016, 2016)),
        ("between 2019 and 2022", (2019, 2022)),
        ("Between 2022 and 2019", (2019, 2022)),
        ("2019-2022", (2019, 2022)),
        ("2019 – 2022", (2019, 2022)),
        ("from 2018 to 2020", (2018, 2020)),
        ("PEEL 2023–2025", (None, None)),  # a cycle label, not publication years
        ("the PEEL 2021/22 inspection", (None, None)),
        ("reports from 2023–2025", (2023, 2025)),
        ("since 2019 and before 2022", (2019, 2021)),
        ("in 2019 and in 2022", (2019, 2022)),
        ("before 2019 or after 2022", (None, None)),
        ("in 2021/22", (None, None)),
        ("PEEL 2021-22", (None, None)),
        ("the 2017 inspection", (None, None)),
        ("13 recommendations", (None, None)),
        ("2,000 officers", (None, None)),
        ("in 2000 cases", (None, None)),
        ("in 2019 percent", (None, None)),
        ("£2020 budget", (None, None)),
        ("last year", (None, None)),
        ("", (None, None)),
    ],
)
def test_parse_year_range(text, expected):
    assert parse_year_range(text) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("peel grades", (PEEL,)),
        ("police effectiveness, efficiency and legitimacy", (PEEL,)),
        ("child-protection inspections", (CP,)),
        ("child protection", ()),
        ("child protection follow-up", (PIR,)),
        ("post inspection revisits", (PIR,)),
        ("spotlight report", (THEMATIC,)),
        ("CDI", (CDI,)),
        ("crime-recording inspection", (CDI,)),
        ("crime recording", ()),
        ("annual assessment of policing", (SOP,)),
        ("monitoring letters", (ENGAGE,)),
        ("enhanced monitoring", ()),
        ("engage", ()),
        ("review of the response", ()),
        ("PEEL and custody reports and thematic", (PEEL, THEMATIC, CUSTODY)),
    ],
)
def test_infer_report_types(question, expected):
    assert infer_report_types(question) == expected


# --- the Filters value ---------------------------------------------------------------


def test_is_empty():
    assert Filters().is_empty()
    assert not Filters(forces=(WILTS,)).is_empty()
    assert not Filters(report_types=(PEEL,)).is_empty()
    assert not Filters(since=2020).is_empty()
    assert not Filters(until=2020).is_empty()


def test_lists_become_tuples():
    made = Filters(forces=[WILTS], report_types=[PEEL])  # type: ignore[arg-type]
    assert made == Filters(forces=(WILTS,), report_types=(PEEL,))
    assert hash(made) == hash(Filters(forces=(WILTS,), report_types=(PEEL,)))


@pytest.mark.parametrize(
    ("explicit", "inferred", "expected"),
    [
        (Filters(), Filters(forces=(MET,), since=2021), Filters(forces=(MET,), since=2021)),
        (
            Filters(forces=(GMP,)),
            Filters(forces=(MET,), report_types=(PEEL,)),
            Filters(forces=(GMP,), report_types=(PEEL,)),
        ),
        (Filters(report_types=(CDI,)), Filters(report_types=(PEEL,)), Filters(report_types=(CDI,))),
        (Filters(since=2020), Filters(until=2023), Filters(since=2020, until=2023)),
        (Filters(since=2020), Filters(since=2015, until=2018), Filters(since=2020)),
        (Filters(until=2019), Filters(since=2016), Filters(since=2016, until=2019)),
        (Filters(forces=(WILTS,)), Filters(), Filters(forces=(WILTS,))),
    ],
)
def test_merged_over(explicit, inferred, expected):
    assert explicit.merged_over(inferred) == expected


def doc(forces=(), report_type=None, published=None):
    return DocumentMeta(
        doc_id="d",
        source="d.md",
        title="t",
        forces=forces,
        report_type=report_type,
        published=published,
    )


WILTS_CP_2022 = doc((WILTS,), CP, "2022-08-05")
NOR_SUF_CUSTODY_2018 = doc((NORFOLK, SUFFOLK), CUSTODY, "2018-10-02")
NATIONAL_SOP_2023 = doc(("National",), SOP, "2023-06-09")
UNKNOWN = doc()


@pytest.mark.parametrize(
    ("filters", "meta", "expected"),
    [
        (Filters(), UNKNOWN, True),
        (Filters(forces=(WILTS,)), WILTS_CP_2022, True),
        (Filters(forces=(MET,)), WILTS_CP_2022, False),
        (Filters(forces=(SUFFOLK,)), NOR_SUF_CUSTODY_2018, True),
        (Filters(forces=(MET, NORFOLK)), NOR_SUF_CUSTODY_2018, True),
        (Filters(forces=("National",)), NATIONAL_SOP_2023, True),
        (Filters(forces=("National",)), WILTS_CP_2022, False),
        (Filters(forces=(WILTS,)), UNKNOWN, False),
        (Filters(report_types=(CP, PIR)), WILTS_CP_2022, True),
        (Filters(report_types=(PIR,)), WILTS_CP_2022, False),
        (Filters(report_types=(PEEL,)), UNKNOWN, False),
        (Filters(since=2022), WILTS_CP_2022, True),
        (Filters(since=2023), WILTS_CP_2022, False),
        (Filters(until=2022), WILTS_CP_2022, True),
        (Filters(until=2021), WILTS_CP_2022, False),
        (Filters(since=2022, until=2022), WILTS_CP_2022, True),
        (Filters(since=2000), UNKNOWN, False),
        (Filters(until=2030), UNKNOWN, False),
        (Filters(forces=(WILTS,), report_types=(CP,), since=2020, until=2022), WILTS_CP_2022, True),
        (Filters(forces=(WILTS,), report_types=(PEEL,)), WILTS_CP_2022, False),
    ],
)
def test_matches(filters, meta, expected):
    assert filters.matches(meta) is expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), None),
        (Filters(forces=(WILTS,)), {"forces": {"$contains": WILTS}}),
        (
            Filters(forces=(WILTS, DERBYS)),
            {"$or": [{"forces": {"$contains": WILTS}}, {"forces": {"$contains": DERBYS}}]},
        ),
        (Filters(report_types=(PEEL,)), {"report_type": {"$eq": PEEL}}),
        (Filters(report_types=(CP, PIR)), {"report_type": {"$in": [CP, PIR]}}),
        (Filters(since=2021), {"year": {"$gte": 2021}}),
        (Filters(until=2018), {"year": {"$lte": 2018}}),
        (Filters(since=2022, until=2022), {"year": {"$eq": 2022}}),
        (
            Filters(since=2019, until=2022),
            {"$and": [{"year": {"$gte": 2019}}, {"year": {"$lte": 2022}}]},
        ),
        (
            Filters(forces=(MET, GMP), report_types=(PEEL,), since=2019, until=2022),
            {
                "$and": [
                    {"$or": [{"forces": {"$contains": MET}}, {"forces": {"$contains": GMP}}]},
                    {"report_type": {"$eq": PEEL}},
                    {"year": {"$gte": 2019}},
                    {"year": {"$lte": 2022}},
                ]
            },
        ),
    ],
)
def test_to_where(filters, expected):
    assert filters.to_where() == expected


def test_describe():
    assert Filters(forces=(MET,), report_types=(PEEL, CDI), since=2019).describe() == {
        "forces": [MET],
        "report_types": [PEEL, CDI],
        "since": 2019,
        "until": None,
    }
    assert Filters().describe() == {"forces": [], "report_types": [], "since": None, "until": None}


def test_from_options_normalises_names():
    made = Filters.from_options(forces=["the Met", "GMP", "MPS"], report_types=["peel"], since=2020)
    assert made == Filters(forces=(MET, GMP), report_types=(PEEL,), since=2020)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"forces": ["Gotham"]}, "unknown force 'Gotham'; choose one of: Avon and Somerset"),
        (
            {"report_types": ["annual"]},
            "unknown report type 'annual'; choose one of: PEEL inspection",
        ),
    ],
)
def test_from_options_rejects_unknown_names(options, message):
    with pytest.raises(ConfigError, match=message):
        Filters.from_options(**options)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (WILTS_CP_2022, {"forces": [WILTS], "report_type": CP, "year": 2022}),
        (
            NOR_SUF_CUSTODY_2018,
            {"forces": [NORFOLK, SUFFOLK], "report_type": CUSTODY, "year": 2018},
        ),
        (UNKNOWN, {}),
    ],
)
def test_filter_metadata(meta, expected):
    assert filter_metadata(meta) == expected


# --- the where filter against a real embedded Chroma ---------------------------------

RECORDS = {
    "wilts-cp-2022": WILTS_CP_2022,
    "norsuf-custody-2018": NOR_SUF_CUSTODY_2018,
    "national-sop-2023": NATIONAL_SOP_2023,
    "met-peel-2022": doc((MET,), PEEL, "2022-09-22"),
    "derbys-pir-2022": doc((DERBYS,), PIR, "2022-10-21"),
    "unknown": UNKNOWN,
}


@pytest.fixture(scope="module")
def collection():
    chromadb = pytest.importorskip("chromadb")
    client = chromadb.EphemeralClient()
    name = f"filters-{uuid.uuid4().hex[:12]}"
    coll = client.create_collection(name, embedding_function=None)
    ids = list(RECORDS)
    coll.add(
        ids=ids,
        embeddings=[[1.0, float(i), 0.5] for i in range(len(ids))],
        documents=[f"text of {i}" for i in ids],
        metadatas=[{"doc_id": i, **filter_metadata(RECORDS[i])} for i in ids],
    )
    yield coll
    client.delete_collection(name)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(forces=(WILTS,)), {"wilts-cp-2022"}),
        (Filters(forces=(SUFFOLK,)), {"norsuf-custody-2018"}),
        (Filters(forces=(WILTS, NORFOLK)), {"wilts-cp-2022", "norsuf-custody-2018"}),
        (Filters(forces=("National",)), {"national-sop-2023"}),
        (Filters(forces=("Kent Police",)), set()),
        (Filters(report_types=(PEEL,)), {"met-peel-2022"}),
        (Filters(report_types=(CP, PIR)), {"wilts-cp-2022", "derbys-pir-2022"}),
        (Filters(since=2022, until=2022), {"wilts-cp-2022", "met-peel-2022", "derbys-pir-2022"}),
        (Filters(since=2023), {"national-sop-2023"}),
        (Filters(until=2018), {"norsuf-custody-2018"}),
        (Filters(since=2019, until=2022), {"wilts-cp-2022", "met-peel-2022", "derbys-pir-2022"}),
        (
            Filters(forces=(WILTS, DERBYS), report_types=(CP, PIR), since=2022),
            {"wilts-cp-2022", "derbys-pir-2022"},
        ),
        (Filters(forces=(MET,), report_types=(CP,)), set()),
    ],
)
def test_to_where_in_chroma_agrees_with_matches(collection, filters, expected):
    got = set(collection.get(where=filters.to_where())["ids"])
    assert got == expected
    assert {i for i, meta in RECORDS.items() if filters.matches(meta)} == expected


def test_to_where_works_in_a_chroma_query(collection):
    result = collection.query(
        query_embeddings=[[1.0, 0.0, 0.5]],
        n_results=3,
        where=Filters(forces=(NORFOLK, MET)).to_where(),
    )
    assert set(result["ids"][0]) == {"norsuf-custody-2018", "met-peel-2022"}

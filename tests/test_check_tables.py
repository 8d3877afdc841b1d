"""Claims the facts table can judge: moves into and out of Engage, the inspector who led
an inspection (issue 23: facts a report states in sentences far apart, or another report
states)."""

from __future__ import annotations

import pytest

from index.lexicon.facts import stated_facts
from index.records import Record
from index.types import DocumentMeta
from retrieval.check.inspectors import inspector_reading
from retrieval.check.monitoring import claimed_moves, fits, monitored_reading
from retrieval.check.results import ClaimVerdict
from retrieval.facts.table import FactRow

LETTER = DocumentMeta(
    doc_id="2024-05-exampleshire-engage-letter",
    source="letter.md",
    title="Kent Police: return to Scan",
    forces=("Kent Police",),
    published="2024-05-21",
)


def row(value: str, when: str | None, quote: str, meta: DocumentMeta = LETTER) -> FactRow:
    record = Record(meta.doc_id, "Kent Police", "monitoring", "engage", value, when, 0, 9, quote)
    return FactRow(record, meta)


ROWS = [
    row("entered", "2022-07-06", "On 6 July 2022 the force was moved into Engage."),
    row("left", None, "Kent Police: return to Scan"),
]


@pytest.mark.parametrize(
    ("claim", "moves"),
    [
        (
            "Kent Police left Engage in May 2024, after being in Engage since July 2022.",
            [("left", "2024-05"), ("entered", "2022-07")],
        ),
        (
            "Kent Police spent two years in Engage, from July 2022 until it returned to Scan "
            "in May 2024.",
            [("entered", "2022-07"), ("left", "2024-05")],
        ),
        ("In 2019 Kent Police was placed in Engage.", [("entered", "2019")]),
        ("Kent Police was graded good in 2019.", []),
    ],
)
def test_a_claims_moves_take_the_time_after_their_cue(claim, moves):
    assert [(m.value, m.when) for m in claimed_moves(claim)] == moves


def test_a_time_fits_as_far_as_both_say():
    assert fits("2022-07", "2022-07-06") and fits("2022", "2022-07")
    assert not fits("2022-06", "2022-07-06") and not fits("2021", "2022")


def check(claim: str):  # noqa: ANN201
    return monitored_reading(claim, stated_facts(claim), ROWS)


def test_moves_the_table_dates_support_the_claim_and_are_cited():
    reading = check("Kent Police had been in Engage since July 2022.")
    assert reading is not None and reading.verdict is ClaimVerdict.SUPPORTED
    assert [u.text for u in reading.units] == ["On 6 July 2022 the force was moved into Engage."]


def test_a_length_of_time_between_the_moves_is_checked_too():
    claim = "Kent Police spent about two years in Engage, from July 2022 until May 2024."
    assert check(claim).verdict is ClaimVerdict.SUPPORTED
    longer = "Kent Police spent about five years in Engage, from July 2022 until May 2024."
    assert check(longer) is None  # the table does not say; the sentences decide


def test_an_undated_move_is_dated_by_the_release_announcing_it():
    reading = check("Kent Police returned to Scan in May 2024.")
    assert reading is not None and reading.verdict is ClaimVerdict.SUPPORTED
    assert check("Kent Police returned to Scan in June 2024.") is None  # nothing dates it


def test_a_move_the_table_dates_otherwise_is_contradicted():
    reading = check("Kent Police was placed in Engage in March 2021.")
    assert reading is not None and reading.verdict is ClaimVerdict.CONTRADICTED
    assert [(m.text, t.text) for m, t in reading.facts.differing] == [("March 2021", "6 July 2022")]


def test_a_claim_on_another_force_or_with_more_to_check_is_left_to_the_sentences():
    assert check("Essex Police had been in Engage since July 2022.") is None
    assert check("Kent Police had been in Engage since July 2022 and made 40 arrests.") is None


# -- the inspector who led an inspection ----------------------------------------------------
def led_by(name: str, title: str, published: str) -> FactRow:
    meta = DocumentMeta(
        doc_id=title,
        source=f"{title}.md",
        title=title,
        forces=("Kent Police",),
        published=published,
    )
    quote = f"{name}, HM Inspector of Constabulary"
    record = Record(title, "Kent Police", "person", "inspector", name, published[:4], 0, 9, quote)
    return FactRow(record, meta)


LED = [
    led_by("Jane Doe", "Kent 2017 (PEEL)", "2018-03-22"),
    led_by("John Roe", "Kent 2018/19 (PEEL)", "2019-09-27"),
]


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("Jane Doe was the HM Inspector for Kent Police's 2017 PEEL assessment.", "supported"),
        # the report's title dates it, not its publication year (2018)
        ("John Roe was the HM Inspector for Kent Police's 2017 PEEL assessment.", "contradicted"),
        ("HM Inspector John Roe led Kent Police's 2018/19 PEEL inspection.", "supported"),
    ],
)
def test_the_inspector_of_a_force_s_inspection_at_the_claim_s_time_decides(claim, verdict):
    reading = inspector_reading(claim, stated_facts(claim), LED)
    assert reading is not None and reading.verdict.value == verdict
    assert reading.units[0].text.endswith("HM Inspector of Constabulary")


def test_the_table_leaves_an_inspector_claim_it_cannot_date_or_more_to_the_sentences():
    for claim in (
        "Jane Doe was the HM Inspector for Kent Police.",  # no time
        "Jane Doe was the HM Inspector for Kent Police in 2021.",  # no report of 2021
        "Jane Doe was the HM Inspector for Kent Police's 2017 PEEL assessment, which made "
        "12 recommendations.",
    ):
        assert inspector_reading(claim, stated_facts(claim), LED) is None, claim

"""Disagreeing figures or dates between cited passages are reported, not silently resolved."""

from __future__ import annotations

from index.types import Citation, DocumentMeta
from retrieval.answer.conflicts import find_conflicts


def cite(
    n: int, doc: str, quote: str, force: str = "Wiltshire Police", published: str | None = None
) -> Citation:
    meta = DocumentMeta(doc, f"{doc}.md", doc, (force,), None, published)
    return Citation(n=n, meta=meta, quote=quote, start=0, end=len(quote))


def test_different_counts_of_the_same_thing_are_flagged_with_both_markers():
    notes = find_conflicts([
        cite(1, "a", "The report made 13 recommendations to the force."),
        cite(2, "b", "Inspectors made 9 recommendations in total."),
    ])
    assert notes == ["The sources differ on recommendations: [1] says 13, [2] says 9."]


def test_different_publication_dates_are_flagged():
    notes = find_conflicts([
        cite(1, "a", "The report was published on 5 August 2022 by the inspectorate."),
        cite(2, "b", "It was published on 15 September 2022 after a delay."),
    ])
    assert len(notes) == 1 and "[1] says 5 August 2022" in notes[0] and "[2]" in notes[0]


def test_agreeing_passages_and_other_forces_are_not_conflicts():
    assert find_conflicts([
        cite(1, "a", "The report made 13 recommendations."),
        cite(2, "b", "All 13 recommendations were accepted."),
        cite(3, "c", "The report made 9 recommendations.", force="Kent Police"),
    ]) == []


def test_one_report_giving_two_dates_or_counts_is_no_conflict():
    """An interim and a final report, or this year's count and last year's: one source."""
    assert find_conflicts([
        cite(1, "a", "The report was published on 17 September 2021."),
        cite(2, "a", "An interim report, published in July 2021, came out early."),
        cite(3, "a", "The report made 13 recommendations."),
        cite(4, "a", "Two of the 2022 recommendations were still open."),
    ]) == []


def test_a_year_before_a_noun_is_no_count():
    assert find_conflicts([
        cite(1, "a", "The report made 13 recommendations."),
        cite(2, "b", "The force had acted on the 2022 recommendations."),
    ]) == []


def test_a_month_agrees_with_a_full_date_in_it():
    assert find_conflicts([
        cite(1, "a", "The PEEL report, published in September 2022, graded the force."),
        cite(2, "b", "The report was published on 22 September 2022."),
    ]) == []


def test_counts_or_dates_from_different_years_are_no_conflict():
    """A later report counts a later year; a date years apart is another inspection."""
    first = "The force failed to record 24,300 crimes; it was inspected in March 2017."
    later = "It now records 25,400 more crimes; it was inspected in May 2019."
    assert find_conflicts([
        cite(1, "a", first, published="2017-06-01"),
        cite(2, "b", later, published="2019-01-15"),
    ]) == []
    same_year = find_conflicts([
        cite(1, "a", "The force failed to record 24,300 crimes.", published="2019-01-01"),
        cite(2, "b", "The force failed to record 25,400 crimes.", published="2019-06-01"),
    ])
    assert same_year == ["The sources differ on crimes: [1] says 24300, [2] says 25400."]


"""Disagreeing figures or dates between cited passages are reported, not silently resolved."""

from __future__ import annotations

from index.types import Citation, DocumentMeta
from retrieval.conflicts import find_conflicts


def cite(n: int, doc: str, quote: str, force: str = "Wiltshire Police") -> Citation:
    meta = DocumentMeta(doc_id=doc, source=f"{doc}.md", title=doc, forces=(force,))
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

"""Which report a claim speaks of when it dates that report to the day or month.

"The effectiveness report, released on 2 March, judged the force inadequate" is about a
report that states 2 March. When a reading that agrees (or partly agrees) comes from such a
report, a contradiction from a report that never states the date speaks of another report
of the series (another edition, another year) and is set aside.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.lexicon.facts import TIMES, StatedFact, names_time, stated_facts, time_parts
from index.types import TextOf
from retrieval.check.reading import Reading
from retrieval.check.results import ClaimVerdict

_CONTRA = ClaimVerdict.CONTRADICTED


def of_the_dated_report(
    found: list[Reading], times: Sequence[StatedFact], text_of: TextOf
) -> list[Reading]:
    """The readings, less the contradictions of reports that never state the day or month
    the claim dates its report to, when a reading that does not contradict comes from a
    report that states it."""
    days = [t for t in times if time_parts(t)[1] is not None]
    if not days:
        return found
    naming = {doc: _names(text_of(doc) or "", days) for doc in {r.units[0].doc_id for r in found}}
    if not any(naming[r.units[0].doc_id] for r in found if r.verdict is not _CONTRA):
        return found
    return [r for r in found if r.verdict is not _CONTRA or naming[r.units[0].doc_id]]


def _names(text: str, days: Sequence[StatedFact]) -> bool:
    """Whether a report's text states one of ``days`` in every part it gives (its facts
    are read once: stated_facts keeps them by text)."""
    stated = [f for f in stated_facts(text) if f.kind in TIMES]
    return any(names_time(day, fact) for day in days for fact in stated)

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


class ReportTimes:
    """The times each report states, read once per report."""

    def __init__(self, text_of: TextOf) -> None:
        self.text_of = text_of
        self._stated: dict[str, list[StatedFact]] = {}

    def names(self, doc_id: str, times: Sequence[StatedFact]) -> bool:
        """Whether the report states one of ``times`` in every part it gives."""
        stated = self._stated.get(doc_id)
        if stated is None:
            text = self.text_of(doc_id) or ""
            stated = self._stated[doc_id] = [f for f in stated_facts(text) if f.kind in TIMES]
        return any(names_time(time, fact) for time in times for fact in stated)


def of_the_dated_report(
    found: list[Reading], times: Sequence[StatedFact], reports: ReportTimes
) -> list[Reading]:
    """The readings, less the contradictions of reports that never state the day or month
    the claim dates its report to, when a reading that does not contradict comes from a
    report that states it."""
    days = [t for t in times if time_parts(t)[1] is not None]
    if not days:
        return found
    naming = {doc: reports.names(doc, days) for doc in {r.units[0].doc_id for r in found}}
    if not any(naming[r.units[0].doc_id] for r in found if r.verdict is not _CONTRA):
        return found
    return [r for r in found if r.verdict is not _CONTRA or naming[r.units[0].doc_id]]

"""A length of time two times span: "placed under review in March 2019 … returned to
normal in February 2021" states "about two years" as a reader works it out.

A time is read as the stretch it names (a year, a month, a day); the time between two
of them is the distance between their middles, give or take half of each one's
stretch. A duration agrees with that when the two overlap, the duration taken a tenth
either way, for a length worked out from dates is never exact ("three years" after
"2012 … until 2015"; not "two years"). Times that overlap span nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from index.lexicon.facts import TIMES, Fact, StatedFact, time_parts

_YEAR_DAYS = 365.25
_MONTH_DAYS = _YEAR_DAYS / 12
_SLACK = 0.1  # a duration's own give, either way


def stretch(fact: StatedFact) -> tuple[float, float] | None:
    """The days (from year 0) a time covers, or None when it names no year."""
    years, month, day = time_parts(fact)
    if not years:
        return None
    start = years[0] * _YEAR_DAYS
    if month is None:
        return start, (years[-1] + 1) * _YEAR_DAYS
    start += (month[0] - 1) * _MONTH_DAYS
    if day is None:
        return start, start + _MONTH_DAYS
    start += day[0] - 1
    return start, start + 1


def spanned(duration: StatedFact, times: Sequence[StatedFact]) -> bool:
    """Whether two of the times lie a duration apart (``duration`` a duration fact)."""
    if duration.kind is not Fact.DURATION or duration.measure is None:
        return False
    length = duration.measure.comparable()
    if isinstance(length, tuple):
        return False
    low, high = length * (1 - _SLACK), length * (1 + _SLACK)
    stretches = {s for t in times if t.kind in TIMES and (s := stretch(t)) is not None}
    for one, other in combinations(sorted(stretches), 2):
        if other[0] < one[1]:
            continue  # one time within the other ("2022", "September 2022")
        middle = (other[0] + other[1]) / 2 - (one[0] + one[1]) / 2
        give = (other[1] - other[0] + one[1] - one[0]) / 4
        if middle - give <= high and low <= middle + give:
            return True
    return False

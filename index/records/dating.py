"""When a record holds: the date (or span of dates) a passage gives it, as precise as
stated: "2022-06-28", "2022-06", "2022", "2018-05-14/2018-05-25"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.lexicon.dates import When, dates

_OPEN = re.compile(r"\b(?:between|from|in|during)\s+(?:(?:early|late|mid)[-\s]+)?$", re.I)
_JOIN = re.compile(r"^\s*(?:and|to|until|-|–)\s+(?:(?:early|late|mid)[-\s]+)?$", re.I)
# A statute's year names the law, not a time: "the Police and Criminal Evidence Act 1984".
_STATUTE = re.compile(r"\b(?:Act|Regulations|Order)\s*$")
_DAY_FIRST = re.compile(r"\b(?:between|from)\s+(\d{1,2})\s+(?:and|to|-|–)\s+$", re.I)


@dataclass(frozen=True)
class Dated:
    """A date or span of dates in a passage: its offsets, its value, its first date."""

    start: int
    end: int
    value: str  # "2022-06", "2018-05-14/2018-05-25"
    first: When


def when_of(value: When) -> str | None:
    """A date as a record keeps it: "2022-06-28", "2022-06" or "2022" (a season or a
    label of years by its first year); None without a year."""
    if value.year is None:
        return None
    if value.day is not None and value.month is not None:
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if value.month is not None:
        return f"{value.year:04d}-{value.month:02d}"
    return f"{value.year:04d}"


def dated(sentence: str) -> list[Dated]:
    """Every date or span of dates with a year in ``sentence``: "between February and May
    2016" is one span (the first month takes the last's year), "between 14 and 25 May
    2018" too (the first day takes its month and year)."""
    found = dates(sentence)
    spans: list[Dated] = []
    skip: set[int] = set()
    for i, date in enumerate(found):
        if i in skip:
            continue
        after = found[i + 1] if i + 1 < len(found) else None
        opened = _OPEN.search(sentence[: date.start])
        if after and after.value.year and opened and _JOIN.match(sentence[date.end : after.start]):
            first = date.value if date.value.year else _with_year(date.value, after.value.year)
            value = f"{when_of(first)}/{when_of(after.value)}"
            spans.append(Dated(date.start, after.end, value, first))
            skip.add(i + 1)
            continue
        if date.value.year is None or _STATUTE.search(sentence[: date.start]):
            continue
        day = _DAY_FIRST.search(sentence[: date.start])
        if day and date.detail == "day":
            first = When(date.value.year, date.value.month, int(day.group(1)))
            value = f"{when_of(first)}/{when_of(date.value)}"
            spans.append(Dated(day.start(1), date.end, value, first))
            continue
        spans.append(Dated(date.start, date.end, when_of(date.value) or "", date.value))
    return spans


def _with_year(value: When, year: int) -> When:
    return When(year, value.month, value.day, value.season)


def nearest_date(sentence: str, at: int, *, after_first: bool = True) -> Dated | None:
    """The dated span of ``sentence`` nearest to offset ``at``: the first after it, else
    the last before it (``after_first``), or simply the nearest."""
    found = dated(sentence)
    after = [d for d in found if d.start >= at]
    before = [d for d in found if d.end <= at]
    if after_first:
        return after[0] if after else (before[-1] if before else None)
    return min(found, key=lambda d: min(abs(d.start - at), abs(d.end - at)), default=None)

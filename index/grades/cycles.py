"""Inspection cycles: the annual PEEL assessments "PEEL 2014" to "PEEL 2017", the
integrated "PEEL 2018/19", "PEEL 2021/22", "PEEL 2023–2025", and the rolling "Crime data
integrity 2016–2019" programme (from 2021 crime recording is a PEEL area, so its grades
take the PEEL cycle); the cues that state one, and the years a cycle spans.
"""

from __future__ import annotations

import re

from index.grades.vocabulary import CDI
from index.lexicon.dates import YEAR, years

CHILD_PROTECTION = "child protection:"  # the prefix of a child protection topic's label

# --- cycles ----------------------------------------------------------------------------

CDI_CYCLE = "Crime data integrity 2016–2019"
# National child protection inspections graded forces from 2023; their topics have no other.
CHILD_PROTECTION_CYCLE = "National child protection 2023–"
CYCLES: tuple[str, ...] = (
    "PEEL 2014",
    "PEEL 2015",
    "PEEL 2016",
    "PEEL 2017",
    "PEEL 2018/19",
    "PEEL 2021/22",
    "PEEL 2023–2025",
    CDI_CYCLE,
    CHILD_PROTECTION_CYCLE,
)
_PEEL_BY_YEAR = {
    2014: "PEEL 2014",
    2015: "PEEL 2015",
    2016: "PEEL 2016",
    2017: "PEEL 2017",
    2018: "PEEL 2018/19",
    2019: "PEEL 2018/19",
    2021: "PEEL 2021/22",
    2022: "PEEL 2021/22",
    2024: "PEEL 2023–2025",
    2025: "PEEL 2023–2025",
}
# The publication date (ISO, inclusive) from which each cycle's reports appeared.
_PEEL_BY_DATE: tuple[tuple[str, str | None], ...] = (
    ("2014-10-01", "PEEL 2014"),
    ("2015-10-01", "PEEL 2015"),
    ("2016-10-01", "PEEL 2016"),
    ("2017-09-01", "PEEL 2017"),
    ("2018-10-01", "PEEL 2018/19"),
    ("2021-01-01", "PEEL 2021/22"),
    ("2023-07-01", "PEEL 2023–2025"),
    ("2026-07-01", None),
)
_DASH = "[\u2013\u2014-]"
# A stated cycle or year: "2021/22", "2023–2025", "PEEL 2016", "in 2017", "2016 crime
# data integrity inspection"; never a publication date ("published in 2023").
CYCLE_CUE = re.compile(
    rf"\b(?P<a>{YEAR})(?:/(?P<b>\d\d)\b|{_DASH}(?:20)?(?P<c>\d\d)\b)"
    rf"|(?<!published )\b(?:PEEL|in|for) (?P<y>{YEAR})\b(?![/\u2013\u2014-]\d)"
    rf"|\b(?P<z>{YEAR}) (?:PEEL|crime data integrity|integrated|inspection|re-?inspection"
    r"|assessment|report)",
    re.I,
)
HEADER_CUE = re.compile(rf"{CYCLE_CUE.pattern}|\b(?P<bare>{YEAR})\b", re.I)  # "2017"
PREVIOUS_CUE = re.compile(r"\bprevious(?:ly)?\b|\bearlier\b|\blast (?:inspection|year)\b", re.I)
NOW = re.compile(r"\bnow\s+(?:graded\s+)?$", re.I)


def cycle_of_cue(cue: re.Match[str], area: str) -> str | None:
    """The cycle a CYCLE_CUE or HEADER_CUE match names for this area."""
    if area.startswith(CHILD_PROTECTION):
        return CHILD_PROTECTION_CYCLE
    groups = cue.groupdict()
    year = int(next(groups[k] for k in ("a", "y", "z", "bare") if groups.get(k)))
    span = bool(groups.get("b") or groups.get("c"))
    if area.startswith(CDI) and 2016 <= year <= 2019:
        return CDI_CYCLE
    return "PEEL 2023–2025" if span and year == 2023 else _PEEL_BY_YEAR.get(year)


def current_cycle(published: str | None, area: str) -> str | None:
    """The cycle whose reports were appearing when a report was published: what a grade
    of that cycle in it dates from (never the cycle of a grade no text states)."""
    if area.startswith(CHILD_PROTECTION):
        return CHILD_PROTECTION_CYCLE
    if not published:
        return None
    if area.startswith(CDI) and "2016-01-01" <= published < "2021-01-01":
        return CDI_CYCLE
    return next((c for start, c in reversed(_PEEL_BY_DATE) if published >= start), None)


def report_cycle(title: str, area: str) -> str | None:
    """A report's own cycle, as its title states it: a PEEL title's year or years ("PEEL
    2021/22", "Police effectiveness 2015"), the programme year of another title ("State
    of Policing … 2022", "Crime Data Integrity inspection 2016"); else None (a publication
    date alone states no cycle)."""
    if area.startswith(CHILD_PROTECTION):
        return CHILD_PROTECTION_CYCLE
    cue = CYCLE_CUE.search(title) or HEADER_CUE.search(title)
    return cycle_of_cue(cue, area) if cue else None


def previous_cycle(cycle: str | None) -> str | None:
    """The PEEL cycle before this one (PEEL 2017 before PEEL 2018/19), else None."""
    if cycle is None or cycle == CDI_CYCLE:
        return None
    index = CYCLES.index(cycle)
    return CYCLES[index - 1] if index > 0 else None


def cycle_years(cycle: str | None) -> list[int]:
    """The years a cycle's label spans: "PEEL 2018/19" [2018, 2019], "PEEL 2016" [2016]."""
    found: set[int] = set()
    for span in years(cycle or ""):
        first, _, last = span.value.partition("-")
        found.update(range(int(first), int(last or first) + 1))
    return sorted(found)

"""Years, months and dates: YEAR and DATE spans, and the day-first parse of a full date.

A YEAR is a four-digit year from 1900 to 2099 that is no part of a larger number, a
decimal, a percentage or a count ("2,019", "2019 officers"), or a label of years
("2018/19", "2023–2025"; value "2018-2019"). A DATE has a precision: a day ("5 Aug.
2022", "05.08.2022", "2022-08-05", "16 November"), a month ("August 2022", "in March"),
a season ("summer 2022") or a year. Month names alone count only with their capital
("may" is a verb), and numeric dates are read day first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from index.lexicon.span import Concept, Span, longest_first

MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Lower-case month names and abbreviations ("sep", "sept") -> month number.
MONTHS: Mapping[str, int] = MappingProxyType(
    {name.casefold(): number for number, name in enumerate(MONTH_NAMES, start=1)}
    | {name[:3].casefold(): number for number, name in enumerate(MONTH_NAMES, start=1)}
    | {"sept": 9}
)
SEASONS = ("spring", "summer", "autumn", "winter")

# --- pattern fragments, for the phrases other modules compose (filters, cycles) --------
# A month name or abbreviation with an optional full stop ("Sept."); use with re.I.
MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
# A capitalised month name or abbreviation (case-sensitive: "may" is no month).
CAPITAL_MONTH = (
    "(?:"
    + "|".join(sorted([*MONTH_NAMES, *(n[:3] for n in MONTH_NAMES), "Sept"], key=len, reverse=True))
    + r")\b\.?"
)
FULL_MONTH = "(?:" + "|".join(MONTH_NAMES) + r")\b"  # capitalised full names only
YEAR = r"(?:19|20)\d\d"  # four digits of a year; YEAR_SPANS adds what may not surround it
YEAR_LABEL = rf"{YEAR}(?:\s*[/\u2013\u2014-]\s*(?:19|20)?\d\d)?\b"  # "2016", "2021/22"
_ORDINAL = r"(?:st|nd|rd|th)?"
# Count nouns a four-digit number may count: "2000 officers" is no year.
_COUNTED = (
    r"officers|staff|cases|crimes|offences|people|victims|children|calls|incidents|arrests"
    r"|records|detainees|recommendations|reports\s+of"
)
_YEAR_RE = re.compile(
    rf"(?<![\w,.£$])(?<!\d[/-])(?P<y>{YEAR})"
    rf"(?:\s*[/\u2013\u2014-]\s*(?P<z>(?:19|20)?\d\d)(?!\d|[/.-]\d))?"
    rf"(?!\w|[,.]\d|\s*%|\s*per\s?cent\b|-\d\d?[-/.]\d)",
    re.I,
)
_COUNTS_AFTER = re.compile(rf"\s+(?:{_COUNTED})\b", re.I)
# Words that make the number before a count noun a year: "the 2019 recommendations" (of
# that year), "since 2019 officers have …"; but "has 2000 officers", "in 2000 cases".
_DATES_BEFORE = re.compile(
    r"\b(?:since|until|during|before|after|the|its|their|this|that|these|those)\s+$", re.I
)

# Each pattern yields (year, month, day) through its named groups.
_DAY_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<![A-Za-z])D:(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
    re.compile(r"(?<![\d/.-])(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})(?!\d)"),
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<mn>{MONTH}),?\s+(?P<y>\d{{4}})(?!\d)",
        re.I,
    ),
    re.compile(rf"\b(?P<mn>{MONTH})\s+(?P<d>\d{{1,2}}){_ORDINAL},?\s+(?P<y>\d{{4}})(?!\d)", re.I),
)
# A day without its year: "16 November", "1st of May", "November 16" (capitalised month).
_DAY_ONLY_RES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<![\d.])\b(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<mn>{CAPITAL_MONTH})"),
    re.compile(rf"\b(?P<mn>{CAPITAL_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![,.]?\d)"),
)
_MONTH_YEAR = re.compile(rf"\b(?P<mn>{CAPITAL_MONTH}),?\s+(?P<y>{YEAR})\b(?![/\u2013\u2014-]\d)")
_MONTH_ALONE = re.compile(rf"\b(?P<mn>{FULL_MONTH})")
_SEASON = re.compile(rf"\b(?P<s>{'|'.join(SEASONS)})\s+(?:of\s+)?(?P<y>{YEAR})\b", re.I)


@dataclass(frozen=True)
class When:
    """A point in time at some precision; unknown parts are None."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: str | None = None
    last_year: int | None = None  # a label of years: "2018/19" runs to 2019

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "season" if self.season else "year"

    def __str__(self) -> str:
        if self.season:
            return f"{self.season} {self.year}"
        year = f"{self.year:04d}" if self.year else "-"
        if self.last_year:
            return f"{year}-{self.last_year}"
        parts = [year] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)

    def iso(self) -> str | None:
        """YYYY-MM-DD for a full date, else None."""
        return str(self) if self.year and self.day else None

    def years(self) -> set[int]:
        if self.year is None:
            return set()
        return set(range(self.year, (self.last_year or self.year) + 1))


def _when(match: re.Match[str]) -> When | None:
    """The (valid) date a match of a date pattern names, or None."""
    groups = match.groupdict()
    month = MONTHS[groups["mn"].rstrip(".").casefold()] if groups.get("mn") else int(groups["m"])
    year = int(groups["y"]) if groups.get("y") else None
    day = int(groups["d"]) if groups.get("d") else None
    try:
        date(year or 2000, month, day or 1)
    except ValueError:
        return None
    if year is not None and not 1900 <= year <= 2100:
        return None
    return When(year, month, day)


def _label_end(first: int, tail: str | None) -> int | None:
    """The last year of a label ("2018/19" -> 2019): within five years, else None."""
    if not tail:
        return None
    last = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
    return last if first < last <= first + 5 else None


def years(text: str) -> list[Span]:
    """Every YEAR: a year, or a label of years (detail "label"); a number that counts
    ("has 2000 officers", "in 2000 cases") is no year, unless a word before it makes it
    one ("the 2019 recommendations", "since 2019 officers have …")."""
    found = []
    for match in _YEAR_RE.finditer(text):
        before = text[max(0, match.start() - 9) : match.start()]
        if _COUNTS_AFTER.match(text, match.end()) and not _DATES_BEFORE.search(before):
            continue
        first, tail = int(match["y"]), match["z"]
        last = _label_end(first, tail)
        if last:
            found.append(_year_span(text, match.start(), match.end(), f"{first}-{last}", "label"))
            continue
        found.append(_year_span(text, match.start(), match.end("y"), str(first)))
        if tail and len(tail) == 4:  # a range too wide for a label: two years
            found.append(_year_span(text, match.start("z"), match.end("z"), tail))
    return found


def _year_span(text: str, start: int, end: int, value: str, detail: str = "") -> Span:
    return Span(Concept.YEAR, start, end, text[start:end], value, detail)


def dates(text: str) -> list[Span]:
    """Every DATE, longest first where they overlap: days, months, seasons and years;
    its detail is the precision ("day", "month", "season", "year")."""
    found: list[Span] = []
    for pattern in (*_DAY_RES, *_DAY_ONLY_RES, _MONTH_YEAR, _MONTH_ALONE):
        for match in pattern.finditer(text):
            when = _when(match)
            if when is not None:
                found.append(_date_span(text, match.start(), match.end(), when))
    for match in _SEASON.finditer(text):
        when = When(int(match["y"]), season=match["s"].lower())
        found.append(_date_span(text, match.start(), match.end(), when))
    for year in years(text):
        first, _, last = year.value.partition("-")
        when = When(int(first), last_year=int(last) if last else None)
        found.append(_date_span(text, year.start, year.end, when))
    return longest_first(found)


def _date_span(text: str, start: int, end: int, when: When) -> Span:
    return Span(Concept.DATE, start, end, text[start:end], when, when.precision)


def full_dates(text: str) -> list[Span]:
    """The dates that give a day, a month and a year, in text order."""
    return [s for s in dates(text) if s.value.iso()]


def parse_date(text: str) -> str | None:
    """The first full date in ``text`` as YYYY-MM-DD; numeric dates are read day first.

    A date must name its day and year ("August 2022" is None); impossible dates are None.
    """
    found = full_dates(text)
    return found[0].value.iso() if found else None


def date_at(text: str, position: int) -> Span | None:
    """The full date that starts exactly at ``position``, if any."""
    return next((s for s in full_dates(text[position:]) if s.start == 0), None)


def states_day(text: str) -> bool:
    """Whether ``text`` gives a day: "5 August 2022", "August 5", "05/08/2022", "2022-08-05"."""
    return any(s.detail == "day" for s in dates(text))


# A time a comparison sets the statement against: "4% more than in 2019", "compared
# with 2019", "up from 70% in 2017", a change "since" one ("a drop of 11 points since
# 2018"); the statement's own time is another ("in Engage since 2022" is its own).
_COMPARED_BEFORE = re.compile(
    r"\b(?:than|compared (?:with|to)|(?:up|down) from(?: \S+ in)?)\s+(?:in\s+|that of\s+)?$"
    r"|\b(?:drop|fall|rise|increase|decrease|reduction|(?:percentage )?points?|up|down)\b"
    r"[^.;]{0,30}?\bsince\s+$",
    re.I,
)


def compared_time(text: str, start: int) -> bool:
    """Whether the time starting at ``start`` is what the statement is compared with."""
    return _COMPARED_BEFORE.search(text[max(0, start - 60) : start]) is not None


def written_date(iso: str) -> str:
    """A date kept as ISO ("2022-07-06", "2022-06", "2022"; a span by its first date)
    as a reader writes it: "6 July 2022", "June 2022", "2022"."""
    parts = [int(p) for p in iso.split("/")[0].split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTH_NAMES[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTH_NAMES[parts[1] - 1]} {parts[0]}"
    return str(parts[0])

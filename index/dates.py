"""Dates: month names, day-first date parsing, and the publication date a report states.

Pure logic over strings: a date must name its day, and only a date stated as the
report's own (a header line, "Published on ...") is taken as its publication date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

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
# A month name or abbreviation, with an optional full stop ("Sept."); use with re.I.
MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
# A year, or an inspection-cycle label made of years: "2016", "2021/22", "2023–2025".
YEAR_LABEL = r"(?:19|20)\d\d(?:\s*[/\u2013\u2014-]\s*(?:19|20)?\d\d)?\b"
_ORDINAL = r"(?:st|nd|rd|th)?"

# Each pattern yields (year, month, day) groups through its named groups.
_DATE_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<![A-Za-z])D:(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
    re.compile(r"(?<![\d/.-])(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})(?!\d)"),
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<mn>{MONTH}),?\s+(?P<y>\d{{4}})(?!\d)",
        re.I,
    ),
    re.compile(rf"\b(?P<mn>{MONTH})\s+(?P<d>\d{{1,2}}){_ORDINAL},?\s+(?P<y>\d{{4}})(?!\d)", re.I),
)


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month = MONTHS[groups["mn"].rstrip(".").casefold()] if groups.get("mn") else int(groups["m"])
    try:
        day = date(int(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None
    return day.isoformat() if 1900 <= day.year <= 2100 else None


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as YYYY-MM-DD; numeric dates are read day first.

    A date must name its day ("August 2022" is None); impossible dates are None.
    """
    matches = sorted(
        (m for pattern in _DATE_RES for m in pattern.finditer(text)), key=lambda m: m.start()
    )
    for match in matches:
        iso = _iso(match)
        if iso:
            return iso
    return None


def _date_match(text: str, pos: int) -> re.Match[str] | None:
    for pattern in _DATE_RES:
        match = pattern.match(text, pos)
        if match:
            return match
    return None


def _date_at(text: str, pos: int) -> str | None:
    match = _date_match(text, pos)
    return _iso(match) if match else None


# A weekday and/or a clock time may sit between a cue and its date.
_LEAD = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?,?\s+)?"
)
_PUBLISHED_RE = re.compile(
    r"\b(?:(?:date\s+of\s+publication|publication\s+date)(?:\s+[a-z]+(?=\s*:))?"
    r"|(?:first\s+)?published(?:\s+on)?"
    r"|letter,?\s+(?:sent|dated)(?:\s+on)?)"
    rf"\s*[:\u2013-]?\s*{_LEAD}",
    re.I,
)
# Labels that open a line of a document's header: "Date:", "Dated", a letter's "Sent:".
_HEAD_LABEL_RE = re.compile(rf"(?:date\s*:|dated\b:?|sent\s*:)\s*{_LEAD}", re.I)
# A letter or e-mail header run into one line: "From: A To: B Sent: 5 May 2023".
_HEADER_LINE_RE = re.compile(r"(?:From|To)\s*:\s")
_HEADER_SENT_RE = re.compile(rf"\sSent\s*:\s*(?i:{_LEAD})")
_LEAD_RE = re.compile(_LEAD, re.I)
_HEAD_LINES = 6
OPENING_CHARS = 4000  # the opening text that metadata is read from


def _bare_date(line: str) -> str | None:
    """The date when the line is nothing but a full date ("28 June 2019", "Friday 5 May 2023")."""
    lead = _LEAD_RE.match(line)
    match = _date_match(line, lead.end() if lead else 0)
    if match and not line[match.end() :].strip(" .,;"):
        return _iso(match)
    return None


def _labelled_date(line: str) -> str | None:
    """The date after a line's opening "Date:"/"Dated"/"Sent:", or a header's "Sent:" field."""
    label = _HEAD_LABEL_RE.match(line)
    if label is None and _HEADER_LINE_RE.match(line):
        label = _HEADER_SENT_RE.search(line)
    return _date_at(line, label.end()) if label else None


def _head_date(text: str) -> str | None:
    """A labelled date, or a date alone on its line, in the first lines of the text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:_HEAD_LINES]:
        found = _labelled_date(line) or _bare_date(line)
        if found:
            return found
    return None


def find_published_date(text: str) -> str | None:
    """The publication date stated in the opening text, or None.

    Read from a header line ("Date: 2022-11-29", "Sent: 5 May 2023", a line that
    is only a date) near the top, else from the date right after a cue such as
    "Published on", "Date of publication:" or a letter's "sent on". A date that
    merely occurs in a sentence is never taken, nor one without its day.
    """
    opening = text[:OPENING_CHARS]
    found = _head_date(opening)
    if found:
        return found
    for cue in _PUBLISHED_RE.finditer(opening):
        found = _date_at(opening, cue.end())
        if found:
            return found
    return None

"""The publication date a report states: a header line ("Date: 2022-11-29", "Sent: 5 May
2023", a line that is only a date) or the date right after a cue ("Published on …").

Dates themselves are read by :mod:`index.lexicon.dates`; only a date stated as the
report's own is taken, never one that merely occurs in a sentence, nor one without its day.
"""

from __future__ import annotations

import re

from index.lexicon.dates import date_at

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


def _date_at(text: str, pos: int) -> str | None:
    found = date_at(text, pos)
    return found.value.iso() if found else None


def _bare_date(line: str) -> str | None:
    """The date when the line is nothing but a full date ("28 June 2019", "Friday 5 May 2023")."""
    lead = _LEAD_RE.match(line)
    found = date_at(line, lead.end() if lead else 0)
    if found and not line[found.end + (lead.end() if lead else 0) :].strip(" .,;"):
        return found.value.iso()
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

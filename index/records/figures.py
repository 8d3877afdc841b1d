"""Figures a report states with what they measure: a crime-recording rate, crimes left
unrecorded, a backlog, how quickly calls are answered.

"the force recorded 83.6 percent of reported crimes" (crime-recording rate 83.6%), "the
recording rate for violent crime, at 79.2 percent" (violent crime recording rate), "failed
to record more than 24,300 crimes a year" (unrecorded crimes a year 24300), "a backlog of
1,200 digital devices" (digital devices backlog 1200), "answered 63.9 percent of 999
calls within ten seconds" (999 calls answered within 10 seconds 63.9%). The numbers and
shares are the lexicon's; the phrases that say what they measure are here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.lexicon.numbers import number_value, numbers, shares
from index.lexicon.span import Span
from index.records.dating import nearest_date
from index.records.record import Record, record, sentences, subjects
from index.types import DocumentMeta

# Cues of what a figure measures; a figure is read by the nearest cue within _REACH.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "unrecorded",
        re.compile(
            r"\b(?:fail(?:ed|ing|s)? to record|(?:did|does|do) not record"
            r"|not (?:be |being |been )?recorded|unrecorded|under-?record\w*)\b",
            re.I,
        ),
    ),
    ("recorded", re.compile(r"\brecord(?:ed|s|ing)?\b|\brecording (?:rate|accuracy)\b", re.I)),
    ("answered", re.compile(r"\banswer(?:ed|ing)?\b", re.I)),
    ("abandoned", re.compile(r"\babandon(?:ed|ment)?\b", re.I)),
    (
        "backlog",
        re.compile(r"\bbacklog\b|\bawaiting examination\b|\bwaiting to be examined\b", re.I),
    ),
)
_REACH = 80
_GOVERNS = 20  # a cue this close before a figure is its verb: "recorded only about 85 percent"
_TARGET = re.compile(r"\b(?:expect\w*|target|standard|aim\w*)\b[^.;,\d]{0,25}$", re.I)
_MARGIN = re.compile(r"(?:\bplus or minus|±|\+\s*/\s*-)\s*$", re.I)  # a margin of error
_CHANGE_BY = re.compile(r"\bby\s*$", re.I)  # "increased … by 98 percent": a change, no rate
_CHANGE = re.compile(r"\s*(?:percentage points?\s+)?(?:lower|higher|less|more|down|up)\b", re.I)
_CATEGORY = re.compile(
    r"\b(violent crime|violence against the person|sexual offences|rape|domestic abuse"
    r"|anti-social behaviour)s?\b",
    re.I,
)
_CRIMES = re.compile(r"(?:\s+\w+){0,2}?\s+(?:reported\s+)?(?:crimes|offences)\b", re.I)
_A_YEAR = re.compile(r"\b(?:a|each|every|per|in a|over a) year\b|\bannually\b", re.I)
_A_DAY = re.compile(r"\b(?:a|each|every|per) (day|week|month)\b", re.I)
_BACKLOG_ITEMS = re.compile(r"\s*((?:\w+\s+){0,2}?(?:devices|cases|items|phones|exhibits))\b", re.I)
_EMERGENCY = re.compile(r"\b999\b|\bemergency calls?\b", re.I)
_NON_EMERGENCY = re.compile(r"\b101\b|\bnon-emergency\b", re.I)
_WITHIN = re.compile(r"\bwithin (\w+) seconds\b", re.I)


def figure_records(text: str, meta: DocumentMeta) -> Iterator[Record]:
    """Every figure of the kinds above a sentence states, for its force and period."""
    for start, end in sentences(text):
        sentence = text[start:end]
        date = nearest_date(sentence, 0)
        when = date.value if date else None
        for subject, value in _figures(sentence):
            for force in subjects(sentence, meta)[:1]:
                yield record(meta, force, "figure", subject, value, when, text, start, end)


_FOR_SHARES = ("recorded", "answered", "abandoned", "unrecorded")  # an unrecorded share: none
_FOR_COUNTS = ("unrecorded", "backlog")


def _figures(sentence: str) -> Iterator[tuple[str, str]]:
    """(what it measures, the figure) for each figure a known cue measures: the first cue
    just before the figure ("recorded only about 85 percent"), else the first after it in
    its stretch of the sentence (up to the next figure: "36.6 percent … were abandoned"),
    else the nearest before it."""
    cues = [(family, m) for family, regex in _CUES for m in regex.finditer(sentence)]
    negative = [m for family, m in cues if family == "unrecorded"]
    cues = [  # "did not record", "under-recording": no "recorded" cue inside them
        (f, m)
        for f, m in cues
        if f == "unrecorded" or not any(n.start() <= m.start() < n.end() for n in negative)
    ]
    if not cues:
        return
    units = sorted((*_percents(sentence), *_counts(sentence)), key=lambda u: u.start)
    units = [u for u in units if not _MARGIN.search(sentence[: u.start])]
    units = [u for u in units if not _a_change(sentence, u)]
    for i, unit in enumerate(units):
        if _TARGET.search(sentence[: unit.start]):
            continue  # a target is no measure, but still ends the stretch of the one before
        share = unit.concept.value == "share"
        wanted = _FOR_SHARES if share else _FOR_COUNTS
        stop = units[i + 1].start if i + 1 < len(units) else len(sentence)
        mine = [(f, m) for f, m in cues if f in wanted]
        after = [(f, m) for f, m in mine if unit.end <= m.start() < stop]
        before = [(f, m) for f, m in mine if unit.start - _REACH <= m.end() <= unit.start]
        before = sorted(before, key=lambda c: c[1].end())
        governing = [c for c in before if unit.start - c[1].end() <= _GOVERNS]
        found = governing[-1:] or after[:1] or before[-1:]
        if not found:
            continue
        family, _ = found[0]
        subject = _subject(sentence[:stop], family, unit)
        if subject:
            yield subject, _pc(unit) if share else _digits(unit)


def _a_change(sentence: str, unit: Span) -> bool:
    """ "11.3% lower than in 2018", "up by 98 percent": how much a figure moved."""
    return bool(_CHANGE_BY.search(sentence[: unit.start]) or _CHANGE.match(sentence, unit.end))


def _percents(sentence: str) -> list[Span]:
    return [s for s in shares(sentence) if s.detail == "percent"]


def _counts(sentence: str) -> list[Span]:
    """Numbers of a hundred or more, less the 999 and 101 phone lines."""
    return [
        n
        for n in numbers(sentence)
        if n.detail == "digits" and (n.value or 0) >= 100 and n.text not in ("999", "101")
    ]


def _subject(sentence: str, family: str, unit: Span) -> str | None:
    """What a figure measured by a cue of ``family`` is, or None when it is none of ours."""
    share = unit.concept.value == "share"
    if family == "unrecorded" and not share and _CRIMES.match(sentence, unit.end):
        if _A_YEAR.search(sentence):
            return "unrecorded crimes a year"
        per = _A_DAY.search(sentence)
        return f"unrecorded crimes a {per.group(1).lower()}" if per else "unrecorded crimes"
    if family == "recorded" and share:
        category = _CATEGORY.search(sentence)
        return f"{category.group(1).lower()} recording rate" if category else "crime-recording rate"
    if family in ("answered", "abandoned") and share:
        calls = _calls(sentence, unit)
        within = _WITHIN.search(sentence)
        if calls and family == "abandoned":
            return f"{calls} calls abandoned"
        if calls and within:
            return f"{calls} calls answered within {_seconds(within.group(1))} seconds"
    if family == "backlog" and not share:
        items = _BACKLOG_ITEMS.match(sentence, unit.end)
        return f"{items.group(1).lower() if items else 'items'} backlog"
    return None


def _calls(sentence: str, unit: Span) -> str | None:
    """Which line a call figure is of: the first named after it ("… of non-emergency
    calls"), else the last named before it."""
    named = [(m.start(), "101") for m in _NON_EMERGENCY.finditer(sentence)]
    named += [(m.start(), "999") for m in _EMERGENCY.finditer(sentence)]
    after = sorted(n for n in named if n[0] >= unit.end)
    before = sorted(n for n in named if n[0] < unit.start)
    chosen = after[:1] or before[-1:]
    return chosen[0][1] if chosen else None


def _pc(share: Span) -> str:
    value = share.value
    return f"{int(value) if value == int(value) else value}%"


def _digits(number: Span) -> str:
    value = number.value
    return str(int(value)) if value == int(value) else str(value)


def _seconds(word: str) -> str:
    value = number_value(word)
    return str(int(value)) if value is not None else word


# What each cue family's records are called (a substring of their subjects).
_MEASURES = {
    "unrecorded": "unrecorded crimes",
    "recorded": "recording rate",
    "answered": "calls",
    "abandoned": "calls",
    "backlog": "backlog",
}


def measures_named(text: str) -> frozenset[str]:
    """What the figures a text asks about measure ("recording fewer than nine in ten
    crimes": recording rate), as substrings of the figure records' subjects."""
    found = {family for family, regex in _CUES if regex.search(text)}
    if "unrecorded" in found:
        found.discard("recorded")
    return frozenset(_MEASURES[family] for family in found)

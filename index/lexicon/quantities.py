"""Quantities of a kind: QUANTITY spans saying what a number measures.

A number is compared only with a number of the same kind: a *count* ("13
recommendations"), a *multiple* ("nine times as likely"), a *duration* ("two years", "a
six-month deadline", "a year and a half"; its value in months, days, hours or seconds),
a *share* ("53 per cent", "a fifth", "one in five"; in per cent), *points* (a change of
a share, "5 percentage points") or *money* (in pounds). A quantity is *approximate* when
a hedge comes before it ("almost two years", "about 220 a day") or its form rounds ("a
fifth", "£1.2m"), and two quantities agree when they are equal, or close enough when
either is approximate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.lexicon.dates import dates
from index.lexicon.numbers import (
    NUMBER_WORDS,
    TENS,
    WORD_VALUES,
    money,
    number_value,
    numbers,
    shares,
)
from index.lexicon.span import Concept, Span, longest_first

# Words that make the quantity after them approximate.
HEDGES = (
    r"almost|nearly|about|around|approximately|roughly|some|more than|over|under|less than"
    r"|fewer than|just over|just under|up to|at least|close to|getting on for|well over"
)
_HEDGE_BEFORE = re.compile(rf"\b(?:{HEDGES})\s+$", re.I)
# A duration's unit -> (the unit it is kept in, how many of those one makes).
_UNITS = {
    "year": ("month", 12.0),
    "month": ("month", 1.0),
    "week": ("day", 7.0),
    "day": ("day", 1.0),
    "hour": ("hour", 1.0),
    "minute": ("second", 60.0),
    "second": ("second", 1.0),
}
_IN_DAYS = {"month": 30.4375, "day": 1.0, "hour": 1 / 24, "second": 1 / 86400}
# "a year" is a duration only after a word that measures time with it ("for a year",
# "spent a year"); "£4 million a year" is a rate.
_A_AFTER = re.compile(
    r"\b(?:for|after|within|over|than|almost|nearly|about|around|just|some|spent|took|lasted)\s+$",
    re.I,
)
_DURATION = re.compile(
    rf"(?:\b(?P<a>an?)|(?P<n>\d+(?:\.\d+)?|{NUMBER_WORDS}))"
    r"(?P<half1>\s+and\s+a\s+half)?[\s-]+(?P<unit>year|month|week|day|hour|minute|second)s?\b"
    r"(?P<half2>\s+and\s+a\s+half)?",
    re.I,
)
# A multiple: "nine times as likely", "five and a half times", "twice as many".
_TIMES = re.compile(
    rf"\b(?:(?P<n>\d+(?:\.\d+)?|{NUMBER_WORDS})(?P<half>\s+and\s+a\s+half)?\s+times\b"
    r"|(?P<twice>twice)\b)",
    re.I,
)
# A place in a series: "fourth", "twenty-first", "2nd"; not part of a date ("5th May").
_PLACES: tuple[str, ...] = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"),
    *("seventeenth", "eighteenth", "nineteenth", "twentieth"),
)
_PLACE = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(TENS)})-)?(?P<word>{'|'.join(_PLACES)})\b(?!-)"
    r"|(?<![\w.,/-])(?P<digits>\d{1,3})(?:st|nd|rd|th)\b",
    re.I,
)
_HALF_A = re.compile(r"\bhalf\s+an?\s+(?P<unit>year|month|week|day|hour)\b", re.I)
_ROUNDED_SHARES = ("fraction", "ratio")


@dataclass(frozen=True)
class Quantity:
    """A number and what kind of thing it measures."""

    kind: str  # count, duration, share, points, money, times
    amount: float | tuple[float, float]
    unit: str = ""  # a duration's: month, day, hour, second
    approx: bool = False

    def __str__(self) -> str:
        amount = self.amount
        shown = "-".join(map(_shown, amount)) if isinstance(amount, tuple) else _shown(amount)
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.kind} {shown}{unit}{'~' if self.approx else ''}"

    def agrees(self, other: Quantity) -> bool:
        """The same quantity: same kind and amount, or close when either is approximate
        (a tenth either way; "almost two years" agrees with 23 months)."""
        if self.kind != other.kind:
            return False
        mine, theirs = self.comparable(), other.comparable()
        if isinstance(mine, tuple) or isinstance(theirs, tuple):
            return mine == theirs
        if self.approx or other.approx:
            return abs(mine - theirs) <= 0.1 * max(abs(mine), abs(theirs))
        return abs(mine - theirs) <= 1e-6 * max(1.0, abs(mine))

    def comparable(self) -> float | tuple[float, float]:
        """The amount in a common unit (a duration in days)."""
        if self.kind == "duration" and not isinstance(self.amount, tuple):
            return self.amount * _IN_DAYS[self.unit]
        return self.amount


def _shown(value: float) -> str:
    value = round(value, 2)
    return str(int(value)) if value == int(value) else str(value)


def _hedged(text: str, start: int) -> bool:
    return _HEDGE_BEFORE.search(text[max(0, start - 24) : start]) is not None


def durations(text: str) -> list[Span]:
    """Every duration: "two years", "a six-month deadline", "a year and a half"."""
    found = []
    for match in _DURATION.finditer(text):
        half = bool(match["half1"] or match["half2"])
        before = text[max(0, match.start() - 12) : match.start()]
        a_rate = match["a"] and not half and not _A_AFTER.search(before)
        count = 1.0 if match["a"] else number_value(match["n"])
        if count is None or a_rate:
            continue
        count += 0.5 if half else 0.0
        found.append(_duration(text, match, count))
    found += [_duration(text, m, 0.5) for m in _HALF_A.finditer(text)]
    return longest_first(found)


def _duration(text: str, match: re.Match[str], count: float) -> Span:
    unit, size = _UNITS[match["unit"].lower()]
    value = Quantity("duration", count * size, unit, _hedged(text, match.start()))
    return Span(Concept.QUANTITY, match.start(), match.end(), match.group(), value, "duration")


def multiples(text: str) -> list[Span]:
    """Every multiple: "nine times as likely", "twice as many"."""
    found = []
    for match in _TIMES.finditer(text):
        count = 2.0 if match["twice"] else number_value(match["n"])
        if count is None:
            continue
        count += 0.5 if match["half"] else 0.0
        value = Quantity("times", count, approx=_hedged(text, match.start()))
        found.append(
            Span(Concept.QUANTITY, match.start(), match.end(), match.group(), value, "times")
        )
    return found


def places(text: str) -> list[Span]:
    """Every place in a series: "the fourth PEEL assessment", "its 2nd inspection"."""
    found = []
    for match in _PLACE.finditer(text):
        if match["digits"]:
            place = float(match["digits"])
        else:
            place = float(_PLACES.index(match["word"].lower()) + 1)
            place += WORD_VALUES.get((match["tens"] or "").lower(), 0)
        value = Quantity("place", place)
        found.append(
            Span(Concept.QUANTITY, match.start(), match.end(), match.group(), value, "place")
        )
    return found


def quantities(text: str) -> list[Span]:
    """Every QUANTITY, its detail the kind: durations, multiples, money and shares
    first, then places in a series, then the numbers left over as counts."""
    found = durations(text) + multiples(text)
    for span in money(text):
        scaled = not span.text.replace(",", "").replace("£", "").strip().isdigit()
        value = Quantity("money", span.value, approx=scaled or _hedged(text, span.start))
        found.append(Span(Concept.QUANTITY, span.start, span.end, span.text, value, "money"))
    for span in shares(text):
        if span.value is None:
            continue
        kind = "points" if span.detail == "points" else "share"
        approx = span.detail in _ROUNDED_SHARES or _hedged(text, span.start)
        value = Quantity(kind, span.value, approx=approx)
        found.append(Span(Concept.QUANTITY, span.start, span.end, span.text, value, kind))
    taken = longest_first(found)
    when = dates(text)
    for place in places(text):
        if not any(t.overlaps(place.start, place.end) for t in (*taken, *when)):
            taken.append(place)
    for number in numbers(text):
        if number.value is None or any(t.overlaps(number.start, number.end) for t in taken):
            continue
        value = Quantity("count", number.value, approx=_hedged(text, number.start))
        taken.append(Span(Concept.QUANTITY, number.start, number.end, number.text, value, "count"))
    return sorted(taken, key=lambda s: s.start)

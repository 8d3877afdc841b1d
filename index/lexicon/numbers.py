"""Quantities: NUMBER, FIGURE (a number and what it counts), SHARE and MONEY.

A NUMBER is a quantity in digits ("2,000", "36.6") or words ("thirteen", "twenty-one",
"three hundred and five", "a dozen", "two thousand") that is none of: a year or a label
of years, part of a date, a section or list number, a citation marker, an ordinal
("3rd", "third") or part of a word ("COVID-19"). A SHARE is a part of a whole, its value
in per cent ("38%" 38.0, "one in five" 20.0, "two-thirds" 66.67); MONEY is in pounds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from index.lexicon.dates import dates, years
from index.lexicon.layout import list_items, markers, sections
from index.lexicon.span import Concept, Span, inside, longest_first

UNITS: tuple[str, ...] = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
TENS: tuple[str, ...] = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty")
TENS += ("ninety",)
SCALES: Mapping[str, int] = MappingProxyType(
    {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
)
WORD_VALUES: Mapping[str, int] = MappingProxyType(
    {w: n for n, w in enumerate(UNITS)} | {w: 20 + 10 * i for i, w in enumerate(TENS)}
)

_UNIT = "|".join(sorted(UNITS[1:10], key=len, reverse=True))
_TEEN = "|".join(sorted(UNITS, key=len, reverse=True))
_BELOW_100 = rf"(?:(?:{'|'.join(TENS)})(?:[- ](?:{_UNIT}))?|(?:{_TEEN}))"
_BELOW_1000 = rf"(?:(?:a|{_UNIT})\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?|{_BELOW_100})"
# A number in words, 0-999, or so many thousands or millions, or "a dozen"; a fragment
# for phrases that count ("made thirteen recommendations"): use with re.I.
_NOT_A_COUNT = (  # "twenty-first" is an ordinal, "two-thirds" a share; "ten-day" counts
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|thirds?|quarters?|fifths?"
    r"|tenths?|halves"
)
NUMBER_WORDS = (
    rf"(?:(?:{_BELOW_1000}|a)\s+(?:thousand|million|billion)(?:\s+(?:and\s+)?{_BELOW_1000})?"
    rf"|{_BELOW_1000}|a\s+dozen|dozen|hundred|thousand|million)(?!\w|-(?:{_NOT_A_COUNT})\b)"
)
_FIGURE_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # "2,000", "36.6", "43"
# Digits not part of a word, a decimal or a longer figure ("COVID-19", "3rd" are not).
DIGITS = rf"(?<![\w.,/-]){_FIGURE_DIGITS}(?![\w]|[.,]\d)"
_DIGITS = re.compile(DIGITS)
_WORDS = re.compile(rf"\b{NUMBER_WORDS}", re.I)
_SCALE = r"(?:(million|billion|thousand)\b|(bn|m|k)\b)"
_SCALED = re.compile(rf"(?<![\w.,/-])({_FIGURE_DIGITS})\s*{_SCALE}", re.I)
_SHORT_SCALES = {"bn": 1_000_000_000, "m": 1_000_000, "k": 1_000}
# A count may also be "no", "a" or "an" ("made no recommendations", "an area for …").
COUNT_NUMBER = rf"(?:\d{{1,3}}|{NUMBER_WORDS}|no|an?)"


def number_value(words: str) -> float | None:
    """The value of a number in digits or words ("2,000", "twenty-one", "a dozen",
    "three hundred and five", "1.2 million"); None when it is not one."""
    text = " ".join(words.lower().replace("-", " ").replace(",", "").split())
    if text in ("no",):
        return 0
    if text in ("a", "an"):
        return 1
    total, current = 0.0, 0.0
    for word in text.split():
        if word == "and":
            continue
        if word in ("a", "an"):
            current = 1
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in SCALES:
            scale = SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        elif word in WORD_VALUES:
            current += WORD_VALUES[word]
        else:
            try:
                current += float(word)
            except ValueError:
                return None
    value = total + current
    return int(value) if value == int(value) else value


def _layout(text: str) -> list[Span]:
    """What no number may sit in: years, dates, section and list numbers, markers."""
    return [*years(text), *dates(text), *sections(text), *list_items(text), *markers(text)]


def numbers(text: str) -> list[Span]:
    """Every NUMBER (detail "digits" or "words"), in text order."""
    taken = _layout(text)
    found = []
    for match in _SCALED.finditer(text):
        scale = match[2] or match[3]
        multiplier = SCALES.get(scale.lower()) or _SHORT_SCALES[scale.lower()]
        value = number_value(match[1])
        found.append(_number(match, value * multiplier if value is not None else None, "digits"))
    for match in _DIGITS.finditer(text):
        found.append(_number(match, number_value(match.group()), "digits"))
    for match in _WORDS.finditer(text):
        found.append(_number(match, number_value(match.group()), "words"))
    return [s for s in longest_first(found) if not inside(s.start, taken)]


def _number(match: re.Match[str], value: float | None, form: str) -> Span:
    return Span(Concept.NUMBER, match.start(), match.end(), match.group(), value, form)


@dataclass(frozen=True)
class Figure:
    """A number and the words right after it, which may say what it counts."""

    number: float | None
    words: tuple[str, ...]  # up to four lower-case words after the number
    noun: str | None  # the plural noun it counts, when one follows at once ("officers")

    def __str__(self) -> str:
        return f"{self.number} {self.noun or ' '.join(self.words)}".strip()


_FIGURE_WORDS = 4
_FOLLOWING = re.compile(r"[a-z][a-z-]*")
_COUNTED_NOUN = re.compile(r"\s+(?:[a-z-]+\s+)?([a-z]{4,}s)\b")  # "13 (new) recommendations"


def figures(text: str) -> list[Span]:
    """Every FIGURE: a NUMBER with the words after it (within 60 characters)."""
    found = []
    for number in numbers(text):
        after = text[number.end : number.end + 60].lower()
        words = tuple(_FOLLOWING.findall(after)[:_FIGURE_WORDS])
        noun = _COUNTED_NOUN.match(text, number.end)
        value = Figure(number.value, words, noun[1] if noun else None)
        end = noun.end() if noun else number.end
        found.append(Span(Concept.FIGURE, number.start, end, text[number.start : end], value))
    return found


def counts(text: str, counted: tuple[str, ...], stem: Callable[[list[str]], list[str]]) -> bool:
    """Whether a number in ``text`` counts one of ``counted`` (stems): one of the
    words after it stems to one ("made 12 recommendations", "nine of its
    recommendations"). ``stem`` stems a list of words (a PyStemmer ``stemWords``)."""
    wanted = set(counted)
    return any(set(stem(list(f.value.words))) & wanted for f in figures(text))


# --- shares ---------------------------------------------------------------------------
_FRACTIONS = {  # the singular of each fraction's name -> per cent
    "half": 50.0,
    "a third": 33.33,
    "one third": 33.33,
    "two third": 66.67,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "three quarter": 75.0,
    "a fifth": 20.0,
    "a tenth": 10.0,
}
_PER_CENT = r"(?:%|\s*per\s?cent\b|\s*percent\b)"
_SHARE_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            rf"(?<![\d.,])(\d+(?:\.\d+)?)\s*%?\s*(?:-|–|to|and)\s*(\d+(?:\.\d+)?){_PER_CENT}", re.I
        ),
        "range",
    ),
    (re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*percentage points?\b", re.I), "points"),
    (re.compile(rf"(?<![\d.,])(\d[\d,]*(?:\.\d+)?){_PER_CENT}", re.I), "percent"),
    (
        re.compile(
            rf"\b(\d+|{NUMBER_WORDS})\s+(?:in|out of)\s+(?:every\s+)?"
            rf"((?!(?:19|20)\d\d\b)\d+|{NUMBER_WORDS})\b",
            re.I,
        ),
        "ratio",
    ),
    (
        re.compile(
            r"\b(?:half|(?:a|one|two)[- ]thirds?|(?:a|one|three)[- ]quarters?|a (?:fifth|tenth))\b",
            re.I,
        ),
        "fraction",
    ),
)


def shares(text: str) -> list[Span]:
    """Every SHARE, value in per cent (a range: its two ends); detail its form."""
    found = []
    for pattern, form in _SHARE_RES:
        for match in pattern.finditer(text):
            found.append(
                Span(
                    Concept.SHARE,
                    match.start(),
                    match.end(),
                    match.group(),
                    _share(match, form),
                    form,
                )
            )
    return longest_first(found)


def _share(match: re.Match[str], form: str) -> float | tuple[float, float] | None:
    if form == "range":
        return (float(match[1]), float(match[2]))
    if form in ("percent", "points"):
        return float(match[1].replace(",", ""))
    if form == "ratio":
        part, whole = number_value(match[1]), number_value(match[2])
        return round(100 * part / whole, 2) if part is not None and whole else None
    key = " ".join(match.group().lower().replace("-", " ").split())
    return _FRACTIONS[key.removesuffix("s")]


# --- money ----------------------------------------------------------------------------
_MONEY = re.compile(
    rf"£\s?({_FIGURE_DIGITS})(?:\s*{_SCALE})?|(?<![\w.,/-])({_FIGURE_DIGITS})\s+"
    r"(?:(million|billion|thousand)\s+)?pounds\b",
    re.I,
)


def money(text: str) -> list[Span]:
    """Every MONEY amount, value in pounds."""
    found = []
    for match in _MONEY.finditer(text):
        digits = match[1] or match[4]
        scale = (match[2] or match[3] or match[5] or "").lower()
        value = number_value(digits) or 0
        multiplier = SCALES.get(scale) or _SHORT_SCALES.get(scale, 1)
        found.append(
            Span(Concept.MONEY, match.start(), match.end(), match.group(), value * multiplier)
        )
    return found

"""What every recogniser of the lexicon returns: spans of text with a normalised value."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Concept(StrEnum):
    """The concepts the lexicon recognises (one recogniser each, see index.lexicon)."""

    YEAR = "year"  # "2019", a label of years "2018/19" (value "2018-2019")
    DATE = "date"  # a day, month, season or year; value a :class:`When`
    NUMBER = "number"  # a quantity in digits or words, 0-999 words, "a dozen"
    FIGURE = "figure"  # a number with the words after it ("13 recommendations")
    SHARE = "share"  # "38%", "one in five", "two-thirds"; value in per cent
    QUANTITY = "quantity"  # a number of a kind: count, duration, share, points, money
    MONEY = "money"  # "£1.2m", "£500,000"; value in pounds
    GRADE = "grade"  # an inspection grade word; value canonical
    GRADING = "grading"  # a word that gives a grade: "graded", "judged", "rated"
    NEGATION = "negation"  # "not", "no", "n't"...; its scope runs to the clause end
    CLAUSE = "clause"  # one statement of a sentence: "rated inadequate in 2015", "and …"
    SECTION = "section"  # a heading's number at a line start: "3.2 Custody"
    LIST_ITEM = "list item"  # a list's marker at a line start: "3. ", "4) ", "a) ", "- "
    MARKER = "marker"  # a citation marker "[2]", "[1, 3]"
    ROLE = "role"  # "chief constable", "HM Inspector", "PCC"; value canonical
    PERSON = "person"  # a named person: "Sir Andy Marsh", "Wendy Williams"
    SPEAKER = "speaker"  # a person who says the statement: "according to Mr Jones"
    INSPECTORATE = "inspectorate"  # HMICFRS and its former names; other inspectorates
    BODY = "body"  # a named police, fire or public body: "Police Scotland", "… Agency"
    NATIONAL = "national"  # "England and Wales", "all 43 forces", "the national average"
    MONITORING = "monitoring"  # the inspectorate's monitoring: "Engage", "special measures"
    BOUND = "bound"  # "more than eight", "15 or more", "below 90 per cent"; value a Bound
    SYNONYM = "synonym"  # a reader's word ("youngsters"); value the reports' words, a tuple


@dataclass(frozen=True)
class Span:
    """A recognised stretch of text: ``text == source[start:end]``."""

    concept: Concept
    start: int
    end: int
    text: str
    value: Any  # the normalised value: int, float, str, tuple or a small dataclass
    detail: str = ""  # a sub-kind: a date's precision, a share's form, a number's form

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def inside(position: int, spans: Iterable[Span]) -> bool:
    """Whether ``position`` falls within one of the spans."""
    return any(s.start <= position < s.end for s in spans)


def longest_first(found: Sequence[Span]) -> list[Span]:
    """The spans that do not overlap a longer one (ties: the earlier), in text order."""
    taken: list[Span] = []
    for span in sorted(found, key=lambda s: (s.start - s.end, s.start)):
        if not any(span.overlaps(t.start, t.end) for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def blank(text: str, spans: Iterable[Span]) -> str:
    """``text`` with the spans' characters replaced by spaces (offsets kept)."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)

"""Bounds a question puts on a quantity: "more than eight", "15 or more", "at least two",
"fewer than nine in every ten", "below 90 per cent", "exactly three".

A BOUND span's value is a :class:`Bound`: the comparison and the quantity, a share (in
per cent) when the quantity is one, else a number. The quantities are the lexicon's
NUMBER and SHARE spans; only the words that compare are here.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from index.lexicon.numbers import numbers, shares
from index.lexicon.span import Concept, Span, longest_first

# Words before a quantity, by the comparison they make.
_BEFORE: tuple[tuple[str, str], ...] = (
    (r"more than|over|above|greater than|higher than|in excess of", ">"),
    (r"at least|no fewer than|no less than|a minimum of", ">="),
    (r"fewer than|less than|under|below|lower than", "<"),
    (r"at most|no more than|up to|a maximum of", "<="),
    (r"exactly|precisely", "="),
)
# Words after a quantity: "15 or more", "two or fewer".
_AFTER: tuple[tuple[str, str], ...] = (
    (r"or more|or over|or above|or higher|\+", ">="),
    (r"or fewer|or less|or under|or below|or lower", "<="),
)
_BEFORE_RES = tuple((re.compile(rf"\b(?:{p})\s+$", re.I), op) for p, op in _BEFORE)
_AFTER_RES = tuple((re.compile(rf"\s*(?:{p})(?!\w)", re.I), op) for p, op in _AFTER)
_TESTS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "=": operator.eq,
}


@dataclass(frozen=True)
class Bound:
    """A comparison with a quantity: ``op`` one of > >= < <= =, ``share`` when the
    quantity is in per cent."""

    op: str
    value: float
    share: bool = False

    def holds(self, value: float) -> bool:
        """Whether ``value`` (in the bound's unit) meets the bound."""
        return _TESTS[self.op](value, self.value)

    def __str__(self) -> str:
        shown = int(self.value) if self.value == int(self.value) else self.value
        return f"{self.op} {shown}{'%' if self.share else ''}"


def bounds(text: str) -> list[Span]:
    """Every quantity compared by the words before or after it, in text order."""
    quantities = longest_first([*shares(text), *numbers(text)])
    found = []
    for quantity in quantities:
        if quantity.value is None or isinstance(quantity.value, tuple):
            continue
        share = quantity.concept is Concept.SHARE
        bound = _bound(text, quantity, share)
        if bound is not None:
            found.append(bound)
    return found


def _bound(text: str, quantity: Span, share: bool) -> Span | None:
    before = text[max(0, quantity.start - 30) : quantity.start]
    found = [(m.start(), op) for regex, op in _BEFORE_RES if (m := regex.search(before))]
    if found:  # the longest wording: "no more than" over "more than"
        at, op = min(found)
        start = quantity.start - (len(before) - at)
        return _span(text, start, quantity.end, Bound(op, float(quantity.value), share))
    for regex, op in _AFTER_RES:
        if match := regex.match(text, quantity.end):
            return _span(text, quantity.start, match.end(), Bound(op, float(quantity.value), share))
    return None


def _span(text: str, start: int, end: int, bound: Bound) -> Span:
    return Span(Concept.BOUND, start, end, text[start:end], bound)

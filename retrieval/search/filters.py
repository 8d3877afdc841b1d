"""Query filters: forces, report types and a year range, explicit or read from a question
(what a question implies is read in :mod:`retrieval.search.inferred`).

The same :class:`Filters` value filters both retrieval sides: :meth:`Filters.matches`
tests a document's metadata (lexical side) and :meth:`Filters.to_where` builds the
equivalent Chroma ``where`` clause over chunk metadata (dense side), whose keys are
written by :func:`index.store.filter_metadata`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from index.errors import ConfigError
from index.forces import FORCES, normalise_force
from index.lexicon.dates import MONTH, YEAR_LABEL, years
from index.report_types import (
    OTHER,
    REPORT_TYPES,
    normalise_report_type,
)
from index.types import DocumentMeta

Where = dict[str, Any]


@dataclass(frozen=True)
class Filters:
    """What a search is restricted to; empty fields do not filter. Years are inclusive."""

    forces: tuple[str, ...] = ()
    report_types: tuple[str, ...] = ()
    since: int | None = None
    until: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "forces", tuple(self.forces))
        object.__setattr__(self, "report_types", tuple(self.report_types))

    @classmethod
    def from_options(
        cls,
        *,
        forces: Iterable[str] = (),
        report_types: Iterable[str] = (),
        since: int | None = None,
        until: int | None = None,
    ) -> Filters:
        """Filters from user-typed names ("the Met", "peel"); unknown names raise ConfigError."""
        return cls(
            forces=tuple(
                dict.fromkeys(_option("force", n, normalise_force, FORCES) for n in forces)
            ),
            report_types=tuple(
                dict.fromkeys(
                    _option("report type", n, normalise_report_type, REPORT_TYPES)
                    for n in report_types
                )
            ),
            since=since,
            until=until,
        )

    def is_empty(self) -> bool:
        return not (self.forces or self.report_types) and self.since is None and self.until is None

    def merged_over(self, inferred: Filters) -> Filters:
        """These (explicit) filters, each empty field filled from ``inferred``.

        An inferred year bound that would leave an empty range is dropped.
        """
        since = self.since if self.since is not None else inferred.since
        until = self.until if self.until is not None else inferred.until
        if since is not None and until is not None and since > until:
            since, until = self.since, self.until
        return Filters(
            forces=self.forces or inferred.forces,
            report_types=self.report_types or inferred.report_types,
            since=since,
            until=until,
        )

    def matches(self, meta: DocumentMeta) -> bool:
        """Whether a document passes; an unknown year fails any year bound."""
        if self.forces and not set(self.forces) & set(meta.forces):
            return False
        if self.report_types and meta.report_type not in self.report_types:
            return False
        return self.year_ok(meta.year)

    def admits(self, meta: DocumentMeta) -> bool:
        """Whether a document may fit: like :meth:`matches`, but a field the document
        leaves unknown (no force, no or an unrecognised report type, no date) passes, and
        so does a report published the year after the years (inspected in them)."""
        if self.forces and meta.forces and not set(self.forces) & set(meta.forces):
            return False
        if (
            self.report_types
            and meta.report_type not in (None, OTHER)
            and meta.report_type not in self.report_types
        ):
            return False
        return meta.year is None or self.year_ok(meta.year) or self.year_ok(meta.year - 1)

    def without(self, other: Filters) -> Filters:
        """These filters less every field that ``other`` sets (explicit beats inferred)."""
        return Filters(
            forces=() if other.forces else self.forces,
            report_types=() if other.report_types else self.report_types,
            since=None if other.since is not None or other.until is not None else self.since,
            until=None if other.since is not None or other.until is not None else self.until,
        )

    def year_ok(self, year: int | None) -> bool:
        if self.since is None and self.until is None:
            return True
        if year is None:
            return False
        return (self.since is None or year >= self.since) and (
            self.until is None or year <= self.until
        )

    def to_where(self) -> Where | None:
        """A Chroma ``where`` filter over chunk metadata, or None when nothing filters."""
        clauses = [*self._force_clauses(), *self._type_clauses(), *self._year_clauses()]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def _force_clauses(self) -> list[Where]:
        contains: list[Where] = [{"forces": {"$contains": name}} for name in self.forces]
        if len(contains) > 1:
            return [{"$or": contains}]
        return contains

    def _type_clauses(self) -> list[Where]:
        if not self.report_types:
            return []
        if len(self.report_types) == 1:
            return [{"report_type": {"$eq": self.report_types[0]}}]
        return [{"report_type": {"$in": list(self.report_types)}}]

    def _year_clauses(self) -> list[Where]:
        if self.since is not None and self.since == self.until:
            return [{"year": {"$eq": self.since}}]
        clauses: list[Where] = []
        if self.since is not None:
            clauses.append({"year": {"$gte": self.since}})
        if self.until is not None:
            clauses.append({"year": {"$lte": self.until}})
        return clauses

    def describe(self) -> dict[str, Any]:
        """The filters for display and for ``Answer.filters``."""
        return {
            "forces": list(self.forces),
            "report_types": list(self.report_types),
            "since": self.since,
            "until": self.until,
        }


def _option(
    kind: str, name: str, normalise: Callable[[str], str | None], choices: tuple[str, ...]
) -> str:
    found = normalise(name)
    if found is None:
        raise ConfigError(f"unknown {kind} {name!r}; choose one of: {', '.join(choices)}")
    return found


# --- reading filters from a question ---------------------------------------------

# The phrases below read years the lexicon found, marked in the text as "\x01<year>\x01":
# only a plausible year (1990-2049) that is no count, percentage or label is marked.
_MARK = "\x01"
_PLAUSIBLE = range(1990, 2050)
_NO_YEAR = rf"(?!\s+{_MARK})"
_WHEN = rf"(?:(?:early|late|mid)[-\s]+)?(?:(?P<month>{MONTH})\s+)?"


def _year(name: str) -> str:
    return rf"{_MARK}(?P<{name}>\d+){_MARK}"


_RANGE_RES = (
    re.compile(rf"\bbetween\s+{_year('a')}\s+(?:and|&)\s+{_year('b')}", re.I),
    re.compile(
        rf"{_year('a')}\s*(?:[\u2013\u2014-]|\bto\b|\buntil\b|\bthrough\b)\s*{_year('b')}", re.I
    ),
)

# (pattern, offset for the lower bound or None, offset for the upper bound or None)
_BOUND_RULES: tuple[tuple[re.Pattern[str], int | None, int | None], ...] = tuple(
    (re.compile(pattern, re.I), low, high)
    for pattern, low, high in (
        (
            rf"\b(?:since|from|starting(?:\s+(?:in|from))?|as\s+of|in\s+or\s+after"
            rf"|on\s+or\s+after|beginning(?:\s+in)?)\s+{_WHEN}{_year('y')}",
            0,
            None,
        ),
        (
            rf"{_year('y')}\s+(?:onwards?|or\s+later|and\s+later|or\s+after|and\s+beyond)\b"
            rf"{_NO_YEAR}",
            0,
            None,
        ),
        (rf"\b(?:after|later\s+than|post)[-\s]+{_WHEN}{_year('y')}", 1, None),
        (
            rf"\b(?:until|till|up\s+(?:to|until)|through|no\s+later\s+than|in\s+or\s+before"
            rf"|on\s+or\s+before|by\s+the\s+end\s+of)\s+{_WHEN}{_year('y')}",
            None,
            0,
        ),
        (rf"{_year('y')}\s+(?:or\s+earlier|and\s+earlier|or\s+before)\b{_NO_YEAR}", None, 0),
        (rf"\b(?:before|prior\s+to|earlier\s+than|pre)[-\s]+{_WHEN}{_year('y')}", None, -1),
        # "in 2022" is a publication year; "in March 2024" dates an event, not a report.
        (rf"\b(?:in|during|throughout|within)\s+(?:the\s+year\s+)?{_year('y')}", 0, 0),
    )
)

Interval = tuple[int | None, int | None]


def _blank(text: str, match: re.Match[str]) -> str:
    """Mask a used phrase with NULs (neither word nor space, so no pattern spans it)."""
    return text[: match.start()] + "\0" * (match.end() - match.start()) + text[match.end() :]


def _bound(year: int, offset: int | None, month: str | None) -> int | None:
    """A year bound; "after March 2020" still includes 2020, so a month cancels the offset."""
    if offset is None:
        return None
    return year if month else year + offset


def _marked(text: str) -> str:
    """``text`` with each plausible year the lexicon reads marked; a range written as a
    label ("2019-2022") becomes two marked years, a label of one cycle ("2021/22") none."""
    pieces, at = [], 0
    for span in years(text):
        first, _, last = span.value.partition("-")
        if int(first) not in _PLAUSIBLE:
            continue
        if not last:
            marked = f"{_MARK}{first}{_MARK}"
        elif span.text.rstrip()[-4:] == last:  # "2019-2022": a range of years
            marked = f"{_MARK}{first}{_MARK}-{_MARK}{last}{_MARK}"
        else:
            marked = "\0" * len(span.text)
        pieces += [text[at : span.start], marked]
        at = span.end
    return "".join([*pieces, text[at:]])


def _intervals(text: str) -> list[Interval]:
    text = _marked(text)
    found: list[Interval] = []
    for pattern in _RANGE_RES:
        for match in pattern.finditer(text):
            low, high = sorted((int(match["a"]), int(match["b"])))
            found.append((low, high))
            text = _blank(text, match)
    for pattern, low, high in _BOUND_RULES:
        for match in pattern.finditer(text):
            year, month = int(match["y"]), match.groupdict().get("month")
            found.append((_bound(year, low, month), _bound(year, high, month)))
            text = _blank(text, match)
    return found


def _combine(intervals: list[Interval]) -> Interval:
    """Their intersection when it is not empty ("since 2019 and before 2022"), else their hull."""
    lows = [low for low, _ in intervals if low is not None]
    highs = [high for _, high in intervals if high is not None]
    low, high = max(lows, default=None), min(highs, default=None)
    if low is None or high is None or low <= high:
        return low, high
    open_low = len(lows) < len(intervals)
    open_high = len(highs) < len(intervals)
    return (None if open_low else min(lows)), (None if open_high else max(highs))


# An inspection cycle is a label, not a range of publication years: "PEEL 2023–2025"
# reports were published from 2023 into 2026, and "PEEL 2021/22" ones in 2022 and 2023.
CYCLE = re.compile(
    r"\b(?:PEEL|inspection\s+(?:programme|cycle|round))\s+(?:assessments?\s+|inspections?\s+)?"
    + YEAR_LABEL,
    re.I,
)


def parse_year_range(text: str) -> tuple[int | None, int | None]:
    """(since, until) from "since 2021", "after 2020", "before 2019", "in 2022",
    "between 2019 and 2022" or "2019-2022".

    A bare year is not a filter ("the 2017 effectiveness inspection" was published
    in 2018), nor are labels like "2021/22" or cycles like "PEEL 2023–2025", counts
    ("2,000 officers") or relative phrases ("last year").
    """
    for match in CYCLE.finditer(text):
        text = _blank(text, match)
    intervals = _intervals(text)
    return _combine(intervals) if intervals else (None, None)

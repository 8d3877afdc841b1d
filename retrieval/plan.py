"""A question planned: its reading, how wide to search, the filters it implies (explicit
ones exclude, inferred ones are preferred) and the notes saying what was widened."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from index.types import Kind
from retrieval.question.reading import Question
from retrieval.search.filters import Filters


@dataclass(frozen=True)
class Plan:
    """A question read (its kind, the filters it implies) and how wide to search for it."""

    question: Question
    k: int
    per_doc: int | None
    empty_filter: bool = False  # the explicit filters match no indexed report
    prefer: Filters = Filters()  # the inferred filters, widened until a report fits: ranked first
    notes: tuple[str, ...] = ()  # e.g. an inferred filter that fits no report, so widened

    @property
    def kind(self) -> Kind:
        return self.question.kind

    @property
    def filters(self) -> Filters:
        """The explicit filters: they exclude."""
        return self.question.filters

    @property
    def inferred(self) -> Filters:
        """Read from the question: answers must fit them, by metadata or text."""
        return self.question.inferred


def describe_filters(plan: Plan) -> dict[str, Any]:
    """The filters applied (explicit, they exclude), and those inferred from the question
    (soft: reports that fit them rank first, none is excluded)."""
    applied = plan.filters.describe()
    applied["inferred"] = plan.inferred.describe() if not plan.inferred.is_empty() else {}
    return applied


def widenings(inferred: Filters) -> list[Filters]:
    """``inferred``, then without its years, then without its report kinds, then nothing."""
    no_years = replace(inferred, since=None, until=None)
    return [inferred, no_years, replace(no_years, report_types=()), Filters()]


def _shown(filters: Filters) -> str:
    parts = filters.describe()
    return ", ".join(f"{k}={v}" for k, v in parts.items() if v not in (None, [], ()))


def widened_note(inferred: Filters, kept: Filters) -> str:
    tail = f"preferring {_shown(kept)} instead" if not kept.is_empty() else "searching all reports"
    return f"No indexed report fits what the question implies ({_shown(inferred)}); {tail}."


def no_match_note(filters: Filters) -> str:
    return f"No indexed report matches the filters ({_shown(filters)}); remove or widen them."

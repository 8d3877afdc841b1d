"""The refusal gate: one ordered table of the reasons an ask is refused, each with the
check that finds it, run once per ask until one finds something.

The checks read :class:`Grounds` lazily, so a refusal found early costs no search of
the evidence, and the answer is built only when every earlier check has passed; an
answer builder that cannot cite a quote verbatim returns nothing, which the last check
turns into a refusal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from index.types import Answer, RefusalReason
from retrieval.question.reading import Question


class Grounds(Protocol):
    """What the gate judges an ask by (see :class:`retrieval.answer.answerer.AskGrounds`)."""

    question: Question
    no_match: str | None  # the note when the explicit filters match no report
    not_stated: Sequence[str]  # what the tables show the reports leaving unstated

    @property
    def weak(self) -> bool: ...  # no unit reaches refuse_below
    @property
    def uncovered(self) -> list[str]: ...  # names, topics, forces or years the evidence lacks
    @property
    def unstated(self) -> list[str]: ...  # what a lookup's chosen quotes leave out
    @property
    def answer(self) -> Answer | None: ...  # the cited answer; None when nothing cites


@dataclass(frozen=True)
class Check:
    """One reason to refuse and what finds it: a truthy result refuses, a list of strings
    naming what is missing."""

    reason: RefusalReason
    finds: Callable[[Grounds], Sequence[str] | bool]


GATE: tuple[Check, ...] = (
    Check(RefusalReason.NO_MATCHING_REPORTS, lambda g: [g.no_match] if g.no_match else []),
    Check(RefusalReason.FACT_NOT_STATED, lambda g: g.not_stated),
    Check(RefusalReason.FUTURE, lambda g: g.question.future),
    Check(RefusalReason.WEAK_EVIDENCE, lambda g: g.weak),
    Check(RefusalReason.NOT_COVERED, lambda g: g.uncovered),
    Check(RefusalReason.FACT_NOT_STATED, lambda g: g.unstated),
    Check(RefusalReason.WEAK_EVIDENCE, lambda g: g.answer is None),
)


def first_refusal(grounds: Grounds) -> tuple[RefusalReason, tuple[str, ...]] | None:
    """The first check of :data:`GATE` that finds something: its reason and what it
    found missing; None when the ask may be answered."""
    for check in GATE:
        found = check.finds(grounds)
        if found:
            return check.reason, () if isinstance(found, bool) else tuple(found)
    return None


def refusal_detail(reason: RefusalReason, missing: Sequence[str]) -> str:
    """Why a refusal refuses, for the reader: what the closest passages leave out, what
    no report covers, that a prediction is asked, or that the filters match nothing."""
    detail = "The closest passages are listed under 'see also'."
    if reason is RefusalReason.NO_MATCHING_REPORTS:
        return " ".join(missing)
    if reason is RefusalReason.FUTURE:
        return f"Reports record what inspections found, not how a later one will. {detail}"
    if missing and reason is RefusalReason.FACT_NOT_STATED:
        return f"The closest passages do not state {' or '.join(missing)}. {detail}"
    if missing:
        names = ", ".join(f"'{term}'" for term in missing)
        return f"The closest reports do not cover {names}. {detail}"
    return detail

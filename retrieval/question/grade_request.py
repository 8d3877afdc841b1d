"""What a grade question asks of the grades table: its grades, areas, cycles and forces.

A question is a grade question when it is a list question naming a grade ("which forces
were graded inadequate at …"), a trend or comparison about named forces that speaks of
grades ("how have Kent's grades moved …"), or a lookup about a named force that asks for
grades and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.grades.cycles import CYCLE_CUE, cycle_of_cue
from index.grades.vocabulary import PILLARS, area_spans
from index.lexicon.facts import Fact
from index.lexicon.grades import GRADING, grades_named
from index.types import Kind
from retrieval.question.answer_types import asked_facts
from retrieval.question.parts import question_parts

_ALL = re.compile(r"\b(?:all|every|each|both)\b", re.I)
_ANY_AREA = re.compile(
    r"\b(?:any|anything|anywhere|an area|areas|overall|at all|something|some area"
    r"|(?:at least )?(?:one|an?) \w+ grade)\b",  # "at least one inadequate grade"
    re.I,
)
_SPEAKS_OF_GRADES = re.compile(rf"\b(?:{GRADING})\b", re.I)


@dataclass(frozen=True)
class GradeRequest:
    """What a grade question asks of the table."""

    kind: Kind
    grades: frozenset[str] = frozenset()  # empty: any grade
    areas: tuple[str, ...] = ()  # empty: any area
    every_area: bool = False  # "good in all three pillars": each named area must match
    cycles: tuple[str, ...] = ()  # empty: any cycle
    forces: tuple[str, ...] = ()  # empty: any force


def grade_request(question: str, kind: Kind, forces: Sequence[str]) -> GradeRequest | None:
    """The grade question ``question`` asks, or None when it is not one (nor when it
    asks something else too: "… and which inspector commented?")."""
    if len(question_parts(question)) > 1:
        return None
    areas, cycles = _areas_and_cycles(question)
    grades = frozenset(grades_named(_without_areas(question)))  # not "good use of resources"
    if kind is Kind.AGGREGATE and grades and (areas or _ANY_AREA.search(question)):
        every = len(areas) > 1 and bool(_ALL.search(question)) or areas == PILLARS
        return GradeRequest(kind, grades, areas, every, cycles, tuple(forces))
    about_grades = grades or _SPEAKS_OF_GRADES.search(question)
    if kind in (Kind.TREND, Kind.COMPARE) and forces and about_grades:
        one_cycle = cycles if len(cycles) == 1 else ()  # "between 2019 and 2025": all of them
        return GradeRequest(kind, frozenset(), areas, False, one_cycle, tuple(forces))
    asks_grades = Fact.GRADE in asked_facts(question) or _SPEAKS_OF_GRADES.search(question)
    if kind is Kind.LOOKUP and forces and asks_grades and _only_grades(question):
        return GradeRequest(kind, grades, areas, False, cycles, tuple(forces))
    return None


def record_request(question: str, kind: Kind, forces: Sequence[str]) -> GradeRequest:
    """The grades a trend or comparison about a force's record is told by, though it
    names no grade ("compare the 2018/19 PEEL results of A and B"): the areas it names
    (else all), the one cycle a comparison names (a trend's is where it starts or ends:
    all cycles)."""
    areas, cycles = _areas_and_cycles(question)
    one_cycle = cycles if len(cycles) == 1 and kind is Kind.COMPARE else ()
    return GradeRequest(kind, frozenset(), areas, False, one_cycle, tuple(forces))


def _areas_and_cycles(question: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    areas = tuple(dict.fromkeys(a for *_, labels in area_spans(question) for a in labels))
    cycles = tuple(
        dict.fromkeys(
            c for cue in CYCLE_CUE.finditer(question) if (c := cycle_of_cue(cue, _first(areas)))
        )
    )
    return areas, cycles


def states_request(request: GradeRequest, text: str) -> bool:
    """Whether a sentence gives a grade the request asks for (any, when it names none)
    to an area it asks about (any, when it names none): a list's row read from sentences."""
    given = set(grades_named(_without_areas(text)))
    if not given or request.grades and not request.grades & given:
        return False
    named = {a for *_, labels in area_spans(text) for a in labels}
    return not request.areas or bool(named & set(request.areas))


def _only_grades(question: str) -> bool:
    """A lookup that asks for grades and nothing else ("in which areas was Kent graded
    inadequate in PEEL 2021/22?"), not "when was Kent graded inadequate?"."""
    return asked_facts(question) <= {Fact.GRADE}


def _without_areas(question: str) -> str:
    for start, end, _ in reversed(area_spans(question)):
        question = question[:start] + " " + question[end:]
    return question


def _first(areas: tuple[str, ...]) -> str:
    return areas[0] if areas else ""

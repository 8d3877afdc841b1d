"""Answers from the grades table: "which forces were graded inadequate at …", "how have
Kent's grades moved …".

A question is read as a grade question when it is a list question naming a grade, or a
trend/comparison about named forces that speaks of grades. The answer is built from the
table (one cited row per force, or a cited series by cycle); when the table holds
nothing that fits, the caller falls back to sentence evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from index.grade_vocabulary import CYCLE_CUE, PILLARS, area_spans, cycle_of_cue
from index.lexicon.grades import GRADING, grades_named
from index.types import Answer, Kind, TableRow, TextOf
from retrieval.answer_type import Fact, asked_facts
from retrieval.cite import CitationBook
from retrieval.grades import GradeRow, cycle_rank
from retrieval.parts import question_parts

GRADES_NOTE = (
    "Answered from the grades the reports state (extracted when they were indexed; "
    "`reportqa grades` lists them all)."
)
_ALL = re.compile(r"\b(?:all|every|each|both)\b", re.I)
_ANY_AREA = re.compile(r"\b(?:any|anything|anywhere|an area|areas|overall|at all)\b", re.I)
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
    areas = tuple(dict.fromkeys(a for *_, labels in area_spans(question) for a in labels))
    cycles = tuple(
        dict.fromkeys(
            c for cue in CYCLE_CUE.finditer(question) if (c := cycle_of_cue(cue, _first(areas)))
        )
    )
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


def ungraded_areas(request: GradeRequest, rows: Sequence[GradeRow]) -> list[str]:
    """The areas a grade lookup asks about that have no grade where the table grades the
    asked force in other areas (of the asked cycle): the report leaves them ungraded,
    and a quote giving other areas' grades would not answer. Empty when the force has
    no grades in the table at all (nothing to judge by)."""
    if request.kind is not Kind.LOOKUP or not request.forces or not request.areas:
        return []
    graded = [
        row
        for row in rows
        if row.force in request.forces and (not request.cycles or row.cycle in request.cycles)
    ]
    if not graded or any(row.area in request.areas for row in graded):
        return []
    return [f"a grade for {area}" for area in request.areas]


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


def selects(request: GradeRequest, row: GradeRow) -> bool:
    return (
        (not request.grades or row.grade in request.grades)
        and (not request.areas or row.area in request.areas)
        and (not request.cycles or row.cycle in request.cycles)
        and (not request.forces or row.force in request.forces)
    )


def answer_from_grades(
    question: str, request: GradeRequest, rows: Sequence[GradeRow], text_of: TextOf
) -> Answer | None:
    """The cited answer the table gives, or None when nothing in it fits; every quote is
    checked against the text as it is now (the index may have been rewritten since)."""
    chosen = [row for row in rows if selects(request, row)]
    book = CitationBook(text_of)
    if request.kind is Kind.AGGREGATE:
        return _forces_answer(question, request, chosen, book)
    return _series_answer(question, request, chosen, book)


def _forces_answer(
    question: str, request: GradeRequest, rows: list[GradeRow], book: CitationBook
) -> Answer | None:
    """One row per force: the judgements that make it fit, each cited once."""
    by_force: dict[str, list[GradeRow]] = defaultdict(list)
    for row in rows:
        by_force[row.force].append(row)
    table = []
    for force in sorted(by_force):
        evidence = _fitting(request, by_force[force])
        cited = [(row, n) for row in evidence if (n := book.add(row.citation(0))) is not None]
        if cited:
            table.append(_table_row(cited[0][0], tuple(dict.fromkeys(n for _, n in cited))))
    if not table:
        return None
    listed = ", ".join(f"{row.force} {_markers(row.citations)}" for row in table)
    noun = "force" if len(table) == 1 else "forces"
    text = f"{len(table)} {noun} in the indexed reports: {listed}."
    return Answer(question, Kind.AGGREGATE, text, table=table, citations=book.citations)


def _fitting(request: GradeRequest, rows: list[GradeRow]) -> list[GradeRow]:
    """A force's rows that answer the request: per cycle and area the force's own report
    first; with ``every_area``, only cycles where every named area has the grade."""
    best: dict[tuple[str | None, str], GradeRow] = {}
    for row in sorted(rows, key=_preference):
        best.setdefault((row.cycle, row.area), row)
    if not request.every_area:
        return sorted(best.values(), key=_when)
    cycles = {cycle for cycle, _ in best}
    complete = [c for c in cycles if all((c, area) in best for area in request.areas)]
    return sorted((best[(c, a)] for c in complete for a in request.areas), key=_when)


def _series_answer(
    question: str, request: GradeRequest, rows: list[GradeRow], book: CitationBook
) -> Answer | None:
    """Each force's grades cycle by cycle, oldest first, each judgement cited."""
    best: dict[tuple[str, str | None, str], GradeRow] = {}
    for row in sorted(rows, key=_preference):
        best.setdefault((row.force, row.cycle, row.area), row)
    table, lines = [], []
    ordered = sorted(best.values(), key=lambda r: (r.force, _when(r), r.area))
    for (force, cycle), group in _groups(ordered):
        parts = []
        for row in group:
            n = book.add(row.citation(0))
            if n is not None:
                parts.append(f"{row.area} {row.grade} [{n}]")
                table.append(_table_row(row, (n,)))
        if parts:
            lines.append(f"{cycle or 'Cycle unknown'}, {force}: {'; '.join(parts)}.")
    if not table:
        return None
    return Answer(question, request.kind, "\n".join(lines), table=table, citations=book.citations)


def _table_row(row: GradeRow, numbers: tuple[int, ...]) -> TableRow:
    meta = row.meta
    grade = (row.grade, row.area, row.cycle)
    return TableRow(row.force, row.quote, numbers, meta.published, meta.title, *grade)


def _groups(rows: list[GradeRow]) -> list[tuple[tuple[str, str | None], list[GradeRow]]]:
    groups: dict[tuple[str, str | None], list[GradeRow]] = {}
    for row in rows:
        groups.setdefault((row.force, row.cycle), []).append(row)
    return list(groups.items())


def _preference(row: GradeRow) -> tuple[bool, str, int]:
    """The force's own report before a national overview, then the earliest statement."""
    return row.force not in row.meta.forces, row.meta.published or "", row.start


def _when(row: GradeRow) -> tuple[int, str]:
    return cycle_rank(row.cycle), row.meta.published or ""


def _markers(numbers: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)

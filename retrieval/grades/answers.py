"""Answers from the grades table: "which forces were graded inadequate at …", "how have
Kent's grades moved …".

The question's :class:`~retrieval.question.grade_request.GradeRequest` says what it asks
of the table; the answer is built from the table (one cited row per force, or a cited
series by cycle); when the table holds nothing that fits, the caller falls back to
sentence evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from index.grades import extract_grades
from index.types import Answer, DocumentMeta, Kind, TableRow, TextOf
from retrieval.answer.cite import CitationBook
from retrieval.grades.table import GradeRow, cycle_rank
from retrieval.question.grade_request import GradeRequest, states_request

GRADES_NOTE = (
    "Answered from the grades the reports state (extracted when they were indexed; "
    "`reportqa grades` lists them all)."
)


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


def selects(request: GradeRequest, row: GradeRow) -> bool:
    return (
        (not request.grades or row.grade in request.grades)
        and (not request.areas or row.area in request.areas)
        and (not request.cycles or row.cycle in request.cycles)
        and (not request.forces or row.force in request.forces)
    )


def sentence_states(request: GradeRequest, text: str, meta: DocumentMeta) -> bool:
    """Whether a sentence read from a report (a list's row the table lacks) gives a grade
    the request asks for: by its judgements when the grade reader parses it ("graded
    outstanding for A; … requiring improvement for crime-recording" gives crime
    recording no outstanding; "good in all three pillars" needs all three), else by the
    grade and area words it names."""
    judgements = extract_grades(text, meta)
    if not judgements:
        return states_request(request, text) and not request.every_area
    fitting = {
        j.area
        for j in judgements
        if (not request.grades or j.grade in request.grades)
        and (not request.areas or j.area in request.areas)
        and (not request.cycles or j.cycle in request.cycles)
    }
    return fitting >= set(request.areas) if request.every_area else bool(fitting)


def answer_from_grades(
    question: str, request: GradeRequest, rows: Sequence[GradeRow], text_of: TextOf
) -> Answer | None:
    """The cited answer the table gives, or None when nothing in it fits; every quote is
    checked against the text as it is now (the index may have been rewritten since)."""
    chosen = selected_rows(request, rows)
    book = CitationBook(text_of)
    if request.kind is Kind.AGGREGATE:
        return _forces_answer(question, request, chosen, book)
    return _series_answer(question, request, chosen, book)


def _dated(rows: Iterable[GradeRow]) -> list[GradeRow]:
    """The rows, less those of an unknown cycle that a row of a known cycle restates (the
    same force, area and grade): a report that does not say when adds nothing then."""
    rows = list(rows)
    dated = {(r.force, r.area, r.grade) for r in rows if r.cycle}
    return [r for r in rows if r.cycle or (r.force, r.area, r.grade) not in dated]


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
    """Each force's grades cycle by cycle, oldest first, each judgement cited; None when
    the table grades none of the forces asked about, or only some (the sentences then
    answer for all of them)."""
    if set(request.forces) - {row.force for row in rows}:
        return None
    table, lines = [], []
    for (force, cycle), group in _groups(series_rows(rows)):
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


def series_rows(rows: Iterable[GradeRow]) -> list[GradeRow]:
    """One row per force, cycle and area (the force's own report first), by force, then
    cycle in time order, then area. Of an unknown cycle, one row per grade too: two
    reports that do not say when, one judging an area good and one inadequate, state two
    judgements, not one."""
    best: dict[tuple[str, str | None, str, str], GradeRow] = {}
    for row in sorted(rows, key=_preference):
        best.setdefault((row.force, row.cycle, row.area, "" if row.cycle else row.grade), row)
    return sorted(best.values(), key=lambda r: (r.force, _when(r), r.area))


def selected_rows(request: GradeRequest, rows: Iterable[GradeRow]) -> list[GradeRow]:
    """The rows a request selects, less an unknown cycle's restating a known one's."""
    return _dated(row for row in rows if selects(request, row))


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

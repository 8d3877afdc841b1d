"""A claim that gives a force a grade for an area, checked against the grades table.

"Bedfordshire Police was graded good for investigating crime in its PEEL 2023–2025
inspection" names a force, an area, a grade and a cycle: the grades the index read from
the reports (:mod:`retrieval.grades.table`, one verified row per judgement, tables and
lists included) say which grade that force had for that area in that cycle, where a
sentence listing seven areas leaves it to the reader to bind a grade to each.

Each grade of the claim goes with the areas after it (up to the next grade) in its
clause, else with the area right before it ("its efficiency required improvement"); a
claim naming no cycle or more than one force is not read here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from index.forces import find_forces
from index.grades.cycles import CYCLE_CUE, HEADER_CUE, cycle_of_cue
from index.grades.vocabulary import CDI, CDI_QUESTIONS, area_spans
from index.lexicon.clauses import clause_bounds
from index.lexicon.facts import FRAME, TIMES, Fact, FactCheck, StatedFact, stated_facts
from index.lexicon.grades import grades
from index.lexicon.negation import negations
from index.types import Chunk, DocumentMeta, Hit
from retrieval.answer.evidence import Evidence
from retrieval.check.reading import Reading
from retrieval.check.results import ClaimVerdict
from retrieval.facts.table import FactRow
from retrieval.grades.table import GradeRow


@dataclass(frozen=True)
class GradeClaim:
    """One grade a claim gives: the area, the grade, where the grade is written."""

    area: str
    grade: str
    text: str  # the grade as the claim writes it


@dataclass(frozen=True)
class GradeWitness:
    """The table's rows for a claim: the claim's grades they state and those they state
    otherwise (the claim's grade, the row); ``complete`` when every grade of the claim
    was found in the table."""

    agreeing: tuple[tuple[GradeClaim, GradeRow], ...]
    differing: tuple[tuple[GradeClaim, GradeRow], ...]
    complete: bool


def grade_claims(claim: str) -> tuple[list[GradeClaim], int]:
    """The (area, grade) pairs a claim states, and how many of its grades go with no area."""
    pairs: list[GradeClaim] = []
    unpaired = 0
    for start, end in clause_bounds(claim):
        clause = claim[start:end]
        found = grades(clause)
        areas = _areas(clause)
        taken: set[int] = set()
        for i, grade in enumerate(found):
            limit = found[i + 1].start if i + 1 < len(found) else len(clause)
            after = [a for a in areas if grade.end <= a[0] < limit and a[0] not in taken]
            before = [a for a in areas if a[1] <= grade.start and a[0] not in taken]
            chosen = after or before[-1:]
            unpaired += not chosen
            for area in chosen:
                taken.add(area[0])
                pairs += [GradeClaim(label, grade.value, grade.text) for label in area[2]]
    return pairs, unpaired


def _areas(clause: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """The areas a clause names; a question of the crime data integrity inspection
    ("the leadership and culture needed …") stands for that question, not the whole."""
    questions = [
        (m.start(), m.end(), (label,))
        for key, label in CDI_QUESTIONS
        for m in re.finditer(rf"\b{re.escape(key)}\b", clause, re.I)
    ]
    if not questions:
        return area_spans(clause)
    return sorted(questions + [a for a in area_spans(clause) if CDI not in a[2]])


@lru_cache(maxsize=1024)
def graded_areas(text: str) -> frozenset[str]:
    """The areas a text gives a grade for (read once per text: a claim is set against
    many passages)."""
    return frozenset(pair.area for pair in grade_claims(text)[0])


def of_other_areas(facts: FactCheck, claim: str, passage: str) -> FactCheck:
    """The check with the claim's grades left unstated when the passage grades other
    areas only ("good at reducing crime" says nothing of "good at responding to the
    public"): a grade is compared only for the area it is given for."""
    mine, theirs = graded_areas(claim), graded_areas(passage)
    if not mine or not theirs or mine & theirs:
        return facts
    graded = [f for f in facts.matching if f.kind is Fact.GRADE]
    graded += [m for m, _ in facts.differing if m.kind is Fact.GRADE]
    if not graded:
        return facts
    return FactCheck(
        tuple(f for f in facts.matching if f.kind is not Fact.GRADE),
        tuple(pair for pair in facts.differing if pair[0].kind is not Fact.GRADE),
        (*facts.absent, *graded),
    )


def _years(claim: str) -> set[int]:
    return {
        int(f.value[:4]) for f in stated_facts(claim) if f.kind in TIMES and f.value[:4].isdigit()
    }


def claimed_cycle(claim: str, area: str) -> str | None:
    """The cycle a claim names for an area ("in its 2018/19 PEEL assessment", "2025")."""
    cue = CYCLE_CUE.search(claim) or HEADER_CUE.search(claim)
    return cycle_of_cue(cue, area) if cue else None


def witness(claim: str, rows: Sequence[GradeRow]) -> GradeWitness | None:
    """What the grades table says of the claim's grades, or None when it cannot say (no
    single force, no cycle named, no grade for an area, or the table's rows disagree)."""
    forces = find_forces(claim)
    pairs, unpaired = grade_claims(claim)
    if len(forces) != 1 or not pairs:
        return None
    agreeing, differing = [], []
    for pair in pairs:
        cycle = claimed_cycle(claim, pair.area)
        if cycle is None:
            return None
        found = [
            row
            for row in rows
            if row.force == forces[0]
            and row.area == pair.area
            and row.cycle == cycle
            and not row.conflict
        ]
        if len({row.grade for row in found}) > 1:  # a cycle's two inspections: the year's
            found = [row for row in found if row.year in _years(claim)]
        stated = {row.grade for row in found}
        if len(stated) != 1:
            continue
        row = found[0]
        (agreeing if row.grade == pair.grade else differing).append((pair, row))
    if not agreeing and not differing:
        return None
    complete = not differing and len(agreeing) == len(pairs) and not unpaired
    return GradeWitness(tuple(agreeing), tuple(differing), complete)


def graded_reading(
    claim: str, facts: Sequence[StatedFact], rows: Sequence[GradeRow]
) -> Reading | None:
    """The grades table's reading of a claim that gives its force a grade for an area
    in a cycle: contradicted when the table gives another grade; supported when it
    gives every grade of a claim that states nothing else to check."""
    if negations(claim) or not any(f.kind is Fact.GRADE for f in facts):
        return None
    found = witness(claim, rows)
    if found is None:
        return None
    mine = {(f.kind, f.value): f for f in facts}
    if found.differing:
        pair, row = found.differing[0]
        claimed = mine.get((Fact.GRADE, pair.grade)) or StatedFact(
            Fact.GRADE, pair.grade, pair.text
        )
        theirs = StatedFact(Fact.GRADE, row.grade, row.quote)
        check = FactCheck((), ((claimed, theirs),), ())
        return Reading((row_evidence(row),), check, 1.0, 1.0, ClaimVerdict.CONTRADICTED)
    others = [
        f
        for f in facts
        if f.kind not in FRAME and f.kind is not Fact.GRADE and (f.kind is not Fact.WHO or f.role)
    ]
    if not found.complete or others:
        return None
    units = tuple(dict.fromkeys(row_evidence(row) for _, row in found.agreeing))
    check = FactCheck(tuple(facts), (), ())
    return Reading(units, check, 1.0, 1.0, ClaimVerdict.SUPPORTED)


def row_evidence(row: GradeRow) -> Evidence:
    """A table row as evidence to cite: its verbatim quote in its report."""
    return quoted_evidence(
        row.meta,
        f"grade:{row.start}",
        row.quote,
        row.start,
        row.end,
        row.page,
        row.section,
        row.paragraph,
    )


def quoted_evidence(
    meta: DocumentMeta,
    key: str,
    quote: str,
    start: int,
    end: int,
    page: str | None,
    section: str,
    paragraph: str | None,
) -> Evidence:
    """A verbatim quote of a report (a row of a table) as evidence to cite; ``key`` names
    it among the report's quotes."""
    chunk = Chunk(
        f"{meta.doc_id}:{key}",
        meta.doc_id,
        0,
        quote,
        start,
        end,
        printed_page=page,
        section=section,
        paragraph=paragraph,
    )
    return Evidence(Hit(chunk, meta, 0.0), start, end, quote, 0.0, 1.0, 0.0)


def fact_evidence(row: FactRow) -> Evidence:
    """A facts table row as evidence to cite: its verbatim quote in its report."""
    r = row.record
    return quoted_evidence(
        row.meta, f"{r.kind}:{r.start}", r.quote, r.start, r.end, r.page, r.section, r.paragraph
    )

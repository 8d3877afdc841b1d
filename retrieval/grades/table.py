"""The grades table: every stated judgement, filtered, placed in its report, checked.

One row per judgement (``reportqa grades``, the Grades tab, grade answers). Rows whose
quote is no longer a verbatim span of the stored text are dropped. Two rows giving
different grades for the same force, area and cycle are both kept and flagged.

>>> table = grade_table(qa.manifest.statements().judgements, qa.manifest.documents(),
...                     qa.document_text, GradeQuery(grade="inadequate"))
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from index.errors import ConfigError
from index.forces import normalise_force
from index.grades import Judgement
from index.grades.cycles import CDI_CYCLE, CYCLES, current_cycle, cycle_years
from index.grades.cycles import report_cycle as own_cycle
from index.grades.vocabulary import (
    AREA_SYNONYMS,
    CDI_QUESTIONS,
    CHILD_PROTECTION_SYNONYMS,
    area_spans,
)
from index.lexicon.grades import GRADES, canonical_grade
from index.manifest import read_manifest
from index.settings import IndexSettings
from index.types import Citation, DocumentMeta, TextOf

COLUMNS = (
    "force",
    "area",
    "grade",
    "cycle",
    "title",
    "published",
    "doc_id",
    "source",
    "page",
    "section",
    "quote",
    "start",
    "end",
    "conflict",
    "url",
)
AREA_LABELS = frozenset(
    [label for _, labels in AREA_SYNONYMS + CHILD_PROTECTION_SYNONYMS for label in labels]
    + [label for _, label in CDI_QUESTIONS]
)


@dataclass(frozen=True)
class GradeQuery:
    """Which judgements to list; empty fields do not filter."""

    forces: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    grade: str | None = None
    cycles: tuple[str, ...] = ()
    since: int | None = None
    until: int | None = None

    @classmethod
    def from_options(
        cls,
        forces: Iterable[str] = (),
        areas: Iterable[str] = (),
        grade: str | None = None,
        since: int | None = None,
        until: int | None = None,
    ) -> GradeQuery:
        """A query from what a person typed: names resolved, or a ConfigError saying how."""
        return cls(
            tuple(_force(f) for f in forces),
            tuple(label for a in areas for label in _areas(a)),
            _grade(grade) if grade else None,
            (),
            since,
            until,
        )


@dataclass(frozen=True)
class GradeRow:
    """One judgement placed in its report."""

    force: str
    area: str
    grade: str
    cycle: str | None
    meta: DocumentMeta
    page: str | None
    section: str
    paragraph: str | None
    quote: str
    start: int
    end: int
    year: int | None  # when the judgement was made: its cycle's, else its report's year
    conflict: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The ``reportqa grades --json`` row (CSV has the same columns)."""
        meta = self.meta
        return {
            "force": self.force,
            "area": self.area,
            "grade": self.grade,
            "cycle": self.cycle,
            "title": meta.title,
            "published": meta.published,
            "doc_id": meta.doc_id,
            "source": meta.source,
            "page": self.page,
            "section": self.section,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "conflict": self.conflict,
            "url": meta.url,
        }

    def citation(self, n: int) -> Citation:
        return Citation(
            n, self.meta, self.quote, self.start, self.end, self.page, self.section, self.paragraph
        )


@dataclass(frozen=True)
class GradeTable:
    rows: tuple[GradeRow, ...]
    unverified: int = 0  # judgements left out: the quote no longer matches the text


def grade_table(
    judgements: Iterable[Judgement],
    documents: Mapping[str, DocumentMeta],
    text_of: TextOf,
    query: GradeQuery = GradeQuery(),
) -> GradeTable:
    """The judgements the query selects, each verified and placed, conflicts flagged."""
    rows, unverified = [], 0
    for judgement in judgements:
        meta = documents.get(judgement.doc_id)
        if meta is None:
            continue
        row = _row(judgement, meta)
        if not _selected(row, query):
            continue
        text = text_of(judgement.doc_id) or ""
        if text[judgement.start : judgement.end] != judgement.quote:
            unverified += 1
            continue
        rows.append(row)
    return GradeTable(tuple(sorted(flag_conflicts(rows), key=_order)), unverified)


def flag_conflicts(rows: list[GradeRow]) -> list[GradeRow]:
    """Rows whose force, area and (known) cycle carry more than one grade, flagged.

    The rolling crime data integrity programme re-inspected forces within its one cycle
    (inadequate, then outstanding on re-inspection), so it is not checked.
    """
    grades: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in rows:
        if row.cycle and row.cycle != CDI_CYCLE:
            grades[(row.force, row.area, row.cycle)].add(row.grade)
    return [
        replace(row, conflict=len(grades.get((row.force, row.area, row.cycle or ""), ())) > 1)
        for row in rows
    ]


def cycle_rank(cycle: str | None) -> int:
    """Position of a cycle in time order (unknown last)."""
    return CYCLES.index(cycle) if cycle in CYCLES else len(CYCLES)


def known_areas(judgements: Iterable[Judgement]) -> list[str]:
    return sorted({j.area for j in judgements})


def _row(judgement: Judgement, meta: DocumentMeta) -> GradeRow:
    return GradeRow(
        judgement.force,
        judgement.area,
        judgement.grade,
        judgement.cycle,
        meta,
        judgement.page,
        judgement.section,
        judgement.paragraph,
        judgement.quote,
        judgement.start,
        judgement.end,
        _year(judgement, meta),
    )


def _year(judgement: Judgement, meta: DocumentMeta) -> int | None:
    """The report's year for its own cycle's judgements; the cycle's last year for an
    earlier cycle it reports ("graded inadequate in 2017")."""
    own = own_cycle(meta.title, judgement.area) or current_cycle(meta.published, judgement.area)
    if judgement.cycle and judgement.cycle != own or not meta.year:
        years = cycle_years(judgement.cycle)
        return max(years) if years else meta.year
    return meta.year


def _selected(row: GradeRow, query: GradeQuery) -> bool:
    return (
        (not query.forces or row.force in query.forces)
        and (not query.areas or row.area in query.areas)
        and (query.grade is None or row.grade == query.grade)
        and (not query.cycles or row.cycle in query.cycles)
        and (query.since is None or (row.year is not None and row.year >= query.since))
        and (query.until is None or (row.year is not None and row.year <= query.until))
    )


def _order(row: GradeRow) -> tuple[Any, ...]:
    return (row.force, cycle_rank(row.cycle), row.area, row.meta.published or "", row.start)


def _force(name: str) -> str:
    force = normalise_force(name)
    if force is None:
        raise ConfigError(f"unknown force {name!r}: use a force name such as 'Kent Police'")
    return force


def _areas(text: str) -> tuple[str, ...]:
    """Area labels named by text: a label itself, or any wording the vocabulary knows."""
    if text.strip().lower() in AREA_LABELS:
        return (text.strip().lower(),)
    labels = {label for *_, areas in area_spans(text, child_protection=True) for label in areas}
    if not labels:
        raise ConfigError(
            f"unknown area {text!r}: use an inspection area such as 'investigating crime', "
            "'responding to the public', 'effectiveness' or 'crime data integrity'"
        )
    return tuple(sorted(labels))


def _grade(text: str) -> str:
    grade = canonical_grade(text.strip())
    if grade is None:
        raise ConfigError(f"unknown grade {text!r}: use one of {', '.join(GRADES)}")
    return grade


def read_grade_table(settings: IndexSettings, query: GradeQuery = GradeQuery()) -> GradeTable:
    """The grades table of the index at ``settings``, read from its manifest alone."""
    with read_manifest(settings.manifest_path, readonly=True) as manifest:
        documents = manifest.documents()
        statements = manifest.statements()
        return grade_table(statements.judgements, documents, manifest.document_text, query)

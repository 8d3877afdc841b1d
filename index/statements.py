"""What each report states as structured facts: its grades and counts, placed and stored.

Extraction (:mod:`index.grades`, :mod:`index.counts`) runs when a document is committed to
the manifest, so the ``statements`` table is rebuilt with every changed document. Each
statement is placed on the page and section of the chunk holding its quote.

``STATEMENTS_VERSION`` names the extraction rules; an index whose table was filled by
other rules (or before there was one) is refreshed from the stored text by the next
``reportqa index``, and read on the fly until then (``Manifest.statements``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from index.counts import Count, extract_counts
from index.grades import Judgement, extract_grades
from index.records import Record, extract_records
from index.types import Chunk, DocumentMeta

STATEMENTS_VERSION = "12"  # bump when grade, count or record extraction changes
VERSION_KEY = "statements_version"
STATEMENT_COLUMNS = (
    'doc_id, kind, force, subject, value, cycle, start, "end", quote, page, section, paragraph'
)
Placeable = TypeVar("Placeable", Judgement, Count, Record)
Row = tuple[str, str, str, str, str, str | None, int, int, str, str | None, str, str | None]


@dataclass(frozen=True)
class Statements:
    """Every judgement, count and record of an index, in document order."""

    judgements: tuple[Judgement, ...] = ()
    counts: tuple[Count, ...] = ()
    records: tuple[Record, ...] = ()


def place(item: Placeable, chunks: Sequence[Chunk]) -> Placeable:
    """The statement with the page, section and paragraph of the chunk holding its start."""
    chunk = next((c for c in chunks if c.start <= item.start < c.end), None)
    if chunk is None:
        return item
    return replace(item, page=chunk.page_label, section=chunk.section, paragraph=chunk.paragraph)


def extract_statements(text: str, meta: DocumentMeta, chunks: Sequence[Chunk]) -> Statements:
    """A document's grades, counts and records, each placed in its chunk."""
    return Statements(
        tuple(place(j, chunks) for j in extract_grades(text, meta)),
        tuple(place(c, chunks) for c in extract_counts(text, meta)),
        tuple(place(r, chunks) if r.quote else r for r in extract_records(text, meta)),
    )


def to_rows(statements: Statements) -> list[Row]:
    """Rows of the manifest's ``statements`` table (columns STATEMENT_COLUMNS)."""
    grades: list[Row] = [
        (j.doc_id, "grade", j.force, j.area, j.grade, j.cycle, j.start, j.end, j.quote)
        + (j.page, j.section, j.paragraph)
        for j in statements.judgements
    ]
    counts: list[Row] = [
        (c.doc_id, "count", c.force, c.what, str(c.number), c.year, c.start, c.end, c.quote)
        + (c.page, c.section, c.paragraph)
        for c in statements.counts
    ]
    records: list[Row] = [
        (r.doc_id, r.kind, r.force, r.subject, r.value, r.when, r.start, r.end, r.quote)
        + (r.page, r.section, r.paragraph)
        for r in statements.records
    ]
    return grades + counts + records


def from_rows(rows: Iterable[Row]) -> Statements:
    judgements: list[Judgement] = []
    counts: list[Count] = []
    records: list[Record] = []
    for doc_id, kind, force, subject, value, cycle, start, end, quote, *where in rows:
        if kind == "grade":
            judgement = Judgement(doc_id, force, subject, value, cycle, start, end, quote, *where)
            judgements.append(judgement)
        elif kind == "count":
            count = Count(doc_id, force, subject, int(value), start, end, quote, *where, year=cycle)
            counts.append(count)
        else:
            records.append(
                Record(doc_id, force, kind, subject, value, cycle, start, end, quote, *where)
            )
    return Statements(tuple(judgements), tuple(counts), tuple(records))


def is_current(settings: Mapping[str, str]) -> bool:
    """Whether a manifest's stored statements come from today's extraction rules."""
    return settings.get(VERSION_KEY) == STATEMENTS_VERSION


def recompute(
    metas: Mapping[str, DocumentMeta],
    text_of: Callable[[str], str | None],
    chunks_of: Callable[[str], list[Chunk]],
) -> dict[str, Statements]:
    """Every document's statements, read again from its stored text and chunks."""
    return {
        doc_id: extract_statements(text_of(doc_id) or "", meta, chunks_of(doc_id))
        for doc_id, meta in metas.items()
    }


def merge(parts: Iterable[Statements]) -> Statements:
    parts = list(parts)
    return Statements(
        tuple(j for s in parts for j in s.judgements),
        tuple(c for s in parts for c in s.counts),
        tuple(r for s in parts for r in s.records),
    )

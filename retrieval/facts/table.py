"""The facts table: every record the reports state (index.records), with the stated
counts, verified against the text and placed in its report, filtered.

A row whose quote no longer reads as its report does is left out and counted; a record
known only from a report's metadata (its publication date) cites the report itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from index.errors import ConfigError
from index.forces import normalise_force
from index.manifest import read_manifest
from index.records import KINDS, Record, count_record
from index.settings import IndexSettings
from index.statements import Statements
from index.types import Citation, DocumentMeta, TextOf

COLUMNS = (
    "force", "kind", "subject", "value", "when", "title", "published", "doc_id", "source",
    "page", "section", "quote", "start", "end", "url",
)  # fmt: skip


@dataclass(frozen=True)
class FactRow:
    """One record of the table, with the report it comes from."""

    record: Record
    meta: DocumentMeta

    @property
    def year(self) -> int | None:
        """The year it holds for: its own date's, else its report's."""
        when = self.record.when or ""
        return int(when[:4]) if when[:4].isdigit() else self.meta.year

    def citation(self, n: int) -> Citation:
        r = self.record
        return Citation(
            n, self.meta, r.quote, r.start, r.end, r.page, r.section, r.paragraph, chunk_id=None
        )

    def to_dict(self) -> dict[str, Any]:
        r, m = asdict(self.record), self.meta
        return {c: r.get(c) for c in COLUMNS if c in r} | {
            "title": m.title,
            "published": m.published,
            "source": m.source,
            "url": m.url,
        }


@dataclass(frozen=True)
class FactQuery:
    """Which records to list; empty fields do not filter."""

    kinds: tuple[str, ...] = ()
    forces: tuple[str, ...] = ()
    since: int | None = None
    until: int | None = None

    @classmethod
    def from_options(
        cls,
        kinds: Iterable[str] = (),
        forces: Iterable[str] = (),
        since: int | None = None,
        until: int | None = None,
    ) -> FactQuery:
        """A query from names a user typed; an unknown kind or force raises ConfigError."""
        for kind in kinds:
            if kind not in KINDS:
                raise ConfigError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
        return cls(tuple(kinds), tuple(_force(f) for f in forces), since, until)

    def selects(self, row: FactRow) -> bool:
        year = row.year
        return (
            (not self.kinds or row.record.kind in self.kinds)
            and (not self.forces or row.record.force in self.forces)
            and (self.since is None or (year is not None and year >= self.since))
            and (self.until is None or (year is not None and year <= self.until))
        )


@dataclass(frozen=True)
class FactTable:
    rows: tuple[FactRow, ...]
    unverified: int = 0  # rows left out: their quote no longer matches the text


def fact_table(
    statements: Statements,
    documents: Mapping[str, DocumentMeta],
    text_of: TextOf,
    query: FactQuery = FactQuery(),
) -> FactTable:
    """The records (and counts, as records) the query selects, each verified, ordered by
    force and date."""
    rows, unverified = [], 0
    counts = (
        count_record(c, documents[c.doc_id]) for c in statements.counts if c.doc_id in documents
    )
    for record in (*statements.records, *counts):
        meta = documents.get(record.doc_id)
        if meta is None:
            continue
        row = FactRow(record, meta)
        if not query.selects(row):
            continue
        if (
            record.quote
            and (text_of(record.doc_id) or "")[record.start : record.end] != record.quote
        ):
            unverified += 1
            continue
        rows.append(row)
    rows.sort(key=lambda r: (r.record.force, r.record.when or r.meta.sort_date, r.record.start))
    return FactTable(tuple(rows), unverified)


def read_fact_table(settings: IndexSettings, query: FactQuery = FactQuery()) -> FactTable:
    """The facts table of the index at ``settings``, read from its manifest alone."""
    with read_manifest(settings.manifest_path, readonly=True) as manifest:
        return fact_table(
            manifest.statements(), manifest.documents(), manifest.document_text, query
        )


def _verbatim(record: Record, text_of: TextOf) -> bool:
    return (text_of(record.doc_id) or "")[record.start : record.end] == record.quote


def _force(name: str) -> str:
    force = normalise_force(name)
    if force is None:
        raise ConfigError(f"unknown force {name!r}: use a force name such as 'Kent Police'")
    return force

"""A force's dated timeline from the tables: grades by cycle, Engage entry and exit,
counts and figures, each with the date it holds for and the quote that states it.

Trend and compare answers put these entries first and tell, from sentences, only the
reports the entries leave out (:mod:`retrieval.answer.trends`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from index.types import Citation, TableRow
from retrieval.answer.cite import CitationBook
from retrieval.answer.quotes import inline


@dataclass(frozen=True)
class Entry:
    """One fact or grade on a timeline."""

    force: str
    when: str  # sortable: "2019", "2022-06", "2022-06-28"; "" when unknown
    citation: Citation  # its number is given when the answer is written
    grade: str | None = None  # a grade's, with its area and cycle
    area: str | None = None
    cycle: str | None = None

    @property
    def doc_id(self) -> str:
        return self.citation.meta.doc_id


@dataclass(frozen=True)
class Line:
    """One written line of a timeline and the table rows behind it."""

    text: str
    rows: tuple[TableRow, ...]


def timeline_groups(
    entries: Sequence[Entry], by_force: bool
) -> list[tuple[tuple[str, ...], list[Entry]]]:
    """The entries as lines to write, each with how it sorts: a force's grades of one
    cycle together, each stated fact alone."""
    keyed = []
    for group in _groups(entries):
        first = group[0]
        when = first.when or "9999"  # undated: last
        keyed.append(((first.force, when) if by_force else (when, first.force), group))
    return keyed


def write_line(group: Sequence[Entry], book: CitationBook) -> Line | None:
    """ "PEEL 2021/22, Kent Police: investigating crime good [1]; …" for grades,
    "2022-06-28, Metropolitan Police Service: The MPS had been moved into … [2]" for a
    fact; None when no quote still reads as its report does."""
    first = group[0]
    cited = [(entry, n) for entry in group if (n := book.add(entry.citation)) is not None]
    if not cited:
        return None
    rows = tuple(_row(entry, n) for entry, n in cited)
    if first.grade is not None:
        said = "; ".join(f"{e.area} {e.grade} [{n}]" for e, n in cited)
        return Line(f"{first.cycle or first.when or 'Cycle unknown'}, {first.force}: {said}.", rows)
    said = " ".join(f"{inline(e.citation.quote)} [{n}]" for e, n in cited)
    return Line(f"{first.when or 'Date not stated'}, {first.force}: {said}", rows)


def _groups(entries: Iterable[Entry]) -> list[list[Entry]]:
    """Grades of one force and cycle together; a fact alone."""
    groups: dict[tuple[str, ...], list[Entry]] = {}
    for entry in entries:
        if entry.grade is not None:
            key = ("grade", entry.force, entry.cycle or "", entry.when)
        else:
            key = ("fact", entry.doc_id, str(entry.citation.start))
        groups.setdefault(key, []).append(entry)
    return list(groups.values())


def _row(entry: Entry, n: int) -> TableRow:
    meta = entry.citation.meta
    return TableRow(
        entry.force, entry.citation.quote, (n,), meta.published, meta.title,
        entry.grade, entry.area, entry.cycle, entry.when or None,
    )  # fmt: skip

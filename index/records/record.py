"""A record: one fact a report states about a force, quoted verbatim (see index.records)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from index.counts import Count
from index.forces import NATIONAL, find_forces
from index.text import sentence_ranges
from index.types import DocumentMeta

KINDS = ("monitoring", "date", "person", "figure", "count")


@dataclass(frozen=True)
class Record:
    """One fact a report states about a force."""

    doc_id: str
    force: str  # the force it is about ("National" for a national fact)
    kind: str  # one of KINDS
    subject: str  # what it is: "engage", "published", "inspector", "crime-recording rate" …
    value: str  # "entered"/"left", an ISO date, a name, "83.6%", "13"
    when: str | None  # the date or year it holds for, as precise as stated
    start: int
    end: int
    quote: str  # == text[start:end]; "" for a fact of the report's metadata
    page: str | None = None  # where the quote sits (index.statements.place fills these)
    section: str = ""
    paragraph: str | None = None


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of each line of the text."""
    for line in re.finditer(r"[^\n]+", text):
        yield from sentence_ranges(text, line.start(), line.end())


def subjects(sentence: str, meta: DocumentMeta) -> Sequence[str]:
    """The forces a passage is about: those it names, else the report's own (a national
    report's passage that names no force is about all of them: "National")."""
    named = find_forces(sentence)
    if named:
        return named
    own = [f for f in meta.forces if f != NATIONAL]
    return own or [NATIONAL]


def record(
    meta: DocumentMeta,
    force: str,
    kind: str,
    subject: str,
    value: str,
    when: str | None,
    text: str,
    start: int,
    end: int,
) -> Record:
    """A record quoting ``text[start:end]``."""
    return Record(meta.doc_id, force, kind, subject, value, when, start, end, text[start:end])


def count_record(count: Count, meta: DocumentMeta) -> Record:
    """A stated count as a record: the year of the report that made them."""
    year = count.year or (meta.published[:4] if meta.published else None)
    return Record(
        count.doc_id,
        count.force,
        "count",
        count.what,
        str(count.number),
        year,
        count.start,
        count.end,
        count.quote,
        count.page,
        count.section,
        count.paragraph,
    )

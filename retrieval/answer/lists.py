"""List answers across forces ("which forces …?"): one row per force with its strongest
sentence, weak matches left out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from index.forces import NATIONAL, find_forces
from index.lexicon.grades import grades_named
from index.types import Answer, Citation, Kind, TableRow, TextOf
from retrieval.answer.cite import CitationBook
from retrieval.answer.evidence import Evidence
from retrieval.answer.quotes import inline
from retrieval.config import AnswerConfig
from retrieval.question.reading import Question

NOT_FORCES = {NATIONAL, "Unknown"}  # "Unknown": a declared force kept as written


def _forces(evidence: Evidence) -> list[str]:
    """The forces a sentence is about: of a report about several (a round-up of four
    PEEL reports, a joint inspection), those the sentence names, else its section's
    heading names, else all of them."""
    own = [f for f in evidence.hit.meta.forces if f not in NOT_FORCES]
    if len(own) <= 1:
        return own
    for text in (evidence.text, evidence.hit.chunk.section):
        named = [f for f in find_forces(text) if f in own]
        if named:
            return named
    return own


def aggregate(
    question: Question, evidence: list[Evidence], text_of: TextOf, config: AnswerConfig
) -> Answer | None:
    """One row per force with its strongest sentence (a grade the question names must be
    stated there); None when no force reaches ``aggregate_min`` or no quote still reads
    as its report does."""
    best: dict[str, Evidence] = {}
    grades = question.named_grades  # "graded inadequate": the quote must say so
    for item in evidence:  # best first, so the first sentence seen per force wins
        if item.score < config.aggregate_min:
            break
        if grades and not grades & grades_named(item.text):
            continue
        for force in _forces(item):
            best.setdefault(force, item)
    book = CitationBook(text_of)
    rows = []
    for force in sorted(best):
        n = book.cite(best[force])
        if n is not None:
            meta = best[force].hit.meta
            rows.append(TableRow(force, best[force].text, (n,), meta.published, meta.title))
    if not rows:
        return None
    text = listing(rows)
    return Answer(question.text, Kind.AGGREGATE, text, table=rows, citations=book.citations)


def listing(table: Sequence[TableRow]) -> str:
    """ "3 forces in the indexed reports: A [1], B [2][3], C [4]." """
    listed = ", ".join(f"{inline(row.force)} {_markers(row.citations)}" for row in table)
    noun = "force" if len(table) == 1 else "forces"
    return f"{len(table)} {noun} in the indexed reports: {listed}."


def union(first: Answer, more: Answer | None) -> Answer:
    """A list answer with the rows of ``more`` for the forces ``first`` lacks, their
    citations numbered after ``first``'s (a span cited by both keeps one number)."""
    if more is None or more.refused or not more.table:
        return first
    citations = list(first.citations)
    numbers = {(c.meta.doc_id, c.start, c.end): c.n for c in citations}
    renumber: dict[int, int] = {}
    table = list(first.table)
    listed = {row.force for row in table}
    for row in more.table:
        if row.force in listed:
            continue
        for n in row.citations:
            if n in renumber:
                continue
            citation = next(c for c in more.citations if c.n == n)
            key = (citation.meta.doc_id, citation.start, citation.end)
            if key not in numbers:
                numbers[key] = len(citations) + 1
                citations.append(replace(citation, n=numbers[key]))
            renumber[n] = numbers[key]
        table.append(replace(row, citations=tuple(renumber[n] for n in row.citations)))
        listed.add(row.force)
    table.sort(key=lambda row: row.force)
    table, citations = _in_order(table, citations)
    return replace(first, answer=listing(table), table=table, citations=citations)


def _in_order(
    table: list[TableRow], citations: list[Citation]
) -> tuple[list[TableRow], list[Citation]]:
    """Citations renumbered in the order the rows show them (unshown ones dropped)."""
    order = list(dict.fromkeys(n for row in table for n in row.citations))
    new = {old: i for i, old in enumerate(order, start=1)}
    rows = [replace(row, citations=tuple(new[n] for n in row.citations)) for row in table]
    kept = sorted((replace(c, n=new[c.n]) for c in citations if c.n in new), key=lambda c: c.n)
    return rows, kept


def _markers(numbers: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)

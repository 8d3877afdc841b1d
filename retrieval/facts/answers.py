"""Answers from the facts table: "which forces were handed more than eight
recommendations", "… whose chief constables are named", "… placed in Engage", and when
one force entered or left Engage.

The question's :class:`~retrieval.question.fact_request.FactRequest` selects the records;
the answer is one cited row per force (the force's own report first, then the earliest
statement). Sentence evidence is added by the caller, so a thin table hides nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from index.forces import NATIONAL
from index.lexicon.dates import written_date
from index.types import Answer, Kind, TableRow, TextOf
from retrieval.answer.cite import CitationBook
from retrieval.answer.lists import listing
from retrieval.answer.quotes import inline
from retrieval.facts.table import FactRow
from retrieval.question.fact_request import FactRequest

FACTS_NOTE = (
    "Rows marked by the facts table come from the facts the reports state (read when they "
    "were indexed; `reportqa facts` lists them all)."
)
_NOT_FORCES = {NATIONAL, "Unknown", ""}


def forces_answer(
    question: str, request: FactRequest, rows: Sequence[FactRow], text_of: TextOf
) -> Answer | None:
    """One cited row per force whose records fit ``request``; None when none fits (or
    no quote still reads as its report does)."""
    best: dict[str, FactRow] = {}
    for row in sorted(rows, key=_preference):
        record = row.record
        if record.quote and record.force not in _NOT_FORCES and request.selects(record):
            best.setdefault(record.force, row)
    book = CitationBook(text_of)
    table = []
    for force in sorted(best):
        row = best[force]
        n = book.add(row.citation(0))
        if n is not None:
            meta = row.meta
            table.append(TableRow(force, row.record.quote, (n,), meta.published, meta.title))
    if not table:
        return None
    return Answer(question, Kind.AGGREGATE, listing(table), table=table, citations=book.citations)


def _preference(row: FactRow) -> tuple[bool, str, int]:
    """The force's own report before another's, then the earliest statement."""
    return row.record.force not in row.meta.forces, row.meta.sort_date, row.record.start


def dates_answer(
    question: str, request: FactRequest, force: str, rows: Sequence[FactRow], text_of: TextOf
) -> Answer | None:
    """When the force entered (or left) Engage: each date the reports give, by its most
    precise statement ("2022" says less than "6 July 2022"), the most precise first; when
    they give two, the answer says the sources differ. None when no row dates it."""
    asked = replace(request, values=request.values or frozenset({"entered"}))
    dated = sorted(
        (r for r in rows if r.record.force == force and r.record.quote and r.record.when),
        key=lambda r: (-len(r.record.when or ""), _preference(r)),
    )
    kept: list[FactRow] = []
    for row in (r for r in dated if asked.selects(r.record)):
        when = row.record.when or ""
        if not any(k.record.when.startswith(when) for k in kept if k.record.when):
            kept.append(row)
    book = CitationBook(text_of)
    said = [(row, n) for row in kept if (n := book.add(row.citation(0))) is not None]
    if not said:
        return None
    text = " ".join(f"{inline(row.record.quote)} [{n}]" for row, n in said)
    notes = []
    if len(said) > 1:
        parts = ", ".join(f"[{n}] says {written_date(row.record.when or '')}" for row, n in said)
        notes.append(f"The sources give different dates: {parts}.")
    return Answer(
        question, Kind.LOOKUP, " ".join([text, *notes]), citations=book.citations, notes=notes
    )

"""List answers across forces ("which forces …?"): one row per force with its strongest
sentence, weak matches left out."""

from __future__ import annotations

from index.forces import NATIONAL
from index.lexicon.grades import grades_named
from index.types import Answer, Kind, TableRow, TextOf
from retrieval.answer.cite import CitationBook
from retrieval.answer.evidence import Evidence
from retrieval.answer.quotes import inline
from retrieval.config import AnswerConfig
from retrieval.question.reading import Question

NOT_FORCES = {NATIONAL, "Unknown"}  # "Unknown": a declared force kept as written


def _forces(evidence: Evidence) -> list[str]:
    return [f for f in evidence.hit.meta.forces if f not in NOT_FORCES]


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
    listed = ", ".join(f"{inline(row.force)} [{row.citations[0]}]" for row in rows)
    noun = "force" if len(rows) == 1 else "forces"
    text = f"{len(rows)} {noun} in the indexed reports: {listed}."
    return Answer(question.text, Kind.AGGREGATE, text, table=rows, citations=book.citations)

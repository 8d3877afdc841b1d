"""Does the retrieved evidence cover what the question is about?

A question names things: an organisation ("Ofsted"), a kind of service ("fire and
rescue services"), a force. When one of them occurs nowhere in the reports that were
retrieved (their text or title), the reports cannot answer, however close the nearest
sentence looks: the answer says which part is not covered instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.forces import find_forces
from index.lexicon.bodies import without_inspectorate
from index.report_types import infer_report_types
from index.types import DocumentMeta, TextOf
from retrieval.answer.evidence import Evidence
from retrieval.question.reading import Question
from retrieval.question.terms import plain_years
from retrieval.search.filters import Filters

TOP_EVIDENCE = 5  # how many of the best units' chunks and reports must cover the question


def _mentions(text: str, term: str) -> bool:
    """Whether ``text`` names ``term`` (whole words, "&" read as "and", a plural allowed)."""
    words = term.replace("&", "and").split()
    pattern = r"\b" + r"\s+".join(re.escape(w) if w != "and" else "(?:and|&)" for w in words)
    return re.search(pattern + r"s?\b", text, flags=0 if term.isupper() else re.I) is not None


def _years_fit(meta: DocumentMeta, implied: Filters, named: Sequence[int], text: str) -> bool:
    """A report fits the years a question implies (a range, or years it names: any one
    of them) when it was published then or its text names such a year ("inspected in
    2017" in a report published in 2018)."""
    bounds = implied.since is not None or implied.until is not None
    if not bounds and not named:
        return True
    stated = {int(y) for y in plain_years(text)} | ({meta.year} if meta.year else set())
    return bool(stated & set(named)) or (bounds and any(implied.year_ok(y) for y in stated))


def _fits(item: Evidence, implied: Filters, named: Sequence[int], text_of: TextOf) -> bool:
    """Whether a unit's report fits what the question implies: the forces and report
    kind by metadata where known, else by what its chunk says; years by its text."""
    meta, chunk = item.hit.meta, item.hit.chunk.text + "\n" + item.hit.meta.title
    if implied.forces and not set(implied.forces) & set(meta.forces + find_forces(chunk)):
        return False
    if implied.report_types and not (
        Filters(report_types=implied.report_types).admits(meta)
        or set(implied.report_types) & set(infer_report_types(chunk))
    ):
        return False
    return _years_fit(meta, implied, named, text_of(meta.doc_id) or "")


def _describe(implied: Filters, named: Sequence[int]) -> str:
    parts = [*implied.forces, *implied.report_types]
    if implied.since is not None or implied.until is not None:
        low, high = implied.since or "", implied.until or ""
        parts.append(str(low) if low == high else f"{low}–{high}")
    parts += [str(y) for y in named]
    return " · ".join(parts)


def uncovered(
    question: Question, evidence: Sequence[Evidence], text_of: TextOf, tabled: bool = False
) -> list[str]:
    """What the question names that the best evidence does not cover (empty: all covered).

    One of the best units must come from a report that fits the forces, report kind
    and years the question implies or names (unless the tables answer for the forces
    it names: ``tabled``); each name or topic the question is about must occur in one
    of those reports (its text or title).
    """
    top = evidence[:TOP_EVIDENCE]
    if not top:
        return []
    implied = question.inferred
    named = [int(y) for y in question.years]
    missing = []
    if (
        not tabled
        and (not implied.is_empty() or named)
        and not any(_fits(e, implied, named, text_of) for e in top)
    ):
        missing.append(_describe(implied, named))
    texts = [
        without_inspectorate(meta.title + "\n" + (text_of(doc) or ""))
        for doc, meta in _reports(top).items()
    ]
    missing += [t for t in question.key_terms if not any(_mentions(x, t) for x in texts)]
    return missing


def _reports(evidence: Sequence[Evidence]) -> dict[str, DocumentMeta]:
    return {e.doc_id: e.hit.meta for e in evidence}

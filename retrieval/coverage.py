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
from index.lexicon.dates import MONTH_NAMES, years
from index.report_types import infer_report_types
from index.types import DocumentMeta, TextOf
from retrieval.evidence import Evidence
from retrieval.filters import CYCLE, Filters, parse_year_range

TOP_EVIDENCE = 5  # how many of the best units' chunks and reports must cover the question

# Capitalised names and acronyms that are not at the start of the question, e.g. "Ofsted".
_NAME = re.compile(r"(?<=[\w,;:'\u2019)] )([A-Z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{2,})\b")
# Capitalised words that a question may use without naming anything specific.
_GENERIC = frozenset(
    {
        "HMICFRS",
        "HMIC",
        "HM",
        "PEEL",
        "Police",
        "Constabulary",
        "Service",
        "Inspectorate",
        "Inspector",
        "Inspectors",
        "Majesty",
        "His",
        "Her",
        "National",
        "England",
        "Wales",
        "English",
        "Welsh",
        "I",
        "Chief",
        "Constable",
        "Engage",
        "Commissioner",
        "Crime",
        "Report",
        "Reports",
        "Inspection",
        "Inspections",
        "Mayor",
        "UK",
        "British",
    }
)
_MONTHS = frozenset(MONTH_NAMES)
# Topic phrases that name a service other than policing.
_TOPICS = re.compile(
    r"\bfire (?:and|&) rescue\b|\bfire services?\b|\bprobation\b|\bprisons?\b"
    r"|\bchildren's services\b|\bhospitals?\b|\bschools? inspect",
    re.I,
)


def key_terms(question: str) -> list[str]:
    """Names and service topics a question is about; forces are handled as forces."""
    forces_text = " ".join(find_forces(question))
    names = [
        m.group(1)
        for m in _NAME.finditer(question)
        if m.group(1) not in _GENERIC
        and m.group(1) not in _MONTHS
        and m.group(1).lower() not in forces_text.lower()
        and not find_forces(m.group(1))
    ]
    topics = [m.group(0) for m in _TOPICS.finditer(question)]
    return list(dict.fromkeys(names + topics))


def _mentions(text: str, term: str) -> bool:
    """Whether ``text`` names ``term`` (whole words, "&" read as "and", a plural allowed)."""
    words = term.replace("&", "and").split()
    pattern = r"\b" + r"\s+".join(re.escape(w) if w != "and" else "(?:and|&)" for w in words)
    return re.search(pattern + r"s?\b", text, flags=0 if term.isupper() else re.I) is not None


def years_named(question: str) -> list[str]:
    """Years a question names without a range or bound ("its 2024 inspection"); cycle
    labels ("PEEL 2023–2025") and years read as filters ("since 2021") are not."""
    bounds = {str(y) for y in parse_year_range(question) if y is not None}
    named = _plain_years(CYCLE.sub(" ", question))
    return [y for y in dict.fromkeys(named) if y not in bounds]


def _plain_years(text: str) -> list[str]:
    """The years a text names alone, not as a label ("2018/19") or a range."""
    return [span.value for span in years(text) if span.detail != "label"]


def _years_fit(meta: DocumentMeta, implied: Filters, named: Sequence[int], text: str) -> bool:
    """A report fits the years a question implies (a range, or years it names: any one
    of them) when it was published then or its text names such a year ("inspected in
    2017" in a report published in 2018)."""
    bounds = implied.since is not None or implied.until is not None
    if not bounds and not named:
        return True
    stated = {int(y) for y in _plain_years(text)} | ({meta.year} if meta.year else set())
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
    question: str,
    evidence: Sequence[Evidence],
    text_of: TextOf,
    implied: Filters | None = None,
) -> list[str]:
    """What the question names that the best evidence does not cover (empty: all covered).

    One of the best units must come from a report that fits the forces, report kind
    and years the question implies or names; each name or topic the question is about
    must occur in one of those reports (its text or title).
    """
    top = evidence[:TOP_EVIDENCE]
    if not top:
        return []
    implied = implied or Filters()
    named = [int(y) for y in years_named(question)]
    missing = []
    if (not implied.is_empty() or named) and not any(
        _fits(e, implied, named, text_of) for e in top
    ):
        missing.append(_describe(implied, named))
    texts = [
        without_inspectorate(meta.title + "\n" + (text_of(doc) or ""))
        for doc, meta in _reports(top).items()
    ]
    missing += [t for t in key_terms(question) if not any(_mentions(x, t) for x in texts)]
    return missing


def _reports(evidence: Sequence[Evidence]) -> dict[str, DocumentMeta]:
    return {e.doc_id: e.hit.meta for e in evidence}

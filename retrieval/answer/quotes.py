"""Quotes as answers show them: on one line, with their force named, never overlapping."""

from __future__ import annotations

from index.lexicon.layout import neutralise_markers
from retrieval.answer.evidence import Evidence


def inline(quote: str) -> str:
    """A quote on one line of the answer: a window over a heading or list keeps its words,
    with line breaks read as spaces (the citation keeps the verbatim span). Report text is
    untrusted: its own "[2]" is shown as "(2)", so only the answerer's markers cite."""
    return neutralise_markers(" ".join(quote.split()))


def add(chosen: list[Evidence], item: Evidence) -> None:
    """Add ``item`` unless it overlaps a quote already chosen."""
    if not any(overlaps(item, other) for other in chosen):
        chosen.append(item)


def overlaps(a: Evidence, b: Evidence) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def lead(item: Evidence) -> str:
    """The force of the quoted report, named first: "which force …?" is answered so, and
    quotes from several forces' reports say whose "the force" each is."""
    force = item.hit.meta.force
    return f"{inline(force)}: " if force else ""

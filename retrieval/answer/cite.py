"""Citations: numbered in order of use, each quote checked against its document's text."""

from __future__ import annotations

import logging
from dataclasses import replace

from index.errors import GroundingError
from index.lexicon.layout import marker_numbers
from index.types import Answer, Citation, TextOf
from retrieval.answer.evidence import Evidence

log = logging.getLogger(__name__)


def is_verbatim(citation: Citation, text_of: TextOf) -> bool:
    """True when the quote is exactly the document's text between its offsets."""
    text = text_of(citation.meta.doc_id)
    return text is not None and text[citation.start : citation.end] == citation.quote


class CitationBook:
    """Hands out [n] numbers; the same span keeps its number; unverifiable quotes are refused.

    >>> book = CitationBook(manifest.document_text)
    >>> n = book.cite(evidence)   # None when the quote does not match the source
    """

    def __init__(self, text_of: TextOf) -> None:
        self.text_of = text_of
        self.citations: list[Citation] = []
        self._numbers: dict[tuple[str, int, int], int] = {}

    def cite(self, evidence: Evidence) -> int | None:
        chunk = evidence.hit.chunk
        return self.add(
            Citation(
                n=0,
                meta=evidence.hit.meta,
                quote=evidence.text,
                start=evidence.start,
                end=evidence.end,
                page=chunk.page_label,
                section=chunk.section,
                paragraph=chunk.paragraph,
                chunk_id=chunk.chunk_id,
            )
        )

    def add(self, citation: Citation) -> int | None:
        """Number a citation built elsewhere (its ``n`` is replaced); None when unverifiable."""
        key = (citation.meta.doc_id, citation.start, citation.end)
        if key in self._numbers:
            return self._numbers[key]
        citation = replace(citation, n=len(self.citations) + 1)
        if not is_verbatim(citation, self.text_of):
            log.error("quote does not match %s at %d-%d", key[0], key[1], key[2])
            return None
        self.citations.append(citation)
        self._numbers[key] = citation.n
        return citation.n


def check_answer(answer: Answer, text_of: TextOf) -> Answer:
    """The last gate before an answer is shown: every quote verbatim, every [n] defined,
    in the table and in the text (a refusal's text is not checked: it cites nothing)."""
    bad = [c.n for c in answer.citations if not is_verbatim(c, text_of)]
    if bad:
        raise GroundingError(f"citations {bad} are not verbatim spans of their sources")
    numbers = {c.n for c in answer.citations}
    used = {n for row in answer.table for n in row.citations}
    if not used <= numbers:
        raise GroundingError(f"table cites undefined references {sorted(used - numbers)}")
    written = set() if answer.refused else set(marker_numbers(answer.answer))
    if not written <= numbers:
        raise GroundingError(f"answer text cites undefined references {sorted(written - numbers)}")
    return answer

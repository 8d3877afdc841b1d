"""Sentence-level evidence: which sentences of the retrieved chunks answer the question.

Each candidate sentence keeps its character span in its document, so a quote is
always a verbatim slice. Its score mixes the embedding similarity to the question
with how many of the question's content words (stemmed) it contains.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from index.chunk import sentence_spans
from index.types import Hit

if TYPE_CHECKING:
    from index.embed import Embedder

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*")
_QUESTION_WORDS = {
    "which", "what", "when", "where", "who", "whom", "whose", "why", "how", "many", "much",
    "did", "does", "do", "was", "were", "is", "are", "has", "have", "had", "the", "a", "an",
    "of", "in", "on", "for", "to", "and", "or", "by", "with", "about", "any", "its", "their",
    "there", "this", "that", "these", "those", "say", "said", "report", "reports", "force",
    "forces", "police", "inspection", "inspectorate", "hmicfrs", "list", "name", "tell", "me",
    "find", "show", "according", "be", "been", "it", "they", "from", "at", "as", "not",
}
MIN_SENTENCE_CHARS = 30


@dataclass(frozen=True)
class Evidence:
    """One sentence of one retrieved chunk, scored against the question."""

    hit: Hit
    start: int  # character offsets in the document's text
    end: int
    text: str
    score: float
    similarity: float
    coverage: float

    @property
    def doc_id(self) -> str:
        return self.hit.meta.doc_id


def is_prose(block: str) -> bool:
    """Headings, titles and table rows are not quotable answers; sentences and list items are."""
    text = block.strip().rstrip("\"')\u201d\u2019")
    if " | " in text:
        return False
    return text.endswith((".", "!", "?", ";", ":")) or len(text.split()) >= 25


def candidate_spans(hit: Hit) -> list[tuple[int, int, str]]:
    """Sentences of a chunk as (doc start, doc end, text); headings and scraps dropped."""
    chunk = hit.chunk
    found: list[tuple[int, int, str]] = []
    block_start = 0
    for block in chunk.text.split("\n\n"):
        if not is_prose(block):
            block_start += len(block) + 2
            continue
        for start, end in sentence_spans(block, chunk.start + block_start):
            text = chunk.text[start - chunk.start : end - chunk.start]
            if len(text) >= MIN_SENTENCE_CHARS and len(text.split()) >= 5:
                found.append((start, end, text))
        block_start += len(block) + 2
    return found


class EvidenceScorer:
    """Score sentences of hits against a question.

    >>> scorer = EvidenceScorer(embedder)
    >>> best = scorer.score("Which forces lack detectives?", hits)[0]
    """

    def __init__(self, embedder: Embedder, similarity_weight: float = 0.75) -> None:
        self.embedder = embedder
        self.similarity_weight = similarity_weight

    @cached_property
    def _stemmer(self):  # noqa: ANN202 - PyStemmer has no type stubs
        import Stemmer

        return Stemmer.Stemmer("english")

    def stems(self, text: str) -> set[str]:
        words = [w.lower().strip("'.,") for w in _WORD.findall(text)]
        return set(self._stemmer.stemWords([w for w in words if w not in _QUESTION_WORDS]))

    def score(self, question: str, hits: Sequence[Hit]) -> list[Evidence]:
        """Every candidate sentence of the hits, best first (duplicates from overlap removed)."""
        seen: set[tuple[str, int]] = set()
        spans: list[tuple[Hit, int, int, str]] = []
        for hit in hits:
            for start, end, text in candidate_spans(hit):
                key = (hit.meta.doc_id, start)
                if key not in seen:
                    seen.add(key)
                    spans.append((hit, start, end, text))
        if not spans:
            return []
        vectors = self.embedder.embed_documents([question] + [s[3] for s in spans])
        similarities = vectors[1:] @ vectors[0]
        wanted = self.stems(question)
        scored = [
            self._evidence(hit, start, end, text, float(sim), wanted)
            for (hit, start, end, text), sim in zip(spans, np.asarray(similarities), strict=True)
        ]
        return sorted(scored, key=lambda e: e.score, reverse=True)

    def _evidence(
        self, hit: Hit, start: int, end: int, text: str, similarity: float, wanted: set[str]
    ) -> Evidence:
        coverage = len(wanted & self.stems(text)) / len(wanted) if wanted else 0.0
        w = self.similarity_weight
        score = w * similarity + (1 - w) * coverage
        return Evidence(hit, start, end, text, score, similarity, coverage)

"""Sentence-level evidence: which sentences of the retrieved chunks answer the question.

Each candidate sentence keeps its character span in its document, so a quote is
always a verbatim slice. Its score mixes the embedding similarity to the question
with how many of the question's content words (stemmed) it contains.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from index.chunk import sentence_spans
from index.metadata import find_forces
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

# What kind of fact a question wants, and what a sentence holding it looks like.
_WANTS_NUMBER = re.compile(
    r"\b(how (many|much|long|often)|what (number|proportion|percentage|share|rate|figure)|"
    r"what per ?cent)\b",
    re.IGNORECASE,
)
_WANTS_DATE = re.compile(r"^\s*when\b|\b(what|which) (date|year|month)\b", re.IGNORECASE)
_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundred|thousand|million|half|third|quarter)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(19|20)\d\d\b|\b(January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b"
)
GRADES = re.compile(
    r"\b(outstanding|good|adequate|requires improvement|inadequate)\b", re.IGNORECASE
)


def grades_asked(question: str) -> set[str]:
    """The inspection grades a question names ("inadequate", "requires improvement"...)."""
    return {g.lower() for g in GRADES.findall(question)}


def fact_pattern(question: str) -> re.Pattern[str] | None:
    """What a sentence must contain to hold the kind of fact asked for: a number, a date."""
    if _WANTS_NUMBER.search(question):
        return _NUMBER
    if _WANTS_DATE.search(question):
        return _DATE
    return None


Spans = list[tuple[int, int, str]]  # (doc start, doc end, text) of each candidate sentence


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


def candidate_spans(hit: Hit) -> Spans:
    """Sentences of a chunk as (doc start, doc end, text); headings and scraps dropped."""
    chunk = hit.chunk
    found: Spans = []
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


class SentenceCache:
    """Sentence vectors per chunk, least recently used evicted past ``max_sentences``.

    Chunks recur across questions, so a warm process embeds only what it has not seen.
    """

    def __init__(self, max_sentences: int = 50_000) -> None:
        self.max_sentences = max_sentences
        self._entries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size = 0

    def get(self, chunk_id: str) -> np.ndarray | None:
        vectors = self._entries.get(chunk_id)
        if vectors is not None:
            self._entries.move_to_end(chunk_id)
        return vectors

    def put(self, chunk_id: str, vectors: np.ndarray) -> None:
        if chunk_id in self._entries:
            return
        self._entries[chunk_id] = vectors
        self._size += len(vectors)
        while self._size > self.max_sentences and self._entries:
            _, old = self._entries.popitem(last=False)
            self._size -= len(old)


class EvidenceScorer:
    """Score sentences of hits against a question.

    >>> scorer = EvidenceScorer(embedder)
    >>> best = scorer.score("Which forces lack detectives?", hits)[0]
    """

    def __init__(
        self,
        embedder: Embedder,
        similarity_weight: float = 0.70,
        cache: SentenceCache | None = None,
        type_penalty: float = 0.10,
    ) -> None:
        self.embedder = embedder
        self.similarity_weight = similarity_weight
        self.type_penalty = type_penalty  # lost by a sentence without the kind of fact asked
        self.cache = cache or SentenceCache()

    @cached_property
    def _stemmer(self):  # noqa: ANN202 - PyStemmer has no type stubs
        import Stemmer

        return Stemmer.Stemmer("english")

    def stems(self, text: str) -> set[str]:
        words = [w.lower().strip("'.,") for w in _WORD.findall(text)]
        return set(self._stemmer.stemWords([w for w in words if w not in _QUESTION_WORDS]))

    def topic_stems(self, question: str) -> set[str]:
        """The question's content words, less the forces it names (filters handle those)."""
        return self.stems(question) - self.stems(" ".join(find_forces(question)))

    def score(self, question: str, hits: Sequence[Hit]) -> list[Evidence]:
        """Every candidate sentence of the hits, best first (duplicates from overlap removed)."""
        per_hit = [(hit, candidate_spans(hit)) for hit in hits]
        vectors = self._vectors(per_hit)
        query = self.embedder.embed_query(question)
        wanted = self.topic_stems(question)
        fact = fact_pattern(question)
        seen: set[tuple[str, int]] = set()
        scored: list[Evidence] = []
        for hit, spans in per_hit:
            if not spans:
                continue
            similarities = vectors[hit.chunk.chunk_id] @ query
            for (start, end, text), sim in zip(spans, similarities, strict=True):
                if (hit.meta.doc_id, start) not in seen:
                    seen.add((hit.meta.doc_id, start))
                    scored.append(
                        self._evidence(hit, start, end, text, float(sim), wanted, fact)
                    )
        return sorted(scored, key=lambda e: e.score, reverse=True)

    def _vectors(self, per_hit: list[tuple[Hit, Spans]]) -> dict[str, np.ndarray]:
        """Sentence vectors per chunk, embedding in one batch only what the cache lacks."""
        found: dict[str, np.ndarray] = {}
        missing: list[tuple[str, Spans]] = []
        for hit, spans in per_hit:
            cached = self.cache.get(hit.chunk.chunk_id) if spans else None
            if cached is not None:
                found[hit.chunk.chunk_id] = cached
            elif spans and hit.chunk.chunk_id not in found:
                missing.append((hit.chunk.chunk_id, spans))
                found[hit.chunk.chunk_id] = np.empty(0)
        texts = [text for _, spans in missing for _, _, text in spans]
        embedded = self.embedder.embed_documents(texts) if texts else np.empty((0, 0))
        offset = 0
        for chunk_id, spans in missing:
            found[chunk_id] = embedded[offset : offset + len(spans)]
            self.cache.put(chunk_id, found[chunk_id])
            offset += len(spans)
        return found

    def _evidence(
        self,
        hit: Hit,
        start: int,
        end: int,
        text: str,
        similarity: float,
        wanted: set[str],
        fact: re.Pattern[str] | None,
    ) -> Evidence:
        coverage = len(wanted & self.stems(text)) / len(wanted) if wanted else 0.0
        w = self.similarity_weight
        score = w * similarity + (1 - w) * coverage
        if fact is not None and not fact.search(text):
            score -= self.type_penalty
        return Evidence(hit, start, end, text, score, similarity, coverage)

"""Sentence-level evidence: which units of the retrieved chunks answer the question.

Each candidate unit (a sentence, or a short line such as a heading or a "Date of
publication" label; see :mod:`index.sentences`) keeps its character span in its
document, so a quote is always a verbatim slice. Its score mixes the embedding
similarity to the question with how many of the question's content words (stemmed)
it contains; it loses when it lacks the kind of fact asked for (a date for "when",
a number for "how many", ...), when it is boilerplate (it restates the report's
title, or recurs in several reports), and gains a little when its report matches
what the question prefers (a force or report type it names).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from index.forces import find_forces
from index.lexicon.facts import Fact
from index.lexicon.layout import item_number
from index.sentences import Unit, chunk_units
from index.text import QUESTION_WORDS, english_stemmer, words
from index.types import Chunk, Hit
from retrieval.config import ScorerConfig
from retrieval.question.answer_types import counts_asked, fit

if TYPE_CHECKING:
    from Stemmer import Stemmer

    from index.embed import Embedder
    from retrieval.question.reading import Question

StoredVectors = Callable[[Sequence[str]], dict[str, np.ndarray]]  # chunk ids -> unit vectors


@dataclass(frozen=True)
class Evidence:
    """One unit of one retrieved chunk (or a window of neighbouring units), scored."""

    hit: Hit
    start: int  # character offsets in the document's text
    end: int
    text: str
    score: float
    similarity: float
    coverage: float
    fit: float = 1.0  # share of the asked kinds of fact the text carries
    prose: bool = True

    @property
    def doc_id(self) -> str:
        return self.hit.meta.doc_id


class SentenceCache:
    """Unit vectors per chunk, least recently used evicted past ``max_sentences``.

    Chunks recur across questions, so a warm process looks up or embeds each once.
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


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def recurring(units: Sequence[tuple[Hit, Unit]], min_docs: int = 3) -> set[str]:
    """Normalised texts that occur in at least ``min_docs`` different reports."""
    docs: dict[str, set[str]] = {}
    for hit, unit in units:
        docs.setdefault(_normalised(unit.text), set()).add(hit.meta.doc_id)
    return {text for text, found in docs.items() if len(found) >= min_docs}


_LIST_ITEM_WORDS = 30  # a longer line is prose after the list, not an item of it


def _list_end(chunk: Chunk, after: int, most: int) -> int:
    """Where the list that follows offset ``after`` ends; ``after`` when none follows.

    Its items are the next lines (one-word items too), at most ``most``. Numbered items
    ("1. …", "2. …") may be paragraphs and end where the numbering does; other items
    are no longer than a list item: items without full stops end at the one that has
    one, items that are sentences before a line that is not (a heading after the list).
    """
    end = after
    sentences: bool | None = None  # do the items end with full stops?
    numbered: int | None = None  # the number the next numbered item must have
    offset = after
    for line in chunk.text[after - chunk.start :].split("\n"):
        text = line.strip()
        if text:
            number = item_number(text)  # "1. Running the force." starts item 1
            if numbered is None and sentences is None and number is not None:
                numbered = number
            if most == 0 or not _continues(text, numbered, number, sentences):
                break
            most -= 1
            end = offset + line.index(text) + len(text)
            stop = text.endswith((".", "!", "?"))
            if numbered is not None:
                numbered += 1
            elif sentences is None:
                sentences = stop
            elif stop and not sentences:
                break
        offset += len(line) + 1
    return end


def _continues(text: str, numbered: int | None, number: int | None, sentences: bool | None) -> bool:
    """Whether a line is the list's next item."""
    if numbered is not None:
        return number == numbered
    if len(text.split()) > _LIST_ITEM_WORDS:
        return False
    return not (sentences and not text.endswith((".", "!", "?")))


@dataclass(frozen=True)
class Query:
    """What scoring needs to know about one question."""

    vector: np.ndarray
    topic: frozenset[str]
    facts: frozenset[Fact]
    counted: tuple[str, ...] = ()  # what "how many …" counts, as stems


class EvidenceScorer:
    """Score the units of hits against a question.

    >>> scorer = EvidenceScorer(embedder)
    >>> best = scorer.score(read_question("Which forces lack detectives?"), hits)[0]
    """

    def __init__(
        self,
        embedder: Embedder,
        config: ScorerConfig | None = None,
        *,
        cache: SentenceCache | None = None,
        stored: StoredVectors | None = None,
    ) -> None:
        self.embedder = embedder
        self.config = config or ScorerConfig()
        self.cache = cache or SentenceCache()
        self.stored = stored  # unit vectors computed at index time, when the index has them

    @cached_property
    def _stemmer(self) -> Stemmer:
        return english_stemmer()

    def stems(self, text: str) -> set[str]:
        return set(self._stemmer.stemWords([w for w in words(text) if w not in QUESTION_WORDS]))

    def topic_stems(self, question: str) -> set[str]:
        """The question's content words, less the forces it names (filters handle those)."""
        return self.stems(question) - self.stems(" ".join(find_forces(question)))

    def query(self, question: Question) -> Query:
        """What scoring needs of a question: its vector, topic words, asked facts."""
        return self.query_text(question.text, question.facts, question.counted)

    def query_text(
        self, text: str, facts: frozenset[Fact] = frozenset(), counted: tuple[str, ...] = ()
    ) -> Query:
        """A query for a text that is no question (a claim), asking ``facts`` of quotes."""
        return Query(
            self.embedder.embed_query(text), frozenset(self.topic_stems(text)), facts, counted
        )

    def score(self, question: Question, hits: Sequence[Hit]) -> list[Evidence]:
        """Every candidate unit of the hits, best first (duplicates from overlap removed)."""
        return self.score_query(self.query(question), hits)

    def score_query(self, query: Query, hits: Sequence[Hit]) -> list[Evidence]:
        """:meth:`score` for a question already read by :meth:`query`."""
        per_hit = [(hit, chunk_units(hit.chunk)) for hit in hits]
        vectors = self._vectors(per_hit)
        pairs = [(hit, unit) for hit, units in per_hit for unit in units]
        common = recurring(pairs)
        seen: set[tuple[str, int]] = set()
        scored: list[Evidence] = []
        for position, (hit, units) in enumerate(per_hit):
            if not units:
                continue
            similarities = self._similarities(hit, vectors[hit.chunk.chunk_id], query)
            standing = self.config.rank_weight * (1 - position / len(per_hit))
            for unit, sim in zip(units, similarities, strict=True):
                key = (hit.meta.doc_id, unit.start)
                if key in seen:
                    continue
                seen.add(key)
                item = self._evidence(hit, unit, float(sim), query, common, standing)
                if item is not None:
                    scored.append(item)
        return sorted(scored, key=lambda e: e.score, reverse=True)

    def _similarities(self, hit: Hit, vectors: np.ndarray, query: Query) -> np.ndarray:
        sentence = vectors @ query.vector
        if not self.config.chunk_weight or hit.dense_score is None:
            return sentence
        return (
            1 - self.config.chunk_weight
        ) * sentence + self.config.chunk_weight * hit.dense_score

    def _vectors(self, per_hit: list[tuple[Hit, list[Unit]]]) -> dict[str, np.ndarray]:
        """Unit vectors per chunk: cached, stored at index time, or embedded in one batch."""
        found: dict[str, np.ndarray] = {}
        wanted = [h.chunk.chunk_id for h, units in per_hit if units]
        for chunk_id in wanted:
            cached = self.cache.get(chunk_id)
            if cached is not None:
                found[chunk_id] = cached
        lacking = [c for c in dict.fromkeys(wanted) if c not in found]
        if lacking and self.stored is not None:
            counts = {h.chunk.chunk_id: len(units) for h, units in per_hit}
            for chunk_id, vectors in self.stored(lacking).items():
                if len(vectors) == counts[chunk_id]:  # else units were cut differently
                    found[chunk_id] = vectors
                    self.cache.put(chunk_id, vectors)
        missing = {h.chunk.chunk_id: u for h, u in per_hit if u and h.chunk.chunk_id not in found}
        texts = [unit.text for units in missing.values() for unit in units]
        embedded = self.embedder.embed_documents(texts) if texts else np.empty((0, 0))
        offset = 0
        for chunk_id, units in missing.items():
            found[chunk_id] = embedded[offset : offset + len(units)]
            self.cache.put(chunk_id, found[chunk_id])
            offset += len(units)
        return found

    def _restates_title(self, hit: Hit, unit: Unit) -> bool:
        own = self.stems(unit.text)
        return bool(own) and len(own & self.stems(hit.meta.title)) >= 0.8 * len(own)

    def _evidence(
        self,
        hit: Hit,
        unit: Unit,
        similarity: float,
        query: Query,
        common: set[str],
        standing: float = 0.0,
    ) -> Evidence | None:
        carried = fit(unit.text, query.facts, hit.meta.forces, query.counted)
        restates = self._restates_title(hit, unit)
        if not unit.prose and (not query.facts or carried == 0.0 or restates):
            return None  # a heading or label answers only when it states what is asked
        # Boilerplate: a title restated, or a sentence recurring across several reports
        # (a heading such as "Investigating crime – requires improvement" may recur).
        boilerplate = restates or (unit.prose and _normalised(unit.text) in common)
        return self.rescore(
            Evidence(
                hit, unit.start, unit.end, unit.text, 0.0, similarity, 0.0, carried, unit.prose
            ),
            query,
            boilerplate=boilerplate,
            standing=standing,
        )

    def rescore(
        self, item: Evidence, query: Query, *, boilerplate: bool = False, standing: float = 0.0
    ) -> Evidence:
        """``item`` with coverage, fit and score computed for its (possibly widened) text."""
        stems = self.stems(item.text)
        coverage = len(query.topic & stems) / len(query.topic) if query.topic else 0.0
        carried = fit(item.text, query.facts, item.hit.meta.forces, query.counted)
        w = self.config.similarity_weight
        score = w * item.similarity + (1 - w) * coverage - self.config.type_penalty * (1 - carried)
        if boilerplate:
            score -= self.config.boilerplate_penalty
        if Fact.NUMBER in query.facts and counts_asked(item.text, query.counted):
            score += self.config.count_bonus
        if item.hit.preferred:
            score += self.config.prefer_bonus
        return replace(item, score=score + standing, coverage=coverage, fit=carried)

    def widen(self, item: Evidence, query: Query, max_units: int = 3) -> Evidence:
        """``item``, or the smallest window of neighbouring units around it (same chunk,
        one contiguous span) that carries more of the asked kinds of fact; a sentence
        that ends in a colon takes the list it introduces."""
        units = chunk_units(item.hit.chunk)
        at = next((i for i, u in enumerate(units) if u.start == item.start), None)
        if at is None:
            return item
        if item.text.rstrip().endswith(":"):
            return self._with_list(item, units, at, query)
        if item.fit >= 1.0 or not query.facts:
            return item
        best = item
        for size in range(2, max_units + 1):
            for first in range(max(0, at - size + 1), min(at, len(units) - size) + 1):
                window = self._window(item, units[first : first + size], query)
                if window.fit > best.fit:
                    best = window
            if best.fit >= 1.0:
                break
        return best

    def _with_list(
        self, item: Evidence, units: Sequence[Unit], at: int, query: Query, most: int = 8
    ) -> Evidence:
        """The introducing sentence and the list items after it, up to the one that ends
        the list (a full stop) or ``most`` items."""
        end = _list_end(item.hit.chunk, item.end, most)
        if end > item.end:  # short lines, one-word items too
            return self._window(item, [units[at]], query, end=end)
        last = at
        for i in range(at + 1, min(len(units), at + 1 + most)):
            last = i
            if units[i].text.rstrip().endswith((".", "!", "?")):
                break
        return self._window(item, units[at : last + 1], query) if last > at else item

    def _window(
        self, item: Evidence, units: Sequence[Unit], query: Query, end: int | None = None
    ) -> Evidence:
        chunk = item.hit.chunk
        start, end = units[0].start, end or units[-1].end
        text = chunk.text[start - chunk.start : end - chunk.start]
        return self.rescore(replace(item, start=start, end=end, text=text), query)

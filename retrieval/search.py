"""Hybrid search: dense (Chroma) and lexical (BM25) over-fetched, then fused.

Each side is asked for many more candidates than wanted; the two rankings are
fused by weighted reciprocal rank. Filters apply on both sides: a Chroma `where`
on the dense side, a per-chunk mask on the lexical side.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from index.types import DocumentMeta, Hit
from retrieval.config import SearchConfig
from retrieval.filters import Filters

if TYPE_CHECKING:
    from index.embed import Embedder
    from index.lexical import LexicalIndex
    from index.manifest import Manifest
    from index.store import ChunkStore, VectorMatch
    from retrieval.rerank import Reranker


T = TypeVar("T")
MEMO_SIZE = 256  # filter results kept per revision
MIN_SHARE = 0.02  # filter the unfiltered nearest chunks when the allowed hold this share
# Read at most this many unfiltered nearest chunks: 10 ms for 2,000 and 40 ms for 8,000 at
# 100k chunks, against 70-280 ms for a query through Chroma's metadata filter.
MAX_WIDE = 8000


def doc_of(chunk_id: str) -> str:
    """The document id a chunk id belongs to (ids are ``doc_id#ordinal-hash``)."""
    return chunk_id.rsplit("#", 1)[0]


def rrf(rankings: Sequence[tuple[float, Sequence[str]]], k: int) -> dict[str, float]:
    """Weighted reciprocal rank fusion of several ranked id lists."""
    fused: dict[str, float] = {}
    for weight, ids in rankings:
        for rank, item in enumerate(ids):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank + 1)
    return fused


class Nearest:
    """One question's nearest chunks without filters, read once as deep as asked."""

    def __init__(self, store: ChunkStore, vector: np.ndarray) -> None:
        self.store, self.vector = store, vector
        self.found: list[VectorMatch] = []
        self.depth = 0

    def top(self, depth: int) -> tuple[list[VectorMatch], bool]:
        """The ``depth`` nearest, and whether they are every chunk of the index."""
        if depth > self.depth:
            self.found, self.depth = self.store.query(self.vector, depth), depth
        return self.found[:depth], len(self.found) < self.depth


class HybridSearcher:
    """Dense + BM25 search over one index, returning :class:`Hit` s.

    >>> searcher.search("custody healthcare", k=5, filters=Filters(since=2021))
    """

    def __init__(
        self,
        embedder: Embedder,
        store: ChunkStore,
        manifest: Manifest,
        lexical: LexicalIndex,
        documents: dict[str, DocumentMeta],
        config: SearchConfig | None = None,
        reranker: Reranker | None = None,
    ) -> None:
        self.embedder = embedder
        self.store = store
        self.manifest = manifest
        self.config = config or SearchConfig()
        self.reranker = reranker
        self.reload(lexical, documents)

    def reload(self, lexical: LexicalIndex, documents: dict[str, DocumentMeta]) -> None:
        """Search a newer revision of the index: its BM25 side and its documents."""
        doc_ids = sorted(documents)
        self._doc_position = {d: i for i, d in enumerate(doc_ids)}
        self._doc_ids = doc_ids
        self._chunk_doc = np.array(
            [self._doc_position.get(doc_of(c), -1) for c in lexical.chunk_ids], dtype=np.int64
        )
        known = self._chunk_doc[self._chunk_doc >= 0]
        self._doc_chunks = np.bincount(known, minlength=len(doc_ids))
        self._chunks_total = len(lexical.chunk_ids)
        self.lexical = lexical
        self.documents = documents
        self._doc_sets: dict[tuple[object, ...], Any] = {}

    def matching_docs(self, filters: Filters) -> list[str]:
        if filters.is_empty():
            return self._doc_ids
        return self._memo(
            ("match", filters),
            lambda: [d for d in self._doc_ids if filters.matches(self.documents[d])],
        )

    def preferred_docs(self, prefer: Filters, filters: Filters | None = None) -> set[str]:
        """Reports that pass ``filters`` and may fit ``prefer`` (unknown metadata fits)."""
        hard = filters or Filters()
        return self._memo(
            ("prefer", prefer, hard),
            lambda: {d for d in self.matching_docs(hard) if prefer.admits(self.documents[d])},
        )

    def _memo(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """Reports per filter, kept for this revision: one question reads the same
        filters several times (plan, widening, preferred rankings). Callers only read
        the result; a cleared entry (another thread) is just computed again."""
        found = self._doc_sets.get(key)
        if found is None:
            if len(self._doc_sets) >= MEMO_SIZE:
                self._doc_sets.clear()
            found = self._doc_sets[key] = compute()
        return found  # type: ignore[no-any-return]

    def search(
        self,
        query: str,
        k: int = 10,
        filters: Filters | None = None,
        per_doc: int | None = None,
        prefer: Filters | None = None,
    ) -> list[Hit]:
        """The k best chunks for query; per_doc caps how many come from one report.

        ``filters`` exclude; ``prefer`` only ranks the reports that may fit it higher.
        """
        filters = filters or Filters()
        fetch = max(self.config.min_fetch, k * self.config.fetch_factor)
        vector = self.embedder.embed_query(query)
        nearest = Nearest(self.store, vector)
        allowed = None if filters.is_empty() else set(self.matching_docs(filters))
        dense = self._dense(nearest, fetch, filters.to_where(), allowed)
        preferred = self._preferred(prefer, filters)
        masks = [self._mask(filters)]
        if preferred:
            masks.append(self._chunk_mask(preferred.__contains__))
        lexical, *lexical_preferred = self.lexical.search_masks(query, fetch, masks)
        rankings = [
            (self.config.dense_weight, [m.chunk_id for m in dense]),
            (self.config.lexical_weight, [cid for cid, _ in lexical]),
        ]
        if preferred:
            rankings += self._preferred_rankings(
                nearest, fetch, filters, preferred, lexical_preferred[0]
            )
        fused = rrf(rankings, self.config.rrf_k)
        ranked = sorted(fused, key=fused.__getitem__, reverse=True)
        # ids of reports this revision does not know (a build is writing) take no slot;
        # chunk ids the manifest lacks are replaced from a margin of extra candidates
        ranked = [cid for cid in ranked if doc_of(cid) in self.documents]
        wanted = max(k, 1) if not self.reranker else k * 3
        ranked = self._cap(ranked, per_doc)
        chunks = self.manifest.chunks_by_id(ranked[:wanted])
        if len(chunks) < len(ranked[:wanted]):  # rare: read the margin only then
            chunks = self.manifest.chunks_by_id(ranked[: 2 * wanted])
        ranked = [cid for cid in ranked[: 2 * wanted] if cid in chunks][:wanted]
        dense_scores = {m.chunk_id: m.similarity for m in dense}
        lexical_scores = dict(lexical)
        hits = [
            Hit(
                chunk=chunks[cid],
                meta=self.documents[chunks[cid].doc_id],
                score=fused[cid],
                dense_score=dense_scores.get(cid),
                lexical_score=lexical_scores.get(cid),
                preferred=chunks[cid].doc_id in (preferred or ()),
            )
            for cid in ranked
            if cid in chunks and chunks[cid].doc_id in self.documents
        ]
        if self.reranker is not None:
            hits = self.reranker.rerank(query, hits)
        return [replace(hit, rank=i + 1) for i, hit in enumerate(hits[:k])]

    def within(self, query: str, docs: set[str], k: int) -> list[Hit]:
        """The k chunks of these reports that match the words of ``query`` best (BM25
        alone): where a report states what a question counts ("43 recommendations")."""
        found = self.lexical.search(query, k, self._chunk_mask(docs.__contains__))
        chunks = self.manifest.chunks_by_id([cid for cid, _ in found])
        return [
            Hit(chunks[cid], self.documents[chunks[cid].doc_id], score, lexical_score=score)
            for cid, score in found
            if cid in chunks and chunks[cid].doc_id in self.documents
        ]

    def _preferred(self, prefer: Filters | None, filters: Filters) -> set[str] | None:
        """The preferred reports, or None when preferring would change nothing."""
        if prefer is None or prefer.is_empty():
            return None
        preferred = self.preferred_docs(prefer, filters)
        everything = len(self.matching_docs(filters))
        return preferred if 0 < len(preferred) < everything else None

    def _preferred_rankings(
        self,
        nearest: Nearest,
        fetch: int,
        filters: Filters,
        preferred: set[str],
        lexical: list[tuple[str, float]],
    ) -> list[tuple[float, list[str]]]:
        """Dense and lexical rankings over the preferred reports alone."""
        where = {"doc_id": {"$in": sorted(preferred)}}
        hard = filters.to_where()
        dense = self._dense(nearest, fetch, {"$and": [hard, where]} if hard else where, preferred)
        weight = self.config.prefer_weight
        return [
            (weight * self.config.dense_weight, [m.chunk_id for m in dense]),
            (weight * self.config.lexical_weight, [cid for cid, _ in lexical]),
        ]

    def _dense(
        self,
        nearest: Nearest,
        fetch: int,
        where: dict[str, Any] | None,
        allowed: set[str] | None,
    ) -> list[VectorMatch]:
        """The nearest chunks of the ``allowed`` reports (None: all). Chroma filters by
        scanning metadata (70-280 ms at 100k chunks, against 3-6 ms unfiltered), so when
        the allowed reports hold a fair share of the chunks, the question's unfiltered
        nearest chunks are read deeper (up to MAX_WIDE) and filtered here; when too few
        of them are allowed, Chroma's ``where`` serves."""
        if allowed is None:
            return nearest.top(fetch)[0]
        share = self._chunk_share(allowed)
        if share >= MIN_SHARE:
            # twice the depth at which fetch allowed chunks are expected (every chunk at most)
            depth = min(int(2 * fetch / share), self._chunks_total + 1)
            if depth <= MAX_WIDE:  # deeper costs more than Chroma's where: go there at once
                found, whole = nearest.top(depth)
                kept = [m for m in found if doc_of(m.chunk_id) in allowed]
                if len(kept) >= fetch or whole:
                    return kept[:fetch]
        return self.store.query(nearest.vector, fetch, where)

    def _chunk_share(self, docs: set[str]) -> float:
        """The share of the index's chunks that belong to these reports."""
        positions = [self._doc_position[d] for d in docs if d in self._doc_position]
        return float(self._doc_chunks[positions].sum()) / max(self._chunks_total, 1)

    def _mask(self, filters: Filters) -> np.ndarray | None:
        if filters.is_empty():
            return None
        return self._chunk_mask(lambda doc: filters.matches(self.documents[doc]))

    def _chunk_mask(self, allowed: Callable[[str], bool]) -> np.ndarray:
        """BM25 weights: 1 for chunks of allowed documents, else 0."""
        # One flag per document, plus a trailing False for chunks of unknown documents (-1).
        flags = np.array([allowed(d) for d in self._doc_ids] + [False], dtype=bool)
        return flags[self._chunk_doc].astype(np.float32)

    @staticmethod
    def _cap(ranked: list[str], per_doc: int | None) -> list[str]:
        if not per_doc:
            return ranked
        seen: dict[str, int] = {}
        kept = []
        for cid in ranked:
            doc = doc_of(cid)
            seen[doc] = seen.get(doc, 0) + 1
            if seen[doc] <= per_doc:
                kept.append(cid)
        return kept

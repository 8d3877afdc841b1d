"""Hybrid search: dense (Chroma) and lexical (BM25) over-fetched, then fused.

Each side is asked for many more candidates than wanted; the two rankings are
fused by weighted reciprocal rank. Filters apply on both sides: a Chroma `where`
on the dense side, a per-chunk mask on the lexical side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from index.lexicon.thesaurus import expand
from index.types import DocumentMeta, Hit
from retrieval.config import SearchConfig
from retrieval.search.filters import Filters
from retrieval.search.revision import Revision, doc_of

if TYPE_CHECKING:
    import numpy as np

    from index.embed import Embedder
    from index.lexical import LexicalIndex
    from index.manifest import Manifest
    from index.store import ChunkStore, VectorMatch
    from retrieval.search.rerank import Reranker


MIN_SHARE = 0.02  # filter the unfiltered nearest chunks when the allowed hold this share
# Read at most this many unfiltered nearest chunks: 10 ms for 2,000 and 40 ms for 8,000 at
# 100k chunks, against 70-280 ms for a query through Chroma's metadata filter.
MAX_WIDE = 8000


def rrf(rankings: Sequence[tuple[float, Sequence[str]]], k: int) -> dict[str, float]:
    """Weighted reciprocal rank fusion of several ranked id lists."""
    fused: dict[str, float] = {}
    for weight, ids in rankings:
        for rank, item in enumerate(ids):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank + 1)
    return fused


class Nearest:
    """One question's nearest chunks without filters, read once as deep as asked."""

    def __init__(
        self,
        store: ChunkStore,
        vector: np.ndarray,
        exact: tuple[list[str], np.ndarray] | None = None,
    ) -> None:
        self.store, self.vector = store, vector
        self.found: list[VectorMatch] = []
        self.depth = 0
        self.exact = exact is not None  # a small index: every chunk ranked, compared exactly
        if exact is not None:
            self.found, self.depth = _ranked(*exact, vector), len(exact[0]) + 1

    def top(self, depth: int) -> tuple[list[VectorMatch], bool]:
        """The ``depth`` nearest, and whether they are every chunk of the index."""
        if depth > self.depth and not self.exact:
            self.found, self.depth = self.store.query(self.vector, depth), depth
        return self.found[:depth], self.exact or len(self.found) < self.depth


def _ranked(ids: list[str], vectors: np.ndarray, vector: np.ndarray) -> list[VectorMatch]:
    """Every chunk by cosine similarity to ``vector`` (unit ``vectors`` in chunk id
    order), equal ones in chunk id order."""
    import numpy as np

    from index.store import VectorMatch

    query = np.asarray(vector, dtype=np.float32)
    similarities = vectors @ (query / (np.linalg.norm(query) or 1.0))
    order = np.argsort(-similarities, kind="stable")
    return [VectorMatch(ids[i], float(similarities[i])) for i in order]


class HybridSearcher:
    """Dense + BM25 search over one index, returning :class:`Hit` s.

    >>> searcher.search("custody healthcare", k=5, filters=Filters(since=2021))

    What it searches is one :class:`Revision`, replaced whole by :meth:`reload`; each
    call reads it once, so a switch mid-call cannot mix two revisions or carry a result
    of the old one into the new.
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
        self.manifest = manifest
        self.config = config or SearchConfig()
        self.reranker = reranker
        self.revision = Revision(store, lexical, documents)

    def reload(self, revision: Revision) -> None:
        """Search a newer revision of the index from now on."""
        self.revision = revision

    @property
    def store(self) -> ChunkStore:
        return self.revision.store

    @property
    def lexical(self) -> LexicalIndex:
        return self.revision.lexical

    @property
    def documents(self) -> dict[str, DocumentMeta]:
        return self.revision.documents

    def matching_docs(self, filters: Filters) -> list[str]:
        return self.revision.matching_docs(filters)

    def preferred_docs(self, prefer: Filters, filters: Filters | None = None) -> set[str]:
        """Reports that pass ``filters`` and may fit ``prefer`` (unknown metadata fits)."""
        return self.revision.preferred_docs(prefer, filters or Filters())

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
        rev = self.revision
        filters = filters or Filters()
        fetch = max(self.config.min_fetch, k * self.config.fetch_factor)
        vector = self.embedder.embed_query(expand(query) if self.config.expand_dense else query)
        nearest = Nearest(rev.store, vector, rev.exact_vectors())
        allowed = None if filters.is_empty() else set(rev.matching_docs(filters))
        dense = self._dense(rev, nearest, fetch, filters.to_where(), allowed)
        preferred = self._preferred(rev, prefer, filters)
        masks = [rev.mask(filters)]
        if preferred:
            masks.append(rev.chunk_mask(preferred.__contains__))
        lexical, *lexical_preferred = rev.lexical.search_masks(self._words(query), fetch, masks)
        rankings = [
            (self.config.dense_weight, [m.chunk_id for m in dense]),
            (self.config.lexical_weight, [cid for cid, _ in lexical]),
        ]
        if preferred:
            rankings += self._preferred_rankings(
                rev, nearest, fetch, filters, preferred, lexical_preferred[0]
            )
        fused = rrf(rankings, self.config.rrf_k)
        ranked = sorted(fused, key=lambda cid: (-fused[cid], cid))  # ties: chunk id order
        # ids of reports this revision does not know (a build is writing) take no slot;
        # chunk ids the manifest lacks are replaced from a margin of extra candidates
        ranked = [cid for cid in ranked if doc_of(cid) in rev.documents]
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
                meta=rev.documents[chunks[cid].doc_id],
                score=fused[cid],
                dense_score=dense_scores.get(cid),
                lexical_score=lexical_scores.get(cid),
                preferred=chunks[cid].doc_id in (preferred or ()),
            )
            for cid in ranked
            if cid in chunks and chunks[cid].doc_id in rev.documents
        ]
        if self.reranker is not None:
            hits = self.reranker.rerank(query, hits)
        return [replace(hit, rank=i + 1) for i, hit in enumerate(hits[:k])]

    def within(self, query: str, docs: set[str], k: int) -> list[Hit]:
        """The k chunks of these reports that match the words of ``query`` best (BM25
        alone): where a report states what a question counts ("43 recommendations")."""
        rev = self.revision
        found = rev.lexical.search(self._words(query), k, rev.chunk_mask(docs.__contains__))
        chunks = self.manifest.chunks_by_id([cid for cid, _ in found])
        return [
            Hit(chunks[cid], rev.documents[chunks[cid].doc_id], score, lexical_score=score)
            for cid, score in found
            if cid in chunks and chunks[cid].doc_id in rev.documents
        ]

    def _words(self, query: str) -> str:
        """The words BM25 looks for: the query's, and the reports' words for a reader's
        (index/lexicon/thesaurus.py) when ``expand_lexical`` is on."""
        return expand(query) if self.config.expand_lexical else query

    @staticmethod
    def _preferred(rev: Revision, prefer: Filters | None, filters: Filters) -> set[str] | None:
        """The preferred reports, or None when preferring would change nothing."""
        if prefer is None or prefer.is_empty():
            return None
        preferred = rev.preferred_docs(prefer, filters)
        everything = len(rev.matching_docs(filters))
        return preferred if 0 < len(preferred) < everything else None

    def _preferred_rankings(
        self,
        rev: Revision,
        nearest: Nearest,
        fetch: int,
        filters: Filters,
        preferred: set[str],
        lexical: list[tuple[str, float]],
    ) -> list[tuple[float, list[str]]]:
        """Dense and lexical rankings over the preferred reports alone."""
        where = {"doc_id": {"$in": sorted(preferred)}}
        hard = filters.to_where()
        both = {"$and": [hard, where]} if hard else where
        dense = self._dense(rev, nearest, fetch, both, preferred)
        weight = self.config.prefer_weight
        return [
            (weight * self.config.dense_weight, [m.chunk_id for m in dense]),
            (weight * self.config.lexical_weight, [cid for cid, _ in lexical]),
        ]

    @staticmethod
    def _dense(
        rev: Revision,
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
        if nearest.exact:
            return [m for m in nearest.found if doc_of(m.chunk_id) in allowed][:fetch]
        share = rev.chunk_share(allowed)
        if share >= MIN_SHARE:
            # twice the depth at which fetch allowed chunks are expected (every chunk at most)
            depth = min(int(2 * fetch / share), rev.chunks_total + 1)
            if depth <= MAX_WIDE:  # deeper costs more than Chroma's where: go there at once
                found, whole = nearest.top(depth)
                kept = [m for m in found if doc_of(m.chunk_id) in allowed]
                if len(kept) >= fetch or whole:
                    return kept[:fetch]
        return nearest.store.query(nearest.vector, fetch, where)

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

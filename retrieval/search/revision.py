"""One committed revision of an index, as a reader searches it.

A `reportqa index` run in another process writes vectors, chunks and BM25 while a
server answers; it commits by bumping the manifest's revision and switching BM25 to
that revision. A reader follows by building a new :class:`Revision` (a fresh vector
store client, that revision's BM25, the documents) and replacing its old one in one
assignment. Everything derived from a revision (reports per filter, chunk masks,
document texts) is kept on it or keyed by its number, and a search reads the revision
once and uses it throughout, so nothing computed before a switch is served after it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from index.lexical import load_lexical

if TYPE_CHECKING:
    from pathlib import Path

    from index.lexical import LexicalIndex
    from index.manifest import Manifest
    from index.store import ChunkStore
    from index.types import DocumentMeta
    from retrieval.search.filters import Filters

T = TypeVar("T")
MEMO_SIZE = 256  # filter results kept per revision
# An index this small is searched exactly (every vector compared): HNSW's search may miss
# a near neighbour, and which one depends on the order the chunks were written in.
EXACT_UP_TO = 2000


def doc_of(chunk_id: str) -> str:
    """The document id a chunk id belongs to (ids are ``doc_id#ordinal-hash``)."""
    return chunk_id.rsplit("#", 1)[0]


class Revision:
    """The vector store, BM25 side and documents of one revision, with what is derived
    from them. Never changed after it is built, except its memo of filter results."""

    def __init__(
        self, store: ChunkStore, lexical: LexicalIndex, documents: dict[str, DocumentMeta]
    ) -> None:
        self.store = store
        self.lexical = lexical
        self.documents = documents
        self.doc_ids = sorted(documents)
        self._doc_position = {d: i for i, d in enumerate(self.doc_ids)}
        self._chunk_doc = np.array(
            [self._doc_position.get(doc_of(c), -1) for c in lexical.chunk_ids], dtype=np.int64
        )
        known = self._chunk_doc[self._chunk_doc >= 0]
        self._doc_chunks = np.bincount(known, minlength=len(self.doc_ids))
        self._chunks_total = len(lexical.chunk_ids)
        self._memo: dict[tuple[object, ...], Any] = {}

    @property
    def number(self) -> int:
        """The manifest revision this BM25 side (and so this reader) was built for."""
        return int(self.lexical.revision)

    @property
    def chunks_total(self) -> int:
        """How many chunks the revision holds."""
        return self._chunks_total

    def exact_vectors(self) -> tuple[list[str], np.ndarray] | None:
        """Every chunk vector, unit length, in chunk id order, when the index is small
        enough to search exactly (read once per revision); None for a larger one."""
        if self._chunks_total > EXACT_UP_TO:
            return None
        return self.memo(("exact",), self._read_vectors)

    def _read_vectors(self) -> tuple[list[str], np.ndarray] | None:
        found = self.store.all_vectors()
        if found is None:
            return None
        ids, vectors = found
        order = sorted(range(len(ids)), key=ids.__getitem__)  # chunk id order: ties rank alike
        vectors = vectors[order] if len(order) else vectors
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return [ids[i] for i in order], vectors / np.where(norms > 0, norms, 1.0)

    def matching_docs(self, filters: Filters) -> list[str]:
        if filters.is_empty():
            return self.doc_ids
        return self.memo(
            ("match", filters),
            lambda: [d for d in self.doc_ids if filters.matches(self.documents[d])],
        )

    def preferred_docs(self, prefer: Filters, hard: Filters) -> set[str]:
        """Reports that pass ``hard`` and may fit ``prefer`` (unknown metadata fits)."""
        return self.memo(
            ("prefer", prefer, hard),
            lambda: {d for d in self.matching_docs(hard) if prefer.admits(self.documents[d])},
        )

    def memo(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """Reports per filter, kept for this revision: one question reads the same
        filters several times (plan, widening, preferred rankings). Callers only read
        the result; a cleared entry (another thread) is just computed again."""
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            found = self._memo[key] = compute()
        return found  # type: ignore[no-any-return]

    def chunk_share(self, docs: set[str]) -> float:
        """The share of the revision's chunks that belong to these reports."""
        positions = [self._doc_position[d] for d in docs if d in self._doc_position]
        return float(self._doc_chunks[positions].sum()) / max(self._chunks_total, 1)

    def mask(self, filters: Filters) -> np.ndarray | None:
        if filters.is_empty():
            return None
        return self.chunk_mask(lambda doc: filters.matches(self.documents[doc]))

    def chunk_mask(self, allowed: Callable[[str], bool]) -> np.ndarray:
        """BM25 weights: 1 for chunks of allowed documents, else 0."""
        # One flag per document, plus a trailing False for chunks of unknown documents (-1).
        flags = np.array([allowed(d) for d in self.doc_ids] + [False], dtype=bool)
        return flags[self._chunk_doc].astype(np.float32)


def committed_revision(
    manifest: Manifest, lexical_path: Path, current: Revision
) -> Revision | None:
    """The revision a `reportqa index` run committed since ``current``, or None: nothing
    new, or a run is still writing (it bumps the revision, then switches BM25 to it).

    Its vector store client is opened after the commit: an embedded Chroma reads
    another process's writes once per client (see ``ChunkStore.reopened``)."""
    revision = manifest.revision()
    if revision == current.number:
        return None
    lexical = load_lexical(lexical_path)
    if lexical is None or lexical.revision != revision:
        return None
    return Revision(current.store.reopened(), lexical, manifest.documents())


class RevisionTexts:
    """Document texts, cached per revision of the index: a text read before a switch
    (perhaps mid-build) is never served after it."""

    def __init__(
        self, read: Callable[[str], str | None], revision: Callable[[], int], size: int = 512
    ) -> None:
        self._read = read
        self._revision = revision
        self._cached = functools.lru_cache(maxsize=size)(self._text)

    def _text(self, revision: int, doc_id: str) -> str | None:
        return self._read(doc_id)

    def __call__(self, doc_id: str) -> str | None:
        return self._cached(self._revision(), doc_id)

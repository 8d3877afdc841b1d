"""The one seam to Chroma: embedded on disk by default, a `chroma run` server on request.

Vectors live in Chroma with the chunk metadata that filters need (forces as a
string array, report type, year); the text of record lives in the manifest only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from index.errors import ConfigError, IndexMismatchError
from index.faults import crash_point
from index.settings import IndexSettings
from index.types import Chunk, DocumentMeta

if TYPE_CHECKING:
    import numpy as np
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection


log = logging.getLogger(__name__)
# An embedded reader's in-memory vectors can trail another process's writes: a filtered
# query may then name ids it has not loaded. It is retried, then left to the BM25 side.
QUERY_ATTEMPTS = 3


@dataclass(frozen=True)
class VectorMatch:
    chunk_id: str
    similarity: float  # cosine similarity, 1.0 is identical


def open_client(settings: IndexSettings) -> ClientAPI:
    """A Chroma client for the settings: HttpClient for a URL, else PersistentClient."""
    import chromadb

    chroma_settings = chromadb.Settings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ConfigError(
                f"Chroma URL {settings.chroma_url!r} is not valid: use http://HOST:PORT"
            )
        return chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def filter_metadata(meta: DocumentMeta) -> dict[str, str | int | list[str]]:
    """The keys ``Filters.to_where`` filters on: forces (an array), report_type, year.

    Chroma rejects None values and empty lists, so unknown values are left out; a
    missing key then fails any filter on it, as ``Filters.matches`` does.
    """
    data: dict[str, str | int | list[str]] = {}
    if meta.forces:
        data["forces"] = list(meta.forces)
    if meta.report_type:
        data["report_type"] = meta.report_type
    if meta.year is not None:
        data["year"] = meta.year
    return data


def chunk_metadata(chunk: Chunk, meta: DocumentMeta) -> dict[str, Any]:
    """What Chroma stores beside each vector: enough to filter and to show a hit."""
    data: dict[str, Any] = {
        "doc_id": chunk.doc_id,
        "ordinal": chunk.ordinal,
        "source": meta.source,
        "title": meta.title,
        "section": chunk.section,
        "start": chunk.start,
        "end": chunk.end,
        "published": meta.published or "",
        **filter_metadata(meta),
    }
    if chunk.page is not None:
        data["page"] = chunk.page
    if chunk.printed_page:
        data["printed_page"] = chunk.printed_page
    if chunk.paragraph:
        data["paragraph"] = chunk.paragraph
    return data


class ChunkStore:
    """Chunk vectors in one Chroma collection, tagged with the model that made them.

    >>> store = ChunkStore.open(settings, model="sentence-transformers/all-MiniLM-L6-v2",
    ...                         dimension=384)
    >>> store.query(vector, k=10, where={"year": {"$gte": 2021}})
    """

    def __init__(
        self, client: ClientAPI, collection: Collection, settings: IndexSettings | None = None
    ) -> None:
        self.client = client
        self.collection = collection
        self.settings = settings  # where it was opened, to open it again
        self.max_batch = int(client.get_max_batch_size())

    @classmethod
    def open(cls, settings: IndexSettings, *, model: str, dimension: int) -> ChunkStore:
        client = open_client(settings)
        collection = client.get_or_create_collection(
            settings.collection,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"model": model, "dimension": dimension},
            embedding_function=None,  # never let Chroma fetch its own default model
        )
        found = collection.metadata or {}
        if found.get("model") != model or int(found.get("dimension", -1)) != dimension:
            raise IndexMismatchError(
                f"the Chroma collection {settings.collection!r} holds vectors from model "
                f"{found.get('model')!r} (dimension {found.get('dimension')}), not {model!r} "
                f"(dimension {dimension}). Use the same --model, or build a new index."
            )
        return cls(client, collection, settings)

    def reopened(self) -> ChunkStore:
        """This store through a new client that reads the vectors on disk now.

        An embedded Chroma keeps one System per folder per process, and that System
        takes the writes other processes made into its in-memory vector index once, at
        its first query (chromadb 1.5: the local executor backfills a collection once).
        So a reader must drop it to see what a `reportqa index` run in another process
        wrote; clients still using the old one keep working until they are let go. A
        Chroma server holds every writer's vectors itself: its client is kept."""
        if self.settings is None or self.settings.chroma_url:
            return self
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient._identifier_to_system.pop(str(self.settings.chroma_path), None)
        found = self.collection.metadata or {}
        return ChunkStore.open(
            self.settings, model=found["model"], dimension=int(found["dimension"])
        )

    def count(self) -> int:
        return int(self.collection.count())

    def ids(self) -> set[str]:
        """Every chunk id stored (paged, for large collections)."""
        found: set[str] = set()
        offset, page = 0, 5000
        while True:
            got = self.collection.get(include=[], limit=page, offset=offset)["ids"]
            found.update(got)
            if len(got) < page:
                return found
            offset += page

    def vectors(self, ids: Sequence[str], batch: int = 1000) -> np.ndarray:
        """The stored vectors of ids, in the order of ids; LookupError if any is missing."""
        import numpy as np

        found: dict[str, Any] = {}
        for start in range(0, len(ids), batch):
            chunk_ids = list(ids[start : start + batch])
            got = self.collection.get(ids=chunk_ids, include=["embeddings"])
            found.update(zip(got["ids"], got["embeddings"], strict=True))
        missing = [i for i in ids if i not in found]
        if missing:
            raise LookupError(f"{len(missing)} chunks have no stored vector, e.g. {missing[0]}")
        return np.asarray([found[i] for i in ids], dtype=np.float32)

    def delete_doc(self, doc_id: str) -> None:
        self.collection.delete(where={"doc_id": doc_id})

    def delete_stale(self, keep: Mapping[str, set[str]]) -> int:
        """Delete the chunks of these documents that are not in their ``keep`` set (the
        chunks a replaced version had); the number deleted."""
        if not keep:
            return 0
        found = self.collection.get(where={"doc_id": {"$in": sorted(keep)}}, include=[])["ids"]
        wanted = set().union(*keep.values())
        stale = [chunk_id for chunk_id in found if chunk_id not in wanted]
        for i in range(0, len(stale), self.max_batch):
            self.collection.delete(ids=stale[i : i + self.max_batch])
        return len(stale)

    def upsert(
        self, chunks: Sequence[Chunk], metas: Sequence[DocumentMeta], vectors: np.ndarray
    ) -> None:
        """Store chunk vectors with their filter metadata (the text lives in the manifest)."""
        for i in range(0, len(chunks), self.max_batch):
            batch = range(i, min(i + self.max_batch, len(chunks)))
            self.collection.upsert(
                ids=[chunks[j].chunk_id for j in batch],
                embeddings=vectors[i : i + self.max_batch],
                metadatas=[chunk_metadata(chunks[j], metas[j]) for j in batch],
            )
            crash_point("mid-chroma-write")

    def all_vectors(self) -> tuple[list[str], np.ndarray] | None:
        """Every chunk id with its stored vector (a small index is searched exactly);
        None when Chroma cannot read them (a write under way, a full disk): the search
        then asks Chroma's own index."""
        import numpy as np
        from chromadb.errors import InternalError

        try:
            got = self.collection.get(include=["embeddings"])
        except InternalError as exc:
            log.warning("could not read the vectors to search them exactly (%s)", exc)
            return None
        vectors = got["embeddings"]
        if vectors is None or len(vectors) == 0:
            return [], np.zeros((0, 0), dtype=np.float32)
        return list(got["ids"]), np.asarray(vectors, dtype=np.float32)

    def query(
        self, vector: Sequence[float] | np.ndarray, k: int, where: dict[str, Any] | None = None
    ) -> list[VectorMatch]:
        from chromadb.errors import InternalError

        # Chroma returns fewer than k when fewer match; no count() first (8 ms at 100k)
        if k <= 0:
            return []
        for attempt in range(QUERY_ATTEMPTS):
            try:
                result = self.collection.query(
                    query_embeddings=[list(map(float, vector))],
                    n_results=k,
                    where=where or None,
                    include=["distances"],
                )
                break
            except InternalError as exc:  # another process is writing this index
                if attempt + 1 == QUERY_ATTEMPTS:
                    log.warning(
                        "vector search failed (%s), so this answer uses word matches only; "
                        "normal while `reportqa index` writes this folder, else rebuild it",
                        exc,
                    )
                    return []
                time.sleep(0.05 * 2**attempt)
        ids, distances = result["ids"][0], (result["distances"] or [[]])[0]
        found = [VectorMatch(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]
        # equal distances (identical texts) in chunk id order, whatever order the graph gives
        return sorted(found, key=lambda m: (-m.similarity, m.chunk_id))

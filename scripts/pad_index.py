"""Pad an index to N chunks with SYNTHETIC copies whose vectors are perturbed real vectors.

Embedding 100k chunks on two cores takes hours, so for query benchmarks the extra
chunks are copies of the index's real documents (same text, new ids, a random
force) whose vectors are the real chunk vectors plus small Gaussian noise,
renormalised. They are written through the Manifest (``commit_documents``) and
the ChunkStore's collection with the store's own ``chunk_metadata``, and the BM25
side is rebuilt, so search sees an ordinary index of that size. A copy carries its
source chunks' stored unit vectors unchanged (same text, so the same units), so
answering reads them as it would in a real index of that size. The copies have no
file on disk: a later ``reportqa index`` over the corpus removes them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

import numpy as np

from index.lexical import build_lexical
from index.manifest import Manifest
from index.settings import IndexSettings
from index.store import ChunkStore
from index.types import Chunk, Document, DocumentMeta

PREFIX = "synthetic-copy-"
BATCH_CHUNKS = 4000


@dataclass
class Original:
    meta: DocumentMeta
    text: str
    chunks: list[Chunk]
    vectors: np.ndarray
    unit_vectors: dict[str, np.ndarray]  # by the original's chunk id


def perturb(vectors: np.ndarray, rng: np.random.Generator, noise: float) -> np.ndarray:
    """Vectors plus noise of relative size `noise`, renormalised to unit length."""
    step = rng.standard_normal(vectors.shape).astype(np.float32)
    step *= noise / np.sqrt(vectors.shape[1])
    moved = vectors + step
    return moved / np.linalg.norm(moved, axis=1, keepdims=True)


def originals(manifest: Manifest, store: ChunkStore) -> list[Original]:
    """The real (not padded) documents of the index with their chunks and vectors."""
    found = []
    for doc_id, meta in manifest.documents().items():
        if doc_id.startswith(PREFIX):
            continue
        chunks = manifest.chunks_of(doc_id)
        ids = [c.chunk_id for c in chunks]
        text = manifest.document_text(doc_id) or ""
        found.append(Original(meta, text, chunks, store.vectors(ids), manifest.unit_vectors(ids)))
    return found


def copy_of(original: Original, number: int, force: str) -> tuple[Document, list[Chunk]]:
    doc_id = f"{PREFIX}{number:07d}"
    meta = replace(
        original.meta,
        doc_id=doc_id,
        source=f"{doc_id}.md",
        forces=(force,),
        title=f"SYNTHETIC vector copy {number} of {original.meta.title}",
    )
    chunks = [
        replace(c, chunk_id=f"{doc_id}#{c.chunk_id.rsplit('#', 1)[-1]}", doc_id=doc_id)
        for c in original.chunks
    ]
    return Document(meta, original.text, ()), chunks


def copied_units(original: Original, copies: list[Chunk]) -> dict[str, np.ndarray]:
    """The original's unit vectors keyed by the ids of its copied chunks (same order)."""
    pairs = zip(original.chunks, copies, strict=True)
    return {
        copy.chunk_id: original.unit_vectors[source.chunk_id]
        for source, copy in pairs
        if source.chunk_id in original.unit_vectors
    }


def pad_index(
    settings: IndexSettings,
    target: int,
    *,
    model: str,
    dimension: int,
    seed: int = 0,
    noise: float = 0.3,
) -> int:
    """Add synthetic copies until the index holds at least `target` chunks; how many added."""
    with Manifest.open(settings.manifest_path) as manifest:
        manifest.db.execute("PRAGMA synchronous=OFF")  # bench data: speed over durability
        store = ChunkStore.open(settings, model=model, dimension=dimension)
        sources = originals(manifest, store)
        forces = sorted({f for o in sources for f in o.meta.forces}) or ["Unknown"]
        rng, pick = np.random.default_rng(seed), random.Random(seed)
        count = start = manifest.chunk_count()
        number = sum(d.startswith(PREFIX) for d in manifest.documents())
        pending: list[tuple[Chunk, DocumentMeta, np.ndarray]] = []
        while count < target:
            original = sources[number % len(sources)]
            document, chunks = copy_of(original, number, pick.choice(forces))
            units = copied_units(original, chunks)
            manifest.commit_documents(
                [(document.meta.source, "synthetic", document, chunks)], units
            )
            vectors = perturb(original.vectors, rng, noise)
            pending += [(c, document.meta, v) for c, v in zip(chunks, vectors, strict=True)]
            if len(pending) >= BATCH_CHUNKS:
                write(store, pending)
                pending = []
            count += len(chunks)
            number += 1
        write(store, pending)
        manifest.bump_revision()
        build_lexical(manifest, settings.lexical_path)
        return count - start


def write(store: ChunkStore, items: list[tuple[Chunk, DocumentMeta, np.ndarray]]) -> None:
    """Upsert (chunk, meta, vector) triples into the store's collection in batches."""
    if items:
        store.upsert(
            [c for c, _, _ in items], [m for _, m, _ in items], np.stack([v for _, _, v in items])
        )

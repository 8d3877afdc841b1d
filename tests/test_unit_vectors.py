"""Unit vectors: every quotable unit of every chunk is embedded at index time."""

from __future__ import annotations

import numpy as np

from index.manifest import Manifest
from index.sentences import chunk_units


def test_every_chunk_with_units_has_one_vector_per_unit(sample_index, embedder):
    with Manifest.open(sample_index.manifest_path) as manifest:
        chunks = list(manifest.iter_chunks())
        stored = manifest.unit_vectors([c.chunk_id for c in chunks])
    counts = {c.chunk_id: len(chunk_units(c)) for c in chunks}
    assert sum(counts.values()) > len(chunks)
    assert set(stored) == {chunk_id for chunk_id, n in counts.items() if n}
    for chunk_id, vectors in stored.items():
        assert vectors.dtype == np.float32
        assert vectors.shape == (counts[chunk_id], embedder.dimension)


def test_stored_unit_vectors_equal_the_embedders(sample_index, embedder):
    with Manifest.open(sample_index.manifest_path) as manifest:
        chunks = list(manifest.iter_chunks())[::150]  # a few chunks across the corpus
        stored = manifest.unit_vectors([c.chunk_id for c in chunks])
    for chunk in chunks:
        units = chunk_units(chunk)
        if not units:
            continue
        fresh = embedder.embed_documents([u.text for u in units])
        stored_rows = stored[chunk.chunk_id]
        norms = np.linalg.norm(stored_rows, axis=1) * np.linalg.norm(fresh, axis=1)
        cosines = np.sum(stored_rows * fresh, axis=1) / norms
        assert cosines.min() > 0.99, (chunk.chunk_id, cosines.min())


def test_a_manifest_from_before_unit_vectors_reads_none(tmp_path):
    path = tmp_path / "manifest.sqlite3"
    with Manifest.open(path) as manifest:
        manifest.db.execute("DROP TABLE unit_vectors")
    with Manifest.open_readonly(path) as manifest:
        assert manifest.unit_vectors(["doc#0001"]) == {}
    with Manifest.open(path) as manifest:  # an ordinary open adds the empty table
        assert manifest.unit_vectors(["doc#0001"]) == {}

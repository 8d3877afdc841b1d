"""Unit vectors: every quotable unit of every chunk is embedded at index time."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index.build import IndexBuilder
from index.embed_plan import EmbedPlan
from index.manifest import Manifest
from index.sentences import chunk_units
from index.settings import IndexSettings
from index.types import Chunk


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


class CountingEmbedder:
    """The real embedder, recording every text sent to the model."""

    def __init__(self, embedder) -> None:
        self.embedder, self.sent = embedder, []
        self.name, self.dimension = embedder.name, embedder.dimension
        self.max_tokens, self.backend = embedder.max_tokens, embedder.backend

    def count_tokens(self, texts):
        return self.embedder.count_tokens(texts)

    def embed_documents(self, texts, batch_size=64):
        self.sent += list(texts)
        return self.embedder.embed_documents(texts, batch_size)


SHARED = (
    "The force did not have enough trained detectives to investigate serious and "
    "complex crime, and supervisors did not review investigations often enough."
)


def _report(path: Path, force: str, finding: str) -> None:
    path.write_text(
        f'---\ntitle: "{force} – PEEL inspection"\nforce: "{force}"\n'
        'report_type: "PEEL inspection"\npublished: 2023-05-01\n---\n\n'
        f"# {force} – PEEL inspection\n\n## Investigating crime\n\n{SHARED}\n\n{finding}\n"
    )


def test_a_build_sends_each_distinct_text_once_and_shares_its_vector(tmp_path, embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _report(corpus / "kent.md", "Kent Police", "Victims in Kent waited too long for updates.")
    _report(corpus / "essex.md", "Essex Police", "Essex answered emergency calls quickly.")
    counting = CountingEmbedder(embedder)
    settings = IndexSettings(index_dir=tmp_path / "index")
    summary = IndexBuilder(settings, counting).build(corpus)

    assert counting.sent.count(SHARED) == 1  # the line both reports state, embedded once
    assert len(counting.sent) == len(set(counting.sent)) == summary.texts_embedded
    with Manifest.open(settings.manifest_path) as manifest:
        chunks = list(manifest.iter_chunks())
        stored = manifest.unit_vectors([c.chunk_id for c in chunks])
    shared = [
        stored[c.chunk_id][i]
        for c in chunks
        for i, unit in enumerate(chunk_units(c))
        if unit.text == SHARED
    ]
    alone = embedder.embed_query(SHARED)
    assert len(shared) == 2  # each report's unit has the vector of the text on its own
    for vector in shared:
        assert float(vector @ alone) / float(np.linalg.norm(vector)) > 0.9999


def test_an_embed_plan_gives_every_chunk_and_unit_the_row_of_its_own_text():
    text = "A first sentence that is long enough to quote. " * 2 + "\n\nA heading line"
    first = Chunk("doc#0000", "doc", 0, text, 0, len(text), None, None, "s", None)
    second = Chunk("doc#0001", "doc", 1, text, 0, len(text), None, None, "s", None)
    plan = EmbedPlan.of([first, second])
    assert len(plan.texts) == len(set(plan.texts)) < plan.wanted
    assert [plan.texts[r] for r in plan.chunk_rows] == [text, text]
    for chunk in (first, second):
        units = [u.text for u in chunk_units(chunk)]
        assert [plan.texts[r] for r in plan.unit_rows[chunk.chunk_id]] == units
    vectors = np.arange(len(plan.texts), dtype=np.float32)[:, None] * np.ones((1, 3))
    chunk_vectors, unit_vectors = plan.split(vectors)
    assert chunk_vectors[:, 0].tolist() == [float(r) for r in plan.chunk_rows]
    assert unit_vectors["doc#0001"][:, 0].tolist() == [float(r) for r in plan.unit_rows["doc#0001"]]

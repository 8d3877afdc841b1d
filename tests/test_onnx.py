"""The int8 ONNX embedding backend: export and agreement with torch, the backend an
index records, refusing to mix backends, and a query path without torch.

The export is made once per session from the installed wheel into the temporary
cache that conftest.py points REPORTQA_CACHE at. ``auto`` serves torch for now
(``index.embed.AUTO_ONNX``), so these tests ask for ONNX by name and build a small
ONNX index of their own.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.build import IndexBuilder
from index.embed import ONNX, TORCH, Embedder, resolve_model_path
from index.errors import ConfigError, IndexMismatchError
from index.manifest import read_manifest
from index.settings import IndexSettings

ROOT = Path(__file__).resolve().parent.parent
MODEL = Path(resolve_model_path("default"))


@pytest.fixture(scope="session")
def torch_embedder():  # noqa: ANN201
    return Embedder(backend="torch")


@pytest.fixture(scope="session")
def onnx_embedder():  # noqa: ANN201
    return Embedder(backend="onnx")


@pytest.fixture(scope="session")
def onnx_index(tmp_path_factory, onnx_embedder) -> IndexSettings:  # noqa: ANN001
    """A few sample reports indexed with the ONNX backend (read-only: copy to write)."""
    root = tmp_path_factory.mktemp("onnx")
    corpus = root / "corpus"
    corpus.mkdir()
    sources = sorted((ROOT / "corpus").glob("*.md"))[:4]
    for path in sources:
        shutil.copy(path, corpus / path.name)
    settings = IndexSettings(index_dir=root / "index")
    summary = IndexBuilder(settings, onnx_embedder).build(corpus)
    assert not summary.failed and summary.chunks_total > 0
    return settings


@pytest.fixture
def onnx_copy(onnx_index, tmp_path):  # noqa: ANN001, ANN201
    shutil.copytree(onnx_index.index_dir, tmp_path / "index")
    shutil.copytree(onnx_index.index_dir.parent / "corpus", tmp_path / "corpus")
    return replace(onnx_index, index_dir=tmp_path / "index"), tmp_path / "corpus"


@pytest.fixture(scope="session")
def chunk_texts(sample_index) -> list[str]:  # noqa: ANN001
    with read_manifest(sample_index.manifest_path) as manifest:
        chunks = list(manifest.iter_chunks())
    step = max(1, len(chunks) // 40)
    return [c.text for c in chunks[::step]][:40]


def test_the_onnx_embedder_is_the_cached_int8_export(onnx_embedder):
    from index.onnx_embedder import cache_root, read_export

    assert onnx_embedder.backend == ONNX
    assert Embedder().backend == TORCH  # auto: torch for now (index.embed.AUTO_ONNX)
    export = read_export(MODEL)
    assert export is not None and export.agrees, export
    assert export.folder.is_relative_to(cache_root())
    assert cache_root() == Path(os.environ["REPORTQA_CACHE"])  # a temporary folder, not ~
    assert export.meta["fused"]["Attention"] == 6  # graph fusion happened
    assert (export.folder / "model.onnx").stat().st_size < 30_000_000  # int8, not fp32


def test_onnx_vectors_agree_with_torch(onnx_embedder, torch_embedder, chunk_texts):
    embedder = onnx_embedder
    sentences = [
        "Which forces lack specialist detectives?",
        "Custody",
        "The force should improve how it records the use of force.",
        *chunk_texts,
    ]
    onnx_vectors = embedder.embed_documents(sentences)
    torch_vectors = torch_embedder.embed_documents(sentences)
    assert onnx_vectors.shape == torch_vectors.shape == (len(sentences), 384)
    assert np.allclose(np.linalg.norm(onnx_vectors, axis=1), 1.0, atol=1e-4)
    cosines = (onnx_vectors * torch_vectors).sum(axis=1)
    assert cosines.mean() >= 0.99, cosines
    assert cosines.min() >= 0.97, cosines
    query = embedder.embed_query(sentences[0])
    assert float(query @ torch_vectors[0]) >= 0.98


def test_token_counts_match_torch_so_chunks_match(onnx_embedder, torch_embedder, chunk_texts):
    embedder = onnx_embedder
    texts = [*chunk_texts, "", "Café naïve – 12.5% “quoted”", "word " * 400]
    assert embedder.count_tokens(texts) == torch_embedder.count_tokens(texts)
    assert embedder.max_tokens == torch_embedder.max_tokens == 256


def test_a_second_embedder_reuses_the_export(onnx_embedder, monkeypatch):
    import index.onnx_export

    def no_export(*args: object) -> None:
        raise AssertionError("exported again")

    monkeypatch.setattr(index.onnx_export, "export_model", no_export)
    assert Embedder(backend="onnx").backend == ONNX


def test_a_disagreeing_export_falls_back_to_torch_or_is_refused(onnx_embedder, monkeypatch):
    import index.embed
    import index.onnx_embedder

    monkeypatch.setattr(index.embed, "AUTO_ONNX", True)
    assert Embedder().backend == ONNX
    monkeypatch.setattr(index.onnx_embedder, "MIN_MEAN_COSINE", 1.01)
    assert Embedder().backend == TORCH
    with pytest.raises(ConfigError, match="does not agree"):
        Embedder(backend="onnx")


def test_unknown_backend_is_a_config_error():
    with pytest.raises(ConfigError, match="auto, onnx, torch"):
        Embedder(backend="gpu")


def test_the_index_records_its_backend(onnx_index, sample_index):
    with read_manifest(onnx_index.manifest_path) as manifest:
        assert manifest.settings()["backend"] == ONNX
    with read_manifest(sample_index.manifest_path) as manifest:
        assert manifest.settings()["backend"] == TORCH


def test_mixing_backends_in_one_index_is_refused(onnx_copy, torch_embedder, monkeypatch):
    from retrieval.service import ReportQA

    settings, corpus = onnx_copy
    (corpus / "new-report.md").write_text("# A new report\n\nCustody was good.\n")
    with pytest.raises(IndexMismatchError, match="backend"):
        IndexBuilder(settings, torch_embedder).build(corpus)
    with pytest.raises(IndexMismatchError, match="embedding backend"):
        ReportQA.open(settings, embedder=torch_embedder)
    monkeypatch.setenv("REPORTQA_EMBED_BACKEND", "torch")
    with pytest.raises(IndexMismatchError, match="REPORTQA_EMBED_BACKEND"):
        ReportQA.open(settings)


def test_an_index_follows_its_own_backend(onnx_copy, monkeypatch):
    from index.opening import index_backend

    settings, _ = onnx_copy
    assert index_backend(settings) == ONNX
    monkeypatch.setenv("REPORTQA_EMBED_BACKEND", "onnx")
    assert index_backend(settings) == ONNX
    with sqlite3.connect(settings.manifest_path) as db:  # an index from before backends
        db.execute("DELETE FROM settings WHERE key = 'backend'")
    monkeypatch.delenv("REPORTQA_EMBED_BACKEND")
    assert index_backend(settings) == TORCH
    assert index_backend(replace(settings, index_dir=settings.index_dir / "none")) is None


def test_asking_from_the_shell_imports_no_torch(onnx_index):
    sample_index = onnx_index
    code = (
        "import sys, io, contextlib\n"
        "from ui.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    rc = main(['ask', '--index', {str(sample_index.index_dir)!r}, '--json',\n"
        "               'Which forces lack specialist detectives?'])\n"
        "    main(['search', '--index', "
        f"{str(sample_index.index_dir)!r}, '--json', 'custody healthcare'])\n"
        "heavy = sorted(m for m in ('torch', 'sentence_transformers', 'transformers')"
        " if m in sys.modules)\n"
        "print(json.dumps({'rc': rc, 'heavy': heavy, 'answer': out.getvalue()}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import json\n" + code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["rc"] == 0
    assert report["heavy"] == [], result.stderr
    assert isinstance(json.loads(report["answer"].splitlines()[0]), dict)

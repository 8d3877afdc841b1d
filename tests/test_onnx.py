"""The ONNX embedding backends: export and agreement with torch, the backend an
index records, which backends may share an index, and a query path without torch.

The export is made once per session from the installed wheel into the temporary
cache that conftest.py points REPORTQA_CACHE at. ``auto`` serves the fused fp32
variant, so the session's sample index is an onnx-fp32 index; these tests build a
small int8 index of their own.
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
from index.embed import ONNX, ONNX_INT8, TORCH, Embedder, resolve_model_path
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
def int8_embedder():  # noqa: ANN201
    return Embedder(backend="int8")


@pytest.fixture(scope="session")
def onnx_index(tmp_path_factory, int8_embedder) -> IndexSettings:  # noqa: ANN001
    """A few sample reports indexed with the int8 backend (read-only: copy to write)."""
    root = tmp_path_factory.mktemp("onnx")
    corpus = root / "corpus"
    corpus.mkdir()
    sources = sorted((ROOT / "corpus").glob("*.md"))[:4]
    for path in sources:
        shutil.copy(path, corpus / path.name)
    settings = IndexSettings(index_dir=root / "index")
    summary = IndexBuilder(settings, int8_embedder).build(corpus)
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


def test_the_default_embedder_is_the_cached_fp32_export(onnx_embedder, int8_embedder):
    from index.onnx_embedder import FP32, INT8, cache_root, read_export

    assert Embedder().backend == onnx_embedder.backend == ONNX  # auto
    assert int8_embedder.backend == ONNX_INT8
    export = read_export(MODEL)
    assert export is not None and export.agrees(FP32) and export.agrees(INT8), export
    assert export.folder.is_relative_to(cache_root())
    assert cache_root() == Path(os.environ["REPORTQA_CACHE"])  # a temporary folder, not ~
    assert export.meta["fused"]["Attention"] == 6  # graph fusion happened
    assert (export.folder / INT8.file).stat().st_size < 30_000_000  # int8
    assert (export.folder / FP32.file).stat().st_size > 80_000_000  # fp32


@pytest.mark.parametrize(
    ("backend", "mean", "lowest"), [("onnx", 0.9999, 0.999), ("int8", 0.99, 0.97)]
)
def test_onnx_vectors_agree_with_torch(backend, mean, lowest, torch_embedder, chunk_texts):
    embedder = Embedder(backend=backend)
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
    assert cosines.mean() >= mean, cosines
    assert cosines.min() >= lowest, cosines
    query = embedder.embed_query(sentences[0])
    assert float(query @ torch_vectors[0]) >= lowest


def test_fp32_ranks_passages_as_torch_does(onnx_embedder, torch_embedder, chunk_texts):
    """The same nearest passages for each query: why torch and onnx-fp32 share an index."""
    queries = ["Which forces lack specialist detectives?", "custody healthcare", "vetting"]
    fp32, torch = (
        np.argsort(-(e.embed_documents(chunk_texts) @ e.embed_documents(queries).T), axis=0)
        for e in (onnx_embedder, torch_embedder)
    )
    assert (fp32[:10] == torch[:10]).all()


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
    from dataclasses import replace as changed

    import index.onnx_embedder

    strict = {name: changed(v, min_mean=1.01) for name, v in index.onnx_embedder.VARIANTS.items()}
    monkeypatch.setattr(index.onnx_embedder, "VARIANTS", strict)
    assert Embedder().backend == TORCH  # auto falls back
    for asked in ("onnx", "int8"):
        with pytest.raises(ConfigError, match="does not agree"):
            Embedder(backend=asked)


def test_unknown_backend_is_a_config_error():
    with pytest.raises(ConfigError, match="auto, onnx, int8, torch"):
        Embedder(backend="gpu")


def test_the_index_records_its_backend(onnx_index, sample_index):
    with read_manifest(onnx_index.manifest_path) as manifest:
        assert manifest.settings()["backend"] == ONNX_INT8
    with read_manifest(sample_index.manifest_path) as manifest:
        assert manifest.settings()["backend"] == ONNX


def test_an_int8_index_refuses_other_vectors(onnx_copy, torch_embedder, monkeypatch):
    from retrieval.service import ReportQA

    settings, corpus = onnx_copy
    (corpus / "new-report.md").write_text("# A new report\n\nCustody was good.\n")
    with pytest.raises(IndexMismatchError, match="backend"):
        IndexBuilder(settings, torch_embedder).build(corpus)
    with pytest.raises(IndexMismatchError, match="embedding backend"):
        ReportQA.open(settings, embedder=torch_embedder)
    for other in ("torch", "onnx"):
        monkeypatch.setenv("REPORTQA_EMBED_BACKEND", other)
        with pytest.raises(IndexMismatchError, match="REPORTQA_EMBED_BACKEND"):
            ReportQA.open(settings)


def test_torch_and_fp32_share_an_index(tmp_path, torch_embedder, onnx_embedder, monkeypatch):
    """An index built by torch (as every index was before ONNX) is updated and read with
    onnx-fp32, and the other way round: same vectors, same answers."""
    from index.opening import index_backend
    from retrieval.service import ReportQA

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((ROOT / "corpus").glob("*.md"))[:3]:
        shutil.copy(path, corpus / path.name)
    settings = IndexSettings(index_dir=tmp_path / "index")
    assert not IndexBuilder(settings, torch_embedder).build(corpus).failed
    question = "What did inspectors find about custody?"

    def answers() -> tuple[str, str]:
        by = [ReportQA.open(settings, embedder=e).ask(question) for e in embedders]
        return by[0].answer, by[1].answer

    embedders = (torch_embedder, onnx_embedder)
    first = answers()
    assert first[0] == first[1] and "[1]" in first[0]
    (corpus / "new-report.md").write_text("# A new report\n\nCustody was good in 2024.\n")
    summary = IndexBuilder(settings, onnx_embedder).build(corpus)  # update with the other
    assert summary.added == 1 and not summary.failed
    assert index_backend(settings) is None  # auto: onnx-fp32 on a torch-built index
    second = answers()
    assert second[0] == second[1]


def test_an_index_follows_its_own_backend(onnx_copy, monkeypatch):
    from index.opening import index_backend

    settings, _ = onnx_copy
    assert index_backend(settings) == ONNX_INT8
    monkeypatch.setenv("REPORTQA_EMBED_BACKEND", "int8")
    assert index_backend(settings) == ONNX_INT8
    with sqlite3.connect(settings.manifest_path) as db:  # an index from before backends
        db.execute("DELETE FROM settings WHERE key = 'backend'")
    monkeypatch.delenv("REPORTQA_EMBED_BACKEND")
    assert index_backend(settings) is None  # a torch index: auto serves fp32 vectors
    assert index_backend(replace(settings, index_dir=settings.index_dir / "none")) is None


@pytest.mark.parametrize("which", ["sample", "int8"])
def test_asking_from_the_shell_imports_no_torch(which, sample_index, onnx_index):
    sample_index = sample_index if which == "sample" else onnx_index
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

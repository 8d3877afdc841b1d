"""Faults while indexing: kill -9 at every crash point, two indexers, a full disk, a
read-only folder, and an index updated while it is being read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
from fixtures_cli import run_cli

from index.build import IndexBuilder
from index.errors import ReportQAError
from index.faults import ENV, POINTS
from index.lock import IndexBusyError, IndexLock
from index.manifest import Manifest
from index.settings import IndexSettings
from index.store import ChunkStore
from retrieval.service import ReportQA

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FILES = (
    "2025-07-sussex-peel-2023-25.md",
    "2019-09-thames-valley-peel-2018-19.md",
    "2019-01-kent-crime-data-integrity-reinspection.md",
    "2024-05-staffordshire-engage-revisit-letter.html",
    "2016-11-metropolitan-child-protection.pdf",
    "metadata.csv",
)
EDITED, DELETED = FILES[0], FILES[1]
QUERIES = ("crime recording accuracy", "responding to the public", "child protection cases")


def corpus_of(folder: Path, names: tuple[str, ...] = FILES) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def state(settings: IndexSettings, embedder) -> dict[str, object]:  # noqa: ANN001
    """What a reader sees: chunk ids per document, Chroma's ids, grades, search results."""
    with Manifest.open_readonly(settings.manifest_path) as manifest:
        chunks = sorted(c.chunk_id for c in manifest.iter_chunks())
        units = sorted(manifest.db.execute("SELECT chunk_id, count FROM unit_vectors"))
        statements = manifest.statements()
    store = ChunkStore.open(settings, model=embedder.name, dimension=embedder.dimension)
    qa = ReportQA.open(settings, embedder=embedder)
    try:
        found = {q: [h.chunk.chunk_id for h in qa.search(q, k=5).hits] for q in QUERIES}
    finally:
        qa.close()
    return {
        "chunks": chunks,
        "chroma": sorted(store.ids()),
        "units": units,
        "statements": statements,
        "search": found,
    }


@pytest.fixture(scope="module")
def before(tmp_path_factory, embedder):  # noqa: ANN001, ANN201
    """An index of an older corpus (one file since edited, one since deleted, two not yet
    added), and the corpus as it is now, with the state a clean build of it gives."""
    root = tmp_path_factory.mktemp("faults")
    old = corpus_of(root / "old", FILES[:3] + ("metadata.csv",))
    edited = old / EDITED
    edited.write_text(edited.read_text().replace("good", "adequate", 1))
    settings = IndexSettings(index_dir=root / "before")
    IndexBuilder(settings, embedder).build(old)
    now = corpus_of(root / "now", tuple(n for n in FILES if n != DELETED))
    clean = replace(settings, index_dir=root / "clean")
    IndexBuilder(clean, embedder).build(now)
    return settings, now, state(clean, embedder)


def build_process(corpus: Path, index_dir: Path, crash_at: str | None = None) -> subprocess.Popen:
    """`build_index.py` in its own process, killed at ``crash_at`` when given."""
    env = {k: v for k, v in os.environ.items() if k != ENV}
    if crash_at:
        env[ENV] = crash_at
    command = [sys.executable, str(ROOT / "build_index.py"), "--corpus", str(corpus)]
    return subprocess.Popen(
        [*command, "--index", str(index_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.parametrize("point", POINTS)
def test_killed_at_any_point_a_rerun_equals_a_clean_build(point, before, embedder, tmp_path):
    settings, corpus, clean = before
    index_dir = tmp_path / "index"
    shutil.copytree(settings.index_dir, index_dir)
    killed = build_process(corpus, index_dir, point)
    _, stderr = killed.communicate(timeout=600)
    assert killed.returncode == -9, (point, killed.returncode, stderr[-500:])
    rerun = replace(settings, index_dir=index_dir)
    IndexBuilder(rerun, embedder).build(corpus)
    assert state(rerun, embedder) == clean, point


def test_a_second_indexer_is_refused_with_the_holders_name(tmp_path):
    with IndexLock(tmp_path):
        busy = r"being updated by reportqa index \(pid \d+"
        with pytest.raises(IndexBusyError, match=busy), IndexLock(tmp_path):
            pass
        held = build_process(CORPUS, tmp_path)
        _, stderr = held.communicate(timeout=300)
    assert held.returncode == 1
    assert stderr.count("\n") == 1 and "wait for that `reportqa index`" in stderr
    with IndexLock(tmp_path):  # released: the next one gets it
        pass


def test_an_index_updated_while_open_is_followed_without_a_restart(before, embedder, tmp_path):
    settings, corpus, _ = before
    live = replace(settings, index_dir=tmp_path / "index")
    shutil.copytree(settings.index_dir, live.index_dir)
    qa = ReportQA.open(live, embedder=embedder)
    try:
        question = "What did the 2016 Metropolitan child protection inspection find?"
        assert "2016-11-metropolitan-child-protection" not in qa.searcher.documents
        assert qa.follow() is False
        deleted, added = DELETED.removesuffix(".md"), FILES[3].removesuffix(".html")
        graded = {row.meta.doc_id for row in qa.current_grades().rows}
        assert deleted in graded and added not in graded
        IndexBuilder(live, embedder).build(corpus)  # another process, as far as qa knows
        graded = {row.meta.doc_id for row in qa.current_grades().rows}  # the Grades tab's view
        assert deleted not in graded and added in graded
        answer = qa.ask(question)
        assert "2016-11-metropolitan-child-protection" in {c.meta.doc_id for c in answer.citations}
        assert deleted not in qa.searcher.documents
    finally:
        qa.close()


SUSSEX = "Which areas was Sussex Police graded in under PEEL 2023-2025?"


def shown_versions(qa: ReportQA, doc_id: str) -> tuple[set[str], list[set[str]]]:
    """The chunks of ``doc_id`` a search shows, and the versions of it the index held while
    the search ran: before and after (a build in another process may commit between)."""
    before = {c.chunk_id for c in qa.manifest.chunks_of(doc_id)}
    hits = qa.search(SUSSEX, k=20).hits
    shown = {h.chunk.chunk_id for h in hits if h.meta.doc_id == doc_id}
    return shown, [before, {c.chunk_id for c in qa.manifest.chunks_of(doc_id)}]


@pytest.mark.slow
@pytest.mark.parametrize("point", ["after-chroma-upsert", "after-commit"])
def test_a_build_stopped_mid_write_shows_each_report_whole(point, before, embedder, tmp_path):
    """New chunks sit beside the old until the manifest commits; stale ones are swept
    after: a reader sees the edited report as it was or as it is, never a mix."""
    settings, _, _ = before
    live = replace(settings, index_dir=tmp_path / "index")
    shutil.copytree(settings.index_dir, live.index_dir)
    corpus = corpus_of(tmp_path / "corpus", FILES[:3] + ("metadata.csv",))  # one edit
    edited = EDITED.removesuffix(".md")
    qa = ReportQA.open(live, embedder=embedder)
    try:
        old = {c.chunk_id for c in qa.manifest.chunks_of(edited)}
        stopped = build_process(corpus, live.index_dir, point)
        _, stderr = stopped.communicate(timeout=600)
        assert stopped.returncode == -9, stderr[-500:]
        shown, (held, _) = shown_versions(qa, edited)
        assert shown and shown <= held  # only chunks of the version the manifest holds
        assert (held == old) is (point == "after-chroma-upsert")  # committed: the new one
        answer = qa.ask(SUSSEX)
        assert not answer.refused and edited in {c.meta.doc_id for c in answer.citations}
    finally:
        qa.close()
    IndexBuilder(live, embedder).build(corpus)  # the next run sweeps what was left
    store = ChunkStore.open(live, model=embedder.name, dimension=embedder.dimension)
    with Manifest.open_readonly(live.manifest_path) as manifest:
        assert store.ids() == manifest.chunk_ids()


@pytest.mark.slow
def test_readers_keep_answering_while_a_build_runs(before, embedder, tmp_path):
    """`reportqa index` in another process while this one asks and searches: every
    answer is grounded, the edited report is always found whole, and the new revision
    is followed without a restart."""
    settings, corpus, _ = before
    live = replace(settings, index_dir=tmp_path / "index")
    shutil.copytree(settings.index_dir, live.index_dir)
    edited = EDITED.removesuffix(".md")
    qa = ReportQA.open(live, embedder=embedder)
    try:
        building = build_process(corpus, live.index_dir)
        asked = 0
        while building.poll() is None or asked == 0:
            shown, versions = shown_versions(qa, edited)
            assert shown and any(shown <= held for held in versions), (shown, versions)
            answer = qa.ask(SUSSEX)
            assert not answer.refused
            assert edited in {c.meta.doc_id for c in answer.citations}
            asked += 1
        assert building.returncode == 0, building.stderr.read()[-500:]
        qa.ask(SUSSEX)  # asking follows the new revision
        assert "2016-11-metropolitan-child-protection" in qa.searcher.documents
        assert asked > 1  # answered during the build, not only after it
    finally:
        qa.close()


# --- a full disk and a read-only folder (need mount: root in a container) -----------------


def mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here ({done.stderr.strip()[:80]})")


@pytest.fixture
def small_disk(tmp_path):  # noqa: ANN201
    disk = tmp_path / "disk"
    disk.mkdir()
    mount("-t", "tmpfs", "-o", "size=48m", "tmpfs", str(disk))
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_is_one_clear_error_and_the_index_still_answers(small_disk, before):
    """Each step in its own process, as people run them (an embedded Chroma client that
    failed mid-write is not reused)."""
    settings, corpus, clean = before
    index = small_disk / "index"
    shutil.copytree(settings.index_dir, index)
    free = shutil.disk_usage(small_disk).free
    filler = small_disk / "filler"
    with filler.open("wb") as handle:  # leave 64 KiB free
        handle.write(b"\0" * max(0, free - 64 * 1024))
    full = cli("index", "--corpus", str(corpus), "--index", str(index))
    assert full.returncode == 1 and "is full: the update stopped" in full.stderr
    assert full.stderr.count("\n") == 1, full.stderr
    question = "Which forces were graded inadequate for crime recording?"
    still = cli("ask", question, "--index", str(index), "--json")
    assert still.returncode == 0, still.stderr[-500:]
    assert '"refused": false' in still.stdout
    filler.unlink()
    rerun = cli("index", "--corpus", str(corpus), "--index", str(index))
    assert rerun.returncode == 0, rerun.stderr[-500:]
    with Manifest.open_readonly(index / "manifest.sqlite3") as manifest:
        assert sorted(c.chunk_id for c in manifest.iter_chunks()) == clean["chunks"]


cli = partial(run_cli, timeout=300)


def test_a_read_only_folder_refuses_to_index_and_still_answers(tmp_path, before, embedder):
    settings, corpus, _ = before
    source, view = tmp_path / "source", tmp_path / "view"
    shutil.copytree(settings.index_dir, source / "index")
    view.mkdir()
    mount("--bind", str(source), str(view))
    try:
        mount("-o", "remount,bind,ro", str(view))
        index = replace(settings, index_dir=view / "index")
        with pytest.raises(ReportQAError, match="is read-only: nothing was changed"):
            IndexBuilder(index, embedder).build(corpus)
        qa = ReportQA.open(index, embedder=embedder)
        try:
            hits = qa.search("crime recording accuracy", k=3).hits
            assert hits and not qa.ask("How accurately did Kent record crime in 2018?").refused
        finally:
            qa.close()
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_a_file_that_vanishes_while_the_run_reads_it_keeps_what_was_indexed(
    index_copy, embedder, monkeypatch
):
    import index.build as build

    settings, corpus = index_copy
    real = build.file_hash

    def vanishing(path: Path, row: dict[str, str] | None) -> str:
        if path.name == EDITED:
            raise FileNotFoundError(2, "No such file or directory")
        return real(path, row)

    monkeypatch.setattr(build, "file_hash", vanishing)
    summary = IndexBuilder(settings, embedder).build(corpus)
    assert [f["file"] for f in summary.failed] == [EDITED]
    assert "No such file or directory" in summary.failed[0]["reason"]
    with Manifest.open_readonly(settings.manifest_path) as manifest:
        assert EDITED.removesuffix(".md") in manifest.documents()  # still answers from it
    assert summary.unchanged == 44

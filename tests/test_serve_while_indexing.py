"""A server asked while `build_index.py` updates its index in another process answers
from the committed index once the build has finished: its /search and /ask find what
the build added at the first call after it, however often they were called during it
(issue 24, item 1)."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from index.lexical import LexicalIndex
from index.types import DocumentMeta
from retrieval.search.filters import Filters
from retrieval.search.hybrid import HybridSearcher
from retrieval.service import ReportQA

pytestmark = [
    pytest.mark.network,
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]

ROOT = Path(__file__).resolve().parent.parent
REPORT = "2025-07-sussex-peel-2023-25.md"
# Two builds in a row while serving: each appends one paragraph to the same report.
ROUNDS = [
    (
        "Inspectors counted 4,321 zebra-crossing delays in the control room logs.",
        "zebra-crossing delays",
        "How many zebra-crossing delays did inspectors count?",
        "4,321",
    ),
    (
        "The force logged 618 pelican-crossing faults during the inspection period.",
        "pelican-crossing faults",
        "How many pelican-crossing faults did the force log?",
        "618",
    ),
]


def serve(qa: ReportQA) -> tuple[object, str]:
    from ui.app import build_app, start

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    demo = build_app(qa)
    return demo, start(demo, qa, host="127.0.0.1", port=port)


def build_in_another_process(corpus: Path, index_dir: Path) -> subprocess.Popen:
    command = [sys.executable, str(ROOT / "build_index.py"), "--corpus", str(corpus)]
    return subprocess.Popen(
        [*command, "--index", str(index_dir)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_search_and_ask_find_what_a_build_added_while_they_were_called(index_copy, embedder):
    from gradio_client import Client

    settings, corpus = index_copy
    qa = ReportQA.open(settings, embedder=embedder)
    demo, url = serve(qa)
    try:
        client = Client(url, verbose=False)
        for paragraph, query, question, figure in ROUNDS:
            assert not any(
                query in hit["text"] for hit in client.predict(query, api_name="/search")
            )
            report = corpus / REPORT
            report.write_text(report.read_text(encoding="utf-8") + f"\n\n{paragraph}\n")
            building = build_in_another_process(corpus, settings.index_dir)
            calls = 0
            while building.poll() is None or calls == 0:
                client.predict(query, api_name="/search")
                calls += 1
            assert building.returncode == 0, building.stderr.read()[-500:]
            assert calls > 1  # asked during the build, not only after it
            hits = client.predict(query, api_name="/search")  # the first call after it
            assert hits and paragraph in hits[0]["text"], (query, [h["text"][:60] for h in hits])
            answer = client.predict(question, api_name="/ask")
            assert not answer["refused"], answer["answer"]
            assert any(figure in c["quote"] for c in answer["citations"]), answer["answer"]
            best = qa.search(query, k=1).hits[0]
            assert best.dense_score is not None  # the vector side has the new chunk too
    finally:
        demo.close()
        qa.close()


# --- a switch while a filter is being read ------------------------------------------------


def _searcher(documents: dict[str, DocumentMeta], revision: int) -> HybridSearcher:
    chunk_ids = [f"{d}#0-abc" for d in documents]
    lexical = LexicalIndex(None, None, chunk_ids, revision)  # type: ignore[arg-type]
    return HybridSearcher(None, None, None, lexical, documents)  # type: ignore[arg-type]


def test_reports_per_filter_read_before_a_switch_are_not_kept_after_it():
    """Another thread follows a new revision while this one reads which reports fit a
    filter: what it read belongs to the old revision and must not be served after."""
    kent = DocumentMeta("kent", "kent.md", "Kent", forces=("Kent Police",))
    essex = DocumentMeta("essex", "essex.md", "Essex", forces=("Essex Police",))
    old = _searcher({"kent": kent}, 1)
    new = _searcher({"kent": kent, "essex": essex}, 2)
    switched = threading.Event()

    class SwitchingFilters(Filters):
        def matches(self, meta: DocumentMeta) -> bool:
            if not switched.is_set():
                switched.set()
                old.reload(new.revision)  # as `ReportQA.follow` does on another thread
            return super().matches(meta)

    filters = SwitchingFilters(forces=("Kent Police", "Essex Police"))
    old.matching_docs(filters)
    assert switched.is_set()
    assert sorted(old.matching_docs(filters)) == ["essex", "kent"]

"""Server mode: the same index contract against a real `chroma run` on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from index.build import IndexBuilder
from index.errors import ConfigError
from index.settings import IndexSettings
from index.store import ChunkStore

ROOT = Path(__file__).resolve().parent.parent
CHROMA = Path(sys.executable).with_name("chroma")
pytestmark = pytest.mark.network


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMA.exists():
        pytest.skip("the chroma CLI is not installed in this environment")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    server = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("chroma run did not start within 60 s")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_build_update_and_search_against_a_chroma_server(chroma_url, embedder, tmp_path):
    from retrieval.search.filters import Filters
    from retrieval.service import ReportQA

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("2019-02-cheshire-custody.md", "2025-04-dorset-peel-2023-25.md",
                 "2022-08-wiltshire-child-protection.pdf", "metadata.csv"):
        shutil.copy(ROOT / "corpus" / name, corpus / name)
    settings = IndexSettings(index_dir=tmp_path / "index", chroma_url=chroma_url)
    first = IndexBuilder(settings, embedder).build(corpus)
    assert first.added == 3 and not first.failed
    assert not (tmp_path / "index" / "chroma").exists(), "vectors must go to the server"

    (corpus / "2025-04-dorset-peel-2023-25.md").unlink()
    second = IndexBuilder(settings, embedder).build(corpus)
    assert second.removed == 1 and second.chunks_embedded == 0
    store = ChunkStore.open(settings, model=embedder.name, dimension=embedder.dimension)
    assert store.count() == second.chunks_total

    qa = ReportQA.open(settings, embedder=embedder)
    hits = qa.search("trained detectives", k=3, filters=Filters(forces=("Wiltshire Police",)))
    assert hits.hits and {h.meta.doc_id for h in hits.hits} == {
        "2022-08-wiltshire-child-protection"
    }
    answer = qa.ask("Did Wiltshire have enough trained detectives?")
    assert answer.citations and not answer.refused
    qa.close()


def test_a_malformed_server_url_is_a_clear_error(tmp_path):
    settings = replace(IndexSettings(index_dir=tmp_path), chroma_url="127.0.0.1:8000")
    with pytest.raises(ConfigError, match="http://HOST:PORT"):
        ChunkStore.open(settings, model="m", dimension=3)

"""Shared fixtures: the real model, the sample index built once per session, a network guard."""

from __future__ import annotations

import os

for _key, _value in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}.items():
    os.environ[_key] = _value

import tempfile  # noqa: E402

# The int8 ONNX export of the model is made once per session into a temporary cache,
# never the user's (REPORTQA_TEST_CACHE keeps one between runs while developing).
os.environ["REPORTQA_CACHE"] = os.environ.get("REPORTQA_TEST_CACHE") or tempfile.mkdtemp(
    prefix="reportqa-test-cache-"
)

import ipaddress  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _is_local(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return True  # unix sockets and the like


@pytest.fixture(autouse=True)
def block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to a non-loopback address fails the test: the tool is offline-first."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded(sock: socket.socket, address: object) -> object:
        if not _is_local(address):
            raise AssertionError(f"test tried to reach the network: {address!r}")
        return real_connect(sock, address)

    def guarded_ex(sock: socket.socket, address: object) -> object:
        if not _is_local(address):
            raise AssertionError(f"test tried to reach the network: {address!r}")
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_ex)


@pytest.fixture(scope="session")
def embedder():  # noqa: ANN201
    from index.embed import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory, embedder):  # noqa: ANN001, ANN201
    """The sample corpus indexed once per session (read-only: copy it to write)."""
    from index.build import IndexBuilder
    from index.settings import IndexSettings

    settings = IndexSettings(index_dir=tmp_path_factory.mktemp("sample") / "index")
    summary = IndexBuilder(settings, embedder).build(CORPUS)
    assert not summary.failed, summary.failed
    return settings


@pytest.fixture(scope="session")
def qa(sample_index, embedder) -> Iterator[object]:  # noqa: ANN001
    """A ReportQA over the session's sample index."""
    from retrieval.service import ReportQA

    service = ReportQA.open(sample_index, embedder=embedder)
    yield service
    service.close()


@pytest.fixture
def index_copy(sample_index, tmp_path: Path):  # noqa: ANN001, ANN201
    """A private, writable copy of the sample index and of the corpus."""
    from dataclasses import replace

    shutil.copytree(sample_index.index_dir, tmp_path / "index")
    shutil.copytree(CORPUS, tmp_path / "corpus")
    return replace(sample_index, index_dir=tmp_path / "index"), tmp_path / "corpus"


@pytest.fixture(scope="session")
def app_url(qa) -> Iterator[str]:  # noqa: ANN001
    """The web app on the sample index, on a free 127.0.0.1 port, for the browser tests."""
    import socket

    from ui.app import build_app, start

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    demo = build_app(qa)
    yield start(demo, qa, host="127.0.0.1", port=port)
    demo.close()

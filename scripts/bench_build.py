"""One timed index build in its own process, for ``scripts.bench``: its wall and CPU
seconds, the seconds inside the model, its peak RSS and what it embedded, as JSON.

    python -m scripts.bench_build --corpus corpus --index /tmp/idx [--texts-out F]
    python -m scripts.bench_build --stub --corpus DIR --index /tmp/idx

``--stub`` replaces the model by stand-in vectors (a fixed random unit vector per
distinct text, no model run) to time and size everything else a build does at a
scale the model cannot reach in a benchmark: loading, chunking (with the real
tokenizer), grade extraction, Chroma, the manifest and its unit vectors, BM25.
Answers from a stub-built index mean nothing.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.build import IndexBuilder
from index.embed import Embedder
from index.settings import IndexSettings

MB = 1024 * 1024
STUB_ROWS = 4096  # stand-in vectors to pick from


class MeasuredEmbedder:
    """The real embedder (or, with ``stub``, stand-in vectors), adding up the seconds
    spent embedding and keeping the texts embedded."""

    def __init__(self, embedder: Embedder, stub: bool = False) -> None:
        self.embedder, self.stub = embedder, stub
        self.name, self.dimension = embedder.name, embedder.dimension
        self.max_tokens, self.backend = embedder.max_tokens, embedder.backend
        self.seconds, self.texts = 0.0, []
        rows = np.random.default_rng(0).standard_normal((STUB_ROWS, self.dimension))
        self.table = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.embedder.count_tokens(texts)

    def embed_documents(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        started = time.perf_counter()
        if self.stub:
            vectors = self.table[[zlib.crc32(t.encode()) % STUB_ROWS for t in texts]]
        else:
            vectors = self.embedder.embed_documents(texts, batch_size)
            self.texts += list(texts)
        self.seconds += time.perf_counter() - started
        return vectors

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


def peak_rss_mb() -> float:
    """This process's peak RSS. /proc's VmHWM starts afresh at exec; getrusage's maxrss
    would start from the size of the process that started this one."""
    try:
        status = Path("/proc/self/status").read_text()
        return (
            int(next(ln.split()[1] for ln in status.splitlines() if ln.startswith("VmHWM"))) / 1024
        )
    except (OSError, StopIteration, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB


def measure(
    corpus: Path, index: Path, *, stub: bool, backend: str | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Build ``index`` from ``corpus``: what it took, and the texts it embedded."""
    embedder = MeasuredEmbedder(Embedder(backend=backend), stub=stub)
    embedder.embed_documents(["warm up the model"] * 8)
    embedder.seconds, embedder.texts = 0.0, []
    wall, cpu = time.perf_counter(), time.process_time()
    builder = IndexBuilder(IndexSettings(index_dir=index), embedder)  # type: ignore[arg-type]
    summary = builder.build(corpus)
    return {
        "wall_s": time.perf_counter() - wall,
        "cpu_s": time.process_time() - cpu,
        "embed_s": embedder.seconds,
        "peak_rss_mb": peak_rss_mb(),
        "chunks": summary.chunks_embedded,
        "chunks_total": summary.chunks_total,
        "texts": summary.texts_embedded,
        "reports": summary.added + summary.updated,
        "failed": len(summary.failed),
        "backend": embedder.backend,
        "stub": stub,
    }, embedder.texts


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="one timed index build (for scripts.bench)")
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--stub", action="store_true", help="stand-in vectors, no model run")
    parser.add_argument("--backend", help="embedding backend (default: auto)")
    parser.add_argument("--texts-out", type=Path, help="write the texts embedded here (JSON)")
    args = parser.parse_args(argv)
    result, texts = measure(args.corpus, args.index, stub=args.stub, backend=args.backend)
    if args.texts_out:
        args.texts_out.write_text(json.dumps(texts))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

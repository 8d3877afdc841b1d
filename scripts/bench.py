"""Benchmarks: indexing throughput against raw embedding, and warm query latency at scale.

1. Indexing: a SYNTHETIC scale corpus (``scripts.scale_corpus``) is indexed with
   the real ``IndexBuilder`` and the default embedder (fused fp32 ONNX when it serves;
   ``--backend int8`` for the quantised one); the same chunk texts are then embedded raw
   with that embedder, the other ONNX variant and the torch one, side by side in this
   run. Reported: chunks/s of each and their ratios, peak RSS,
   index size, and a no-change re-run (must re-embed nothing).
   Then ``reportqa ask`` and ``reportqa search`` are timed cold, as new processes.
2. Query: that index is padded (``scripts.pad_index``: SYNTHETIC copies with
   perturbed real vectors) to each ``--chunks`` size, and ``search`` and ``ask``
   (lookup and aggregate questions of tests/eval) are timed warm, in this process.

    .venv/bin/python -m scripts.bench                 # ~10 min on 2 cores
    .venv/bin/python -m scripts.bench --quick         # a few minutes
"""

from __future__ import annotations

import argparse
import datetime
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import psutil

from evaluation.metrics import percentile
from evaluation.questions import load_questions
from index.build import IndexBuilder
from index.embed import Embedder
from index.embed_plan import EmbedPlan
from index.manifest import read_manifest
from index.settings import IndexSettings
from scripts.pad_index import pad_index
from scripts.scale_corpus import generate

MB = 1024 * 1024
QUESTIONS = Path("tests/eval/questions.jsonl")


@contextmanager
def peak_rss(every: float = 0.1) -> Iterator[dict[str, int]]:
    """Sample this process's RSS in a thread; the dict gets "peak" (bytes) on exit."""
    process, result, done = psutil.Process(), {"peak": 0}, threading.Event()

    def sample() -> None:
        while not done.is_set():
            result["peak"] = max(result["peak"], process.memory_info().rss)
            done.wait(every)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield result
    finally:
        done.set()
        thread.join()
        result["peak"] = max(result["peak"], process.memory_info().rss)


def timed(action: Callable[[], Any]) -> tuple[float, float]:
    """(wall seconds, process CPU seconds) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


class TimedEmbedder:
    """An Embedder that adds up the seconds spent in ``embed_documents``."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder, self.seconds = embedder, 0.0
        self.name, self.dimension = embedder.name, embedder.dimension
        self.max_tokens = embedder.max_tokens
        self.backend = embedder.backend

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.embedder.count_tokens(texts)

    def embed_documents(self, texts: Sequence[str], batch_size: int = 64) -> Any:
        started = time.perf_counter()
        vectors = self.embedder.embed_documents(texts, batch_size)
        self.seconds += time.perf_counter() - started
        return vectors

    def embed_query(self, text: str) -> Any:
        return self.embed_documents([text])[0]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def machine() -> dict[str, str]:
    import chromadb
    import onnxruntime
    import sentence_transformers
    import torch

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    return {
        "cpu": cpu,
        "cores": str(psutil.cpu_count()),
        "RAM": f"{psutil.virtual_memory().total / 1024**3:.1f} GB",
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torch threads": str(torch.get_num_threads()),
        "sentence-transformers": sentence_transformers.__version__,
        "onnxruntime": onnxruntime.__version__,
        "chromadb": chromadb.__version__,
    }


# indexing -------------------------------------------------------------------
def index_bench(
    corpus: Path,
    settings: IndexSettings,
    embedder: Embedder,
    torch_embedder: Embedder,
    other: Embedder | None = None,
) -> dict[str, Any]:
    for warm in (embedder, torch_embedder, other):
        if warm is not None:
            warm.embed_documents(["warm up the model"] * 8)
    timed_embedder = TimedEmbedder(embedder)
    builder = IndexBuilder(settings, timed_embedder)  # type: ignore[arg-type]
    with peak_rss() as peak:
        wall, cpu = time.perf_counter(), time.process_time()
        summary = builder.build(corpus)
        build_wall, build_cpu = time.perf_counter() - wall, time.process_time() - cpu
    with read_manifest(settings.manifest_path) as manifest:
        chunks = list(manifest.iter_chunks())
    texts = EmbedPlan.of(chunks).texts  # the same texts the build embeds
    raw_wall, raw_cpu = timed(lambda: embedder.embed_documents(texts, settings.batch_size))
    torch_wall, torch_cpu = timed(
        lambda: torch_embedder.embed_documents(texts, settings.batch_size)
    )
    other_wall, other_cpu = (
        timed(lambda: other.embed_documents(texts, settings.batch_size)) if other else (0.0, 0.0)
    )
    rerun = builder.build(corpus)
    n = summary.chunks_embedded
    return {
        "reports": summary.added,
        "chunks": n,
        "failed": len(summary.failed),
        "build_s": build_wall,
        "raw_s": raw_wall,
        "embed_in_build_s": timed_embedder.seconds,
        "texts": len(texts),
        "build_cps": n / build_wall,
        "raw_cps": n / raw_wall,
        "ratio_wall": raw_wall / build_wall,
        "ratio_cpu": raw_cpu / build_cpu,
        "backend": embedder.backend,
        "torch_s": torch_wall,
        "torch_cps": n / torch_wall,
        "raw_vs_torch": torch_wall / raw_wall,
        "raw_vs_torch_cpu": torch_cpu / raw_cpu,
        "build_vs_torch": torch_wall / build_wall,
        "build_vs_torch_cpu": torch_cpu / build_cpu,
        "other": other.backend if other else None,
        "other_vs_torch": torch_wall / other_wall if other else None,
        "other_vs_torch_cpu": torch_cpu / other_cpu if other else None,
        "peak_rss_mb": peak["peak"] / MB,
        "size_mb": folder_size(settings.index_dir) / MB,
        "rerun_s": rerun.seconds,
        "rerun_embedded": rerun.chunks_embedded,
        "rerun_unchanged": rerun.unchanged,
    }


# cold command line ------------------------------------------------------------
def cold_cli(settings: IndexSettings, runs: int = 3) -> dict[str, dict[str, float]]:
    """Median wall seconds and peak RSS (sampled) of `reportqa ask` / `search` as new
    processes. (RUSAGE_CHILDREN would count this process's own size, copied at fork.)"""
    question = next(q.question for q in load_questions(QUESTIONS) if q.kind == "lookup")
    result = {}
    for command in ("ask", "search"):
        walls, peak = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            child = psutil.Popen(
                [
                    sys.executable,
                    "-m",
                    "ui.cli",
                    command,
                    "--index",
                    str(settings.index_dir),
                    question,
                ],
                stdout=subprocess.DEVNULL,
            )
            while child.poll() is None:
                with suppress(psutil.Error):
                    peak = max(peak, child.memory_info().rss)
                time.sleep(0.02)
            walls.append(time.perf_counter() - started)
            if child.returncode:
                raise RuntimeError(f"reportqa {command} exited {child.returncode}")
        result[command] = {"median_s": statistics.median(walls), "peak_rss_mb": peak / MB}
    return result


# queries --------------------------------------------------------------------
def latencies(action: Callable[[str], Any], texts: Sequence[str]) -> dict[str, float | None]:
    times = []
    for text in texts:
        started = time.perf_counter()
        action(text)
        times.append((time.perf_counter() - started) * 1000)
    return {"p50": percentile(times, 50), "p95": percentile(times, 95), "n": len(times)}


def query_bench(
    settings: IndexSettings, embedder: Embedder, sizes: dict[str, int]
) -> dict[str, Any]:
    from retrieval.service import ReportQA

    questions = load_questions(QUESTIONS)
    lookups = [q.question for q in questions if q.kind == "lookup"][: sizes["lookup"]]
    aggregates = [q.question for q in questions if q.kind == "aggregate"][: sizes["aggregate"]]
    searches = [q.question for q in questions][: sizes["search"]]
    qa = ReportQA.open(settings, embedder=embedder)
    try:
        qa.search(searches[0])  # warm: caches, Chroma segment load, BM25 arrays
        qa.ask(lookups[0])
        result = {
            "chunks": qa.manifest.chunk_count(),
            "search": latencies(lambda q: qa.search(q, k=10), searches),
            "ask lookup": latencies(qa.ask, lookups),
            "ask aggregate": latencies(qa.ask, aggregates),
        }
    finally:
        qa.close()
    result["rss_mb"] = psutil.Process().memory_info().rss / MB
    result["size_mb"] = folder_size(settings.index_dir) / MB
    return result


# report ---------------------------------------------------------------------
def report(
    info: dict[str, str],
    indexing: dict[str, Any],
    queries: list[dict[str, Any]],
    args: argparse.Namespace,
    total_s: float,
) -> str:
    ix, cold = indexing, indexing.get("cold", {})
    lines = [
        "# reportqa benchmarks",
        "",
        f"`{' '.join(['python -m scripts.bench', *args.argv])}` "
        f"on {datetime.date.today().isoformat()}, {total_s / 60:.1f} min in all. "
        "**All data here is SYNTHETIC** (see the notes).",
        "",
        "## Machine",
        "",
        "| " + " | ".join(info) + " |",
        "|" + "---|" * len(info),
        "| " + " | ".join(info.values()) + " |",
        "",
        f"## Indexing: {ix['reports']} synthetic reports, {ix['chunks']} chunks, real embeddings",
        "",
        "| metric | value |",
        "|---|---:|",
        f"| IndexBuilder.build, chunks/s (wall) | {ix['build_cps']:.1f} ({ix['build_s']:.0f} s) |",
        f"| Embedder.embed_documents, the same {ix['texts']} texts (chunks and their "
        f"sentence units), chunks/s | {ix['raw_cps']:.1f} ({ix['raw_s']:.0f} s) |",
        f"| raw torch (sentence-transformers) encode, same texts, chunks/s | "
        f"{ix['torch_cps']:.1f} ({ix['torch_s']:.0f} s) |",
        f"| **build ({ix['backend']}) / raw torch encode (wall)** | {ix['build_vs_torch']:.2f} |",
        f"| build ({ix['backend']}) / raw torch encode (process CPU time) | "
        f"{ix['build_vs_torch_cpu']:.2f} |",
        f"| raw {ix['backend']} / raw torch encode (wall; CPU time) | "
        f"{ix['raw_vs_torch']:.2f}; {ix['raw_vs_torch_cpu']:.2f} |",
        *(
            [
                f"| raw {ix['other']} / raw torch encode (wall; CPU time) | "
                f"{ix['other_vs_torch']:.2f}; {ix['other_vs_torch_cpu']:.2f} |"
            ]
            if ix.get("other")
            else []
        ),
        f"| ratio build / raw, same backend (wall) | {ix['ratio_wall']:.2f} |",
        f"| ratio build / raw, same backend (process CPU time) | {ix['ratio_cpu']:.2f} |",
        f"| build time inside embed_documents | {ix['embed_in_build_s']:.0f} s "
        f"({ix['embed_in_build_s'] / ix['build_s']:.0%}); the rest (parse, chunk, Chroma, "
        f"manifest, BM25) {ix['build_s'] - ix['embed_in_build_s']:.0f} s |",
        f"| peak RSS during build | {ix['peak_rss_mb']:.0f} MB |",
        f"| index size on disk | {ix['size_mb']:.1f} MB |",
        f"| re-run, no changes | {ix['rerun_s']:.2f} s, {ix['rerun_embedded']} chunks re-embedded,"
        f" {ix['rerun_unchanged']} files unchanged |",
        "",
        f"## Cold command line ({ix['backend']}), on the {ix['chunks']}-chunk index, "
        "median of 3 new processes",
        "",
        "| command | wall | peak RSS |",
        "|---|---:|---:|",
        *(
            f"| `reportqa {name}` | {c['median_s']:.2f} s | {c['peak_rss_mb']:.0f} MB |"
            for name, c in cold.items()
        ),
        "",
        "## Query latency (warm, one process, ms)",
        "",
        "| chunks | search p50 | search p95 | ask lookup p50 | ask lookup p95 "
        "| ask aggregate p50 | ask aggregate p95 | RSS after | index on disk |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for q in queries:
        cells = [
            f"{q[name][p]:.0f}"
            for name in ("search", "ask lookup", "ask aggregate")
            for p in ("p50", "p95")
        ]
        lines.append(
            f"| {q['chunks']:,} | "
            + " | ".join(cells)
            + f" | {q['rss_mb']:.0f} MB | {q['size_mb']:.0f} MB |"
        )
    first = queries[0] if queries else None
    counts = (
        f"{first['search']['n']} searches, {first['ask lookup']['n']} lookup and "
        f"{first['ask aggregate']['n']} aggregate questions per size"
        if first
        else ""
    )
    lines += [
        "",
        "## Notes",
        "",
        "- The indexing corpus is SYNTHETIC: reports generated by `scripts/scale_corpus.py` "
        f"(seed {args.seed}) by recombining paragraphs of the sample reports.",
        f"- Query sizes are reached with SYNTHETIC chunks (`scripts/pad_index.py`): copies of "
        "the indexed documents whose vectors are the real vectors plus Gaussian noise "
        f"(relative size {args.noise}), renormalised; only the {ix['chunks']} chunks above "
        "were embedded by the model. BM25 is rebuilt over all chunks.",
        f"- Questions are the eval set's ({counts}); filters are inferred from them as in use.",
        "- Two shared cores: timings are noisy; compare numbers within one run.",
    ]
    return "\n".join(lines) + "\n"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="reportqa benchmarks (SYNTHETIC data)")
    parser.add_argument("--reports", type=int, default=300, help="synthetic reports to index")
    parser.add_argument("--chunks", default="10000,100000", help="query benchmark sizes")
    parser.add_argument("--searches", type=int, default=60)
    parser.add_argument("--lookups", type=int, default=20)
    parser.add_argument("--aggregates", type=int, default=8)
    parser.add_argument("--quick", action="store_true", help="small sizes: a few minutes")
    parser.add_argument(
        "--backend", default="auto", help="the backend that builds: auto (onnx-fp32), int8, torch"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--noise", type=float, default=0.3)
    parser.add_argument("--workdir", help="keep the corpus and index here (default: temporary)")
    parser.add_argument("--out", default="bench/results.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.reports, args.chunks = min(args.reports, 30), "5000,20000"
        args.searches, args.lookups, args.aggregates = 20, 8, 3
    return args


def main(argv: Sequence[str] | None = None) -> None:
    import sys

    args = parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    started = time.perf_counter()
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="reportqa-bench-"))
    try:
        corpus, settings = work / "corpus", IndexSettings(index_dir=work / "index")
        generate(corpus, args.reports, args.seed)
        print(f"wrote {args.reports} SYNTHETIC reports to {corpus}", flush=True)
        embedder = Embedder(backend=args.backend)  # the torch one is the baseline
        other = {"onnx-fp32": "int8", "onnx-int8": "onnx"}.get(embedder.backend)
        indexing = index_bench(
            corpus,
            settings,
            embedder,
            Embedder(backend="torch"),
            Embedder(backend=other) if other else None,
        )
        indexing["cold"] = cold_cli(settings)
        print(f"indexing: {indexing}", flush=True)
        sizes = {"search": args.searches, "lookup": args.lookups, "aggregate": args.aggregates}
        queries = []
        for target in sorted(int(n) for n in args.chunks.split(",")):
            pad_index(
                settings,
                target,
                model=embedder.name,
                dimension=embedder.dimension,
                seed=args.seed,
                noise=args.noise,
            )
            queries.append(query_bench(settings, embedder, sizes))
            print(f"query: {queries[-1]}", flush=True)
        text = report(machine(), indexing, queries, args, time.perf_counter() - started)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text)
        print(text)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

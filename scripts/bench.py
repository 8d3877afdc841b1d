"""Benchmarks: indexing throughput against raw embedding, indexing at scale, and warm
query latency at scale.

1. Yardstick on real text: the sample reports (``--corpus``, default corpus/) are
   indexed by the real ``IndexBuilder`` in a process of its own
   (``scripts.bench_build``), ``--rounds`` times; after each build, in this process,
   the texts that build embedded are encoded raw by the same backend, the chunk texts
   alone by torch (sentence-transformers), and (first round) the build's texts by the
   other ONNX variant. Reported: chunks/s, texts embedded per chunk, the ratios, peak RSS.
2. Scale: a SYNTHETIC corpus (``scripts.scale_corpus``) is indexed with the model (and
   re-run: nothing to embed), ``reportqa ask``/``search`` are timed cold, then a second
   synthetic corpus is indexed by stub builds (no model run) to each ``--scale`` size:
   from those and the yardstick, a build of ``--project`` chunks is projected.
3. Query: the synthetic index is padded (``scripts.pad_index``: SYNTHETIC copies with
   perturbed real vectors) to each ``--chunks`` size, and ``search`` and ``ask``
   (lookup and aggregate questions of tests/eval) are timed warm, in this process.

    .venv/bin/python -m scripts.bench                 # ~25 min on 2 cores
    .venv/bin/python -m scripts.bench --quick         # a few minutes
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

import psutil

from evaluation.metrics import percentile
from evaluation.questions import load_questions
from index.embed import Embedder
from index.embed_plan import EmbedPlan
from index.manifest import read_manifest
from index.settings import IndexSettings
from scripts.bench_report import report
from scripts.pad_index import pad_index
from scripts.scale_corpus import generate

MB = 1024 * 1024
QUESTIONS = Path("tests/eval/questions.jsonl")


def timed(action: Callable[[], Any]) -> tuple[float, float]:
    """(wall seconds, process CPU seconds) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


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
def run_build(
    corpus: Path,
    index: Path,
    *,
    stub: bool = False,
    backend: str = "auto",
    texts_out: Path | None = None,
) -> dict[str, Any]:
    """One build in a new process (``scripts.bench_build``): its own timings and peak RSS."""
    command = [
        sys.executable,
        "-m",
        "scripts.bench_build",
        "--corpus",
        str(corpus),
        "--index",
        str(index),
        "--backend",
        backend,
    ]
    command += ["--stub"] if stub else []
    command += ["--texts-out", str(texts_out)] if texts_out else []
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def wanted_texts(index: Path) -> tuple[list[str], int]:
    """The chunk texts of an index, and how many texts its chunks and units make in all."""
    with read_manifest(index / "manifest.sqlite3") as manifest:
        chunks = list(manifest.iter_chunks())
    return [c.text for c in chunks], EmbedPlan.of(chunks).wanted


def yardstick(
    corpus: Path, work: Path, embedders: dict[str, Embedder], backend: str, rounds: int
) -> dict[str, Any]:
    """The build of real text against raw encoders in the same run, ``rounds`` times:
    the raw backend on the texts the build embedded, raw torch on the chunk texts alone,
    and the other ONNX variant on the build's texts (first round)."""
    for embedder in embedders.values():
        embedder.embed_documents(["warm up the model"] * 8)
    result: dict[str, Any] = {"rounds": []}
    for number in range(rounds):
        result["rounds"].append(yardstick_round(corpus, work, embedders, backend, number == 0))
    result["stub_small"] = run_build(corpus, work / "real-stub", stub=True)
    return result


def yardstick_round(
    corpus: Path, work: Path, embedders: dict[str, Embedder], backend: str, first: bool
) -> dict[str, Any]:
    index, texts_file = work / "real", work / "texts.json"
    build = run_build(corpus, index, backend=backend, texts_out=texts_file)
    texts = json.loads(texts_file.read_text())
    chunk_texts, wanted = wanted_texts(index)
    shutil.rmtree(index, ignore_errors=True)
    size = IndexSettings().batch_size
    row = {
        **build,
        "wanted": wanted,
        "raw": timed(lambda: embedders["build"].embed_documents(texts, size)),
        "torch_chunks": timed(lambda: embedders["torch"].embed_documents(chunk_texts, size)),
    }
    if first and "other" in embedders:
        row["other"] = timed(lambda: embedders["other"].embed_documents(texts, size))
        row["other_name"] = embedders["other"].backend
    return row


def scale_builds(
    work: Path, chunks_per_report: float, sizes: Sequence[int], seed: int
) -> list[dict[str, Any]]:
    """Stub builds (no model run) of one growing SYNTHETIC corpus, at each size in chunks:
    what the build costs besides the model, and its peak memory, at scale."""
    pool, corpus, index = work / "scale-pool", work / "scale-corpus", work / "scale-index"
    total = int(max(sizes) / chunks_per_report) + 1
    paths = generate(pool, total, seed + 1)
    corpus.mkdir(parents=True, exist_ok=True)
    moved, found = 0, []
    for target in sorted(sizes):
        for path in paths[moved : int(target / chunks_per_report) + 1]:
            path.rename(corpus / path.name)
        moved = int(target / chunks_per_report) + 1
        found.append(run_build(corpus, index, stub=True))
        print(f"stub build to {found[-1]['chunks_total']} chunks: {found[-1]}", flush=True)
    shutil.rmtree(index, ignore_errors=True)
    return found


def projection(ix: dict[str, Any], scale: list[dict[str, Any]], target: int) -> dict[str, float]:
    """Time and peak RSS of a build of ``target`` chunks: the model's seconds per chunk
    (real text, best round: the least disturbed by other work) times target, plus
    everything else measured by the stub builds up to the largest size, scaled linearly;
    peak RSS extrapolated linearly from the last two stub builds, plus the model's
    working memory (a real build's peak minus a stub build's, same corpus)."""
    rounds = ix["rounds"]
    per_chunk = min(r["embed_s"] / r["chunks"] for r in rounds)
    rest_s = sum(s["wall_s"] for s in scale)
    measured = scale[-1]["chunks_total"]
    small, large = scale[-2], scale[-1]
    slope = (large["peak_rss_mb"] - small["peak_rss_mb"]) / max(
        large["chunks_total"] - small["chunks_total"], 1
    )
    model_mb = max(
        0.0, statistics.median(r["peak_rss_mb"] for r in rounds) - ix["stub_small"]["peak_rss_mb"]
    )
    return {
        "chunks": target,
        "measured_chunks": measured,
        "model_s": per_chunk * target,
        "rest_s": rest_s * target / measured,
        "seconds": per_chunk * target + rest_s * target / measured,
        "peak_rss_mb": large["peak_rss_mb"] + slope * (target - measured) + model_mb,
        "model_mb": model_mb,
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
        # the grades table is built once per process and revision, at the first grade
        # question: timed here on its own, so the latencies below are the warm ones
        grades_ms = timed(qa.current_grades)[0] * 1000
        result = {
            "chunks": qa.manifest.chunk_count(),
            "grades_ms": grades_ms,
            "search": latencies(lambda q: qa.search(q, k=10), searches),
            "ask lookup": latencies(qa.ask, lookups),
            "ask aggregate": latencies(qa.ask, aggregates),
        }
    finally:
        qa.close()
    result["rss_mb"] = psutil.Process().memory_info().rss / MB
    result["size_mb"] = folder_size(settings.index_dir) / MB
    return result


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="reportqa benchmarks (SYNTHETIC data)")
    parser.add_argument("--corpus", default="corpus", help="real reports for the yardstick")
    parser.add_argument("--rounds", type=int, default=2, help="yardstick repetitions")
    parser.add_argument("--reports", type=int, default=300, help="synthetic reports to index")
    parser.add_argument("--scale", default="10000,100000", help="stub build sizes (chunks)")
    parser.add_argument("--project", type=int, default=300_000, help="projected build size")
    parser.add_argument("--chunks", default="10000,100000", help="query benchmark sizes")
    parser.add_argument("--searches", type=int, default=60)
    parser.add_argument("--lookups", type=int, default=20)
    parser.add_argument("--aggregates", type=int, default=25)
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
        args.reports, args.rounds = min(args.reports, 30), 1
        args.scale, args.chunks = "2000,10000", "5000,20000"
        args.searches, args.lookups, args.aggregates = 20, 8, 8
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    args.load = [os.getloadavg()[0]]  # other work on the machine, at the start and the end
    started = time.perf_counter()
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="reportqa-bench-"))
    try:
        embedder = Embedder(backend=args.backend)  # the torch one is the yardstick
        other = {"onnx-fp32": "int8", "onnx-int8": "onnx"}.get(embedder.backend)
        embedders = {"build": embedder, "torch": Embedder(backend="torch")}
        if other:
            embedders["other"] = Embedder(backend=other)
        indexing = yardstick(Path(args.corpus), work, embedders, args.backend, args.rounds)
        print(f"yardstick: {indexing}", flush=True)
        del embedders["torch"]  # its memory is not the query benchmark's
        corpus, settings = work / "corpus", IndexSettings(index_dir=work / "index")
        generate(corpus, args.reports, args.seed)
        print(f"wrote {args.reports} SYNTHETIC reports to {corpus}", flush=True)
        indexing["synthetic"] = run_build(corpus, settings.index_dir, backend=args.backend)
        indexing["rerun"] = run_build(corpus, settings.index_dir, backend=args.backend)
        indexing["size_mb"] = folder_size(settings.index_dir) / MB
        indexing["cold"] = cold_cli(settings)
        per_report = indexing["synthetic"]["chunks"] / max(indexing["synthetic"]["reports"], 1)
        sizes = [int(n) for n in args.scale.split(",")]
        indexing["scale"] = scale_builds(work, per_report, sizes, args.seed)
        indexing["projection"] = projection(indexing, indexing["scale"], args.project)
        print(f"indexing: {indexing}", flush=True)
        sizes_q = {"search": args.searches, "lookup": args.lookups, "aggregate": args.aggregates}
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
            queries.append(query_bench(settings, embedder, sizes_q))
            print(f"query: {queries[-1]}", flush=True)
        args.load.append(os.getloadavg()[0])
        text = report(machine(), indexing, queries, args, time.perf_counter() - started)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text)
        print(text)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

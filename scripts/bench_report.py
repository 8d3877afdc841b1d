"""The Markdown page ``scripts.bench`` writes (bench/results.md) from its measurements."""

from __future__ import annotations

import argparse
import datetime
import statistics
from collections.abc import Callable, Sequence
from typing import Any


def _cells(rounds: Sequence[dict[str, Any]], value: Callable[[dict[str, Any]], str]) -> str:
    return " | ".join(value(r) for r in rounds)


def _median(rounds: Sequence[dict[str, Any]], value: Callable[[dict[str, Any]], float]) -> str:
    return f"{statistics.median(value(r) for r in rounds):.2f}"


def _texts_per_chunk(r: dict[str, Any]) -> str:
    return f"{r['texts'] / r['chunks']:.2f} (of {r['wanted'] / r['chunks']:.2f})"


def _same_texts(r: dict[str, Any]) -> str:
    return f"{r['raw'][0] / r['wall_s']:.2f}; {r['raw'][1] / r['cpu_s']:.2f}"


def _hours(seconds: float) -> str:
    return f"{int(seconds // 3600)} h {int(seconds % 3600 // 60):02d} min"


def yardstick_lines(ix: dict[str, Any]) -> list[str]:
    rounds = ix["rounds"]
    first, backend = rounds[0], rounds[0]["backend"]

    def cps(seconds: float, r: dict[str, Any]) -> str:
        return f"{r['chunks'] / seconds:.1f} ({seconds:.0f} s)"

    lines = [
        f"## Indexing real text: the sample reports ({first['reports']} reports, "
        f"{first['chunks']} chunks), {len(rounds)} rounds",
        "",
        "The build (its own process) against raw encoders in this process, each round one "
        "after the other. The yardstick is raw torch on the chunk texts alone: the build "
        "embeds those and every quotable unit of each chunk.",
        "",
        "| metric | " + " | ".join(f"round {i + 1}" for i in range(len(rounds))) + " | median |",
        "|---|" + "---:|" * (len(rounds) + 1),
        f"| build ({backend}), chunks/s (wall) | "
        + _cells(rounds, lambda r: cps(r["wall_s"], r))
        + f" | {statistics.median(r['chunks'] / r['wall_s'] for r in rounds):.1f} |",
        "| texts embedded per chunk (chunks and units; each distinct text once) | "
        + _cells(
            rounds, lambda r: f"{r['texts'] / r['chunks']:.2f} (of {r['wanted'] / r['chunks']:.2f})"
        )
        + " | |",
        f"| raw {backend} encode of the build's texts, chunks/s | "
        + _cells(rounds, lambda r: cps(r["raw"][0], r))
        + " | |",
        "| raw torch (sentence-transformers) encode of the chunk texts alone, chunks/s | "
        + _cells(rounds, lambda r: cps(r["torch_chunks"][0], r))
        + " | |",
        "| **build / raw torch on the chunk texts alone (wall)** | "
        + _cells(rounds, lambda r: f"{r['torch_chunks'][0] / r['wall_s']:.2f}")
        + f" | **{_median(rounds, lambda r: r['torch_chunks'][0] / r['wall_s'])}** |",
        "| build / raw torch on the chunk texts alone (process CPU) | "
        + _cells(rounds, lambda r: f"{r['torch_chunks'][1] / r['cpu_s']:.2f}")
        + f" | {_median(rounds, lambda r: r['torch_chunks'][1] / r['cpu_s'])} |",
        f"| build / raw {backend} on the same texts (wall; CPU) | "
        + _cells(
            rounds, lambda r: f"{r['raw'][0] / r['wall_s']:.2f}; {r['raw'][1] / r['cpu_s']:.2f}"
        )
        + " | |",
        "| time inside the model | "
        + _cells(rounds, lambda r: f"{r['embed_s']:.0f} s ({r['embed_s'] / r['wall_s']:.0%})")
        + " | |",
        "| peak RSS of the build process | "
        + _cells(rounds, lambda r: f"{r['peak_rss_mb']:.0f} MB")
        + " | |",
    ]
    if "other" in first:
        other = first["other"]
        lines.append(
            f"| raw {first['other_name']} encode of the build's texts / raw torch on the chunk "
            f"texts (wall; CPU), round 1 | {first['torch_chunks'][0] / other[0]:.2f}; "
            f"{first['torch_chunks'][1] / other[1]:.2f} |" + " |" * len(rounds)
        )
    return lines


def scale_lines(ix: dict[str, Any]) -> list[str]:
    syn, rerun, proj = ix["synthetic"], ix["rerun"], ix["projection"]
    lines = [
        "## Indexing at scale",
        "",
        "| build | chunks | wall | CPU | ms per chunk (wall) | texts per chunk | peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| {syn['reports']} SYNTHETIC reports, real model ({syn['backend']}) | "
        f"{syn['chunks']:,} | {syn['wall_s']:.0f} s | {syn['cpu_s']:.0f} s | "
        f"{1000 * syn['wall_s'] / syn['chunks']:.1f} | {syn['texts'] / syn['chunks']:.2f} | "
        f"{syn['peak_rss_mb']:.0f} MB |",
        f"| the same again, no changes | {rerun['chunks']} | {rerun['wall_s']:.2f} s | "
        f"{rerun['cpu_s']:.2f} s | | | {rerun['peak_rss_mb']:.0f} MB |",
        f"| stub (no model run): the sample reports | {ix['stub_small']['chunks']:,} | "
        f"{ix['stub_small']['wall_s']:.1f} s | {ix['stub_small']['cpu_s']:.1f} s | "
        f"{1000 * ix['stub_small']['wall_s'] / ix['stub_small']['chunks']:.1f} | | "
        f"{ix['stub_small']['peak_rss_mb']:.0f} MB |",
    ]
    previous = 0
    for step in ix["scale"]:
        added = step["chunks"]
        lines.append(
            f"| stub, SYNTHETIC reports added to reach {step['chunks_total']:,} chunks | "
            f"{added:,} | {step['wall_s']:.0f} s | {step['cpu_s']:.0f} s | "
            f"{1000 * step['wall_s'] / added:.1f} | | {step['peak_rss_mb']:.0f} MB |"
        )
        previous = step["chunks_total"]
    lines += [
        "",
        f"**Projected build of {proj['chunks']:,} chunks** (real text, this machine): "
        f"{_hours(proj['seconds'])} = the model {_hours(proj['model_s'])} (its seconds per "
        f"chunk on the sample reports, best round) + everything else "
        f"{_hours(proj['rest_s'])} (the stub builds to {previous:,} chunks, scaled "
        f"linearly); peak RSS about {proj['peak_rss_mb']:,.0f} MB (the last two stub builds "
        f"extrapolated linearly, plus {proj['model_mb']:.0f} MB the model's run adds).",
        f"Index size on disk after the synthetic build: {ix['size_mb']:.1f} MB.",
    ]
    return lines


def query_lines(queries: list[dict[str, Any]]) -> list[str]:
    lines = [
        "## Query latency (warm, one process, ms)",
        "",
        "| chunks | search p50 | search p95 | ask lookup p50 | ask lookup p95 "
        "| ask aggregate p50 | ask aggregate p95 | grades table (once) | RSS after "
        "| index on disk |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
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
            + f" | {q['grades_ms']:.0f} | {q['rss_mb']:.0f} MB | {q['size_mb']:.0f} MB |"
        )
    return lines


def report(
    info: dict[str, str],
    indexing: dict[str, Any],
    queries: list[dict[str, Any]],
    args: argparse.Namespace,
    total_s: float,
) -> str:
    ix, cold = indexing, indexing.get("cold", {})
    first = queries[0] if queries else None
    counts = (
        f"{first['search']['n']} searches, {first['ask lookup']['n']} lookup and "
        f"{first['ask aggregate']['n']} aggregate questions per size"
        if first
        else ""
    )
    lines = [
        "# reportqa benchmarks",
        "",
        f"`{' '.join(['python -m scripts.bench', *args.argv])}` "
        f"on {datetime.date.today().isoformat()}, {total_s / 60:.1f} min in all; load average "
        f"{' then '.join(f'{x:.1f}' for x in getattr(args, 'load', []))} (other work on the "
        "machine). **The scale data here is SYNTHETIC** (see the notes).",
        "",
        "## Machine",
        "",
        "| " + " | ".join(info) + " |",
        "|" + "---|" * len(info),
        "| " + " | ".join(info.values()) + " |",
        "",
        *yardstick_lines(ix),
        "",
        *scale_lines(ix),
        "",
        f"## Cold command line ({ix['synthetic']['backend']}), on the "
        f"{ix['synthetic']['chunks']}-chunk synthetic index, median of 3 new processes",
        "",
        "| command | wall | peak RSS |",
        "|---|---:|---:|",
        *(
            f"| `reportqa {name}` | {c['median_s']:.2f} s | {c['peak_rss_mb']:.0f} MB |"
            for name, c in cold.items()
        ),
        "",
        *query_lines(queries),
        "",
        "## Notes",
        "",
        "- The yardstick corpus is real: the sample reports in corpus/. The scale corpora are "
        f"SYNTHETIC: reports generated by `scripts/scale_corpus.py` (seed {args.seed}, and "
        f"{args.seed + 1} for the stub builds) by recombining paragraphs of the sample reports, "
        "so their sentences repeat far more than real reports' do, and a build embeds each "
        "distinct text once: their texts per chunk and chunks/s flatter the model's work.",
        "- Stub builds run everything a build does (load, chunk with the real tokenizer, "
        "grades, Chroma, manifest with unit vectors, BM25) but the model, whose vectors they "
        "replace by stand-ins (`scripts/bench_build.py --stub`).",
        "- Query sizes are reached with SYNTHETIC chunks (`scripts/pad_index.py`): copies of "
        "the indexed documents whose vectors are the real vectors plus Gaussian noise "
        f"(relative size {args.noise}), renormalised; only the "
        f"{ix['synthetic']['chunks']} chunks of the synthetic build were embedded by the "
        "model. BM25 is rebuilt over all chunks.",
        f"- Questions are the eval set's ({counts}); filters are inferred from them as in use.",
        "- The grades table is built at the first grade question of a process (and again "
        "after an index revision); its time is the column above, not in the latencies.",
        "- Two shared cores: timings are noisy; compare numbers within one run.",
    ]
    return "\n".join(lines) + "\n"

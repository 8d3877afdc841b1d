"""Try retrieval and answer settings on the labelled questions, many configurations per run.

Sentence and query vectors are cached across configurations, so after the first
one each extra configuration costs only search and scoring. A configuration is
``name:key=value,key=value`` with keys ``section.field`` of ``retrieval.config.QAConfig``
(the same keys as ``reportqa ask --set``; an unknown key's error lists them all).

    .venv/bin/python -m scripts.tune --index /tmp/eval-index \\
        default "lex04:search.lexical_weight=0.4" "sw06:scorer.similarity_weight=0.6"

``--build CORPUS --chunk-tokens N --overlap-tokens M`` first builds the index
(into a new folder) with those chunk settings.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from evaluation.questions import load_questions
from evaluation.report import by_kind
from evaluation.runner import ReportQASystem, run_system
from index.embed import Embedder
from index.errors import ConfigError
from index.settings import IndexSettings
from retrieval.config import QAConfig
from retrieval.service import ReportQA

COLUMNS = (
    ("overall", "recall_at_k", "R@10"),
    ("overall", "mrr", "MRR"),
    ("lookup", "citation_recall", "lk cit R"),
    ("lookup", "must_mention", "lk MM"),
    ("aggregate", "entity_recall", "agg ent R"),
    ("aggregate", "entity_precision", "agg ent P"),
    ("aggregate", "must_mention", "agg MM"),
    ("trend", "must_mention", "trend MM"),
    ("compare", "must_mention", "cmp MM"),
    ("overall", "citation_precision", "cit P"),
    ("unanswerable", "refusal_rate", "refuse"),
    ("overall", "false_refusal_rate", "false ref"),
    ("overall", "latency_p50_ms", "p50 ms"),
    ("aggregate", "latency_p50_ms", "agg p50"),
)


class CachedEmbedder:
    """An Embedder that remembers every text's vector (for repeated evaluation runs)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.name, self.dimension = embedder.name, embedder.dimension
        self.max_tokens = embedder.max_tokens
        self.cache: dict[str, np.ndarray] = {}

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.embedder.count_tokens(texts)

    def embed_documents(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            vectors = self.embedder.embed_documents(missing, batch_size=batch_size)
            self.cache.update(zip(missing, vectors, strict=True))
        return np.stack([self.cache[t] for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


def parse_config(spec: str) -> tuple[str, QAConfig]:
    """``name:search.rrf_k=30,answer.refuse_below=0.5`` → (name, the defaults so changed)."""
    name, _, body = spec.partition(":")
    try:
        return name, QAConfig().override(filter(None, body.split(",")))
    except ConfigError as exc:
        raise SystemExit(str(exc)) from None


def build(args: argparse.Namespace, embedder: Embedder) -> None:
    from index.build import IndexBuilder

    settings = IndexSettings(
        index_dir=Path(args.index),
        chunk_tokens=args.chunk_tokens,
        overlap_tokens=args.overlap_tokens,
    )
    summary = IndexBuilder(settings, embedder).build(Path(args.build))
    print(f"built {args.index}: {summary.line()}", flush=True)


def row(name: str, summary: dict[str, Any], seconds: float) -> str:
    cells = []
    for group, metric, _ in COLUMNS:
        value = summary.get(group, {}).get(metric)
        cells.append("–" if value is None else f"{value:.0f}" if "ms" in metric else f"{value:.3f}")
    return f"| {name} | " + " | ".join(cells) + f" | {seconds:.0f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("configs", nargs="*", default=["default"])
    parser.add_argument("--index", required=True)
    parser.add_argument("--questions", default="tests/eval/questions.jsonl")
    parser.add_argument("--kinds", help="only these kinds, comma-separated")
    parser.add_argument("--build", metavar="CORPUS", help="build the index first from CORPUS")
    parser.add_argument("--chunk-tokens", type=int, default=0)
    parser.add_argument("--overlap-tokens", type=int, default=40)
    parser.add_argument("--json", help="write per-question rows of every config here")
    args = parser.parse_args()
    base = Embedder()
    if args.build:
        build(args, base)
    embedder = CachedEmbedder(base)
    qa = ReportQA.open(IndexSettings(index_dir=Path(args.index)), embedder=embedder)
    questions = load_questions(args.questions)
    if args.kinds:
        questions = [q for q in questions if q.kind in args.kinds.split(",")]
    print("| config | " + " | ".join(c[2] for c in COLUMNS) + " | s |")
    print("|---|" + "---:|" * (len(COLUMNS) + 1), flush=True)
    dump = {}
    for spec in args.configs:
        name, config = parse_config(spec)
        qa.configure(config)
        started = time.perf_counter()
        rows = run_system(ReportQASystem(qa), questions, qa.document_text, 10)
        dump[name] = rows
        print(row(name, by_kind(rows), time.perf_counter() - started), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(dump))


if __name__ == "__main__":
    main()

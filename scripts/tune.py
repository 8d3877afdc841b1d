"""Try retrieval and answer settings on the labelled questions, many configurations per run.

Sentence and query vectors are cached across configurations, so after the first
one each extra configuration costs only search and scoring. A configuration is
``name:key=value,key=value`` with keys ``search.<SearchConfig field>``,
``answer.<AnswerConfig field>`` or ``scorer.<similarity_weight | type_penalty |
boilerplate_penalty | prefer_bonus>``.

    .venv/bin/python -m scripts.tune --index /tmp/eval-index \\
        default "lex04:search.lexical_weight=0.4" "sw06:scorer.similarity_weight=0.6"

``--build CORPUS --chunk-tokens N --overlap-tokens M`` first builds the index
(into a new folder) with those chunk settings.
"""

from __future__ import annotations

import argparse
import inspect
import json
import time
from collections.abc import Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import numpy as np

from index.embed import Embedder
from index.settings import IndexSettings
from retrieval.answer import AnswerConfig
from retrieval.evaluation import ReportQASystem, by_kind, load_questions, run_system
from retrieval.evidence import EvidenceScorer
from retrieval.search import SearchConfig
from retrieval.service import ReportQA

COLUMNS = (
    ("overall", "recall_at_k", "R@10"), ("overall", "mrr", "MRR"),
    ("lookup", "citation_recall", "lk cit R"), ("lookup", "must_mention", "lk MM"),
    ("aggregate", "entity_recall", "agg ent R"), ("aggregate", "entity_precision", "agg ent P"),
    ("aggregate", "must_mention", "agg MM"), ("trend", "must_mention", "trend MM"),
    ("compare", "must_mention", "cmp MM"), ("overall", "citation_precision", "cit P"),
    ("unanswerable", "refusal_rate", "refuse"), ("overall", "false_refusal_rate", "false ref"),
    ("overall", "latency_p50_ms", "p50 ms"), ("aggregate", "latency_p50_ms", "agg p50"),
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


def parse_config(spec: str) -> tuple[str, dict[str, dict[str, Any]]]:
    """``name:search.rrf_k=30,answer.refuse_below=0.5`` → (name, {section: {field: value}})."""
    name, _, body = spec.partition(":")
    changes: dict[str, dict[str, Any]] = {"search": {}, "answer": {}, "scorer": {}}
    for item in filter(None, body.split(",")):
        key, _, value = item.partition("=")
        section, _, field = key.partition(".")
        changes[section][field] = json.loads(value)
    return name, changes


def configure(qa: ReportQA, changes: dict[str, dict[str, Any]]) -> None:
    """Apply a configuration to an open ReportQA (defaults first, then the changes)."""
    known = {f.name for f in fields(SearchConfig)} | {f.name for f in fields(AnswerConfig)}
    unknown = set(changes["search"]) | set(changes["answer"])
    if unknown - known:
        raise SystemExit(f"unknown setting(s): {sorted(unknown - known)}")
    qa.searcher.config = replace(SearchConfig(), **changes["search"])
    qa.answerer.config = replace(AnswerConfig(), **changes["answer"])
    for name in (
        "similarity_weight", "type_penalty", "boilerplate_penalty", "prefer_bonus",
        "chunk_weight", "rank_weight",
    ):
        default = inspect.signature(EvidenceScorer).parameters[name].default
        setattr(qa.answerer.scorer, name, changes["scorer"].get(name, default))


def build(args: argparse.Namespace, embedder: Embedder) -> None:
    from index.build import IndexBuilder

    settings = IndexSettings(
        index_dir=Path(args.index), chunk_tokens=args.chunk_tokens,
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
        name, changes = parse_config(spec)
        configure(qa, changes)
        started = time.perf_counter()
        rows = run_system(ReportQASystem(qa), questions, qa.document_text, 10)
        dump[name] = rows
        print(row(name, by_kind(rows), time.perf_counter() - started), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(dump))


if __name__ == "__main__":
    main()

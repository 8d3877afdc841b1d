"""Score reportqa (and a vanilla LangChain baseline) on a labelled question set.

Each question is run through a system twice: a search (doc-level recall@k and
MRR of the gold reports) and an answer (citations, must-mention coverage, forces
listed, refusals, verbatim quotes, latency). Metrics are averaged per labelled
kind and overall; ``format_report`` prints them side by side.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from index.errors import GroundingError, ReportQAError
from index.types import Answer
from retrieval import metrics
from retrieval.answer import NOT_FORCES
from retrieval.cite import TextOf, is_verbatim

if TYPE_CHECKING:
    from retrieval.service import ReportQA

log = logging.getLogger(__name__)

KINDS = ("lookup", "aggregate", "trend", "compare", "unanswerable")
ANSWER_KINDS = {"lookup", "aggregate", "trend", "compare"}


@dataclass(frozen=True)
class Question:
    """One labelled question of tests/eval/questions.jsonl."""

    id: str
    question: str
    kind: str
    gold_docs: tuple[str, ...]
    must_mention: tuple[str, ...]
    notes: str = ""


# loading --------------------------------------------------------------------
def _strings(value: object, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{name!r} must be a list of non-empty strings")
    return tuple(value)


def parse_question(data: object) -> Question:
    """A Question from one decoded JSON line; ValueError says what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    missing = [f for f in ("id", "question", "kind", "gold_docs", "must_mention") if f not in data]
    if missing:
        raise ValueError(f"missing field(s): {', '.join(missing)}")
    for name in ("id", "question"):
        if not isinstance(data[name], str) or not data[name].strip():
            raise ValueError(f"{name!r} must be a non-empty string")
    if data["kind"] not in KINDS:
        raise ValueError(f"kind {data['kind']!r} is not one of {', '.join(KINDS)}")
    gold = _strings(data["gold_docs"], "gold_docs")
    if bool(gold) == (data["kind"] == "unanswerable"):
        raise ValueError("gold_docs must be empty exactly when kind is 'unanswerable'")
    notes = data.get("notes", "")
    if not isinstance(notes, str):
        raise ValueError("'notes' must be a string")
    mention = _strings(data["must_mention"], "must_mention")
    return Question(data["id"], data["question"], data["kind"], gold, mention, notes)


def load_questions(path: Path | str) -> list[Question]:
    """Labelled questions from a JSONL file; a bad line raises ReportQAError naming file:line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ReportQAError(f"cannot read questions file {path}: {exc.strerror}") from exc
    questions: list[Question] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            question = parse_question(json.loads(line))
            if question.id in seen:
                raise ValueError(f"duplicate id {question.id!r}")
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            raise ReportQAError(f"{path}:{number}: {exc}") from exc
        seen.add(question.id)
        questions.append(question)
    if not questions:
        raise ReportQAError(f"{path}: no questions found")
    return questions


# systems --------------------------------------------------------------------
class System(Protocol):
    """What the evaluation needs from a question-answering pipeline."""

    name: str

    def ranked_docs(self, question: str, k: int) -> list[str]: ...

    def answer(self, question: str) -> Answer: ...


class ReportQASystem:
    """reportqa itself: hybrid search for ranking, ``ask`` for answers."""

    name = "reportqa"

    def __init__(self, qa: ReportQA) -> None:
        self.qa = qa

    def ranked_docs(self, question: str, k: int) -> list[str]:
        hits = self.qa.search(question, k=k).hits
        return metrics.unique_in_order(h.meta.doc_id for h in hits)

    def answer(self, question: str) -> Answer:
        return self.qa.ask(question)


# scoring one question -------------------------------------------------------
def answer_text(answer: Answer) -> str:
    """Everything a reader sees: the answer, its table rows and its quotes."""
    parts = [answer.answer]
    parts += [f"{row.force}: {row.text}" for row in answer.table]
    parts += [c.quote for c in answer.citations]
    return "\n".join(parts)


def answer_forces(answer: Answer) -> list[str]:
    """The forces an answer lists: its table rows, else the forces of the reports it cites."""
    if answer.table:
        return metrics.unique_in_order(row.force for row in answer.table)
    cited = (f for c in answer.citations for f in c.meta.forces)
    return metrics.unique_in_order(f for f in cited if f not in NOT_FORCES)


def verbatim_rate(answer: Answer, text_of: TextOf) -> float | None:
    if not answer.citations:
        return None
    return sum(is_verbatim(c, text_of) for c in answer.citations) / len(answer.citations)


def score(
    question: Question, ranked: list[str], answer: Answer, seconds: float, text_of: TextOf, k: int
) -> dict[str, Any]:
    """Every metric of one question for one system (None where it does not apply)."""
    gold = question.gold_docs
    cited = [c.meta.doc_id for c in answer.citations]
    answerable = question.kind != "unanswerable"
    row: dict[str, Any] = {
        "recall_at_k": metrics.recall_at_k(ranked, gold, k),
        "mrr": metrics.reciprocal_rank(ranked, gold),
        "citation_recall": metrics.citation_recall(cited, gold),
        "citation_precision": metrics.citation_precision(cited, gold),
        "must_mention": metrics.mention_coverage(answer_text(answer), question.must_mention),
        "entity_recall": None,
        "entity_precision": None,
        "refusal_rate": None if answerable else float(answer.refused),
        "false_refusal_rate": float(answer.refused) if answerable else None,
        "verbatim_rate": verbatim_rate(answer, text_of),
        "kind_accuracy": (
            float(answer.kind == question.kind)
            if answerable and answer.kind in ANSWER_KINDS else None
        ),
        "latency_ms": seconds * 1000,
    }
    if question.kind == "aggregate":
        recall, precision = metrics.entity_scores(answer_forces(answer), question.must_mention)
        row.update(entity_recall=recall, entity_precision=precision)
    return row


def run_one(system: System, question: Question, text_of: TextOf, k: int) -> dict[str, Any]:
    """Search, then answer (timed); an answer that fails its own checks is scored, not raised."""
    ranked = system.ranked_docs(question.question, k)
    started = time.perf_counter()
    failed = None
    try:
        answer = system.answer(question.question)
    except ReportQAError as exc:  # e.g. a GroundingError: counted, not fatal
        failed = exc
        answer = Answer(question.question, "error", f"error: {exc}", refused=True)
    seconds = time.perf_counter() - started
    row = score(question, ranked, answer, seconds, text_of, k)
    if isinstance(failed, GroundingError):
        row["verbatim_rate"] = 0.0
    row.update(id=question.id, kind=question.kind, answer_kind=answer.kind,
               cited=metrics.unique_in_order(c.meta.doc_id for c in answer.citations),
               forces=answer_forces(answer), error=str(failed) if failed else None)
    return row


# summaries ------------------------------------------------------------------
METRICS = (
    "recall_at_k", "mrr", "citation_recall", "citation_precision", "must_mention",
    "entity_recall", "entity_precision", "refusal_rate", "false_refusal_rate",
    "verbatim_rate", "kind_accuracy",
)


def summarise(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Means of each metric over rows, latency percentiles and the count."""
    summary: dict[str, Any] = {"n": len(rows)}
    for name in METRICS:
        summary[name] = metrics.mean(r[name] for r in rows)
    latencies = [r["latency_ms"] for r in rows]
    summary["latency_p50_ms"] = metrics.percentile(latencies, 50)
    summary["latency_p95_ms"] = metrics.percentile(latencies, 95)
    summary["errors"] = sum(r["error"] is not None for r in rows)
    return summary


def by_kind(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    groups: dict[str, Any] = {"overall": summarise(rows)}
    for kind in KINDS:
        chosen = [r for r in rows if r["kind"] == kind]
        if chosen:
            groups[kind] = summarise(chosen)
    return groups


def run_system(
    system: System, questions: Sequence[Question], text_of: TextOf, k: int
) -> list[dict[str, Any]]:
    """Score every question for one system, in order."""
    rows = []
    for i, question in enumerate(questions, start=1):
        rows.append(run_one(system, question, text_of, k))
        log.info("%s %d/%d %s", system.name, i, len(questions), question.id)
    return rows


def evaluate(
    qa: ReportQA, questions: Sequence[Question], k: int = 10, baseline: bool = True
) -> dict[str, Any]:
    """Run reportqa (and the vanilla baseline) over questions; a JSON-ready report."""
    systems: list[System] = [ReportQASystem(qa)]
    built = None
    if baseline:
        from retrieval.baseline import VanillaBaseline

        built = VanillaBaseline.build(qa)
        systems.append(built)
    try:
        rows = {s.name: run_system(s, questions, qa.document_text, k) for s in systems}
    finally:
        if built is not None:
            built.close()
    return {
        "k": k,
        "questions": len(questions),
        "systems": list(rows),
        "summary": {name: by_kind(r) for name, r in rows.items()},
        "per_question": rows,
    }


# the report -----------------------------------------------------------------
LABELS = {
    "recall_at_k": "retrieval recall@{k}",
    "mrr": "retrieval MRR",
    "citation_recall": "citation recall",
    "citation_precision": "citation precision",
    "must_mention": "must-mention coverage",
    "entity_recall": "entity recall (forces)",
    "entity_precision": "entity precision (forces)",
    "refusal_rate": "refusal rate (unanswerable)",
    "false_refusal_rate": "false-refusal rate",
    "verbatim_rate": "verbatim-quote rate",
    "kind_accuracy": "kind accuracy",
    "latency_p50_ms": "latency p50 (ms)",
    "latency_p95_ms": "latency p95 (ms)",
    "errors": "errors",
}


def _cell(value: float | None, name: str) -> str:
    if value is None:
        return "–"
    if name.endswith("_ms"):
        return f"{value:.0f}"
    return str(value) if name == "errors" else f"{value:.3f}"


def format_report(report: dict[str, Any]) -> str:
    """Markdown: one table per kind (and overall), metrics × systems."""
    systems = report["systems"]
    first = report["summary"][systems[0]]
    source = f" from {report['questions_file']}" if report.get("questions_file") else ""
    lines = [f"# Evaluation: {report['questions']} questions{source}, k = {report['k']}", ""]
    for group in first:
        lines += [f"## {group} ({first[group]['n']} questions)", "",
                  "| metric | " + " | ".join(systems) + " |",
                  "|---|" + "---:|" * len(systems)]
        for name, label in LABELS.items():
            values = [report["summary"][s][group].get(name) for s in systems]
            if all(v is None for v in values) or (name == "errors" and not any(values)):
                continue
            cells = " | ".join(_cell(v, name) for v in values)
            lines.append(f"| {label.format(k=report['k'])} | {cells} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"

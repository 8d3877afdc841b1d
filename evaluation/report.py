"""Shape per-question rows into the JSON report and print it as Markdown tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from evaluation import metrics
from evaluation.questions import KINDS

METRICS = (
    "recall_at_k",
    "mrr",
    "citation_recall",
    "citation_precision",
    "must_mention",
    "entity_recall",
    "entity_precision",
    "refusal_rate",
    "false_refusal_rate",
    "verbatim_rate",
    "kind_accuracy",
)

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


# the JSON summary -----------------------------------------------------------
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
    """The summary overall, then of each labelled kind present."""
    groups: dict[str, Any] = {"overall": summarise(rows)}
    for kind in KINDS:
        chosen = [r for r in rows if r["kind"] == kind]
        if chosen:
            groups[kind] = summarise(chosen)
    return groups


def build_report(k: int, questions: int, rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The JSON-ready report: settings, per-system summaries by kind, and every row."""
    return {
        "k": k,
        "questions": questions,
        "systems": list(rows),
        "summary": {name: by_kind(r) for name, r in rows.items()},
        "per_question": rows,
    }


# the Markdown report --------------------------------------------------------
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
        lines += [
            f"## {group} ({first[group]['n']} questions)",
            "",
            "| metric | " + " | ".join(systems) + " |",
            "|---|" + "---:|" * len(systems),
        ]
        for name, label in LABELS.items():
            values = [report["summary"][s][group].get(name) for s in systems]
            if all(v is None for v in values) or (name == "errors" and not any(values)):
                continue
            cells = " | ".join(_cell(v, name) for v in values)
            lines.append(f"| {label.format(k=report['k'])} | {cells} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"

"""Scoring the claim checker on labelled claims (tests/eval/claims.jsonl).

Each line: ``id``, ``claim``, ``kind`` (true: paraphrased from a report; changed: one fact
altered, ``changed`` names which: number, date, grade, force, negation, person; uncovered:
the reports do not say; other: about a force or body the reports do not cover, or a fact
of one force put on another; partly: a true fact joined to one the reports lack),
``expected`` (supported, contradicted, not found, partly supported), ``gold_docs`` (file
stems) and an optional ``note``.

Scores: verdict accuracy per kind and per changed fact; citation recall on true claims (a
gold report among the claim's citations, and the stricter: supported *and* cited); the
share of claims that are not true but marked supported (the error that hurts a briefing
most), overall and for uncovered claims.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.errors import ConfigError
from retrieval.check.checker import ClaimChecker
from retrieval.check.results import ClaimCheck, ClaimVerdict

KINDS = ("true", "changed", "uncovered", "other", "partly")


@dataclass(frozen=True)
class LabelledClaim:
    id: str
    claim: str
    kind: str
    expected: ClaimVerdict
    gold_docs: tuple[str, ...] = ()
    changed: str | None = None


def load_claims(path: Path) -> list[LabelledClaim]:
    """Labelled claims from a JSONL file (blank lines skipped)."""
    claims = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            claims.append(
                LabelledClaim(
                    row["id"],
                    row["claim"],
                    row["kind"],
                    ClaimVerdict(row["expected"]),
                    tuple(row.get("gold_docs") or ()),
                    row.get("changed"),
                )
            )
        except (ValueError, KeyError) as exc:
            raise ConfigError(f"{path}:{number}: not a labelled claim ({exc})") from None
    return claims


def _cited(check: ClaimCheck, gold: Sequence[str]) -> bool:
    return any(c.meta.doc_id in gold for c in check.citations)


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def score_claims(labelled: Sequence[LabelledClaim], checks: Sequence[ClaimCheck]) -> dict[str, Any]:
    """Accuracy per kind and per changed fact, citation recall, uncovered marked supported."""
    right = [c.verdict is item.expected for item, c in zip(labelled, checks, strict=True)]
    pairs = list(zip(labelled, checks, right, strict=True))
    accuracy = {
        kind: _share(
            sum(ok for i, _, ok in pairs if i.kind == kind), sum(i.kind == kind for i in labelled)
        )
        for kind in KINDS
        if any(i.kind == kind for i in labelled)
    }
    changed = sorted({i.changed for i in labelled if i.changed})
    by_fact = {
        fact: _share(
            sum(ok for i, _, ok in pairs if i.changed == fact),
            sum(i.changed == fact for i in labelled),
        )
        for fact in changed
    }
    true = [(i, c) for i, c, _ in pairs if i.kind == "true"]
    uncovered = [c for i, c, _ in pairs if i.kind == "uncovered"]
    untrue = [c for i, c, _ in pairs if i.expected is not ClaimVerdict.SUPPORTED]
    return {
        "claims": len(labelled),
        "accuracy": _share(sum(right), len(right)),
        "accuracy_by_kind": accuracy,
        "accuracy_by_changed_fact": by_fact,
        "citation_recall": _share(sum(_cited(c, i.gold_docs) for i, c in true), len(true)),
        "supported_and_cited": _share(
            sum(c.ok and _cited(c, i.gold_docs) for i, c in true), len(true)
        ),
        "uncovered_marked_supported": _share(sum(c.ok for c in uncovered), len(uncovered)),
        "untrue_marked_supported": sum(c.ok for c in untrue),
        "confusion": _confusion(pairs),
        "misses": [_miss(i, c) for i, c, ok in pairs if not ok],
    }


def _confusion(
    pairs: Sequence[tuple[LabelledClaim, ClaimCheck, bool]],
) -> dict[str, dict[str, int]]:
    table: dict[str, Counter[str]] = {}
    for item, check, _ in pairs:
        table.setdefault(item.expected.value, Counter())[check.verdict.value] += 1
    return {expected: dict(counts) for expected, counts in table.items()}


def _miss(item: LabelledClaim, check: ClaimCheck) -> dict[str, Any]:
    return {
        "id": item.id,
        "claim": item.claim,
        "expected": item.expected.value,
        "got": check.verdict.value,
        "cited": sorted({c.meta.doc_id for c in check.citations}),
        "differences": [str(d) for d in check.differences],
        "absent": list(check.absent),
        "overlap": check.overlap,
        "similarity": check.similarity,
    }


def evaluate_claims(checker: ClaimChecker, labelled: Sequence[LabelledClaim]) -> dict[str, Any]:
    """Check every labelled claim on its own and score the verdicts."""
    started = time.perf_counter()
    checks = [checker.check_claim(item.claim)[0] for item in labelled]
    report = score_claims(labelled, checks)
    report["seconds_per_claim"] = round((time.perf_counter() - started) / max(len(labelled), 1), 3)
    return report


def format_claims_report(report: dict[str, Any]) -> str:
    """The scores for people, then each claim whose verdict was wrong."""
    lines = [
        f"claims: {report['claims']}  accuracy: {report['accuracy']}",
        "accuracy by kind: " + _pairs(report["accuracy_by_kind"]),
        "accuracy by changed fact: " + _pairs(report["accuracy_by_changed_fact"]),
        f"citation recall (true claims, a gold report cited): {report['citation_recall']}",
        f"supported and cited (true claims): {report['supported_and_cited']}",
        f"uncovered claims marked supported: {report['uncovered_marked_supported']}",
        f"claims not true but marked supported: {report['untrue_marked_supported']}",
        f"seconds per claim: {report.get('seconds_per_claim')}",
        "confusion (expected -> got): "
        + "; ".join(f"{e} -> {_pairs(g)}" for e, g in report["confusion"].items()),
    ]
    for miss in report["misses"]:
        detail = "; ".join(miss["differences"] + miss["absent"])
        lines.append(
            f"  {miss['id']} expected {miss['expected']}, got {miss['got']} "
            f"(overlap {miss['overlap']}, sim {miss['similarity']}) {detail}: {miss['claim']}"
        )
    return "\n".join(lines)


def _pairs(values: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v}" for k, v in values.items())

"""Scoring grade extraction against the hand-checked gold (``tests/eval/grades.csv``).

A judgement matches a gold row when (doc_id, force, area, grade) agree; the cycle and
the quote are reported alongside but do not decide a match. Gold rows sharing a key
(the same grade stated for two cycles) count once. ``Judgement`` carries its doc_id.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from index.grades import Judgement

GOLD_COLUMNS = ("doc_id", "force", "area", "grade", "cycle", "quote_contains")

Key = tuple[str, str, str, str]


def load_gold(path: str | Path) -> list[dict[str, str]]:
    """The gold rows of a grades CSV (columns GOLD_COLUMNS); an empty cycle becomes ""."""
    with Path(path).open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = set(GOLD_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing columns {', '.join(sorted(missing))}")
        return [{column: (row[column] or "").strip() for column in GOLD_COLUMNS} for row in reader]


def _key(row: dict[str, str] | Judgement) -> Key:
    if isinstance(row, Judgement):
        return (row.doc_id, row.force, row.area, row.grade)
    return (row["doc_id"], row["force"], row["area"], row["grade"])


def score_grades(found: Iterable[Judgement], gold_rows: list[dict[str, str]]) -> dict[str, Any]:
    """Precision, recall and F1 of extracted judgements against gold rows, with the misses
    (gold keys not found), the false hits (found keys not in gold, with a quote each) and
    how often a matched key's cycle agrees with one the gold gives it."""
    found = list(found)
    gold_cycles: dict[Key, set[str]] = {}
    for row in gold_rows:
        gold_cycles.setdefault(_key(row), set()).add(row["cycle"])
    found_by_key: dict[Key, list[Judgement]] = {}
    for judgement in found:
        found_by_key.setdefault(_key(judgement), []).append(judgement)
    matched = set(found_by_key) & set(gold_cycles)
    precision = len(matched) / len(found_by_key) if found_by_key else 1.0
    recall = len(matched) / len(gold_cycles) if gold_cycles else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    cycle_agrees = sum(
        any((j.cycle or "") in gold_cycles[key] for j in found_by_key[key]) for key in matched
    )
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "found": len(found_by_key),
        "gold": len(gold_cycles),
        "matched": len(matched),
        "cycle_agreement": round(cycle_agrees / len(matched), 4) if matched else None,
        "misses": [_as_dict(key) for key in sorted(set(gold_cycles) - matched)],
        "false_hits": [
            _as_dict(key) | {"quote": found_by_key[key][0].quote}
            for key in sorted(set(found_by_key) - matched)
        ],
    }


def _as_dict(key: Key) -> dict[str, str]:
    return dict(zip(("doc_id", "force", "area", "grade"), key, strict=True))

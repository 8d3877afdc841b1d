"""Scoring grade extraction against hand-checked gold grades.

Two gold layouts are read: the team's (``tests/eval/grades.csv``: doc_id, force, area,
grade, cycle, quote_contains) and the field sets' (``grades-gold.csv``: doc, force, area,
grade, cycle, quote, note), whose areas are written in words and read through the area
vocabulary, and whose rows noted "borderline:" may be scored either way: found, they
count as matched; missed, they count against nothing.

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
from index.grades.vocabulary import area_labels

GOLD_COLUMNS = ("doc_id", "force", "area", "grade", "cycle", "quote_contains")
FIELD_COLUMNS = ("doc", "force", "area", "grade", "cycle", "quote", "note")
BORDERLINE = "borderline:"

Key = tuple[str, str, str, str]


def load_gold(path: str | Path) -> list[dict[str, str]]:
    """The gold rows of a grades CSV (columns GOLD_COLUMNS); an empty cycle becomes ""."""
    with Path(path).open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = set(reader.fieldnames or ())
        if set(FIELD_COLUMNS) <= columns:
            rows = [{c: (row[c] or "").strip() for c in FIELD_COLUMNS} for row in reader]
            return [_field_row(row) for row in rows]
        missing = set(GOLD_COLUMNS) - columns
        if missing:
            raise ValueError(
                f"{path}: missing columns {', '.join(sorted(missing))} (a gold CSV has "
                f"{', '.join(GOLD_COLUMNS)}, or {', '.join(FIELD_COLUMNS)})"
            )
        return [{column: (row[column] or "").strip() for column in GOLD_COLUMNS} for row in reader]


def _field_row(row: dict[str, str]) -> dict[str, str]:
    """A field set's gold row in the team's layout: its area read as a vocabulary label
    (a child protection topic in a child protection inspection), "borderline" kept."""
    child_protection = "child protection" in f"{row['cycle']} {row['note']}".lower()
    labels = area_labels(row["area"], child_protection)
    return {
        "doc_id": row["doc"],
        "force": row["force"],
        "area": labels[0] if labels else row["area"].lower(),
        "grade": row["grade"].lower(),
        "cycle": row["cycle"],
        "quote_contains": row["quote"],
        "borderline": "yes" if row["note"].lower().startswith(BORDERLINE) else "",
    }


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
    optional = {_key(r) for r in gold_rows if r.get("borderline")} - {
        _key(r) for r in gold_rows if not r.get("borderline")
    }
    found_by_key: dict[Key, list[Judgement]] = {}
    for judgement in found:
        found_by_key.setdefault(_key(judgement), []).append(judgement)
    matched = set(found_by_key) & set(gold_cycles)
    for key in optional - matched:  # a borderline row missed counts against nothing
        del gold_cycles[key]
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


def grade_report(
    judgements: Iterable[Judgement], counts: int, gold_rows: list[dict[str, str]] | None
) -> dict[str, Any]:
    """What an index's extraction found (per cycle, per grade, every row), scored against
    gold rows when there are any."""
    found = list(judgements)
    report: dict[str, Any] = {
        "judgements": len(found),
        "documents": len({j.doc_id for j in found}),
        "counts": counts,
        "by_cycle": _tally(j.cycle or "unknown" for j in found),
        "by_grade": _tally(j.grade for j in found),
        "rows": [
            {"doc_id": j.doc_id, "force": j.force, "area": j.area, "grade": j.grade}
            | {"cycle": j.cycle, "quote": j.quote}
            for j in found
        ],
    }
    if gold_rows is not None:
        report["score"] = score_grades(found, gold_rows)
    return report


def format_grade_report(report: dict[str, Any], *, rows: bool = False) -> str:
    lines = [
        f"Grades extracted: {report['judgements']} judgements in {report['documents']} "
        f"documents; {report['counts']} stated counts.",
        "By cycle: " + ", ".join(f"{k} {v}" for k, v in report["by_cycle"].items()),
        "By grade: " + ", ".join(f"{k} {v}" for k, v in report["by_grade"].items()),
    ]
    score = report.get("score")
    if score:
        lines.append(
            f"Against the gold ({score['gold']} judgements): precision {score['precision']:.3f}, "
            f"recall {score['recall']:.3f}, F1 {score['f1']:.3f}, cycle agreement "
            f"{score['cycle_agreement']}"
        )
        lines += [f"  missed: {m}" for m in score["misses"]]
        lines += [f"  not in gold: {m}" for m in score["false_hits"]]
    if rows or not score:
        lines += [
            f"  {r['doc_id']}: {r['force']} · {r['area']} · {r['grade']} · {r['cycle']}"
            for r in report["rows"]
        ]
    return "\n".join(lines)


def _tally(values: Iterable[str]) -> dict[str, int]:
    tally: dict[str, int] = {}
    for value in values:
        tally[value] = tally.get(value, 0) + 1
    return dict(sorted(tally.items(), key=lambda kv: -kv[1]))

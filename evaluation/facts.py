"""Scoring the facts table (records read at index time) against the hand-labelled gold
(``tests/eval/facts.csv``: doc_id, kind, force, subject, value, when, quote_contains).

A record matches a gold row when the report, kind, force, subject and value agree, each
compared as a reader would: names without case or accents ("Zoë Billingham" is "Zoe
Billingham"), a figure's measure by its words ("crime-recording rate" and "crime
recording rate"), counts and dates as written in digits. When it holds ("2022-06") is
reported alongside, not required, like a grade's cycle.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from index.records import KINDS, Record

GOLD_COLUMNS = ("doc_id", "kind", "force", "subject", "value", "when", "quote_contains")
Key = tuple[str, str, str, str, str]


def load_fact_gold(path: str | Path) -> list[dict[str, str]]:
    """The gold rows of a facts CSV (columns GOLD_COLUMNS)."""
    with Path(path).open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = set(GOLD_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing columns {', '.join(sorted(missing))}")
        return [{c: (row[c] or "").strip() for c in GOLD_COLUMNS} for row in reader]


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


def _key(doc_id: str, kind: str, force: str, subject: str, value: str) -> Key:
    if kind == "figure":
        subject = _measure(subject)
    if kind == "person":
        value = _HONORIFIC.sub("", _plain(value))
    return (doc_id, kind, _plain(force), _plain(subject), _plain(value).replace(",", ""))


_HONORIFIC = re.compile(r"^(?:sir|dame|dr|mr|mrs|ms|lord|lady|baroness)\.?\s+")
# What a figure measures, by family: the words a measure is named by vary ("crime-recording
# rate", "recording rate for violent crime"); the figure's value tells them apart.
_MEASURES = (
    ("unrecorded", "unrecorded"),
    ("backlog", "backlog"),
    ("abandoned", "calls abandoned"),
    ("answered", "calls answered"),
    ("record", "recording rate"),
)


def _measure(subject: str) -> str:
    words = _plain(subject)
    return next((family for cue, family in _MEASURES if cue in words), words)


def _record_key(record: Record) -> Key:
    return _key(record.doc_id, record.kind, record.force, record.subject, record.value)


def _gold_keys(row: dict[str, str]) -> list[Key]:
    """A gold row's keys: one per force of a joint entry ("Norfolk Constabulary and
    Suffolk Constabulary"), so a record of either force matches it."""
    parts = [f for f in row["force"].split(" and ") if f.endswith(_FORCE_ENDS)]
    forces = [row["force"], *parts] if len(parts) > 1 else [row["force"]]
    return [_key(row["doc_id"], row["kind"], f, row["subject"], row["value"]) for f in forces]


_FORCE_ENDS = ("Police", "Constabulary", "Service")


def score_facts(found: Iterable[Record], gold_rows: list[dict[str, str]]) -> dict[str, Any]:
    """Precision and recall per kind and overall, with the misses and the false hits: a
    record is right when it states a gold row (a joint row is stated by either force's
    record); a gold row is found when some record states it."""
    found_keys = {_record_key(r): r for r in found}
    rows = [(row, set(_gold_keys(row))) for row in gold_rows]
    stated = {key for _, keys in rows for key in keys}
    report: dict[str, Any] = {"by_kind": {}}
    for kind in (*KINDS, None):
        mine = [k for k in found_keys if kind is None or k[1] == kind]
        theirs = [keys for row, keys in rows if kind is None or row["kind"] == kind]
        if not mine and not theirs:
            continue
        right = sum(k in stated for k in mine)
        hit = sum(bool(keys & found_keys.keys()) for keys in theirs)
        scores = {
            "precision": round(right / len(mine), 4) if mine else None,
            "recall": round(hit / len(theirs), 4) if theirs else None,
            "found": len(mine),
            "gold": len(theirs),
            "matched": hit,
        }
        if kind is None:
            report.update(scores)
        else:
            report["by_kind"][kind] = scores
    report["misses"] = [row for row, keys in rows if not keys & found_keys.keys()]
    report["false_hits"] = [
        {"key": list(k), "quote": r.quote[:160]} for k, r in found_keys.items() if k not in stated
    ]
    return report


def format_fact_report(report: dict[str, Any]) -> str:
    lines = [
        f"Facts against the gold ({report['gold']}): precision {report['precision']}, "
        f"recall {report['recall']} ({report['matched']} of {report['found']} found)"
    ]
    for kind, s in report["by_kind"].items():
        lines.append(
            f"  {kind}: precision {s['precision']}, recall {s['recall']} "
            f"({s['matched']} matched, {s['found']} found, {s['gold']} in the gold)"
        )
    lines += [f"  missed: {' · '.join(m[c] for c in GOLD_COLUMNS[:5])}" for m in report["misses"]]
    lines += [f"  not in gold: {' · '.join(h['key'])}: {h['quote']}" for h in report["false_hits"]]
    return "\n".join(lines)

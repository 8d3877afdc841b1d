"""The labelled question set: one JSON object a line, checked as it is read."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from index.errors import ReportQAError

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

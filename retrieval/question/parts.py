"""A question that asks two things: "Who signed the letter, and when was the report due?"

Each part is read on its own (its words, its kind of fact), so an answer can make sure
some quote answers every part, not only the part the whole question sounds most like.
"""

from __future__ import annotations

import re

from index.forces import find_forces

_ASKING = (
    r"when|why|how|what|who|whom|whose|which|where|whether|did|does|do|was|were|is|are|"
    r"has|had|have|can|could|would|will"
)
_PREPOSITION = r"(?:in|on|by|for|to|at|from|with|since|until|after|before|under)\s+"
# ", and why …", " and when …", "; what …", ", and in what year …": a coordinated
# second question.
_SPLIT = re.compile(
    rf"\s*(?:,\s*(?:and|but)\s+|\s+and\s+|;\s*)(?=(?:{_PREPOSITION})?(?:{_ASKING})\b)", re.I
)
_MIN_WORDS = 3  # "and how" alone is no question


def question_parts(question: str) -> list[str]:
    """The question's parts; one part when it asks one thing.

    >>> question_parts("When was it inspected, and why was publication delayed?")
    ['When was it inspected', 'why was publication delayed?']
    """
    parts = [p.strip(" ,;") for p in _SPLIT.split(question)]
    kept = [p for p in parts if len(p.split()) >= _MIN_WORDS]
    return kept if len(kept) > 1 else [question]


def part_queries(question: str) -> list[str]:
    """Search text for each part of a two-part question (none for a one-part question);
    a part that names no force borrows the forces the whole question names ("why was
    publication delayed?" is about the force the first part named)."""
    parts = question_parts(question)
    if len(parts) < 2:
        return []
    named = find_forces(question)
    borrowed = f" ({', '.join(named)})" if named else ""
    return [part if find_forces(part) else part + borrowed for part in parts]

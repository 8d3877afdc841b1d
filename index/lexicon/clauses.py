"""Clauses: the statements one sentence joins, each read with its own facts.

"Humberside was rated inadequate in 2015 and remained in special measures until 2018"
joins two statements; the grade goes with 2015, not with 2018. A sentence is cut at a
semicolon, a colon or a dash; before "but", "whereas", "while", "although", "against";
at a comma followed by a joining word ("and", "which", "after", "compared" …); and
before a bare "and" when both sides state a value of their own (a time, a grade, a
quantity): "the leadership and culture needed" is one thing. A piece with fewer than
two content words ("and 2016", "Efficiency") belongs to the clause before it.
"""

from __future__ import annotations

import re

from index.lexicon.dates import dates
from index.lexicon.grades import grades
from index.lexicon.quantities import quantities
from index.lexicon.span import Concept, Span

_JOINING = (
    r"and|but|while|whilst|whereas|although|though|against|compared|which|who|when|where"
    r"|after|before|yet|so|as|with|despite|because"
)
_BOUNDARY = re.compile(
    r"\s*;\s*|(?<!\d):(?!\d)\s*|\s+[\u2013\u2014]\s+|\s+-\s+"
    rf"|,\s+(?=(?:{_JOINING})\b)"
    r"|\s+(?=(?:but|whereas|while|whilst|although|against)\b)"
    r"|(?P<and>\s+(?=and\b))",
    re.I,
)
_MIN_WORDS = 2


def _words(text: str) -> int:
    # index.text reads the lexicon's layout patterns: imported here, not at the top
    from index.text import ANSWER_STOPWORDS, letter_words

    return sum(len(w) > 2 and w not in ANSWER_STOPWORDS for w in letter_words(text))


def clause_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of ``text``, covering it from first to last character.

    A short piece joins the clause before it, or the one after it when it is a label
    ("Efficiency: requires improvement") or the sentence's lead-in ("In 2014, …")."""
    cuts, labels, ands = [0], set(), set()
    for match in _BOUNDARY.finditer(text):
        if match.start() > 0 and match.end() < len(text):
            cuts.append(match.start())
            if ":" in match.group():
                labels.add(match.start())
            if match["and"] is not None:
                ands.add(match.start())
    cuts.append(len(text))
    values = [s.start for s in (*dates(text), *grades(text), *quantities(text))]
    cuts = [
        cut
        for i, cut in enumerate(cuts)
        if cut not in ands
        or all(any(a <= v < b for v in values) for a, b in ((cuts[i - 1], cut), (cut, cuts[i + 1])))
    ]
    merged: list[tuple[int, int]] = []
    carry: int | None = None  # the start of a short piece waiting for what follows
    for start, end in zip(cuts, cuts[1:], strict=False):
        start = start if carry is None else carry
        carry = None
        short = _words(text[start:end]) < _MIN_WORDS
        if short and (not merged or end in labels) and end < len(text):
            carry = start
        elif short and merged:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged or [(0, len(text))]


def clauses(text: str) -> list[Span]:
    """Every CLAUSE, its value the clause's text without the joining punctuation."""
    spans = []
    for start, end in clause_bounds(text):
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip(" ;:,\u2013\u2014-"))
        trail = len(piece.rstrip(" ;:,\u2013\u2014-"))
        value = piece[lead:trail]
        spans.append(Span(Concept.CLAUSE, start + lead, start + trail, value, value))
    return spans

"""Clauses: the statements one sentence joins, each read with its own facts.

"Humberside was rated inadequate in 2015 and remained in special measures until 2018"
joins two statements; the grade goes with 2015, not with 2018. A sentence is cut at a
semicolon, a colon or a dash; before "but", "whereas", "while", "although", "against";
at a comma followed by a joining word ("and", "which", "after", "compared" …); and
before a bare "and" opening a statement ("and remained") when both sides state a value
of their own (a time, a grade, a quantity): "the leadership and culture needed" and
"good at preventing crime and anti-social behaviour in 2022" are one thing each. A
piece with fewer than two content words ("and 2016", "Efficiency") belongs to the
clause before it.
"""

from __future__ import annotations

import re

from index.lexicon.bodies import bodies
from index.lexicon.dates import dates
from index.lexicon.grades import grades
from index.lexicon.quantities import quantities
from index.lexicon.span import Concept, Span

# A bare "and" joins two statements when a verb, a pronoun or a determiner follows it
# ("and remained", "and found", "and the force"), not a noun ("and culture", "and
# anti-social behaviour").
_STARTS_STATEMENT = (
    r"\w+ed|\w+s|was|were|is|are|has|had|have|will|would|could|can|did|does|do|then|also"
    r"|found|made|gave|took|left|kept|held|met|saw|said|set|put|got|became|began|won|lost"
    r"|it|its|this|that|these|those|they|their|he|she|his|her|none|no|only|a|an|the"
)
_JOINING = (
    r"and|but|while|whilst|whereas|although|though|against|compared|which|who|when|where"
    r"|after|before|yet|so|as|with|despite|because"
)
_BOUNDARY = re.compile(
    r"\s*;\s*|(?<!\d):(?!\d)\s*|\s+[\u2013\u2014]\s+|\s+-\s+"
    rf"|,\s+(?=(?:{_JOINING})\b)"
    r"|\s+(?=(?:but|whereas|while|whilst|although|against)\b)"
    rf"|(?P<and>\s+(?=and\s+(?:{_STARTS_STATEMENT})\b))",
    re.I,
)
_MIN_WORDS = 2


def _named(text: str) -> list[tuple[int, int]]:
    """Where the text names a force or body: no clause ends inside "Devon and Cornwall"."""
    # index.forces reads the lexicon's layout patterns: imported here, not at the top
    from index.forces import force_spans

    return [(s, e) for s, e, _ in force_spans(text)] + [(b.start, b.end) for b in bodies(text)]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < position < end for start, end in spans)


def _values(text: str) -> list[int]:
    """Where the text states a time, a grade or a quantity."""
    said = [q for q in quantities(text) if q.detail != "place"]  # "first" says no value
    return [s.start for s in (*dates(text), *grades(text), *said)]


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
    named = _named(text)
    cuts = [cut for cut in cuts if not _inside(cut, named)]
    values = _values(text)
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


# What joins two statements of one sentence a claim makes: "…, and the force then …",
# and a bare "and" between two values ("made 16 recommendations and estimated £190m").
_STATEMENT_JOIN = re.compile(
    r"\s*;\s+|,\s+(?=(?:and|but|while|whilst|whereas|although|though|after which|then)\b)"
    r"|\s+(?=(?:and then|but|whereas|while|whilst|although)\b)"
    rf"|(?P<and>\s+(?=and\s+(?:{_STARTS_STATEMENT})\b))",
    re.I,
)


def statements(text: str) -> list[str]:
    """The statements a sentence joins ("X was graded good, and the force then opened
    two suites"), each saying something (two content words, or one and a value); else
    the sentence whole."""
    values = _values(text)
    pieces, start = [], 0
    named = _named(text) + [(q.start, q.end) for q in quantities(text)]  # "two and a half"
    joins = [m for m in _STATEMENT_JOIN.finditer(text) if not _inside(m.start(), named)]
    for i, match in enumerate(joins):
        end = joins[i + 1].start() if i + 1 < len(joins) else len(text)
        if match["and"] is not None and not (
            any(start <= v < match.start() for v in values)
            and any(match.end() <= v < end for v in values)
        ):
            continue
        before, after = (start, match.start()), (match.end(), len(text))
        if _says(text, values, *before) and _says(text, values, *after):
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def _says(text: str, values: list[int], start: int, end: int) -> bool:
    words = _words(text[start:end])
    return words >= _MIN_WORDS or (words >= 1 and any(start <= v < end for v in values))


# A name a text gives: a capitalised word ("Ashford", "Dover"); a force's or body's name
# and the months are the frame, not a name.
_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")


def names(text: str) -> set[str]:
    """The names a text gives, besides forces, bodies, months and a sentence's opening
    function word ("The", "In")."""
    # index.lexicon.dates holds the months, index.text the function words: imported
    # here, as _named imports the forces
    from index.lexicon.dates import MONTH_NAMES
    from index.text import ANSWER_STOPWORDS

    framed = _named(text)
    found = {m.group() for m in _NAME.finditer(text) if not _inside(m.start() + 1, framed)}
    return {n for n in found if n.lower() not in ANSWER_STOPWORDS} - set(MONTH_NAMES)

"""Which statement a figure belongs to, when a passage gives several of one kind.

A grade's tally goes with its grade: "good in four and adequate in three" does not state
"good in three". A figure goes with what its statement speaks of: when the sentence
qualifies what it counts ("… of cases involving repeat victims") and only a sentence
nearby speaks of that ("for repeat victims the figure was 40 per cent"), the nearby
sentence's figure is the one to compare.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.lexicon.clauses import clause_bounds
from index.lexicon.facts import (
    Fact,
    StatedFact,
    clean_text,
    compatible,
    rival_key,
    same_fact,
    stated_facts,
    topic_words,
)
from index.lexicon.grades import tallies

_AMOUNTS = (Fact.NUMBER, Fact.SHARE, Fact.MONEY)
_QUALIFIER_WORDS = 2  # topic words the passage lacks that a nearby statement must hold

Pair = tuple[StatedFact, StatedFact]


def tallied_otherwise(sentence: str, source: str) -> list[Pair]:
    """The sentence's counts of a grade the passage counts otherwise ("good in four" where
    it says "good in three and adequate in four"), with the passage's."""
    said, says = clean_text(sentence), clean_text(source)
    theirs: dict[str, list[int]] = {}
    for grade, _, start in tallies(says):
        theirs.setdefault(grade, []).append(start)
    mine_at = {f.start: f for f in stated_facts(sentence) if f.kind is Fact.NUMBER}
    source_at = {f.start: f for f in stated_facts(source) if f.kind is Fact.NUMBER}
    pairs = []
    for grade, _, start in tallies(said):
        mine = mine_at.get(start)
        counts = [source_at[s] for s in theirs.get(grade, []) if s in source_at]
        if mine is not None and counts and not any(same_fact(mine, c) for c in counts):
            pairs.append((mine, counts[0]))
    return pairs


def qualified_otherwise(
    topic: set[str], mine: Sequence[StatedFact], source: str, nearby: str
) -> list[Pair]:
    """The sentence's figures that a statement nearby gives otherwise, of the same thing
    (a word around them shared), when that statement holds the words qualifying what
    the sentence counts (two of its topic words the passage lacks), with its figure."""
    lacking = topic - topic_words(source)
    if len(lacking) < _QUALIFIER_WORDS:
        return []
    text = clean_text(nearby)
    pairs = []
    for start, end in clause_bounds(text):
        piece = text[start:end]
        if len(lacking & topic_words(piece)) < _QUALIFIER_WORDS:
            continue
        stated = [t for t in stated_facts(piece) if t.kind in _AMOUNTS]
        for fact in (f for f in mine if f.kind in _AMOUNTS):
            ours = [m for m in mine if rival_key(m) == rival_key(fact)]
            rivals = [
                t
                for t in stated
                if rival_key(t) == rival_key(fact)
                and t.context & fact.context
                and not any(compatible(m, t) for m in ours)
            ]
            if rivals:
                pairs.append((fact, rivals[0]))
    return pairs


# A figure of a whole ("80 per cent of all crime", "… of crime overall") and one of a
# part a sentence before has named ("80 per cent of these crimes", "… of them").
_OF_WHOLE = re.compile(r"^[^.;,]{0,25}?\b(?:of\s+all\b|overall\b|in\s+total\b)", re.I)
_OF_PART = re.compile(r"^[^.;,]{0,25}?\bof\s+(?:these|those|them|such)\b", re.I)


def of_a_part(sentence: str, source: str) -> list[StatedFact]:
    """The sentence's figures of a whole that the passage gives only as a figure of a
    part it named before ("of all crime" against "of these crimes"): not stated."""
    said, says = clean_text(sentence), clean_text(source)
    parts = [
        f for f in stated_facts(says) if f.kind in _AMOUNTS and _OF_PART.match(_after(says, f))
    ]
    return [
        f
        for f in stated_facts(said)
        if f.kind in _AMOUNTS
        and _OF_WHOLE.match(_after(said, f))
        and any(same_fact(f, p) for p in parts)
    ]


_ASIDE = re.compile(r"^\s*\([^()]*\)")  # "(plus or minus 4.5 percent)"


def _after(text: str, fact: StatedFact) -> str:
    """What follows a figure, less a bracketed aside right after it."""
    return _ASIDE.sub("", text[fact.start + len(fact.text) :]) if fact.start >= 0 else ""

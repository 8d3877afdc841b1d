"""One reading of a claim: the claim against one passage of one report, and what makes a
passage about the claim (its topic words, its point, its force)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from index.forces import NATIONAL
from index.lexicon.facts import (
    FRAME,
    Fact,
    FactCheck,
    StatedFact,
    same_fact,
    stated_facts,
    topic_words,
)
from index.sentences import chunk_units
from retrieval.answer.evidence import Evidence
from retrieval.check.results import ClaimVerdict


@dataclass(frozen=True)
class Reading:
    """A claim against some sentences of one report."""

    units: tuple[Evidence, ...]
    facts: FactCheck
    overlap: float  # share of the claim's topic words in the sentence, its neighbours, title
    similarity: float
    verdict: ClaimVerdict
    fit: float = 0.0  # how well the sentence alone matches: its topic words plus similarity


def share(topic: set[str], text: str) -> float:
    """The share of the topic words a text holds."""
    return len(topic & topic_words(text)) / len(topic) if topic else 0.0


def states_point(facts: FactCheck) -> bool:
    """Whether the passage speaks to what the claim says: when the claim states facts
    beyond its time and subject (a figure, a grade, a name), one of them is matched or
    stated otherwise; a passage giving none of them is about something else, whatever
    its time."""
    point = [f for f in _claimed(facts) if f.kind not in FRAME and not _describes(f)]
    if not point:
        return True
    stated = [*facts.matching, *(mine for mine, _ in facts.differing)]
    return any(f in stated for f in point)


def _describes(fact: StatedFact) -> bool:
    """A negation, or a place in a series ("its first inspection"), says how, not what."""
    place = fact.measure is not None and fact.measure.kind == "place"
    return place or fact.kind is Fact.NEGATION


def _claimed(facts: FactCheck) -> list[StatedFact]:
    return [*facts.matching, *(mine for mine, _ in facts.differing), *facts.absent]


def other_force(facts: FactCheck, forces: Sequence[str]) -> bool:
    """The evidence is about another force: the claim's force is absent from a report on
    other forces, or the sentence names another force."""
    if any(f.kind is Fact.FORCE for f in facts.absent):
        return bool(forces) and NATIONAL not in forces
    return any(mine.kind is Fact.FORCE for mine, _ in facts.differing)


def neighbours(item: Evidence) -> list[Evidence]:
    """The sentences right before and after ``item`` in its chunk."""
    units = chunk_units(item.hit.chunk)
    at = next((i for i, u in enumerate(units) if u.start == item.start), None)
    if at is None:
        return []
    near = units[max(0, at - 1) : at] + units[at + 1 : at + 2]
    return [replace(item, start=u.start, end=u.end, text=u.text) for u in near]


def adds(unit: Evidence, facts: FactCheck) -> bool:
    """Whether a neighbouring sentence states a matching fact (it is then cited too)."""
    stated = stated_facts(unit.text)
    return any(same_fact(f, s) for f in facts.matching for s in stated)

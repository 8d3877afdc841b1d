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
from index.lexicon.series import names_edition, titled_year
from index.sentences import Unit, chunk_units
from retrieval.answer.evidence import Evidence
from retrieval.check.results import ClaimVerdict, Difference


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


LIST_ITEMS = 6  # the items read after a sentence that opens a list ("… of the 12 made:")


@dataclass(frozen=True)
class Window:
    """What is read with a sentence: the list item that completes it (one statement
    with it) and the sentences around it, which may add facts but not differ."""

    joined: tuple[Evidence, ...]
    around: tuple[Evidence, ...]


def windows(item: Evidence) -> list[Window]:
    """The sentences read with ``item``, as a reader takes them for one statement: the
    one right before and the one right after it in its chunk (short ones included);
    a sentence opening a list with a colon is read with each of the list's first items
    in turn ("of the 12 recommendations:" + "7 had been met;"), never two."""
    units = chunk_units(item.hit.chunk, short=True)
    at = next((i for i, u in enumerate(units) if u.start == item.start), None)
    if at is None:
        return [Window((), ())]
    before = tuple(_as(item, u) for u in units[max(0, at - 1) : at])
    if not item.text.rstrip().endswith(":"):
        return [Window((), before + tuple(_as(item, u) for u in units[at + 1 : at + 2]))]
    items = [_as(item, u) for u in units[at + 1 : at + 1 + LIST_ITEMS]]
    return [Window((listed,), before) for listed in items] or [Window((), before)]


def _as(item: Evidence, unit: Unit) -> Evidence:
    return replace(item, start=unit.start, end=unit.end, text=unit.text)


def of_other_edition(facts: FactCheck, claim: str, text: str, title: str) -> FactCheck:
    """The check with the claim's year set against its report's title year when the claim
    names the report by title and year ("State of Policing 2023") and the passage, of
    another edition, does not name that edition itself (its publication date in 2023
    is no title's year)."""
    found = titled_year(claim, title)
    if found is None or found[0] not in facts.matching:
        return facts
    if names_edition(text, found[0], title):
        return facts
    matching = tuple(f for f in facts.matching if f != found[0])
    return FactCheck(matching, (*facts.differing, found), facts.absent)


def adds(unit: Evidence, facts: FactCheck) -> bool:
    """Whether a neighbouring sentence states a matching fact (it is then cited too)."""
    stated = stated_facts(unit.text)
    return any(same_fact(f, s) for f in facts.matching for s in stated)


def of_another_force(reading: Reading) -> bool:
    """A contradiction saying the same thing of another force."""
    differing = reading.facts.differing
    return (
        reading.verdict is ClaimVerdict.CONTRADICTED
        and bool(differing)
        and all(mine.kind is Fact.FORCE for mine, _ in differing)
    )


def difference(
    pair: tuple[StatedFact, StatedFact], reading: Reading, numbers: list[int | None]
) -> Difference:
    """The claim's fact against the report's, citing the sentence that states the report's
    (the first sentence read when it comes from the report's metadata)."""
    mine, theirs = pair
    cited = numbers[0]
    for unit, n in zip(reading.units, numbers, strict=True):
        if any(f.kind is theirs.kind and f.value == theirs.value for f in stated_facts(unit.text)):
            cited = n
            break
    return Difference(mine.kind.value, shown(mine), shown(theirs), cited)


def shown(fact: StatedFact) -> str:
    if fact.kind is Fact.NEGATION:
        return "says not" if fact.value == "negated" else "says so"
    return fact.text


def label(fact: StatedFact) -> str:
    return f"{fact.kind.value}: {fact.text}"

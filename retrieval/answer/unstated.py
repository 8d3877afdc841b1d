"""What a question asks its quotes to state (:func:`needs`: the kinds of fact, the holder
of an asked role, the day for "on what date"), and what the chosen quotes leave out
(:func:`unstated`): a lookup whose quotes leave out the kind of fact, the role's holder
or the count of a thing the question names is refused, saying which."""

from __future__ import annotations

import functools
from collections.abc import Callable

from index.lexicon.bodies import monitoring
from index.lexicon.facts import Fact
from index.lexicon.people import names_role
from index.records.events import revisit_asked, states_revisit
from retrieval.answer.evidence import Evidence
from retrieval.question.answer_types import asked, carries, counts_asked
from retrieval.question.reading import Question

Need = Callable[[Evidence], bool]


def unstated(question: Question, chosen: list[Evidence]) -> list[str]:
    """What the question asks that no chosen quote states (empty: all stated): the kind
    of fact, the role asked for ("who was the chief constable"), or the count of a thing
    the question names ("how many fire and rescue services": a number that counts them)."""
    facts = question.facts
    if facts and not any(c.fit > 0 for c in chosen):
        return [asked(facts)]
    role = question.role
    if role and not any(_names_holder(c, role) for c in chosen):
        return [f"the {role} asked for"]
    named = question.counted_name
    if named and not any(counts_asked(c.text, question.counted) for c in chosen):
        return [f"the number of {named} asked for"]
    return []


def needs(question: Question) -> list[Need]:
    """What a quote of the answer must state: each asked kind of fact, the holder of an
    asked role ("who was the chief constable"), what is looked for (a day)."""
    wanted: list[Need] = [
        _carrying(fact, question.counted)
        for fact in sorted(question.facts)  # a fixed order: the same answer in every process
    ]
    if question.role:
        wanted.append(functools.partial(_names_holder, role=question.role))
    return wanted + looks_for(question)


def looks_for(question: Question) -> list[Need]:
    """What a quote must state beyond the scored facts: "on what date" wants a day;
    "when did inspectors go back" a return, not the first visit's date (a return to
    Scan is no revisit)."""
    wanted = [_carrying(fact, question.counted) for fact in sorted(question.looked_for)]
    text = question.text
    if Fact.WHEN in question.facts and revisit_asked(text) and not monitoring(text):
        wanted.append(_telling_revisit)
    return wanted


def _telling_revisit(item: Evidence) -> bool:
    return states_revisit(item.text)


def _carrying(fact: Fact, counted: tuple[str, ...]) -> Need:
    return functools.partial(_carries, fact=fact, counted=counted)


def _names_holder(item: Evidence, role: str) -> bool:
    """Whether a quote names the role and states an asked fact (for "who": a person)."""
    return item.fit > 0 and names_role(item.text, role)


def _carries(item: Evidence, fact: Fact, counted: tuple[str, ...]) -> bool:
    return carries(item.text, fact, item.hit.meta.forces, counted)

"""What a question asks its quotes to state (:func:`needs`: the kind of fact, the holder
of an asked role, the day for "on what date"), and what the chosen quotes leave out
(:func:`unstated`): a lookup whose quotes leave out the kind of fact, the role's holder
or the count of a thing the question names is refused, saying which."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from index.lexicon.dates import states_day
from index.lexicon.people import names_role
from index.text import english_stemmer
from index.types import RefusalReason
from retrieval.answer_type import Fact, asks_day, carries, counts_asked, role_asked
from retrieval.coverage import key_terms
from retrieval.evidence import Evidence, Query


def unstated(question: str, query: Query, chosen: list[Evidence]) -> list[str]:
    """What the question asks that no chosen quote states (empty: all stated): the kind
    of fact, the role asked for ("who was the chief constable"), or the count of a thing
    the question names ("how many fire and rescue services": a number that counts them)."""
    facts = query.facts
    if facts and not any(c.fit > 0 for c in chosen):
        return [asked(facts)]
    role = _role(question, facts)
    if role and not any(_names_holder(c, role) for c in chosen):
        return [f"the {role} asked for"]
    named = _named_count(question, query.counted)
    if named and not any(counts_asked(c.text, query.counted) for c in chosen):
        return [f"the number of {named} asked for"]
    return []


def needs(question: str, query: Query) -> list[Callable[[Evidence], bool]]:
    """What a quote of the answer must state: each asked kind of fact, the holder of an
    asked role ("who was the chief constable"), a day for "on what date"."""
    wanted: list[Callable[[Evidence], bool]] = [
        functools.partial(_carries, fact=fact, counted=query.counted)
        for fact in sorted(query.facts)  # a fixed order: the same answer in every process
    ]
    role = _role(question, query.facts)
    if role:
        wanted.append(functools.partial(_names_holder, role=role))
    if asks_day(question):
        wanted.append(lambda e: states_day(e.text))
    return wanted


def _role(question: str, facts: frozenset[Fact]) -> str | None:
    """The role whose holder a "who" question asks for ("who was the chief constable")."""
    return role_asked(question) if Fact.WHO in facts else None


def _names_holder(item: Evidence, role: str) -> bool:
    """Whether a quote names the role and states an asked fact (for "who": a person)."""
    return item.fit > 0 and names_role(item.text, role)


def _carries(item: Evidence, fact: Fact, counted: tuple[str, ...]) -> bool:
    return carries(item.text, fact, item.hit.meta.forces, counted)


def _named_count(question: str, counted: tuple[str, ...]) -> str | None:
    """The name or service a "how many" question counts, when it is one the coverage
    check looks for ("fire and rescue services"); None for an ordinary noun."""
    stemmer = english_stemmer()
    for term in key_terms(question):
        if set(stemmer.stemWords(term.lower().split())) & set(counted):
            # as the question says it: "fire and rescue" + "services"
            said = re.search(re.escape(term) + r"(?:\s+[a-z]+s)?\b", question, re.I)
            return said.group(0) if said else term
    return None


def asked(facts: frozenset[Fact]) -> str:
    """What was asked, for a refusal: "the date or person asked for"."""
    names = {
        Fact.WHO: "person",
        Fact.WHEN: "date",
        Fact.NUMBER: "figure",
        Fact.SHARE: "percentage",
        Fact.GRADE: "grade",
        Fact.FORCE: "force",
        Fact.NAME: "name",
    }
    return "the " + " or ".join(sorted(names[f] for f in facts)) + " asked for"


def refusal_detail(reason: RefusalReason, missing: Sequence[str]) -> str:
    """Why a refusal refuses, for the reader: what the closest passages leave out, what
    no report covers, or that a prediction is asked."""
    detail = "The closest passages are listed under 'see also'."
    if reason is RefusalReason.FUTURE:
        return f"Reports record what inspections found, not how a later one will. {detail}"
    if missing and reason is RefusalReason.FACT_NOT_STATED:
        return f"The closest passages do not state {' or '.join(missing)}. {detail}"
    if missing:
        names = ", ".join(f"'{term}'" for term in missing)
        return f"The closest reports do not cover {names}. {detail}"
    return detail

"""One reading of a question: :class:`Question`, built once when an ask is planned.

Everything downstream (search, evidence scoring, the answer builders, the refusal gate,
the grades table) takes the Question instead of re-reading the raw text: its kind and
route, the facts it asks for, what "how many" counts, the role "who" asks about, its
parts, whether it predicts, the names, years and forces it names, what it asks of the
grades and facts tables and the filters it implies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.lexicon.facts import Fact
from index.lexicon.grades import grades_named
from index.types import Kind
from retrieval.question.answer_types import asked_facts, looked_for
from retrieval.question.fact_request import FactRequest, read_fact_request
from retrieval.question.grade_request import GradeRequest, grade_request
from retrieval.question.parts import part_queries
from retrieval.question.route import Route, asks_future, classify
from retrieval.question.terms import counted_name, counted_nouns, key_terms, role_asked, years_named
from retrieval.search.filters import Filters
from retrieval.search.inferred import infer_filters, with_follow_ups

_HOW = re.compile(r"\s*(?:how|compare)\b", re.I)  # "how did … change", "compare how …"


@dataclass(frozen=True)
class Question:
    """A question as the engine reads it."""

    text: str
    kind: Kind
    facts: frozenset[Fact]  # the kinds of fact its quotes are scored by
    looked_for: frozenset[Fact] = frozenset()  # asked, looked for, not scored (a day)
    counted: tuple[str, ...] = ()  # what "how many" counts, as stems
    counted_name: str | None = None  # a name or service it counts ("fire and rescue services")
    role: str | None = None  # the role whose holder "who" asks for ("chief constable")
    future: bool = False  # it asks how a later inspection will turn out
    key_terms: tuple[str, ...] = ()  # names and service topics it is about
    years: tuple[str, ...] = ()  # years it names that are no bound ("its 2024 inspection")
    forces: tuple[str, ...] = ()  # the forces it is about (explicit, else named)
    filters: Filters = Filters()  # explicit: they exclude
    inferred: Filters = Filters()  # read from the question: reports that fit rank first
    grades: GradeRequest | None = None  # what it asks of the grades table
    named_grades: frozenset[str] = frozenset()  # grades it names: a list's quotes must too
    fact_request: FactRequest | None = None  # what it asks of the facts table
    parts: tuple[Question, ...] = ()  # the parts of a question that asks two things

    @property
    def route(self) -> Route:
        """The grades table for a grade question, else sentences."""
        return Route.GRADES if self.grades is not None else Route.SENTENCES

    @property
    def day(self) -> bool:
        """Whether it asks on what day something happened."""
        return Fact.DATE in self.looked_for


def read_question(text: str, filters: Filters | None = None, kind: Kind | None = None) -> Question:
    """The question read once. Explicit ``filters`` exclude; the forces, report kinds and
    years it names are preferred; ``kind`` overrides the kind its wording gives.

    >>> read_question("Which forces lack specialist detectives?").kind
    <Kind.AGGREGATE: 'aggregate'>
    """
    explicit = filters or Filters()
    inferred = infer_filters(text).without(explicit)
    forces = explicit.forces or inferred.forces
    kind = kind or classify(text, forces_named=len(forces))
    if kind in (Kind.TREND, Kind.AGGREGATE):
        inferred = with_follow_ups(inferred)
    facts = _scored_facts(text, kind)
    counted = counted_nouns(text)
    return Question(
        text=text,
        kind=kind,
        facts=facts,
        looked_for=looked_for(text),
        counted=counted,
        counted_name=counted_name(text, counted) if counted else None,
        role=role_asked(text) if Fact.WHO in facts else None,
        future=asks_future(text),
        key_terms=tuple(key_terms(text)),
        years=tuple(years_named(text)),
        forces=forces,
        filters=explicit,
        inferred=inferred,
        grades=grade_request(text, kind, forces),
        named_grades=frozenset(grades_named(text)),
        fact_request=read_fact_request(text),
        parts=tuple(_part(part) for part in part_queries(text)),
    )


def _part(text: str) -> Question:
    """One part of a two-part question, read as a lookup of its own (its forces borrowed
    from the whole when it names none: see :func:`part_queries`)."""
    facts = asked_facts(text)
    counted = counted_nouns(text)
    return Question(
        text=text,
        kind=Kind.LOOKUP,
        facts=facts,
        looked_for=looked_for(text),
        counted=counted,
        forces=infer_filters(text).forces,
    )


def _scored_facts(text: str, kind: Kind) -> frozenset[Fact]:
    """What the quotes must carry; "how did … change / compare" is told by grades (a
    "what concerns did … have in common" question by its topic words)."""
    facts = asked_facts(text)
    if kind in (Kind.TREND, Kind.COMPARE) and not facts and _HOW.match(text):
        return frozenset({Fact.GRADE})
    return facts

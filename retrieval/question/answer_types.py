"""The answer types: what a question may ask for, the wording that asks it, what a quote
must state to answer it, and how a refusal names it when no quote does.

"When was … published?" wants a date, "on what date …?" a day, "how many …" a number,
"what was its budget?" an amount of money, "what proportion …" a share (a percentage or
a fraction, not just any number), "who
signed …" a named person, "how was … graded" an inspection grade, "which force …" a
force, "what was it called?" a name. What a quote states is read by the lexicon.

A new answer type is one entry of :data:`ANSWER_TYPES` (its cue, its test of a quote,
its name in a refusal, the facts a claim states that it answers), its lexicon rows
(tests/lexicon/cases.tsv) and its tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from index.forces import NATIONAL, find_forces
from index.lexicon.dates import dates, states_day
from index.lexicon.facts import Fact
from index.lexicon.grades import grades
from index.lexicon.numbers import counts, money, numbers, shares
from index.lexicon.people import has_name, has_person
from index.text import english_stemmer

# A quote's test: (text, the forces of its report, the stems "how many" counts).
Test = Callable[[str, tuple[str, ...], tuple[str, ...]], bool]


@dataclass(frozen=True)
class AnswerType:
    """One kind of answer a question may ask for."""

    fact: Fact
    cue: re.Pattern[str]  # question wording that asks for it
    noun: str  # what a refusal says the closest passages do not state: "the date asked for"
    carries: Test  # whether a quote states it
    fits: Test | None = None  # how a quote is scored for it, when not by ``carries``
    scored: bool = True  # in a quote's fit; an unscored type is looked for, not scored
    answers: frozenset[Fact] = frozenset()  # the facts a claim states that it is asked by


_OBJECT = r"\s+(?:it|them|him|her|the|its|their|this|that|(?-i:[A-Z]))"  # "rate" as a verb


def _counted(text: str, counted: tuple[str, ...]) -> bool:
    """Whether a number in ``text`` counts one of the ``counted`` stems."""
    return counts(text, counted, english_stemmer().stemWords)


def _figure(text: str, forces: tuple[str, ...], counted: tuple[str, ...]) -> bool:
    """A number (or share); for "how many X", one that counts X."""
    return _counted(text, counted) if counted else bool(numbers(text) or shares(text))


def _scored_figure(text: str, forces: tuple[str, ...], counted: tuple[str, ...]) -> bool:
    """For scoring, "how many crimes" is also carried by a figure in digits (the report
    may call the crimes "offences"), but not by "three pillars" or "ten months"."""
    return _figure(text, forces, ()) if not counted else _in_digits(text) or _counted(text, counted)


def _in_digits(text: str) -> bool:
    """A figure in digits or a share ("24,300", "38%", "one in five")."""
    return any(n.detail == "digits" for n in numbers(text)) or bool(shares(text))


def _force(text: str, forces: tuple[str, ...], counted: tuple[str, ...]) -> bool:
    """A quote from a report about one force answers "which force", or one naming a force."""
    return len([f for f in forces if f != NATIONAL]) == 1 or bool(find_forces(text))


ANSWER_TYPES: tuple[AnswerType, ...] = (
    AnswerType(
        Fact.WHEN,
        re.compile(
            r"^\s*when\b|\bwhen (?:was|were|did|is|will|had|has)\b|\b(?:what|which|on what) "
            r"(?:date|year|month|day)\b|\bpublication date\b|\bhow long ago\b",
            re.I,
        ),
        "date",
        lambda text, _, __: bool(dates(text)),
        answers=frozenset({Fact.YEAR, Fact.MONTH, Fact.DATE}),
    ),
    AnswerType(
        Fact.NUMBER,
        re.compile(
            r"\bhow (?:many|much|long|often|far)\b|\bby how much\b"
            r"|\bwhat (?:number|rate|figure|amount)\b"
            r"|\brates?\b(?!" + _OBJECT + r")",  # "the recording rate", not "rate the force"
            re.I,
        ),
        "figure",
        _figure,
        fits=_scored_figure,
        answers=frozenset({Fact.NUMBER}),
    ),
    AnswerType(
        Fact.SHARE,
        re.compile(
            # "what call-handling target percentage"; not "what did they share"
            r"\bwhat (?:(?!(?:did|does|do|was|is|were|are|has|have|had)\b)[\w-]+ ){0,3}"
            r"(?:proportion|percentage|fraction|per ?cent)\b"
            r"|\bwhat (?:\w+ )?share\b|\bwhat %",
            re.I,
        ),
        "percentage",
        lambda text, _, __: bool(shares(text)),
    ),
    AnswerType(
        # "what was Cleveland Police's annual budget", not "the impact of reduced funding"
        Fact.MONEY,
        re.compile(
            r"\bwhat (?:was|is|were|are)\s+"
            r"(?:the\s+|its\s+|their\s+|(?:[\w-]+\s+){0,2}[\w-]+['’]s\s+)?"
            r"(?:annual\s+|total\s+|yearly\s+|overall\s+)?(?:budget|spending|funding|cost)\b"
            r"|\bhow much (?:money|funding|did [^?]{0,60}\bcost)\b",
            re.I,
        ),
        "amount of money",
        lambda text, _, __: bool(money(text)),
    ),
    AnswerType(
        Fact.WHO,
        re.compile(
            r"\bwho(?:m|se)?\b|\bwhich (?:hm |his majesty's |her majesty's )?(?:inspectors?|chief "
            r"constables?|commissioners?|officers?|officials?|ministers?|mayors?|persons?|people|"
            r"leaders?)\b|\bname (?:of )?the (?:inspector|chief constable|commissioner)\b",
            re.I,
        ),
        "person",
        lambda text, _, __: has_person(text),
    ),
    AnswerType(
        # "What grade …", "how was … graded", "… grades", "PEEL results"; not "graded
        # judgments" named as a subject ("across which topics does it make graded judgments?").
        Fact.GRADE,
        re.compile(
            r"\b(?:what|which)\s+(?:\w+\s+){0,2}(?:grades?|ratings?|judge?ments?)\b"
            r"|\bhow\b[^?]{0,80}?\b(?:grade|graded|rated|judged|rate(?=" + _OBJECT + r"))\b"
            r"(?!\s+judge?ments?)"
            r"|\bgrades\b|\bgrading\b|\bresults\b|\binspection record\b",
            re.I,
        ),
        "grade",
        lambda text, _, __: bool(grades(text)),
        answers=frozenset({Fact.GRADE}),
    ),
    AnswerType(
        Fact.FORCE,
        re.compile(r"\bwhich (?:\w+ )?(?:police )?(?:force|constabulary|inspection)\b", re.I),
        "force",
        _force,
    ),
    AnswerType(
        Fact.NAME,
        re.compile(
            r"\bwhat (?:was|is|were|are) (?:the )?names?\b|\bwhat (?:was|is) (?:it|this|that|the "
            r"\w+(?: \w+)?) called\b|\bcalled what\b",
            re.I,
        ),
        "name",
        lambda text, _, __: has_name(text),
    ),
    AnswerType(
        # "On what date …?" wants the day: a quote giving only a year, month or season does
        # not answer it, and one giving the day is looked for (the date is scored by WHEN).
        Fact.DATE,
        re.compile(r"\b(?:what|which|exact) (?:date|day)\b", re.I),
        "day",
        lambda text, _, __: states_day(text),
        scored=False,
    ),
)
TYPES = MappingProxyType({t.fact: t for t in ANSWER_TYPES})


def asked_facts(question: str) -> frozenset[Fact]:
    """The kinds of fact a question asks for and its quotes are scored by (several for
    "who … and when …").

    >>> sorted(asked_facts("What proportion of calls were answered, and when?"))
    ['share', 'when']
    """
    return frozenset(t.fact for t in ANSWER_TYPES if t.scored and t.cue.search(question))


def looked_for(question: str) -> frozenset[Fact]:
    """The unscored kinds a question asks for: a quote stating them is looked for
    ("on what date": the day)."""
    return frozenset(t.fact for t in ANSWER_TYPES if not t.scored and t.cue.search(question))


def carries(
    text: str, fact: Fact, forces: tuple[str, ...] = (), counted: tuple[str, ...] = ()
) -> bool:
    """Whether ``text`` states a fact of this kind; a quote from a report about one
    force answers "which force" (``forces``: the report's, when it has one); a number
    answers "how many recommendations" when it counts them (``counted``)."""
    return TYPES[fact].carries(text, forces, counted)


def fit(
    text: str, facts: frozenset[Fact], forces: tuple[str, ...] = (), counted: tuple[str, ...] = ()
) -> float:
    """The share of the asked kinds of fact that ``text`` carries (1.0 when none is asked)."""
    if not facts:
        return 1.0
    fitting = (TYPES[f].fits or TYPES[f].carries for f in facts)
    return sum(test(text, forces, counted) for test in fitting) / len(facts)


def counts_asked(text: str, counted: tuple[str, ...]) -> bool:
    """Whether a number in ``text`` counts what a "how many" question counts (the
    question may name it in other words, so any number still carries a number)."""
    return bool(counted) and carries(text, Fact.NUMBER, counted=counted)


def states_figure(text: str) -> bool:
    """Whether ``text`` states a figure: a number that is no year, day, section number,
    ordinal or "one" ("from one year to the next"), or a share."""
    return any(n.value != 1 for n in numbers(text)) or bool(shares(text))


def asked(facts: frozenset[Fact]) -> str:
    """What was asked, for a refusal: "the date or person asked for"."""
    return "the " + " or ".join(sorted(TYPES[f].noun for f in facts)) + " asked for"


def answered_by(stated: Fact) -> Fact | None:
    """The kind of fact a claim asks of its quotes when it states ``stated`` (a year or
    a date asks for a date), or None when quotes need not carry it."""
    return next((t.fact for t in ANSWER_TYPES if stated in t.answers), None)

"""Reading a question by the kind of fact it asks for, and a passage by the facts it carries.

"When was … published?" wants a date, "how many …" a number, "what proportion …" a
share (a percentage or a fraction, not just any number), "who signed …" a named
person, "how was … graded" an inspection grade, "which force …" a force. A quote that
answers must carry the asked kind; :func:`carries` tells whether a text does.
"""

from __future__ import annotations

import re

from index.forces import NATIONAL, find_forces
from index.lexicon.dates import dates
from index.lexicon.facts import Fact
from index.lexicon.grades import grades
from index.lexicon.numbers import counts as lexicon_counts
from index.lexicon.numbers import numbers, shares
from index.lexicon.people import has_name, has_person, roles
from index.text import english_stemmer

_OBJECT = r"\s+(?:it|them|him|her|the|its|their|this|that|(?-i:[A-Z]))"  # "rate" as a verb

_ASKS: dict[Fact, re.Pattern[str]] = {
    Fact.WHEN: re.compile(
        r"^\s*when\b|\bwhen (?:was|were|did|is|will|had|has)\b|\b(?:what|which|on what) "
        r"(?:date|year|month|day)\b|\bpublication date\b|\bhow long ago\b",
        re.I,
    ),
    Fact.NUMBER: re.compile(
        r"\bhow (?:many|much|long|often|far)\b|\bby how much\b"
        r"|\bwhat (?:number|rate|figure|amount)\b"
        # money: "what was Cleveland Police's annual budget", not "the impact of funding"
        r"|\bwhat (?:was|is|were|are)\s+"
        r"(?:the\s+|its\s+|their\s+|(?:[\w-]+\s+){0,2}[\w-]+['’]s\s+)?"
        r"(?:annual\s+|total\s+|yearly\s+|overall\s+)?(?:budget|spending|funding)\b"
        r"|\brates?\b(?!" + _OBJECT + r")",  # "the recording rate", not "rate the force"
        re.I,
    ),
    Fact.SHARE: re.compile(
        r"\bwhat (?:\w+ )?(?:proportion|percentage|share|fraction|per ?cent)\b|\bwhat %", re.I
    ),
    Fact.WHO: re.compile(
        r"\bwho(?:m|se)?\b|\bwhich (?:hm |his majesty's |her majesty's )?(?:inspectors?|chief "
        r"constables?|commissioners?|officers?|officials?|ministers?|mayors?|persons?|people|"
        r"leaders?)\b|\bname (?:of )?the (?:inspector|chief constable|commissioner)\b",
        re.I,
    ),
    # "What grade …", "how was … graded", "… grades", "PEEL results"; not "graded judgments"
    # named as a subject ("across which topics does it make graded judgments?").
    Fact.GRADE: re.compile(
        r"\b(?:what|which)\s+(?:\w+\s+){0,2}(?:grades?|ratings?|judge?ments?)\b"
        r"|\bhow\b[^?]{0,80}?\b(?:grade|graded|rated|judged|rate(?=" + _OBJECT + r"))\b"
        r"(?!\s+judge?ments?)"
        r"|\bgrades\b|\bgrading\b|\bresults\b|\binspection record\b",
        re.I,
    ),
    Fact.FORCE: re.compile(
        r"\bwhich (?:\w+ )?(?:police )?(?:force|constabulary|inspection)\b", re.I
    ),
    Fact.NAME: re.compile(
        r"\bwhat (?:was|is|were|are) (?:the )?names?\b|\bwhat (?:was|is) (?:it|this|that|the "
        r"\w+(?: \w+)?) called\b|\bcalled what\b",
        re.I,
    ),
}

_HOW_MANY = re.compile(r"\bhow many\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?", re.I)
_NOT_COUNTED = frozenset(
    {"did", "do", "does", "was", "were", "are", "is", "had", "has", "have", "will", "would"}
    | {"of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "the", "a"}
    | {"times", "more", "fewer", "people"}
)


def asked_facts(question: str) -> frozenset[Fact]:
    """The kinds of fact a question asks for (several for "who … and when …").

    >>> sorted(asked_facts("What proportion of calls were answered, and when?"))
    ['share', 'when']
    """
    return frozenset(fact for fact, pattern in _ASKS.items() if pattern.search(question))


def counted_nouns(question: str) -> tuple[str, ...]:
    """What a "how many" question counts ("how many recommendations" → recommendations),
    as stems; empty when it names nothing ("how many were there").

    >>> counted_nouns("How many senior leaders did inspectors interview?")
    ('senior', 'leader')
    """
    match = _HOW_MANY.search(question)
    if not match:
        return ()
    if match.group(1).lower() in _NOT_COUNTED:
        return ()
    nouns = [w for w in match.groups() if w and w.lower() not in _NOT_COUNTED]
    return tuple(english_stemmer().stemWords([w.lower() for w in nouns]))


def _counts(text: str, counted: tuple[str, ...]) -> bool:
    """Whether a number in ``text`` counts one of the ``counted`` nouns ("made 12
    recommendations", "nine of its recommendations")."""
    return lexicon_counts(text, counted, english_stemmer().stemWords)


def carries(
    text: str, fact: Fact, forces: tuple[str, ...] = (), counted: tuple[str, ...] = ()
) -> bool:
    """Whether ``text`` states a fact of this kind; a quote from a report about one
    force answers "which force" (``forces``: the report's, when it has one); a number
    answers "how many recommendations" when it counts them (``counted``). The day of
    a date is no number."""
    if fact is Fact.FORCE and len([f for f in forces if f != NATIONAL]) == 1:
        return True
    if fact is Fact.WHEN:
        return bool(dates(text))
    if fact is Fact.SHARE:
        return bool(shares(text))
    if fact is Fact.NUMBER:
        return _counts(text, counted) if counted else bool(numbers(text) or shares(text))
    if fact is Fact.GRADE:
        return bool(grades(text))
    if fact is Fact.FORCE:
        return bool(find_forces(text))
    if fact is Fact.WHO:
        return has_person(text)
    return has_name(text)


def states_figure(text: str) -> bool:
    """Whether ``text`` states a figure: a number that is no year, day, section number,
    ordinal or "one" ("from one year to the next"), or a share."""
    return any(n.value != 1 for n in numbers(text)) or bool(shares(text))


def _in_digits(text: str) -> bool:
    """A figure in digits or a share ("24,300", "38%", "one in five")."""
    return any(n.detail == "digits" for n in numbers(text)) or bool(shares(text))


_ASKS_DAY = re.compile(r"\b(?:what|which|exact) (?:date|day)\b", re.I)


def asks_day(question: str) -> bool:
    """Whether a question asks for the day something happened ("on what date …?"): a
    quote giving only the year or "the summer of 2022" does not answer it."""
    return bool(_ASKS_DAY.search(question))


def fit(
    text: str, facts: frozenset[Fact], forces: tuple[str, ...] = (), counted: tuple[str, ...] = ()
) -> float:
    """The share of the asked kinds of fact that ``text`` carries (1.0 when none is asked).

    A "how many crimes" question (``counted``) is carried by a figure in digits (the
    report may name the crimes "offences") or by a number in words that counts them:
    "three pillars" or "ten months" is no count of crimes."""
    if not facts:
        return 1.0
    return sum(_fits(text, fact, forces, counted) for fact in facts) / len(facts)


def _fits(text: str, fact: Fact, forces: tuple[str, ...], counted: tuple[str, ...]) -> bool:
    if fact is not Fact.NUMBER or not counted:
        return carries(text, fact, forces)
    return _in_digits(text) or _counts(text, counted)


def counts_asked(text: str, counted: tuple[str, ...]) -> bool:
    """Whether a number in ``text`` counts what a "how many" question counts (the
    question may name it in other words, so any number still carries a number)."""
    return bool(counted) and carries(text, Fact.NUMBER, counted=counted)


_ROLE_CUE = re.compile(r"\b(?:who (?:is|was|were|are) (?:the )?|which |name (?:of )?the )", re.I)


def role_asked(question: str) -> str | None:
    """The role whose holder a "who" question asks for ("who was the chief constable"):
    a role right after "who was the", "which" or "the name of the"."""
    starts = {cue.end() for cue in _ROLE_CUE.finditer(question)}
    found = [span for span in roles(question) if span.start in starts]
    return found[0].value if found else None

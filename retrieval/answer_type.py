"""Reading a question by the kind of fact it asks for, and a passage by the facts it carries.

"When was … published?" wants a date, "how many …" a number, "what proportion …" a
share (a percentage or a fraction, not just any number), "who signed …" a named
person, "how was … graded" an inspection grade, "which force …" a force. A quote that
answers must carry the asked kind; :func:`carries` tells whether a text does.
"""

from __future__ import annotations

import re
from enum import StrEnum

from index.dates import MONTH_NAMES
from index.forces import NATIONAL, find_forces
from index.text import english_stemmer
from retrieval.people import has_name, has_person


class Fact(StrEnum):
    WHO = "who"
    WHEN = "when"
    NUMBER = "number"
    SHARE = "share"
    GRADE = "grade"
    FORCE = "force"
    NAME = "name"


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

_MONTHS = "|".join(MONTH_NAMES)  # capitalised full names: "may" in a sentence is no date
_NUMERIC_DATE = r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # "05/08/2022"
_DATE = re.compile(rf"\b(?:19|20)\d\d\b|\b(?:{_MONTHS})\b|{_NUMERIC_DATE}")
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred|thousand|million|half|third|quarter|dozen"
)
_NUMBER = re.compile(  # not a year, nor the end of a year label ("2018/19")
    rf"(?<![\d/-])(?!(?:19|20)\d\d\b)\d[\d,.]*(?:\s*(?:%|per\s?cent))?|\b(?:{_NUMBER_WORDS})\b",
    re.I,
)
# A share: "38%", "36.6 per cent", "one in five", "nine out of ten", "half", "two-thirds".
_SHARE = re.compile(
    rf"\d[\d,.]*\s*(?:%|per\s?cent\b|percentage points?\b)"
    rf"|\b(?:\d+|{_NUMBER_WORDS})\s+(?:in|out of)\s+(?:every\s+)?"
    rf"(?:(?!(?:19|20)\d\d\b)\d+|{_NUMBER_WORDS})\b"
    r"|\b(?:half|(?:a|one|two)[- ]thirds?|(?:a|one|three)[- ]quarters?|a (?:fifth|tenth))\b",
    re.I,
)
# "11. Conclusion", "2.3 Findings", a list's "3. the number of …" or "4) …"
_SECTION_NUMBER = re.compile(r"(?m)^\s*(?:\d+(?:\.\d+)*\.?\s+(?=[A-Z])|\d+[.)]\s+)")
# The day of a date: "16 November 2021", "November 16", "1st of May".
_DAY = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b|\b(?:{_MONTHS})\s+\d{{1,2}}\b"
)
_HOW_MANY = re.compile(r"\bhow many\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?", re.I)
_NOT_COUNTED = frozenset(
    {"did", "do", "does", "was", "were", "are", "is", "had", "has", "have", "will", "would"}
    | {"of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "the", "a"}
    | {"times", "more", "fewer", "people"}
)
_COUNT_REACH = 4  # words after a number that may name what it counts
GRADES = re.compile(
    r"\b(outstanding|good|adequate|requir(?:es|ed|ing|e) improvement|inadequate)\b",
    re.IGNORECASE,
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
    stemmer = english_stemmer()
    for match in _NUMBER.finditer(text):
        following = re.findall(r"[a-z][a-z-]*", text[match.end() : match.end() + 60].lower())
        if set(stemmer.stemWords(following[:_COUNT_REACH])) & set(counted):
            return True
    return False


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
        return bool(_DATE.search(text))
    if fact is Fact.SHARE:
        return bool(_SHARE.search(text))
    if fact is Fact.NUMBER:
        plain = _without_days(text)
        return _counts(plain, counted) if counted else bool(_NUMBER.search(plain))
    if fact is Fact.GRADE:
        return bool(GRADES.search(text))
    if fact is Fact.FORCE:
        return bool(find_forces(text))
    if fact is Fact.WHO:
        return has_person(text)
    return has_name(text)


# A figure a finding is told by: digits (not a year, a day or a section number), a share,
# or a count in words ("three causes of concern"); not "one year to the next" or "third".
_COUNT_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozen)\b",
    re.I,
)
_DIGITS = re.compile(r"(?<![\d/-])(?!(?:19|20)\d\d\b)\d[\d,.]*")


def states_figure(text: str) -> bool:
    """Whether ``text`` states a figure: a number that is no year, day or section number."""
    plain = _without_days(text)
    return _in_digits(plain) or bool(_COUNT_WORDS.search(plain))


def _without_days(text: str) -> str:
    """``text`` less its section and list numbers and the days of its dates."""
    return _DAY.sub(" ", _SECTION_NUMBER.sub("", text))


def _in_digits(plain: str) -> bool:
    """A figure in digits or a share ("24,300", "38%", "one in five")."""
    return bool(_DIGITS.search(plain) or _SHARE.search(plain))


_ASKS_DAY = re.compile(r"\b(?:what|which|exact) (?:date|day)\b", re.I)


def asks_day(question: str) -> bool:
    """Whether a question asks for the day something happened ("on what date …?"): a
    quote giving only the year or "the summer of 2022" does not answer it."""
    return bool(_ASKS_DAY.search(question))


def states_day(text: str) -> bool:
    """Whether ``text`` gives a day: "5 August 2022", "August 5", "05/08/2022"."""
    return bool(_DAY.search(text) or re.search(_NUMERIC_DATE, text))


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
    plain = _without_days(text)
    return _in_digits(plain) or _counts(plain, counted)


def counts_asked(text: str, counted: tuple[str, ...]) -> bool:
    """Whether a number in ``text`` counts what a "how many" question counts (the
    question may name it in other words, so any number still carries a number)."""
    return bool(counted) and carries(text, Fact.NUMBER, counted=counted)


def grades_named(text: str) -> set[str]:
    """The inspection grades a text names ("inadequate", "requires improvement"...)."""
    return {
        "requires improvement" if g.lower().startswith("requir") else g.lower()
        for g in GRADES.findall(text)
    }

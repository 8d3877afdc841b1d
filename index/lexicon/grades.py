"""Inspection grades as words: GRADE spans with the canonical grade, and GRADING cues.

The grades: outstanding, good, adequate, requires improvement, inadequate (PEEL
2014–2019 graded on four points, without adequate). "required improvement",
"requiring improvement" and "require improvement" are the one grade "requires
improvement". Whether a grade word gives a grade ("graded good") or only names one
("good practice") is for the reader of the sentence (index.grades, ui.trend_chart);
GRADING marks the words that give grades: "graded", "judged", "rated", "ratings".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.lexicon.numbers import NUMBER_WORDS, number_value
from index.lexicon.span import Concept, Span

GRADES: tuple[str, ...] = ("outstanding", "good", "adequate", "requires improvement", "inadequate")
GRADE_RANK = {grade: len(GRADES) - i for i, grade in enumerate(GRADES)}  # outstanding 5 … 1

# A grade as written; the named group that matched gives the canonical grade (grade_of).
GRADE_PATTERN = (
    r"(?P<outstanding>outstanding)|(?P<good>good)|(?P<inadequate>inadequate)"
    r"|(?P<adequate>adequate)|(?P<ri>requir(?:es|ed|ing|e)\s+improvement)"
)
# The same without groups, for patterns that hold a grade twice.
GRADE_WORDS = r"outstanding|good|inadequate|adequate|requir(?:es|ed|ing|e)\s+improvement"
# Grades as a table's cell or a PDF row writes them, capitalised: "Requires improvement".
TITLE_GRADES = "|".join(sorted((g.capitalize() for g in GRADES), key=len, reverse=True))
# Words that give a grade: "graded", "judged", "rated", "assessed as", "the ratings".
GRADING = r"grad(?:e|es|ed|ing)|judg(?:e|ed|ing|ements?|ments?)|rated|ratings?|assessed\s+as"
_GROUP_GRADE = {
    "outstanding": "outstanding",
    "good": "good",
    "inadequate": "inadequate",
    "adequate": "adequate",
    "ri": "requires improvement",
}
_GRADE = re.compile(rf"\b(?:{GRADE_PATTERN})\b", re.I)
_GRADING = re.compile(rf"\b(?:{GRADING})\b", re.I)


def grade_of(match: re.Match[str]) -> str:
    """The canonical grade named by a match of a pattern that embeds GRADE_PATTERN."""
    groups = match.groupdict()
    return next(grade for name, grade in _GROUP_GRADE.items() if groups.get(name))


def canonical_grade(word: str) -> str | None:
    """The canonical grade a word or phrase names ("Required improvement"), else None."""
    match = _GRADE.fullmatch(" ".join(word.split()))
    return grade_of(match) if match else None


def grades(text: str) -> list[Span]:
    """Every GRADE word, value the canonical grade."""
    return [
        Span(Concept.GRADE, m.start(), m.end(), m.group(), grade_of(m))
        for m in _GRADE.finditer(text)
    ]


# "a good example", "an outstanding example": a grade word describing a thing
# with an article before it, not a grade given ("a good grade" names one).
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s+(?:very\s+)?$", re.I)
_GRADE_NOUN_AFTER = re.compile(r"\s+(?:grade|grading|rating|judgment|judgement|overall)\b", re.I)


# A grade word before a noun describes it ("good practice", "outstanding performance");
# a grade given is followed by what it grades ("good at", "good for", "good overall"),
# by a count or another clause, or ends the phrase.
_GIVEN_BEFORE = (
    r"at|for|in|on|overall|and|or|but|across|with|to|when|by|from|as|than|because|after"
    r"|before|since|while|whereas|if|under|against|is|was|were|are|has|had|have|be|been"
    r"|it|its|this|that|which|who|the|a|an|grades?|grading|ratings?|judge?ments?|improvement"
    r"|last|next|each|every|both|all|again|too|also|then|now|still|once|overall|areas?|forces?"
)
_NOUN_AFTER = re.compile(rf"\s+(?!(?:{_GIVEN_BEFORE})\b)[a-z]{{3,}}\b")
# A grade of a share of cases ("practice was good in 53 per cent of cases") is not the
# subject's grade.
_SHARE_AFTER = re.compile(r"\s+in\s+(?:only\s+)?\d+(?:\.\d+)?\s*(?:per\s*cent|percent|%)", re.I)


def describes(text: str, span: Span) -> bool:
    """Whether a GRADE span of ``text`` only describes a thing ("good practice", "delivers
    a good service", "good in 40 per cent of cases"; not "rated as an outstanding force",
    "good at preventing crime")."""
    if not span.text[:1].isupper() and _NOUN_AFTER.match(text, span.end):
        return True
    if _SHARE_AFTER.match(text, span.end):
        return True
    window = max(0, span.start - 12)
    before = _ARTICLE_BEFORE.search(text[window : span.start])
    if before is None or _GRADE_NOUN_AFTER.match(text, span.end):
        return False
    article = window + before.start()
    return not _GRADING.search(text[max(0, article - 20) : article])


# A grade's tally: "good in four (areas)", "**good** in four", "three 'outstanding'".
_COUNT = rf"\d{{1,3}}(?![\d,]|\.\d)|{NUMBER_WORDS}"  # "in 11." ends a sentence
_TALLY_AFTER = re.compile(
    rf"(?:\*{{1,2}}|_{{1,2}}|['\u2019\"\u201d])?\s+in\s+(?P<n>{_COUNT})\b"
    r"(?!\s+(?:per\s*cent|percent|%))",
    re.I,
)
_TALLY_BEFORE = re.compile(rf"\b(?P<n>{_COUNT})\s+['\u2018\u2019\"]?$", re.I)


def tallies(text: str) -> list[tuple[str, str, int]]:
    """(grade, count as written, where the count starts) for each grade a text counts
    ("good in four and adequate in one of the five areas"; "three 'outstanding'")."""
    found = []
    for span in grades(text):
        after = _TALLY_AFTER.match(text, span.end)
        before = _TALLY_BEFORE.search(text[max(0, span.start - 12) : span.start])
        if after:
            found.append((span.value, after["n"], after.start("n")))
        elif before:
            found.append((span.value, before["n"], max(0, span.start - 12) + before.start("n")))
    return found


def grades_named(text: str) -> set[str]:
    """The canonical grades a text names."""
    return {span.value for span in grades(text)}


def gradings(text: str) -> list[Span]:
    """Every word that gives a grade ("graded", "judgement", "rated")."""
    return [
        Span(Concept.GRADING, m.start(), m.end(), m.group(), m.group().lower())
        for m in _GRADING.finditer(text)
    ]


# How many areas a report graded: "graded the force in nine areas of policing", "across
# 10 areas", "made graded judgments in nine"; the verb that makes it a grading.
_AREAS = re.compile(
    rf"\b(?:in|across)\s+(?P<n>{_COUNT})\s+(?:(?:graded|policing|key)\s+)?areas\b"
    rf"|\bgraded\s+judg(?:e)?ments?\s+in\s+(?P<m>{_COUNT})\b",
    re.I,
)
_ASSESSING = re.compile(rf"\b(?:{GRADING}|assess(?:ed|es|ing)?|inspected)\b", re.I)
# "the top grade in six areas": a tally of a grade the sentence does not name.
_GRADE_NOUN_BEFORE = re.compile(r"\bgrades?\s*$", re.I)
# What else a sentence may count: "examined 81 cases, rating practice good in nine …".
_OTHER_UNITS = re.compile(
    rf"\b(?:{_COUNT})\s+(?:\w+\s+)?(?:cases|crimes|files|incidents|records|calls)\b", re.I
)
# A profile of some areas only: "the remaining seven graded areas", "the other areas".
_PART_OF = re.compile(r"\b(?:remaining|other)\s+(?:\w+\s+){0,2}areas\b", re.I)
# "inadequate in six of eleven areas": the tally and the whole it is part of.
_OF_WHOLE = re.compile(rf"\s+of\s+(?:the\s+)?(?P<n>{_COUNT})\b", re.I)


@dataclass(frozen=True)
class Profile:
    """How a sentence counts a report's grades: the areas graded and each grade's tally."""

    areas: int  # the areas graded, as stated, else the tallies' sum
    tallies: tuple[tuple[str, int], ...]


def grade_profile(sentence: str) -> Profile | None:
    """The grade profile a sentence that grades states: the number of areas graded
    ("graded the force in nine areas"), or two tallies or more ("graded good in two
    areas, adequate in four"), or a tally of a stated whole ("inadequate in six of eleven
    areas"); None otherwise ("audited 30 cases: 12 good …" grades no areas; "the
    remaining areas: two good …" counts some)."""
    if (
        not _ASSESSING.search(sentence)
        or _PART_OF.search(sentence)
        or _OTHER_UNITS.search(sentence)
    ):
        return None
    found = tallies(sentence)
    counted = [(grade, n) for grade, written, _ in found if (n := _whole_number(written))]
    tallied = {at for _, _, at in found}  # "good in two areas" is a tally, not the whole
    totals = [
        _whole_number(m["n"] or m["m"])
        for m in _AREAS.finditer(sentence)
        if (m.start("n") if m["n"] else m.start("m")) not in tallied
        and not _GRADE_NOUN_BEFORE.search(sentence[: m.start()])
    ]
    wholes = (_OF_WHOLE.match(sentence, at + len(written)) for _, written, at in found)
    totals += [_whole_number(whole["n"]) for whole in wholes if whole]
    stated = [n for n in totals if n]
    if stated:
        return Profile(stated[-1], tuple(counted))
    if len(counted) >= 2:
        return Profile(sum(n for _, n in counted), tuple(counted))
    return None


def _whole_number(written: str) -> int | None:
    value = number_value(written)
    return int(value) if value is not None and value == int(value) else None

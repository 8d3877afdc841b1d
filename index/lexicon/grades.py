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


def grades_named(text: str) -> set[str]:
    """The canonical grades a text names."""
    return {span.value for span in grades(text)}


def gradings(text: str) -> list[Span]:
    """Every word that gives a grade ("graded", "judgement", "rated")."""
    return [
        Span(Concept.GRADING, m.start(), m.end(), m.group(), m.group().lower())
        for m in _GRADING.finditer(text)
    ]

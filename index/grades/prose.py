"""Grades stated in running prose: a grade word used as a grade (cued, not negated, counted
or attributive) and the areas it governs.

"was graded inadequate at X", "is good at X and Y", "X was judged adequate", "found X
outstanding", "the inadequate areas were (included) X and Y", "rated 'good' overall",
"received an overall judgment of inadequate", "graded inadequate in each of the three
pillars".
"""

from __future__ import annotations

import re

import index.grades.vocabulary as vocab
from index.grades.common import GRADE, GradeHit, areas, is_cdi_report, overall_area
from index.grades.vocabulary import CDI, Span
from index.lexicon.bodies import names_other_inspectorate
from index.lexicon.grades import grade_of
from index.types import DocumentMeta

_MAX_GAP = 80  # characters between an area and the grade after it ("X was graded good")
_CDI_CUE = re.compile(r"\b(?:graded?|rated|judged)\b", re.I)


def prose_hits(text: str, start: int, end: int, meta: DocumentMeta) -> list[GradeHit]:
    """Each cued grade of a sentence with the areas it governs: the areas right after it
    ("good at X and Y"), else those just before it ("X was graded good"); with none, an
    overall judgement ("rated good overall", "an overall judgment of inadequate")."""
    sentence = text[start:end]
    found = areas(sentence, meta)
    words = [m for m in GRADE.finditer(sentence) if not _inside(m.start(), found)]
    hits: list[GradeHit] = []
    claimed: set[int] = set()
    shared: list[Span] = []  # "X, graded A before, was now B": B shares A's areas
    grades = _cued(sentence, words, found)
    for i, grade in enumerate(grades):
        chosen = _governed(sentence, grades, i, found)
        lo = max((m.end() for m in words if m.end() <= grade.start()), default=0)
        hi = min((m.start() for m in words if m.start() >= grade.end()), default=len(sentence))
        if chosen is None:
            chosen = shared = [
                a
                for a in found
                if lo <= a[0]
                and a[1] <= grade.start()
                and a[0] not in claimed
                and grade.start() - a[1] <= _MAX_GAP
            ] or shared
        else:
            shared = []
        if not chosen and is_cdi_report(meta) and _CDI_CUE.search(sentence[: grade.start()]):
            chosen = [(0, 0, (CDI,))]
        if not chosen and _overall(sentence, grade):
            chosen = [(0, 0, overall_area(meta))]
        claimed |= {a[0] for a in chosen}
        clause = (start + lo, start + hi)
        hits += [
            GradeHit(a[2], grade_of(grade), start + grade.start(), clause=clause) for a in chosen
        ]
    return hits


def _overall(sentence: str, grade: re.Match[str]) -> bool:
    """Whether a grade is an overall judgement: "good overall", "an overall judgment of
    inadequate", "overall grade: good"."""
    return bool(
        vocab.OVERALL_AFTER.match(_after(sentence, grade))
        or vocab.OVERALL_BEFORE.search(sentence[: grade.start()])
    )


def _governed(sentence: str, grades: list[re.Match[str]], i: int, found: list[Span]) -> list | None:
    """The areas a grade governs after it, up to the next grade or "but", else None."""
    grade, after = grades[i], _after(sentence, grades[i])
    were = vocab.AREAS_BEFORE.search(sentence[: grade.start()]) and vocab.WERE.match(after)
    if not (vocab.GOVERNS.match(after) or vocab.AREAS_WERE.match(after) or were):
        return None
    later = [  # the next grade word, cued or not ("… and good management of …")
        m.start() for m in GRADE.finditer(sentence, grade.end()) if not _inside(m.start(), found)
    ]
    limit = later[0] if later else len(sentence)
    but = re.search(r"\sbut\s", sentence[grade.end() : limit])
    limit = grade.end() + but.start() if but else limit
    return [a for a in found if grade.end() <= a[0] < limit] or None


def _cued(sentence: str, words: list[re.Match[str]], found: list[Span]) -> list[re.Match[str]]:
    """The grade words used as grades: cued, and not negated, counted or attributive."""
    cued: list[re.Match[str]] = []
    for match in words:
        before, after = sentence[: match.start()], _after(sentence, match)
        clause = re.split(r"[;:\u2013\u2014]|\sbut\s", before)[-1][-50:]
        areas_were = bool(
            vocab.AREAS_WERE.match(after)
            or (vocab.AREAS_BEFORE.search(before) and vocab.WERE.match(after))
        )
        # "one good grade" is a count; "the three inadequate areas included X" names them
        if vocab.BLOCKED.search(clause) or (vocab.TALLY.search(before[-12:]) and not areas_were):
            continue
        if vocab.INTENSIFIED.search(before[-16:]):
            continue
        if names_other_inspectorate(before):
            continue
        if match.group().lower() == "outstanding" and vocab.PENDING.search(
            before[-60:] + after[:30]
        ):
            continue  # "recommendations still outstanding"
        if not (vocab.NEXT_OK.match(after) or areas_were):
            continue
        # a grade leading its sentence is a list item ("Good at preventing crime")
        self_cued = bool(cued) or match.group().lower().startswith("requir") or not before.strip()
        listed = self_cued and bool(vocab.GOVERNS.match(after))
        if vocab.STRONG_CUE.search(before) or vocab.WEAK_CUE.search(before) or listed or areas_were:
            cued.append(match)
    return cued


def _after(sentence: str, grade: re.Match[str]) -> str:
    """The text after a grade word, past a closing quote ("rated 'good' for")."""
    return re.sub(r"^['\u2019\"\u201d]", "", sentence[grade.end() :])


def _inside(position: int, found: list[Span]) -> bool:
    return any(a[0] <= position < a[1] for a in found)

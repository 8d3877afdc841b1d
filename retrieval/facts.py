"""The facts a sentence states, and whether a passage states them too.

Numbers (figures and number words), years (a span such as "2018/19" is one fact), month
names, inspection grades and forces are read from text; :func:`compare_facts` sorts a
sentence's facts into those a passage shares, those it states otherwise ("12" where the
passage says "13" recommendations) and those it lacks, and compares negation. The support
check for generated sentences (:mod:`retrieval.support`) and the claim checker
(:mod:`retrieval.check`) both use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from index.counts import NUMBER_WORDS
from index.dates import MONTH_NAMES
from index.forces import NATIONAL, find_forces
from index.text import ANSWER_STOPWORDS, english_stemmer, letter_words
from index.types import DocumentMeta
from retrieval.answer_type import GRADES

if TYPE_CHECKING:
    from Stemmer import Stemmer

MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")  # a [n] citation marker: never a fact
NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|without|cannot)\b|n[’']t\b", re.I)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer:
    return english_stemmer()


def content_stems(text: str) -> set[str]:
    """Stemmed content words of a text (function and framing words left out)."""
    words = [w for w in letter_words(text) if len(w) > 1 and w not in ANSWER_STOPWORDS]
    return set(_stemmer().stemWords(words))


def meta_text(meta: DocumentMeta) -> str:
    """A report's own metadata as text: title, force and publication date ("5 August 2022")."""
    published = meta.published
    if published and len(published) == 10:
        year, month, day = published.split("-")
        published = f"{int(day)} {MONTH_NAMES[int(month) - 1]} {year}"
    return " ".join(filter(None, [meta.title, meta.force, published]))


class FactKind(StrEnum):
    NUMBER = "number"
    YEAR = "year"
    MONTH = "month"
    GRADE = "grade"
    FORCE = "force"
    NEGATION = "negation"


@dataclass(frozen=True)
class StatedFact:
    """A checkable fact a text states: its kind, its normalised value, its wording and the
    stems of the words around it (which pair a claim's figure with the report's)."""

    kind: FactKind
    value: str
    text: str
    context: frozenset[str] = frozenset()

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind.value, "value": self.value, "text": self.text}


@dataclass(frozen=True)
class FactCheck:
    """A sentence's facts against a passage: those it shares, those stated otherwise there
    (the sentence's fact, the passage's), and those the passage does not mention."""

    matching: tuple[StatedFact, ...] = ()
    differing: tuple[tuple[StatedFact, StatedFact], ...] = ()
    absent: tuple[StatedFact, ...] = ()

    @property
    def agrees(self) -> bool:
        return not self.differing and not self.absent


_SECTION_NUMBER = re.compile(r"(?m)^\s*\d+(?:\.\d+)*\.?\s+(?=[A-Za-z])")  # "3.2 Custody"
_YEARS = re.compile(
    r"(?<![\d.,])((?:19|20)\d\d)(?:\s*[/\u2013\u2014-]\s*((?:19|20)?\d\d))?(?!\d|,\d)"
)
_FIGURE = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)(\s*(?:%|per ?cent\b|percent\b))?", re.I)
_COUNTED = {w: n for w, n in NUMBER_WORDS.items() if n > 1}  # "no", "a", "one" say too little
_NUMBER_WORD = re.compile(rf"\b({'|'.join(_COUNTED)})\b", re.I)
_MONTH = re.compile(rf"\b({'|'.join(MONTH_NAMES)})\b")  # capitalised: "may" is no month


def negated(text: str) -> bool:
    """Whether a text carries a negation ("not", "no", "never", "n't", ...)."""
    return NEGATION.search(MARKER.sub(" ", text)) is not None


def _context(text: str, start: int, end: int, span: int = 3) -> frozenset[str]:
    """Stems of the content words right before and right after ``text[start:end]``."""
    before = [
        w for w in letter_words(text[max(0, start - 80) : start]) if w not in ANSWER_STOPWORDS
    ]
    after = [w for w in letter_words(text[end : end + 80]) if w not in ANSWER_STOPWORDS]
    cut_before = start > 80 and text[start - 81].isalpha()
    cut_after = end + 80 < len(text) and text[end + 80].isalpha()
    words = before[int(cut_before) :][-span:] + after[: len(after) - int(cut_after)][:span]
    return frozenset(_stemmer().stemWords(words))


def _years(text: str) -> Iterable[tuple[str, int, int]]:
    """Each year or span of years a text names ("2018/19" -> "2018-2019"), with its span."""
    for match in _YEARS.finditer(text):
        first, last = int(match.group(1)), match.group(2)
        end = int(last) if last and len(last) == 4 else first // 100 * 100 + int(last or 0)
        span = f"{first}-{end}" if first < end <= first + 5 else str(first)
        yield span, match.start(), match.end()


def _year_set(value: str) -> set[int]:
    first, _, last = value.partition("-")
    return set(range(int(first), int(last or first) + 1))


def stated_facts(text: str) -> list[StatedFact]:
    """The numbers, years, months, grades and forces a text states, in order of kind."""
    text = _SECTION_NUMBER.sub(" ", MARKER.sub(" ", text))
    facts: list[StatedFact] = []
    taken: list[tuple[int, int]] = []
    for years, start, end in _years(text):
        facts.append(StatedFact(FactKind.YEAR, years, text[start:end]))
        taken.append((start, end))
    for match in _FIGURE.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        value = match.group(1).replace(",", "").rstrip(".")
        context = _context(text, match.start(), match.end()) | (
            {"percent"} if match.group(2) else set()
        )
        facts.append(StatedFact(FactKind.NUMBER, value, match.group().strip(), context))
    for match in _NUMBER_WORD.finditer(text):
        value = str(_COUNTED[match.group(1).lower()])
        context = _context(text, match.start(), match.end())
        facts.append(StatedFact(FactKind.NUMBER, value, match.group(1), context))
    for match in _MONTH.finditer(text):
        facts.append(StatedFact(FactKind.MONTH, match.group(1), match.group(1)))
    for grade in GRADES.finditer(text):
        facts.append(StatedFact(FactKind.GRADE, _grade(grade.group(1)), grade.group(1)))
    facts += [StatedFact(FactKind.FORCE, force, force) for force in find_forces(text)]
    return facts


def _grade(word: str) -> str:
    return "requires improvement" if word.lower().startswith("requir") else word.lower()


def same_fact(mine: StatedFact, theirs: StatedFact) -> bool:
    """Whether a passage's fact (``theirs``) states a sentence's (``mine``): same kind and
    value; a span of years ("2018/19") is stated by any year in it, but a single year only
    by itself, not by a span that contains it."""
    if mine.kind is not theirs.kind:
        return False
    if mine.kind is FactKind.YEAR and "-" in mine.value:
        return bool(_year_set(mine.value) & _year_set(theirs.value))
    return mine.value == theirs.value


def compare_facts(
    sentence: str,
    source: str,
    background: str = "",
    forces: Sequence[str] = (),
    *,
    nearby: str = "",
    both_ways: bool = False,
) -> FactCheck:
    """The sentence's facts against a passage, the ``background`` and ``forces`` of its
    report (title, date) and ``nearby`` text (the sentences around the passage).

    A fact the passage or its background states matches. Otherwise it differs when the
    passage itself states another of the same kind (a figure must also share a word around
    it: "12 recommendations" / "13 recommendations"); failing that it matches when nearby
    text states it, and is absent when nothing does. A negation differs when only the
    sentence has one or, with ``both_ways``, when only the passage does.
    """
    mine = _unique(stated_facts(sentence))
    theirs = stated_facts(source)
    known = theirs + stated_facts(background)
    known += [StatedFact(FactKind.FORCE, f, f) for f in forces if f != NATIONAL]
    close = stated_facts(nearby)
    matching, differing, absent = [], [], []
    for fact in mine:
        if any(same_fact(fact, t) for t in known):
            matching.append(fact)
        elif other := _rival(fact, theirs, [m for m in mine if m.kind is fact.kind]):
            differing.append((fact, other))
        elif any(same_fact(fact, t) for t in close):
            matching.append(fact)
        else:
            absent.append(fact)
    said, says = negated(sentence), negated(source)
    if said != says and (said or both_ways):
        mark = StatedFact(FactKind.NEGATION, "negated" if said else "affirmed", "not")
        theirs_mark = StatedFact(FactKind.NEGATION, "negated" if says else "affirmed", "")
        differing.append((mark, theirs_mark))
    return FactCheck(tuple(matching), tuple(differing), tuple(absent))


def _unique(facts: list[StatedFact]) -> list[StatedFact]:
    seen: set[tuple[FactKind, str]] = set()
    kept = []
    for fact in facts:
        if (fact.kind, fact.value) not in seen:
            seen.add((fact.kind, fact.value))
            kept.append(fact)
    return kept


def _rival(
    fact: StatedFact, passage: list[StatedFact], stated: list[StatedFact]
) -> StatedFact | None:
    """The passage's fact that states otherwise what the sentence's fact states, if any."""
    spare = [t for t in passage if t.kind is fact.kind and not any(same_fact(m, t) for m in stated)]
    if fact.kind is FactKind.NUMBER:
        spare = [t for t in spare if t.context & fact.context]
        spare.sort(key=lambda t: len(t.context & fact.context), reverse=True)
    return spare[0] if spare else None

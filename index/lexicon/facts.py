"""The kinds of fact, the facts a sentence states, and whether a passage states them too.

:class:`Fact` names every kind of fact once: what a question asks for (who, when, a
number, a share, a grade, a force, a name) and what a sentence states, more finely
(a year, a month, a full date, a negation). :func:`stated_facts` reads a sentence's
numbers (figures and number words), dates (a day, "5 August 2022" and "05.08.2022"
alike), years (a span such as "2018/19" is one fact), months, grades and forces through
the lexicon; :func:`compare_facts` sorts them into those a passage shares, those it
states otherwise ("12" where the passage says "13" recommendations) and those it lacks,
and compares negation. The support check for generated sentences
(:mod:`retrieval.answer.support`) and the claim checker (:mod:`retrieval.check.checker`)
both use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from index.forces import NATIONAL, find_forces
from index.lexicon.dates import MONTH_NAMES, dates, years
from index.lexicon.grades import grades
from index.lexicon.layout import strip_markers, without_layout
from index.lexicon.negation import negated
from index.lexicon.numbers import numbers, shares
from index.lexicon.span import inside
from index.text import ANSWER_STOPWORDS, english_stemmer, letter_words
from index.types import DocumentMeta

if TYPE_CHECKING:
    from Stemmer import Stemmer


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


class Fact(StrEnum):
    """A kind of fact: asked for by a question, stated by a sentence."""

    WHO = "who"  # a person
    WHEN = "when"  # a time at any precision (asked); stated as a year, month or date
    NUMBER = "number"
    SHARE = "share"
    MONEY = "money"  # asked: an amount of money
    GRADE = "grade"
    FORCE = "force"
    NAME = "name"
    YEAR = "year"  # stated: a year or a span of years ("2018/19")
    MONTH = "month"  # stated: a month's name
    DATE = "date"  # stated: a day ("5 August 2022", "05.08.2022", "16 November")
    NEGATION = "negation"


@dataclass(frozen=True)
class StatedFact:
    """A checkable fact a text states: its kind, its normalised value, its wording and the
    stems of the words around it (which pair a claim's figure with the report's)."""

    kind: Fact
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


def _year_set(value: str) -> set[int]:
    first, _, last = value.partition("-")
    return set(range(int(first), int(last or first) + 1))


def stated_facts(text: str) -> list[StatedFact]:
    """The dates, years, numbers, months, grades and forces a text states, in that
    order; a full date is one fact (its year and month are not stated apart)."""
    text = without_layout(strip_markers(text))
    days = [d for d in dates(text) if d.detail == "day"]
    facts = [StatedFact(Fact.DATE, str(d.value), d.text) for d in days]
    facts += [
        StatedFact(Fact.YEAR, y.value, y.text) for y in years(text) if not inside(y.start, days)
    ]
    percents = [s for s in shares(text) if s.detail in ("percent", "points")]
    found = [n for n in numbers(text) if n.detail == "digits" or n.value not in (0, 1)]
    for number in sorted(found, key=lambda n: (n.detail != "digits", n.start)):
        context = _context(text, number.start, number.end)
        if inside(number.start, percents):
            context |= {"percent"}
        facts.append(StatedFact(Fact.NUMBER, _shown(number.value), number.text, context))
    facts += [
        StatedFact(Fact.MONTH, MONTH_NAMES[m.value.month - 1], m.text)
        for m in dates(text)
        if m.detail == "month"
    ]
    facts += [StatedFact(Fact.GRADE, g.value, g.text) for g in grades(text)]
    facts += [StatedFact(Fact.FORCE, force, force) for force in find_forces(text)]
    return facts


def _shown(value: float | None) -> str:
    """A number as a fact's value: "2000", "36.6"."""
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else str(value)


def same_fact(mine: StatedFact, theirs: StatedFact) -> bool:
    """Whether a passage's fact (``theirs``) states a sentence's (``mine``): same kind and
    value; a span of years ("2018/19") is stated by any year in it, but a single year only
    by itself, not by a span that contains it; a year or a month by a date in it."""
    if theirs.kind is Fact.DATE and mine.kind in (Fact.YEAR, Fact.MONTH):
        return _in_date(mine, theirs.value)
    if mine.kind is not theirs.kind:
        return False
    if mine.kind is Fact.YEAR and "-" in mine.value:
        return bool(_year_set(mine.value) & _year_set(theirs.value))
    if mine.kind is Fact.DATE and mine.value.startswith("--"):  # "16 November": any year
        return theirs.value.endswith(mine.value[1:])
    return mine.value == theirs.value


def _in_date(mine: StatedFact, day: str) -> bool:
    """Whether a year or a month is the year or month of a date ("2022-08-05")."""
    if mine.kind is Fact.YEAR:
        return bool(day[:4].isdigit() and int(day[:4]) in _year_set(mine.value))
    return day[-5:-3] == f"{MONTH_NAMES.index(mine.value) + 1:02d}"


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
    known += [StatedFact(Fact.FORCE, f, f) for f in forces if f != NATIONAL]
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
        mark = StatedFact(Fact.NEGATION, "negated" if said else "affirmed", "not")
        theirs_mark = StatedFact(Fact.NEGATION, "negated" if says else "affirmed", "")
        differing.append((mark, theirs_mark))
    return FactCheck(tuple(matching), tuple(differing), tuple(absent))


def _unique(facts: list[StatedFact]) -> list[StatedFact]:
    seen: set[tuple[Fact, str]] = set()
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
    if fact.kind is Fact.NUMBER:
        spare = [t for t in spare if t.context & fact.context]
        spare.sort(key=lambda t: len(t.context & fact.context), reverse=True)
    return spare[0] if spare else None

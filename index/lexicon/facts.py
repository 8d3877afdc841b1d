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

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from index.forces import force_spans
from index.lexicon.dates import compared_time, dates, written_date, years
from index.lexicon.grades import GRADING, describes, grades
from index.lexicon.layout import strip_markers, without_layout
from index.lexicon.people import people_in_roles, speakers, surname
from index.lexicon.quantities import Quantity, quantities
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
    return set(content_words(text))


def topic_words(text: str) -> set[str]:
    """What a text is about, as stems: its content words, a word giving a grade read as
    one ("rated", "judged", "assessed as" are "graded")."""
    return content_stems(_GRADING.sub("graded", text))


def content_words(text: str) -> list[str]:
    """The stemmed content words of a text, in order."""
    words = [w for w in letter_words(text) if len(w) > 1 and w not in ANSWER_STOPWORDS]
    return _stemmer().stemWords(words)


def meta_text(meta: DocumentMeta) -> str:
    """A report's own metadata as text: title, force and publication date ("5 August 2022")."""
    published = meta.published
    if published and len(published) == 10:
        published = written_date(published)
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
    MONTH = "month"  # stated: a month, of a year ("2022-05") or not ("--05", "in March")
    DATE = "date"  # stated: a day ("5 August 2022", "05.08.2022", "16 November")
    DURATION = "duration"  # stated: a length of time ("two years", "a six-month deadline")
    NEGATION = "negation"


# What a sentence is about and when, as against what it says of them: a clause that
# states none of these takes them from the clause before it.
FRAME = frozenset({Fact.YEAR, Fact.MONTH, Fact.DATE, Fact.FORCE})
_QUANTITY_FACT = {
    "count": Fact.NUMBER,
    "times": Fact.NUMBER,
    "place": Fact.NUMBER,
    "share": Fact.SHARE,
    "points": Fact.SHARE,
    "money": Fact.MONEY,
    "duration": Fact.DURATION,
}


@dataclass(frozen=True)
class StatedFact:
    """A checkable fact a text states: its kind, its normalised value, its wording and the
    stems of the words around it (which pair a claim's figure with the report's)."""

    kind: Fact
    value: str
    text: str
    context: frozenset[str] = frozenset()
    start: int = field(default=-1, compare=False)  # where it is stated (-1: not known)
    measure: Quantity | None = None  # a number's kind and amount
    role: str = ""  # a person's role, as the text gives it
    speaker: bool = False  # a person who says the statement ("according to …", "… said")

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


_GRADING = re.compile(rf"\b(?:{GRADING})\b", re.I)
_ASIDE = re.compile(r"\s*\([^()]*\)")
_ELIDED = re.compile(r"\s+(?:of|in|for)\b", re.I)  # "its third for the force"
_PHRASE_END = re.compile(r"[,;:.!?()\u2013\u2014]|\s-\s")


# Words that say nothing of what a quantity counts ("12 of the 48 files").
_FUNCTION_WORD_TEXT = """
a an the of in on at to for and or by with from its their his her this that these those
was were is are be been being had has have it they them as than more less
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_TEXT.split())


def _context(text: str, start: int, end: int, *, place: bool = False) -> frozenset[str]:
    """What a quantity measures: the stems of up to four words after it, to the end of
    its phrase, asides in brackets left out ("13 recommendations", "12 of the 48 case
    files", "21 police forces", "the third PEEL (police …) assessment");
    when none follow ("the total was 13."), up to three before it, and those too for a
    place whose noun is left out ("the inspection was its third for the force")."""
    rest = _ASIDE.sub(" ", text[end:])  # "third PEEL (police …) assessment"
    stop = _PHRASE_END.search(rest)
    after = _stems(rest[: stop.start() if stop else len(rest)])[:4]
    before = _stems(text[max(0, start - 80) : start])[-3:]
    if place and _ELIDED.match(rest):
        return frozenset(after + before)
    return frozenset(after or before)


def _stems(text: str) -> list[str]:
    words = [w for w in letter_words(text) if len(w) > 1 and w not in _FUNCTION_WORDS]
    return _stemmer().stemWords(words)


def clean_text(text: str) -> str:
    """The text facts are read from: citation markers and layout numbers left out."""
    return without_layout(strip_markers(text))


def stated_facts(text: str) -> list[StatedFact]:
    """The dates, years, quantities, months, grades, forces and people a text states, in
    that order; a full date or a month is one fact (its year is not stated apart); each
    quantity is of its kind (a count, a duration, a share, money). ``start`` is the
    fact's place in :func:`clean_text` of ``text``. A new list each call (the facts
    themselves are frozen): checking a claim reads the same passages many times."""
    return list(_stated_facts(text))


@lru_cache(maxsize=8192)
def _stated_facts(text: str) -> tuple[StatedFact, ...]:
    return tuple(_read_facts(text))


def _read_facts(text: str) -> list[StatedFact]:
    text = clean_text(text)
    days = [d for d in dates(text) if d.detail == "day"]
    months = [m for m in dates(text) if m.detail == "month"]
    facts = [StatedFact(Fact.DATE, str(d.value), d.text, start=d.start) for d in days]
    facts += [
        StatedFact(Fact.YEAR, y.value, y.text, start=y.start)
        for y in years(text)
        if not inside(y.start, [*days, *months])
    ]
    facts = [f for f in facts if not compared_time(text, f.start)]  # "more than in 2019"
    found = [
        q
        for q in quantities(text)
        if q.detail != "count" or q.text[:1].isdigit() or q.value.amount not in (0, 1)
    ]
    for quantity in sorted(found, key=lambda q: (not q.text[:1].isdigit(), q.start)):
        place = quantity.value.kind == "place"
        context = _context(text, quantity.start, quantity.end, place=place)
        kind = _QUANTITY_FACT[quantity.detail]
        value = _shown(quantity.value.amount) if kind is Fact.NUMBER else str(quantity.value)
        facts.append(
            StatedFact(kind, value, quantity.text, context, quantity.start, quantity.value)
        )
    facts += [
        StatedFact(Fact.MONTH, str(m.value), m.text, start=m.start)
        for m in months
        if not compared_time(text, m.start)
    ]
    facts += [
        StatedFact(Fact.GRADE, g.value, g.text, start=g.start)
        for g in grades(text)
        if not describes(text, g)
    ]
    seen: set[str] = set()
    for start, _, force in force_spans(text):
        facts.append(StatedFact(Fact.FORCE, force, force, start=start))
        seen.add(force)
    persons = people_in_roles(text)
    spoken = {s.start for s in speakers(text, persons)}
    facts += [
        StatedFact(
            Fact.WHO,
            surname(p.value),
            p.value,
            start=p.start,
            role=p.detail,
            speaker=p.start in spoken,
        )
        for p in persons
    ]
    return facts


def _shown(value: float | tuple[float, float] | None) -> str:
    """A number as a fact's value: "2000", "36.6"."""
    if value is None or isinstance(value, tuple):
        return str(value)
    return str(int(value)) if value == int(value) else str(value)


TIMES = (Fact.YEAR, Fact.MONTH, Fact.DATE)


def same_fact(mine: StatedFact, theirs: StatedFact) -> bool:
    """Whether a passage's fact (``theirs``) states a sentence's (``mine``): same kind and
    value; a time by a time within it ("2022" by "5 August 2022", "May 2022" by "21 May
    2022"; a span of years "2018/19" by any year in it, but a single year not by a span
    that holds it); a quantity by one of its kind and amount ("a fifth", "20 per cent");
    a person by their surname."""
    if mine.kind in TIMES and theirs.kind in TIMES:
        return _within(time_parts(theirs), time_parts(mine), span=mine.kind is Fact.YEAR)
    if mine.kind is not theirs.kind:
        return False
    if mine.measure is not None and theirs.measure is not None:
        return mine.measure.agrees(theirs.measure)
    return mine.value == theirs.value


def compatible(mine: StatedFact, theirs: StatedFact) -> bool:
    """Whether two facts may both hold: the same fact, or times that overlap ("2022" and
    "2021/22", "May 2022" and "2022", "in March" and "2021")."""
    if mine.kind in TIMES and theirs.kind in TIMES:
        one, other = time_parts(mine), time_parts(theirs)
        return all(
            a is None or b is None or bool(set(a) & set(b)) for a, b in zip(one, other, strict=True)
        )
    return same_fact(mine, theirs) or same_fact(theirs, mine)


def rival_key(fact: StatedFact) -> tuple[str, str]:
    """Facts with one key state the same thing: a year, month or date says when; a count
    and a count how many; a duration is never set against a date, nor a share a count."""
    if fact.kind in TIMES:
        return ("when", "")
    return (fact.kind.value, fact.measure.kind if fact.measure else "")


_Parts = tuple[tuple[int, ...] | None, tuple[int, ...] | None, tuple[int, ...] | None]


def names_time(claimed: StatedFact, stated: StatedFact) -> bool:
    """Whether ``stated`` says the time ``claimed`` gives, in every part it gives ("2
    March 2017" names "2 March"; "2017" does not, nor does "March")."""
    return all(
        a is None or (b is not None and bool(set(a) & set(b)))
        for a, b in zip(time_parts(claimed), time_parts(stated), strict=True)
    )


def time_parts(fact: StatedFact) -> _Parts:
    """A time's years, month and day (None where it does not say): "2018-2019",
    "2022-05", "--11-16" (16 November of some year)."""
    if fact.kind is Fact.YEAR:
        first, _, last = fact.value.partition("-")
        return tuple(range(int(first), int(last or first) + 1)), None, None
    year, _, rest = fact.value.partition("-") if fact.value[:1] != "-" else ("", "", fact.value[2:])
    month, _, day = rest.partition("-")
    return tuple((int(p),) if p else None for p in (year, month, day))  # type: ignore[return-value]


def _within(inner: _Parts, outer: _Parts, *, span: bool) -> bool:
    """Whether a time (``inner``) lies within another: each part the outer names, the
    inner names too and the same (any year of a span of years will do)."""
    for part, (a, b) in enumerate(zip(inner, outer, strict=True)):
        if b is None:
            continue
        if a is None:
            return False
        if part == 0 and span and len(b) > 1:
            if not set(a) & set(b):
                return False
        elif not set(a) <= set(b):
            return False
    return True

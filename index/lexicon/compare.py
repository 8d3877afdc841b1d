"""Whether a passage states a sentence's facts: clause by clause, negation in its scope.

A sentence (a claim, a generated sentence) is compared with a passage as a reader would:

- the passage's *anchor* is its clause that best holds the sentence's topic words and
  facts; a clause takes the time and force of the clause before it when it names none
  ("In 2014 Gwent was rated good for legitimacy and required improvement for
  efficiency": the second clause is about 2014 too);
- a fact the anchor states matches; one the anchor states otherwise differs ("2018"
  where the anchor says "rated inadequate in 2015");
- a fact stated only in another clause matches when that clause states nothing against
  the sentence, and differs when it does ("53 per cent" is of one inspection, "29 per
  cent in the inspection of January 2017" of another): facts are never joined across
  statements;
- a length of time the passage does not give is stated when two of its times (or the
  sentence's own) lie that far apart ("about two years": "March 2019" to "February 2021");
- the report's metadata (title, force, date) and the sentences around the passage may
  add facts but never state one otherwise;
- a negation counts only when it governs the sentence's own statement: it stands in
  the clause holding the topic and its scope holds the topic's words or facts. "Short
  of officers" denies as "did not have enough officers" does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from index.forces import NATIONAL
from index.lexicon.clauses import clause_bounds, names
from index.lexicon.elapsed import spanned
from index.lexicon.facts import (
    FRAME,
    TIMES,
    Fact,
    FactCheck,
    StatedFact,
    clean_text,
    compatible,
    content_stems,
    content_words,
    rival_key,
    same_fact,
    stated_facts,
    topic_words,
)
from index.lexicon.negation import NEGATION_WORDS, negations
from index.lexicon.pairing import of_a_part, qualified_otherwise, tallied_otherwise

_WHEN = ("when", "")  # the rival key of a time
_HEAD = 3  # the words of a negation's scope that say what it denies

# Whom a statement is about: named in another clause, still the same subject.
_WHO_AND_WHERE = frozenset({Fact.WHO, Fact.FORCE})


@dataclass(frozen=True)
class Clause:
    """One statement of a passage: its own facts, the time and force it takes from the
    clauses before it, and its content words (stemmed)."""

    start: int
    end: int
    facts: tuple[StatedFact, ...]
    frame: tuple[StatedFact, ...]  # inherited time and force
    stems: frozenset[str]

    @property
    def stated(self) -> tuple[StatedFact, ...]:
        return self.facts + self.frame


def topic_stems(sentence: str, facts: Sequence[StatedFact] | None = None) -> set[str]:
    """A sentence's content words (stemmed), less its facts (a place in a series, which
    describes, stays) and its negations."""
    facts = stated_facts(sentence) if facts is None else facts
    stated = content_stems(" ".join(f.text for f in facts if _checked_when_absent(f)))
    return topic_words(sentence) - stated - NEGATION_WORDS


def read_clauses(text: str) -> list[Clause]:
    """The clauses of a text, each with its facts; a clause naming no time or force takes
    those of the nearest clause before it that does."""
    text = clean_text(text)
    facts = stated_facts(text)
    clauses: list[Clause] = []
    when: tuple[StatedFact, ...] = ()
    force: tuple[StatedFact, ...] = ()
    for start, end in clause_bounds(text):
        own = tuple(f for f in facts if start <= f.start < end)
        own_when = tuple(f for f in own if f.kind in FRAME and f.kind is not Fact.FORCE)
        own_force = tuple(f for f in own if f.kind is Fact.FORCE)
        frame = (() if own_when else when) + (() if own_force else force)
        clauses.append(Clause(start, end, own, frame, frozenset(topic_words(text[start:end]))))
        when, force = own_when or when, own_force or force
    return clauses


def _rival(
    fact: StatedFact, stated: Sequence[StatedFact], mine: Sequence[StatedFact], strict: bool
) -> StatedFact | None:
    """A fact of ``stated`` that says otherwise what ``fact`` says: same key, not
    compatible with any of the sentence's facts of that key. ``strict``: a count, share,
    sum or length of time must also share a word around it ("12 recommendations" / "13
    recommendations"; not "led the force for five years" / "delayed by 12 months")."""
    key = rival_key(fact)
    ours = [m for m in mine if rival_key(m) == key]
    spare = [
        t
        for t in stated
        if rival_key(t) == key
        and not any(compatible(m, t) for m in ours)
        and not (t.kind is Fact.WHO and not _same_part(fact, t))
    ]
    if strict and fact.kind in (Fact.NUMBER, Fact.SHARE, Fact.MONEY, Fact.DURATION):
        spare = [t for t in spare if t.context & fact.context]
        spare.sort(key=lambda t: len(t.context & fact.context), reverse=True)
    return spare[0] if spare else None


def _same_part(mine: StatedFact, theirs: StatedFact) -> bool:
    """Two people who may be set against each other: in one role, or both the one who
    says the statement ("Chief Constable Ann Smith said" / "according to Mr Jones")."""
    return bool(mine.role and theirs.role == mine.role) or (mine.speaker and theirs.speaker)


def _states(clause: Clause, fact: StatedFact) -> bool:
    return any(same_fact(fact, t) for t in clause.stated)


def _fit(clause: Clause, topic: set[str], mine: Sequence[StatedFact]) -> int:
    return len(topic & clause.stems) + sum(_states(clause, f) for f in mine)


def anchor_of(clauses: Sequence[Clause], topic: set[str], mine: Sequence[StatedFact]) -> Clause:
    """The clause that best holds the sentence's topic words and facts (the first of equals)."""
    return max(clauses, key=lambda c: _fit(c, topic, mine))


def compare_facts(
    sentence: str,
    source: str,
    background: str = "",
    forces: Sequence[str] = (),
    *,
    nearby: str = "",
    both_ways: bool = False,
) -> FactCheck:
    """The sentence's facts against a passage (``source``), read clause by clause; the
    ``background`` and ``forces`` of its report (title, date) and ``nearby`` text (the
    sentences around the passage) may add facts. A negation differs when only the
    sentence's statement is negated or, with ``both_ways``, when only the passage's is.
    """
    mine = _unique(stated_facts(sentence))
    topic = topic_stems(sentence, mine)
    clauses = _about(read_clauses(source), clean_text(source), clean_text(sentence))
    anchor = anchor_of(clauses, topic, mine)
    others = [c for c in clauses if c is not anchor]
    around = read_clauses(nearby) if nearby.strip() else []
    known = stated_facts(background)
    known += [StatedFact(Fact.FORCE, f, f) for f in forces if f != NATIONAL]
    matching, differing, absent = [], [], []
    for fact in mine:
        found = _compared(fact, mine, anchor, others, known, around)
        if found is None and _checked_when_absent(fact):
            absent.append(fact)
        elif found is None:
            continue
        elif found is True:
            matching.append(fact)
        else:
            differing.append(found)
    for pair in tallied_otherwise(sentence, source):
        if all(pair[0] != mine for mine, _ in differing):
            matching = [f for f in matching if f != pair[0]]
            differing.append(pair)
    for mine_fact, _ in tallied_otherwise(sentence, nearby):  # adds nothing it counts otherwise
        if mine_fact in matching:
            matching.remove(mine_fact)
            absent.append(mine_fact)
    for part in of_a_part(sentence, source):  # "of all crime" against "of these crimes"
        if part in matching:
            matching.remove(part)
            absent.append(part)
    for pair in qualified_otherwise(topic, mine, source, nearby):
        if pair[0] in matching:  # the figure is of what only the sentence nearby speaks of
            matching.remove(pair[0])
            differing.append(pair)
    polarity = _polarity(sentence, source, topic, mine, clauses)
    if polarity is not None and (polarity[0] or both_ways):
        said, says = polarity
        mark = StatedFact(Fact.NEGATION, "negated" if said else "affirmed", "not")
        theirs_mark = StatedFact(Fact.NEGATION, "negated" if says else "affirmed", "")
        differing.append((mark, theirs_mark))
    return FactCheck(tuple(matching), tuple(differing), tuple(absent))


def _about(clauses: list[Clause], text: str, sentence: str) -> list[Clause]:
    """The clauses that may speak of the sentence's subject: when one names a thing the
    sentence names ("Ashford, 20 detectives"), not those naming only other things
    ("Dover, 12 detectives")."""
    own = names(sentence)
    named = [names(text[c.start : c.end]) for c in clauses]
    if not any(own & n for n in named):
        return clauses
    said = sentence.lower()
    return [
        c
        for c, n in zip(clauses, named, strict=True)
        if own & n or all(w.lower() in said for w in n)
    ]


def _checked_when_absent(fact: StatedFact) -> bool:
    """Whether a passage must state the fact to support the sentence: a name given no
    role is only a word of the topic, and a place in a series ("Gwent's first PEEL
    assessment") describes; either counts only when the passage says otherwise."""
    if fact.kind is Fact.WHO:
        return bool(fact.role)
    return not (fact.measure is not None and fact.measure.kind == "place")


def _compared(
    fact: StatedFact,
    mine: Sequence[StatedFact],
    anchor: Clause,
    others: Sequence[Clause],
    known: Sequence[StatedFact],
    around: Sequence[Clause],
) -> bool | tuple[StatedFact, StatedFact] | None:
    """True when the passage states the fact, (fact, the passage's) when it states it
    otherwise, None when it does not say."""
    if _states(anchor, fact):
        return True
    if rival := _rival(fact, anchor.stated, mine, strict=True):
        return (fact, rival)
    told = [*anchor.stated, *(t for c in (*others, *around) for t in c.facts)]
    if spanned(fact, [*mine, *told]):
        return True  # "about two years" between "March 2019" and "February 2021"
    for clause in others:
        if _states(clause, fact):
            against = None if fact.kind in _WHO_AND_WHERE else _against(clause, mine)
            return True if against is None else against
    if any(same_fact(fact, t) for t in known):
        return True
    for clause in others:
        if rival := _rival(fact, clause.facts, mine, strict=True):
            return (fact, rival)
    if _added(fact, mine, around):
        return True
    return None


def _added(fact: StatedFact, mine: Sequence[StatedFact], around: Sequence[Clause]) -> bool:
    """Whether a sentence nearby states the fact without stating another of the
    sentence's otherwise; a time a clause takes from the one before counts only when
    that one does not ("A 2018 re-inspection found 89 percent and raised the grade" gives
    no 2018 to a claim of 77.7 percent)."""
    giver_against = False
    for clause in around:
        against = _against(clause, mine) is not None
        if any(f.kind in TIMES for f in clause.facts):
            giver_against = against
        if against:
            continue
        if any(same_fact(fact, t) for t in clause.facts):
            return True
        if not giver_against and any(same_fact(fact, t) for t in clause.frame):
            return True
    return False


def _against(clause: Clause, mine: Sequence[StatedFact]) -> tuple[StatedFact, StatedFact] | None:
    """A fact of the sentence the clause states otherwise, with the clause's, if any: a
    value of a kind of which the clause states none of the sentence's ("29 per cent"
    against "53 per cent"; not "five" in "in five and inadequate in three"), or another
    time ("December 2009 and Warwickshire's in October 2009")."""
    for fact in mine:
        key = rival_key(fact)
        ours = [m for m in mine if rival_key(m) == key]
        if key != _WHEN and any(_states(clause, m) for m in ours):
            continue
        if rival := _rival(fact, clause.facts, mine, strict=False):
            return (fact, rival)
    return None


def _polarity(
    sentence: str,
    source: str,
    topic: set[str],
    mine: Sequence[StatedFact],
    clauses: Sequence[Clause],
) -> tuple[bool, bool] | None:
    """(the sentence's, the passage's) negation of the first statement of the sentence the
    passage states otherwise: each clause of the sentence is read against the passage's
    clause that best holds its topic words, when that clause holds two of them (or its one)."""
    said_text, source_text = clean_text(sentence), clean_text(source)
    for own in read_clauses(sentence):
        words = topic & own.stems
        if not words:
            continue
        theirs = max(clauses, key=lambda c: len(words & c.stems))
        if len(words & theirs.stems) < min(2, len(words)):
            continue
        said, denied = _negative(said_text, own, words, mine)
        says, _ = _negative(source_text, theirs, words, mine)
        if said and not says and denied and not denied & theirs.stems:
            continue  # the passage's clause does not speak of what the sentence denies
        if said != says:
            return said, says
    return None


def _negative(
    text: str, clause: Clause, topic: set[str], mine: Sequence[StatedFact]
) -> tuple[bool, set[str]]:
    """Whether a clause of ``text`` is negated: a negation (or a denying word) in it
    governs the statement when its scope opens on a topic word or one of the sentence's
    facts ("not effectively safeguarding", "not among the seven"; not "could not provide
    data", "none was inadequate"); one opening the scope of another undoes it ("did not
    fail to"). With it, the topic words the negations deny (none when they deny a fact)."""
    negative, head_end, denied = False, -1, set()
    for span in negations(text, denying=True):
        if not clause.start <= span.start < clause.end:
            continue
        head = content_words(span.detail)[:_HEAD]
        opening = " ".join(span.detail.split()[: _HEAD + 2])
        if topic & set(head) or any(same_fact(f, s) for f in mine for s in stated_facts(opening)):
            negative = not negative if span.start < head_end else True
            head_end = span.end + len(" ".join(span.detail.split()[:2])) + 2
            denied |= topic & set(head)
    return negative, denied


def _unique(facts: list[StatedFact]) -> list[StatedFact]:
    seen: set[tuple[Fact, str]] = set()
    kept = []
    for fact in facts:
        if (fact.kind, fact.value) not in seen:
            seen.add((fact.kind, fact.value))
            kept.append(fact)
    return kept

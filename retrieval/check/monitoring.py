"""A claim that a force entered or left Engage at a time, checked against the facts table.

"Nottinghamshire Police had been in Engage since 11 March 2024 before it was returned to
Scan in May 2025" states two moves, each with its time. The facts table holds every
move the reports state (:mod:`index.records.monitoring`, one verified row per sentence),
often in sentences far apart or in other reports than the one a search ranks first;
read with the same cues, the claim's moves are compared with the rows of its force.

- **supported**: every move of the claim is in the table at a time that fits ("May 2024"
  fits "21 May 2024"), and a length of time the claim gives ("about two and a half
  years") lies between its times; it states nothing else the table cannot say.
- **contradicted**: the table dates a move of the claim, and no row fits its time.
- a move no row dates fits a report published in the claim's month that states it
  undated (a release announcing it).
- otherwise the table cannot say, and the claim's sentences decide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from index.forces import find_forces
from index.lexicon.elapsed import spanned
from index.lexicon.facts import FRAME, TIMES, Fact, FactCheck, StatedFact, stated_facts
from index.records.monitoring import dated_moves
from retrieval.check.grades import fact_evidence
from retrieval.check.reading import Reading
from retrieval.check.results import ClaimVerdict
from retrieval.facts.table import FactRow
from retrieval.question.fact_request import ENGAGE_MOVES


@dataclass(frozen=True)
class Move:
    """A move into ("entered") or out of ("left") Engage a claim states, with its time."""

    value: str
    when: str  # as a record keeps it: "2024-05", "2022-06-28", "2019"
    text: str  # the time as the claim writes it


def claimed_moves(claim: str) -> list[Move]:
    """Each move the claim states with the time nearest after its cue (else before it)."""
    moves = []
    for value, date in dated_moves(claim):
        if date is not None and date.value:
            moves.append(Move(value, date.value.split("/")[0], claim[date.start : date.end]))
    return list(dict.fromkeys(moves))


def fits(claimed: str, stated: str) -> bool:
    """Whether a stated time may be the claimed one: equal as far as both say."""
    one, other = claimed.split("-"), stated.split("/")[0].split("-")
    return all(a == b for a, b in zip(one, other, strict=False))


def _announced(move: Move, row: FactRow) -> bool:
    """An undated move in a report published in the claim's month: the news of it
    ("… removed from enhanced monitoring", released that day)."""
    published = row.meta.published or ""
    return not row.record.when and len(move.when) >= 7 and fits(move.when[:7], published)


def _closeness(move: Move, row: FactRow) -> tuple[bool, int]:
    when = row.record.when or ""
    return when == move.when, len(when)


def monitored_reading(
    claim: str, facts: Sequence[StatedFact], rows: Sequence[FactRow]
) -> Reading | None:
    """The facts table's reading of a claim about its one force's moves into or out of
    Engage, or None when the table cannot say."""
    forces = find_forces(claim)
    moves = claimed_moves(claim)
    if len(forces) != 1 or not moves:
        return None
    mine = [r for r in rows if ENGAGE_MOVES.selects(r.record) and r.record.force == forces[0]]
    agreeing: list[FactRow] = []
    for move in moves:
        same = [r for r in mine if r.record.value == move.value]
        dated = [r for r in same if r.record.when]
        fitting = [r for r in dated if fits(move.when, r.record.when or "")]
        fitting = fitting or [r for r in same if _announced(move, r)]
        if fitting:  # the row stating the claim's time as written, else the most precise
            agreeing.append(max(fitting, key=lambda r: _closeness(move, r)))
        elif dated:
            return _contradicted(move, facts, max(dated, key=lambda r: _closeness(move, r)))
    return _supported(facts, agreeing) if len(agreeing) == len(moves) else None


def _supported(facts: Sequence[StatedFact], agreeing: Sequence[FactRow]) -> Reading | None:
    times = [f for f in facts if f.kind in TIMES]
    for fact in facts:
        if fact.kind in FRAME or (fact.kind is Fact.WHO and not fact.role):
            continue
        if fact.kind is Fact.DURATION and spanned(fact, times):
            continue
        return None  # something the table does not state: the sentences decide
    units = tuple(dict.fromkeys(fact_evidence(row) for row in agreeing))
    return Reading(units, FactCheck(tuple(facts), (), ()), 1.0, 1.0, ClaimVerdict.SUPPORTED)


def _contradicted(move: Move, facts: Sequence[StatedFact], row: FactRow) -> Reading:
    claimed = next(
        (f for f in facts if f.kind in TIMES and f.text == move.text),
        StatedFact(Fact.YEAR, move.when[:4], move.text),
    )
    when = row.record.when or ""
    theirs = next(
        (f for f in stated_facts(row.record.quote) if f.kind in TIMES and f.value == when),
        StatedFact(Fact.YEAR, when[:4], when),
    )
    check = FactCheck((), ((claimed, theirs),), ())
    return Reading((fact_evidence(row),), check, 1.0, 1.0, ClaimVerdict.CONTRADICTED)

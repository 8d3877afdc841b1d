"""A claim naming the inspector who led a force's inspection, checked against the facts
table.

"Kent Police's 2017 PEEL assessment was led by HM Inspector of Constabulary Jane Doe"
names a person in the inspector's role, a force and a time. Each report names its HM
Inspector once (a signature line, "under HM Inspector of Constabulary …"), often far
from the sentences a search finds for the claim; the facts table holds that person
(:mod:`index.records.people`, one verified row per report). The rows of the claim's
force whose report is of the claim's time (its title, else its own date) decide:

- **supported**: one of them names the claim's person, and the claim states nothing
  else the table cannot say;
- **contradicted**: they all name one other person;
- otherwise the table cannot say, and the claim's sentences decide.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.forces import find_forces
from index.lexicon.facts import FRAME, TIMES, Fact, FactCheck, StatedFact, compatible, stated_facts
from retrieval.check.grades import fact_evidence
from retrieval.check.reading import Reading
from retrieval.check.results import ClaimVerdict
from retrieval.facts.table import FactRow

ROLE = "inspector"


def inspector_reading(
    claim: str, facts: Sequence[StatedFact], rows: Sequence[FactRow]
) -> Reading | None:
    """The facts table's reading of a claim naming the inspector of its one force's
    inspection at a time it gives, or None when the table cannot say."""
    named = [f for f in facts if f.kind is Fact.WHO and f.role == ROLE]
    times = [f for f in facts if f.kind in TIMES]
    forces = find_forces(claim)
    if len(named) != 1 or not times or len(forces) != 1:
        return None
    person = named[0]
    led = [r for r in rows if _led(r, forces[0]) and _of_time(r, times)]
    same = [r for r in led if _surname(r) == person.value]
    if same:
        rest = [f for f in facts if f.kind not in FRAME and f is not person]
        if rest:
            return None  # more to check than the table says: the sentences decide
        check = FactCheck(tuple(facts), (), ())
        return Reading((fact_evidence(same[0]),), check, 1.0, 1.0, ClaimVerdict.SUPPORTED)
    if not led or len({_surname(r) for r in led}) != 1:
        return None
    theirs = StatedFact(Fact.WHO, _surname(led[0]), led[0].record.value, role=ROLE)
    check = FactCheck((), ((person, theirs),), ())
    return Reading((fact_evidence(led[0]),), check, 1.0, 1.0, ClaimVerdict.CONTRADICTED)


def _led(row: FactRow, force: str) -> bool:
    record = row.record
    return record.kind == "person" and record.subject == ROLE and record.force == force


def _of_time(row: FactRow, times: Sequence[StatedFact]) -> bool:
    """Whether the row's report is of the claim's time: by the times its title gives
    ("Kent 2017 (PEEL)"), else by its own date."""
    titled = [f for f in stated_facts(row.meta.title) if f.kind in TIMES]
    if not titled and row.record.when:
        titled = [StatedFact(Fact.YEAR, row.record.when[:4], row.record.when[:4])]
    return any(compatible(t, f) for t in times for f in titled)


def _surname(row: FactRow) -> str:
    return row.record.value.split()[-1].casefold()

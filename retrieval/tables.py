"""The grades and facts tables of the searched revision, and the answers they give.

Both are read from the manifest once per revision (a table read before a switch is not
served after it), every quote verified against the text as it is now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from index.counts import GRADED_AREAS
from index.lexicon.facts import Fact
from index.manifest import Manifest
from index.records.monitoring import CONCERN
from index.types import Answer, Kind, TextOf
from retrieval.answer.cite import check_answer
from retrieval.answer.timeline import Entry
from retrieval.facts.answers import FACTS_NOTE, dates_answer, forces_answer
from retrieval.facts.table import FactRow, FactTable, fact_table
from retrieval.grades.answers import (
    GRADES_NOTE,
    answer_from_grades,
    selected_rows,
    series_rows,
    ungraded_areas,
)
from retrieval.grades.table import GradeRow, GradeTable, grade_table
from retrieval.plan import Plan, describe_filters
from retrieval.question.fact_request import ENGAGE_MOVES, FactRequest, timeline_requests
from retrieval.question.grade_request import GradeRequest, record_request
from retrieval.question.reading import Question
from retrieval.search.hybrid import HybridSearcher

_TIMELINES = (Kind.TREND, Kind.COMPARE)


def _fact_key(row: FactRow) -> tuple[str, ...]:
    """One fact however often the reports restate it: a count or figure by its value
    (a later report restating "13 recommendations" or "83.6 percent"), an Engage entry
    or exit, a revisit by its year ("the summer of 2022", "July 2022", "6 July 2022"); a
    cause of concern raised or closed by its month (a year may raise several), a grade
    profile by its year."""
    record = row.record
    when = "" if record.kind in ("count", "figure") else (record.when or "")[:4]
    if record.subject == GRADED_AREAS:  # each inspection's profile: nine areas in 2022 and 2025
        when = (record.when or "")[:4]
    if record.subject == CONCERN:
        when = (record.when or "")[:7]
    return (record.force, record.kind, record.subject, record.value, when)


class Tables:
    """What the reports state, as tables: grades, and the facts beside them."""

    def __init__(self, manifest: Manifest, searcher: HybridSearcher, text_of: TextOf) -> None:
        self.manifest = manifest
        self.searcher = searcher
        self.text_of = text_of
        self._grades: tuple[int, GradeTable] | None = None  # and the revision it is of
        self._facts: tuple[int, FactTable] | None = None

    def grades(self) -> GradeTable:
        """Every stated grade of the index, verified, conflicts flagged."""
        revision = self.searcher.revision
        if self._grades is None or self._grades[0] != revision.number:
            judgements = self.manifest.statements().judgements
            self._grades = (
                revision.number,
                grade_table(judgements, revision.documents, self.text_of),
            )
        return self._grades[1]

    def facts(self) -> FactTable:
        """Every stated fact of the index (Engage, dates, people, figures, counts)."""
        revision = self.searcher.revision
        if self._facts is None or self._facts[0] != revision.number:
            statements = self.manifest.statements()
            self._facts = (
                revision.number,
                fact_table(statements, revision.documents, self.text_of),
            )
        return self._facts[1]

    # grades -------------------------------------------------------------------
    def grade_rows(
        self, plan: Plan, request: GradeRequest | None = None
    ) -> tuple[GradeRequest, list[GradeRow]] | None:
        """The grade question a plan asks (or ``request``) and the table rows within its
        explicit filters; None when it asks none."""
        request = request or plan.question.grades
        if plan.empty_filter or request is None:
            return None
        allowed = set(self.searcher.matching_docs(plan.filters))
        return request, [row for row in self.grades().rows if row.meta.doc_id in allowed]

    def not_stated(self, plan: Plan) -> list[str]:
        """What a lookup asks that the tables show the reports leaving unstated: an area
        the asked report leaves ungraded; an Engage spell of a named force that no
        report puts in Engage (while the table holds other forces' spells)."""
        asked = self.grade_rows(plan)
        return (ungraded_areas(*asked) if asked else []) + self._never_in_engage(plan)

    def _never_in_engage(self, plan: Plan) -> list[str]:
        question, request = plan.question, plan.question.fact_request
        if (
            plan.empty_filter
            or question.kind is not Kind.LOOKUP
            or request is None
            or request.kind != "monitoring"
            or not question.forces
        ):
            return []
        spells = {row.record.force for row in self.facts().rows if ENGAGE_MOVES.selects(row.record)}
        if not spells:
            return []  # the table knows no spell at all: nothing to judge by
        return [f"that {force} was in Engage" for force in question.forces if force not in spells]

    def from_grades(self, plan: Plan) -> Answer | None:
        """The answer the grades table gives a grade question within the explicit
        filters, or None (not a grade question, or nothing in the table fits)."""
        asked = self.grade_rows(plan)
        if asked is None:
            return None
        request, rows = asked
        answer = answer_from_grades(plan.question.text, request, rows, self.text_of)
        return None if answer is None else self._noted(plan, answer, GRADES_NOTE)

    # facts --------------------------------------------------------------------
    def fact_rows(self, plan: Plan, years: bool = True) -> list[FactRow]:
        """The facts table's rows within the explicit filters and (with ``years``) the
        years the question names (a row holds in the year it states, else its report's)."""
        allowed = set(self.searcher.matching_docs(plan.filters))
        since, until = (plan.inferred.since, plan.inferred.until) if years else (None, None)
        return [
            row
            for row in self.facts().rows
            if row.meta.doc_id in allowed
            and (since is None or (row.year is not None and row.year >= since))
            and (until is None or (row.year is not None and row.year <= until))
        ]

    def from_facts(self, plan: Plan) -> Answer | None:
        """A list question's rows from the facts table ("which forces were handed more
        than eight recommendations"), or None (no such question, or no row fits)."""
        request = plan.question.fact_request
        if plan.empty_filter or request is None:
            return None
        question = plan.question
        if plan.kind is Kind.LOOKUP and _asks_when_moved(question, request):
            rows = self.fact_rows(plan, years=False)
            answer = dates_answer(question.text, request, question.forces[0], rows, self.text_of)
        elif plan.kind is Kind.AGGREGATE:
            answer = forces_answer(question.text, request, self.fact_rows(plan), self.text_of)
        else:
            return None
        return None if answer is None else self._noted(plan, answer, FACTS_NOTE)

    # timelines -------------------------------------------------------------------
    def timeline(self, plan: Plan) -> list[Entry]:
        """A trend's or comparison's dated entries for the forces it names: their grades
        (of the areas it names, else all, when it asks about grades or a record; with all,
        the grade profile of each report they come from: "graded in nine areas: …"), Engage
        entry and exit, the counts and figures it names; each fact once (its first
        statement). The years a question names ("from PEEL 2021/22 to leaving Engage",
        "Cheshire's 2019 report versus Lincolnshire's in 2022") are no bounds: every entry
        is kept, oldest first."""
        question = plan.question
        if plan.empty_filter or question.kind not in _TIMELINES or not question.forces:
            return []
        request = self._grade_request(plan)
        entries = self._grade_entries(plan, request)
        requests = timeline_requests(question.text)
        if not requests and Fact.GRADE in question.facts and question.kind is Kind.TREND:
            # a force's record over time: its moves into and out of Engage too
            requests = [ENGAGE_MOVES]
        # the reports whose grades are told, when all their areas are asked about
        graded = {e.doc_id for e in entries} if request and not request.areas else set()
        asked = [
            row
            for row in self.fact_rows(plan, years=False)
            if row.record.quote
            and row.record.force in question.forces
            and (
                any(request.selects(row.record) for request in requests)
                or (row.record.subject == GRADED_AREAS and row.meta.doc_id in graded)
            )
        ]
        facts = _most_precise(asked, _fact_key)  # each fact once
        quoted = _most_precise(facts, _quoted_span)  # each quote once
        for row in sorted(quoted, key=lambda r: r.record.when or r.meta.sort_date):
            when = row.record.when or row.meta.sort_date
            entries.append(Entry(row.record.force, when, row.citation(0)))
        return entries

    def _grade_request(self, plan: Plan) -> GradeRequest | None:
        """The grades a timeline is told by: those the question asks, else (a question
        about grades or a record) a record's."""
        question = plan.question
        if question.grades is None and Fact.GRADE in question.facts:
            return record_request(question.text, question.kind, question.forces)
        return question.grades

    def _grade_entries(self, plan: Plan, request: GradeRequest | None) -> list[Entry]:
        asked = self.grade_rows(plan, request)
        if asked is None:
            return []
        return [
            Entry(row.force, str(row.year or ""), row.citation(0), row.grade, row.area, row.cycle)
            for row in series_rows(selected_rows(*asked))
        ]

    def _noted(self, plan: Plan, answer: Answer, note: str) -> Answer:
        answer.notes.append(note)
        answer.filters = describe_filters(plan)
        return check_answer(answer, self.text_of)


def _asks_when_moved(question: Question, request: FactRequest) -> bool:
    """ "When was Kent moved into Engage?": one force's move, its date asked and nothing
    else (a second part, "… and what were its causes of concern?", needs the sentences)."""
    return (
        not question.parts
        and request.kind == "monitoring"
        and Fact.WHEN in question.facts
        and len(question.forces) == 1
    )


def _quoted_span(row: FactRow) -> tuple[str, ...]:
    return (row.record.force, row.record.doc_id, str(row.record.start))


def _most_precise(
    rows: Iterable[FactRow], key: Callable[[FactRow], tuple[str, ...]]
) -> list[FactRow]:
    """Of the rows sharing a key, the one whose date is stated most precisely (the
    first of equals)."""
    kept: dict[tuple[str, ...], FactRow] = {}
    for row in rows:
        held = kept.get(key(row))
        if held is None or len(row.record.when or "") > len(held.record.when or ""):
            kept[key(row)] = row
    return list(kept.values())

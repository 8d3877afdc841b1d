"""Trend and comparison answers: each report's findings about the asked topic (a grade or
figure first), grouped by force, oldest first; each named force gets its best report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from index.lexicon.facts import Fact
from index.types import Answer, Kind, TableRow, TextOf
from retrieval.answer.cite import CitationBook
from retrieval.answer.evidence import Evidence, EvidenceScorer, Query
from retrieval.answer.quotes import add, inline
from retrieval.answer.timeline import Entry, Line, timeline_groups, write_line
from retrieval.config import AnswerConfig
from retrieval.question.answer_types import carries, states_figure
from retrieval.question.reading import Question


class Trends:
    """Write a trend or comparison from scored evidence."""

    def __init__(self, scorer: EvidenceScorer, text_of: TextOf, config: AnswerConfig) -> None:
        self.scorer = scorer
        self.text_of = text_of
        self.config = config

    def write(
        self,
        question: Question,
        evidence: list[Evidence],
        query: Query,
        entries: Sequence[Entry] = (),
    ) -> Answer | None:
        """The tables' dated entries for the forces asked about (grades, Engage, counts,
        figures) beside each report's findings about the asked topic (a grade or figure
        first) that the entries do not already quote; oldest first for a trend, by force
        then date for a comparison; each force the question names gets its best report.
        None when nothing reaches ``trend_min`` or no quote still reads as its report
        does."""
        kind = question.kind
        by_force = kind is not Kind.TREND
        quoted = {(e.doc_id, e.citation.start, e.citation.end) for e in entries}
        per_doc = self._per_report(evidence, question.inferred.forces)
        writers: list[tuple[tuple[str, ...], Callable[[CitationBook], Line | None]]] = [
            (key, partial(write_line, group)) for key, group in timeline_groups(entries, by_force)
        ]
        for doc_id, items in per_doc.items():
            meta = items[0].hit.meta
            key = (meta.force or "", meta.sort_date) if by_force else (meta.sort_date, "")
            chosen = [
                item
                for item in self._findings(items, query)
                if not any(_overlaps(item, span) for span in quoted)
            ]  # what the entries already quote is not told twice
            if chosen:
                writers.append(((*key, doc_id), partial(self._report_line, chosen)))
        book = CitationBook(self.text_of)  # numbered in the order shown
        rows, lines = [], []
        for _, write in sorted(writers, key=lambda w: w[0]):
            line = write(book)
            if line is not None:
                lines.append(line.text)
                rows.extend(line.rows)
        if not lines:  # no quote still reads as its report does
            return None
        return Answer(question.text, kind, "\n".join(lines), table=rows, citations=book.citations)

    def _report_line(self, chosen: list[Evidence], book: CitationBook) -> Line | None:
        """ "2019-09-27, Cleveland Police (PEEL 2018/19 …): quote [1] quote [2]"."""
        meta = chosen[0].hit.meta
        force = meta.force or "Unknown force"
        rows, quotes = [], []
        for item in chosen:
            n = book.cite(item)
            if n is not None:
                rows.append(TableRow(force, item.text, (n,), meta.published, meta.title))
                quotes.append(f"{inline(item.text)} [{n}]")
        if not quotes:
            return None
        named = f"{inline(force)} ({inline(meta.title)})"
        when = meta.published or "Date not stated"
        return Line(f"{when}, {named}: {' '.join(quotes)}", tuple(rows))

    def _per_report(
        self, evidence: list[Evidence], forces: Sequence[str]
    ) -> dict[str, list[Evidence]]:
        """Units reaching ``trend_min`` by report; a named force none of whose reports
        reaches it still gets its best report when that answers at all (refuse_below):
        "compare A and B" shows both."""
        per_doc: dict[str, list[Evidence]] = {}
        for item in evidence:
            if item.score >= self.config.trend_min:
                per_doc.setdefault(item.doc_id, []).append(item)
        shown = {f for items in per_doc.values() for f in items[0].hit.meta.forces}
        for force in forces:
            best = next((e for e in evidence if force in e.hit.meta.forces), None)
            if force in shown or best is None or best.score < self.config.refuse_below:
                continue
            per_doc[best.doc_id] = [e for e in evidence if e.doc_id == best.doc_id]
        return per_doc

    def _findings(self, items: list[Evidence], query: Query) -> list[Evidence]:
        """Up to ``trend_quotes`` units of one report, best first: the best that carries
        the asked fact leads (widened to its neighbours when none does)."""
        carrying = [i for i in items if i.fit >= 1.0]
        lead = carrying[0] if carrying else self.scorer.widen(items[0], query)
        chosen = [lead]
        findings = [i for i in items if i.fit >= 1.0 or _states_a_finding(i.text)]
        margin = self.config.lookup_margin
        # a report that states grades or figures is told by them alone, no filler
        told = bool(carrying) or lead.fit >= 1.0  # a window around the best may state it
        rest = [] if query.facts and told and self.config.findings_only else items
        for item in [*findings, *rest]:
            if len(chosen) >= self.config.trend_quotes:
                break
            # a grade or figure may score a little lower than a sentence about the topic
            reach = self.config.finding_reach if _states_a_finding(item.text) else 1.0
            if item.score >= lead.score - reach * margin:
                add(chosen, item)
        return sorted(chosen, key=lambda e: e.start)


def _overlaps(item: Evidence, span: tuple[str, int, int]) -> bool:
    doc_id, start, end = span
    return item.doc_id == doc_id and item.start < end and start < item.end


def _states_a_finding(text: str) -> bool:
    """A grade or a figure: what a trend is told by, before any other sentence."""
    return carries(text, Fact.GRADE) or states_figure(text)

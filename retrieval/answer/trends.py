"""Trend and comparison answers: each report's findings about the asked topic (a grade or
figure first), grouped by force, oldest first; each named force gets its best report."""

from __future__ import annotations

from collections.abc import Sequence

from index.lexicon.facts import Fact
from index.types import Answer, Kind, TableRow, TextOf
from retrieval.answer.cite import CitationBook
from retrieval.answer.evidence import Evidence, EvidenceScorer, Query
from retrieval.answer.quotes import add, inline
from retrieval.config import AnswerConfig
from retrieval.question.answer_types import carries, states_figure
from retrieval.question.reading import Question


class Trends:
    """Write a trend or comparison from scored evidence."""

    def __init__(self, scorer: EvidenceScorer, text_of: TextOf, config: AnswerConfig) -> None:
        self.scorer = scorer
        self.text_of = text_of
        self.config = config

    def write(self, question: Question, evidence: list[Evidence], query: Query) -> Answer | None:
        """Each report's findings about the asked topic (a grade or figure first), grouped
        by force, oldest first; each force the question names gets its best report. None
        when no report reaches ``trend_min`` or no quote still reads as its report does."""
        kind = question.kind
        per_doc = self._per_report(evidence, question.inferred.forces)
        if not per_doc:
            return None
        findings = [self._findings(items, query) for items in per_doc.values()]
        findings.sort(
            key=lambda f: (f[0].hit.meta.force or "", f[0].hit.meta.sort_date, f[0].doc_id)
        )
        if kind is Kind.TREND:
            findings.sort(key=lambda f: (f[0].hit.meta.sort_date, f[0].doc_id))
        book = CitationBook(self.text_of)
        rows, lines = [], []
        for chosen in findings:
            meta = chosen[0].hit.meta
            force = meta.force or "Unknown force"
            quotes = []
            for item in chosen:
                n = book.cite(item)
                if n is not None:
                    rows.append(TableRow(force, item.text, (n,), meta.published, meta.title))
                    quotes.append(f"{inline(item.text)} [{n}]")
            if quotes:
                when = meta.published or "Undated"
                named = f"{inline(force)} ({inline(meta.title)})"
                lines.append(f"{when}, {named}: {' '.join(quotes)}")
        if not lines:  # no quote still reads as its report does
            return None
        return Answer(question.text, kind, "\n".join(lines), table=rows, citations=book.citations)

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


def _states_a_finding(text: str) -> bool:
    """A grade or a figure: what a trend is told by, before any other sentence."""
    return carries(text, Fact.GRADE) or states_figure(text)

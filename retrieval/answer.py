"""Extractive answers that cite: lookup, aggregate (one row per force) and trend/compare.

No language model is needed: every answer sentence is a verbatim sentence of a
report followed by its [n] marker, and weak evidence leads to an honest refusal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.forces import NATIONAL, find_forces
from index.lexicon.dates import states_day
from index.lexicon.grades import grades_named
from index.lexicon.layout import neutralise_markers
from index.types import Answer, Hit, Kind, Refusal, RefusalReason, TableRow, TextOf
from retrieval.answer_type import Fact, asked_facts, asks_day, carries, fit, states_figure
from retrieval.cite import CitationBook
from retrieval.classify import asks_future
from retrieval.config import AnswerConfig
from retrieval.conflicts import find_conflicts
from retrieval.coverage import uncovered
from retrieval.evidence import Evidence, EvidenceScorer, Query
from retrieval.filters import Filters
from retrieval.parts import part_queries
from retrieval.unstated import needs, refusal_detail, unstated

NOT_FORCES = {NATIONAL, "Unknown"}  # "Unknown": a declared force kept as written
REFUSAL = "The indexed reports don't answer this question."
_HOW = re.compile(r"\s*(?:how|compare)\b", re.I)  # "how did … change", "compare how …"


def _forces(evidence: Evidence) -> list[str]:
    return [f for f in evidence.hit.meta.forces if f not in NOT_FORCES]


class ExtractiveAnswerer:
    """Build an :class:`Answer` from retrieved hits.

    >>> answerer = ExtractiveAnswerer(EvidenceScorer(embedder), manifest.document_text)
    >>> answerer.answer("Which forces lack specialist detectives?", Kind.AGGREGATE, hits)
    """

    def __init__(
        self, scorer: EvidenceScorer, text_of: TextOf, config: AnswerConfig | None = None
    ) -> None:
        self.scorer = scorer
        self.text_of = text_of
        self.config = config or AnswerConfig()

    def answer(
        self, question: str, kind: Kind, hits: Sequence[Hit], implied: Filters | None = None
    ) -> Answer:
        """The answer from ``hits``; ``implied`` is what the question implies (forces,
        report kinds, years): the best evidence must fit it, or the answer is a refusal."""
        if asks_future(question):
            return self.refusal(question, kind, hits, RefusalReason.FUTURE)
        readable = hits if kind is Kind.LOOKUP else self._close_enough(hits)
        facts = self._facts(question, kind)
        query = self.scorer.query(question, facts)
        evidence = self.scorer.score_query(query, readable)
        if not evidence or evidence[0].score < self.config.refuse_below:
            return self.refusal(question, kind, hits)
        missing = uncovered(question, evidence, self.text_of, implied)
        if missing:
            return self.refusal(question, kind, hits, RefusalReason.NOT_COVERED, missing)
        evidence = self._preferred_first(evidence, implied if kind is Kind.TREND else None)
        if kind is Kind.AGGREGATE:
            return self.aggregate(question, evidence, hits)
        if kind in (Kind.TREND, Kind.COMPARE):
            named = implied.forces if implied else ()
            return self.trend(question, kind, evidence, hits, query, named)
        return self.lookup(question, evidence, hits, query)

    def _preferred_first(
        self, evidence: list[Evidence], forces_of: Filters | None = None
    ) -> list[Evidence]:
        """Only evidence from the reports the question points to (its force, report kind,
        years) when they hold any good enough, else everything; with ``forces_of`` its
        forces alone (a trend runs past the report it names: "from PEEL 2021/22 to …")."""
        named = set(forces_of.forces) if forces_of else set()
        preferred = [e for e in evidence if named & set(e.hit.meta.forces) or e.hit.preferred]
        if preferred and preferred[0].score >= self.config.refuse_below:
            return preferred
        return evidence

    @staticmethod
    def _facts(question: str, kind: Kind) -> frozenset[Fact]:
        """What the quotes must carry; "how did … change / compare" is told by grades
        (a "what concerns did … have in common" question by its topic words)."""
        facts = asked_facts(question)
        if kind in (Kind.TREND, Kind.COMPARE) and not facts and _HOW.match(question):
            return frozenset({Fact.GRADE})
        return facts

    def _close_enough(self, hits: Sequence[Hit]) -> list[Hit]:
        floor = self.config.wide_chunk_floor
        return [h for h in hits if h.lexical_score or (h.dense_score or 0.0) >= floor]

    def refusal(
        self,
        question: str,
        kind: Kind,
        hits: Sequence[Hit],
        reason: RefusalReason = RefusalReason.WEAK_EVIDENCE,
        missing: Sequence[str] = (),
    ) -> Answer:
        """No answer; ``missing`` names what the question is about that no report mentions
        (or, for a fact not stated, what the closest passages leave out)."""
        detail = refusal_detail(reason, missing)
        return Answer(
            question=question,
            kind=kind,
            answer=f"{REFUSAL} {detail}",
            refusal=Refusal(reason, tuple(missing), detail),
            see_also=list(hits[: self.config.see_also]),
        )

    def lookup(
        self,
        question: str,
        evidence: list[Evidence],
        hits: Sequence[Hit],
        query: Query,
    ) -> Answer:
        """The best units (each widened to its neighbours when it lacks the asked fact),
        what none of them states looked for a little further down, and each part of a
        two-part question that none answers gets a quote of its own."""
        floor = max(self.config.refuse_below, evidence[0].score - self.config.lookup_margin)
        chosen: list[Evidence] = []
        for item in evidence:
            if item.score < floor or len(chosen) >= self.config.lookup_sentences:
                break
            _add(chosen, self.scorer.widen(item, query))
        self._add_missing(question, evidence, chosen, query)
        for part in self._unanswered_parts(question, chosen):
            found = self._best_for(part, hits, chosen)
            if found is not None:
                _add(chosen, found)
        missing = unstated(question, query, chosen)
        if missing:
            return self.refusal(question, Kind.LOOKUP, hits, RefusalReason.FACT_NOT_STATED, missing)
        book = CitationBook(self.text_of)
        named = Fact.FORCE in query.facts or len({c.hit.meta.force for c in chosen}) > 1
        sentences = [
            f"{_lead(item) if named else ''}{_inline(item.text)} [{n}]"
            for item in chosen
            if (n := book.cite(item)) is not None
        ]
        if not sentences:
            return self.refusal(question, Kind.LOOKUP, hits)
        notes = find_conflicts(book.citations)
        text = " ".join(sentences + notes)
        return Answer(question, Kind.LOOKUP, text, citations=book.citations, notes=notes)

    def _add_missing(
        self, question: str, evidence: list[Evidence], chosen: list[Evidence], query: Query
    ) -> None:
        """What the question asks that no chosen quote states is looked for a little
        further down (see :func:`~retrieval.unstated.needs`)."""
        reach = max(self.config.refuse_below, evidence[0].score - 2 * self.config.lookup_margin)
        for need in needs(question, query):
            if not any(need(c) for c in chosen):
                found = next((e for e in evidence if e.score >= reach and need(e)), None)
                if found is not None:
                    _add(chosen, found)

    def _unanswered_parts(self, question: str, chosen: list[Evidence]) -> list[tuple[str, Query]]:
        """The parts of a two-part question ("who signed it, and when …?") that no chosen
        quote answers: none carries the part's kind of fact and most of its words."""
        open_parts = [p for p in part_queries(question) if not self._answered(p, chosen)]
        return [(part, self.scorer.query(part)) for part in open_parts]  # embedded if open

    def _answered(self, part: str, chosen: list[Evidence]) -> bool:
        topic, facts = self.scorer.topic_stems(part), asked_facts(part)
        need = self.config.part_coverage * len(topic)
        return any(
            len(topic & self.scorer.stems(c.text)) >= need
            and fit(c.text, facts, c.hit.meta.forces) >= 1.0
            and (not asks_day(part) or states_day(c.text))
            for c in chosen
        )

    def _best_for(
        self, part: tuple[str, Query], hits: Sequence[Hit], chosen: list[Evidence]
    ) -> Evidence | None:
        """The best quote for one part of the question, from the reports already quoted
        when they hold one, widened to carry the part's kind of fact. Any report may
        serve, not only those the whole question prefers ("the PEEL 2021/22 report, and
        the date it entered Engage?": the date is in another report), but a part about a
        named force stays with that force's reports."""
        text, query = part
        quoted, named = {c.doc_id for c in chosen}, set(find_forces(text))
        scored = self.scorer.score_query(query, hits)
        for item in sorted(scored, key=lambda e: (e.doc_id not in quoted, -e.score)):
            if item.score < self.config.refuse_below or any(_overlaps(item, c) for c in chosen):
                continue
            if named and item.hit.meta.forces and not named & set(item.hit.meta.forces):
                continue
            if (query.facts and item.fit == 0.0) or (asks_day(text) and not states_day(item.text)):
                continue
            if item.doc_id not in quoted and not self._on_topic(query, item):
                continue
            return self.scorer.widen(item, query)
        return None

    def _on_topic(self, part: Query, item: Evidence) -> bool:
        """Whether ``item`` shares ``part_coverage`` of the part's words."""
        shared = part.topic & self.scorer.stems(item.text)
        return len(shared) >= self.config.part_coverage * len(part.topic)

    def aggregate(self, question: str, evidence: list[Evidence], hits: Sequence[Hit]) -> Answer:
        """One row per force with its strongest sentence; weak matches left out."""
        best: dict[str, Evidence] = {}
        grades = grades_named(question)  # "graded inadequate": the quote must say so
        for item in evidence:  # best first, so the first sentence seen per force wins
            if item.score < self.config.aggregate_min:
                break
            if grades and not grades & grades_named(item.text):
                continue
            for force in _forces(item):
                best.setdefault(force, item)
        if not best:
            return self.refusal(question, Kind.AGGREGATE, hits)
        book = CitationBook(self.text_of)
        rows = []
        for force in sorted(best):
            n = book.cite(best[force])
            if n is not None:
                meta = best[force].hit.meta
                rows.append(TableRow(force, best[force].text, (n,), meta.published, meta.title))
        if not rows:  # no quote still reads as its report does
            return self.refusal(question, Kind.AGGREGATE, hits)
        listed = ", ".join(f"{_inline(row.force)} [{row.citations[0]}]" for row in rows)
        noun = "force" if len(rows) == 1 else "forces"
        text = f"{len(rows)} {noun} in the indexed reports: {listed}."
        return Answer(question, Kind.AGGREGATE, text, table=rows, citations=book.citations)

    def trend(
        self,
        question: str,
        kind: Kind,
        evidence: list[Evidence],
        hits: Sequence[Hit],
        query: Query,
        forces: Sequence[str] = (),
    ) -> Answer:
        """Each report's findings about the asked topic (a grade or figure first), grouped
        by force, oldest first; each named force in ``forces`` gets its best report."""
        per_doc = self._per_report(evidence, forces)
        if not per_doc:
            return self.refusal(question, kind, hits)
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
                    quotes.append(f"{_inline(item.text)} [{n}]")
            if quotes:
                when = meta.published or "Undated"
                named = f"{_inline(force)} ({_inline(meta.title)})"
                lines.append(f"{when}, {named}: {' '.join(quotes)}")
        if not lines:  # no quote still reads as its report does
            return self.refusal(question, kind, hits)
        return Answer(question, kind, "\n".join(lines), table=rows, citations=book.citations)

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
                _add(chosen, item)
        return sorted(chosen, key=lambda e: e.start)


def _states_a_finding(text: str) -> bool:
    """A grade or a figure: what a trend is told by, before any other sentence."""
    return carries(text, Fact.GRADE) or states_figure(text)


def _inline(quote: str) -> str:
    """A quote on one line of the answer: a window over a heading or list keeps its words,
    with line breaks read as spaces (the citation keeps the verbatim span). Report text is
    untrusted: its own "[2]" is shown as "(2)", so only the answerer's markers cite."""
    return neutralise_markers(" ".join(quote.split()))


def _add(chosen: list[Evidence], item: Evidence) -> None:
    if not any(_overlaps(item, other) for other in chosen):
        chosen.append(item)


def _overlaps(a: Evidence, b: Evidence) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def _lead(item: Evidence) -> str:
    """The force of the quoted report, named first: "which force …?" is answered so, and
    quotes from several forces' reports say whose "the force" each is."""
    force = item.hit.meta.force
    return f"{_inline(force)}: " if force else ""

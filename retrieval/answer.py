"""Extractive answers that cite: lookup, aggregate (one row per force) and trend/compare.

No language model is needed: every answer sentence is a verbatim sentence of a
report followed by its [n] marker, and weak evidence leads to an honest refusal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from index.types import Answer, Hit, TableRow
from retrieval.cite import CitationBook, TextOf
from retrieval.classify import Kind
from retrieval.conflicts import find_conflicts
from retrieval.evidence import Evidence, EvidenceScorer, grades_asked

NOT_FORCES = {"National", "Unknown"}
REFUSAL = "The indexed reports don't answer this question."


@dataclass(frozen=True)
class AnswerConfig:
    """Thresholds and breadth, calibrated on tests/eval/questions.jsonl (docs/evaluation.md)."""

    refuse_below: float = 0.42  # best evidence score under this: the reports don't say
    lookup_hits: int = 8
    lookup_sentences: int = 4
    lookup_margin: float = 0.15  # further sentences must score within this of the best
    aggregate_hits: int = 60  # search wide: every report can matter
    aggregate_per_doc: int = 3
    aggregate_min: float = 0.50  # a force is listed when its best sentence reaches this
    trend_hits: int = 60
    trend_per_doc: int = 4
    trend_min: float = 0.40
    # Wide searches only read sentences of chunks at least this close to the question
    # (dense cosine), or found by the lexical side: it keeps aggregate answers fast.
    wide_chunk_floor: float = 0.25
    see_also: int = 3

    def search_breadth(self, kind: Kind) -> tuple[int, int | None]:
        """(k, per-document cap) to retrieve for a kind of question."""
        if kind is Kind.AGGREGATE:
            return self.aggregate_hits, self.aggregate_per_doc
        if kind in (Kind.TREND, Kind.COMPARE):
            return self.trend_hits, self.trend_per_doc
        return self.lookup_hits, None


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

    def answer(self, question: str, kind: Kind, hits: Sequence[Hit]) -> Answer:
        readable = hits if kind is Kind.LOOKUP else self._close_enough(hits)
        evidence = self.scorer.score(question, readable)
        if not evidence or evidence[0].score < self.config.refuse_below:
            return self.refusal(question, kind, hits)
        if kind is Kind.AGGREGATE:
            return self.aggregate(question, evidence, hits)
        if kind in (Kind.TREND, Kind.COMPARE):
            return self.trend(question, kind, evidence, hits)
        return self.lookup(question, evidence, hits)

    def _close_enough(self, hits: Sequence[Hit]) -> list[Hit]:
        floor = self.config.wide_chunk_floor
        return [h for h in hits if h.lexical_score or (h.dense_score or 0.0) >= floor]

    def refusal(self, question: str, kind: Kind, hits: Sequence[Hit]) -> Answer:
        return Answer(
            question=question,
            kind=str(kind),
            answer=REFUSAL + " The closest passages are listed under 'see also'.",
            refused=True,
            see_also=list(hits[: self.config.see_also]),
        )

    def lookup(self, question: str, evidence: list[Evidence], hits: Sequence[Hit]) -> Answer:
        best = evidence[0].score
        floor = max(self.config.refuse_below, best - self.config.lookup_margin)
        book = CitationBook(self.text_of)
        sentences: list[str] = []
        for item in evidence:
            if item.score < floor or len(sentences) >= self.config.lookup_sentences:
                break
            n = book.cite(item)
            if n is not None:
                sentences.append(f"{item.text} [{n}]")
        if not sentences:
            return self.refusal(question, Kind.LOOKUP, hits)
        notes = find_conflicts(book.citations)
        text = " ".join(sentences + notes)
        return Answer(question, str(Kind.LOOKUP), text, citations=book.citations, notes=notes)

    def aggregate(self, question: str, evidence: list[Evidence], hits: Sequence[Hit]) -> Answer:
        """One row per force with its strongest sentence; weak matches left out."""
        best: dict[str, Evidence] = {}
        grades = grades_asked(question)  # "graded inadequate": the quote must say so
        for item in evidence:  # best first, so the first sentence seen per force wins
            if item.score < self.config.aggregate_min:
                break
            if grades and not grades & grades_asked(item.text):
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
        listed = ", ".join(f"{row.force} [{row.citations[0]}]" for row in rows)
        noun = "force" if len(rows) == 1 else "forces"
        text = f"{len(rows)} {noun} in the indexed reports: {listed}."
        return Answer(question, str(Kind.AGGREGATE), text, table=rows, citations=book.citations)

    def trend(
        self, question: str, kind: Kind, evidence: list[Evidence], hits: Sequence[Hit]
    ) -> Answer:
        """The best sentence of each report, grouped by force, oldest first."""
        per_doc: dict[str, Evidence] = {}
        for item in evidence:
            if item.score < self.config.trend_min:
                break
            per_doc.setdefault(item.doc_id, item)
        if not per_doc:
            return self.refusal(question, kind, hits)
        ordered = sorted(
            per_doc.values(),
            key=lambda e: (e.hit.meta.force or "", e.hit.meta.published or "", e.doc_id),
        )
        if kind is Kind.TREND:
            ordered.sort(key=lambda e: (e.hit.meta.published or "", e.doc_id))
        book = CitationBook(self.text_of)
        rows, lines = [], []
        for item in ordered:
            n = book.cite(item)
            if n is None:
                continue
            meta = item.hit.meta
            force = meta.force or "Unknown force"
            rows.append(TableRow(force, item.text, (n,), meta.published, meta.title))
            when = meta.published or "Undated"
            lines.append(f"{when}, {force} ({meta.title}): {item.text} [{n}]")
        return Answer(question, str(kind), "\n".join(lines), table=rows, citations=book.citations)

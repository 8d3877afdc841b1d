"""Extractive answers that cite: lookup, aggregate (one row per force) and trend/compare.

No language model is needed: every answer sentence is a verbatim sentence of a
report followed by its [n] marker, and weak evidence leads to an honest refusal. An ask
runs the refusal gate (:mod:`retrieval.answer.gate`) over its :class:`AskGrounds`; the first
check that finds something refuses, else the builder for the question's kind answers
(:mod:`retrieval.answer.lookup`, :mod:`retrieval.answer.lists`, :mod:`retrieval.answer.trends`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from index.types import Answer, Hit, Kind, Refusal, RefusalReason, TextOf
from retrieval.answer.coverage import uncovered
from retrieval.answer.evidence import Evidence, EvidenceScorer, Query
from retrieval.answer.gate import first_refusal, refusal_detail
from retrieval.answer.lists import aggregate
from retrieval.answer.lookup import Lookup
from retrieval.answer.timeline import Entry
from retrieval.answer.trends import Trends
from retrieval.answer.unstated import unstated
from retrieval.config import AnswerConfig
from retrieval.question.reading import Question

REFUSAL = "The indexed reports don't answer this question."


class ExtractiveAnswerer:
    """Build an :class:`Answer` from retrieved hits.

    >>> answerer = ExtractiveAnswerer(EvidenceScorer(embedder), manifest.document_text)
    >>> answerer.answer(read_question("Which forces lack specialist detectives?"), hits)
    """

    def __init__(
        self, scorer: EvidenceScorer, text_of: TextOf, config: AnswerConfig | None = None
    ) -> None:
        self.scorer = scorer
        self.text_of = text_of
        self.config = config or AnswerConfig()

    def answer(
        self,
        question: Question,
        hits: Sequence[Hit],
        *,
        not_stated: Sequence[str] = (),
        no_match: str | None = None,
        entries: Sequence[Entry] = (),
    ) -> Answer:
        """The answer from ``hits``, or the refusal the gate finds first. ``not_stated``
        names what the tables show the reports leaving unstated (an area the asked report
        leaves ungraded, an Engage spell of a force never in Engage); ``no_match``
        is the note when the explicit filters match no report; ``entries`` are the
        tables' timeline of the forces a trend or comparison names."""
        grounds = AskGrounds(self, question, hits, not_stated, no_match, entries)
        refused = first_refusal(grounds)
        if refused is None and grounds.answer is not None:
            return grounds.answer
        reason, missing = refused or (RefusalReason.WEAK_EVIDENCE, ())
        return self.refusal(question, hits, reason, missing)

    def refusal(
        self,
        question: Question,
        hits: Sequence[Hit],
        reason: RefusalReason = RefusalReason.WEAK_EVIDENCE,
        missing: Sequence[str] = (),
    ) -> Answer:
        """No answer; ``missing`` names what the question is about that no report mentions
        (or, for a fact not stated, what the closest passages leave out)."""
        detail = refusal_detail(reason, missing)
        if reason is RefusalReason.NO_MATCHING_REPORTS:  # the note says it all
            refusal = Refusal(reason, detail=detail)
            return Answer(question.text, question.kind, detail, refusal=refusal, notes=[detail])
        return Answer(
            question=question.text,
            kind=question.kind,
            answer=f"{REFUSAL} {detail}",
            refusal=Refusal(reason, tuple(missing), detail),
            see_also=list(hits[: self.config.see_also]),
        )


class AskGrounds:
    """One ask's evidence and answer, each worked out when the gate first needs it."""

    def __init__(
        self,
        answerer: ExtractiveAnswerer,
        question: Question,
        hits: Sequence[Hit],
        not_stated: Sequence[str],
        no_match: str | None,
        entries: Sequence[Entry] = (),
    ) -> None:
        self.answerer = answerer
        self.question = question
        self.hits = hits
        self.not_stated = not_stated
        self.no_match = no_match
        self.entries = entries

    @property
    def config(self) -> AnswerConfig:
        return self.answerer.config

    @cached_property
    def query(self) -> Query:
        return self.answerer.scorer.query(self.question)

    @cached_property
    def evidence(self) -> list[Evidence]:
        """Every unit of the hits, best first; wide searches read only close chunks."""
        readable = self.hits if self.question.kind is Kind.LOOKUP else self._close_enough()
        return self.answerer.scorer.score_query(self.query, readable)

    @property
    def weak(self) -> bool:
        """No unit reaches ``refuse_below`` (a timeline from the tables is never weak)."""
        if self.entries:
            return False
        return not self.evidence or self.evidence[0].score < self.config.refuse_below

    @cached_property
    def uncovered(self) -> list[str]:
        text_of = self.answerer.text_of
        return uncovered(self.question, self.evidence, text_of, tabled=bool(self.entries))

    @cached_property
    def preferred(self) -> list[Evidence]:
        """Only evidence from the reports the question points to (its force, report kind,
        years) when they hold any good enough, else everything; a trend keeps to the
        forces it names alone (it runs past the report it names: "from PEEL 2021/22 to …")."""
        trend = self.question.kind is Kind.TREND
        named = set(self.question.inferred.forces) if trend else set()
        found = [e for e in self.evidence if named & set(e.hit.meta.forces) or e.hit.preferred]
        if found and found[0].score >= self.config.refuse_below:
            return found
        return self.evidence

    @cached_property
    def chosen(self) -> list[Evidence]:
        """A lookup's quotes (other kinds choose theirs as they write)."""
        if self.question.kind is not Kind.LOOKUP:
            return []
        return self._lookup.choose(self.question, self.preferred, self.hits, self.query)

    @cached_property
    def unstated(self) -> list[str]:
        if self.question.kind is not Kind.LOOKUP:
            return []
        return unstated(self.question, self.chosen)

    @cached_property
    def answer(self) -> Answer | None:
        """The cited answer of the question's kind; None when no quote can be cited."""
        kind, answerer = self.question.kind, self.answerer
        if kind is Kind.LOOKUP:
            return self._lookup.write(self.question, self.chosen)
        if kind is Kind.AGGREGATE:
            return aggregate(self.question, self.preferred, answerer.text_of, self.config)
        trends = Trends(answerer.scorer, answerer.text_of, self.config)
        return trends.write(self.question, self.preferred, self.query, self.entries)

    @cached_property
    def _lookup(self) -> Lookup:
        return Lookup(self.answerer.scorer, self.answerer.text_of, self.config)

    def _close_enough(self) -> list[Hit]:
        floor = self.config.wide_chunk_floor
        return [h for h in self.hits if h.lexical_score or (h.dense_score or 0.0) >= floor]

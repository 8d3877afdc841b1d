"""Lookup answers: the best supporting quotes for one question, each cited.

The best units (each widened to its neighbours when it lacks the asked fact), what none
of them states looked for a little further down, and each part of a two-part question
that none answers given a quote of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.lexicon.facts import Fact
from index.types import Answer, Hit, Kind, TextOf
from retrieval.answer.cite import CitationBook
from retrieval.answer.conflicts import find_conflicts
from retrieval.answer.evidence import Evidence, EvidenceScorer, Query
from retrieval.answer.quotes import add, inline, lead, overlaps
from retrieval.answer.unstated import looks_for, needs
from retrieval.config import AnswerConfig
from retrieval.question.answer_types import fit
from retrieval.question.reading import Question


class Lookup:
    """Choose a lookup's quotes, then write them as a cited answer."""

    def __init__(self, scorer: EvidenceScorer, text_of: TextOf, config: AnswerConfig) -> None:
        self.scorer = scorer
        self.text_of = text_of
        self.config = config

    def choose(
        self, question: Question, evidence: list[Evidence], hits: Sequence[Hit], query: Query
    ) -> list[Evidence]:
        """The quotes: the best units within ``lookup_margin`` of the best, what they leave
        out looked for further down, a quote for each part none answers."""
        floor = max(self.config.refuse_below, evidence[0].score - self.config.lookup_margin)
        chosen: list[Evidence] = []
        for item in evidence:
            if item.score < floor or len(chosen) >= self.config.lookup_sentences:
                break
            add(chosen, self.scorer.widen(item, query))
        self._add_missing(question, evidence, chosen)
        for part in [p for p in question.parts if not self._answered(p, chosen)]:
            found = self._best_for(part, self.scorer.query(part), hits, chosen)
            if found is not None:
                add(chosen, found)
        return chosen

    def write(self, question: Question, chosen: list[Evidence]) -> Answer | None:
        """The chosen quotes as a cited answer; None when none still reads as its report."""
        book = CitationBook(self.text_of)
        named = Fact.FORCE in question.facts or len({c.hit.meta.force for c in chosen}) > 1
        sentences = [
            f"{lead(item) if named else ''}{inline(item.text)} [{n}]"
            for item in chosen
            if (n := book.cite(item)) is not None
        ]
        if not sentences:
            return None
        notes = find_conflicts(book.citations)
        text = " ".join(sentences + notes)
        return Answer(question.text, Kind.LOOKUP, text, citations=book.citations, notes=notes)

    def _add_missing(
        self, question: Question, evidence: list[Evidence], chosen: list[Evidence]
    ) -> None:
        """What the question asks that no chosen quote states is looked for a little
        further down (see :func:`~retrieval.answer.unstated.needs`)."""
        reach = max(self.config.refuse_below, evidence[0].score - 2 * self.config.lookup_margin)
        for need in needs(question):
            if not any(need(c) for c in chosen):
                found = next((e for e in evidence if e.score >= reach and need(e)), None)
                if found is not None:
                    add(chosen, found)

    def _answered(self, part: Question, chosen: list[Evidence]) -> bool:
        """Whether a chosen quote answers a part ("who signed it, and when …?"): it carries
        the part's kind of fact (its day, for "on what date") and most of its words."""
        topic = self.scorer.topic_stems(part.text)
        need = self.config.part_coverage * len(topic)
        return any(
            len(topic & self.scorer.stems(c.text)) >= need
            and fit(c.text, part.facts, c.hit.meta.forces) >= 1.0
            and all(test(c) for test in looks_for(part))
            for c in chosen
        )

    def _best_for(
        self, part: Question, query: Query, hits: Sequence[Hit], chosen: list[Evidence]
    ) -> Evidence | None:
        """The best quote for one part of the question, from the reports already quoted
        when they hold one, widened to carry the part's kind of fact. Any report may
        serve, not only those the whole question prefers ("the PEEL 2021/22 report, and
        the date it entered Engage?": the date is in another report), but a part about a
        named force stays with that force's reports."""
        quoted, named = {c.doc_id for c in chosen}, set(part.forces)
        scored = self.scorer.score_query(query, hits)
        for item in sorted(scored, key=lambda e: (e.doc_id not in quoted, -e.score)):
            if item.score < self.config.refuse_below or any(overlaps(item, c) for c in chosen):
                continue
            if named and item.hit.meta.forces and not named & set(item.hit.meta.forces):
                continue
            if (query.facts and item.fit == 0.0) or not all(t(item) for t in looks_for(part)):
                continue
            if item.doc_id not in quoted and not self._on_topic(query, item):
                continue
            return self.scorer.widen(item, query)
        return None

    def _on_topic(self, part: Query, item: Evidence) -> bool:
        """Whether ``item`` shares ``part_coverage`` of the part's words."""
        shared = part.topic & self.scorer.stems(item.text)
        return len(shared) >= self.config.part_coverage * len(part.topic)

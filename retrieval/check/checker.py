"""Check a draft against the reports: each claim supported, partly supported, contradicted
or not found, with verbatim citations and the facts that differ side by side.

For each claim: hybrid search (explicit filters only: a claim naming the wrong force must
still meet the right report), widened by the passages of each report of the hits that
share most of the claim's own words (:mod:`retrieval.check.passages`), then the sentences
scored as evidence, the claim's kinds of fact (number, date, grade, force) asked of them.
The best sentences of each of the top reports are read with the sentences around them
(a list's items one at a time), their section heading and the report's metadata, and
compared with the claim by :func:`index.lexicon.compare.compare_facts`, the check the LLM
answerer uses:

- the passage must be about the claim: enough of the claim's topic words (its content
  words less the facts) appear there, or the sentence is close in meaning;
- **contradicted**: a fact is stated otherwise there (12 vs 13 recommendations, 2022 vs
  2023, "good" vs "inadequate", another force, a negation one side lacks);
- **partly supported**: no fact differs, but some are absent or the topic words fall short;
- **supported**: every fact is there and the topic words are too.

The best reading wins (supported, then contradicted, then partly), so a claim one report
states is not marked wrong because another report gives other figures. A claim the tables
can judge (a force's grade in a cycle, its moves into and out of Engage, the inspector of
its inspection) is judged by them, each row a verified quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from index.forces import find_forces
from index.lexicon.clauses import statements
from index.lexicon.compare import compare_facts, topic_stems
from index.lexicon.facts import (
    TIMES,
    Fact,
    FactCheck,
    StatedFact,
    compatible,
    meta_text,
    stated_facts,
)
from retrieval.answer.cite import CitationBook
from retrieval.answer.evidence import Evidence
from retrieval.check.claims import SegmentKind, split_draft
from retrieval.check.dated import of_the_dated_report
from retrieval.check.grades import graded_reading, of_other_areas
from retrieval.check.inspectors import inspector_reading
from retrieval.check.monitoring import monitored_reading
from retrieval.check.passages import widened
from retrieval.check.reading import (
    Reading,
    Window,
    adds,
    difference,
    label,
    of_another_force,
    of_other_edition,
    other_force,
    share,
    states_point,
    windows,
)
from retrieval.check.results import CheckReport, ClaimCheck, ClaimVerdict, joined
from retrieval.check.subjects import missing_subject, subject_of
from retrieval.question.answer_types import answered_by

if TYPE_CHECKING:
    from index.types import Hit
    from retrieval.search.filters import Filters
    from retrieval.service import ReportQA

_RANK = {
    ClaimVerdict.SUPPORTED: 3,
    ClaimVerdict.CONTRADICTED: 2,
    ClaimVerdict.PARTLY: 1,
    ClaimVerdict.NOT_FOUND: 0,
}


@dataclass(frozen=True)
class CheckConfig:
    """Breadth and thresholds, chosen on tests/eval/claims.jsonl (`reportqa eval --claims`)."""

    hits: int = 10  # passages retrieved per claim
    units: int = 20  # best evidence sentences read
    reports: int = 8  # reports whose sentences are compared with the claim
    per_report: int = 3  # best sentences of one report read
    # The reading whose sentence fits the claim best decides, unless one within this
    # margin has a stronger verdict (supported, then contradicted, then partly).
    margin: float = 5.0
    contra_margin: float = 5.0
    period_bonus: float = 0.0  # added to the fit of a report whose title or date names the time
    topic_min: float = 0.5  # share of topic words a passage needs to be about the claim
    similarity_min: float = 0.75  # or this close in meaning (cosine)
    similarity_floor: float = 0.45  # and never less close than this (to support),
    topic_sure: float = 0.8  # nor, unless its sentence holds this share of the topic words
    support_min: float = 0.6  # share of topic words a supporting passage holds
    # the verdicts of a whole claim that send its statements to be checked one by one
    split_when: tuple[ClaimVerdict, ...] = (
        ClaimVerdict.NOT_FOUND,
        ClaimVerdict.PARTLY,
        ClaimVerdict.CONTRADICTED,
    )
    own_min: float = 0.5  # share of topic words a supporting sentence (and title) holds
    # a passage giving the claim another time states the claim's point too: this share of
    # its topic words in the sentence and title, or it is this close in meaning (else it
    # speaks of another event on the topic; the similarity chosen on field-2's claims)
    time_min: float = 0.6
    time_similarity: float = 0.7
    # the reports of the hits (up to this many) whose passages sharing the claim's own
    # words (BM25) are read too: a report states a count or date outside its best chunk
    # (team claims score the same from 4 to 10 reports; 10 is every report of the hits)
    within_reports: int = 10
    within_per_report: int = 2


class ClaimChecker:
    """Check claims, or a whole draft, against one index.

    >>> checker = ClaimChecker(ReportQA.open(".reportqa/index"))
    >>> checker.check_draft("Wiltshire's 2022 inspection made 12 recommendations.").checks[0]
    """

    def __init__(self, qa: ReportQA, config: CheckConfig | None = None) -> None:
        self.qa = qa
        self.config = config or CheckConfig()

    def check_draft(self, draft: str, filters: Filters | None = None) -> CheckReport:
        """Every claim of a draft checked; citations numbered once across the draft.

        A claim that names no force is read as being about the one force the sentence or
        heading before it (in the same paragraph or section) named, as a reader would."""
        segments = tuple(split_draft(draft))
        book = CitationBook(self.qa.document_text)
        checks, notes, applied = [], [], {}
        subject = ""
        for segment in segments:
            if segment.kind is SegmentKind.BLANK:
                continue
            named = find_forces(segment.text)
            if segment.kind is not SegmentKind.CLAIM:
                subject = named[0] if len(named) == 1 else subject
                continue
            about = "" if named else subject
            check, found = self.check_claim(segment.text.strip(), filters, book, about=about)
            checks.append(replace(check, line=segment.line))
            subject = named[0] if len(named) == 1 else subject
            applied = found["filters"]
            notes += [note for note in found["notes"] if note not in notes]
        return CheckReport(segments, tuple(checks), applied, tuple(notes))

    def check_claim(
        self,
        claim: str,
        filters: Filters | None = None,
        book: CitationBook | None = None,
        *,
        about: str = "",
    ) -> tuple[ClaimCheck, dict[str, Any]]:
        """One claim's check, and the search's filters and notes; ``about`` names the
        force the claim is about when it does not say (from the draft around it). A claim
        joining statements the whole does not support is checked statement by statement:
        one supported and another not found is partly supported."""
        book = book or CitationBook(self.qa.document_text)
        check, found = self._check(f"{claim} ({about})" if about else claim, filters, book)
        parts = statements(claim)
        if len(parts) > 1 and check.verdict in self.config.split_when:
            subject = about or subject_of(claim) or ""
            checks = [
                self._check(
                    p if subject_of(p) or not subject else f"{p} ({subject})", filters, book
                )[0]
                for p in parts
            ]
            check = joined(check, checks)
        return replace(check, claim=claim), found

    def _check(
        self, text: str, filters: Filters | None, book: CitationBook
    ) -> tuple[ClaimCheck, dict[str, Any]]:
        result = self.qa.search(text, k=self.config.hits, filters=filters, infer=False)
        found = {"filters": result.filters, "notes": result.notes}
        facts = stated_facts(text)
        asked = frozenset(a for f in facts if (a := answered_by(f.kind)) is not None)
        scorer = self.qa.answerer.scorer
        hits = widened(
            text,
            result.hits,
            self.qa.searcher.within,
            scorer.stems,
            self.config.within_reports,
            self.config.within_per_report,
        )
        evidence = scorer.score_query(scorer.query_text(text, asked), hits)
        readings = self.readings(text, evidence[: self.config.units], facts)
        best = self._tabled(text, facts) or self.best(readings, text)
        if not (best and of_another_force(best)):
            missing = missing_subject(text, result.hits, self._hits_naming)
            if missing is not None:
                note = f"{missing} is not in the indexed reports"
                return ClaimCheck(text, ClaimVerdict.NOT_FOUND, note=note), found
        return self._result(text, best, book), found

    def _tabled(self, text: str, facts: Sequence[StatedFact]) -> Reading | None:
        """The grades or facts table's reading of a claim it can judge (a force's grade
        in a cycle, its moves into and out of Engage, its inspection's inspector), else
        None."""
        grades = getattr(self.qa, "grades", None)
        graded = graded_reading(text, facts, grades().rows) if grades is not None else None
        table = getattr(self.qa, "facts", None)
        if graded is not None or table is None or len(statements(text)) > 1:
            return graded
        rows = table().rows
        return monitored_reading(text, facts, rows) or inspector_reading(text, facts, rows)

    def _hits_naming(self, subject: str) -> Sequence[Hit]:
        return self.qa.search(subject, k=self.config.hits, infer=False).hits

    def best(self, readings: Sequence[Reading], claim: str = "") -> Reading | None:
        """The reading that fits best, or a stronger verdict nearly as close: a supporting
        one within ``margin``, else a contradicting one within ``contra_margin``. A reading
        of a report whose title or date names the claim's time fits better."""
        found = [r for r in readings if r.verdict is not ClaimVerdict.NOT_FOUND]
        if not found:
            return max(readings, key=lambda r: r.overlap, default=None)
        times = [f for f in stated_facts(claim) if f.kind in TIMES]
        found = of_the_dated_report(found, times, self.qa.document_text)
        fit = {id(r): r.fit + self._period_bonus(r, times) for r in found}
        top = max(fit.values())
        for verdict, margin in (
            (ClaimVerdict.SUPPORTED, self.config.margin),
            (ClaimVerdict.CONTRADICTED, self.config.contra_margin),
        ):
            near = [r for r in found if r.verdict is verdict and fit[id(r)] >= top - margin]
            if near:
                return max(near, key=lambda r: fit[id(r)])
        return max(found, key=lambda r: fit[id(r)])

    def _period_bonus(self, reading: Reading, times: Sequence[StatedFact]) -> float:
        if not times:
            return 0.0
        meta = reading.units[0].hit.meta
        titled = [f for f in stated_facts(meta.title) if f.kind in TIMES]
        if any(compatible(t, f) for t in times for f in titled):
            return self.config.period_bonus
        if meta.year and any(
            compatible(t, StatedFact(Fact.YEAR, str(meta.year), "")) for t in times
        ):
            return self.config.period_bonus / 2
        return 0.0

    # -- reading the evidence ---------------------------------------------------------
    def readings(
        self, claim: str, evidence: Sequence[Evidence], facts: Sequence[StatedFact]
    ) -> list[Reading]:
        """The claim against each of the best sentences of the top reports."""
        by_report: dict[str, list[Evidence]] = {}
        for item in evidence:
            by_report.setdefault(item.doc_id, []).append(item)
        topic = topic_stems(claim, facts)
        return [
            self.read(claim, topic, primary)
            for units in list(by_report.values())[: self.config.reports]
            for primary in units[: self.config.per_report]
        ]

    def read(self, claim: str, topic: set[str], primary: Evidence) -> Reading:
        """The claim against one sentence; its report's metadata and the sentences around
        it may add facts, but only the sentence can state one otherwise. A sentence
        opening a list is read with each item in turn, the strongest reading kept."""
        found = [self._read(claim, topic, primary, near) for near in windows(primary)]
        return max(found, key=lambda r: _RANK[r.verdict])

    def _read(self, claim: str, topic: set[str], primary: Evidence, window: Window) -> Reading:
        meta = primary.hit.meta
        opening = primary.text.rstrip().removesuffix(":") if window.joined else primary.text
        text = " ".join((opening, *(u.text for u in window.joined)))  # "of the 12 7 had been met;"
        nearby = " ".join(u.text for u in window.around)
        background = f"{meta_text(meta)} {primary.hit.chunk.section}"  # "The 2018 inspection"
        facts = compare_facts(claim, text, background, meta.forces, nearby=nearby, both_ways=True)
        facts = of_other_edition(of_other_areas(facts, claim, text), claim, text, meta.title)
        overlap = share(topic, f"{text} {nearby} {meta.title}")
        said = share(topic, f"{text} {meta.title}")
        verdict = self.verdict(facts, overlap, said, primary.similarity, meta.forces)
        units = (primary, *window.joined, *(u for u in window.around if adds(u, facts)))
        own = share(topic, text)
        return Reading(units, facts, overlap, primary.similarity, verdict, own + primary.similarity)

    def verdict(
        self,
        facts: FactCheck,
        overlap: float,
        said: float,
        similarity: float,
        forces: Sequence[str] = (),
    ) -> ClaimVerdict:
        """What one passage says of the claim. ``overlap``: the share of the claim's topic
        words in the passage, the sentences around it and its report's title; ``said``:
        in the sentence and title alone."""
        config = self.config
        if overlap < config.topic_min and similarity < config.similarity_min:
            return ClaimVerdict.NOT_FOUND
        far = similarity < config.similarity_floor  # may say otherwise, never support
        if (far and said < config.topic_sure) or not states_point(facts):
            return ClaimVerdict.NOT_FOUND
        if other_force(facts, forces):  # a report or sentence on another force
            same = not facts.absent and said >= config.support_min
            only_force = all(mine.kind is Fact.FORCE for mine, _ in facts.differing)
            return ClaimVerdict.CONTRADICTED if same and only_force else ClaimVerdict.NOT_FOUND
        if facts.differing:
            timed = all(m.kind in TIMES for m, _ in facts.differing)
            if timed and said < config.time_min and similarity < config.time_similarity:
                return ClaimVerdict.NOT_FOUND  # another time of something else on the topic
            return ClaimVerdict.CONTRADICTED
        if facts.absent or overlap < config.support_min or said < config.own_min or far:
            return ClaimVerdict.PARTLY
        return ClaimVerdict.SUPPORTED

    # -- the result -----------------------------------------------------------------
    def _result(self, claim: str, reading: Reading | None, book: CitationBook) -> ClaimCheck:
        if reading is None:
            return ClaimCheck(claim, ClaimVerdict.NOT_FOUND)
        if reading.verdict is ClaimVerdict.NOT_FOUND:
            return ClaimCheck(claim, reading.verdict, overlap=round(reading.overlap, 3))
        numbers = [book.cite(unit) for unit in reading.units]
        by_n = {c.n: c for c in book.citations}
        return ClaimCheck(
            claim,
            reading.verdict,
            tuple(by_n[n] for n in dict.fromkeys(numbers) if n is not None),
            matching=tuple(label(f) for f in reading.facts.matching),
            differences=tuple(
                difference(pair, reading, numbers) for pair in reading.facts.differing
            ),
            absent=tuple(label(f) for f in reading.facts.absent),
            overlap=round(reading.overlap, 3),
            similarity=round(reading.similarity, 3),
        )

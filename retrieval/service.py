"""ReportQA: one object to open an index and search it or ask it questions.

Everything a user sees (CLI, web UI, evaluation) goes through here, so the CLI's
``--json`` and the UI show the same answer objects.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.manifest import Manifest
from index.opening import open_index
from index.settings import IndexSettings
from index.types import Answer, Hit, Kind
from retrieval.answer.answerer import ExtractiveAnswerer
from retrieval.answer.cite import check_answer
from retrieval.answer.evidence import EvidenceScorer
from retrieval.answer.lists import union
from retrieval.config import QAConfig
from retrieval.facts.table import FactTable
from retrieval.grades.answers import sentence_states
from retrieval.grades.table import GradeTable
from retrieval.plan import (
    Plan,
    describe_filters,
    no_match_note,
    widened_note,
    widenings,
)
from retrieval.question.reading import Question, read_question
from retrieval.search.filters import Filters
from retrieval.search.hybrid import HybridSearcher
from retrieval.search.revision import RevisionTexts, committed_revision
from retrieval.tables import Tables

if TYPE_CHECKING:
    from index.embed import Embedder
    from retrieval.answer.generate import LLMAnswerer


@dataclass
class SearchResult:
    hits: list[Hit]
    filters: dict[str, Any]
    notes: list[str] = field(default_factory=list)


class ReportQA:
    """Search and cited answers over one index.

    >>> qa = ReportQA.open(".reportqa/index")
    >>> qa.ask("Which forces lack specialist detectives?").table[0].force
    """

    def __init__(
        self,
        settings: IndexSettings,
        manifest: Manifest,
        searcher: HybridSearcher,
        answerer: ExtractiveAnswerer,
        llm: LLMAnswerer | None = None,
    ) -> None:
        self.settings = settings
        self.manifest = manifest
        self.searcher = searcher
        self.answerer = answerer
        self.llm = llm
        self.tables = Tables(manifest, searcher, answerer.text_of)
        self._following = threading.Lock()

    @classmethod
    def open(
        cls,
        settings: IndexSettings | str | Path,
        *,
        embedder: Embedder | None = None,
        config: QAConfig | None = None,
        reranker: str | None = None,
        llm: str | None = None,
    ) -> ReportQA:
        """Open the index at ``settings`` (or a folder path) for search and answers."""
        config = config or QAConfig()
        index = open_index(settings, embedder=embedder)
        manifest = index.manifest
        searcher = HybridSearcher(
            index.embedder,
            index.store,
            manifest,
            index.lexical,
            manifest.documents(),
            config.search,
            reranker=_load_reranker(reranker),
        )
        text_of = RevisionTexts(manifest.document_text, lambda: searcher.revision.number)
        scorer = EvidenceScorer(index.embedder, config.scorer, stored=manifest.unit_vectors)
        answerer = ExtractiveAnswerer(scorer, text_of, config.answer)
        return cls(index.settings, manifest, searcher, answerer, _load_llm(llm))

    def close(self) -> None:
        self.manifest.close()

    def follow(self) -> bool:
        """Pick up what a `reportqa index` run committed since the index was opened (or
        last followed): its vectors, BM25 and documents, all read after the commit; a
        run still writing is not followed. True if a new revision is searched now."""
        with self._following:
            revision = committed_revision(
                self.manifest, self.settings.lexical_path, self.searcher.revision
            )
            if revision is None:
                return False
            self.searcher.reload(revision)
            return True

    @property
    def config(self) -> QAConfig:
        """The knobs in force (search, answer, scorer)."""
        scorer = self.answerer.scorer.config
        return QAConfig(self.searcher.config, self.answerer.config, scorer)

    def configure(self, config: QAConfig) -> None:
        """Use other knobs from now on (the index stays open; caches are kept)."""
        self.searcher.config = config.search
        self.answerer.config = config.answer
        self.answerer.scorer.config = config.scorer

    # documents --------------------------------------------------------------
    def document_text(self, doc_id: str) -> str | None:
        """The full extracted text of a report, as its citations' offsets refer to it."""
        return self.answerer.text_of(doc_id)

    def info(self) -> dict[str, Any]:
        from index.info import index_info

        return index_info(self.settings)

    # search -----------------------------------------------------------------
    def plan(self, question: str, filters: Filters | None = None, kind: Kind | None = None) -> Plan:
        """Explicit ``filters`` exclude; what the question implies is preferred, and a
        preference that fits no report is dropped with a note."""
        read = read_question(question, filters, kind)
        k, per_doc = self.answerer.config.search_breadth(read.kind)
        explicit = read.filters
        empty = not explicit.is_empty() and not self.searcher.matching_docs(explicit)
        prefer, notes = self._widen(read.inferred, explicit)
        return Plan(read, k, per_doc, empty, prefer, notes)

    def _widen(self, inferred: Filters, explicit: Filters) -> tuple[Filters, tuple[str, ...]]:
        """The inferred filters, less years, then report kinds, then forces, until some
        report fits them; a note says what was dropped."""
        for relaxed in widenings(inferred):
            if relaxed.is_empty() or self.searcher.preferred_docs(relaxed, explicit):
                dropped = relaxed != inferred
                return relaxed, (widened_note(inferred, relaxed),) if dropped else ()
        return Filters(), ()

    def search(
        self, query: str, *, k: int = 10, filters: Filters | None = None, infer: bool = True
    ) -> SearchResult:
        """Ranked passages; filters inferred from the query unless ``infer`` is False."""
        self.follow()
        plan = self.plan(query, filters) if infer else self.plan_explicit(query, filters)
        if plan.empty_filter:
            return SearchResult([], describe_filters(plan), [no_match_note(plan.filters)])
        hits = self.searcher.search(query, k=k, filters=plan.filters, prefer=plan.prefer)
        return SearchResult(hits, describe_filters(plan), list(plan.notes))

    def plan_explicit(self, query: str, filters: Filters | None) -> Plan:
        """A search by the given filters alone (nothing read from the query)."""
        applied = filters or Filters()
        empty = not applied.is_empty() and not self.searcher.matching_docs(applied)
        return Plan(Question(query, Kind.LOOKUP, frozenset(), filters=applied), 10, None, empty)

    # answers ----------------------------------------------------------------
    def retrieve(self, plan: Plan) -> list[Hit]:
        """The hits for the question; after the question's own, a lookup that asks two
        things gets the hits for each part, and a "how many X" lookup the chunks of its
        two best reports that name X most."""
        if plan.empty_filter:
            return []
        hits = self._search(plan, plan.question.text, plan.k)
        if plan.kind is Kind.LOOKUP:
            more = [
                self._search(plan, part.text, self.answerer.config.part_hits)
                for part in plan.question.parts
            ]
            counted = plan.question.counted
            if counted:  # "how many recommendations": where the best reports count them
                best = list(dict.fromkeys(hit.chunk.doc_id for hit in hits))[:2]
                more.append(self.searcher.within(" ".join(counted), set(best), 2 * len(best)))
            seen = {hit.chunk.chunk_id for hit in hits}
            for hit in (hit for found in more for hit in found):
                if hit.chunk.chunk_id not in seen:
                    seen.add(hit.chunk.chunk_id)
                    hits.append(hit)
        return hits

    def _search(self, plan: Plan, query: str, k: int) -> list[Hit]:
        return self.searcher.search(
            query, k=k, filters=plan.filters, per_doc=plan.per_doc, prefer=plan.prefer
        )

    def compose(self, plan: Plan, hits: list[Hit]) -> Answer:
        """The answer from the hits, or the refusal the gate finds first."""
        no_match = no_match_note(plan.filters) if plan.empty_filter else None
        answer = self.answerer.answer(
            plan.question,
            hits,
            not_stated=self.tables.not_stated(plan),
            no_match=no_match,
            entries=self.tables.timeline(plan),
        )
        if self.llm is not None and not answer.refused:
            answer = self.llm.rewrite(answer, hits)
        if not plan.empty_filter:
            answer.notes[:0] = plan.notes
        answer.filters = describe_filters(plan)
        return check_answer(answer, self.document_text)

    def grades(self) -> GradeTable:
        """Every stated grade of the index, verified, conflicts flagged (read once per
        revision: a table read before a switch is not served after it)."""
        return self.tables.grades()

    def facts(self) -> FactTable:
        """Every stated fact of the index (Engage, dates, people, figures, counts)."""
        return self.tables.facts()

    def current_grades(self) -> GradeTable:
        """The grades table of the index as it is now (a new revision is followed)."""
        self.follow()
        return self.grades()

    def from_grades(self, plan: Plan) -> Answer | None:
        """The answer the grades table gives a grade question (None: not one, or nothing
        in the table fits)."""
        return self.tables.from_grades(plan)

    def ask(self, question: str, filters: Filters | None = None) -> Answer:
        """A cited answer (or a refusal saying why): plan → retrieve → compose; grade
        and fact questions are answered from the tables when they hold an answer, a
        list question with the rows sentences add for the forces the tables lack."""
        started = time.perf_counter()
        self.follow()
        plan = self.plan(question, filters)
        tables = self.tables  # a trend or comparison reads them in its timeline
        timeline = plan.kind in (Kind.TREND, Kind.COMPARE)
        tabled = None if timeline else tables.from_grades(plan) or tables.from_facts(plan)
        if tabled is None:
            answer = self.compose(plan, self.retrieve(plan))
        elif plan.kind is Kind.AGGREGATE:
            answer = self._with_sentences(plan, tabled)
        else:
            answer = tabled
        answer.timings_ms["total"] = (time.perf_counter() - started) * 1000
        return answer

    def _with_sentences(self, plan: Plan, tabled: Answer) -> Answer:
        """A table's list with the forces only sentences name (those stating the asked
        fact: a named grade, Engage, the person, a count or share within the bound)."""
        sentences = self.compose(plan, self.retrieve(plan))
        asked, facts = plan.question.grades, plan.question.fact_request
        if asked is not None:
            meta = {c.n: c.meta for c in sentences.citations}
            sentences.table = [
                row
                for row in sentences.table
                if sentence_states(asked, row.text, meta[row.citations[0]])
            ]
        elif facts is not None:
            sentences.table = [  # the title may say it: "Kent PCC welcomes the report"
                row for row in sentences.table if facts.carried_by(f"{row.title}\n{row.text}")
            ]
        return check_answer(union(tabled, sentences), self.document_text)


def _load_reranker(path: str | None) -> Any:
    if not path:
        return None
    from retrieval.search.rerank import Reranker

    return Reranker(path)


def _load_llm(spec: str | None) -> LLMAnswerer | None:
    if not spec:
        return None
    from retrieval.answer.generate import LLMAnswerer

    return LLMAnswerer.from_spec(spec)

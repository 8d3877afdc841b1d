"""Run systems over labelled questions and score each answer.

Each question goes through a system twice: a search (doc-level recall@k and MRR
of the gold reports) and an answer (citations, must-mention coverage, forces
listed, refusals, verbatim quotes, latency). ``evaluate`` runs reportqa and,
optionally, the vanilla baseline, and hands the rows to ``report.build_report``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from evaluation import metrics
from evaluation.questions import ANSWER_KINDS, Question
from evaluation.report import build_report
from index.errors import GroundingError, ReportQAError
from index.lexicon.layout import markers
from index.lexicon.span import blank
from index.types import Answer, Refusal, RefusalReason, TextOf
from retrieval.answer.cite import is_verbatim
from retrieval.answer.lists import NOT_FORCES

if TYPE_CHECKING:
    from retrieval.service import ReportQA

log = logging.getLogger(__name__)


# systems --------------------------------------------------------------------
class System(Protocol):
    """What the evaluation needs from a question-answering pipeline."""

    name: str

    def ranked_docs(self, question: str, k: int) -> list[str]: ...

    def answer(self, question: str) -> Answer: ...


class ReportQASystem:
    """reportqa itself: hybrid search for ranking, ``ask`` for answers."""

    name = "reportqa"

    def __init__(self, qa: ReportQA) -> None:
        self.qa = qa

    def ranked_docs(self, question: str, k: int) -> list[str]:
        hits = self.qa.search(question, k=k).hits
        return metrics.unique_in_order(h.meta.doc_id for h in hits)

    def answer(self, question: str) -> Answer:
        return self.qa.ask(question)


# scoring one question -------------------------------------------------------
def answer_text(answer: Answer) -> str:
    """Everything a reader sees: the answer, its table rows and its quotes, less the
    citation markers (a "[8]" states no eight)."""
    parts = [blank(answer.answer, markers(answer.answer))]
    parts += [f"{row.force}: {row.text}" for row in answer.table]
    parts += [c.quote for c in answer.citations]
    return "\n".join(parts)


def answer_forces(answer: Answer) -> list[str]:
    """The forces an answer lists: its table rows, else the forces of the reports it cites."""
    if answer.table:
        return metrics.unique_in_order(row.force for row in answer.table)
    cited = (f for c in answer.citations for f in c.meta.forces)
    return metrics.unique_in_order(f for f in cited if f not in NOT_FORCES)


def verbatim_rate(answer: Answer, text_of: TextOf) -> float | None:
    """Share of the answer's citations quoted verbatim; None without citations."""
    if not answer.citations:
        return None
    return sum(is_verbatim(c, text_of) for c in answer.citations) / len(answer.citations)


def score(
    question: Question, ranked: list[str], answer: Answer, seconds: float, text_of: TextOf, k: int
) -> dict[str, Any]:
    """Every metric of one question for one system (None where it does not apply)."""
    gold = question.gold_docs
    cited = [c.meta.doc_id for c in answer.citations]
    answerable = question.kind != "unanswerable"
    row: dict[str, Any] = {
        "recall_at_k": metrics.recall_at_k(ranked, gold, k),
        "mrr": metrics.reciprocal_rank(ranked, gold),
        "citation_recall": metrics.citation_recall(cited, gold),
        "citation_precision": metrics.citation_precision(cited, gold),
        "must_mention": metrics.mention_coverage(answer_text(answer), question.must_mention),
        "entity_recall": None,
        "entity_precision": None,
        "refusal_rate": None if answerable else float(answer.refused),
        "false_refusal_rate": float(answer.refused) if answerable else None,
        "verbatim_rate": verbatim_rate(answer, text_of),
        "kind_accuracy": (
            float(answer.kind == question.kind)
            if answerable and answer.kind in ANSWER_KINDS
            else None
        ),
        "latency_ms": seconds * 1000,
    }
    if question.kind == "aggregate":
        recall, precision = metrics.entity_scores(answer_forces(answer), question.must_mention)
        row.update(entity_recall=recall, entity_precision=precision)
    return row


# running --------------------------------------------------------------------
def failed_answer(question: Question, exc: ReportQAError) -> Answer:
    """The refusal an answer that raised is scored as; its kind reads "error" in the rows."""
    refusal = Refusal(RefusalReason.ERROR, detail=str(exc))
    return Answer(question.question, "error", f"error: {exc}", refusal=refusal)  # not a Kind


def run_one(system: System, question: Question, text_of: TextOf, k: int) -> dict[str, Any]:
    """Search, then answer (timed); an answer that fails its own checks is scored, not raised."""
    ranked = system.ranked_docs(question.question, k)
    started = time.perf_counter()
    failed = None
    try:
        answer = system.answer(question.question)
    except ReportQAError as exc:  # e.g. a GroundingError: counted, not fatal
        failed = exc
        answer = failed_answer(question, exc)
    seconds = time.perf_counter() - started
    row = score(question, ranked, answer, seconds, text_of, k)
    if isinstance(failed, GroundingError):
        row["verbatim_rate"] = 0.0
    row.update(
        id=question.id,
        kind=question.kind,
        answer_kind=answer.kind,
        cited=metrics.unique_in_order(c.meta.doc_id for c in answer.citations),
        forces=answer_forces(answer),
        error=str(failed) if failed else None,
    )
    return row


def run_system(
    system: System, questions: Sequence[Question], text_of: TextOf, k: int
) -> list[dict[str, Any]]:
    """Score every question for one system, in order."""
    rows = []
    for i, question in enumerate(questions, start=1):
        rows.append(run_one(system, question, text_of, k))
        log.info("%s %d/%d %s", system.name, i, len(questions), question.id)
    return rows


def evaluate(
    qa: ReportQA, questions: Sequence[Question], k: int = 10, baseline: bool = True
) -> dict[str, Any]:
    """Run reportqa (and the vanilla baseline) over questions; a JSON-ready report."""
    systems: list[System] = [ReportQASystem(qa)]
    built = None
    if baseline:
        from evaluation.baseline import VanillaBaseline

        built = VanillaBaseline.build(qa)
        systems.append(built)
    try:
        rows = {s.name: run_system(s, questions, qa.document_text, k) for s in systems}
    finally:
        if built is not None:
            built.close()
    return build_report(k, len(questions), rows)

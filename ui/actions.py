"""What the web app does for a request: validate it, ask or search, and render the result.

Gradio-free, so it can be tested alone; ``ui.app`` wires it to components and to
the named API endpoints (``api_functions``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.types import Answer
from retrieval.search.filters import Filters
from ui import render
from ui.exports import ExportDir
from ui.settings import DEFAULTS
from ui.trend_chart import TrendChart, trend_chart
from ui.validate import InputError, check_question, filters_from_ui

if TYPE_CHECKING:
    from retrieval.service import ReportQA, SearchResult

MAX_K = 50


@dataclass
class AskView:
    """Everything the Ask tab shows for one answer."""

    answer: Answer
    filters: str
    body: str
    sources: str
    references: str
    chart: TrendChart | None  # the trend answer's plot, when it has one
    markdown: Path | None
    csv: Path | None


@dataclass
class SearchView:
    filters: str
    body: str
    count: int


class Actions:
    """Requests against one ReportQA, with the question length capped."""

    def __init__(
        self,
        qa: ReportQA,
        exports: ExportDir,
        max_question_chars: int = DEFAULTS.max_question_chars,
    ) -> None:
        self.qa = qa
        self.exports = exports
        self.max_chars = max_question_chars

    def implied(self, question: str | None) -> Filters:
        """The filters a question implies, as preferences (none for an empty or over-long one)."""
        text = (question or "").strip()
        if not text or len(text) > self.max_chars:
            return Filters()
        return self.qa.plan(text).inferred

    def ask(
        self,
        question: str | None,
        forces: list[str] | None = None,
        report_types: list[str] | None = None,
        year_from: float | None = None,
        year_to: float | None = None,
    ) -> Answer:
        text = check_question(question, self.max_chars)
        filters = filters_from_ui(forces, report_types, year_from, year_to)
        return self.qa.ask(text, filters=filters)

    def search(
        self,
        query: str | None,
        k: float | None = 10,
        forces: list[str] | None = None,
        report_types: list[str] | None = None,
        year_from: float | None = None,
        year_to: float | None = None,
    ) -> SearchResult:
        text = check_question(query, self.max_chars, what="search")
        count = int(k or 10)
        if not 1 <= count <= MAX_K:
            raise InputError(f"k must be between 1 and {MAX_K}, not {count}.")
        filters = filters_from_ui(forces, report_types, year_from, year_to)
        return self.qa.search(text, k=count, filters=filters)

    def ask_view(self, *args: Any) -> AskView:
        answer = self.ask(*args)
        markdown, csv = self.exports.write(answer) if answer.citations else (None, None)
        return AskView(
            answer=answer,
            filters=render.filters_html(answer.filters),
            body=render.answer_html(answer),
            sources=render.sources_html(answer, self.qa.document_text),
            references=render.references_text(answer),
            chart=trend_chart(answer),
            markdown=markdown,
            csv=csv,
        )

    def search_view(self, *args: Any) -> SearchView:
        result = self.search(*args)
        body = render.hits_html(result.hits, result.notes)
        return SearchView(render.filters_html(result.filters, "search"), body, len(result.hits))


def api_functions(actions: Actions) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The typed functions behind the ``ask`` and ``search`` API endpoints."""

    def ask(
        question: str,
        forces: list[str] | None = None,
        report_types: list[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> dict[str, Any]:
        """A cited answer, as `reportqa ask --json` prints it.

        Args:
            question: the question, in plain English
            forces: only reports about these forces (names or aliases such as "the Met")
            report_types: only these report types (e.g. "PEEL inspection")
            year_from: only reports published in or after this year
            year_to: only reports published in or before this year
        """
        return actions.ask(question, forces, report_types, year_from, year_to).to_dict()

    def search(
        query: str,
        k: int = 10,
        forces: list[str] | None = None,
        report_types: list[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> list[dict[str, Any]]:
        """Ranked passages, as `reportqa search --json` prints them.

        Args:
            query: what to look for
            k: how many passages (1-50)
            forces: only reports about these forces
            report_types: only these report types
            year_from: only reports published in or after this year
            year_to: only reports published in or before this year
        """
        result = actions.search(query, k, forces, report_types, year_from, year_to)
        return [hit.to_dict() for hit in result.hits]

    return ask, search

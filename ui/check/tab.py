"""The Check a draft tab: paste a draft, see each sentence coloured by verdict, open one to
see its evidence, download the annotated Markdown (and a CSV of the verdicts).

The filters set by hand above the tabs apply, as for questions and searches, and the tab
says which it applied. A claim's own words ("in 2019") are not read as filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from retrieval.check.checker import ClaimChecker
from ui import render
from ui.check.format import to_csv, to_markdown
from ui.check.render import CHECK_CSS, report_html, summary_html
from ui.exports import ExportDir
from ui.filter_panel import FilterPanel
from ui.validate import check_question, filters_from_ui
from ui.widgets import friendly

if TYPE_CHECKING:
    from retrieval.service import ReportQA

MAX_DRAFT_CHARS = 20_000
EXAMPLE = (
    "# Child protection\n\n"
    "Wiltshire Police lacked trained detectives in its public protection department. "
    "The 2022 inspection of Wiltshire Police made 12 recommendations.\n"
)
INTRO = (
    "Paste a draft (Markdown or plain text). Each sentence is checked against the reports: "
    "<b>supported</b>, <b>partly supported</b>, <b>contradicted</b> (a report states another "
    "figure, date, grade, force or a negation) or <b>not found</b>. Click a sentence to see "
    "its evidence. Only the filters you set above apply."
)


@dataclass
class CheckTab:
    draft: gr.Textbox
    submit: gr.Button
    applied: gr.HTML
    summary: gr.HTML
    results: gr.HTML
    markdown: gr.DownloadButton
    csv: gr.DownloadButton

    @property
    def outputs(self) -> list[Any]:
        return [self.applied, self.summary, self.results, self.markdown, self.csv]


def check_tab() -> CheckTab:
    with gr.Tab("Check a draft", elem_id="rq-check-tab"):
        gr.HTML(f"{CHECK_CSS}<p>{INTRO}</p>", js_on_load=None)
        draft = gr.Textbox(
            label="Draft",
            placeholder=EXAMPLE,
            lines=8,
            max_length=MAX_DRAFT_CHARS,
            elem_id="rq-draft",
        )
        with gr.Row():
            submit = gr.Button("Check", variant="primary", elem_id="rq-check", scale=0)
            markdown = gr.DownloadButton(
                "Download annotated Markdown", visible=False, size="sm", elem_id="rq-check-md"
            )
            csv = gr.DownloadButton("Download CSV", visible=False, size="sm")
        applied = gr.HTML(elem_id="rq-check-applied", js_on_load=None)
        summary = gr.HTML(elem_id="rq-check-summary", js_on_load=None)
        results = gr.HTML(elem_id="rq-check-results", js_on_load=None)
    return CheckTab(draft, submit, applied, summary, results, markdown, csv)


def check_outputs(
    qa: ReportQA, exports: ExportDir, draft: str | None, *filters: Any
) -> tuple[Any, ...]:
    """Check the draft under the panel's filters; the downloads are written to ``exports``."""
    text = check_question(draft, MAX_DRAFT_CHARS, what="draft")
    applied = filters_from_ui(*filters)
    report = ClaimChecker(qa).check_draft(text, filters=applied)
    markdown, table = exports.write_pair(_title(text), to_markdown(report), to_csv(report))
    return (
        render.filters_html(applied.describe() if applied else {}),
        summary_html(report),
        report_html(report),
        _download(markdown),
        _download(table),
    )


def _title(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "draft")
    return f"checked {first.strip().lstrip('#').strip()}"


def _download(path: Path) -> dict[str, Any]:
    return gr.update(value=str(path), visible=True)


def check_notice(message: str) -> tuple[Any, ...]:
    hidden = gr.update(value=None, visible=False)
    return "", "", render.notice_html(message), hidden, hidden


def wire_check(qa: ReportQA, exports: ExportDir, panel: FilterPanel, tab: CheckTab) -> None:
    def show(draft: str | None, *filters: Any) -> tuple[Any, ...]:
        return check_outputs(qa, exports, draft, *filters)

    tab.submit.click(
        friendly(show, notice=check_notice),
        [tab.draft, *panel.fields],
        tab.outputs,
        api_visibility="private",
    )

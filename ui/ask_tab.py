"""The Ask tab: a question, its cited answer, a trend chart, sources and exports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from ui import render
from ui.actions import Actions, AskView
from ui.filter_panel import FilterPanel
from ui.style import COPY_JS
from ui.trend_chart import TrendChart
from ui.widgets import friendly

EXAMPLES = [
    "Which forces lack specialist detectives?",
    "What did the inspectorate find about custody healthcare in Lincolnshire?",
    "How did Kent's crime recording change between 2017 and 2019?",
    "What are the main concerns about vetting and misconduct?",
]


@dataclass
class AskTab:
    question: gr.Textbox
    submit: gr.Button
    read: gr.HTML  # what the question implies, as it is typed
    applied: gr.HTML
    answer: gr.HTML
    plot: gr.ScatterPlot
    sources: gr.HTML
    references: gr.Textbox
    markdown: gr.DownloadButton
    csv: gr.DownloadButton
    cycle_plot: gr.ScatterPlot  # grades from the grades table, by inspection cycle

    @property
    def outputs(self) -> list[Any]:
        return [
            self.applied,
            self.answer,
            self.plot,
            self.sources,
            self.references,
            self.markdown,
            self.csv,
            self.cycle_plot,
        ]


def ask_tab(max_chars: int) -> AskTab:
    with gr.Row(equal_height=True):
        question = gr.Textbox(
            label="Question",
            placeholder="e.g. Which forces lack specialist detectives?",
            max_length=max_chars,
            scale=5,
            autofocus=True,
            elem_id="rq-question",
        )
        submit = gr.Button("Ask", variant="primary", scale=1, elem_id="rq-ask")
    read = gr.HTML(elem_id="rq-read", js_on_load=None)
    gr.Examples(EXAMPLES, inputs=[question], label="Examples", api_visibility="private")
    applied = gr.HTML(elem_id="rq-applied", js_on_load=None)
    with gr.Row():
        with gr.Column(scale=3):
            answer = gr.HTML(elem_id="rq-answer", js_on_load=None)
            plot = gr.ScatterPlot(
                x="Date",
                y="Grade",
                color="Force",
                x_title="Report date",
                visible=False,
                height=300,
                elem_id="rq-trend",
                show_label=False,
            )
            # Its own plot: Gradio's plot draws stale data when an update changes x's type.
            cycle_plot = gr.ScatterPlot(
                x="Cycle",
                y="Grade",
                color="Force",
                x_title="Inspection cycle",
                visible=False,
                height=300,
                elem_id="rq-grade-trend",
                show_label=False,
            )
            with gr.Row():
                markdown = gr.DownloadButton("Download Markdown", visible=False, size="sm")
                csv = gr.DownloadButton("Download CSV", visible=False, size="sm")
        with gr.Column(scale=2):
            gr.HTML("<h3>Sources</h3>", js_on_load=None)
            sources = gr.HTML(elem_id="rq-sources", js_on_load=COPY_JS)
            references = gr.Textbox(
                label="All citations, briefing style",
                lines=3,
                buttons=["copy"],
                interactive=False,
                visible=False,
            )
    return AskTab(
        question,
        submit,
        read,
        applied,
        answer,
        plot,
        sources,
        references,
        markdown,
        csv,
        cycle_plot,
    )


def ask_notice(message: str) -> tuple[Any, ...]:
    """The Ask tab's outputs when a request is refused: the message, nothing else."""
    hidden = gr.update(value=None, visible=False)
    return "", render.notice_html(message), hidden, "", hidden, hidden, hidden, hidden


def ask_outputs(view: AskView) -> tuple[Any, ...]:
    return (
        view.filters,
        view.body,
        chart_update(view.chart),
        view.sources,
        gr.update(value=view.references, visible=bool(view.references)),
        gr.update(value=view.markdown, visible=view.markdown is not None),
        gr.update(value=view.csv, visible=view.csv is not None),
        chart_update(view.chart, x="Cycle"),
    )


def chart_update(chart: TrendChart | None, x: str = "Date") -> dict[str, Any]:
    """The plot of axis ``x`` shows a trend answer's grades or figures when they are drawn
    on that axis (report dates, or inspection cycles), and hides for anything else."""
    if chart is None or chart.x != x:
        return gr.update(value=None, visible=False)
    return gr.update(
        value=chart.frame,
        sort=chart.sort,
        y=chart.y,
        y_title=chart.y_title,
        title=chart.title,
        caption=chart.caption,
        x_lim=chart.x_lim,
        y_lim=chart.y_lim,
        tooltip=chart.tooltip,
        visible=True,
    )


def wire_ask(actions: Actions, panel: FilterPanel, tab: AskTab) -> None:
    """Answer under the filters the user set; what the question implies is only preferred."""

    def show_answer(*args: Any, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        progress(0.05, desc="Searching the reports…")
        return ask_outputs(actions.ask_view(*args))

    inputs = [tab.question, *panel.fields]
    for trigger in (tab.question.submit, tab.submit.click):
        trigger(
            friendly(show_answer, notice=ask_notice),
            inputs,
            tab.outputs,
            api_visibility="private",
        )

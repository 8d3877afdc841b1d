"""The filter fields above the tabs: set by the user only, they apply in every tab.

What a question implies ("in 2019", "in Kent") is that question's preference: it is shown
under the question as the user types (:func:`read_from_question`) and beside its answer,
never written into these fields, so it cannot become a hard filter of another tab.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr

from index.report_types import REPORT_TYPES
from ui import render
from ui.actions import Actions
from ui.widgets import QUIET, friendly


@dataclass
class FilterPanel:
    forces: gr.Dropdown
    report_types: gr.Dropdown
    year_from: gr.Dropdown
    year_to: gr.Dropdown
    clear: gr.Button

    @property
    def fields(self) -> list[Any]:
        return [self.forces, self.report_types, self.year_from, self.year_to]


def filter_panel(forces: list[str], years: list[int]) -> FilterPanel:
    title = "Filters (set by you; they apply in every tab)"
    with gr.Accordion(title, open=True), gr.Row(equal_height=True):
        force = gr.Dropdown(
            forces, value=[], multiselect=True, label="Forces", scale=3, elem_id="rq-forces"
        )
        types = gr.Dropdown(
            list(REPORT_TYPES),
            value=[],
            multiselect=True,
            label="Report types",
            scale=3,
            elem_id="rq-types",
        )
        since = year_field("Year from", years, "rq-year-from")
        until = year_field("Year to", years, "rq-year-to")
        clear = gr.Button("Clear filters", size="sm", scale=1, elem_id="rq-clear-filters")
    return FilterPanel(force, types, since, until, clear)


def year_field(label: str, years: list[int], elem_id: str) -> gr.Dropdown:
    """A year picked from the index's years or typed (blank: no bound)."""
    return gr.Dropdown(
        [str(y) for y in years],
        value=None,
        label=label,
        allow_custom_value=True,
        elem_id=elem_id,
        min_width=130,
        scale=1,
    )


def read_from_question(actions: Actions) -> Callable[[str | None], str]:
    """The line under the question: the filters it implies, as preferences."""

    def read(text: str | None) -> str:
        return render.read_html(actions.implied(text).describe())

    return friendly(read, notice=lambda message: "")


def wire_filters(actions: Actions, panel: FilterPanel, question: Any, read: gr.HTML) -> None:
    """The question's line follows it as it is typed; the button empties the fields."""
    question.change(read_from_question(actions), [question], [read], **QUIET)
    panel.clear.click(lambda: ([], [], None, None), None, panel.fields, **QUIET)

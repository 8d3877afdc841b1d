"""The filter fields above the tabs: filled in from the question until the user edits one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr

from index.report_types import REPORT_TYPES
from ui.actions import Actions
from ui.widgets import QUIET, friendly


@dataclass
class FilterPanel:
    forces: gr.Dropdown
    report_types: gr.Dropdown
    year_from: gr.Dropdown
    year_to: gr.Dropdown
    pinned: gr.State  # True once the user edits a filter: the question stops overwriting them
    reset: gr.Button

    @property
    def fields(self) -> list[Any]:
        return [self.forces, self.report_types, self.year_from, self.year_to]


def filter_panel(forces: list[str], years: list[int]) -> FilterPanel:
    title = "Filters (filled in from the question; edit to override)"
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
        reset = gr.Button("Follow the question", size="sm", scale=1)
    return FilterPanel(force, types, since, until, gr.State(False), reset)


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


def question_filters(actions: Actions) -> Callable[[str, bool], tuple[Any, ...]]:
    """The filter fields' new values for a question (unchanged once the user pinned them)."""

    def follow(text: str, pinned: bool) -> tuple[Any, ...]:
        if pinned:
            return (gr.skip(),) * 4
        inferred = actions.prefill(text)
        since, until = (str(y) if y is not None else None for y in (inferred.since, inferred.until))
        return list(inferred.forces), list(inferred.report_types), since, until

    return friendly(follow, notice=lambda message: (gr.skip(),) * 4)


def wire_filters(follow: Callable[..., tuple[Any, ...]], panel: FilterPanel, question: Any) -> None:
    """The question fills the filters until the user edits one; the button re-follows."""

    def unpin(text: str) -> tuple[Any, ...]:
        return (*follow(text, False), False)

    question.change(follow, [question, panel.pinned], panel.fields, **QUIET)
    for field in panel.fields:
        field.input(lambda: True, None, panel.pinned, **QUIET)
    panel.reset.click(unpin, [question], [*panel.fields, panel.pinned], **QUIET)

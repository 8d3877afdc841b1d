"""The Search tab: ranked passages for a query, under the same filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from ui import render
from ui.actions import MAX_K, Actions
from ui.filter_panel import FilterPanel
from ui.widgets import friendly


@dataclass
class SearchTab:
    query: gr.Textbox
    k: gr.Slider
    submit: gr.Button
    applied: gr.HTML
    results: gr.HTML


def search_tab(max_chars: int) -> SearchTab:
    with gr.Row(equal_height=True):
        query = gr.Textbox(
            label="Search the reports",
            placeholder="e.g. custody healthcare",
            max_length=max_chars,
            scale=5,
            elem_id="rq-query",
        )
        k = gr.Slider(1, MAX_K, value=10, step=1, label="Passages", scale=1, min_width=220)
        submit = gr.Button("Search", variant="primary", scale=1)
    applied = gr.HTML(elem_id="rq-search-applied", js_on_load=None)
    results = gr.HTML(elem_id="rq-results", js_on_load=None)
    return SearchTab(query, k, submit, applied, results)


def wire_search(actions: Actions, panel: FilterPanel, tab: SearchTab) -> None:
    def show_passages(*args: Any) -> tuple[str, str]:
        view = actions.search_view(*args)
        return view.filters, view.body

    inputs = [tab.query, tab.k, *panel.fields]
    for trigger in (tab.query.submit, tab.submit.click):
        trigger(
            friendly(show_passages, notice=lambda message: ("", render.notice_html(message))),
            inputs,
            [tab.applied, tab.results],
            api_visibility="private",
        )

"""A page opened after the index changed shows the index as it is now: the status line
and the choices of the filters (forces and years above the tabs; forces, areas and cycles
on the Grades tab) are read again whenever a page loads, not only when the server started.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import gradio as gr

from ui import render
from ui.grades.views import area_key, cycle_choices
from ui.widgets import friendly

if TYPE_CHECKING:
    from retrieval.service import ReportQA
    from ui.filter_panel import FilterPanel
    from ui.grades.tab import GradesTab


def current_choices(qa: ReportQA) -> tuple[Any, ...]:
    """The status line, then choice updates for :func:`refreshed` components, in order."""
    info = qa.info()
    rows = qa.current_grades().rows
    years = [str(year) for year in info["years"]]
    return (
        render.status_html(info),
        gr.update(choices=info["forces"]),
        gr.update(choices=years),
        gr.update(choices=years),
        gr.update(choices=sorted({row.force for row in rows})),
        gr.update(choices=sorted({row.area for row in rows}, key=area_key)),
        gr.update(choices=cycle_choices(rows)),
    )


def refreshed(status: gr.HTML, panel: FilterPanel, grades: GradesTab) -> list[Any]:
    """The components :func:`current_choices` updates, in its order."""
    return [status, panel.forces, panel.year_from, panel.year_to, *grades.filters]


def wire_refresh(
    demo: gr.Blocks, qa: ReportQA, status: gr.HTML, panel: FilterPanel, grades: GradesTab
) -> None:
    outputs = refreshed(status, panel, grades)
    quiet = friendly(lambda: current_choices(qa), notice=lambda _: (gr.skip(),) * len(outputs))
    demo.load(quiet, None, outputs, show_progress="hidden", api_visibility="private")

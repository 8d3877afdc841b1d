"""The Grades tab: every stated inspection grade as a force × area heatmap for one cycle,
one force's timeline across cycles (then its Engage entry and exit, counts and figures),
each cell or fact opening its quote, and CSV/Markdown exports.

Its filters are its own (the panel above the tabs filters questions and searches).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

import gradio as gr

from index.lexicon.grades import GRADES
from index.types import TextOf
from retrieval.facts.table import FactTable
from retrieval.grades.table import GradeRow, GradeTable
from ui.exports import ExportDir
from ui.grades.facts import facts_html, force_facts
from ui.grades.render import GRID_JS, grid_html, summary_html
from ui.grades.views import (
    ANY_GRADE,
    area_key,
    cycle_choices,
    describe_filters,
    heatmap,
    rows_csv,
    rows_markdown,
    select_rows,
    timeline,
)
from ui.widgets import friendly

INTRO = (
    "Every inspection grade the reports state, extracted when they were indexed, each with "
    "the quote that states it. These filters apply to this tab only."
)


@dataclass
class GradesTab:
    page: gr.Tab
    forces: gr.Dropdown
    areas: gr.Dropdown
    grade: gr.Dropdown
    cycle: gr.Dropdown
    summary: gr.HTML
    heatmap: gr.HTML
    markdown: gr.DownloadButton
    csv: gr.DownloadButton
    force: gr.Dropdown
    timeline: gr.HTML
    facts: gr.HTML

    @property
    def inputs(self) -> list[Any]:
        return [self.forces, self.areas, self.grade, self.cycle, self.force]

    @property
    def filters(self) -> list[Any]:
        """The filters whose choices come from the table: forces, areas, cycle."""
        return [self.forces, self.areas, self.cycle]

    @property
    def outputs(self) -> list[Any]:
        return [
            self.summary,
            self.heatmap,
            self.markdown,
            self.csv,
            self.force,
            self.timeline,
            self.facts,
        ]


def busiest_force(rows: tuple[GradeRow, ...]) -> str | None:
    """The force graded in the most cycles (the timeline's first force)."""
    cycles: dict[str, set[str | None]] = defaultdict(set)
    for row in rows:
        cycles[row.force].add(row.cycle)
    return min(cycles, key=lambda f: (-len(cycles[f]), f), default=None)


def grades_tab(table: GradeTable) -> GradesTab:
    """The tab and its fields, choices drawn from the table."""
    rows = table.rows
    forces = sorted({row.force for row in rows})
    areas = sorted({row.area for row in rows}, key=area_key)
    cycles = cycle_choices(rows)
    with gr.Tab("Grades", elem_id="rq-grades-tab") as page:
        gr.HTML(f'<p class="rq-ghint">{INTRO}</p>', js_on_load=None)
        with gr.Row(equal_height=True):
            force_filter = gr.Dropdown(
                forces, value=[], multiselect=True, label="Forces", scale=3, elem_id="rq-g-forces"
            )
            area_filter = gr.Dropdown(
                areas, value=[], multiselect=True, label="Areas", scale=3, elem_id="rq-g-areas"
            )
            grade = gr.Dropdown(
                [ANY_GRADE, *GRADES], value=ANY_GRADE, label="Grade", scale=1, elem_id="rq-g-grade"
            )
            cycle = gr.Dropdown(
                cycles,
                value=cycles[0] if cycles else None,
                label="Cycle (heatmap)",
                scale=2,
                min_width=240,
                elem_id="rq-g-cycle",
            )
        with gr.Row():
            summary = gr.HTML(js_on_load=None, elem_id="rq-g-summary", scale=1)
            markdown = gr.DownloadButton(
                "Download Markdown",
                visible=False,
                size="sm",
                elem_id="rq-g-markdown",
                scale=0,
                min_width=230,
            )
            csv = gr.DownloadButton(
                "Download CSV", visible=False, size="sm", elem_id="rq-g-csv", scale=0, min_width=190
            )
        gr.HTML("<h3>Forces × areas in the chosen cycle</h3>", js_on_load=None)
        grid = gr.HTML(elem_id="rq-heatmap", js_on_load=GRID_JS)
        gr.HTML("<h3>One force across cycles</h3>", js_on_load=None)
        force = gr.Dropdown(
            forces, value=busiest_force(rows), label="Force (timeline)", elem_id="rq-g-force"
        )
        line = gr.HTML(elem_id="rq-timeline", js_on_load=GRID_JS)
        facts = gr.HTML(elem_id="rq-facts", js_on_load=None)
    return GradesTab(
        page, force_filter, area_filter, grade, cycle, summary, grid, markdown, csv, force, line,
        facts,
    )  # fmt: skip


def grades_outputs(
    table: GradeTable,
    facts: FactTable,
    text_of: TextOf,
    exports: ExportDir,
    forces: list[str] | None,
    areas: list[str] | None,
    grade: str | None,
    cycle: str | None,
    force: str | None,
) -> tuple[Any, ...]:
    """Everything the tab shows for its filters; the timeline (grades, then Engage,
    counts and figures) follows the force filter."""
    forces, areas = list(forces or ()), list(areas or ())
    kept = select_rows(table.rows, forces, areas, grade)
    if forces and force not in forces:
        force = forces[0]
    if cycle:
        grid = heatmap(kept, cycle, forces, areas)
        shown = grid.shown()
        empty = f"No grades match these filters in {cycle}."
        heat = grid_html(grid, "hm", text_of, empty)
    else:
        shown, heat = [], '<p class="rq-empty">The index holds no stated grades.</p>'
    line = timeline(kept, force, areas)
    empty = f"No grades match these filters for {force}." if force else "Choose a force."
    title = f'<p class="rq-ghint">{escape(force or "")}: grades by cycle, oldest first.</p>'
    filters = describe_filters(forces, areas, grade)
    downloads: tuple[Any, Any] = (gr.update(visible=False), gr.update(visible=False))
    if shown:
        heading = f"Inspection grades, {cycle}"
        md, csv = exports.write_pair(
            f"grades {cycle}", rows_markdown(shown, heading, filters), rows_csv(shown)
        )
        downloads = (
            gr.update(value=md, label=f"Download Markdown ({len(shown)} rows)", visible=True),
            gr.update(value=csv, label=f"Download CSV ({len(shown)} rows)", visible=True),
        )
    return (
        summary_html(shown, cycle or "All cycles", table.unverified),
        heat,
        *downloads,
        gr.update(value=force, choices=sorted({row.force for row in table.rows})),
        (title if force and line.rows else "") + grid_html(line, "tl", text_of, empty),
        facts_html(force_facts(facts.rows, force), force, text_of),
    )


def wire_grades(
    table: Callable[[], GradeTable],
    facts: Callable[[], FactTable],
    text_of: TextOf,
    exports: ExportDir,
    tab: GradesTab,
) -> None:
    """Opening the tab draws it; each filter the user changes redraws it, from the tables
    as the index holds them then (``table`` follows a rebuilt index, ``facts`` with it)."""

    def show(*args: Any) -> tuple[Any, ...]:
        grades = table()
        return grades_outputs(grades, facts(), text_of, exports, *args)

    quiet = friendly(show, notice=lambda message: (gr.skip(),) * len(tab.outputs))
    tab.page.select(quiet, tab.inputs, tab.outputs, api_visibility="private")
    for field in tab.inputs:
        field.input(quiet, tab.inputs, tab.outputs, api_visibility="private")

"""HTML for the Grades tab: a grid coloured by grade, its legend, and each cell's evidence.

Every cell is a link to a hidden panel under the grid with the quotes that state the
grade (in context), their reports, dates, pages and sections; ``GRID_JS`` opens the
panel of the cell clicked. Report text is escaped, as everywhere in the UI.
"""

from __future__ import annotations

from html import escape

from index.lexicon.grades import GRADES
from index.types import DocumentMeta, TextOf
from retrieval.grades.table import GradeRow
from ui.format import long_date
from ui.grades.views import Cell, Grid, cycle_label
from ui.render import quote_in_context, report_link

# Background and text colour per grade: a diverging, colour-blind-safe scale (RdYlBu).
GRADE_COLOURS: dict[str, tuple[str, str]] = {
    "outstanding": ("#2c7bb6", "#ffffff"),
    "good": ("#abd9e9", "#1f2937"),
    "adequate": ("#ffffbf", "#1f2937"),
    "requires improvement": ("#fdae61", "#1f2937"),
    "inadequate": ("#d7191c", "#ffffff"),
}
CONFLICT_MARK = "⚠"

# Runs once per grid: a click on a cell shows its evidence panel and hides the others.
GRID_JS = """
if (!element.dataset.rqGrid) {
  element.dataset.rqGrid = "1";
  element.addEventListener("click", (event) => {
    const cell = event.target.closest("a.rq-gcell");
    if (!cell) return;
    event.preventDefault();
    const id = cell.dataset.detail;
    element.querySelectorAll(".rq-gdetail").forEach((panel) => {
      panel.hidden = panel.id !== id;
    });
    element.querySelectorAll("a.rq-gcell").forEach((other) => {
      other.classList.toggle("rq-picked", other === cell);
    });
    const shown = element.querySelector(".rq-gdetail:not([hidden])");
    if (shown) shown.scrollIntoView({ block: "nearest" });
  });
}
"""


def cell_style(cell: Cell) -> str:
    """Inline colours: the grade's, or stripes of the conflicting grades' colours."""
    if cell.conflict:
        first, second = (GRADE_COLOURS[g][0] for g in (cell.grades[0], cell.grades[-1]))
        stripes = f"repeating-linear-gradient(135deg, {first} 0 7px, {second} 7px 14px)"
        return f"background: {stripes}; color: #111827;"
    background, colour = GRADE_COLOURS[cell.grade]
    return f"background: {background}; color: {colour};"


def _cell_html(cell: Cell | None, detail_id: str, where: str) -> str:
    if cell is None:
        return f'<td class="rq-g rq-g-empty" title="{escape(where, quote=True)}: not graded"></td>'
    label = escape(cell.label)
    if cell.conflict:
        label = f'<span class="rq-gtext">{CONFLICT_MARK} {label}</span>'
        note = "conflicting grades"
    else:
        note = cell.label
    count = len(cell.rows)
    sources = f"{count} sources" if count > 1 else "1 source"
    tip = escape(f"{where}: {note} ({sources}); click for the quote", quote=True)
    cls = "rq-g rq-g-conflict" if cell.conflict else "rq-g"
    return (
        f'<td class="{cls}" style="{cell_style(cell)}">'
        f'<a class="rq-gcell" href="#{detail_id}" data-detail="{detail_id}" title="{tip}">'
        f"{label}</a></td>"
    )


def legend_html() -> str:
    swatches = "".join(
        f'<span class="rq-gkey" style="background: {bg}; color: {fg};">{escape(grade)}</span>'
        for grade, (bg, fg) in GRADE_COLOURS.items()
    )
    return (
        f'<div class="rq-glegend">{swatches}'
        f'<span class="rq-gkey rq-g-conflict"><span class="rq-gtext">{CONFLICT_MARK} reports '
        "conflict</span></span>"
        '<span class="rq-gkey rq-g-empty">not graded</span></div>'
    )


def grid_html(grid: Grid, prefix: str, text_of: TextOf, empty: str) -> str:
    """The grid as a table with a legend, then the (hidden) evidence of each cell."""
    if not grid.rows or not grid.columns:
        return f'<p class="rq-empty">{escape(empty)}</p>'
    head = "".join(f'<th scope="col">{escape(column)}</th>' for column in grid.columns)
    body, details = [], []
    for i, row in enumerate(grid.rows):
        cells = []
        for j, column in enumerate(grid.columns):
            cell = grid.cell(row, column)
            detail_id = f"{prefix}-{i}-{j}"
            cells.append(_cell_html(cell, detail_id, f"{row} · {column}"))
            if cell is not None:
                details.append(cell_detail(cell, detail_id, text_of))
        body.append(f'<tr><th scope="row">{escape(row)}</th>{"".join(cells)}</tr>')
    table = (
        f'<div class="rq-gwrap"><table class="rq-grid"><thead><tr>'
        f'<th scope="col">{escape(grid.row_head)}</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )
    hint = '<p class="rq-ghint">Click a graded cell to see the quote that states it.</p>'
    return table + legend_html() + hint + "".join(details)


def cell_detail(cell: Cell, detail_id: str, text_of: TextOf) -> str:
    """One cell's evidence: a heading, a conflict warning, and a card per stating row."""
    first = cell.rows[0]
    place = " · ".join([first.force, first.area, cycle_label(first.cycle)])
    warning = (
        f'<p class="rq-gwarn">{CONFLICT_MARK} The reports give different grades for this '
        "force, area and cycle; each is listed with its quote.</p>"
        if cell.conflict
        else ""
    )
    cards = "".join(
        grade_card(row, n, text_of(row.meta.doc_id)) for n, row in enumerate(cell.rows, 1)
    )
    return (
        f'<div class="rq-gdetail" id="{detail_id}" hidden>'
        f"<h4>{escape(place)}: {escape(cell.label)}</h4>{warning}{cards}</div>"
    )


def where_in_report(
    meta: DocumentMeta, page: str | None, section: str, paragraph: str | None = None
) -> str:
    """The report's type and date, then the page, section and paragraph, escaped."""
    where = [
        meta.report_type,
        long_date(meta.published),
        f"p. {page}" if page else None,
        section or None,
        f"para. {paragraph}" if paragraph else None,
    ]
    return " · ".join(escape(item) for item in where if item)


def grade_card(row: GradeRow, n: int, text: str | None) -> str:
    """The quote stating a grade, in context, with its report, date, page and section."""
    meta = row.meta
    background, colour = GRADE_COLOURS[row.grade]
    badge = (
        f'<span class="rq-gbadge" style="background: {background}; color: {colour};">'
        f"{escape(row.grade)}</span>"
    )
    details = where_in_report(meta, row.page, row.section, row.paragraph)
    return (
        f'<div class="rq-card rq-gcard"><div class="rq-card-head">{badge} '
        f"<b>{escape(meta.title)}</b></div>"
        f'<div class="rq-meta">{details}</div>'
        f"{quote_in_context(row.citation(n), text)}"
        f'<div class="rq-actions">{report_link(meta)}</div></div>'
    )


def summary_html(rows: list[GradeRow], cycle: str, unverified: int = 0) -> str:
    """How much the heatmap shows: grades, forces, areas, reports, conflicts."""
    if not rows:
        text = f"{cycle}: no grades match these filters."
    else:
        reports = len({row.meta.doc_id for row in rows})
        forces = len({row.force for row in rows})
        areas = len({row.area for row in rows})
        text = (
            f"{cycle}: {len(rows)} stated grades for {forces} forces in {areas} areas, "
            f"from {reports} reports"
        )
        conflicts = sum(row.conflict for row in rows)
        text += f"; {conflicts} in conflict." if conflicts else "."
    if unverified:
        text += f" {unverified} extracted grades were left out: their quotes no longer match."
    scale = " > ".join(GRADES)
    return f'<div class="rq-status">{escape(text)} Scale: {escape(scale)}.</div>'

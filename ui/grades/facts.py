"""The Grades tab's list of what else the reports state about one force: Engage entry and
exit, counts (recommendations, causes of concern, areas for improvement) and figures,
oldest first, each opening its quote, report, date and page on click.

A ``<details>`` element per fact: the browser opens it, no script needed. Report text
is escaped, as everywhere in the UI.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from index.types import TextOf
from retrieval.facts.table import FactRow
from ui.grades.render import where_in_report
from ui.render import quote_in_context, report_link

TIMELINE_KINDS = ("monitoring", "count", "figure")
_VALUES = {
    "entered": "moved into Engage",
    "left": "left Engage",
    "raised": "cause of concern raised",
    "closed": "cause of concern closed",
}


def force_facts(rows: Iterable[FactRow], force: str | None) -> list[FactRow]:
    """The force's Engage, count and figure facts that quote a passage, oldest first."""
    chosen = [
        row
        for row in rows
        if row.record.force == force and row.record.kind in TIMELINE_KINDS and row.record.quote
    ]
    return sorted(chosen, key=lambda row: (_when(row), row.meta.doc_id, row.record.start))


def facts_html(rows: list[FactRow], force: str | None, text_of: TextOf) -> str:
    """A heading and one openable line per fact; a note when there are none."""
    if not force:
        return ""
    if not rows:
        return f'<p class="rq-empty">No Engage, count or figure is stated for {escape(force)}.</p>'
    items = "".join(_item(row, text_of(row.meta.doc_id)) for row in rows)
    head = f"{escape(force)}: Engage, counts and figures the reports state, oldest first."
    return f'<p class="rq-ghint">{head}</p><div class="rq-facts">{items}</div>'


def _item(row: FactRow, text: str | None) -> str:
    record, meta = row.record, row.meta
    said = _VALUES.get(record.value, f"{record.subject}: {record.value}")
    details = where_in_report(meta, record.page, record.section)
    return (
        f'<details class="rq-fact"><summary><span class="rq-fwhen">{escape(_when(row))}</span> '
        f"<b>{escape(said)}</b> · {escape(meta.title)}</summary>"
        f'<div class="rq-card"><div class="rq-meta">{details}</div>'
        f"{quote_in_context(row.citation(1), text)}"
        f'<div class="rq-actions">{report_link(meta)}</div></div></details>'
    )


def _when(row: FactRow) -> str:
    """When the fact holds, as the report states it, else when the report came out."""
    return row.record.when or row.meta.published or "date not stated"

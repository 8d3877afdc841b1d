"""The facts a report states beside its grades, read when it is indexed: a record each.

Kinds (``Record.kind``): ``monitoring`` (a force entering or leaving the inspectorate's
enhanced monitoring, Engage, with the date; a cause of concern raised or closed, dated),
``date`` (the report's publication, fieldwork and revisit dates), ``person`` (a named
inspector, chief constable, police and crime commissioner …), ``figure`` (a crime-recording
rate, unrecorded crimes, a backlog, call answering). Counts (recommendations, causes of
concern, areas for improvement, and a report's grade profile: how many areas it graded)
are read by :mod:`index.counts` and shown as records of kind ``count``. Every record quotes
the passage stating it verbatim (``quote == text[start:end]``), or, for a date known only
from the report's metadata, cites the report itself (an empty quote).
"""

from __future__ import annotations

from index.records.events import event_records
from index.records.figures import figure_records
from index.records.monitoring import concern_records, monitoring_records
from index.records.people import person_records
from index.records.record import KINDS, Record, count_record
from index.types import DocumentMeta

__all__ = ["KINDS", "Record", "count_record", "extract_records"]


def extract_records(text: str, meta: DocumentMeta) -> list[Record]:
    """Every record a report's text and metadata state, in document order, the first
    passage per (force, kind, subject, value, when)."""
    found: dict[tuple[str, str, str, str, str | None], Record] = {}
    readers = (event_records, monitoring_records, concern_records, person_records, figure_records)
    for reader in readers:
        for record in reader(text, meta):
            found.setdefault(
                (record.force, record.kind, record.subject, record.value, record.when), record
            )
    return sorted(found.values(), key=lambda r: (r.start, r.kind))

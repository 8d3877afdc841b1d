"""Writing metadata.csv, the sidecar the indexer reads, from the fetch state.

Rewritten whole and atomically (a temporary file, then os.replace) after every
download, so a killed run leaves a complete sidecar. Rows the user wrote for files
the fetch does not manage are kept as they were.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path

from index.fetch.state import Entry
from index.loaders.sidecar import FILE_COLUMN, SIDECAR_NAME, read_sidecar

COLUMNS = (
    FILE_COLUMN,
    "title",
    "force",
    "report_type",
    "published",
    "source_url",
    "content_type",
    "fetched_at",
)


def entry_row(entry: Entry) -> dict[str, str]:
    values = {
        FILE_COLUMN: entry.file,
        "title": entry.title,
        "force": entry.forces,
        "report_type": entry.report_type,
        "published": entry.published,
        "source_url": entry.final_url,
        "content_type": entry.content_type,
        "fetched_at": entry.fetched_at,
    }
    return {key: value or "" for key, value in values.items()}


def write_sidecar(out: Path, entries: Iterable[Entry]) -> int:
    """Write ``out/metadata.csv``: a row per fetched file plus the user's own rows;
    returns the number of rows. An unreadable existing sidecar raises a LoadError."""
    ours = {entry.file: entry_row(entry) for entry in entries if entry.file}
    theirs = {
        name: {FILE_COLUMN: name, **values}
        for name, values in read_sidecar(out).items()
        if name not in ours
    }
    extra = sorted({key for row in theirs.values() for key in row} - set(COLUMNS))
    rows = sorted([*ours.values(), *theirs.values()], key=lambda row: row[FILE_COLUMN])
    temporary = out / f".{SIDECAR_NAME}.tmp"
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*COLUMNS, *extra], restval="")
        writer.writeheader()
        writer.writerows(rows)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, out / SIDECAR_NAME)
    return len(rows)

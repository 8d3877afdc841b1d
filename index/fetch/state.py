"""The fetch state: what each URL gave, in a SQLite file in the output folder.

Each completed download is committed at once (its file is already in place), so a run
killed at any moment loses at most the download in flight. A run is recorded when it
starts and when its queue is done; a rerun after an unfinished run resumes it, skipping
the URLs that run already settled without asking the server again.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from index.errors import ReportQAError

STATE_NAME = ".fetch-state.sqlite3"
LOCK_NAME = ".fetch.lock"
LISTINGS_DIR = ".fetch-listings"  # listing pages kept out of the corpus, for their links
KINDS = ("listing", "html", "pdf")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY, kind TEXT NOT NULL, final_url TEXT NOT NULL, file TEXT,
    duplicate_of TEXT, content_type TEXT, etag TEXT, last_modified TEXT, sha256 TEXT,
    size INTEGER, fetched_at TEXT, checked_run INTEGER NOT NULL,
    title TEXT, forces TEXT, report_type TEXT, published TEXT
);
CREATE INDEX IF NOT EXISTS urls_sha ON urls (sha256);
CREATE INDEX IF NOT EXISTS urls_final ON urls (final_url);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT
);
"""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Entry:
    """One URL's last good answer. ``file`` is relative to the output folder (None for a
    duplicate of ``duplicate_of``'s content); ``forces`` are joined by "; "."""

    url: str
    kind: str
    final_url: str
    file: str | None
    duplicate_of: str | None
    content_type: str
    etag: str | None
    last_modified: str | None
    sha256: str
    size: int
    fetched_at: str
    checked_run: int
    title: str | None = None
    forces: str | None = None
    report_type: str | None = None
    published: str | None = None


_COLUMNS = ", ".join(f.name for f in fields(Entry))
_MARKS = ", ".join("?" for _ in fields(Entry))


class FetchBusyError(ReportQAError):
    """Another fetch is writing to this folder."""


class FetchState:
    """The state file of one output folder, held by one fetch at a time."""

    def __init__(self, out: Path) -> None:
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(out)
        self._db = sqlite3.connect(out / STATE_NAME, isolation_level=None)
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()
        os.close(self._lock)

    def start_run(self) -> tuple[int, bool]:
        """The run to work in and whether it resumes an unfinished one."""
        last = "SELECT id, finished_at FROM runs ORDER BY id DESC LIMIT 1"
        row = self._db.execute(last).fetchone()
        if row and row[1] is None:
            return int(row[0]), True
        cursor = self._db.execute("INSERT INTO runs (started_at) VALUES (?)", (now(),))
        return int(cursor.lastrowid or 0), False

    def finish_run(self, run: int) -> None:
        self._db.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (now(), run))

    def _one(self, where: str, *args: object) -> Entry | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM urls WHERE {where} LIMIT 1", args)
        found = row.fetchone()
        return Entry(*found) if found else None

    def get(self, url: str) -> Entry | None:
        return self._one("url = ?", url)

    def settled_as(self, url: str, run: int) -> Entry | None:
        """The entry this run already settled for ``url``, by URL or by where it redirected."""
        return self._one("(url = ? OR final_url = ?) AND checked_run = ?", url, url, run)

    def holding(self, sha256: str, other_than: str) -> Entry | None:
        """Another URL's entry whose file holds this content."""
        return self._one(
            "sha256 = ? AND file IS NOT NULL AND kind != 'listing' AND url != ?", sha256, other_than
        )

    def put(self, entry: Entry) -> None:
        insert = f"INSERT OR REPLACE INTO urls ({_COLUMNS}) VALUES ({_MARKS})"
        self._db.execute(insert, astuple(entry))

    def names(self) -> set[str]:
        rows = self._db.execute("SELECT file FROM urls WHERE file IS NOT NULL")
        return {row[0] for row in rows}

    def documents(self) -> list[Entry]:
        """The entries whose file is a report (not a listing), by file name."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM urls WHERE file IS NOT NULL AND kind != 'listing' "
            "ORDER BY file"
        )
        return [Entry(*row) for row in rows]


def _lock(out: Path) -> int:
    fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise FetchBusyError(
            f"another `reportqa fetch` is writing to {out}; wait for it to finish, then run again"
        ) from None
    return fd

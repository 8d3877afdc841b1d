"""The manifest: a SQLite record of what is indexed, kept in step with Chroma.

It holds, per source file, its content hash and state; per document, its metadata,
full extracted text (so quotes can be verified) and the grades and counts it states
(``index.statements``, re-extracted whenever the document is committed); per chunk, its
text and location and the vectors of its quotable units (``index.sentences.chunk_units``);
and the settings that shaped the vectors. A file is marked ``pending``
(and committed) before its chunks are touched in Chroma and ``done`` after, so a
run killed at any point leaves a record of exactly what to clean up.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.errors import IndexNotFoundError
from index.faults import crash_point
from index.manifest_schema import create_tables
from index.statements import (
    STATEMENT_COLUMNS,
    STATEMENTS_VERSION,
    VERSION_KEY,
    Statements,
    extract_statements,
    from_rows,
    is_current,
    merge,
    recompute,
    to_rows,
)
from index.types import Chunk, Document, DocumentMeta

UNIT_DTYPE = np.dtype("<f2")  # unit vectors are stored as float16, little-endian

CHUNK_COLUMNS = (
    'chunk_id, doc_id, ordinal, text, start, "end", page, printed_page, section, paragraph'
)


@dataclass(frozen=True)
class FileRecord:
    source: str
    doc_id: str
    sha256: str
    state: str
    chunks: int
    error: str | None


class Manifest:
    """SQLite-backed record of the index. Use as a context manager.

    >>> with Manifest.open(Path(".reportqa/index/manifest.sqlite3")) as manifest:
    ...     manifest.files()
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    @classmethod
    def open(cls, path: Path) -> Manifest:
        path.parent.mkdir(parents=True, exist_ok=True)
        # autocommit (transactions are explicit); shared across threads by the web UI: the
        # sqlite3 module is built serialized (threadsafety 3), so one connection is safe.
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        create_tables(db)
        return cls(db)

    @classmethod
    def open_readonly(cls, path: Path) -> Manifest:
        """Read without writing; on read-only media, the checkpointed file alone."""
        writable = os.access(path.parent, os.W_OK)
        uri = f"file:{path}?mode=ro" + ("" if writable else "&immutable=1")
        return cls(sqlite3.connect(uri, uri=True, check_same_thread=False))

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file (for copies, read-only media)."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # settings ---------------------------------------------------------------
    def settings(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, value FROM settings"))

    def set_settings(self, values: dict[str, str]) -> None:
        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO settings VALUES (?, ?)", sorted(values.items())
            )

    def revision(self) -> int:
        return int(self.settings().get("revision", "0"))

    def bump_revision(self) -> int:
        revision = self.revision() + 1
        self.set_settings({"revision": str(revision)})
        return revision

    # files ------------------------------------------------------------------
    def files(self) -> dict[str, FileRecord]:
        rows = self.db.execute("SELECT source, doc_id, sha256, state, chunks, error FROM files")
        return {row[0]: FileRecord(*row) for row in rows}

    def mark_pending(self, files: Sequence[tuple[str, str, str]]) -> None:
        """Record (source, doc_id, sha256) files as about to change in Chroma."""
        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, 'pending', 0, NULL)", files
            )

    def mark_failed(
        self, source: str, doc_id: str, sha256: str, error: str, *, forget: bool = True
    ) -> None:
        """Record a file that could not be read; ``forget`` drops the document it held."""
        with self.transaction():
            if forget:
                self._forget_document(doc_id)
            self.db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, 'failed', 0, ?)",
                (source, doc_id, sha256, error),
            )

    def commit_documents(
        self,
        written: Sequence[tuple[str, str, Document, Sequence[Chunk]]],
        unit_vectors: Mapping[str, np.ndarray] | None = None,
    ) -> None:
        """Replace documents' text, chunks and unit vectors and mark their files done,
        atomically.

        Each item is (source, sha256, document, chunks). ``unit_vectors`` maps a chunk id
        to the (n_units, dim) vectors of its ``chunk_units``, in order; a chunk without
        units (or missing from the map) gets no row.
        """
        with self.transaction():
            for source, sha256, document, chunks in written:
                self._store_document(source, sha256, document, chunks)
                self._store_unit_vectors(chunks, unit_vectors or {})
                self.db.execute("INSERT OR IGNORE INTO sweeps VALUES (?)", (document.meta.doc_id,))
            crash_point("in-manifest-transaction")

    def _store_unit_vectors(
        self, chunks: Sequence[Chunk], vectors: Mapping[str, np.ndarray]
    ) -> None:
        rows = []
        for chunk in chunks:
            found = vectors.get(chunk.chunk_id)
            if found is not None and len(found):
                array = np.ascontiguousarray(found, dtype=UNIT_DTYPE)
                count, dimension = array.shape
                rows.append((chunk.chunk_id, chunk.doc_id, count, dimension, array.tobytes()))
        self.db.executemany("INSERT OR REPLACE INTO unit_vectors VALUES (?, ?, ?, ?, ?)", rows)

    def _store_document(
        self, source: str, sha256: str, document: Document, chunks: Sequence[Chunk]
    ) -> None:
        meta = document.meta
        self._forget_document(meta.doc_id)
        self.db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?)",
            (meta.doc_id, source, json.dumps(meta.to_dict()), document.text),
        )
        self.db.executemany(
            f"INSERT INTO chunks ({CHUNK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (c.chunk_id, c.doc_id, c.ordinal, c.text, c.start, c.end, c.page)
                + (c.printed_page, c.section, c.paragraph)
                for c in chunks
            ],
        )
        self._store_statements(meta.doc_id, extract_statements(document.text, meta, chunks))
        self.db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, 'done', ?, NULL)",
            (source, meta.doc_id, sha256, len(chunks)),
        )

    def _store_statements(self, doc_id: str, statements: Statements) -> None:
        self.db.execute("DELETE FROM statements WHERE doc_id = ?", (doc_id,))
        marks = ", ".join("?" * len(STATEMENT_COLUMNS.split(",")))
        self.db.executemany(
            f"INSERT INTO statements ({STATEMENT_COLUMNS}) VALUES ({marks})", to_rows(statements)
        )

    def refresh_statements(self) -> bool:
        """Re-extract statements from the stored text if older rules made them; True if so."""
        if is_current(self.settings()):
            return False
        found = recompute(self.documents(), self.document_text, self.chunks_of)
        with self.transaction():
            for doc_id, statements in found.items():
                self._store_statements(doc_id, statements)
            self.db.execute(
                "INSERT OR REPLACE INTO settings VALUES (?, ?)", (VERSION_KEY, STATEMENTS_VERSION)
            )
        return True

    def statements(self) -> Statements:
        """Every grade and count the reports state: stored, or read from the text when the
        table predates today's extraction rules (or this index predates the table)."""
        if not is_current(self.settings()):
            return merge(recompute(self.documents(), self.document_text, self.chunks_of).values())
        rows = self.db.execute(f"SELECT {STATEMENT_COLUMNS} FROM statements ORDER BY doc_id, start")
        return from_rows(rows)

    def remove_file(self, source: str, doc_id: str, *, forget: bool = True) -> None:
        with self.transaction():
            if forget:
                self._forget_document(doc_id)
            self.db.execute("DELETE FROM files WHERE source = ?", (source,))

    def _forget_document(self, doc_id: str) -> None:
        self.db.execute("DELETE FROM statements WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM unit_vectors WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    # documents and chunks ---------------------------------------------------
    def documents(self) -> dict[str, DocumentMeta]:
        rows = self.db.execute("SELECT meta FROM documents ORDER BY doc_id")
        metas = (DocumentMeta.from_dict(json.loads(meta)) for (meta,) in rows)
        return {meta.doc_id: meta for meta in metas}

    def document_text(self, doc_id: str) -> str | None:
        row = self.db.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def chunk_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])

    def chunk_ids(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT chunk_id FROM chunks")}

    def iter_chunks(self) -> Iterator[Chunk]:
        rows = self.db.execute(f"SELECT {CHUNK_COLUMNS} FROM chunks ORDER BY doc_id, ordinal")
        for row in rows:
            yield Chunk(*row)

    def chunks_by_id(self, chunk_ids: Sequence[str]) -> dict[str, Chunk]:
        found: dict[str, Chunk] = {}
        for i in range(0, len(chunk_ids), 500):
            batch = list(chunk_ids[i : i + 500])
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(
                f"SELECT {CHUNK_COLUMNS} FROM chunks WHERE chunk_id IN ({marks})", batch
            )
            found.update({row[0]: Chunk(*row) for row in rows})
        return found

    def unit_vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The float32 (n_units, dim) unit vectors, in ``chunk_units`` order, of those
        chunks that have them. Chunks without units, and every chunk of an index built
        before unit vectors were stored, are absent: embed those on the fly.
        """
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(chunk_ids), 500):
            batch = list(chunk_ids[i : i + 500])
            marks = ",".join("?" * len(batch))
            try:
                rows = self.db.execute(
                    "SELECT chunk_id, count, dimension, vectors FROM unit_vectors "
                    f"WHERE chunk_id IN ({marks})",
                    batch,
                ).fetchall()
            except sqlite3.OperationalError:  # a read-only manifest from before the table
                return {}
            found.update({row[0]: _unit_array(*row[1:]) for row in rows})
        return found

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        rows = self.db.execute(
            f"SELECT {CHUNK_COLUMNS} FROM chunks WHERE doc_id = ? ORDER BY ordinal", (doc_id,)
        )
        return [Chunk(*row) for row in rows]


def _unit_array(count: int, dimension: int, blob: bytes) -> np.ndarray:
    """A stored BLOB of unit vectors back as a float32 (count, dimension) array."""
    return np.frombuffer(blob, dtype=UNIT_DTYPE).reshape(count, dimension).astype(np.float32)


def read_manifest(path: Path, *, readonly: bool = False) -> Manifest:
    """Open an existing manifest without creating one."""
    if not path.exists():
        raise IndexNotFoundError(
            f"no index at {path.parent}: build one with `reportqa index --corpus DIR "
            f"--index {path.parent}`"
        )
    return Manifest.open_readonly(path) if readonly else Manifest.open(path)

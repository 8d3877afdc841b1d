"""The manifest's tables, and bringing an older manifest's up to date."""

from __future__ import annotations

import sqlite3

from index.statements import VERSION_KEY

SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    source TEXT PRIMARY KEY, doc_id TEXT NOT NULL, sha256 TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    chunks INTEGER NOT NULL DEFAULT 0, error TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, source TEXT NOT NULL, meta TEXT NOT NULL, text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    page INTEGER, printed_page TEXT, section TEXT NOT NULL, paragraph TEXT
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks (doc_id, ordinal);
CREATE TABLE IF NOT EXISTS unit_vectors (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, count INTEGER NOT NULL,
    dimension INTEGER NOT NULL, vectors BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS unit_vectors_doc ON unit_vectors (doc_id);
CREATE TABLE IF NOT EXISTS statements (
    doc_id TEXT NOT NULL, kind TEXT NOT NULL,
    force TEXT NOT NULL, subject TEXT NOT NULL, value TEXT NOT NULL, cycle TEXT,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, quote TEXT NOT NULL,
    page TEXT, section TEXT NOT NULL, paragraph TEXT
);
CREATE INDEX IF NOT EXISTS statements_doc ON statements (doc_id);
CREATE TABLE IF NOT EXISTS sweeps (doc_id TEXT PRIMARY KEY);
"""


def create_tables(db: sqlite3.Connection) -> None:
    """Create what is missing and widen what older versions made narrower."""
    db.executescript(SCHEMA)
    _widen_statement_kinds(db)


def _widen_statement_kinds(db: sqlite3.Connection) -> None:
    """Indexes made before the facts table allowed only grades and counts as statements:
    drop that derived table (the text it came from stays) so it is refilled with every kind."""
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'statements'").fetchone()
    if "CHECK" not in sql:
        return
    db.executescript(
        f"""BEGIN; DROP TABLE statements; DELETE FROM settings WHERE key = '{VERSION_KEY}';
        {SCHEMA} COMMIT;"""
    )

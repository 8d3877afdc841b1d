"""Replaced chunks leave Chroma last, so readers never see half a document.

A changed report's new chunks are written to Chroma beside its old ones, the manifest
commit switches readers to them (recording the report in ``sweeps``), and only then
are the old chunks deleted. A run killed before that delete leaves the record, and
the next run finishes the sweep.
"""

from __future__ import annotations

from index.faults import crash_point
from index.manifest import Manifest
from index.store import ChunkStore


def pending_sweeps(manifest: Manifest) -> dict[str, set[str]]:
    """Reports committed whose replaced chunks may still be in Chroma, each with the
    chunk ids it has now (the ones to keep)."""
    found: dict[str, set[str]] = {
        row[0]: set() for row in manifest.db.execute("SELECT doc_id FROM sweeps")
    }
    rows = manifest.db.execute(
        "SELECT chunk_id, doc_id FROM chunks WHERE doc_id IN (SELECT doc_id FROM sweeps)"
    )
    for chunk_id, doc_id in rows:
        found[doc_id].add(chunk_id)
    return found


def sweep(manifest: Manifest, store: ChunkStore) -> int:
    """Delete every replaced chunk still in Chroma; the number deleted."""
    keep = pending_sweeps(manifest)
    deleted = store.delete_stale(keep)
    crash_point("before-sweep-recorded")
    with manifest.transaction():
        manifest.db.executemany("DELETE FROM sweeps WHERE doc_id = ?", [(d,) for d in keep])
    return deleted

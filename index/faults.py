"""Crash points: where a test may kill the indexer to prove any crash is recoverable.

Set ``REPORTQA_CRASH_AT=NAME`` (or ``NAME:N`` for the N-th time the point is reached) and
the indexing process kills itself with SIGKILL there, as a power cut or ``kill -9``
would. Unset (always, outside tests), a point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

ENV = "REPORTQA_CRASH_AT"
POINTS = (
    "after-statements-refresh",  # grades re-read from stored text, before anything else
    "after-recover",  # leftovers of an earlier crash cleaned up
    "after-plan",  # deleted files removed, changed files listed
    "after-parse",  # between files: one more file parsed and chunked
    "after-embed",  # an embedding group computed, nothing written
    "after-pending",  # the group's files marked pending in the manifest
    "mid-chroma-write",  # one Chroma upsert batch written
    "after-chroma-upsert",  # new chunks in Chroma beside the old, manifest not committed
    "in-manifest-transaction",  # documents, chunks and statements written, not committed
    "after-commit",  # the group committed, its replaced chunks still in Chroma
    "before-sweep-recorded",  # replaced chunks deleted, the sweep not yet recorded
    "before-lexical",  # every group written, revision bumped, BM25 not rebuilt
    "lexical-written",  # the new BM25 folder saved, the pointer not switched
    "after-lexical-switch",  # the pointer switched, old BM25 folders not yet removed
)
_reached: Counter[str] = Counter()


def crash_point(name: str) -> None:
    """Kill this process here when REPORTQA_CRASH_AT names this point (and count)."""
    wanted = os.environ.get(ENV)
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _reached[name] += 1
    if _reached[name] >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)

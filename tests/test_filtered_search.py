"""Filtered dense search: an unfiltered over-fetch filtered in Python must find what
Chroma's own ``where`` finds (the real sample index, the real model). Both searches
are approximate (HNSW), so the test allows a differing tail."""

from __future__ import annotations

import pytest

import retrieval.search.hybrid
from retrieval.search.filters import Filters
from retrieval.search.hybrid import Nearest

FILTERS = [
    Filters(since=2021),
    Filters(report_types=("PEEL inspection",)),
    Filters(forces=("Kent Police",)),  # a small share: Chroma's where serves it
    Filters(forces=("Kent Police",), since=2016, until=2019),
]
QUESTIONS = ["custody healthcare", "specialist detectives", "crime recording", "vetting"]


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_over_fetch_finds_what_chromas_where_finds(qa, filters, monkeypatch):
    searcher = qa.searcher
    allowed = set(searcher.matching_docs(filters))
    assert allowed, filters
    for question in QUESTIONS:
        nearest = Nearest(searcher.store, searcher.embedder.embed_query(question))
        here = searcher._dense(searcher.revision, nearest, 40, filters.to_where(), allowed)
        monkeypatch.setattr(retrieval.search.hybrid, "MIN_SHARE", 2.0)  # always Chroma's where
        chroma = searcher._dense(searcher.revision, nearest, 40, filters.to_where(), allowed)
        monkeypatch.undo()
        mine, theirs = [m.chunk_id for m in here], [m.chunk_id for m in chroma]
        # both are approximate (HNSW): the same best passages, nearly the same tail
        assert len(set(mine[:10]) & set(theirs[:10])) >= 9, question
        assert len(set(mine) & set(theirs)) >= 0.9 * len(theirs), question
        assert all(m.chunk_id.rsplit("#", 1)[0] in allowed for m in here)


def test_filtered_search_hits_all_pass_the_filters(qa):
    hits = qa.search("custody healthcare", filters=Filters(since=2021), k=10).hits
    assert hits and all(h.meta.year is not None and h.meta.year >= 2021 for h in hits)


class QueryLog:
    """Wraps the store's query, recording (k, whether Chroma's where was used)."""

    def __init__(self, store) -> None:
        self.store, self.query, self.calls = store, store.query, []

    def __call__(self, vector, k, where=None):
        self.calls.append((k, where is not None))
        return self.query(vector, k, where)


def test_a_wide_read_serves_when_it_fits_else_chromas_where_serves_at_once(qa, monkeypatch):
    searcher = qa.searcher
    allowed = set(searcher.matching_docs(Filters(report_types=("PEEL inspection",))))
    where = Filters(report_types=("PEEL inspection",)).to_where()
    depth = int(2 * 40 / searcher.revision.chunk_share(allowed))  # where 40 allowed are expected
    assert depth < searcher.revision.chunks_total  # a read that stops short of the whole index
    log = QueryLog(searcher.store)
    monkeypatch.setattr(searcher.store, "query", log)
    vector = searcher.embedder.embed_query("specialist detectives")

    monkeypatch.setattr(retrieval.search.hybrid, "MAX_WIDE", depth)
    wide = searcher._dense(searcher.revision, Nearest(searcher.store, vector), 40, where, allowed)
    assert log.calls == [(depth, False)] and len(wide) == 40

    log.calls.clear()
    monkeypatch.setattr(retrieval.search.hybrid, "MAX_WIDE", depth - 1)  # too shallow to expect 40
    filtered = searcher._dense(
        searcher.revision, Nearest(searcher.store, vector), 40, where, allowed
    )
    assert log.calls == [(40, True)]  # no unfiltered read first
    assert len(set(m.chunk_id for m in wide) & set(m.chunk_id for m in filtered)) >= 36

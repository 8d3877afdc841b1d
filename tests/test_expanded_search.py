"""Search reads a question in a reader's words with the reports' words too (issue 22,
item 5): the thesaurus (index/lexicon/thesaurus.py) expands what BM25 looks for, behind
SearchConfig.expand_lexical (the real sample index)."""

from __future__ import annotations

from retrieval.config import SearchConfig

READERS_WORDS = "youngsters and kids"  # the sample reports say children and young people


def test_bm25_finds_the_reports_words_for_a_readers_words(qa, monkeypatch):
    searcher = qa.searcher
    everything = set(searcher.documents)
    monkeypatch.setattr(searcher, "config", SearchConfig(expand_lexical=False))
    assert searcher.within(READERS_WORDS, everything, 5) == []
    monkeypatch.setattr(searcher, "config", SearchConfig(expand_lexical=True))
    found = searcher.within(READERS_WORDS, everything, 5)
    assert len(found) == 5
    assert all(
        "children" in hit.chunk.text.lower() or "young people" in hit.chunk.text.lower()
        for hit in found
    )


def test_the_lexical_side_of_a_search_ranks_what_the_reports_call_it(qa, monkeypatch):
    searcher = qa.searcher
    question = "How do forces respond to violence at home?"
    monkeypatch.setattr(searcher, "config", SearchConfig(expand_lexical=True))
    hits = searcher.search(question, k=5)
    assert any("domestic abuse" in hit.chunk.text.lower() for hit in hits[:3])
    assert all(hit.lexical_score for hit in hits[:3])

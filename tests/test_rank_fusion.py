"""Reciprocal-rank fusion and the per-report cap (retrieval.search.hybrid), through the hybrid
searcher with in-memory fakes for the vector store, BM25 index and manifest (no Chroma,
no model). tests/test_soft_filters.py has the basic rrf and _cap cases; these go on from
them to what a search returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest

import retrieval.search.hybrid
from index.store import VectorMatch
from index.types import Chunk, DocumentMeta
from retrieval.config import SearchConfig
from retrieval.search.filters import Filters
from retrieval.search.hybrid import HybridSearcher, rrf
from retrieval.search.revision import doc_of

KENT, ESSEX, SURREY = "Kent Police", "Essex Police", "Surrey Police"


def fused_order(rankings, k=60) -> list[str]:
    fused = rrf(rankings, k)
    return sorted(fused, key=fused.__getitem__, reverse=True)


# --- rrf -------------------------------------------------------------------------------------


def test_rrf_score_falls_with_rank_and_uses_one_based_ranks():
    fused = rrf([(1.0, ["a", "b", "c"])], k=10)
    assert fused == {
        "a": pytest.approx(1 / 11),
        "b": pytest.approx(1 / 12),
        "c": pytest.approx(1 / 13),
    }


def test_rrf_of_nothing_is_empty():
    assert rrf([], k=60) == {}
    assert rrf([(1.0, []), (1.0, [])], k=60) == {}


def test_rrf_ties_keep_the_order_the_rankings_list_them_in():
    # "a" is top of one side, "b" top of the other: equal scores; the first ranking's
    # item comes first, and the order is the same on every call.
    fused = rrf([(1.0, ["a", "x"]), (1.0, ["b", "x"])], k=60)
    assert fused["a"] == fused["b"]
    assert fused_order([(1.0, ["a", "x"]), (1.0, ["b", "x"])]) == ["x", "a", "b"]
    assert fused_order([(1.0, ["b", "x"]), (1.0, ["a", "x"])]) == ["x", "b", "a"]


def test_a_small_k_lets_one_top_rank_beat_agreement_lower_down():
    # "solo" is first on one side only; "both" is third on both sides.
    rankings = [(1.0, ["solo", "p", "both"]), (1.0, ["q", "r", "both"])]
    assert fused_order(rankings, k=60)[0] == "both"  # 2/63 > 1/61
    assert fused_order(rankings, k=0)[0] == "solo"  # 1/1 > 2/3


def test_items_found_by_one_side_only_rank_by_their_own_rank():
    rankings = [(1.0, ["d1", "d2", "shared"]), (1.0, ["shared", "l1", "l2"])]
    # d2 and l1 are both second on their side: a tie, in the order the sides are listed
    assert fused_order(rankings) == ["shared", "d1", "d2", "l1", "l2"]


def test_a_heavier_preferred_ranking_lifts_its_items_above_the_plain_ones():
    plain = [(1.0, ["a", "b", "c", "pref"]), (1.0, ["b", "a", "c", "pref"])]
    assert fused_order(plain)[-1] == "pref"
    assert fused_order([*plain, (1.0, ["pref"]), (1.0, ["pref"])])[0] == "pref"
    weak = fused_order([*plain, (0.01, ["pref"]), (0.01, ["pref"])])
    assert weak.index("pref") > weak.index("b")


def test_doc_of_strips_the_chunk_part_after_the_last_hash():
    assert doc_of("kent/2021-custody#3-ab12") == "kent/2021-custody"
    assert doc_of("odd#name#0-x") == "odd#name"


# --- the searcher over fakes -----------------------------------------------------------------


def meta(doc_id: str, force: str, published: str = "2022-05-01") -> DocumentMeta:
    return DocumentMeta(doc_id, f"{doc_id}.md", f"{force} report", (force,), None, published)


DOCUMENTS = {
    "kent": meta("kent", KENT, "2019-03-01"),
    "essex": meta("essex", ESSEX, "2022-05-01"),
    "surrey": meta("surrey", SURREY, "2023-07-01"),
}


def cid(doc: str, n: int) -> str:
    return f"{doc}#{n}-h"


CHUNK_IDS = [cid(d, n) for d in DOCUMENTS for n in range(4)] + [cid("stray", 0)]


class FakeStore:
    """Returns its fixed ranking, keeping only chunks whose report ``where`` admits."""

    def __init__(self, ranking: Sequence[str]) -> None:
        self.ranking = list(ranking)
        self.calls: list[tuple[int, dict | None]] = []

    def all_vectors(self) -> None:
        return None  # its vectors cannot be read: searches ask query(), as a big index does

    def query(self, vector, k: int, where: dict | None = None) -> list[VectorMatch]:
        self.calls.append((k, where))
        allowed = _docs_in(where)
        kept = [c for c in self.ranking if allowed is None or doc_of(c) in allowed]
        return [VectorMatch(c, 0.9 - 0.01 * i) for i, c in enumerate(kept[:k])]


def _docs_in(where: dict | None) -> set[str] | None:
    """The doc ids a ``{"doc_id": {"$in": ...}}`` clause (maybe inside "$and") allows."""
    if not where:
        return None
    if "doc_id" in where:
        return set(where["doc_id"]["$in"])
    for clause in where.get("$and", []):
        found = _docs_in(clause)
        if found is not None:
            return found
    return None


class FakeLexical:
    """A fixed BM25 ranking over CHUNK_IDS; the mask zeroes chunks as bm25s would."""

    def __init__(self, ranking: Sequence[str]) -> None:
        self.chunk_ids = CHUNK_IDS
        self.ranking = list(ranking)
        self.masks: list[np.ndarray | None] = []

    def search(self, query: str, k: int, mask: np.ndarray | None = None):
        self.masks.append(mask)
        allowed = [c for c in self.ranking if mask is None or mask[self.chunk_ids.index(c)] > 0]
        return [(c, 10.0 - i) for i, c in enumerate(allowed[:k])]

    def search_masks(self, query: str, k: int, masks: Sequence[np.ndarray | None]):
        return [self.search(query, k, mask) for mask in masks]


class FakeManifest:
    def chunks_by_id(self, chunk_ids: Sequence[str]) -> dict[str, Chunk]:
        return {
            c: Chunk(c, doc_of(c), int(c.split("#")[1].split("-")[0]), f"text of {c}", 0, 10)
            for c in chunk_ids
            if c in CHUNK_IDS
        }


class FakeEmbedder:
    def embed_query(self, text: str) -> np.ndarray:
        return np.ones(4, dtype=np.float32) / 2


def searcher(dense: Sequence[str], lexical: Sequence[str], **config) -> HybridSearcher:
    return HybridSearcher(
        FakeEmbedder(),
        FakeStore(dense),
        FakeManifest(),
        FakeLexical(lexical),  # type: ignore[arg-type]
        DOCUMENTS,
        SearchConfig(**config),
    )


def ids(hits) -> list[str]:
    return [h.chunk.chunk_id for h in hits]


def test_search_returns_the_fused_order_with_scores_and_ranks():
    dense = [cid("kent", 0), cid("essex", 0), cid("surrey", 0)]
    lexical = [cid("essex", 0), cid("surrey", 1), cid("kent", 0)]
    hits = searcher(dense, lexical).search("custody", k=4)
    assert ids(hits) == [cid("essex", 0), cid("kent", 0), cid("surrey", 1), cid("surrey", 0)]
    assert [h.rank for h in hits] == [1, 2, 3, 4]
    assert hits[0].score == pytest.approx(1 / 62 + 1 / 61)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_each_hit_keeps_the_score_of_each_side_that_found_it():
    dense = [cid("kent", 0), cid("essex", 0)]
    lexical = [cid("essex", 0), cid("surrey", 1)]
    hits = {h.chunk.chunk_id: h for h in searcher(dense, lexical).search("custody", k=5)}
    assert hits[cid("kent", 0)].dense_score == pytest.approx(0.9)
    assert hits[cid("kent", 0)].lexical_score is None
    assert hits[cid("surrey", 1)].dense_score is None
    assert hits[cid("surrey", 1)].lexical_score == pytest.approx(9.0)
    both = hits[cid("essex", 0)]
    assert (both.dense_score, both.lexical_score) == (pytest.approx(0.89), pytest.approx(10.0))
    assert hits[cid("kent", 0)].meta == DOCUMENTS["kent"]


def test_side_weights_decide_which_side_wins_a_disagreement():
    dense, lexical = [cid("kent", 0), cid("essex", 0)], [cid("essex", 0), cid("kent", 0)]
    assert ids(searcher(dense, lexical, dense_weight=2.0).search("q", k=1)) == [cid("kent", 0)]
    assert ids(searcher(dense, lexical, lexical_weight=2.0).search("q", k=1)) == [cid("essex", 0)]


def test_each_side_is_asked_for_more_candidates_than_wanted():
    s = searcher([], [], fetch_factor=5, min_fetch=40)
    s.search("q", k=3)
    s.search("q", k=20)
    assert [k for k, _ in s.store.calls] == [40, 100]


def test_k_limits_the_hits():
    dense = [cid("kent", n) for n in range(4)]
    assert len(searcher(dense, []).search("q", k=2)) == 2


def test_chunks_missing_from_the_manifest_or_of_unknown_reports_are_dropped():
    dense = [cid("stray", 0), "nowhere#0-x", cid("kent", 0)]
    hits = searcher(dense, []).search("q", k=3)
    assert ids(hits) == [cid("kent", 0)]
    assert hits[0].rank == 1


# --- the per-report cap ------------------------------------------------------------------------


def test_per_doc_keeps_each_reports_best_chunks_and_their_fused_order():
    # Kent's four chunks all fuse above Essex's and Surrey's.
    dense = [
        cid("kent", 0),
        cid("kent", 1),
        cid("kent", 2),
        cid("essex", 0),
        cid("kent", 3),
        cid("surrey", 0),
    ]
    lexical = [
        cid("kent", 1),
        cid("kent", 0),
        cid("kent", 2),
        cid("kent", 3),
        cid("surrey", 0),
        cid("essex", 1),
    ]
    uncapped = ids(searcher(dense, lexical).search("q", k=4))
    assert [doc_of(c) for c in uncapped] == ["kent"] * 4

    capped = ids(searcher(dense, lexical).search("q", k=4, per_doc=2))
    assert capped == [cid("kent", 0), cid("kent", 1), cid("surrey", 0), cid("essex", 0)]


def test_per_doc_fills_k_from_further_down_instead_of_returning_fewer_hits():
    dense = [cid("kent", n) for n in range(4)] + [cid("essex", 0), cid("surrey", 0)]
    hits = searcher(dense, []).search("q", k=3, per_doc=1)
    assert ids(hits) == [cid("kent", 0), cid("essex", 0), cid("surrey", 0)]
    assert [h.rank for h in hits] == [1, 2, 3]


# --- filters: the lexical mask and the dense where ------------------------------------------


def test_no_filter_means_no_mask_and_no_where():
    s = searcher([cid("kent", 0)], [cid("kent", 0)])
    s.search("q", k=2)
    assert s.lexical.masks == [None]
    assert s.store.calls[0][1] is None


def test_a_filter_masks_the_lexical_side_by_report_and_passes_its_where_to_the_store(
    monkeypatch,
):
    monkeypatch.setattr(retrieval.search.hybrid, "MIN_SHARE", 2.0)  # never filter an over-fetch
    s = searcher([], [cid("kent", 0), cid("essex", 1), cid("surrey", 2)])
    filters = Filters(forces=(ESSEX, SURREY))
    hits = s.search("q", k=5, filters=filters)
    assert ids(hits) == [cid("essex", 1), cid("surrey", 2)]
    (mask,) = s.lexical.masks
    by_doc = {doc_of(c): float(w) for c, w in zip(CHUNK_IDS, mask, strict=True)}
    assert by_doc == {"kent": 0.0, "essex": 1.0, "surrey": 1.0, "stray": 0.0}
    assert s.store.calls[0][1] == filters.to_where()


def test_a_year_filter_masks_by_publication_year():
    s = searcher([], [])
    s.search("q", filters=Filters(since=2022))
    weights = dict(zip(CHUNK_IDS, s.lexical.masks[0], strict=True))
    assert [c for c, w in weights.items() if w] == [
        cid(d, n) for d in ("essex", "surrey") for n in range(4)
    ]


# --- preferred reports ---------------------------------------------------------------------


def test_a_preferred_report_is_lifted_but_others_still_come():
    dense = [cid("kent", 0), cid("essex", 0), cid("surrey", 0)]
    lexical = [cid("kent", 0), cid("essex", 0), cid("surrey", 0)]
    s = searcher(dense, lexical)
    plain = s.search("q", k=3)
    assert ids(plain)[-1] == cid("surrey", 0)
    assert not any(h.preferred for h in plain)

    lifted = s.search("q", k=3, prefer=Filters(forces=(SURREY,)))
    assert ids(lifted)[0] == cid("surrey", 0)
    assert [h.preferred for h in lifted] == [True, False, False]
    assert {doc_of(c) for c in ids(lifted)} == {"kent", "essex", "surrey"}  # not exclusive


def test_prefer_weight_sets_how_far_a_preferred_report_is_lifted():
    dense = [cid("kent", 0), cid("essex", 0), cid("surrey", 0)]
    prefer = Filters(forces=(SURREY,))
    none = searcher(dense, dense, prefer_weight=0.0).search("q", k=3, prefer=prefer)
    assert ids(none) == dense  # weight 0: flagged as preferred but not moved
    assert none[-1].preferred
    some = searcher(dense, dense, prefer_weight=0.02).search("q", k=3, prefer=prefer)
    assert ids(some) == [cid("kent", 0), cid("surrey", 0), cid("essex", 0)]
    full = searcher(dense, dense, prefer_weight=1.0).search("q", k=3, prefer=prefer)
    assert ids(full)[0] == cid("surrey", 0)


def test_a_filter_is_served_by_filtering_one_deeper_unfiltered_fetch():
    ranking = [cid("kent", 0), cid("essex", 1), cid("surrey", 2)]
    s = searcher(ranking, ranking)
    hits = s.search("q", k=5, filters=Filters(forces=(ESSEX, SURREY)))
    assert ids(hits) == [cid("essex", 1), cid("surrey", 2)]
    assert [where for _, where in s.store.calls] == [None]  # no metadata scan in Chroma


def test_preferred_searches_are_limited_to_the_preferred_reports_and_hard_filters(
    monkeypatch,
):
    monkeypatch.setattr(retrieval.search.hybrid, "MIN_SHARE", 2.0)  # never filter an over-fetch
    s = searcher([cid("kent", 0), cid("surrey", 0)], [cid("kent", 0), cid("surrey", 0)])
    hard = Filters(since=2020)
    s.search("q", k=2, filters=hard, prefer=Filters(forces=(SURREY,)))
    (_, plain_where), (_, preferred_where) = s.store.calls
    assert plain_where == hard.to_where()
    assert preferred_where == {"$and": [hard.to_where(), {"doc_id": {"$in": ["surrey"]}}]}
    plain_mask, preferred_mask = s.lexical.masks
    allowed = [c for c, w in zip(CHUNK_IDS, preferred_mask, strict=True) if w]
    assert allowed == [cid("surrey", n) for n in range(4)]
    assert [c for c, w in zip(CHUNK_IDS, plain_mask, strict=True) if w] == [
        cid(d, n) for d in ("essex", "surrey") for n in range(4)
    ]


@pytest.mark.parametrize(
    "prefer",
    [
        Filters(),  # nothing preferred
        Filters(since=2000),  # every report fits
        Filters(forces=("Dorset Police",)),  # no report fits
    ],
)
def test_preferring_everything_or_nothing_changes_nothing(prefer):
    dense = [cid("kent", 0), cid("essex", 0), cid("surrey", 0)]
    s = searcher(dense, dense)
    hits = s.search("q", k=3, prefer=prefer)
    assert ids(hits) == dense
    assert not any(h.preferred for h in hits)
    assert len(s.store.calls) == 1  # no second, preferred search


# --- an optional reranker ----------------------------------------------------------------------


class ReverseReranker:
    """Re-scores hits so that the fused order is reversed; records what it was given."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def rerank(self, query, hits):
        self.seen = ids(hits)
        return [replace(h, score=float(i)) for i, h in enumerate(hits)][::-1]


def test_a_reranker_sees_three_times_k_candidates_and_its_order_is_kept():
    dense = [cid(d, n) for d in ("kent", "essex", "surrey") for n in range(3)]
    s = searcher(dense, [])
    s.reranker = ReverseReranker()
    hits = s.search("q", k=2)
    assert s.reranker.seen == dense[:6]
    assert ids(hits) == [dense[5], dense[4]]
    assert [h.rank for h in hits] == [1, 2]


def test_ids_that_cannot_be_shown_do_not_use_up_result_slots():
    dense = [cid("stray", 0), "nowhere#0-x", cid("kent", 0), cid("kent", 1), cid("kent", 2)]
    hits = searcher(dense, []).search("q", k=3)
    assert ids(hits) == [cid("kent", 0), cid("kent", 1), cid("kent", 2)]


class VectorStore(FakeStore):
    """A small index whose stored vectors can be read: it is ranked from them."""

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        super().__init__([])
        self.stored = vectors

    def all_vectors(self) -> tuple[list[str], np.ndarray]:
        return list(self.stored), np.array(list(self.stored.values()), dtype=np.float32)


def test_a_small_index_is_ranked_exactly_from_its_stored_vectors_ties_by_chunk_id():
    stored = {
        cid("surrey", 0): [1.0, 0.0, 0.0, 0.0],  # farthest from the query (all ones)
        cid("kent", 1): [1.0, 1.0, 1.0, 0.0],  # equal to essex 0: chunk id order
        cid("essex", 0): [2.0, 2.0, 2.0, 0.0],
        cid("kent", 0): [1.0, 1.0, 1.0, 1.0],  # nearest
    }
    store = VectorStore(stored)
    found = HybridSearcher(
        FakeEmbedder(),
        store,
        FakeManifest(),
        FakeLexical([]),  # type: ignore[arg-type]
        DOCUMENTS,
        SearchConfig(),
    ).search("custody", k=4)
    assert ids(found) == [cid("kent", 0), cid("essex", 0), cid("kent", 1), cid("surrey", 0)]
    assert store.calls == []  # the vector index was never asked

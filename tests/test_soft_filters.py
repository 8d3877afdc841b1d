"""Soft filters: what a question implies is preferred, widened when nothing fits,
and fused into the ranking (pure logic, no index)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from index.report_types import CUSTODY, OTHER, PEEL
from index.types import DocumentMeta
from retrieval.plan import widened_note, widenings
from retrieval.search.filters import Filters, parse_year_range
from retrieval.search.hybrid import HybridSearcher, rrf
from retrieval.search.inferred import infer_filters

KENT = "Kent Police"
ESSEX = "Essex Police"


def meta(
    doc_id: str = "doc",
    forces: tuple[str, ...] = (),
    report_type: str | None = None,
    published: str | None = None,
) -> DocumentMeta:
    return DocumentMeta(doc_id, f"{doc_id}.md", "A report", forces, report_type, published)


# --- Filters.admits: unknown metadata may fit ---------------------------------------------


@pytest.mark.parametrize(
    ("filters", "document", "admitted", "matched"),
    [
        # no force recorded: may be about Kent
        (Filters(forces=(KENT,)), meta(), True, False),
        (Filters(forces=(KENT,)), meta(forces=(KENT, ESSEX)), True, True),
        (Filters(forces=(KENT,)), meta(forces=(ESSEX,)), False, False),
        # no type, or an unrecognised one ("Other"): may be a PEEL report
        (Filters(report_types=(PEEL,)), meta(), True, False),
        (Filters(report_types=(PEEL,)), meta(report_type=OTHER), True, False),
        (Filters(report_types=(PEEL,)), meta(report_type=PEEL), True, True),
        (Filters(report_types=(PEEL,)), meta(report_type=CUSTODY), False, False),
        # no date: may be from 2021
        (Filters(since=2021), meta(), True, False),
        (Filters(since=2021), meta(published="2022-01-10"), True, True),
        (Filters(since=2021), meta(published="2019-06-30"), False, False),
        (Filters(since=2017, until=2017), meta(published="2017-12-31"), True, True),
        (Filters(until=2018), meta(published="2020-01-01"), False, False),
        # published the year after: may have been inspected within the years
        (Filters(until=2018), meta(published="2019-01-01"), True, False),
    ],
)
def test_admits_lets_unknown_metadata_pass_where_matches_does_not(
    filters, document, admitted, matched
):
    assert filters.admits(document) is admitted
    assert filters.matches(document) is matched


def test_admits_needs_every_known_field_to_fit():
    wanted = Filters(forces=(KENT,), report_types=(PEEL,), since=2021)
    assert wanted.admits(meta(forces=(KENT,)))
    assert not wanted.admits(meta(forces=(KENT,), report_type=CUSTODY))
    assert not wanted.admits(meta(forces=(KENT,), published="2020-05-01"))


# --- Filters.without: explicit beats inferred -------------------------------------------------


def test_without_drops_each_field_the_other_sets():
    inferred = Filters(forces=(KENT,), report_types=(PEEL,), since=2019, until=2022)
    assert inferred.without(Filters()) == inferred
    assert inferred.without(Filters(forces=(ESSEX,))) == Filters(
        report_types=(PEEL,), since=2019, until=2022
    )
    assert inferred.without(Filters(report_types=(CUSTODY,))) == Filters(
        forces=(KENT,), since=2019, until=2022
    )


@pytest.mark.parametrize("explicit", [Filters(since=2023), Filters(until=2018)])
def test_without_drops_the_whole_year_range_for_either_explicit_bound(explicit):
    inferred = Filters(forces=(KENT,), since=2019, until=2022)
    assert inferred.without(explicit) == Filters(forces=(KENT,))


# --- cycle names are labels, not year ranges -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "PEEL 2023\u20132025",
        "PEEL 2023-2025",
        "PEEL 2021/22",
        "How did Kent do in PEEL 2023\u20132025?",
        "What did the PEEL assessment 2016 say about Kent?",
        "What did the inspection programme 2019/20 find?",
    ],
)
def test_cycle_names_are_not_year_ranges(text):
    assert parse_year_range(text) == (None, None)


def test_a_real_range_is_still_a_range():
    assert parse_year_range("What did reports between 2023 and 2025 find?") == (2023, 2025)
    assert parse_year_range("How did Kent change 2019-2022?") == (2019, 2022)


def test_a_bound_next_to_a_cycle_name_is_still_read():
    assert parse_year_range("Which PEEL 2021/22 reports were published since 2023?") == (
        2023,
        None,
    )


def test_infer_filters_reads_a_cycle_as_a_report_type_and_its_publication_years():
    # Inferred filters only prefer, so the cycle's reports (published into 2026) rank first.
    assert infer_filters("How did Kent do in PEEL 2023\u20132025?") == Filters(
        forces=(KENT,), report_types=(PEEL,), since=2023, until=2026
    )


def test_an_explicit_year_range_wins_over_a_cycle():
    assert infer_filters("PEEL 2021/22 reports since 2023") == Filters(
        report_types=(PEEL,), since=2023
    )


# --- widening what the question implies -------------------------------------------------


def test_widenings_drop_years_then_report_types_then_everything():
    inferred = Filters(forces=(KENT,), report_types=(PEEL,), since=2017, until=2017)
    assert widenings(inferred) == [
        inferred,
        Filters(forces=(KENT,), report_types=(PEEL,)),
        Filters(forces=(KENT,)),
        Filters(),
    ]


def test_widenings_start_with_the_inferred_filters_unchanged():
    inferred = Filters(report_types=(CUSTODY,), since=2020)
    steps = widenings(inferred)
    assert steps[0] == inferred
    assert steps[-1].is_empty()
    assert all(step.since is None and step.until is None for step in steps[1:])


def test_widened_note_says_what_was_implied_and_what_is_kept():
    inferred = Filters(forces=(KENT,), report_types=(PEEL,), since=2017, until=2017)
    note = widened_note(inferred, Filters(forces=(KENT,), report_types=(PEEL,)))
    implied, kept = note.split(";", 1)
    assert "No indexed report fits" in implied
    assert "Kent Police" in implied and PEEL in implied and "2017" in implied
    assert "preferring" in kept
    assert "Kent Police" in kept and PEEL in kept
    assert "2017" not in kept and "since" not in kept


def test_widened_note_when_everything_is_dropped():
    note = widened_note(Filters(forces=(KENT,)), Filters())
    assert "Kent Police" in note
    assert note.endswith("searching all reports.")
    assert "preferring" not in note


# --- preferred reports: hard filters match, soft ones admit -------------------------------


def _searcher(documents: dict[str, DocumentMeta]) -> HybridSearcher:
    lexical = SimpleNamespace(chunk_ids=[f"{d}#0-abc" for d in documents])
    return HybridSearcher(None, None, None, lexical, documents)  # type: ignore[arg-type]


def test_preferred_docs_admit_unknown_metadata_but_respect_hard_filters():
    documents = {
        "kent": meta("kent", (KENT,), PEEL, "2023-01-01"),
        "essex": meta("essex", (ESSEX,), PEEL, "2023-01-01"),
        "unknown": meta("unknown", (), None, "2023-01-01"),
        "kent-old": meta("kent-old", (KENT,), PEEL, "2015-01-01"),
    }
    searcher = _searcher(documents)
    prefer = Filters(forces=(KENT,))
    assert searcher.preferred_docs(prefer) == {"kent", "unknown", "kent-old"}
    assert searcher.preferred_docs(prefer, Filters(since=2020)) == {"kent", "unknown"}


# --- fusion and the per-report cap ---------------------------------------------------------


def test_rrf_rewards_agreement_between_rankings():
    fused = rrf([(1.0, ["a", "b", "c"]), (1.0, ["b", "c", "a"])], k=60)
    assert sorted(fused, key=fused.__getitem__, reverse=True) == ["b", "a", "c"]
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)


def test_rrf_weights_shift_the_order():
    rankings = [(1.0, ["dense-top", "lex-top"]), (1.0, ["lex-top", "dense-top"])]
    even = rrf(rankings, k=60)
    assert even["dense-top"] == pytest.approx(even["lex-top"])
    heavy = rrf([(2.0, ["dense-top", "lex-top"]), (1.0, ["lex-top", "dense-top"])], k=60)
    assert heavy["dense-top"] > heavy["lex-top"]
    light = rrf([(0.5, ["dense-top", "lex-top"]), (1.0, ["lex-top", "dense-top"])], k=60)
    assert light["lex-top"] > light["dense-top"]


def test_rrf_keeps_items_found_by_one_side_only():
    fused = rrf([(1.0, ["a"]), (1.0, ["b"]), (0.0, ["c"])], k=10)
    assert fused == {"a": pytest.approx(1 / 11), "b": pytest.approx(1 / 11), "c": 0.0}


def test_cap_keeps_at_most_per_doc_chunks_of_each_report_in_order():
    ranked = ["kent#0-a", "kent#1-b", "essex#0-c", "kent#2-d", "essex#1-e", "essex#2-f"]
    assert HybridSearcher._cap(ranked, 2) == ["kent#0-a", "kent#1-b", "essex#0-c", "essex#1-e"]
    assert HybridSearcher._cap(ranked, 1) == ["kent#0-a", "essex#0-c"]


@pytest.mark.parametrize("per_doc", [None, 0])
def test_cap_without_a_limit_keeps_everything(per_doc):
    ranked = ["kent#0-a", "kent#1-b", "kent#2-c"]
    assert HybridSearcher._cap(ranked, per_doc) == ranked


def test_cap_groups_by_the_document_id_before_the_last_hash():
    ranked = ["reports/a#b#0-x", "reports/a#b#1-y", "reports/a#0-z"]
    assert HybridSearcher._cap(ranked, 1) == ["reports/a#b#0-x", "reports/a#0-z"]


# --- a child protection trend follows its post-inspection reviews --------------------------


def test_a_child_protection_trend_prefers_the_post_inspection_reviews_too():
    from index.report_types import CHILD_PROTECTION, POST_INSPECTION
    from retrieval.search.inferred import with_follow_ups

    inferred = infer_filters("Trace Kent Police's child protection inspections since 2018.")
    assert inferred.report_types == (CHILD_PROTECTION,)
    review = meta("pir", (KENT,), POST_INSPECTION, "2020-03-01")
    assert not inferred.admits(review)
    followed = with_follow_ups(inferred)
    assert followed.report_types == (CHILD_PROTECTION, POST_INSPECTION)
    assert followed.admits(review)
    assert not followed.admits(meta("peel", (KENT,), PEEL, "2020-03-01"))
    assert with_follow_ups(followed) == followed
    peel_only = Filters(report_types=(PEEL,))
    assert with_follow_ups(peel_only) == peel_only


def test_a_report_published_the_year_after_the_years_asked_about_may_fit():
    years = Filters(since=2022, until=2024)
    assert years.admits(meta(published="2025-01-29"))  # inspected in 2024
    assert not years.admits(meta(published="2026-01-29"))
    assert not years.admits(meta(published="2021-12-01"))
    assert not years.matches(meta(published="2025-01-29"))  # explicit years stay exact

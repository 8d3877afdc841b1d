"""What the evidence scorer's weights do (retrieval.answer.evidence.EvidenceScorer), with an
embedder scripted to give each sentence a chosen similarity to the question.

tests/test_evidence.py covers unit cutting, the default boilerplate penalty for a title
restated or a recurring sentence, the prefer bonus's size, widening and stored vectors;
these cover the other knobs and how they trade off against each other.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest

from index.lexicon.facts import Fact
from index.types import Chunk, DocumentMeta, Hit, Kind
from retrieval.answer.evidence import EvidenceScorer, SentenceCache
from retrieval.config import ScorerConfig
from retrieval.question.reading import Question, read_question

DIM = 64


def lookup(question: str) -> Question:
    """The question read as a lookup: its own kinds of fact, nothing inferred."""
    return read_question(question, kind=Kind.LOOKUP)


class ScriptedEmbedder:
    """The question is always the first basis vector; a text listed in ``similarity``
    gets exactly that cosine with it (any other text ``default``)."""

    def __init__(self, similarity: dict[str, float] | None = None, default: float = 0.5):
        self.similarity = similarity or {}
        self.default = default
        self.embedded: list[str] = []
        self._axes: dict[str, int] = {}

    def _vector(self, text: str) -> np.ndarray:
        s = self.similarity.get(text, self.default)
        axis = self._axes.setdefault(text, 1 + len(self._axes) % (DIM - 1))
        vector = np.zeros(DIM, dtype=np.float32)
        vector[0], vector[axis] = s, math.sqrt(max(0.0, 1 - s * s))
        return vector

    def embed_query(self, text: str) -> np.ndarray:
        vector = np.zeros(DIM, dtype=np.float32)
        vector[0] = 1.0
        return vector

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded += texts
        return np.array([self._vector(t) for t in texts], dtype=np.float32).reshape(-1, DIM)


def hit(
    doc: str,
    text: str,
    *,
    title: str = "An inspection report",
    forces: tuple[str, ...] = (),
    dense: float | None = None,
    preferred: bool = False,
    start: int = 0,
    ordinal: int = 0,
) -> Hit:
    chunk = Chunk(f"{doc}#{ordinal}-x", doc, ordinal, text, start, start + len(text))
    meta = DocumentMeta(doc, f"{doc}.md", title, forces)
    return Hit(chunk=chunk, meta=meta, score=1.0, dense_score=dense, preferred=preferred)


def by_text(evidence, text):
    found = [e for e in evidence if e.text == text]
    assert len(found) == 1, (text, [e.text for e in evidence])
    return found[0]


NO_TOPIC = "What does it say?"  # no content words, no fact asked: coverage 0, fit 1
A = "Officers patrol the town centre on foot every evening."
B = "Staff complete training on first aid every single year."


# --- similarity_weight: similarity against the question's words ------------------------------


def test_with_no_topic_words_the_score_is_the_weighted_similarity():
    scorer = EvidenceScorer(ScriptedEmbedder({A: 0.8, B: 0.4}), ScorerConfig(chunk_weight=0.0))
    evidence = scorer.score(lookup(NO_TOPIC), [hit("d", f"{A} {B}")])
    assert [e.text for e in evidence] == [A, B]
    assert by_text(evidence, A).coverage == 0.0
    assert by_text(evidence, A).score == pytest.approx(0.70 * 0.8)
    assert by_text(evidence, B).score == pytest.approx(0.70 * 0.4)


def test_coverage_is_the_share_of_the_questions_content_words_a_unit_has():
    question = "Do officers patrol the town centre at night?"
    scorer = EvidenceScorer(ScriptedEmbedder(default=0.5), ScorerConfig(chunk_weight=0.0))
    query = scorer.query(lookup(question))
    assert query.facts == frozenset()
    assert query.topic == frozenset(scorer.stems("officers patrol town centre night"))
    evidence = scorer.score(lookup(question), [hit("d", f"{A} {B}")])
    a = by_text(evidence, A)
    assert a.coverage == pytest.approx(4 / 5)  # officers, patrol, town, centre
    assert by_text(evidence, B).coverage == 0.0
    assert a.score == pytest.approx(0.7 * 0.5 + 0.3 * 4 / 5)


def test_similarity_weight_trades_similarity_against_the_questions_words():
    question = "Do officers patrol the town centre?"
    embedder = ScriptedEmbedder({A: 0.3, B: 0.9})  # B is closer but shares no words
    text = [hit("d", f"{A} {B}")]
    by_similarity = EvidenceScorer(embedder, ScorerConfig(similarity_weight=1.0, chunk_weight=0.0))
    assert by_similarity.score(lookup(question), text)[0].text == B
    by_words = EvidenceScorer(embedder, ScorerConfig(similarity_weight=0.0, chunk_weight=0.0))
    assert by_words.score(lookup(question), text)[0].text == A


def test_forces_named_in_the_question_are_not_topic_words():
    """Filters handle the force: a sentence is not closer for repeating its name."""
    scorer = EvidenceScorer(ScriptedEmbedder(default=0.5), ScorerConfig(chunk_weight=0.0))
    assert scorer.topic_stems("How does Kent Police handle custody?") == scorer.stems(
        "handle custody"
    )
    possessive = scorer.topic_stems("How does Kent Police's custody team work?")
    assert possessive == scorer.stems("custody team work")  # "Police's" is the force too
    assert scorer.stems("the force's custody") == scorer.stems("force custody")
    named = "Kent Police was visited by inspectors in the autumn."
    topical = "Detainees in custody were handled with care by staff."
    question = "How does Kent Police handle custody?"
    evidence = scorer.score(lookup(question), [hit("d", f"{named} {topical}")])
    assert by_text(evidence, named).coverage == 0.0
    assert evidence[0].text == topical


# --- chunk_weight: a unit's context ----------------------------------------------------------


def test_chunk_weight_blends_in_the_chunks_own_similarity():
    close = hit("close", A, dense=0.9)
    far = hit("far", A, dense=0.1)
    scorer = EvidenceScorer(ScriptedEmbedder({A: 0.5}), ScorerConfig(chunk_weight=0.3))
    evidence = scorer.score(lookup(NO_TOPIC), [far, close])
    assert [e.doc_id for e in evidence] == ["close", "far"]
    assert by_text([e for e in evidence if e.doc_id == "close"], A).similarity == pytest.approx(
        0.7 * 0.5 + 0.3 * 0.9
    )
    assert evidence[1].similarity == pytest.approx(0.7 * 0.5 + 0.3 * 0.1)


def test_without_chunk_weight_the_chunk_similarity_is_ignored():
    scorer = EvidenceScorer(ScriptedEmbedder({A: 0.5}), ScorerConfig(chunk_weight=0.0))
    evidence = scorer.score(
        lookup(NO_TOPIC), [hit("far", A, dense=0.1), hit("close", A, dense=0.9)]
    )
    assert evidence[0].similarity == evidence[1].similarity == pytest.approx(0.5)


def test_a_chunk_found_only_by_bm25_keeps_its_units_own_similarity():
    scorer = EvidenceScorer(ScriptedEmbedder({A: 0.5}), ScorerConfig(chunk_weight=0.3))
    (item,) = scorer.score(lookup(NO_TOPIC), [hit("lexical", A, dense=None)])
    assert item.similarity == pytest.approx(0.5)


def test_chunk_weight_can_lift_a_unit_of_a_close_chunk_over_a_closer_unit():
    scorer = EvidenceScorer(ScriptedEmbedder({A: 0.5, B: 0.6}), ScorerConfig(chunk_weight=0.5))
    evidence = scorer.score(lookup(NO_TOPIC), [hit("a", A, dense=0.9), hit("b", B, dense=0.1)])
    assert evidence[0].text == A
    plain = EvidenceScorer(ScriptedEmbedder({A: 0.5, B: 0.6}), ScorerConfig(chunk_weight=0.0))
    assert (
        plain.score(lookup(NO_TOPIC), [hit("a", A, dense=0.9), hit("b", B, dense=0.1)])[0].text == B
    )


# --- type_penalty: the asked kind of fact ------------------------------------------------------

UNDATED = "The inspectors examined custody records for the whole force."
DATED = "The inspectors examined custody records in March 2021."


def test_a_unit_without_the_asked_fact_loses_the_type_penalty():
    question = "When did inspectors examine custody records?"
    embedder = ScriptedEmbedder({UNDATED: 0.8, DATED: 0.8})
    scorer = EvidenceScorer(embedder, ScorerConfig(chunk_weight=0.0))
    evidence = scorer.score(lookup(question), [hit("d", f"{UNDATED} {DATED}")])
    dated, undated = by_text(evidence, DATED), by_text(evidence, UNDATED)
    assert (dated.fit, undated.fit) == (1.0, 0.0)
    assert dated.coverage == undated.coverage
    assert dated.score - undated.score == pytest.approx(scorer.config.type_penalty)
    assert evidence[0] is dated


def test_a_closer_unit_without_the_fact_can_still_win_when_the_gap_beats_the_penalty():
    question = "When did inspectors examine custody records?"
    embedder = ScriptedEmbedder({UNDATED: 0.95, DATED: 0.6})
    evidence = EvidenceScorer(embedder, ScorerConfig(chunk_weight=0.0)).score(
        lookup(question), [hit("d", f"{UNDATED} {DATED}")]
    )
    assert evidence[0].text == UNDATED  # 0.7 * 0.35 > 0.10: similarity still matters
    strict = EvidenceScorer(embedder, ScorerConfig(chunk_weight=0.0, type_penalty=0.5)).score(
        lookup(question), [hit("d", f"{UNDATED} {DATED}")]
    )
    assert strict[0].text == DATED


def test_with_several_facts_asked_the_penalty_is_for_the_share_missing():
    question = "Who examined the custody records, and when was that?"
    named = "Inspector Jane Moss examined the custody records last year."
    both = "Inspector Jane Moss examined the custody records in March 2021."
    scorer = EvidenceScorer(
        ScriptedEmbedder({named: 0.8, both: 0.8}), ScorerConfig(chunk_weight=0.0)
    )
    assert scorer.query(lookup(question)).facts == {Fact.WHO, Fact.WHEN}
    evidence = scorer.score(lookup(question), [hit("d", f"{named} {both}")])
    half, full = by_text(evidence, named), by_text(evidence, both)
    assert (half.fit, full.fit) == (0.5, 1.0)
    assert full.score - half.score == pytest.approx(scorer.config.type_penalty / 2, abs=1e-6)


# --- headings and labels against sentences ---------------------------------------------------

HEADING = "Responding to the public \u2013 adequate"
SENTENCE = "The force was graded good for how it responds to the public."
PLAIN = "The force responds to calls from the public through its control room."


def test_a_heading_without_the_asked_fact_is_never_quoted_however_close():
    text = f"Responding to the public\n\n{PLAIN}"
    embedder = ScriptedEmbedder({"Responding to the public": 0.99, PLAIN: 0.4})
    evidence = EvidenceScorer(embedder).score(
        lookup("What grade did the force get?"), [hit("d", text)]
    )
    assert [e.text for e in evidence] == [PLAIN]


def test_a_sentence_carrying_the_asked_grade_leads_a_heading_carrying_it_too():
    text = f"{HEADING}\n\n{SENTENCE} {PLAIN}"
    embedder = ScriptedEmbedder({HEADING: 0.6, SENTENCE: 0.6, PLAIN: 0.6})
    question = "What grade did the force get for responding to the public?"
    evidence = EvidenceScorer(embedder).score(lookup(question), [hit("d", text)])
    heading, sentence, plain = (by_text(evidence, t) for t in (HEADING, SENTENCE, PLAIN))
    assert not heading.prose and sentence.prose
    assert heading.fit == sentence.fit == 1.0 and plain.fit == 0.0
    assert evidence[0] is sentence
    assert plain.score < heading.score


# --- boilerplate: how much of the title a unit must restate --------------------------------

TITLE = "Cumbria Constabulary custody inspection report"


def test_a_sentence_sharing_some_title_words_is_not_boilerplate():
    # half its content words are the title's (Cumbria, Constabulary, custody): not enough
    shares = "Cumbria Constabulary custody staff were polite and helpful."
    restates = "This is the custody inspection report on Cumbria Constabulary."
    scorer = EvidenceScorer(ScriptedEmbedder(default=0.5), ScorerConfig(chunk_weight=0.0))
    evidence = scorer.score(lookup(NO_TOPIC), [hit("d", f"{shares} {restates}", title=TITLE)])
    assert by_text(evidence, shares).score == pytest.approx(0.7 * 0.5)
    assert by_text(evidence, restates).score == pytest.approx(
        0.7 * 0.5 - scorer.config.boilerplate_penalty
    )


def test_no_boilerplate_penalty_means_a_restated_title_scores_like_any_sentence():
    restates = "This is the custody inspection report on Cumbria Constabulary."
    scorer = EvidenceScorer(
        ScriptedEmbedder(default=0.5), ScorerConfig(boilerplate_penalty=0.0, chunk_weight=0.0)
    )
    (item,) = scorer.score(lookup(NO_TOPIC), [hit("d", restates, title=TITLE)])
    assert item.score == pytest.approx(0.7 * 0.5)


# --- prefer bonus and rank weight --------------------------------------------------------------


def test_the_prefer_bonus_breaks_near_ties_but_does_not_beat_clearly_better_evidence():
    embedder = ScriptedEmbedder({A: 0.9, B: 0.5})
    hits = [hit("other", A), hit("preferred", B, preferred=True)]
    evidence = EvidenceScorer(embedder, ScorerConfig(chunk_weight=0.0)).score(
        lookup(NO_TOPIC), hits
    )
    assert evidence[0].doc_id == "other"
    close = ScriptedEmbedder({A: 0.52, B: 0.5})
    evidence = EvidenceScorer(close, ScorerConfig(chunk_weight=0.0)).score(lookup(NO_TOPIC), hits)
    assert evidence[0].doc_id == "preferred"


def test_rank_weight_favours_units_of_the_best_ranked_chunks():
    hits = [hit("first", A), hit("second", B)]
    embedder = ScriptedEmbedder({A: 0.5, B: 0.55})
    plain = EvidenceScorer(embedder, ScorerConfig(chunk_weight=0.0)).score(lookup(NO_TOPIC), hits)
    assert plain[0].doc_id == "second"  # rank_weight is 0 by default
    ranked = EvidenceScorer(embedder, ScorerConfig(chunk_weight=0.0, rank_weight=0.2)).score(
        lookup(NO_TOPIC), hits
    )
    assert ranked[0].doc_id == "first"
    first, second = (by_text(ranked, t) for t in (A, B))
    assert first.score - 0.7 * 0.5 == pytest.approx(0.2)  # standing 1 - 0/2
    assert second.score - 0.7 * 0.55 == pytest.approx(0.1)  # standing 1 - 1/2


# --- overlap between chunks ------------------------------------------------------------------


def test_a_unit_shared_by_two_overlapping_chunks_of_one_report_is_scored_once():
    first = hit("d", f"{A} {B}", ordinal=0)
    second = Hit(
        chunk=Chunk("d#1-x", "d", 1, B, len(A) + 1, len(A) + 1 + len(B)),
        meta=first.meta,
        score=0.5,
    )
    evidence = EvidenceScorer(ScriptedEmbedder(), ScorerConfig(chunk_weight=0.0)).score(
        lookup(NO_TOPIC), [first, second]
    )
    assert sorted(e.text for e in evidence) == sorted([A, B])


def test_the_same_sentence_in_two_reports_is_scored_for_each():
    evidence = EvidenceScorer(ScriptedEmbedder(), ScorerConfig(chunk_weight=0.0)).score(
        lookup(NO_TOPIC), [hit("one", A), hit("two", A)]
    )
    assert sorted(e.doc_id for e in evidence) == ["one", "two"]


# --- vectors: stored ones must match the units, the cache evicts the oldest ------------------


def test_stored_vectors_for_a_different_cut_of_units_are_not_used():
    target = hit("d", f"{A} {B}")
    embedder = ScriptedEmbedder({A: 0.9, B: 0.1})

    def stored(chunk_ids):
        return {target.chunk.chunk_id: np.zeros((1, DIM), dtype=np.float32)}  # one, not two

    evidence = EvidenceScorer(embedder, ScorerConfig(chunk_weight=0.0), stored=stored).score(
        lookup(NO_TOPIC), [target]
    )
    assert embedder.embedded == [A, B]
    assert evidence[0].text == A and evidence[0].similarity == pytest.approx(0.9)


def test_sentence_cache_evicts_the_least_recently_used_chunks_past_its_limit():
    cache = SentenceCache(max_sentences=4)
    cache.put("a", np.zeros((2, 3)))
    cache.put("b", np.zeros((2, 3)))
    assert cache.get("a") is not None  # "a" is now the most recently used
    cache.put("c", np.zeros((1, 3)))
    assert cache.get("b") is None
    assert cache.get("a") is not None and cache.get("c") is not None


def test_sentence_cache_keeps_the_first_vectors_put_for_a_chunk():
    cache = SentenceCache()
    first = np.ones((1, 3))
    cache.put("a", first)
    cache.put("a", np.zeros((1, 3)))
    assert cache.get("a") is first

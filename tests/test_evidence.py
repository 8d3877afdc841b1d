"""Sentence-level evidence scoring with a fake embedder (no model, no index)."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest

from index.lexicon.facts import Fact
from index.sentences import Unit, chunk_units
from index.types import Chunk, DocumentMeta, Hit, Kind
from retrieval.answer.evidence import EvidenceScorer, recurring
from retrieval.config import ScorerConfig
from retrieval.question.reading import Question, read_question

DIM = 32


def lookup(question: str) -> Question:
    """The question read as a lookup: its own kinds of fact, nothing inferred."""
    return read_question(question, kind=Kind.LOOKUP)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector


def _basis(i: int) -> np.ndarray:
    vector = np.zeros(DIM, dtype=np.float32)
    vector[i] = 1.0
    return vector


class FakeEmbedder:
    """Deterministic normalised vectors; records every call.

    ``constant``: every text gets the same vector, so every similarity is equal and
    scores differ only by what the scorer adds or takes away. Otherwise a hashed bag
    of words, so texts sharing words are similar.
    """

    def __init__(self, constant: bool = False) -> None:
        self.constant = constant
        self.document_calls: list[list[str]] = []
        self.query_calls: list[str] = []

    def _vector(self, text: str) -> np.ndarray:
        if self.constant:
            return _basis(0)
        vector = np.zeros(DIM, dtype=np.float32)
        for word in text.lower().split():
            vector[zlib.crc32(word.strip(".,?:;").encode()) % DIM] += 1.0
        return _unit(vector)

    def embed_query(self, text: str) -> np.ndarray:
        self.query_calls.append(text)
        return self._vector(text)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.document_calls.append(list(texts))
        return np.array([self._vector(t) for t in texts], dtype=np.float32).reshape(-1, DIM)


def make_hit(
    doc_id: str,
    text: str,
    *,
    title: str = "An inspection report",
    forces: tuple[str, ...] = (),
    preferred: bool = False,
    prefix: str = "",
    ordinal: int = 0,
) -> tuple[Hit, str]:
    """A hit whose chunk is ``text``, placed after ``prefix`` in its document's text."""
    doc_text = prefix + text
    chunk = Chunk(f"{doc_id}#{ordinal}-abc", doc_id, ordinal, text, len(prefix), len(doc_text))
    meta = DocumentMeta(doc_id=doc_id, source=f"{doc_id}.md", title=title, forces=forces)
    return Hit(chunk=chunk, meta=meta, score=1.0, preferred=preferred), doc_text


def by_text(evidence, text):
    found = [e for e in evidence if e.text == text]
    assert len(found) == 1, (text, [e.text for e in evidence])
    return found[0]


# --- index.sentences.chunk_units -----------------------------------------------------

_PREFIX = "Kent Police PEEL inspection 2023\n\n"
_TEXT = (
    "2. Investigating crime \u2013 requires improvement\n\n"
    "Date of publication: 5 August 2022\n\n"
    "The force has improved how it investigates crime. It now supervises investigations "
    "well. Too short.\n\n"
    "| Area | Grade |\n"
    "| --- | :---: |\n"
    "| Preventing crime | Good |\n"
    "| Investigating crime | Requires improvement |"
)


def _chunk(text: str = _TEXT, prefix: str = _PREFIX) -> tuple[Chunk, str]:
    doc_text = prefix + text
    chunk = Chunk("kent#1-abc", "kent", 1, text, len(prefix), len(doc_text))
    return chunk, doc_text


def test_chunk_units_tell_prose_from_headings_labels_and_table_rows():
    chunk, _ = _chunk()
    units = [(u.text, u.prose) for u in chunk_units(chunk)]
    assert units == [
        ("2. Investigating crime \u2013 requires improvement", False),
        ("Date of publication: 5 August 2022", False),
        ("The force has improved how it investigates crime.", True),
        ("It now supervises investigations well.", True),
        ("| Area | Grade |", False),
        ("| Preventing crime | Good |", False),
        ("| Investigating crime | Requires improvement |", False),
    ]


def test_a_sentence_wholly_in_brackets_is_an_aside_not_prose():
    text = (
        "Inspectors found the force had cut call waiting times sharply. "
        "(Report: Kent Police inspection of emergency calls.) "
        "The force (unlike most) answers calls within ten seconds."
    )
    chunk, _ = _chunk(text)
    assert [(u.text, u.prose) for u in chunk_units(chunk)] == [
        ("Inspectors found the force had cut call waiting times sharply.", True),
        ("(Report: Kent Police inspection of emergency calls.)", False),
        ("The force (unlike most) answers calls within ten seconds.", True),
    ]


def test_chunk_units_skip_table_separator_rows():
    chunk, _ = _chunk()
    assert not any(set(u.text) <= set("|-: ") for u in chunk_units(chunk))


def test_chunk_unit_offsets_slice_document_and_chunk_text_exactly():
    chunk, doc_text = _chunk()
    units = chunk_units(chunk)
    assert units
    for unit in units:
        assert doc_text[unit.start : unit.end] == unit.text
        assert chunk.text[unit.start - chunk.start : unit.end - chunk.start] == unit.text
    starts = [u.start for u in units]
    assert starts == sorted(starts)


def test_chunk_unit_offsets_hold_for_indented_lines():
    text = "Summary of grades\n    Preventing crime: good\n  Responding to the public: adequate"
    chunk, doc_text = _chunk(text, prefix="Intro paragraph.\n\n")
    units = chunk_units(chunk)
    assert [u.text for u in units] == [
        "Summary of grades",
        "Preventing crime: good",
        "Responding to the public: adequate",
    ]
    for unit in units:
        assert doc_text[unit.start : unit.end] == unit.text


# --- (a) non-prose lines answer only when they carry the asked fact -------------------

_REPORT = (
    "Kent Police PEEL inspection 2023\n\n"
    "Date of publication: 5 August 2022\n\n"
    "2. Investigating crime \u2013 requires improvement\n\n"
    "The force has improved how it answers emergency calls from the public."
)
_TITLE = "Kent Police PEEL inspection 2023"


def test_publication_label_is_quoted_for_a_when_question():
    hit, _ = make_hit("kent", _REPORT, title=_TITLE, forces=("Kent Police",))
    scorer = EvidenceScorer(FakeEmbedder(constant=True))
    evidence = scorer.score(lookup("When was the Kent report published?"), [hit])
    label = by_text(evidence, "Date of publication: 5 August 2022")
    assert not label.prose
    assert label.fit == 1.0
    assert evidence[0] is label  # the prose sentence has no date
    texts = [e.text for e in evidence]
    # a heading that states no date is not a candidate; nor is the title restated
    assert "2. Investigating crime \u2013 requires improvement" not in texts
    assert _TITLE not in texts


def test_grade_heading_is_quoted_for_a_grade_question_only():
    hit, _ = make_hit("kent", _REPORT, title=_TITLE, forces=("Kent Police",))
    scorer = EvidenceScorer(FakeEmbedder(constant=True))
    evidence = scorer.score(lookup("What grade did Kent get for investigating crime?"), [hit])
    texts = [e.text for e in evidence]
    assert "2. Investigating crime \u2013 requires improvement" in texts
    assert "Date of publication: 5 August 2022" not in texts


@pytest.mark.parametrize(
    "question",
    ["What did inspectors find about emergency calls?", "Tell me about investigating crime."],
)
def test_question_without_a_fact_type_never_quotes_a_heading_or_label(question):
    hit, _ = make_hit("kent", _REPORT, title=_TITLE, forces=("Kent Police",))
    evidence = EvidenceScorer(FakeEmbedder(constant=True)).score(lookup(question), [hit])
    assert [e.text for e in evidence] == [
        "The force has improved how it answers emergency calls from the public."
    ]
    assert all(e.prose for e in evidence)


def test_evidence_offsets_are_verbatim_slices_of_the_document():
    hit, doc_text = make_hit("kent", _REPORT, title=_TITLE, prefix="Foreword.\n\n")
    evidence = EvidenceScorer(FakeEmbedder()).score(lookup("When was the report published?"), [hit])
    assert evidence
    for item in evidence:
        assert doc_text[item.start : item.end] == item.text


# --- (b) boilerplate ------------------------------------------------------------------

_FINDING = "The force answers most emergency calls within ten seconds."
_THANKS = "We are grateful to the officers and staff who helped with this inspection."
_VAGUE = "What does it say?"  # no fact asked and no topic words: only penalties differ


def test_sentence_restating_the_title_scores_below_a_specific_finding():
    restated = "This report is the Kent Police PEEL inspection for 2023."
    hit, _ = make_hit("kent", f"{restated} {_FINDING}", title=_TITLE)
    scorer = EvidenceScorer(FakeEmbedder(constant=True))
    evidence = scorer.score(lookup(_VAGUE), [hit])
    finding, title = by_text(evidence, _FINDING), by_text(evidence, restated)
    assert finding.similarity == title.similarity
    assert finding.score > title.score
    assert finding.score - title.score == pytest.approx(scorer.config.boilerplate_penalty)
    assert evidence[0] is finding


def test_recurring_finds_text_repeated_in_three_reports_ignoring_case_and_punctuation():
    hits = [make_hit(f"doc{i}", _THANKS)[0] for i in range(3)]
    pairs = [(hit, unit) for hit in hits for unit in chunk_units(hit.chunk)]
    pairs[1] = (hits[1], Unit(0, len(_THANKS) - 1, _THANKS.upper().rstrip("."), True))
    assert len(recurring(pairs)) == 1
    assert recurring(pairs[:2]) == set()  # two reports are not "several"
    assert recurring(pairs[:2], min_docs=2)


def test_same_sentence_twice_in_one_report_is_not_recurring():
    hit, _ = make_hit("doc0", _THANKS)
    unit = chunk_units(hit.chunk)[0]
    other = make_hit("doc1", _THANKS)[0]
    assert recurring([(hit, unit), (hit, unit), (hit, unit), (other, unit)]) == set()


def test_sentence_recurring_in_three_reports_scores_below_a_specific_finding():
    first, _ = make_hit("doc0", f"{_THANKS} {_FINDING}")
    others = [make_hit(f"doc{i}", _THANKS)[0] for i in (1, 2)]
    scorer = EvidenceScorer(FakeEmbedder(constant=True))
    evidence = scorer.score(lookup(_VAGUE), [first, *others])
    own = [e for e in evidence if e.doc_id == "doc0"]
    finding, thanks = by_text(own, _FINDING), by_text(own, _THANKS)
    assert finding.score - thanks.score == pytest.approx(scorer.config.boilerplate_penalty)
    assert evidence[0] is finding


def test_sentence_in_only_two_reports_is_not_penalised():
    first, _ = make_hit("doc0", f"{_THANKS} {_FINDING}")
    other, _ = make_hit("doc1", _THANKS)
    evidence = EvidenceScorer(FakeEmbedder(constant=True)).score(lookup(_VAGUE), [first, other])
    own = [e for e in evidence if e.doc_id == "doc0"]
    assert by_text(own, _FINDING).score == pytest.approx(by_text(own, _THANKS).score)


# --- (c) widening to a neighbouring unit -----------------------------------------------

_LED = "The inspection was led by a senior inspector of constabulary."
_DATED = "The report was published on 5 August 2022."
_ACCEPTED = "The force accepted every recommendation made by inspectors."


def _item(scorer, question, hit, text):
    return by_text(scorer.score(lookup(question), [hit]), text), scorer.query(lookup(question))


def test_widen_joins_the_neighbour_that_carries_the_asked_fact():
    hit, doc_text = make_hit("kent", f"{_LED} {_DATED}", prefix="Foreword text.\n\n")
    scorer = EvidenceScorer(FakeEmbedder())
    item, query = _item(scorer, "When was the report published?", hit, _LED)
    assert item.fit == 0.0
    wide = scorer.widen(item, query)
    assert wide.text == f"{_LED} {_DATED}"
    assert wide.fit == 1.0
    assert (wide.start, wide.end) == (item.start, item.start + len(wide.text))
    assert doc_text[wide.start : wide.end] == wide.text
    chunk = hit.chunk
    assert chunk.text[wide.start - chunk.start : wide.end - chunk.start] == wide.text
    assert wide.score > item.score  # it no longer loses the type penalty


def test_widen_takes_the_smallest_window_on_the_side_that_has_the_fact():
    hit, doc_text = make_hit("kent", f"{_ACCEPTED} {_LED} {_DATED}", prefix="Intro.\n\n")
    scorer = EvidenceScorer(FakeEmbedder())
    item, query = _item(scorer, "When was the report published?", hit, _LED)
    wide = scorer.widen(item, query)
    assert wide.text == f"{_LED} {_DATED}"  # not the sentence before, which has no date
    assert doc_text[wide.start : wide.end] == wide.text


def test_widen_keeps_the_gap_between_blocks_verbatim():
    hit, doc_text = make_hit("kent", f"{_LED}\n\n{_DATED}")
    scorer = EvidenceScorer(FakeEmbedder())
    item, query = _item(scorer, "When was the report published?", hit, _LED)
    wide = scorer.widen(item, query)
    assert wide.text == f"{_LED}\n\n{_DATED}"
    assert doc_text[wide.start : wide.end] == wide.text


def test_widen_leaves_a_sentence_that_already_carries_the_fact():
    hit, _ = make_hit("kent", f"{_LED} {_DATED}")
    scorer = EvidenceScorer(FakeEmbedder())
    item, query = _item(scorer, "When was the report published?", hit, _DATED)
    assert scorer.widen(item, query) == item


def test_widen_does_nothing_when_no_fact_is_asked():
    hit, _ = make_hit("kent", f"{_LED} {_DATED}")
    scorer = EvidenceScorer(FakeEmbedder())
    item, query = _item(scorer, "What did inspectors find about leadership?", hit, _LED)
    assert scorer.widen(item, query) == item


def test_widen_never_reaches_into_another_chunk():
    first, _ = make_hit("kent", _LED, ordinal=0)
    second = Chunk("kent#1-def", "kent", 1, _DATED, first.chunk.end + 1, first.chunk.end + 44)
    hits = [first, Hit(chunk=second, meta=first.meta, score=0.5)]
    scorer = EvidenceScorer(FakeEmbedder())
    question = "When was the report published?"
    item = by_text(scorer.score(lookup(question), hits), _LED)
    assert scorer.widen(item, scorer.query(lookup(question))) == item


_INTRO = "Inspectors graded the force in five areas of its work:"


def test_a_sentence_ending_in_a_colon_takes_its_whole_list_one_word_items_too():
    items = "leadership\n\npartnership working\n\ninitial response\n\ninvestigation."
    after = "The force accepted every recommendation made by inspectors in that report."
    hit, doc_text = make_hit("kent", f"{_INTRO}\n\n{items}\n\n{after}")
    scorer = EvidenceScorer(FakeEmbedder())
    item, query = _item(scorer, "In which areas was the force graded?", hit, _INTRO)
    wide = scorer.widen(item, query)
    assert wide.text == f"{_INTRO}\n\n{items}"  # the list ends at its full stop
    assert doc_text[wide.start : wide.end] == wide.text


def test_a_colon_list_of_sentences_runs_to_the_first_line_that_is_not_one():
    items = "Good \u2013 most of it is there.\n\nAdequate \u2013 some is.\n\nPoor \u2013 none is."
    after = "Findings\n\nThe rest of the report."
    hit, doc_text = make_hit("kent", f"{_INTRO}\n\n{items}\n\n{after}")
    scorer = EvidenceScorer(FakeEmbedder())
    item, query = _item(scorer, "In which areas was the force graded?", hit, _INTRO)
    wide = scorer.widen(item, query)
    assert wide.text == f"{_INTRO}\n\n{items}"  # not the heading after it
    assert doc_text[wide.start : wide.end] == wide.text


def test_a_colon_list_of_numbered_paragraphs_runs_to_the_last_number():
    first = "1. Running the force. " + " ".join(["Leaders must manage better."] * 8)
    second = "2. First-line supervisors. " + " ".join(["Sergeants need support."] * 8)
    after = "The report also notes good practice in several forces across the country."
    hit, doc_text = make_hit("kent", f"{_INTRO}\n\n{first}\n{second}\n\n{after}")
    scorer = EvidenceScorer(FakeEmbedder())
    item, query = _item(scorer, "In which areas was the force graded?", hit, _INTRO)
    wide = scorer.widen(item, query)
    assert wide.text == f"{_INTRO}\n\n{first}\n{second}"  # long items, numbered 1 and 2
    assert doc_text[wide.start : wide.end] == wide.text


def test_a_colon_list_stops_at_a_long_line():
    long_line = " ".join(["word"] * 35) + "."
    hit, _ = make_hit("kent", f"{_INTRO}\n\nleadership\n\n{long_line}")
    scorer = EvidenceScorer(FakeEmbedder())
    item, query = _item(scorer, "In which areas was the force graded?", hit, _INTRO)
    assert scorer.widen(item, query).text == f"{_INTRO}\n\nleadership"


# --- (d) preferred reports --------------------------------------------------------------


@pytest.mark.parametrize("bonus", [0.05, 0.2])
def test_preferred_report_gains_the_prefer_bonus(bonus):
    plain, _ = make_hit("essex", _FINDING)
    preferred, _ = make_hit("kent", _FINDING, preferred=True)
    scorer = EvidenceScorer(FakeEmbedder(), ScorerConfig(prefer_bonus=bonus))
    evidence = scorer.score(lookup("How fast are emergency calls answered?"), [plain, preferred])
    assert [e.doc_id for e in evidence] == ["kent", "essex"]
    assert evidence[0].score - evidence[1].score == pytest.approx(bonus)


# --- (e) stored unit vectors ------------------------------------------------------------


def test_stored_vectors_are_used_instead_of_embedding():
    hit, _ = make_hit("kent", f"{_LED} {_FINDING}")
    asked: list[list[str]] = []

    def stored(chunk_ids):
        asked.append(list(chunk_ids))
        # the finding points at the query (sim 1), the other sentence away from it (sim 0)
        return {hit.chunk.chunk_id: np.stack([_basis(1), _basis(0)])}

    embedder = FakeEmbedder(constant=True)  # would make both sentences equally similar
    scorer = EvidenceScorer(embedder, stored=stored)
    evidence = scorer.score(lookup(_VAGUE), [hit])
    assert embedder.document_calls == []
    assert asked == [[hit.chunk.chunk_id]]
    assert evidence[0].text == _FINDING
    assert evidence[0].similarity == pytest.approx(1.0)
    assert by_text(evidence, _LED).similarity == pytest.approx(0.0)


def test_only_chunks_without_stored_vectors_are_embedded():
    kept, _ = make_hit("kent", f"{_LED} {_FINDING}")
    fresh, _ = make_hit("essex", _ACCEPTED)

    def stored(chunk_ids):
        return (
            {kept.chunk.chunk_id: np.stack([_basis(0), _basis(0)])}
            if (kept.chunk.chunk_id in chunk_ids)
            else {}
        )

    embedder = FakeEmbedder()
    scorer = EvidenceScorer(embedder, stored=stored)
    scorer.score(lookup("What did the force accept?"), [kept, fresh])
    assert embedder.document_calls == [[_ACCEPTED]]


def test_vectors_are_cached_across_questions():
    hit, _ = make_hit("kent", f"{_LED} {_FINDING}")
    calls: list[list[str]] = []

    def stored(chunk_ids):
        calls.append(list(chunk_ids))
        return {}

    embedder = FakeEmbedder()
    scorer = EvidenceScorer(embedder, stored=stored)
    scorer.score(lookup("Who led the inspection?"), [hit])
    scorer.score(lookup("How fast are emergency calls answered?"), [hit])
    assert len(embedder.document_calls) == 1
    assert len(calls) == 1


def test_facts_override_replaces_the_facts_read_from_the_question():
    hit, _ = make_hit("kent", _REPORT, title=_TITLE)
    scorer = EvidenceScorer(FakeEmbedder(constant=True))
    question = lookup("What did inspectors find about emergency calls?")
    evidence = scorer.score(replace(question, facts=frozenset({Fact.WHEN})), [hit])
    assert "Date of publication: 5 August 2022" in [e.text for e in evidence]

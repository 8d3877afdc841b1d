"""Citations (retrieval.answer.cite): numbered in order of use, one number per span, every quote
checked against its document's text. Pure logic over an in-memory text_of."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from index.errors import GroundingError
from index.types import Answer, Chunk, Citation, DocumentMeta, Hit, Kind, TableRow
from retrieval.answer.cite import CitationBook, check_answer, is_verbatim
from retrieval.answer.evidence import Evidence

KENT_TEXT = (
    "Kent Police custody inspection\n\n"
    "Inspectors visited four custody suites in March 2021. "
    "Detainees were treated with respect. "
    "The force made 12 referrals to mental health services."
)
ESSEX_TEXT = (
    "Essex Police PEEL inspection\n\n"
    "The force answers most emergency calls within ten seconds. "
    "It needs to improve how it records crime."
)
TEXTS = {"kent": KENT_TEXT, "essex": ESSEX_TEXT}
META = {
    "kent": DocumentMeta("kent", "kent.pdf", "Kent Police custody inspection", ("Kent Police",)),
    "essex": DocumentMeta("essex", "essex.md", "Essex Police PEEL inspection", ("Essex Police",)),
}
# Both documents have their body in one chunk after the title block.
CHUNKS = {
    doc: Chunk(
        f"{doc}#1-abc",
        doc,
        1,
        text[text.index("\n\n") + 2 :],
        text.index("\n\n") + 2,
        len(text),
        page=3,
        printed_page="ii",
        section="Summary > Findings",
        paragraph="2.4",
    )
    for doc, text in TEXTS.items()
}


def text_of(doc_id: str) -> str | None:
    return TEXTS.get(doc_id)


def evidence(doc: str, sentence: str) -> Evidence:
    """The evidence for one sentence of a document, at its true offsets."""
    start = TEXTS[doc].index(sentence)
    hit = Hit(chunk=CHUNKS[doc], meta=META[doc], score=1.0)
    return Evidence(hit, start, start + len(sentence), sentence, 0.8, 0.8, 0.5)


def citation(doc: str, sentence: str, n: int = 1) -> Citation:
    start = TEXTS[doc].index(sentence)
    return Citation(n, META[doc], sentence, start, start + len(sentence))


VISITED = "Inspectors visited four custody suites in March 2021."
RESPECT = "Detainees were treated with respect."
REFERRALS = "The force made 12 referrals to mental health services."
CALLS = "The force answers most emergency calls within ten seconds."


# --- is_verbatim ---------------------------------------------------------------------------


def test_is_verbatim_accepts_the_exact_span():
    assert is_verbatim(citation("kent", RESPECT), text_of)
    assert is_verbatim(citation("essex", CALLS), text_of)


@pytest.mark.parametrize(
    "change",
    [
        {"quote": "Detainees were treated with dignity."},  # reworded
        {"quote": "detainees were treated with respect."},  # case differs
        {"quote": "Detainees were  treated with respect."},  # whitespace differs
        {"quote": "Detainees were treated with respect"},  # a character short
    ],
)
def test_is_verbatim_rejects_a_quote_that_differs_from_the_source(change):
    assert not is_verbatim(replace(citation("kent", RESPECT), **change), text_of)


@pytest.mark.parametrize("shift", [-1, 1])
def test_is_verbatim_rejects_offsets_that_slice_something_else(shift):
    good = citation("kent", RESPECT)
    moved = replace(good, start=good.start + shift, end=good.end + shift)
    assert not is_verbatim(moved, text_of)


def test_is_verbatim_rejects_the_right_quote_attributed_to_another_report():
    quote = citation("kent", RESPECT)
    assert not is_verbatim(replace(quote, meta=META["essex"]), text_of)


def test_is_verbatim_rejects_a_document_whose_text_is_unknown():
    unknown = replace(META["kent"], doc_id="gone")
    assert not is_verbatim(replace(citation("kent", RESPECT), meta=unknown), text_of)


# --- CitationBook ----------------------------------------------------------------------------


def test_numbers_follow_the_order_of_first_use():
    book = CitationBook(text_of)
    assert book.cite(evidence("kent", REFERRALS)) == 1
    assert book.cite(evidence("essex", CALLS)) == 2
    assert book.cite(evidence("kent", VISITED)) == 3
    assert [c.n for c in book.citations] == [1, 2, 3]
    assert [c.quote for c in book.citations] == [REFERRALS, CALLS, VISITED]


def test_the_same_span_keeps_its_number_and_is_listed_once():
    book = CitationBook(text_of)
    first = book.cite(evidence("kent", RESPECT))
    book.cite(evidence("essex", CALLS))
    again = book.cite(evidence("kent", RESPECT))
    assert first == again == 1
    assert len(book.citations) == 2


def test_overlapping_but_different_spans_get_their_own_numbers():
    book = CitationBook(text_of)
    one = evidence("kent", VISITED)
    both = evidence("kent", f"{VISITED} {RESPECT}")
    assert both.start == one.start and both.end > one.end
    assert book.cite(one) == 1
    assert book.cite(both) == 2


def test_the_same_offsets_in_another_report_are_another_citation():
    book = CitationBook(text_of)
    kent = evidence("kent", RESPECT)
    essex_text = ESSEX_TEXT[kent.start : kent.end]
    essex = replace(
        kent, hit=Hit(chunk=CHUNKS["essex"], meta=META["essex"], score=1.0), text=essex_text
    )
    assert book.cite(kent) == 1
    assert book.cite(essex) == 2
    assert [c.meta.doc_id for c in book.citations] == ["kent", "essex"]


def test_a_citation_carries_where_to_find_the_quote():
    book = CitationBook(text_of)
    book.cite(evidence("kent", REFERRALS))
    (cited,) = book.citations
    assert cited.meta == META["kent"]
    assert cited.page == "ii"  # the printed page number, not the file's page 3
    assert cited.section == "Summary > Findings"
    assert cited.paragraph == "2.4"
    assert cited.chunk_id == "kent#1-abc"
    assert KENT_TEXT[cited.start : cited.end] == cited.quote == REFERRALS


def test_a_quote_that_is_not_verbatim_is_refused_and_not_numbered(caplog):
    book = CitationBook(text_of)
    bad = replace(evidence("kent", RESPECT), text="Detainees were treated with great respect.")
    with caplog.at_level(logging.ERROR, logger="retrieval.answer.cite"):
        assert book.cite(bad) is None
    assert book.citations == []
    assert "kent" in caplog.text
    # the numbering has no gap: the next good quote is [1]
    assert book.cite(evidence("essex", CALLS)) == 1
    assert [c.n for c in book.citations] == [1]


def test_a_quote_from_a_document_changed_since_indexing_is_refused():
    reworded = {**TEXTS, "kent": KENT_TEXT.replace("four", "five")}  # same length
    book = CitationBook(reworded.get)
    assert book.cite(evidence("kent", VISITED)) is None
    assert book.cite(evidence("kent", RESPECT)) == 1  # untouched, at the same offsets

    shifted = {**TEXTS, "kent": KENT_TEXT.replace("custody inspection", "custody report")}
    book = CitationBook(shifted.get)
    assert book.cite(evidence("kent", RESPECT)) is None  # same words, other offsets
    assert book.citations == []


def test_a_refused_span_that_is_later_quoted_correctly_gets_a_number():
    book = CitationBook(text_of)
    good = evidence("kent", RESPECT)
    assert book.cite(replace(good, text=good.text.upper())) is None
    assert book.cite(good) == 1


# --- check_answer ----------------------------------------------------------------------------


def _answer(citations, table=()) -> Answer:
    text = " ".join(f"{c.quote} [{c.n}]" for c in citations)
    return Answer(
        "What did inspectors find?", Kind.LOOKUP, text, table=list(table), citations=list(citations)
    )


def test_check_answer_passes_a_grounded_answer_through_unchanged():
    answer = _answer(
        [citation("kent", RESPECT, 1), citation("essex", CALLS, 2)],
        table=[TableRow("Kent Police", RESPECT, (1,)), TableRow("Essex Police", CALLS, (2,))],
    )
    assert check_answer(answer, text_of) is answer


def test_check_answer_flags_every_non_verbatim_quote_by_number():
    bad = replace(citation("kent", RESPECT, 2), quote="Detainees were treated badly.")
    worse = replace(citation("essex", CALLS, 3), start=0)
    answer = _answer([citation("kent", VISITED, 1), bad, worse])
    with pytest.raises(GroundingError) as raised:
        check_answer(answer, text_of)
    assert "[2, 3]" in str(raised.value)


def test_check_answer_flags_a_table_row_citing_an_undefined_number():
    answer = _answer(
        [citation("kent", RESPECT, 1)],
        table=[TableRow("Kent Police", RESPECT, (1,)), TableRow("Essex Police", CALLS, (4,))],
    )
    with pytest.raises(GroundingError) as raised:
        check_answer(answer, text_of)
    assert "[4]" in str(raised.value)


def test_check_answer_accepts_a_refusal_without_citations():
    refusal = Answer("What about fire services?", Kind.LOOKUP, "No answer.")
    assert check_answer(refusal, text_of) is refusal


def test_every_citation_the_book_hands_out_passes_check_answer():
    book = CitationBook(text_of)
    for doc, sentence in [
        ("kent", VISITED),
        ("essex", CALLS),
        ("kent", VISITED),
        ("kent", REFERRALS),
    ]:
        book.cite(evidence(doc, sentence))
    answer = _answer(book.citations)
    assert check_answer(answer, text_of) is answer
    assert [c.n for c in answer.citations] == [1, 2, 3]


def test_check_answer_flags_a_marker_in_the_text_that_no_citation_defines():
    answer = Answer(
        "What did inspectors find?",
        Kind.LOOKUP,
        f"{RESPECT} [1] {CALLS} [2]",
        citations=[citation("kent", RESPECT, 1)],
    )
    with pytest.raises(GroundingError):
        check_answer(answer, text_of)

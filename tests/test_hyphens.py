"""A hyphen at the end of a PDF line: a compound keeps it, a word split by the layout loses
it, and a quote of either is the text as the report printed it."""

from __future__ import annotations

import re
from pathlib import Path

from fixtures_loaders import laid_out_pdf
from pypdf import PdfReader

from index.loaders import load_file
from index.loaders.hyphens import join_lines

BODY = 11.0
# Neither "decision" nor "making" is printed anywhere else in this report.
LINES = [
    (16.0, "1. Custody", 0),
    (BODY, "Inspectors found that custody officers used sound decision-", 4),
    (BODY, "making when detainees were vulnerable. Every risk they posed was", 1),
    (BODY, "recorded in the custody record.", 1),
]


def test_a_compound_keeps_its_hyphen_when_both_halves_are_words() -> None:
    """The report prints neither half on its own: the word list decides."""
    assert join_lines("used sound decision-", "making when", set()) == (
        "used sound decision-making when"
    )
    assert join_lines("its cross-", "border work", set()) == "its cross-border work"
    assert join_lines("a multi-", "agency team", set()) == "a multi-agency team"
    # a half that is no word of the list but one the report prints
    assert join_lines("to reduce re-", "offending", {"offending"}) == "to reduce re-offending"


def test_a_word_split_by_the_layout_is_rejoined() -> None:
    """Halves that are not both words, or a closed form that is a word (or inflects one)."""
    assert join_lines("every risk assess-", "ment was", set()) == "every risk assessment was"
    assert join_lines("its robust-", "ness", set()) == "its robustness"
    assert join_lines("and safe-", "guarding", set()) == "and safeguarding"
    assert join_lines("the prioriti-", "sation", set()) == "the prioritisation"


def printed(path: Path) -> str:
    """The PDF's text read by another library, its lines joined as printed: after a
    line-end hyphen with nothing between, else with a space."""
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s*\n\s*", " ", re.sub(r"-\n", "-", text))


def test_a_quote_of_a_compound_broken_across_lines_is_as_printed(tmp_path: Path, embedder) -> None:
    from index.build import IndexBuilder
    from index.settings import IndexSettings
    from retrieval.answer.cite import is_verbatim
    from retrieval.service import ReportQA

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pdf = laid_out_pdf(corpus / "custody.pdf", [LINES], None, None)
    settings = IndexSettings(index_dir=tmp_path / "index")
    assert not IndexBuilder(settings, embedder).build(corpus).failed
    qa = ReportQA.open(settings, embedder=embedder)
    try:
        answer = qa.ask("How did custody officers make decisions about vulnerable detainees?")
        quotes = [c.quote for c in answer.citations if "decision" in c.quote]
        assert quotes, answer.answer
        assert all(is_verbatim(c, qa.document_text) for c in answer.citations)
        assert all(quote in printed(pdf) for quote in quotes), (quotes, printed(pdf))
        assert "decision-making" in quotes[0]
    finally:
        qa.close()
    blocks = [block.text for block in load_file(pdf, corpus, {}).blocks]
    assert blocks[1] == (
        "Inspectors found that custody officers used sound decision-making when detainees were "
        "vulnerable. Every risk they posed was recorded in the custody record."
    )

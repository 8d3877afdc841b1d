"""Chunker: chunks fit the model, slice back exactly, follow the report's structure."""

from __future__ import annotations

from index.chunk import Chunker, ChunkerConfig
from index.manifest import Manifest
from index.text import sentence_spans
from index.types import Block, DocumentMeta, assemble

META = DocumentMeta(doc_id="demo", source="demo.md", title="Demo report")


def make_chunker(embedder, max_tokens: int = 256) -> Chunker:
    return Chunker(embedder.count_tokens, ChunkerConfig(max_tokens=max_tokens, overlap_tokens=40))


def test_every_sample_chunk_fits_the_model_and_slices_back(sample_index, embedder):
    with Manifest.open(sample_index.manifest_path) as manifest:
        chunks = list(manifest.iter_chunks())
        texts = {doc_id: manifest.document_text(doc_id) for doc_id in manifest.documents()}
    assert len(chunks) > 300
    counts = embedder.count_tokens([c.text for c in chunks])
    assert max(counts) <= embedder.max_tokens == 256
    for chunk in chunks:
        assert texts[chunk.doc_id][chunk.start : chunk.end] == chunk.text


def test_long_paragraph_without_punctuation_is_split_to_fit(embedder):
    words = " ".join(f"word{i} detectives" for i in range(600))
    document = assemble(
        META,
        [
            Block("1. Findings", section="1. Findings", is_heading=True),
            Block(words, section="1. Findings"),
        ],
    )
    chunks = make_chunker(embedder).chunk(document)
    assert len(chunks) > 3
    assert max(embedder.count_tokens([c.text for c in chunks])) <= 256
    assert all(document.text[c.start : c.end] == c.text for c in chunks)
    covered = set()
    for chunk in chunks:
        covered.update(range(chunk.start, chunk.end))
    words_at = {i for i, ch in enumerate(document.text) if not ch.isspace()}
    assert covered >= words_at  # every word lands in some chunk


def test_chunks_do_not_cross_sections_and_keep_their_place(embedder):
    blocks = [
        Block("1. Custody", page=3, printed_page="2", section="1. Custody", is_heading=True),
        Block(
            "1.1 Detainees were treated with respect in every suite we visited.",
            page=3,
            printed_page="2",
            section="1. Custody",
            paragraph="1.1",
        ),
        Block(
            "2. Investigations",
            page=4,
            printed_page="3",
            section="2. Investigations",
            is_heading=True,
        ),
        Block(
            "2.1 There were too few trained detectives for the demand.",
            page=4,
            printed_page="3",
            section="2. Investigations",
            paragraph="2.1",
        ),
    ]
    chunks = make_chunker(embedder).chunk(assemble(META, blocks))
    assert [c.section for c in chunks] == ["1. Custody", "2. Investigations"]
    assert [(c.page, c.printed_page, c.paragraph) for c in chunks] == [
        (3, "2", "1.1"),
        (4, "3", "2.1"),
    ]
    assert chunks[0].text.startswith("1. Custody") and "detectives" not in chunks[0].text
    assert chunks[0].page_label == "2"


def test_consecutive_chunks_of_a_section_overlap(embedder):
    sentences = [f"Sentence {i} says the force improved its custody work." for i in range(60)]
    document = assemble(META, [Block(" ".join(sentences), section="1. Summary")])
    chunks = make_chunker(embedder, max_tokens=128).chunk(document)
    assert len(chunks) >= 3
    assert all(b.start < a.end for a, b in zip(chunks, chunks[1:], strict=False))


def test_chunk_ids_are_stable_and_distinct(embedder):
    document = assemble(
        META,
        [
            Block("Paragraph one about vetting standards in forces.", section="A"),
            Block("Paragraph two about misconduct cases and outcomes.", section="B"),
        ],
    )
    first = make_chunker(embedder).chunk(document)
    again = make_chunker(embedder).chunk(document)
    assert [c.chunk_id for c in first] == [c.chunk_id for c in again]
    assert len({c.chunk_id for c in first}) == len(first) == 2


def test_sentence_spans_keep_abbreviations_and_quotes_together():
    text = 'The force (e.g. Kent) was good. It had 13 recommendations! "Quoted here." Last one'
    found = [text[s:e] for s, e in sentence_spans(text)]
    assert found == [
        "The force (e.g. Kent) was good.",
        "It had 13 recommendations!",
        '"Quoted here."',
        "Last one",
    ]

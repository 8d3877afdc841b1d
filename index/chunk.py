"""Structure-aware chunking that respects the embedding model's token limit.

A chunk never crosses a section boundary: each heading starts a new chunk and
stays with the paragraphs under it. Paragraphs are packed into chunks up to the
limit; an over-long paragraph is split into sentences (and an over-long sentence
into word windows). Consecutive chunks of one section share a short overlap.
Every chunk is a contiguous span of the document's text, so
``document.text[chunk.start:chunk.end] == chunk.text``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from index.text import sentence_spans
from index.types import BlockSpan, Chunk, Document

TokenCounter = Callable[[Sequence[str]], list[int]]


@dataclass(frozen=True)
class Piece:
    """A unit the packer works with: a span of the document and its token count."""

    start: int
    end: int
    tokens: int
    span: BlockSpan


@dataclass(frozen=True)
class ChunkerConfig:
    max_tokens: int = 256  # the model's limit, special tokens included
    overlap_tokens: int = 40


def word_windows(text: str, offset: int, size: int) -> list[tuple[int, int]]:
    """Split a run of text into windows of at most `size` words (last resort)."""
    words = [m.span() for m in re.finditer(r"\S+", text)]
    return [
        (words[i][0] + offset, words[min(i + size, len(words)) - 1][1] + offset)
        for i in range(0, len(words), size)
    ]


def chunk_id(doc_id: str, ordinal: int, text: str) -> str:
    """Stable id: the same text at the same place in the same report keeps its id."""
    digest = hashlib.sha1(f"{doc_id}\x00{ordinal}\x00{text}".encode()).hexdigest()[:16]
    return f"{doc_id}#{ordinal}-{digest}"


class Chunker:
    """Cut documents into chunks that fit the embedding model.

    >>> chunker = Chunker(embedder.count_tokens, ChunkerConfig(max_tokens=256))
    >>> chunks = chunker.chunk(document)
    """

    def __init__(self, count_tokens: TokenCounter, config: ChunkerConfig | None = None) -> None:
        self.count_tokens = count_tokens
        self.config = config or ChunkerConfig()
        # Special tokens ([CLS], [SEP]) and the separators between pieces cost a little.
        self.budget = self.config.max_tokens - 4

    def chunk(self, document: Document) -> list[Chunk]:
        chunks: list[Chunk] = []
        for section in self._sections(document.spans):
            for start, end, first in self._pack(document.text, section):
                text = document.text[start:end]
                ordinal = len(chunks)
                chunks.append(
                    Chunk(
                        chunk_id=chunk_id(document.meta.doc_id, ordinal, text),
                        doc_id=document.meta.doc_id,
                        ordinal=ordinal,
                        text=text,
                        start=start,
                        end=end,
                        page=first.block.page,
                        printed_page=first.block.printed_page,
                        section=first.block.section,
                        paragraph=first.block.paragraph,
                    )
                )
        return chunks

    @staticmethod
    def _sections(spans: Sequence[BlockSpan]) -> list[list[BlockSpan]]:
        """Group blocks: a heading opens a new group; consecutive headings stay together."""
        groups: list[list[BlockSpan]] = []
        for span in spans:
            prev = groups[-1][-1].block if groups else None
            boundary = span.block.is_heading or span.block.section != prev.section if prev else True
            if prev is None or (boundary and not prev.is_heading):
                groups.append([span])
            else:
                groups[-1].append(span)
        return groups

    def _pieces(self, text: str, section: list[BlockSpan]) -> list[Piece]:
        """Blocks as pieces; over-long blocks broken into sentences, then word windows."""
        counts = self.count_tokens([text[s.start : s.end] for s in section])
        pieces: list[Piece] = []
        for span, tokens in zip(section, counts, strict=True):
            if tokens <= self.budget:
                pieces.append(Piece(span.start, span.end, tokens, span))
                continue
            bounds = sentence_spans(text[span.start : span.end], span.start)
            pieces.extend(self._fit(text, bounds, span))
        return pieces

    def _fit(self, text: str, bounds: list[tuple[int, int]], span: BlockSpan) -> list[Piece]:
        counts = self.count_tokens([text[s:e] for s, e in bounds])
        fitted: list[Piece] = []
        for (start, end), tokens in zip(bounds, counts, strict=True):
            if tokens <= self.budget:
                fitted.append(Piece(start, end, tokens, span))
                continue
            windows = word_windows(text[start:end], start, max(8, self.budget // 3))
            sizes = self.count_tokens([text[s:e] for s, e in windows])
            fitted.extend(Piece(s, e, n, span) for (s, e), n in zip(windows, sizes, strict=True))
        return fitted

    def _pack(self, text: str, section: list[BlockSpan]) -> list[tuple[int, int, BlockSpan]]:
        """Greedy packing of pieces into (start, end, first block) windows with overlap."""
        pieces = self._pieces(text, section)
        windows: list[tuple[int, int, BlockSpan]] = []
        i = 0
        while i < len(pieces):
            total, j = pieces[i].tokens, i + 1
            while j < len(pieces) and total + pieces[j].tokens + 1 <= self.budget:
                total += pieces[j].tokens + 1
                j += 1
            first = next((p.span for p in pieces[i:j] if not p.span.block.is_heading), None)
            windows.append((pieces[i].start, pieces[j - 1].end, first or pieces[i].span))
            i = self._next_start(pieces, i, j)
        return windows

    def _next_start(self, pieces: list[Piece], i: int, j: int) -> int:
        """Start the next window one piece back when that piece is short enough to overlap."""
        if j >= len(pieces) or j - 1 <= i:
            return j
        last = pieces[j - 1]
        fits = last.tokens <= self.config.overlap_tokens and not last.span.block.is_heading
        return j - 1 if fits and last.tokens + pieces[j].tokens + 1 <= self.budget else j

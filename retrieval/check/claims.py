"""A draft (Markdown or plain text) cut into the claims to check, with everything else kept.

Each line of the draft becomes segments in order: a blank line or a heading is kept as it
is; any other line is cut into sentences, each a claim, after its list marker or quote
prefix ("- ", "1. ", "> "). Joining the segments' text gives the draft back, so an
annotated copy can be written line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from index.lexicon.layout import line_prefix
from index.text import ANSWER_SENTENCE_END
from retrieval.answer.support import content_stems

_HEADING = re.compile(r"^\s{0,3}(?:#{1,6}\s|#{1,6}$)")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")  # a Markdown horizontal rule
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")  # a footnote reference already in the draft


class SegmentKind(StrEnum):
    CLAIM = "claim"
    HEADING = "heading"
    BLANK = "blank"
    TEXT = "text"  # a prefix, a rule, or a sentence with no content word to check


@dataclass(frozen=True)
class Segment:
    """A piece of the draft: its text as written, its kind and its line (1-based)."""

    kind: SegmentKind
    text: str
    line: int
    line_end: bool = False  # the last segment of its line


def split_draft(draft: str) -> list[Segment]:
    """The draft as segments, in order; claims are the sentences of its prose lines."""
    segments: list[Segment] = []
    for number, line in enumerate(draft.splitlines() or [""], start=1):
        segments += _line_segments(line, number)
    return segments


def claims_of(draft: str) -> list[str]:
    """Only the claims of a draft, in order."""
    return [s.text for s in split_draft(draft) if s.kind is SegmentKind.CLAIM]


def _line_segments(line: str, number: int) -> list[Segment]:
    if not line.strip():
        return [Segment(SegmentKind.BLANK, line, number, True)]
    if _HEADING.match(line) or _RULE.match(line):
        kind = SegmentKind.HEADING if _HEADING.match(line) else SegmentKind.TEXT
        return [Segment(kind, line, number, True)]
    prefix = line_prefix(line)
    pieces = [Segment(SegmentKind.TEXT, prefix, number)] if prefix else []
    body = line[len(prefix) :]
    start = 0
    for match in ANSWER_SENTENCE_END.finditer(body):
        pieces.append(_sentence(body[start : match.end()], number))
        start = match.end()
    if start < len(body):
        pieces.append(_sentence(body[start:], number))
    last = pieces[-1]
    pieces[-1] = Segment(last.kind, last.text, number, True)
    return pieces


def _sentence(text: str, number: int) -> Segment:
    """A sentence is a claim when it has words worth checking."""
    words = content_stems(_FOOTNOTE.sub(" ", text))
    kind = SegmentKind.CLAIM if len(words) >= 2 else SegmentKind.TEXT
    return Segment(kind, text, number)

"""Numbers that belong to the layout, not the content: a heading's section number, a
list's item marker and an answer's [n] citation marker. None of them is a figure.
"""

from __future__ import annotations

import re

from index.lexicon.span import Concept, Span

# "11. Conclusion", "2.3 Findings": a number (with dots) then a capitalised heading.
_SECTION = re.compile(r"(?m)^\s*(?P<n>\d+(?:\.\d+)*)\.?\s+(?=[A-Z])")
# "3. the number of …", "4) …", "a) …", "- …", "• …", after any Markdown quote "> ".
_LIST_ITEM = re.compile(r"(?m)^[ \t]*(?:>[ \t]*)*(?P<n>\d{1,3}[.)]|[a-z]\)|[-*+•])[ \t]+")
# "[2]", "[1, 3]", "[2; 4]": an answer's citation of its numbered quotes.
MARKER = r"\[(\d+(?:\s*[,;]\s*\d+)*)\]"
MARKER_RE = re.compile(MARKER)  # group 1: the numbers, as written


def sections(text: str) -> list[Span]:
    """Section numbers at line starts; value the number ("2.3")."""
    return [
        Span(Concept.SECTION, m.start(), m.end(), m.group(), m["n"])
        for m in _SECTION.finditer(text)
    ]


def list_items(text: str) -> list[Span]:
    """List markers at line starts that are no section number; value "3", "a" or "-"."""
    headings = {s.start for s in sections(text)}
    return [
        Span(Concept.LIST_ITEM, m.start(), m.end(), m.group(), m["n"].rstrip(".)"))
        for m in _LIST_ITEM.finditer(text)
        if m.start() not in headings
    ]


def markers(text: str) -> list[Span]:
    """Citation markers; value the cited numbers in order, without repeats."""
    return [
        Span(Concept.MARKER, m.start(), m.end(), m.group(), _numbers(m.group(1)))
        for m in MARKER_RE.finditer(text)
    ]


def _numbers(group: str) -> tuple[int, ...]:
    return tuple(dict.fromkeys(int(n) for n in re.split(r"\s*[,;]\s*", group)))


def marker_numbers(text: str) -> list[int]:
    """Every number the text's markers cite, in order, without repeats."""
    return list(dict.fromkeys(n for span in markers(text) for n in span.value))


def strip_markers(text: str) -> str:
    """``text`` without its citation markers (replaced by a space)."""
    return MARKER_RE.sub(" ", text)


def neutralise_markers(text: str) -> str:
    """``text`` with each marker written in round brackets ("[2]" -> "(2)"): a report's
    own "[2]" must not read as one of the answer's citations."""
    return MARKER_RE.sub(r"(\1)", text)


def without_layout(text: str) -> str:
    """``text`` without its section numbers and list markers at line starts."""
    return _LIST_ITEM.sub("", _SECTION.sub("", text))


# What may open a line before its text: a section number of any case ("2.1", "3"), a
# list's "a)", a bullet; and, in a draft, Markdown quote marks then a bullet or number.
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\)|[-*+•])\s+")
_DRAFT_PREFIX = re.compile(r"^\s*(?:>\s*)*(?:(?:[-*+•]|\d{1,3}[.)])\s+)?")
_ITEM_NUMBER = re.compile(r"(\d{1,2})[.)]\s")


def strip_numbering(line: str) -> str:
    """The line without the section number, list marker or bullet that opens it."""
    return _NUMBERING.sub("", line)


def line_prefix(line: str) -> str:
    """What opens a line of a draft before its text: quote marks, a bullet or a number."""
    return _DRAFT_PREFIX.match(line).group()  # type: ignore[union-attr]  # always matches


def item_number(line: str) -> int | None:
    """The number of a numbered list item ("1. Running the force." -> 1), else None."""
    match = _ITEM_NUMBER.match(line)
    return int(match.group(1)) if match else None

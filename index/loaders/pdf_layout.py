"""PDF page furniture: running headers, footers and printed page numbers.

Works on any PDF, not only ours: a line near the top or bottom of a page is
furniture when its wording (digits ignored) recurs on at least half the pages,
or when it is a bare page number ("7", "vii", "Page 7 of 40", "- 7 -").
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from index.loaders.common import squash
from index.loaders.pdf_text import Line

ZONE_LINES = 3  # lines examined at each edge of a page
NUMBER_LINES = 2  # edge lines that may hold a bare page number

_ROMAN = r"(?=[ivxlcdm]+\b)m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_PAGE_NUMBER_RE = re.compile(rf"(?:page\s+)?(\d{{1,4}}|{_ROMAN})(?:\s*(?:of|/)\s*\d{{1,4}})?", re.I)
_PAGE_WORD_RE = re.compile(r"\bpage\s+(\d{1,4})\b", re.I)
_DIGITS_RE = re.compile(r"\d+")


def bare_page_number(text: str) -> str | None:
    """The number when a line is only a page number, else None."""
    core = text.strip(" \t-–—|·•")
    match = _PAGE_NUMBER_RE.fullmatch(core)
    return match.group(1) if match and match.group(1) else None


def template(text: str) -> str:
    """A line's wording with digits masked, for spotting repeats across pages."""
    return _DIGITS_RE.sub("#", squash(text).lower())


def edge_indexes(lines: list[Line], depth: int) -> list[int]:
    """Indexes of the top and bottom ``depth`` lines by position on the page."""
    order = sorted(range(len(lines)), key=lambda i: -lines[i].y)
    return sorted(set(order[:depth] + order[-depth:]))


def _repeated_templates(pages: list[list[Line]]) -> set[str]:
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({template(lines[i].text) for i in edge_indexes(lines, ZONE_LINES)})
    threshold = max(2, math.ceil(len(pages) / 2))
    return {key for key, count in counts.items() if count >= threshold}


def _varying_numbers(pages: list[list[Line]], repeated: set[str]) -> dict[int, str]:
    """Page numbers embedded in repeated lines ("Report title | 7"): the slot that varies."""
    values: dict[str, dict[int, str]] = defaultdict(dict)
    for index, lines in enumerate(pages):
        for i in edge_indexes(lines, ZONE_LINES):
            key = template(lines[i].text)
            numbers = _DIGITS_RE.findall(lines[i].text)
            if key in repeated and numbers:
                word = _PAGE_WORD_RE.search(lines[i].text)
                values[key][index] = word.group(1) if word else numbers[-1]
    found: dict[int, str] = {}
    for per_page in values.values():
        if len(set(per_page.values())) > 1:
            for index, value in per_page.items():
                found.setdefault(index, value)
    return found


def strip_furniture(pages: list[list[Line]]) -> tuple[list[list[Line]], list[str | None]]:
    """Pages without headers/footers, and the printed page number of each page."""
    repeated = _repeated_templates(pages)
    embedded = _varying_numbers(pages, repeated)
    kept_pages: list[list[Line]] = []
    printed: list[str | None] = []
    for index, lines in enumerate(pages):
        drop: set[int] = set()
        number: str | None = None
        numbered_edges = set(edge_indexes(lines, NUMBER_LINES))
        for i in edge_indexes(lines, ZONE_LINES):
            bare = bare_page_number(lines[i].text) if i in numbered_edges else None
            if bare or template(lines[i].text) in repeated:
                drop.add(i)
                number = number or bare
        kept_pages.append([line for i, line in enumerate(lines) if i not in drop])
        printed.append(number or embedded.get(index))
    return kept_pages, printed

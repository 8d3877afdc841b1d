"""Grades stated by a line's shape: a table row, a heading or list line, a grade-first
list, a PDF table row, a grade line under an area's name; else the line's sentences are
read as prose (:mod:`index.grades.prose`).

- ``Investigating crime | Requires improvement``; under a header of years (``Area | 2017
  | 2018/19``) each cell gets its column's cycle; ``Adequate (previously outstanding)``
  also gives the earlier grade;
- ``2. Investigating crime – requires improvement``, ``vulnerability – inadequate`` (a
  heading's shorter names for areas are read at a line's start only);
- ``Requires improvement: preventing crime; and managing offenders`` (a grade, a colon,
  then only areas);
- ``Investigating crime Requires improvement`` (PDF rows, run together or not);
- ``Overall judgment`` then ``Inadequate`` on the next line.
"""

from __future__ import annotations

import re

import index.grades.cycles as cycles
import index.grades.vocabulary as vocab
from index.grades.common import CELL, GRADE, GradeHit, areas, is_cdi_report, overall_area
from index.grades.prose import prose_hits
from index.grades.vocabulary import Span, heading_area_spans
from index.lexicon.grades import GRADE_PATTERN, TITLE_GRADES, grade_of
from index.lexicon.layout import strip_numbering
from index.text import sentence_ranges
from index.types import DocumentMeta

Located = tuple[int, int, GradeHit]  # a hit and the offsets of the passage stating it

_PREVIOUSLY = re.compile(r"^(?:previously|formerly)\s+", re.I)
_DASH_LINE = re.compile(
    rf"^(?P<left>.{{3,140}}?)\s*(?:[\u2013\u2014:]|\s-)\s+(?:{GRADE_PATTERN})"
    r"(?:\s*\([^)]*\))?\s*(?:[.;,]\s*(?:and)?)?$",
    re.I,
)
# A grade, a colon, then a list of areas: "Requires improvement: preventing crime; and …".
_GRADE_FIRST = re.compile(rf"^(?:{GRADE_PATTERN})\s*:\s*(?P<rest>\S.*)$", re.I)
_LIST_GLUE = re.compile(r"^[\s,;.]*(?:and\s+)?$", re.I)  # what may sit between listed areas
# After an area name in a PDF table row: "(gloss) Requires improvement", then the next row.
_ROW_GRADE = re.compile(
    rf"(?:\s*\([^)]*\))?\s+(?:{TITLE_GRADES})(?:\s*\([^)]*\))?(?=\s+[A-Z(]|\s*$)"
)


def line_hits(
    text: str, start: int, end: int, above: tuple[int, int], meta: DocumentMeta
) -> list[Located]:
    """The judgements of a line that is not a table row: its shape, else its sentences."""
    line = text[start:end].strip()
    start = text.index(line, start)
    shaped = _heading(line, meta) or _grade_first(line, meta)
    if shaped:
        return [(start, start + len(line), shaped)]
    listed = _dash_list(line, start, meta)
    if listed:
        return listed
    rows = _pdf_rows(line, start, meta)
    area_above = _only_area(text[above[0] : above[1]].strip(), meta)
    cell = CELL.match(line)
    if not rows and area_above and cell and line[0].isupper():
        rows = [(above[0], start + len(line), GradeHit(area_above, grade_of(cell)))]
    sentences = [] if rows else sentence_ranges(text, start, end)
    return rows + [(s, e, hit) for s, e in sentences for hit in prose_hits(text, s, e, meta)]


def _heading(line: str, meta: DocumentMeta) -> GradeHit | None:
    """A heading or list line "Area – grade"."""
    dash = _DASH_LINE.match(strip_numbering(line))
    found = leading_area(dash.group("left"), meta, heading=True) if dash else None
    return GradeHit(found, grade_of(dash)) if dash and found else None


def _dash_list(line: str, start: int, meta: DocumentMeta) -> list[Located]:
    """A line listing "area – grade" pairs after a colon or between semicolons ("Its
    grades: prevention – good; investigation – requires improvement."): each pair
    read as a heading; nothing unless every part of the list is one."""
    body = line.rstrip(" .")
    lead = body.find(":") + 1
    parts = [(m.start() + lead, m.group()) for m in re.finditer(r"[^;]+", body[lead:])]
    if len(parts) < 2:
        return []
    found = []
    for at, part in parts:
        text = re.sub(r"^\s*(?:and\s+)?", "", part)
        hit = _heading(text.strip(), meta)
        if hit is None:
            return []
        offset = start + at + part.index(text.strip())
        found.append((offset, offset + len(text.strip()), hit))
    return found


def _grade_first(line: str, meta: DocumentMeta) -> GradeHit | None:
    """A line that is a grade, a colon and nothing but areas ("Adequate: protecting
    vulnerable people; and treatment of the public")."""
    first = _GRADE_FIRST.match(strip_numbering(line))
    if first is None:
        return None
    rest = first.group("rest").rstrip(" .")
    spans = areas(rest, meta)
    edges = [0] + [end for _, end, _ in spans]
    starts = [start for start, _, _ in spans] + [len(rest)]
    gaps = (rest[a:b] for a, b in zip(edges, starts, strict=True))
    if not spans or not all(_LIST_GLUE.match(gap) for gap in gaps):
        return None
    named = tuple(dict.fromkeys(area for *_, names in spans for area in names))
    return GradeHit(named, grade_of(first))


def _pdf_rows(line: str, start: int, meta: DocumentMeta) -> list[Located]:
    """PDF table rows "Area Grade", alone on a line or run together ("A Good B Inadequate")."""
    if line.endswith((".", ";", "!", "?")):
        return []
    rows = []
    for s, e, found in areas(line, meta):
        grade = _ROW_GRADE.match(line, e)
        if grade and line[s].isupper() and (s == 0 or line[s - 1] == " "):
            word = GRADE.search(grade.group())
            rows.append((start + s, start + grade.end(), GradeHit(found, grade_of(word))))
    return rows


def leading_area(left: str, meta: DocumentMeta, *, heading: bool = False) -> tuple[str, ...] | None:
    """The area a heading, list line or table cell starts with ("Overall judgment": the
    report's overall area); a heading may also use a shorter name ("vulnerability")."""
    left = strip_numbering(left.strip())
    if vocab.OVERALL_LABEL.match(left) and (is_cdi_report(meta) or heading):
        return overall_area(meta)
    spans: list[Span] = areas(left, meta)
    if heading and not (spans and spans[0][0] == 0):
        spans = heading_area_spans(left)
    return vocab.cdi_question(left) or (spans[0][2] if spans and spans[0][0] == 0 else None)


def _only_area(text: str, meta: DocumentMeta) -> tuple[str, ...] | None:
    """The area when the text is nothing but an area name (and a bracketed gloss)."""
    if vocab.OVERALL_LABEL.match(text):
        return overall_area(meta)
    spans = areas(text, meta)
    rest = text[spans[0][1] :].strip() if spans else text
    return leading_area(text, meta) if re.fullmatch(r"(?:\([^)]*\))?", rest) else None


def header(line: str) -> list[re.Match[str] | None]:
    """Each column's cycle cue when a table header names cycles ("Area | 2017 | 2018/19")."""
    cells = [cell.strip() for cell in line.split(" | ")]
    if any(CELL.match(cell) for cell in cells[1:]):
        return []
    cues = [cycles.HEADER_CUE.search(cell) for cell in cells]
    return cues if any(cues[1:]) else []


def table_row(line: str, columns: list[re.Match[str] | None], meta: DocumentMeta) -> list[GradeHit]:
    """A row "Area | Grade", or "Area | grade | grade" under a header of cycles."""
    cells = [cell.strip() for cell in line.split(" | ")]
    label = re.split(r"\s+[\u2013\u2014-]\s+|\s*\(", cells[0], maxsplit=1)[0]  # drop a gloss
    found = leading_area(label, meta)
    hits: list[GradeHit] = []
    for i, cell in enumerate(cells[1:], 1):
        graded = CELL.match(cell)
        if not (found and graded):
            continue
        column = columns[i] if i < len(columns) else None
        cycle = cycles.cycle_of_cue(column, found[0]) if column else None
        hits.append(GradeHit(found, grade_of(graded), cycle=cycle, fixed=cycle is not None))
        note = graded.group("note") or ""
        earlier = CELL.match(_PREVIOUSLY.sub("", note)) if _PREVIOUSLY.match(note) else None
        if earlier:
            now = cycle or cycles.report_cycle(meta.title, found[0])
            previous = cycles.previous_cycle(now)
            hits.append(GradeHit(found, grade_of(earlier), cycle=previous, fixed=True))
        if not columns:
            break
    return hits

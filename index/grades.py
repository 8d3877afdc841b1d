"""Rule-based extraction of the inspection grades, and counts, that a report states.

Pure functions over a document's text (``index.types.Document.text``) and metadata; the
vocabulary (grades, areas, cues, cycles) is in :mod:`index.grade_vocabulary`. A judgement
is read from one of these shapes and quoted verbatim (``quote == text[start:end]``):

- a table row as loaded, ``Investigating crime | Requires improvement``; under a header
  of years (``Area | 2017 | 2018/19``) each cell gets its column's cycle, and a cell
  ``Adequate (previously outstanding)`` also gives the earlier grade;
- a heading or list line, ``2. Investigating crime – requires improvement``;
- a PDF table row, ``Investigating crime Requires improvement``, or a grade line under a
  line that is only an area name;
- a sentence whose grade word is cued ("was graded inadequate at X", "is good at X",
  "X was judged adequate", "found X outstanding", "the inadequate areas were X and Y").

Precision first: negated, hypothetical or counted grades ("no force was graded
inadequate", "one good grade"), attributive uses ("good practice") and grades without a
named area give nothing. A passage naming forces gives its judgement to each of them;
else the report's own forces get it, and a national report keeps only judgements that
name a force (or sit under a short line naming one, as in a listing table). The cycle is
the one stated nearest before the grade ("in 2017", "2021/22", "had previously been
graded"), else the last one earlier in the paragraph, else the report's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index import grade_vocabulary as vocab
from index.forces import NATIONAL, find_forces
from index.grade_vocabulary import CDI, Span, area_spans
from index.lexicon.bodies import names_other_inspectorate
from index.lexicon.grades import GRADE_PATTERN, TITLE_GRADES, grade_of
from index.lexicon.layout import strip_numbering
from index.text import sentence_ranges
from index.types import DocumentMeta


@dataclass(frozen=True)
class Judgement:
    """One graded judgement about one force, with the passage stating it."""

    doc_id: str
    force: str
    area: str  # a label of the area vocabulary (index.grade_vocabulary)
    grade: str  # one of index.lexicon.grades.GRADES
    cycle: str | None  # one of index.grade_vocabulary.CYCLES, None when unknown
    start: int
    end: int
    quote: str  # == text[start:end]
    page: str | None = None  # where the quote sits (index.statements.place fills these)
    section: str = ""
    paragraph: str | None = None


@dataclass(frozen=True)
class _Hit:
    areas: tuple[str, ...]
    grade: str
    at: int = 0  # document offset of a prose grade word; 0 for table rows and headings
    cycle: str | None = None
    fixed: bool = False  # the shape fixed the cycle (a table column, "previously …")
    clause: tuple[int, int] = (0, 0)  # offsets between the grade words around a prose grade


_GRADE = re.compile(rf"\b(?:{GRADE_PATTERN})\b", re.I)
_CELL = re.compile(rf"^(?:{GRADE_PATTERN})(?:\s*\((?P<note>[^)]*)\))?\.?$", re.I)
_PREVIOUSLY = re.compile(r"^(?:previously|formerly)\s+", re.I)
_DASH_LINE = re.compile(
    rf"^(?P<left>.{{3,140}}?)\s*(?:[\u2013\u2014:]|\s-)\s+(?:{GRADE_PATTERN})"
    r"(?:\s*\([^)]*\))?\s*(?:[.;,]\s*(?:and)?)?$",
    re.I,
)
# After an area name in a PDF table row: "(gloss) Requires improvement", then the next row.
_ROW_GRADE = re.compile(
    rf"(?:\s*\([^)]*\))?\s+(?:{TITLE_GRADES})"
    r"(?:\s*\([^)]*\))?(?=\s+[A-Z(]|\s*$)"
)
_CDI_CUE = re.compile(r"\b(?:graded?|rated|judged)\b", re.I)
_MAX_GAP = 80  # characters between an area and the grade after it ("X was graded good")


def extract_grades(text: str, meta: DocumentMeta) -> list[Judgement]:
    """Every graded judgement the text states, the first passage per (force, area, grade,
    cycle), in document order."""
    found: dict[tuple[str, str, str, str | None], Judgement] = {}
    columns: list[re.Match[str] | None] = []
    above = (0, 0)
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        if " | " in match.group():
            columns = _header(match.group()) or columns
            hits = [(start, end, hit) for hit in _table_row(match.group(), columns, meta)]
        else:
            columns = []
            hits = _line(text, start, end, above, meta)
        for s, e, hit in hits:
            for judgement in _judgements(text, s, e, hit, above, meta):
                key = (judgement.force, judgement.area, judgement.grade, judgement.cycle)
                found.setdefault(key, judgement)
        above = (start, end)
    return sorted(found.values(), key=lambda j: (j.start, j.area))


def _line(
    text: str, start: int, end: int, above: tuple[int, int], meta: DocumentMeta
) -> list[tuple[int, int, _Hit]]:
    """The judgements of a line that is not a table row: its shape, else its sentences."""
    line = text[start:end].strip()
    start = text.index(line, start)
    heading = _heading(line, meta)
    if heading:
        return [(start, start + len(line), heading)]
    rows = _pdf_rows(line, start, meta)
    area_above = _only_area(text[above[0] : above[1]].strip(), meta)
    cell = _CELL.match(line)
    if not rows and area_above and cell and line[0].isupper():
        rows = [(above[0], start + len(line), _Hit(area_above, grade_of(cell)))]
    sentences = [] if rows else sentence_ranges(text, start, end)
    return rows + [(s, e, hit) for s, e in sentences for hit in _prose(text, s, e, meta)]


def _heading(line: str, meta: DocumentMeta) -> _Hit | None:
    """A heading or list line "Area – grade"."""
    dash = _DASH_LINE.match(strip_numbering(line))
    areas = _leading_area(dash.group("left"), meta) if dash else None
    return _Hit(areas, grade_of(dash)) if dash and areas else None


def _pdf_rows(line: str, start: int, meta: DocumentMeta) -> list[tuple[int, int, _Hit]]:
    """PDF table rows "Area Grade", alone on a line or run together ("A Good B Inadequate")."""
    if line.endswith((".", ";", "!", "?")):
        return []
    rows = []
    for s, e, areas in _areas(line, meta):
        grade = _ROW_GRADE.match(line, e)
        if grade and line[s].isupper() and (s == 0 or line[s - 1] == " "):
            word = _GRADE.search(grade.group())
            rows.append((start + s, start + grade.end(), _Hit(areas, grade_of(word))))
    return rows


def _leading_area(left: str, meta: DocumentMeta) -> tuple[str, ...] | None:
    """The area a heading, list line or table cell starts with."""
    left = strip_numbering(left.strip())
    if vocab.CDI_OVERALL.match(left) and _is_cdi_report(meta):
        return (CDI,)
    spans = _areas(left, meta)
    return vocab.cdi_question(left) or (spans[0][2] if spans and spans[0][0] == 0 else None)


def _only_area(text: str, meta: DocumentMeta) -> tuple[str, ...] | None:
    """The area when the text is nothing but an area name (and a bracketed gloss)."""
    spans = _areas(text, meta)
    rest = text[spans[0][1] :].strip() if spans else text
    return _leading_area(text, meta) if re.fullmatch(r"(?:\([^)]*\))?", rest) else None


def _header(line: str) -> list[re.Match[str] | None]:
    """Each column's cycle cue when a table header names cycles ("Area | 2017 | 2018/19")."""
    cells = [cell.strip() for cell in line.split(" | ")]
    if any(_CELL.match(cell) for cell in cells[1:]):
        return []
    cues = [vocab.HEADER_CUE.search(cell) for cell in cells]
    return cues if any(cues[1:]) else []


def _table_row(line: str, columns: list[re.Match[str] | None], meta: DocumentMeta) -> list[_Hit]:
    """A row "Area | Grade", or "Area | grade | grade" under a header of cycles."""
    cells = [cell.strip() for cell in line.split(" | ")]
    label = re.split(r"\s+[\u2013\u2014-]\s+|\s*\(", cells[0], maxsplit=1)[0]  # drop a gloss
    areas = _leading_area(label, meta)
    hits: list[_Hit] = []
    for i, cell in enumerate(cells[1:], 1):
        graded = _CELL.match(cell)
        if not (areas and graded):
            continue
        column = columns[i] if i < len(columns) else None
        cycle = vocab.cycle_of_cue(column, areas[0]) if column else None
        hits.append(_Hit(areas, grade_of(graded), cycle=cycle, fixed=cycle is not None))
        note = graded.group("note") or ""
        earlier = _CELL.match(_PREVIOUSLY.sub("", note)) if _PREVIOUSLY.match(note) else None
        if earlier:
            now = cycle or vocab.report_cycle(meta.title, meta.published, areas[0])
            hits.append(_Hit(areas, grade_of(earlier), cycle=vocab.previous_cycle(now), fixed=True))
        if not columns:
            break
    return hits


def _prose(text: str, start: int, end: int, meta: DocumentMeta) -> list[_Hit]:
    """Each cued grade of a sentence with the areas it governs: the areas right after it
    ("good at X and Y"), else those just before it ("X was graded good")."""
    sentence = text[start:end]
    areas = _areas(sentence, meta)
    words = [m for m in _GRADE.finditer(sentence) if not _inside(m.start(), areas)]
    hits: list[_Hit] = []
    claimed: set[int] = set()
    shared: list[Span] = []  # "X, graded A before, was now B": B shares A's areas
    grades = _cued(sentence, words, areas)
    for i, grade in enumerate(grades):
        chosen = _governed(sentence, grades, i, areas)
        lo = max((m.end() for m in words if m.end() <= grade.start()), default=0)
        hi = min((m.start() for m in words if m.start() >= grade.end()), default=len(sentence))
        if chosen is None:
            chosen = shared = [
                a
                for a in areas
                if lo <= a[0]
                and a[1] <= grade.start()
                and a[0] not in claimed
                and grade.start() - a[1] <= _MAX_GAP
            ] or shared
        else:
            shared = []
        if not chosen and _is_cdi_report(meta) and _CDI_CUE.search(sentence[: grade.start()]):
            chosen = [(0, 0, (CDI,))]
        claimed |= {a[0] for a in chosen}
        clause = (start + lo, start + hi)
        hits += [_Hit(a[2], grade_of(grade), start + grade.start(), clause=clause) for a in chosen]
    return hits


def _governed(sentence: str, grades: list[re.Match[str]], i: int, areas: list[Span]) -> list | None:
    """The areas a grade governs after it, up to the next grade or "but", else None."""
    grade, after = grades[i], _after(sentence, grades[i])
    were = vocab.AREAS_BEFORE.search(sentence[: grade.start()]) and vocab.WERE.match(after)
    if not (vocab.GOVERNS.match(after) or vocab.AREAS_WERE.match(after) or were):
        return None
    limit = grades[i + 1].start() if i + 1 < len(grades) else len(sentence)
    but = re.search(r"\sbut\s", sentence[grade.end() : limit])
    limit = grade.end() + but.start() if but else limit
    return [a for a in areas if grade.end() <= a[0] < limit] or None


def _cued(sentence: str, words: list[re.Match[str]], areas: list[Span]) -> list[re.Match[str]]:
    """The grade words used as grades: cued, and not negated, counted or attributive."""
    cued: list[re.Match[str]] = []
    for match in words:
        before, after = sentence[: match.start()], _after(sentence, match)
        clause = re.split(r"[;:\u2013\u2014]|\sbut\s", before)[-1][-50:]
        if vocab.BLOCKED.search(clause) or vocab.TALLY.search(before[-12:]):
            continue
        if names_other_inspectorate(before):
            continue
        if match.group().lower() == "outstanding" and vocab.PENDING.search(
            before[-60:] + after[:30]
        ):
            continue  # "recommendations still outstanding"
        areas_were = bool(
            vocab.AREAS_WERE.match(after)
            or (vocab.AREAS_BEFORE.search(before) and vocab.WERE.match(after))
        )
        if not (vocab.NEXT_OK.match(after) or areas_were):
            continue
        self_cued = bool(cued) or match.group().lower().startswith("requir")
        listed = self_cued and bool(vocab.GOVERNS.match(after))
        if vocab.STRONG_CUE.search(before) or vocab.WEAK_CUE.search(before) or listed or areas_were:
            cued.append(match)
    return cued


def _after(sentence: str, grade: re.Match[str]) -> str:
    """The text after a grade word, past a closing quote ("rated 'good' for")."""
    return re.sub(r"^['\u2019\"\u201d]", "", sentence[grade.end() :])


def _inside(position: int, areas: list[Span]) -> bool:
    return any(a[0] <= position < a[1] for a in areas)


def _judgements(
    text: str, start: int, end: int, hit: _Hit, above: tuple[int, int], meta: DocumentMeta
) -> list[Judgement]:
    """One judgement per force and area of a hit, with its cycle."""
    quote = text[start:end]
    forces = _forces(text, quote, hit)
    national = not meta.forces or NATIONAL in meta.forces
    if not forces and national and len(quote) < 120 and above[1] - above[0] < 120:
        named = find_forces(text[above[0] : above[1]])
        forces = named if len(named) == 1 else ()
    if not forces and not national and not vocab.PLURAL_SUBJECT.search(quote):
        forces = meta.forces
    return [
        Judgement(
            meta.doc_id,
            force,
            area,
            hit.grade,
            _cycle(text, quote, start, hit, area, meta),
            start,
            end,
            quote,
        )
        for area in hit.areas
        for force in forces
    ]


def _forces(text: str, quote: str, hit: _Hit) -> tuple[str, ...]:
    """The forces a passage names; when a sentence names several, those named in the grade's
    own stretch ("A was graded X, and B Y"), before it if any, else after it."""
    forces = find_forces(quote)
    if len(forces) < 2 or not hit.at:
        return forces
    before = find_forces(text[hit.clause[0] : hit.at])
    return before or find_forces(text[hit.at : hit.clause[1]]) or forces


def _cycle(
    text: str, sentence: str, start: int, hit: _Hit, area: str, meta: DocumentMeta
) -> str | None:
    """The cycle stated nearest before a prose grade (else after it), "previously", the
    paragraph's last stated cycle, or the report's own."""
    own = vocab.report_cycle(meta.title, meta.published, area)
    if hit.fixed or not hit.at:
        return hit.cycle if hit.fixed else own
    at = hit.at - start
    if vocab.NOW.search(sentence[:at]):
        return own
    cues = [m for m in vocab.CYCLE_CUE.finditer(sentence) if vocab.cycle_of_cue(m, area)]
    before = [m for m in cues if m.start() < at]
    if cues:
        return vocab.cycle_of_cue(before[-1] if before else cues[0], area)
    if _previously(sentence, at):
        return vocab.previous_cycle(own)
    paragraph = text.rfind("\n", 0, start) + 1
    earlier = [
        m for m in vocab.CYCLE_CUE.finditer(text, paragraph, start) if vocab.cycle_of_cue(m, area)
    ]
    return vocab.cycle_of_cue(earlier[-1], area) if earlier else own


def _previously(sentence: str, at: int) -> bool:
    """Whether a grade belongs to the earlier cycle: "graded X in the previous
    inspection", "…, when it had previously been graded X"."""
    if vocab.PREVIOUS_CUE.search(sentence[at : at + 40]):
        return True
    cues = list(vocab.PREVIOUS_CUE.finditer(sentence[:at]))
    return bool(cues) and re.search(r"\bhad\b", sentence[cues[-1].end() : at]) is not None


def _areas(text: str, meta: DocumentMeta) -> list[Span]:
    return area_spans(text, "child protection" in (meta.report_type or "").lower())


def _is_cdi_report(meta: DocumentMeta) -> bool:
    return "crime data" in (meta.report_type or "").lower()

"""Rule-based extraction of the inspection grades, and counts, that a report states.

Pure functions over a document's text (``index.types.Document.text``) and metadata; the
vocabulary (grades, areas, cues, cycles) is in :mod:`index.grades.vocabulary`. A judgement
is read from one of these shapes and quoted verbatim (``quote == text[start:end]``):

- a table row as loaded, ``Investigating crime | Requires improvement``; under a header
  of years (``Area | 2017 | 2018/19``) each cell gets its column's cycle, and a cell
  ``Adequate (previously outstanding)`` also gives the earlier grade;
- a heading or list line, ``2. Investigating crime – requires improvement``, a shorter
  name at a line's start too (``vulnerability – inadequate``);
- a grade-first list, ``Requires improvement: preventing crime; and managing offenders``;
- a PDF table row, ``Investigating crime Requires improvement``, or a grade line under a
  line that is only an area name (``Overall judgment`` then ``Inadequate``);
- a sentence whose grade word is cued ("was graded inadequate at X", "is good at X",
  "X was judged adequate", "found X outstanding", "the inadequate areas were X and Y",
  "rated good overall", "an overall judgment of inadequate")
  (:mod:`index.grades.shapes`, :mod:`index.grades.prose`). Markdown emphasis
  ("**Good:**") is read as spaces.

Precision first: negated, hypothetical or counted grades ("no force was graded
inadequate", "one good grade"), attributive uses ("good practice") and grades without a
named area give nothing. A passage naming forces gives its judgement to each of them;
else the report's own forces get it, and a national report keeps only judgements that
name a force (or sit under a short line naming one, as in a listing table). The cycle is
the one stated nearest before the grade ("in 2017", "2021/22", "had previously been
graded"), else the last one earlier in the paragraph, else the report's own as its title
states it; never one guessed from the publication date alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import index.grades.cycles as cycles
import index.grades.vocabulary as vocab
from index.forces import NATIONAL, find_forces
from index.grades.common import GradeHit, plain
from index.grades.shapes import header, line_hits, table_row
from index.types import DocumentMeta


@dataclass(frozen=True)
class Judgement:
    """One graded judgement about one force, with the passage stating it."""

    doc_id: str
    force: str
    area: str  # a label of the area vocabulary (index.grades.vocabulary)
    grade: str  # one of index.lexicon.grades.GRADES
    cycle: str | None  # one of index.grades.vocabulary.CYCLES, None when unknown
    start: int
    end: int
    quote: str  # == text[start:end]
    page: str | None = None  # where the quote sits (index.statements.place fills these)
    section: str = ""
    paragraph: str | None = None


def extract_grades(text: str, meta: DocumentMeta) -> list[Judgement]:
    """Every graded judgement the text states, the first passage per (force, area, grade,
    cycle), in document order; read with Markdown emphasis as spaces, quoted verbatim."""
    source, text = text, plain(text)
    found: dict[tuple[str, str, str, str | None], Judgement] = {}
    columns: list[re.Match[str] | None] = []
    above = (0, 0)
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        if " | " in match.group():
            columns = header(match.group()) or columns
            hits = [(start, end, hit) for hit in table_row(match.group(), columns, meta)]
        else:
            columns = []
            hits = line_hits(text, start, end, above, meta)
        for s, e, hit in hits:
            for judgement in _judgements(text, s, e, hit, above, meta):
                key = (judgement.force, judgement.area, judgement.grade, judgement.cycle)
                found.setdefault(key, replace(judgement, quote=source[s:e]))
        above = (start, end)
    return sorted(found.values(), key=lambda j: (j.start, j.area))


def _judgements(
    text: str, start: int, end: int, hit: GradeHit, above: tuple[int, int], meta: DocumentMeta
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


def _forces(text: str, quote: str, hit: GradeHit) -> tuple[str, ...]:
    """The forces a passage names; when a sentence names several, those named in the grade's
    own stretch ("A was graded X, and B Y"), before it if any, else after it."""
    forces = find_forces(quote)
    if len(forces) < 2 or not hit.at:
        return forces
    before = find_forces(text[hit.clause[0] : hit.at])
    return before or find_forces(text[hit.at : hit.clause[1]]) or forces


def _cycle(
    text: str, sentence: str, start: int, hit: GradeHit, area: str, meta: DocumentMeta
) -> str | None:
    """The cycle stated nearest before a prose grade (else after it), "previously", the
    paragraph's last stated cycle, or the report's own."""
    own = cycles.report_cycle(meta.title, area)
    if hit.fixed or not hit.at:
        return hit.cycle if hit.fixed else own
    at = hit.at - start
    if cycles.NOW.search(sentence[:at]):
        return own
    cues = [m for m in cycles.CYCLE_CUE.finditer(sentence) if cycles.cycle_of_cue(m, area)]
    before = [m for m in cues if m.start() < at]
    if cues:
        return cycles.cycle_of_cue(before[-1] if before else cues[0], area)
    if _previously(sentence, at):
        return cycles.previous_cycle(own)
    paragraph = text.rfind("\n", 0, start) + 1
    earlier = [
        m for m in cycles.CYCLE_CUE.finditer(text, paragraph, start) if cycles.cycle_of_cue(m, area)
    ]
    return cycles.cycle_of_cue(earlier[-1], area) if earlier else own


def _previously(sentence: str, at: int) -> bool:
    """Whether a grade belongs to the earlier cycle: "graded X in the previous
    inspection", "…, when it had previously been graded X"."""
    if cycles.PREVIOUS_CUE.search(sentence[at : at + 40]):
        return True
    cues = list(cycles.PREVIOUS_CUE.finditer(sentence[:at]))
    return bool(cues) and re.search(r"\bhad\b", sentence[cues[-1].end() : at]) is not None

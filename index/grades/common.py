"""What the readers of grades share: a hit (areas and a grade, before forces and cycles
are given), the grade patterns, and the areas a text names in a report of its kind."""

from __future__ import annotations

import re
from dataclasses import dataclass

import index.grades.vocabulary as vocab
from index.grades.vocabulary import CDI, Span, area_spans
from index.lexicon.grades import GRADE_PATTERN
from index.types import DocumentMeta


@dataclass(frozen=True)
class GradeHit:
    """Areas given one grade by one passage."""

    areas: tuple[str, ...]
    grade: str
    at: int = 0  # document offset of a prose grade word; 0 for table rows and headings
    cycle: str | None = None
    fixed: bool = False  # the shape fixed the cycle (a table column, "previously …")
    clause: tuple[int, int] = (0, 0)  # offsets between the grade words around a prose grade


GRADE = re.compile(rf"\b(?:{GRADE_PATTERN})\b", re.I)
# A grade alone as a cell or line: "Requires improvement", "Good (previously outstanding)".
CELL = re.compile(rf"^(?:{GRADE_PATTERN})(?:\s*\((?P<note>[^)]*)\))?\.?$", re.I)
# Markdown emphasis ("**Good:**", "__inadequate__"): read as spaces, so offsets hold.
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")


def plain(text: str) -> str:
    """``text`` with Markdown emphasis marks blanked (same length: offsets still hold)."""
    return _EMPHASIS.sub(lambda m: " " * len(m.group()), text)


def areas(text: str, meta: DocumentMeta) -> list[Span]:
    """The areas ``text`` names, child protection topics too in a child protection report."""
    return area_spans(text, is_child_protection(meta))


def is_cdi_report(meta: DocumentMeta) -> bool:
    return "crime data" in (meta.report_type or "").lower() or "crime data" in meta.title.lower()


def is_child_protection(meta: DocumentMeta) -> bool:
    kind = f"{meta.report_type or ''} {meta.title}".lower()
    return "child protection" in kind


def overall_area(meta: DocumentMeta) -> tuple[str, ...]:
    """What an overall judgement grades in this report: crime data integrity in a crime
    data integrity inspection, the one pillar a pillar report is about ("PEEL: Police
    effectiveness 2015"), else the force overall."""
    if is_cdi_report(meta):
        return (CDI,)
    pillars = [p for p in vocab.PILLARS if p in meta.title.lower()]
    return (pillars[0],) if len(pillars) == 1 else (vocab.OVERALL,)

"""The Grades tab's data, Gradio-free: filters, the force × area heatmap of one cycle,
one force's timeline across cycles, and the CSV and Markdown exports of the rows shown.

A grid cell holds every row stating a grade for its force, area and cycle (a force's own
report, a national overview, a later report looking back); it shows one grade when they
agree, and is marked when they conflict.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.grades.cycles import cycle_years
from index.grades.vocabulary import AREA_SYNONYMS, CDI_QUESTIONS, CHILD_PROTECTION_SYNONYMS
from index.lexicon.grades import GRADE_RANK
from retrieval.grades.table import COLUMNS, GradeRow, cycle_rank
from ui.format import briefing_citation

if TYPE_CHECKING:
    import pandas as pd

ANY_GRADE = "Any grade"
UNKNOWN_CYCLE = "Cycle unknown"
AREA_ORDER: tuple[str, ...] = tuple(
    dict.fromkeys(
        [label for _, labels in AREA_SYNONYMS for label in labels]
        + [label for _, label in CDI_QUESTIONS]
        + [label for _, labels in CHILD_PROTECTION_SYNONYMS for label in labels]
    )
)


# --- ordering and filters ------------------------------------------------------------


def cycle_label(cycle: str | None) -> str:
    return cycle or UNKNOWN_CYCLE


def cycle_time(cycle: str | None) -> tuple[float, int]:
    """Where a cycle sits in time: the middle of its years (the 2016–2019 crime data
    integrity programme between PEEL 2017 and PEEL 2018/19); unknown last."""
    years = cycle_years(cycle)
    if not years:
        return math.inf, cycle_rank(cycle)
    return (min(years) + max(years)) / 2, cycle_rank(cycle)


def area_key(area: str) -> tuple[int, str]:
    """The vocabulary's order: the pillars, then the PEEL areas, then the rest."""
    return (AREA_ORDER.index(area) if area in AREA_ORDER else len(AREA_ORDER), area)


def cycle_choices(rows: Iterable[GradeRow]) -> list[str]:
    """The cycles that have rows, newest first (the default is the first)."""
    cycles = {row.cycle for row in rows}
    ordered = sorted(cycles, key=cycle_time, reverse=True)
    return [cycle_label(c) for c in ordered if c] + ([UNKNOWN_CYCLE] if None in cycles else [])


def select_rows(
    rows: Iterable[GradeRow],
    forces: Sequence[str] = (),
    areas: Sequence[str] = (),
    grade: str | None = None,
    cycle: str | None = None,
) -> list[GradeRow]:
    """The rows the tab's filters keep (empty filters keep everything; ``cycle`` is a
    label from :func:`cycle_choices`)."""
    grade = None if grade in (None, "", ANY_GRADE) else grade
    return [
        row
        for row in rows
        if (not forces or row.force in forces)
        and (not areas or row.area in areas)
        and (grade is None or row.grade == grade)
        and (cycle is None or cycle_label(row.cycle) == cycle)
    ]


# --- grids ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """The rows stating a grade for one force, area and cycle, oldest report first."""

    rows: tuple[GradeRow, ...]

    @property
    def grades(self) -> tuple[str, ...]:
        """The distinct grades, in the order the reports gave them."""
        return tuple(dict.fromkeys(row.grade for row in self.rows))

    @property
    def conflict(self) -> bool:
        return any(row.conflict for row in self.rows)

    @property
    def grade(self) -> str:
        """The grade the cell shows: the latest report's (all of them, when they conflict)."""
        return self.grades[-1]

    @property
    def rank(self) -> int | None:
        """On the ordinal scale (5 outstanding … 1 inadequate); None for a conflict."""
        return None if self.conflict else GRADE_RANK[self.grade]

    @property
    def label(self) -> str:
        if self.conflict:
            return " / ".join(sorted(self.grades, key=GRADE_RANK.__getitem__, reverse=True))
        return " → ".join(self.grades)  # a re-inspection within one cycle


@dataclass(frozen=True)
class Grid:
    """Rows × columns of cells: forces × areas (a heatmap) or areas × cycles (a timeline)."""

    title: str
    row_head: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: dict[tuple[str, str], Cell]

    def cell(self, row: str, column: str) -> Cell | None:
        return self.cells.get((row, column))

    def shown(self) -> list[GradeRow]:
        """Every row behind the grid's cells, in grid order."""
        return [
            row
            for r in self.rows
            for c in self.columns
            if (cell := self.cell(r, c))
            for row in cell.rows
        ]


def _cells(rows: Iterable[GradeRow], key: str) -> dict[tuple[str, str], Cell]:
    grouped: dict[tuple[str, str], list[GradeRow]] = {}
    for row in rows:
        column = row.area if key == "force" else cycle_label(row.cycle)
        grouped.setdefault((getattr(row, key), column), []).append(row)
    return {
        place: Cell(tuple(sorted(group, key=lambda r: (r.meta.published or "", r.start))))
        for place, group in grouped.items()
    }


def heatmap(
    rows: Iterable[GradeRow], cycle: str, forces: Sequence[str] = (), areas: Sequence[str] = ()
) -> Grid:
    """Forces × areas for one cycle; the forces and areas asked for are there even when
    not graded (empty cells)."""
    chosen = select_rows(rows, cycle=cycle)
    force_rows = sorted(set(forces) | {row.force for row in chosen})
    columns = sorted(set(areas) | {row.area for row in chosen}, key=area_key)
    return Grid(cycle, "Force", tuple(force_rows), tuple(columns), _cells(chosen, "force"))


def timeline(rows: Iterable[GradeRow], force: str | None, areas: Sequence[str] = ()) -> Grid:
    """One force's grades: areas × cycles, oldest cycle first."""
    chosen = [row for row in rows if force and row.force == force]
    cycles = sorted({row.cycle for row in chosen}, key=cycle_time)
    area_rows = sorted(set(areas) | {row.area for row in chosen}, key=area_key)
    columns = tuple(cycle_label(c) for c in cycles)
    return Grid(force or "", "Area", tuple(area_rows), columns, _cells(chosen, "area"))


def grid_frame(grid: Grid) -> pd.DataFrame:
    """The grid on the ordinal scale: 5 outstanding … 1 inadequate, NaN where not graded
    or where the reports conflict."""
    import pandas as pd

    def value(cell: Cell | None) -> float:
        return float(cell.rank) if cell is not None and cell.rank else math.nan

    values = [[value(grid.cell(r, c)) for c in grid.columns] for r in grid.rows]
    return pd.DataFrame(values, index=list(grid.rows), columns=list(grid.columns), dtype=float)


# --- exports -------------------------------------------------------------------------


def rows_csv(rows: Iterable[GradeRow]) -> str:
    """The rows with the columns of ``reportqa grades --csv``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row.to_dict() for row in rows)
    return out.getvalue()


def _cell_text(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def rows_markdown(rows: Sequence[GradeRow], title: str, filters: str = "") -> str:
    """A table of the rows, each citing its source, then the sources with their quotes."""
    lines = [f"# {title}", ""]
    if filters:
        lines += [f"Filters: {filters}", ""]
    if not rows:
        return "\n".join([*lines, "No grades match these filters."]) + "\n"
    lines += [
        "Grades as the reports state them (extracted when indexed; each quote is verbatim).",
        "",
        "| Force | Area | Grade | Cycle | Source |",
        "| --- | --- | --- | --- | --- |",
    ]
    numbers: dict[tuple[str, int, int], int] = {}  # the same quote keeps its number
    sources: list[str] = []
    for row in rows:
        key = (row.meta.doc_id, row.start, row.end)
        if key not in numbers:
            n = numbers[key] = len(numbers) + 1
            sources += [
                f"[{n}] {briefing_citation(row.citation(n))}",
                f"> {_cell_text(row.quote)}",
                "",
            ]
        grade = f"{row.grade} (conflicting grades)" if row.conflict else row.grade
        cells = [row.force, row.area, grade, cycle_label(row.cycle), f"[{numbers[key]}]"]
        lines.append("| " + " | ".join(_cell_text(c) for c in cells) + " |")
    return "\n".join([*lines, "", "## Sources", "", *sources])


def describe_filters(forces: Sequence[str], areas: Sequence[str], grade: str | None) -> str:
    parts = [
        f"forces {', '.join(forces)}" if forces else "",
        f"areas {', '.join(areas)}" if areas else "",
        f"grade {grade}" if grade and grade != ANY_GRADE else "",
    ]
    return "; ".join(p for p in parts if p)

"""The Ask tab's trend chart: grades or percentages the quoted findings state, by report date.

Answers built from the grades table (rows carrying ``grade``) plot those grades by
cycle instead, one point per force, cycle and grade, the areas in its tooltip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from index.lexicon.grades import GRADE_RANK, GRADE_WORDS, GRADING, canonical_grade
from index.lexicon.numbers import NUMBER_WORDS, shares
from index.types import Answer, Kind, TableRow
from ui.format import long_date
from ui.grades.views import UNKNOWN_CYCLE, cycle_label, cycle_time

if TYPE_CHECKING:
    import pandas as pd

GRADE_SCALE = GRADE_RANK  # 5 outstanding … 1 inadequate
GRADE_CAPTION = (
    "Grades stated in the quoted findings: 5 outstanding, 4 good, 3 adequate, "
    "2 requires improvement, 1 inadequate (PEEL 2014–2019 graded on four points, "
    "without adequate). One point per grade a finding states, at its report's date."
)
FIGURE_CAPTION = "The one percentage each quoted finding states, at its report's date."
TABLE_CAPTION = (
    "Grades from the grades table: 5 outstanding, 4 good, 3 adequate, 2 requires "
    "improvement, 1 inadequate (PEEL 2014–2019 graded on four points, without adequate). "
    "One point per force, cycle and grade; hover for the areas and reports."
)
_GRADE_WORD = re.compile(rf"(\*\*)?\b({GRADE_WORDS})\b(\*\*)?", re.I)
# "graded it inadequate", "judged good", "rated as outstanding"
_CUE_BEFORE = re.compile(rf"\b(?:{GRADING})\b", re.I)
# "good at keeping people safe", "good in two areas", "the inadequate grade"
_CUE_AFTER = re.compile(
    r"\s+(?:grades?\b|ratings?\b|judge?ments?\b"
    r"|at\s+(?!the\s+(?:time|end|date|point)\b|that\b|least\b|all\b)"
    rf"|in\s+(?:\d+|{NUMBER_WORDS}|all|every|each|both)\b)",
    re.I,
)
# a grade as a value: a table cell, or the end of a line after a dash or colon
_LABEL_BEFORE = re.compile(r"(?:\||\s[–—:-]|:)[ \t]*$")
_LABEL_AFTER = re.compile(r"[ \t]*(?:\||\n|$)")
_CLAUSE_END = re.compile(r"[.;!?]\s")
# a list of grade names is the scale being described, not a grade given
_SCALE = re.compile(
    rf"(?<!-)\bscale\b|(?:\b(?:{GRADE_WORDS})\b(?:,\s*|,?\s+(?:or|and)\s+)){{2,}}\b(?:{GRADE_WORDS})\b",
    re.I,
)


@dataclass(frozen=True, eq=False)
class TrendChart:
    """What a trend answer's scatter plot shows: points by date and force, and their axis."""

    frame: pd.DataFrame  # Date, Force, the y column, then the tooltip columns
    y: str
    y_title: str
    title: str
    caption: str
    y_lim: list[float | None]
    tooltip: list[str]
    x: str = "Date"  # or "Cycle": inspection cycles, in time order (``sort``)
    x_title: str = "Report date"
    sort: list[str] | None = None

    @property
    def x_lim(self) -> list[float] | None:
        """Whole years around the dates, so the date axis ticks on year starts: in epoch
        seconds, which Gradio's plot multiplies by 1000 for a temporal axis."""
        import pandas as pd

        if self.x != "Date":
            return None
        years = self.frame["Date"].dt.year
        bounds = (pd.Timestamp(year=y, month=1, day=1) for y in (years.min(), years.max() + 1))
        return [b.value / 1e9 for b in bounds]


def stated_grades(text: str) -> list[str]:
    """The inspection grades a finding gives, worst first; names in passing don't count."""
    found: set[str] = set()
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if _SCALE.search(sentence):
            continue
        for match in _GRADE_WORD.finditer(sentence):
            if _gives_grade(sentence, match):
                found.add(canonical_grade(match.group(2)) or "")
    return sorted(found, key=GRADE_SCALE.__getitem__)


def _gives_grade(sentence: str, match: re.Match[str]) -> bool:
    """A grade name in a grading context: bold, a table cell or an area's heading,
    after "graded"/"judged", or before "at"/"in two"."""
    name = match.group(2).lower()
    if name.startswith("requir") or (match.group(1) and match.group(3)):
        return True
    before = sentence[: match.start()]
    if _LABEL_BEFORE.search(before) and _LABEL_AFTER.match(sentence, match.end()):
        return True  # "Recording data about crime – inadequate", "| Overall | Good |"
    clause = _CLAUSE_END.split(before)[-1]
    return bool(_CUE_BEFORE.search(clause) or _CUE_AFTER.match(sentence, match.end()))


def stated_percentage(text: str) -> float | None:
    """The one percentage a finding states ("83.6 percent", "38%"), or None for none or several."""
    found = shares(text)
    if any(share.detail == "range" for share in found):
        return None
    figures = {share.value for share in found if share.detail == "percent"}
    return figures.pop() if len(figures) == 1 else None


def _row_date(row: TableRow, years: dict[int, int | None]) -> tuple[str, str] | None:
    """When the row's fact holds (a facts-table row's date), else when its report was
    published (ISO date, display label), else its cited year."""
    when = (row.when or "").split("/")[0]  # a span "2022-01/2022-06": its start
    parts = when.split("-")  # the records' ISO form: "2019", "2022-06", "2022-06-28"
    if when and all(part.isdigit() for part in parts) and len(parts[0]) == 4:
        padded = "-".join([*parts, "07", "01"][:3]) if len(parts) == 1 else when
        padded = f"{padded}-01" if len(parts) == 2 else padded
        return padded, long_date(when) if len(parts) == 3 else when
    if row.published:
        return row.published, long_date(row.published)
    year = next((years[n] for n in row.citations if years.get(n)), None)
    return (f"{year}-07-01", str(year)) if year else None


def trend_chart(answer: Answer) -> TrendChart | None:
    """Grades from the grades table by cycle; else stated grades by date and force; else the
    one percentage each finding states; else None."""
    if answer.refused:
        return None
    if any(row.grade for row in answer.table) and answer.kind in (Kind.TREND, Kind.COMPARE):
        return table_grade_chart([row for row in answer.table if row.grade])
    if answer.kind != Kind.TREND:
        return None
    years = {c.n: c.meta.year for c in answer.citations}
    dated = [(row, when) for row in answer.table if (when := _row_date(row, years))]
    return _grade_chart(dated) or _figure_chart(dated)


def _grade_chart(dated: list[tuple[TableRow, tuple[str, str]]]) -> TrendChart | None:
    graded = [(row, when, grades) for row, when in dated if (grades := stated_grades(row.text))]
    if len(graded) < 2:
        return None
    records = [
        _record(row, when, Grade=GRADE_SCALE[grade], Stated=grade)
        for row, when, grades in graded
        for grade in grades
    ]
    return TrendChart(
        _frame(records),
        "Grade",
        "Grade (1 inadequate – 5 outstanding)",
        "Inspection grades stated, by report date",
        GRADE_CAPTION,
        [0.5, 5.5],
        ["Stated", "Published", "Report"],
    )


def table_grade_chart(rows: list[TableRow]) -> TrendChart | None:
    """Grades by cycle and force on the ordinal scale; None for a single point."""
    import pandas as pd

    points: dict[tuple[str, str, str], list[TableRow]] = {}
    for row in rows:
        if row.grade in GRADE_SCALE:
            points.setdefault((cycle_label(row.cycle), row.force, row.grade), []).append(row)
    if len({(cycle, force) for cycle, force, _ in points}) < 2:
        return None
    records = [
        {
            "Cycle": cycle,
            "Force": force,
            "Grade": GRADE_SCALE[grade],
            "Stated": grade,
            "Areas": ", ".join(dict.fromkeys(row.area or "" for row in group)),
            "Reports": "; ".join(dict.fromkeys(row.title or "" for row in group)),
        }
        for (cycle, force, grade), group in points.items()
    ]
    cycles = sorted({cycle for cycle, *_ in points}, key=_cycle_order)
    frame = pd.DataFrame.from_records(records)
    frame["order"] = frame["Cycle"].map(cycles.index)
    frame = frame.sort_values(["order", "Force", "Grade"], kind="stable")
    return TrendChart(
        frame.drop(columns="order").reset_index(drop=True),
        "Grade",
        "1 inadequate … 5 outstanding",
        "Inspection grades, by cycle",
        TABLE_CAPTION,
        [0.5, 5.5],
        ["Force", "Cycle", "Stated", "Areas", "Reports"],
        x="Cycle",
        x_title="Inspection cycle",
        sort=cycles,
    )


def _cycle_order(label: str) -> tuple[float, int]:
    return cycle_time(None if label == UNKNOWN_CYCLE else label)


def _figure_chart(dated: list[tuple[TableRow, tuple[str, str]]]) -> TrendChart | None:
    figures = [stated_percentage(row.text) for row, _ in dated]
    if len(dated) < 2 or any(figure is None for figure in figures):
        return None
    records = [_record(row, when, Percent=f) for (row, when), f in zip(dated, figures, strict=True)]
    return TrendChart(
        _frame(records),
        "Percent",
        "Percent",
        "Figures stated, by report date",
        FIGURE_CAPTION,
        [0, None],
        ["Published", "Report"],
    )


def _record(row: TableRow, when: tuple[str, str], **values: Any) -> dict[str, Any]:
    return {
        "Date": when[0],
        "Force": row.force,
        **values,
        "Published": when[1],
        "Report": row.title or "",
    }


def _frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame.from_records(records)
    frame["Date"] = pd.to_datetime(frame["Date"])
    return frame.sort_values(["Date", "Force"], kind="stable").reset_index(drop=True)

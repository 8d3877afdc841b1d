"""The Ask tab's trend chart, from fake answers: stated grades, else stated figures, else none."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from index.types import Answer, Citation, DocumentMeta, TableRow
from ui.trend_chart import GRADE_SCALE, stated_grades, stated_percentage, trend_chart

Row = tuple[str, str | None, str]  # force, published, quoted finding


def trend(rows: list[Row], kind: str = "trend", years: dict[int, str] | None = None) -> Answer:
    """A trend answer citing one report per row (``years``: a citation's date, by row number)."""
    citations, table = [], []
    for n, (force, published, text) in enumerate(rows, start=1):
        date = published or (years or {}).get(n)
        meta = DocumentMeta(f"doc-{n}", f"doc-{n}.md", f"Report {n}", (force,), published=date)
        citations.append(Citation(n, meta, text, 0, len(text)))
        table.append(TableRow(force, text, (n,), published, f"Report {n}"))
    return Answer("How did it change?", kind, "…", table=table, citations=citations)


GRADED: list[Row] = [
    ("Kent Police", "2015-02-10", "Kent Police is good at preventing crime and tackling it."),
    ("Essex Police", "2016-03-01", "Inspectors graded it inadequate at keeping people safe."),
    ("Kent Police", "2022-06-30", "We graded the force **good** in two areas, **adequate** in four "
     "and **requires improvement** in one."),
    ("Essex Police", "2019-09-01", "The force gives victims a good service."),  # no grade
]


def test_grades_become_ordinal_points_by_date_and_force() -> None:
    chart = trend_chart(trend(GRADED))
    assert chart is not None and chart.y == "Grade"
    frame = chart.frame
    assert list(frame.columns[:3]) == ["Date", "Force", "Grade"]
    assert pd.api.types.is_datetime64_any_dtype(frame["Date"])
    points = [
        (d.strftime("%Y-%m-%d"), f, g, s)
        for d, f, g, s in frame[["Date", "Force", "Grade", "Stated"]].itertuples(index=False)
    ]
    assert points == [
        ("2015-02-10", "Kent Police", 4, "good"),
        ("2016-03-01", "Essex Police", 1, "inadequate"),
        ("2022-06-30", "Kent Police", 2, "requires improvement"),
        ("2022-06-30", "Kent Police", 3, "adequate"),
        ("2022-06-30", "Kent Police", 4, "good"),
    ]
    assert chart.y_lim == [0.5, 5.5]
    assert "5 outstanding" in chart.caption and "1 inadequate" in chart.caption
    assert set(chart.tooltip) <= set(frame.columns)
    # epoch seconds: Gradio's plot multiplies a temporal x_lim by 1000
    assert [pd.Timestamp(s, unit="s").year for s in chart.x_lim] == [2015, 2023]


def test_the_scale_runs_from_inadequate_to_outstanding() -> None:
    order = sorted(GRADE_SCALE, key=GRADE_SCALE.__getitem__)
    assert order == ["inadequate", "requires improvement", "adequate", "good", "outstanding"]


@pytest.mark.parametrize(
    ("text", "grades"),
    [
        ("In 2017 the force had been graded outstanding for efficiency.", ["outstanding"]),
        ("It was judged good at keeping people safe and reducing crime.", ["good"]),
        ("A marked improvement on the **inadequate** grade it received.", ["inadequate"]),
        ("The force requires improvement in how it investigates crime.", ["requires improvement"]),
        ("Graded good in two areas, adequate in four and inadequate in one.",
         ["inadequate", "adequate", "good"]),
        ("How effective is the force at recording reported crime? | Inadequate", ["inadequate"]),
        ("| Responding to the public | **Requires improvement** |", ["requires improvement"]),
        ("2. Recording data about crime – outstanding", ["outstanding"]),
        # the scale described, or the words used in passing, are not grades given
        ("Grades were given on a four-point scale: outstanding, good, requires improvement "
         "or inadequate.", []),
        ("Forty recommendations were still outstanding at the time of inspection.", []),
        ("Officers showed good practice and adequate supervision.", []),
        ("Inadequate supervision meant that risks were missed.", []),
    ],
)
def test_stated_grades(text: str, grades: list[str]) -> None:
    assert stated_grades(text) == grades


def test_undated_rows_use_the_cited_reports_year_and_ungraded_rows_are_skipped() -> None:
    rows: list[Row] = [
        ("Kent Police", None, "The force was graded inadequate for crime recording."),
        ("Kent Police", "2019-01-15", "The force was graded requires improvement."),
        ("Kent Police", None, "No year is known for this report, graded outstanding."),
    ]
    chart = trend_chart(trend(rows, years={1: "2017-06-01"}))
    assert chart is not None
    assert [d.year for d in chart.frame["Date"]] == [2017, 2019]
    assert list(chart.frame["Published"]) == ["2017", "15 January 2019"]


def test_percentages_become_figures_by_date_and_force() -> None:
    rows: list[Row] = [
        ("Kent Police", "2017-06-01", "The force recorded 83.6 percent of crimes reported to it."),
        ("Kent Police", "2019-01-15", "It now records 96.6 per cent of reported crime."),
        ("Essex Police", "2016-02-01", "Only 38% of reports were recorded as crimes."),
    ]
    chart = trend_chart(trend(rows))
    assert chart is not None and chart.y == "Percent" and chart.y_lim == [0, None]
    frame = chart.frame
    assert list(zip(frame["Force"], frame["Percent"], strict=True)) == [
        ("Essex Police", 38.0), ("Kent Police", 83.6), ("Kent Police", 96.6),
    ]


def test_a_fact_is_plotted_when_it_holds_not_when_its_report_came_out() -> None:
    """A 2020 report stating a 2016 rate and its own: the facts table dates each."""
    rows: list[Row] = [
        ("Kent Police", "2020-12-10", "In 2016 it recorded only about 85 percent of crimes."),
        ("Kent Police", "2020-12-10", "It now records 77.7 percent of reported crime."),
    ]
    answer = trend(rows)
    dates = ("2016", "2020-06")
    answer.table = [replace(r, when=when) for r, when in zip(answer.table, dates, strict=True)]
    chart = trend_chart(answer)
    assert chart is not None
    assert [str(d.date()) for d in chart.frame["Date"]] == ["2016-07-01", "2020-06-01"]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("83.6 percent", 83.6), ("38%", 38.0), ("90 per cent (90%)", 90.0),
        ("no figure at all", None), ("38% in 2017 and 45% in 2019", None),
        ("between 38 and 45 per cent", None), ("an increase of 1,200 crimes", None),
    ],
)
def test_stated_percentage(text: str, figure: float | None) -> None:
    assert stated_percentage(text) == figure


def test_a_row_without_exactly_one_figure_means_no_chart() -> None:
    rows: list[Row] = [
        ("Kent Police", "2017-06-01", "The force recorded 83.6 percent of crimes."),
        ("Kent Police", "2019-01-15", "Recording rose from 83.6% to 96.6%."),
    ]
    assert trend_chart(trend(rows)) is None


def test_rows_with_neither_grades_nor_figures_mean_no_chart() -> None:
    rows: list[Row] = [
        ("Kent Police", "2017-06-01", "The force did not record all crimes reported to it."),
        ("Kent Police", "2019-01-15", "Crime recording had improved since the last inspection."),
    ]
    assert trend_chart(trend(rows)) is None


def test_one_graded_report_is_not_a_trend() -> None:
    assert trend_chart(trend(GRADED[:1])) is None


def test_non_trend_answers_have_no_chart() -> None:
    assert trend_chart(trend(GRADED, kind="aggregate")) is None
    assert trend_chart(trend(GRADED, kind="lookup")) is None
    assert trend_chart(trend([])) is None


# --- answers from the grades table: rows carry grade, area and cycle ---------------

GradeRowSpec = tuple[str, str, str, str | None, str]  # force, grade, area, cycle, published


def table_answer(specs: list[GradeRowSpec], kind: str = "trend") -> Answer:
    citations, table = [], []
    for n, (force, grade, area, cycle, published) in enumerate(specs, start=1):
        text = f"The force was graded {grade} at {area}."
        meta = DocumentMeta(f"doc-{n}", f"doc-{n}.md", f"Report {n}", (force,), published=published)
        citations.append(Citation(n, meta, text, 0, len(text)))
        table.append(TableRow(force, text, (n,), published, f"Report {n}", grade, area, cycle))
    return Answer("How have Kent's grades moved?", kind, "…", table=table, citations=citations)


KENT: list[GradeRowSpec] = [
    ("Kent Police", "good", "investigating crime", "PEEL 2023–2025", "2024-05-01"),
    ("Kent Police", "good", "effectiveness", "PEEL 2017", "2018-03-22"),
    ("Kent Police", "requires improvement", "investigating crime", "PEEL 2021/22", "2022-06-30"),
    ("Kent Police", "requires improvement", "managing offenders", "PEEL 2021/22", "2022-06-30"),
    ("Kent Police", "inadequate", "crime data integrity", "Crime data integrity 2016–2019",
     "2017-06-01"),
]


def test_grades_table_rows_are_plotted_by_cycle_on_the_ordinal_axis() -> None:
    chart = trend_chart(table_answer(KENT))
    assert chart is not None and chart.x == "Cycle" and chart.y == "Grade"
    assert chart.sort == [
        "PEEL 2017", "Crime data integrity 2016–2019", "PEEL 2021/22", "PEEL 2023–2025",
    ]
    assert chart.x_lim is None and chart.y_lim == [0.5, 5.5]
    columns = ["Cycle", "Force", "Grade", "Stated", "Areas"]
    points = list(chart.frame[columns].itertuples(index=False))
    assert [tuple(p) for p in points] == [
        ("PEEL 2017", "Kent Police", 4, "good", "effectiveness"),
        ("Crime data integrity 2016–2019", "Kent Police", 1, "inadequate", "crime data integrity"),
        # one point per force, cycle and grade: its areas in the tooltip
        ("PEEL 2021/22", "Kent Police", 2, "requires improvement",
         "investigating crime, managing offenders"),
        ("PEEL 2023–2025", "Kent Police", 4, "good", "investigating crime"),
    ]
    assert set(chart.tooltip) <= set(chart.frame.columns)
    assert "by cycle" in chart.title and "1 inadequate" in chart.caption


def test_grades_table_rows_are_charted_for_comparisons_too_and_the_quote_text_is_not_read() -> None:
    specs: list[GradeRowSpec] = [
        ("Kent Police", "good", "investigating crime", "PEEL 2021/22", "2022-06-30"),
        ("Essex Police", "adequate", "investigating crime", "PEEL 2021/22", "2022-03-01"),
    ]
    answer = table_answer(specs, kind="compare")
    answer.table[0] = TableRow("Kent Police", "No grade words here.", (1,), "2022-06-30",
                               "Report 1", "good", "investigating crime", "PEEL 2021/22")
    chart = trend_chart(answer)
    assert chart is not None
    assert list(zip(chart.frame["Force"], chart.frame["Grade"], strict=True)) == [
        ("Essex Police", 3), ("Kent Police", 4),
    ]
    assert trend_chart(table_answer(specs, kind="aggregate")) is None


def test_grades_table_rows_without_a_cycle_come_last_and_one_point_is_no_chart() -> None:
    specs: list[GradeRowSpec] = [
        ("Kent Police", "good", "efficiency", None, "2016-01-01"),
        ("Kent Police", "good", "efficiency", "PEEL 2015", "2015-11-01"),
    ]
    chart = trend_chart(table_answer(specs))
    assert chart is not None and chart.sort == ["PEEL 2015", "Cycle unknown"]
    assert trend_chart(table_answer(specs[1:])) is None


def test_answers_without_grade_rows_keep_the_report_date_axis() -> None:
    chart = trend_chart(trend(GRADED))
    assert chart is not None and chart.x == "Date" and chart.sort is None
    assert chart.x_title == "Report date"

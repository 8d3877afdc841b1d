"""The Grades tab's data and HTML, from made-up rows: filters, the heatmap of one cycle,
a force's timeline, conflicts, the exports, and escaping."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import replace

from index.types import DocumentMeta
from retrieval.grades.table import COLUMNS, GradeRow, flag_conflicts
from ui.grades.render import CONFLICT_MARK, GRADE_COLOURS, grid_html, summary_html
from ui.grades.views import (
    ANY_GRADE,
    UNKNOWN_CYCLE,
    cycle_choices,
    cycle_time,
    describe_filters,
    grid_frame,
    heatmap,
    rows_csv,
    rows_markdown,
    select_rows,
    timeline,
)

TEXT = "Intro. The force was graded inadequate at responding to the public. More text."
QUOTE = "The force was graded inadequate at responding to the public."


def meta(n: int, force: str, published: str, url: str | None = None) -> DocumentMeta:
    title = f"PEEL report {n}: {force}"
    return DocumentMeta(f"doc-{n}", f"doc-{n}.md", title, (force,), "PEEL", published, url)


def row(force: str, area: str, grade: str, cycle: str | None, n: int = 1, **kw) -> GradeRow:
    published = kw.pop("published", "2022-06-01")
    quote = kw.pop("quote", QUOTE)
    start = TEXT.find(quote)
    return GradeRow(
        force,
        area,
        grade,
        cycle,
        meta(n, force, published, kw.pop("url", None)),
        kw.pop("page", "12"),
        "2. Responding",
        None,
        quote,
        start,
        start + len(quote),
        int(published[:4]),
    )


ROWS = flag_conflicts(
    [
        row("Staffordshire Police", "responding to the public", "inadequate", "PEEL 2021/22"),
        row("Staffordshire Police", "investigating crime", "inadequate", "PEEL 2021/22"),
        row(
            "Staffordshire Police",
            "effectiveness",
            "good",
            "PEEL 2018/19",
            2,
            published="2019-05-01",
        ),
        row("Kent Police", "investigating crime", "good", "PEEL 2021/22", 3),
        row(
            "Kent Police",
            "investigating crime",
            "requires improvement",
            "PEEL 2021/22",
            4,
            published="2023-01-01",
        ),  # a second report disagrees
        row(
            "Kent Police",
            "crime data integrity",
            "good",
            "PEEL 2023–2025",
            5,
            published="2024-05-01",
        ),
        row(
            "Kent Police",
            "crime data integrity",
            "inadequate",
            "Crime data integrity 2016–2019",
            6,
            published="2017-03-01",
        ),
        row(
            "Kent Police",
            "crime data integrity",
            "outstanding",
            "Crime data integrity 2016–2019",
            7,
            published="2018-09-01",
        ),  # re-inspected
    ]
)


def test_cycles_are_offered_newest_first_and_unknown_last() -> None:
    rows = [*ROWS, row("Kent Police", "efficiency", "good", None)]
    assert cycle_choices(rows) == [
        "PEEL 2023–2025",
        "PEEL 2021/22",
        "PEEL 2018/19",
        "Crime data integrity 2016–2019",
        UNKNOWN_CYCLE,
    ]
    assert cycle_time("PEEL 2017") < cycle_time("Crime data integrity 2016–2019")
    assert cycle_time("Crime data integrity 2016–2019") < cycle_time("PEEL 2018/19")


def test_filters_keep_what_they_name_and_empty_ones_keep_everything() -> None:
    assert select_rows(ROWS) == ROWS
    assert select_rows(ROWS, grade=ANY_GRADE) == ROWS
    inadequate = select_rows(ROWS, forces=["Staffordshire Police"], grade="inadequate")
    assert {(r.force, r.area) for r in inadequate} == {
        ("Staffordshire Police", "responding to the public"),
        ("Staffordshire Police", "investigating crime"),
    }
    assert len(select_rows(ROWS, areas=["crime data integrity"], cycle="PEEL 2023–2025")) == 1


def test_heatmap_of_a_cycle_is_forces_by_areas_on_the_ordinal_scale() -> None:
    grid = heatmap(ROWS, "PEEL 2021/22")
    assert grid.rows == ("Kent Police", "Staffordshire Police")
    # the vocabulary's order, not the alphabet's
    assert grid.columns == ("investigating crime", "responding to the public")
    frame = grid_frame(grid)
    assert frame.loc["Staffordshire Police", "responding to the public"] == 1.0
    assert frame.loc["Staffordshire Police", "investigating crime"] == 1.0
    assert math.isnan(frame.loc["Kent Police", "responding to the public"])  # not graded
    assert math.isnan(frame.loc["Kent Police", "investigating crime"])  # conflict
    conflict = grid.cell("Kent Police", "investigating crime")
    assert conflict is not None and conflict.conflict
    assert conflict.label == "good / requires improvement"
    assert len(grid.shown()) == 4


def test_forces_and_areas_asked_for_appear_even_when_not_graded() -> None:
    grid = heatmap(ROWS, "PEEL 2023–2025", forces=["Essex Police"], areas=["efficiency"])
    assert "Essex Police" in grid.rows and "efficiency" in grid.columns
    assert grid.cell("Essex Police", "efficiency") is None


def test_timeline_is_areas_by_cycles_oldest_first() -> None:
    grid = timeline(ROWS, "Kent Police")
    assert grid.columns == ("Crime data integrity 2016–2019", "PEEL 2021/22", "PEEL 2023–2025")
    assert grid.rows == ("investigating crime", "crime data integrity")
    reinspected = grid.cell("crime data integrity", "Crime data integrity 2016–2019")
    assert reinspected is not None and not reinspected.conflict
    assert reinspected.label == "inadequate → outstanding" and reinspected.rank == 5
    assert grid_frame(grid).loc["crime data integrity", "PEEL 2023–2025"] == 4.0
    assert timeline(ROWS, None).rows == ()


def test_csv_has_the_grades_command_columns() -> None:
    shown = heatmap(ROWS, "PEEL 2021/22").shown()
    records = list(csv.DictReader(io.StringIO(rows_csv(shown))))
    assert tuple(records[0]) == COLUMNS
    staffordshire = [r for r in records if r["force"] == "Staffordshire Police"]
    assert {r["grade"] for r in staffordshire} == {"inadequate"}
    assert staffordshire[0]["quote"] == QUOTE and staffordshire[0]["page"] == "12"
    assert {r["conflict"] for r in records if r["force"] == "Kent Police"} == {"True"}


def test_markdown_cites_each_row_and_numbers_a_shared_quote_once() -> None:
    shown = heatmap(ROWS, "PEEL 2021/22").shown()
    text = rows_markdown(shown, "Inspection grades, PEEL 2021/22", "grade inadequate")
    assert text.startswith("# Inspection grades, PEEL 2021/22\n")
    assert "Filters: grade inadequate" in text
    assert (
        "| Kent Police | investigating crime | good (conflicting grades) | PEEL 2021/22 |" in text
    )
    # Staffordshire's two rows quote the same sentence of the same report: one source
    assert (
        "| Staffordshire Police | investigating crime | inadequate | PEEL 2021/22 | [3] |" in text
    )
    assert (
        "| Staffordshire Police | responding to the public | inadequate | PEEL 2021/22 | [3] |"
        in (text)
    )
    assert text.count(f"> {QUOTE}") == 3
    assert "[3] HMICFRS, PEEL report 1: Staffordshire Police, 1 June 2022, p. 12" in text
    assert rows_markdown([], "Nothing").endswith("No grades match these filters.\n")


def test_markdown_cells_keep_pipes_from_breaking_the_table() -> None:
    text = rows_markdown([row("Kent Police", "a | b", "good", "PEEL 2021/22")], "T")
    assert "| a \\| b |" in text


def test_describe_filters() -> None:
    assert describe_filters([], [], ANY_GRADE) == ""
    assert describe_filters(["Kent Police"], ["efficiency"], "good") == (
        "forces Kent Police; areas efficiency; grade good"
    )


def test_grid_html_colours_cells_marks_conflicts_and_holds_each_quote() -> None:
    grid = heatmap(ROWS, "PEEL 2021/22")
    html = grid_html(grid, "hm", {"doc-1": TEXT}.get, "none")
    assert GRADE_COLOURS["inadequate"][0] in html
    assert html.count(CONFLICT_MARK) >= 2  # the cell and its panel
    assert 'class="rq-g rq-g-empty"' in html
    assert "<mark>" + QUOTE + "</mark>" in html  # in context, from the stored text
    assert 'id="hm-1-1" hidden' in html and 'data-detail="hm-1-1"' in html
    assert grid_html(heatmap([], "PEEL 2021/22"), "hm", {}.get, "Nothing here.") == (
        '<p class="rq-empty">Nothing here.</p>'
    )


def test_grid_html_escapes_report_text_and_keeps_only_http_links() -> None:
    title = "<script>x</script>"
    bad = DocumentMeta("doc-9", "doc-9.md", title, ("Kent Police",), url="javascript:alert(1)")
    evil = replace(
        row("Kent Police", "efficiency", "good", "PEEL 2021/22"), meta=bad, quote="<b>good</b>"
    )
    html = grid_html(heatmap([evil], "PEEL 2021/22"), "hm", {}.get, "none")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>good</b>" not in html
    assert "javascript:" not in html


def test_summary_counts_and_mentions_conflicts_and_dropped_rows() -> None:
    shown = heatmap(ROWS, "PEEL 2021/22").shown()
    html = summary_html(shown, "PEEL 2021/22", unverified=2)
    assert "4 stated grades for 2 forces in 2 areas, from 3 reports; 2 in conflict." in html
    assert "2 extracted grades were left out" in html
    assert "no grades match" in summary_html([], "PEEL 2014")


def test_a_trend_keeps_each_grade_of_an_area_whose_cycle_no_report_states() -> None:
    """Two undated reports, one judging effectiveness good and one inadequate, are two
    judgements on the timeline; a known cycle still gives one row per area."""
    from retrieval.grades.answers import series_rows

    undated = [
        row("Kent Police", "effectiveness", "good", None, 1),
        row("Kent Police", "effectiveness", "inadequate", None, 2),
        row("Kent Police", "effectiveness", "good", None, 3),  # restates the first
    ]
    dated = [
        row("Kent Police", "efficiency", "good", "PEEL 2017", 4),
        row("Kent Police", "efficiency", "requires improvement", "PEEL 2017", 5),
    ]
    kept = series_rows(undated + dated)
    assert sorted((r.area, r.grade, r.cycle) for r in kept) == [
        ("effectiveness", "good", None),
        ("effectiveness", "inadequate", None),
        ("efficiency", "good", "PEEL 2017"),
    ]

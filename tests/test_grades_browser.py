"""The Grades tab in headless Chromium, over the sample index: pick a cycle, read the
heatmap, open a cell's quote, follow one force across cycles, download the rows as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures_browser import ARGS, CHROMIUM, MARKS

SCREENSHOT = Path("/tmp/grades-tab.png")
pytestmark = MARKS
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

STAFFORDSHIRE = "Staffordshire Police"
AREA = "responding to the public"
CYCLE = "PEEL 2021/22"


@pytest.fixture(scope="module")
def page(app_url: str) -> Iterator[object]:
    """The app's Grades tab; any request off 127.0.0.1 is blocked and recorded."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        context = browser.new_context(
            viewport={"width": 1400, "height": 1000}, accept_downloads=True
        )
        page = context.new_page()
        page.outside = []  # type: ignore[attr-defined]

        def only_local(route) -> None:  # noqa: ANN001
            url = route.request.url
            if url.startswith(("http://127.0.0.1", "data:", "blob:")):
                route.continue_()
            else:
                page.outside.append(url)  # type: ignore[attr-defined]
                route.abort()

        page.route("**/*", only_local)
        page.goto(app_url)
        page.get_by_role("tab", name="Grades").click(timeout=60_000)
        page.wait_for_selector("#rq-heatmap table.rq-grid", timeout=60_000)
        yield page
        context.close()
        browser.close()


def choose(page, field: str, option: str) -> None:  # noqa: ANN001
    """Pick an option of a Gradio dropdown."""
    page.click(f"{field} input")
    page.get_by_role("option", name=option, exact=True).click()


def grid_cell(page, grid: str, row: str, column: str):  # noqa: ANN001, ANN201
    """The cell of a grid at a row heading and a column heading."""
    heads = page.locator(f"{grid} table.rq-grid thead th").all_inner_texts()
    index = [h.strip() for h in heads].index(column)
    line = page.locator(f"{grid} table.rq-grid tbody tr").filter(
        has=page.locator("th", has_text=row)
    )
    return line.locator("th, td").nth(index)


def test_heatmap_shows_the_cycles_grades_and_opens_a_cells_quote(page) -> None:  # noqa: ANN001
    assert page.input_value("#rq-g-cycle input") == "PEEL 2023–2025"  # the latest, by default
    choose(page, "#rq-g-cycle", CYCLE)
    page.wait_for_function(
        "c => document.querySelector('#rq-g-summary').innerText.startsWith(c)",
        arg=CYCLE,
        timeout=30_000,
    )
    cell = grid_cell(page, "#rq-heatmap", STAFFORDSHIRE, AREA)
    assert cell.inner_text().strip() == "inadequate"
    assert "rgb(215, 25, 28)" in cell.evaluate("e => getComputedStyle(e).backgroundColor")
    assert page.locator("#rq-heatmap .rq-gdetail:not([hidden])").count() == 0
    cell.locator("a").click()
    panel = page.locator("#rq-heatmap .rq-gdetail:not([hidden])")
    panel.wait_for(timeout=10_000)
    assert panel.count() == 1
    text = panel.inner_text()
    assert f"{STAFFORDSHIRE} · {AREA} · {CYCLE}: inadequate" in text
    assert panel.locator("mark").first.inner_text().strip()
    assert "Staffordshire" in panel.locator(".rq-card-head b").first.inner_text()
    assert "2022" in panel.locator(".rq-meta").first.inner_text()  # the report's date
    assert page.locator("#rq-heatmap td.rq-g-empty").count() > 0  # not graded: empty
    assert page.outside == []  # type: ignore[attr-defined]


def test_timeline_follows_one_force_across_cycles(page) -> None:  # noqa: ANN001
    choose(page, "#rq-g-force", STAFFORDSHIRE)
    page.wait_for_function(
        "f => document.querySelector('#rq-timeline').innerText.startsWith(f)",
        arg=STAFFORDSHIRE,
        timeout=30_000,
    )
    heads = page.locator("#rq-timeline table.rq-grid thead th").all_inner_texts()
    assert heads[:3] == ["Area", "PEEL 2018/19", "PEEL 2021/22"]
    assert grid_cell(page, "#rq-timeline", "effectiveness", "PEEL 2018/19").inner_text() == "good"
    assert grid_cell(page, "#rq-timeline", AREA, CYCLE).inner_text().strip() == "inadequate"


def test_a_forces_engage_counts_and_figures_open_their_quotes(page) -> None:  # noqa: ANN001
    choose(page, "#rq-g-force", "Cleveland Police")
    page.wait_for_function(
        "f => document.querySelector('#rq-facts').innerText.startsWith(f)",
        arg="Cleveland Police",
        timeout=30_000,
    )
    facts = page.locator("#rq-facts details")
    summaries = facts.locator("summary").all_inner_texts()
    left = next(i for i, s in enumerate(summaries) if "left Engage" in s)
    entered = next(i for i, s in enumerate(summaries) if "moved into Engage" in s)
    assert entered < left  # oldest first
    assert not facts.nth(left).locator("mark").is_visible()
    facts.nth(left).locator("summary").click()
    assert "left Engage in September 2023" in facts.nth(left).locator("mark").inner_text()


def test_csv_download_holds_the_rows_shown(page, tmp_path: Path) -> None:  # noqa: ANN001
    choose(page, "#rq-g-cycle", CYCLE)
    page.wait_for_function(
        "c => document.querySelector('#rq-g-summary').innerText.startsWith(c)",
        arg=CYCLE,
        timeout=30_000,
    )
    page.locator("#rq-heatmap .rq-gcell").first.click()
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    with page.expect_download(timeout=30_000) as download:
        page.click("#rq-g-csv")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".csv"
    records = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert records and {r["cycle"] for r in records} == {CYCLE}
    assert any(
        r["force"] == STAFFORDSHIRE and r["area"] == AREA and r["grade"] == "inadequate"
        for r in records
    )
    label = page.inner_text("#rq-g-csv")
    assert f"({len(records)} rows)" in label
    assert page.outside == []  # type: ignore[attr-defined]

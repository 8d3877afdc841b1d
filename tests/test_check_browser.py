"""The Check a draft tab in headless Chromium: sentences coloured by verdict, evidence on a
click, the annotated Markdown to download, nothing fetched from outside 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures_browser import ARGS, CHROMIUM, MARKS

SCREENSHOT = Path("/tmp/check-tab.png")
pytestmark = MARKS
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

DRAFT = (
    "# Child protection <script>alert(1)</script>\n\n"
    "Of 74 Warwickshire cases in which police had identified children at risk, 28 were judged "
    "inadequate. The 2022 inspection of Wiltshire Police made 12 recommendations.\n\n"
    "West Yorkshire Police's mounted section was found to cost £4 million a year.\n"
)


@pytest.fixture(scope="module")
def page(app_url: str) -> Iterator[tuple[object, list[str]]]:
    outside: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        context = browser.new_context(
            viewport={"width": 1400, "height": 1100}, accept_downloads=True
        )
        page = context.new_page()

        def only_local(route) -> None:  # noqa: ANN001
            url = route.request.url
            if url.startswith(("http://127.0.0.1", "data:", "blob:")):
                route.continue_()
            else:
                outside.append(url)
                route.abort()

        page.route("**/*", only_local)
        page.goto(app_url)
        page.get_by_role("tab", name="Check a draft").click()
        page.fill("#rq-draft textarea", DRAFT)
        page.click("#rq-check")
        page.wait_for_selector("#rq-check-results details.rq-claim", timeout=180_000)
        yield page, outside
        browser.close()


def test_each_sentence_is_coloured_by_its_verdict(page) -> None:  # noqa: ANN001
    view, outside = page
    claims = view.locator("#rq-check-results details.rq-claim")
    assert claims.count() == 3
    classes = [claims.nth(i).get_attribute("class") for i in range(3)]
    assert classes == [
        "rq-claim rq-v-supported",
        "rq-claim rq-v-contradicted",
        "rq-claim rq-v-notfound",
    ]
    assert "Child protection <script>" in view.inner_text("#rq-check-results h3")  # escaped
    assert "1 contradicted" in view.inner_text("#rq-check-summary")
    assert outside == [], outside


def test_clicking_a_sentence_shows_its_evidence(page) -> None:  # noqa: ANN001
    view, _ = page
    contradicted = view.locator("details.rq-v-contradicted")
    assert not contradicted.locator(".rq-evidence").is_visible()
    contradicted.locator("summary").click()
    evidence = contradicted.locator(".rq-evidence")
    assert evidence.is_visible()
    text = evidence.inner_text()
    assert "claim: 12 · report: 13" in text
    assert "13 recommendations" in contradicted.locator("mark").first.inner_text()
    view.locator("details.rq-v-supported summary").click()
    view.screenshot(path=str(SCREENSHOT), full_page=True)
    print(f"screenshot: {SCREENSHOT}")


def test_the_annotated_markdown_downloads(page, tmp_path) -> None:  # noqa: ANN001
    view, _ = page
    with view.expect_download() as caught:
        view.click("#rq-check-md")
    saved = tmp_path / "checked.md"
    caught.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# Child protection <script>")
    assert "**[✗ contradicted: claim: 12 · report: 13" in text
    assert "## Claims to fix" in text

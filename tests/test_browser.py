"""The page in headless Chromium: answers cite and highlight, tables render, and the page
fetches nothing from outside 127.0.0.1 (no CDN at run time)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fixtures_browser import ARGS, CHROMIUM, MARKS

pytestmark = MARKS
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

QUESTION = "#rq-question textarea"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def outside() -> list[str]:
    """URLs the page tried to fetch from anywhere but 127.0.0.1."""
    return []


@pytest.fixture
def page(browser, app_url: str, outside: list[str]) -> Iterator[object]:  # noqa: ANN001
    """A fresh page on the app; any request off 127.0.0.1 is blocked and recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
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
    page.wait_for_selector(QUESTION, timeout=60_000)
    yield page
    context.close()


def ask(page, question: str) -> None:  # noqa: ANN001
    page.fill(QUESTION, question)
    page.click("#rq-ask")
    page.wait_for_selector("#rq-sources .rq-card, #rq-answer .rq-refusal", timeout=180_000)


def test_answer_cites_highlights_and_tabulates(page, outside: list[str], tmp_path_factory) -> None:
    ask(page, "Which forces lack specialist detectives?")
    marker = page.locator("#rq-answer a.rq-cite").first
    assert marker.inner_text() == "[1]"
    assert page.locator("#rq-sources mark").count() >= 1
    assert page.locator("#rq-sources mark").first.inner_text().strip()
    assert "Wiltshire Police" in page.inner_text("#rq-answer table")
    assert page.get_attribute("#rq-sources button.rq-copy", "data-copy").startswith("HMICFRS")
    marker.click()
    assert page.evaluate("location.hash") == "#src-1"
    shot = tmp_path_factory.mktemp("screens") / "answer.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    assert outside == [], outside


def test_a_page_opened_after_a_rebuild_shows_the_index_as_it_is_now(
    browser, index_copy, embedder
) -> None:
    """A report indexed while the server runs: the next page load counts it and offers its
    force in the filters, without a restart."""
    import socket

    from test_ui import NEW_REPORT

    from index.build import IndexBuilder
    from retrieval.service import ReportQA
    from ui.app import build_app, start

    settings, corpus = index_copy
    qa = ReportQA.open(settings, embedder=embedder)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    demo = build_app(qa)
    url = start(demo, qa, host="127.0.0.1", port=port)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("#rq-status", timeout=60_000)
        reports = qa.info()["documents"]
        assert f"{reports} reports" in page.inner_text("#rq-status")
        (corpus / "2026-03-northumbria-peel-2023-25.md").write_text(NEW_REPORT, encoding="utf-8")
        assert not IndexBuilder(settings, embedder).build(corpus).failed
        page.reload()
        page.wait_for_function(
            f"document.querySelector('#rq-status')?.innerText.includes('{reports + 1} reports')",
            timeout=60_000,
        )
        page.click("#rq-forces input")
        page.wait_for_selector("ul[role=listbox] >> text=Northumbria Police", timeout=30_000)
    finally:
        context.close()
        demo.close()
        qa.close()

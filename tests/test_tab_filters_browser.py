"""Filters across tabs, in headless Chromium: what a question implies stays that question's
preference (shown beside its answer, never written into the filter fields), while filters set
by hand apply in every tab, and each tab says which filters it applied."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fixtures_browser import ARGS, CHROMIUM, MARKS

pytestmark = MARKS
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

QUESTION = "#rq-question textarea"
CUSTODY_2019 = "What did inspectors say about custody in 2019?"
CLAIM = "Wiltshire Police did not have enough trained detectives and specialist staff."


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_url: str) -> Iterator[object]:  # noqa: ANN001
    """A fresh page on the app."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(app_url)
    page.wait_for_selector(QUESTION, timeout=60_000)
    yield page
    context.close()


def ask(page, question: str) -> None:  # noqa: ANN001
    page.fill(QUESTION, question)
    page.click("#rq-ask")
    page.wait_for_selector("#rq-applied .rq-filters", timeout=180_000)


def check(page, claim: str) -> str:  # noqa: ANN001
    """The claim's verdict class in the Check a draft tab."""
    page.get_by_role("tab", name="Check a draft").click()
    page.fill("#rq-draft textarea", claim)
    page.click("#rq-check")
    found = page.wait_for_selector("#rq-check-results details.rq-claim", timeout=180_000)
    return found.get_attribute("class")


def pick(page, field: str, option: str) -> None:  # noqa: ANN001
    page.click(f"{field} input")
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def test_a_questions_years_do_not_filter_another_tab(page) -> None:  # noqa: ANN001
    ask(page, CUSTODY_2019)
    assert "Read from your question" in page.inner_text("#rq-applied")
    assert "2019" in page.inner_text("#rq-applied")
    assert page.input_value("#rq-year-from input") == ""
    assert page.input_value("#rq-year-to input") == ""
    assert check(page, CLAIM) == "rq-claim rq-v-supported"
    assert "none: all indexed reports" in page.inner_text("#rq-check-applied")


def test_what_a_question_implies_is_shown_not_written_into_the_filters(page) -> None:  # noqa: ANN001
    page.fill(QUESTION, "How did Kent's crime recording change between 2017 and 2019?")
    page.wait_for_function(
        "() => document.querySelector('#rq-read')?.innerText.includes('2017–2019')",
        timeout=15_000,
    )
    assert "Kent Police" in page.inner_text("#rq-read")
    assert page.input_value("#rq-year-from input") == ""
    assert "Kent Police" not in page.inner_text("#rq-forces")


def test_filters_set_by_hand_apply_in_every_tab(page) -> None:  # noqa: ANN001
    pick(page, "#rq-year-to", "2016")
    ask(page, "Which forces lack specialist detectives?")
    assert "Years: up to 2016" in page.inner_text("#rq-applied")
    assert page.input_value("#rq-year-to input") == "2016"  # the question left it alone
    assert check(page, CLAIM) == "rq-claim rq-v-notfound"
    assert "Years: up to 2016" in page.inner_text("#rq-check-applied")
    page.get_by_role("tab", name="Search").click()
    page.fill("#rq-query textarea", "trained detectives")
    page.keyboard.press("Enter")
    page.wait_for_selector("#rq-search-applied .rq-filters", timeout=180_000)
    assert "Years: up to 2016" in page.inner_text("#rq-search-applied")

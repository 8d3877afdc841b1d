"""The web app end to end: its JSON API, its refusals and errors, file serving and login.

One app serves the sample index for the whole module (started in-process on a
free loopback port); gradio_client and plain HTTP talk to it like a user would.
"""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

pytestmark = [
    pytest.mark.network,
    # pandas 3 deprecations inside gradio's queue, not ours
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]

AGGREGATE = "Which forces lack specialist detectives?"
UNANSWERABLE = "What is the population of Scotland?"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch(qa, **options) -> tuple[object, str]:  # noqa: ANN001
    from ui.app import build_app, start

    demo = build_app(qa, max_question_chars=500)
    return demo, start(demo, qa, host="127.0.0.1", port=free_port(), **options)


@pytest.fixture(scope="module")
def app_url(qa) -> Iterator[str]:  # noqa: ANN001
    demo, url = launch(qa)
    yield url
    demo.close()


@pytest.fixture(scope="module")
def client(app_url: str):  # noqa: ANN201
    from gradio_client import Client

    return Client(app_url, verbose=False)


def get(url: str, path: str) -> tuple[int, bytes]:
    """GET a path exactly as written (no client-side normalisation of ../)."""
    parts = urlparse(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# --- the API -------------------------------------------------------------------


def test_api_lists_ask_and_search(client) -> None:
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert {"/ask", "/search"} <= set(endpoints)
    ask = [p["parameter_name"] for p in endpoints["/ask"]["parameters"]]
    search = [p["parameter_name"] for p in endpoints["/search"]["parameters"]]
    assert ask == ["question", "forces", "report_types", "year_from", "year_to"]
    assert search == ["query", "k", "forces", "report_types", "year_from", "year_to"]


def test_aggregate_answer_has_table_and_verbatim_quotes(client, qa) -> None:
    answer = client.predict(AGGREGATE, api_name="/ask")
    assert answer["kind"] == "aggregate" and not answer["refused"]
    assert "Wiltshire Police" in {row["force"] for row in answer["table"]}
    numbers = {c["n"] for c in answer["citations"]}
    assert all(set(row["citations"]) <= numbers for row in answer["table"])
    for citation in answer["citations"]:
        text = qa.document_text(citation["doc_id"])
        assert text[citation["start"] : citation["end"]] == citation["quote"]


def test_search_with_a_force_filter_returns_only_that_force(client) -> None:
    hits = client.predict(
        query="custody healthcare", k=5, forces=["Lincolnshire Police"], api_name="/search"
    )
    assert hits
    assert all("Lincolnshire Police" in hit["force"] for hit in hits)


def test_filters_matching_nothing_give_a_note(client, qa) -> None:
    from ui.actions import Actions
    from ui.app import APP_DIR
    from ui.exports import ExportDir

    answer = client.predict(
        "custody", forces=["Kent Police"], report_types=["Custody inspection"], api_name="/ask"
    )
    assert answer["refused"]
    assert any("No indexed report matches" in note for note in answer["notes"])
    view = Actions(qa, ExportDir(APP_DIR / "test-exports")).search_view(
        "custody", 5, ["Kent Police"], ["Custody inspection"], None, None
    )
    assert view.count == 0 and "No indexed report matches" in view.body


def test_unanswerable_question_is_refused_with_see_also(client) -> None:
    answer = client.predict(UNANSWERABLE, api_name="/ask")
    assert answer["refused"]
    assert not answer["citations"]
    assert answer["see_also"]


def test_bad_requests_get_clear_messages(client) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="the limit is 500"):
        client.predict("Why? " * 150, api_name="/ask")
    with pytest.raises(AppError, match="unknown force 'Atlantis'"):
        client.predict("custody", forces=["Atlantis"], api_name="/ask")
    with pytest.raises(AppError, match="after year to"):
        client.predict(query="custody", year_from=2022, year_to=2019, api_name="/search")


# --- files ---------------------------------------------------------------------

REFUSED_PATHS = [
    "/file=/etc/passwd",
    "/gradio_api/file=/etc/passwd",
    "/gradio_api/file/etc/passwd",
    "/gradio_api/file=../../../../../../etc/passwd",
    "/gradio_api/file=%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/gradio_api/file=/tmp/../etc/passwd",
    "/gradio_api/file=..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/gradio_api/file=http://example.com/",
    "/gradio_api/proxy=http://example.com/",
]


@pytest.mark.parametrize("path", REFUSED_PATHS)
def test_arbitrary_files_are_refused(app_url: str, path: str) -> None:
    status, body = get(app_url, path)
    assert status in (403, 404), (path, status)
    assert b"root:" not in body


def test_the_index_is_not_served(app_url: str, sample_index) -> None:
    manifest = sample_index.index_dir.resolve() / "manifest.sqlite3"
    for path in (f"/gradio_api/file={manifest}", f"/file={manifest}"):
        status, body = get(app_url, path)
        assert status in (403, 404), (path, status)
        assert b"SQLite format" not in body


def test_exports_download_from_the_apps_own_folder(app_url: str, qa) -> None:
    from ui.actions import Actions
    from ui.app import APP_DIR
    from ui.exports import ExportDir

    view = Actions(qa, ExportDir(APP_DIR / "gradio" / "exports")).ask_view(AGGREGATE)
    assert view.markdown is not None and view.csv is not None
    assert view.markdown.resolve().is_relative_to(APP_DIR.resolve())
    status, body = get(app_url, f"/gradio_api/file={view.markdown}")
    assert status == 200
    assert body.decode("utf-8") == view.markdown.read_text(encoding="utf-8")
    assert "## References" in body.decode("utf-8") and "Wiltshire Police" in view.csv.read_text(
        encoding="utf-8-sig"
    )


# --- login ---------------------------------------------------------------------


def test_login_is_required_when_auth_is_set(qa) -> None:
    import httpx
    from gradio_client import Client

    demo, url = launch(qa, auth=("analyst", "s3cret"))
    try:
        with httpx.Client(base_url=url, timeout=30) as http:
            call = http.post("/gradio_api/call/search", json={"data": ["custody"]})
            assert call.status_code == 401
            assert http.get("/config").status_code == 401
            login = http.post("/login", data={"username": "analyst", "password": "wrong"})
            assert login.status_code == 400
        with pytest.raises(ValueError, match="(?i)login|auth"):
            Client(url, verbose=False)
        hits = Client(url, auth=("analyst", "s3cret"), verbose=False).predict(
            query="custody healthcare", k=2, api_name="/search"
        )
        assert len(hits) == 2
    finally:
        demo.close()


# --- pieces without a server ----------------------------------------------------


def test_auth_spec_is_user_colon_password() -> None:
    from index.errors import ConfigError
    from ui.validate import parse_auth

    assert parse_auth("analyst:pa:ss") == ("analyst", "pa:ss")
    assert parse_auth(None) is None
    for bad in ("analyst", ":secret", "analyst:"):
        with pytest.raises(ConfigError):
            parse_auth(bad)


def test_report_text_is_escaped_and_links_are_plain_http() -> None:
    from index.types import Answer, Citation, DocumentMeta
    from ui.render import answer_html, safe_url, source_card

    meta = DocumentMeta(
        "evil", "evil.md", "<img src=x onerror=alert(1)>", ("Kent Police",),
        url="javascript:alert(1)",
    )
    text = "Before. <script>alert(1)</script> found. After <b>bold</b>."
    start = text.index("<script>")
    citation = Citation(1, meta, text[start : start + 25], start, start + 25)
    card = source_card(citation, text)
    assert "<script>" not in card and "<img" not in card and "<b>bold" not in card
    assert "<mark>&lt;script&gt;" in card and "&lt;b&gt;bold" in card
    assert 'href="javascript:' not in card
    answer = Answer("q", "lookup", "<i>x</i> [1] [7]", citations=[citation])
    html = answer_html(answer)
    assert '<a class="rq-cite" href="#src-1"' in html and "[7]" in html and "<i>" not in html
    assert safe_url("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&amp;c=2"


# --- the trend chart -------------------------------------------------------------

TREND = "How did Kent's crime recording change between 2017 and 2019?"


def test_trend_chart_plots_what_the_findings_state_and_hides_otherwise(qa) -> None:
    from ui.actions import Actions
    from ui.app import APP_DIR, ask_outputs
    from ui.exports import ExportDir

    actions = Actions(qa, ExportDir(APP_DIR / "test-exports"))
    aggregate = actions.ask_view(AGGREGATE)
    assert aggregate.chart is None
    assert ask_outputs(aggregate)[2]["visible"] is False
    view = actions.ask_view(TREND)
    assert view.answer.kind == "trend"
    chart = view.chart
    if chart is None:  # the quotes state neither grades nor one figure each
        assert ask_outputs(view)[2]["visible"] is False
        return
    plot = ask_outputs(view)[2]
    assert plot["visible"] is True and plot["y"] == chart.y and plot["title"] == chart.title
    assert set(chart.frame["Force"]) <= {row.force for row in view.answer.table}
    assert chart.frame["Date"].is_monotonic_increasing
    if chart.y == "Grade":
        assert chart.frame["Grade"].between(1, 5).all()


NEW_REPORT = """---
title: "PEEL 2023–2025: An inspection of Northumbria Police"
force: "Northumbria Police"
report_type: "PEEL inspection"
published: 2026-03-02
---

# PEEL 2023–2025: An inspection of Northumbria Police

Inspectors graded Northumbria Police good at investigating crime. The force answered
most emergency calls quickly.
"""


def test_a_page_loaded_after_a_rebuild_offers_what_the_index_holds_now(index_copy, embedder):
    """The filters' choices and the status line are read when a page loads, so a report
    added while the server runs can be filtered for without a restart."""
    from index.build import IndexBuilder
    from retrieval.service import ReportQA
    from ui.refresh import current_choices

    settings, corpus = index_copy
    qa = ReportQA.open(settings, embedder=embedder)
    try:
        status, forces, *_ = current_choices(qa)
        assert "Northumbria Police" not in forces["choices"]
        (corpus / "2026-03-northumbria-peel-2023-25.md").write_text(NEW_REPORT, encoding="utf-8")
        assert not IndexBuilder(settings, embedder).build(corpus).failed
        now, forces, since, until, graded, areas, cycles = current_choices(qa)
        assert "Northumbria Police" in forces["choices"] and "2026" in since["choices"]
        assert "Northumbria Police" in graded["choices"] and now != status
    finally:
        qa.close()

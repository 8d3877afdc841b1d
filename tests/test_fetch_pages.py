"""Pure logic of `reportqa fetch`: URL spelling and sites, safe file names, what a page
states and links to, Retry-After, and a sidecar that keeps the user's own rows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fixtures_fetch import KENT, KENT_PDF, LISTING, WILTSHIRE_COPY, WILTSHIRE_PDF, site_routes

from index.fetch.client import retry_after
from index.fetch.names import file_name, stem_for
from index.fetch.pages import read_page
from index.fetch.sidecar import write_sidecar
from index.fetch.state import Entry
from index.fetch.urls import normalise, same_site
from index.loaders.sidecar import read_sidecar

BASE = "https://hmicfrs.justiceinspectorates.gov.uk"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://HMICFRS.justiceinspectorates.gov.uk:443/a/#top", f"{BASE}/a/"),
        ("http://example.org:80", "http://example.org/"),
        ("http://example.org:8080/a?b=1", "http://example.org:8080/a?b=1"),
        ("file:///etc/passwd", None),
        ("ftp://example.org/report.pdf", None),
        ("mailto:someone@example.org", None),
        ("javascript:void(0)", None),
        ("", None),
    ],
)
def test_urls_are_spelled_one_way_and_only_http(url, expected):
    assert normalise(url) == expected


def test_relative_links_resolve_against_the_page():
    assert normalise("../b/report.pdf#p2", base=f"{BASE}/a/x/") == f"{BASE}/a/b/report.pdf"


def test_a_site_is_a_host_and_its_subdomains():
    www = "https://www.justiceinspectorates.gov.uk/hmicfrs/wp-content/uploads/x.pdf"
    assert same_site(f"{BASE}/publications/", www)
    assert same_site("http://example.org/a", "https://www.example.org/b")
    assert not same_site("https://a.example.co.uk/", "https://b-example.co.uk/")
    assert same_site("https://a.example.co.uk/", "https://www.example.co.uk/")
    assert not same_site(f"{BASE}/publications/", "https://www.gov.uk/x")
    assert not same_site("http://127.0.0.1:8000/", "http://localhost:8000/")


@pytest.mark.parametrize(
    ("url", "stem"),
    [
        (f"{BASE}/publications/peel-2023-25-kent/", "peel-2023-25-kent"),
        (f"{BASE}/wp-content/uploads/PEEL%202023%20Kent.PDF", "peel-2023-kent"),
        (f"{BASE}/publications/..%2F..%2Fetc%2Fpasswd", "passwd"),
        (f"{BASE}/.hidden/", "hidden"),
        (f"{BASE}/", "hmicfrs.justiceinspectorates.gov.uk"),
        (f"{BASE}/README", "page-readme"),
        (f"{BASE}/metadata.csv", "metadata.csv"),  # saved as metadata.csv.html
        (f"{BASE}/metadata", "page-metadata"),
        (f"{BASE}/report/caf\u00e9", "caf"),
    ],
)
def test_file_names_are_safe(url, stem):
    assert stem_for(url) == stem


def test_a_query_gets_a_stable_hash_and_taken_names_a_number():
    first = stem_for(f"{BASE}/search?page=2")
    assert first == stem_for(f"{BASE}/search?page=2") != stem_for(f"{BASE}/search?page=3")
    assert first.startswith("search-")
    taken = {"kent.html", "kent-2.html"}
    assert file_name(f"{BASE}/kent/", "html", taken.__contains__) == "kent-3.html"
    assert file_name(f"{BASE}/kent.pdf", "pdf", taken.__contains__) == "kent.pdf"


def fixture_page(path: str) -> bytes:
    return site_routes("http://localhost:9")[path].body


def test_a_report_page_states_its_metadata_and_pdf_links():
    meta, links = read_page(fixture_page(KENT), BASE + KENT)
    assert meta.title == "PEEL 2023–2025: An inspection of Kent Police"
    assert meta.published == "2025-01-29"  # article:published_time
    assert meta.forces == ("Kent Police",)
    assert meta.report_type == "PEEL inspection"
    assert links.pdfs == (BASE + KENT_PDF,)  # not the footer's accessibility statement


def test_the_published_date_is_read_from_the_text_when_no_meta_tag_states_it():
    page = "/publications/wiltshire-child-protection/"
    meta, links = read_page(fixture_page(page), BASE + page)
    assert meta.published == "2022-08-05"
    assert links.pdfs == (BASE + WILTSHIRE_PDF, BASE + WILTSHIRE_COPY)


@pytest.mark.parametrize(
    ("head", "published"),
    [
        ('<meta name="DC.date.issued" content="2019-03-12">', "2019-03-12"),
        ('<meta property="article:published_time" content="12 March 2019">', "2019-03-12"),
        ('<meta name="DC.date" content="March 2019">', None),  # no day: not a date
    ],
)
def test_the_published_date_comes_from_meta_tags(head, published):
    html = f"<html><head>{head}<title>A report</title></head><body><p>Text.</p></body></html>"
    assert read_page(html.encode(), BASE + "/r/")[0].published == published


def test_title_falls_back_from_og_title_to_title_to_h1():
    h1_only = b"<html><body><main><h1>Inspection of Kent Police custody</h1></main></body></html>"
    meta = read_page(h1_only, BASE + "/r/")[0]
    assert meta.title == "Inspection of Kent Police custody"
    assert meta.report_type == "Custody inspection"
    titled = b"<html><head><title>Norfolk custody | HMICFRS</title></head><body></body></html>"
    assert read_page(titled, BASE + "/r/")[0].title == "Norfolk custody"


def test_og_title_wins_wherever_it_stands():
    html = b"""<html><head><meta name="DC.title" content="Kent (Dublin Core)">
    <meta property="og:title" content="PEEL 2023-2025: Kent Police"></head><body></body></html>"""
    assert read_page(html, BASE + "/r/")[0].title == "PEEL 2023-2025: Kent Police"


def test_a_listing_gives_its_entries_and_next_page_not_its_furniture():
    links = read_page(fixture_page(LISTING), BASE + LISTING)[1]
    paths = [url.removeprefix(BASE) for url in links.pages]
    entries = [KENT, "/publications/wiltshire-child-protection/", "/publications/old-custody-link/"]
    assert [p for p in paths if "?" not in p][:3] == entries
    assert "/publications/?type=custody" in paths  # a link in the text: run.py drops it
    assert "/" not in paths and "/about-us/" not in paths  # breadcrumb and navigation
    assert "/publications/?type=peel" not in paths  # the filter form
    assert "http://localhost:9/publications/elsewhere/" in links.pages  # run.py keeps to the site
    assert links.next_pages == (BASE + "/publications/page/2/",)


def test_retry_after_in_seconds_or_as_a_date():
    now = datetime(2025, 1, 29, 9, 0, 0, tzinfo=UTC)
    assert retry_after("120", now) == 120.0
    assert retry_after("Wed, 29 Jan 2025 09:00:30 GMT", now) == 30.0
    assert retry_after("Wed, 29 Jan 2025 08:00:00 GMT", now) == 0.0
    assert retry_after("soon", now) is None
    assert retry_after(None, now) is None


def entry(file: str, **values: object) -> Entry:
    fields = {
        "url": f"{BASE}/{file}",
        "kind": "html",
        "final_url": f"{BASE}/{file}",
        "file": file,
        "duplicate_of": None,
        "content_type": "text/html",
        "etag": None,
        "last_modified": None,
        "sha256": "0" * 64,
        "size": 1,
        "fetched_at": "2025-01-29T09:00:00+00:00",
        "checked_run": 1,
    }
    return Entry(**{**fields, **values})


def test_the_sidecar_keeps_the_users_own_rows_and_columns(tmp_path):
    (tmp_path / "metadata.csv").write_text(
        "file,title,notes\nmy-notes.md,My notes,keep me\nkent.html,Old title,\n", encoding="utf-8"
    )
    rows = write_sidecar(tmp_path, [entry("kent.html", title="Kent", forces="Kent Police")])
    assert rows == 2
    table = read_sidecar(tmp_path)
    assert table["my-notes.md"] == {"title": "My notes", "notes": "keep me"}
    assert table["kent.html"]["title"] == "Kent"  # ours replaces the old row for our file
    assert table["kent.html"]["force"] == "Kent Police"
    assert not list(tmp_path.glob(".*.tmp"))

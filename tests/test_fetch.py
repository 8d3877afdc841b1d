"""`reportqa fetch` against a local copy of the inspectorate's publication pages: every
report page and PDF fetched once with its metadata, robots.txt obeyed, failures named,
a second run asking only what changed, and the folder indexed and cited by URL."""

from __future__ import annotations

import contextlib
import io
import json
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures_cli import run_cli
from fixtures_fetch import (
    BROKEN,
    BUSY,
    CUSTODY,
    EXPECTED_FILES,
    FRAUD_PDF,
    FTP,
    KENT,
    KENT_FINDING,
    KENT_PDF,
    LISTING,
    MAX_MB,
    MISSING,
    OLD_CUSTODY,
    PRIVATE,
    STATE,
    WILTSHIRE,
    WILTSHIRE_COPY,
    WILTSHIRE_PDF,
    FixtureServer,
    site_routes,
    state_of_policing,
)

from index.loaders.sidecar import read_sidecar
from ui.cli import main

pytestmark = pytest.mark.network
RETRIES = 2


@pytest.fixture
def servers() -> Iterator[tuple[FixtureServer, FixtureServer]]:
    """The inspectorate's site, and another site it links to (as "localhost")."""
    with FixtureServer() as other, FixtureServer() as site:
        site.routes = site_routes(other.base.replace("127.0.0.1", "localhost"))
        yield site, other


def fetch(site: FixtureServer, out: Path, *extra: str) -> dict:
    """`reportqa fetch --listing <site>/publications/ --pdf --json`, run in this process."""
    args = ["fetch", "--listing", site.url(LISTING), "--pdf", "--out", str(out), "--json"]
    args += ["--delay", "0.01", "--backoff", "0.05", "--retries", str(RETRIES)]
    args += ["--max-mb", str(MAX_MB), *extra]
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        assert main(args) == 0
    return json.loads(stdout.getvalue())


def reasons(items: list[dict]) -> dict[str, str]:
    return {item["url"]: item["reason"] for item in items}


def report_files(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if not p.name.startswith(".")} - {"metadata.csv"}


def test_fetches_every_report_page_and_pdf_once_with_its_metadata(servers, tmp_path):
    site, other = servers
    result = fetch(site, tmp_path)["fetch"]

    assert report_files(tmp_path) == set(EXPECTED_FILES)
    for name, path in EXPECTED_FILES.items():
        assert (tmp_path / name).read_bytes() == site.routes[path].body, name
        assert site.count(path, 200) == 1, path  # fetched once, though Kent is listed twice
    assert site.count(WILTSHIRE_COPY) == 1  # same bytes as WILTSHIRE_PDF: no second file
    assert result["duplicates"] == 1
    assert site.count("/robots.txt") == 1
    assert site.count(BUSY, 429) == 1

    # robots.txt, the site's chrome, filters and other sites are never requested
    never = [PRIVATE, "/", "/about-us/", "/privacy/", "/accessibility-statement.pdf"]
    assert not [path for path in never if site.count(path)]
    assert not [h.path for h in site.hits if "?" in h.path]
    assert other.hits == []
    assert reasons(result["skipped"]) == {
        site.url(PRIVATE): f"robots.txt of {site.base} disallows it"
    }

    failed = reasons(result["failed"])
    assert set(failed) == {site.url(p) for p in (MISSING, BROKEN, FTP, FRAUD_PDF)}
    assert failed[site.url(MISSING)] == "HTTP 404 Not Found"
    assert failed[site.url(BROKEN)].startswith("HTTP 500")
    assert site.count(BROKEN) == RETRIES + 1
    assert "ftp://127.0.0.1/report.pdf" in failed[site.url(FTP)]
    assert "not an http(s) address" in failed[site.url(FTP)]
    assert "size limit" in failed[site.url(FRAUD_PDF)]

    rows = read_sidecar(tmp_path)
    assert set(rows) == set(EXPECTED_FILES)
    assert rows["peel-2023-25-kent.html"] == {
        "title": "PEEL 2023–2025: An inspection of Kent Police",
        "force": "Kent Police",
        "report_type": "PEEL inspection",
        "published": "2025-01-29",
        "source_url": site.url(KENT),
        "content_type": "text/html",
        "fetched_at": rows["peel-2023-25-kent.html"]["fetched_at"],
    }
    kent_pdf = rows["peel-2023-25-kent-2.pdf"]  # described by the page that links it
    assert kent_pdf["source_url"] == site.url(KENT_PDF)
    assert kent_pdf["content_type"] == "application/pdf"
    assert (kent_pdf["title"], kent_pdf["force"]) == (
        "PEEL 2023–2025: An inspection of Kent Police",
        "Kent Police",
    )
    wiltshire = rows["wiltshire-child-protection.html"]
    assert wiltshire["published"] == "2022-08-05"  # from "Published on: 5 August 2022"
    assert wiltshire["report_type"] == "National child protection inspection"
    assert rows["wiltshire-child-protection-2.pdf"]["source_url"] == site.url(WILTSHIRE_PDF)
    custody = rows["lincolnshire-custody.html"]  # reached through a 301
    assert custody["source_url"] == site.url(CUSTODY)
    assert custody["force"] == "Lincolnshire Police"
    assert "force" not in rows["state-of-policing-2023.html"]  # the title names none


def test_requests_are_polite(servers, tmp_path):
    site, _ = servers
    # In its own process, so that the server's clock is not held up by the fetch's work.
    options = ["--delay", "0.25", "--backoff", "0.05", "--retries", "1", "--max-mb", str(MAX_MB)]
    done = run_cli(
        "fetch", "--listing", site.url(LISTING), "--pdf", "--out", str(tmp_path), *options
    )
    assert done.returncode == 0, done.stderr

    assert all(h.headers["user-agent"].startswith("reportqa/") for h in site.hits)
    gaps = [b.at - a.at for a, b in zip(site.hits, site.hits[1:], strict=False)]
    assert statistics.median(gaps) >= 0.25, gaps  # exact waits: tests/test_fetch_client.py
    busy = [h.at for h in site.hits if h.path == BUSY]
    assert busy[1] - busy[0] >= 0.9  # the 429 said Retry-After: 1


def test_a_second_run_fetches_only_what_changed(servers, tmp_path):
    site, other = servers
    fetch(site, tmp_path)
    before = {name: (tmp_path / name).stat().st_mtime_ns for name in EXPECTED_FILES}
    rows_before = read_sidecar(tmp_path)
    site.routes[STATE].body = state_of_policing(2)
    site.hits.clear()

    result = fetch(site, tmp_path)["fetch"]

    # CUSTODY has no ETag or Last-Modified, so it is sent again (its hash is unchanged);
    # the oversized PDF is refused again from its Content-Length.
    sent = set(site.bodies_sent()) - {"/robots.txt", CUSTODY, FRAUD_PDF}
    assert sent == {STATE}
    assert site.count(STATE) == 1
    for path in set(EXPECTED_FILES.values()) - {STATE, CUSTODY}:
        assert site.count(path, 304) == 1, path
    kent = next(h for h in site.hits if h.path == KENT)
    assert kent.headers["if-none-match"]
    wiltshire = next(h for h in site.hits if h.path == WILTSHIRE)
    assert wiltshire.headers["if-modified-since"]
    assert site.count(OLD_CUSTODY) == 1

    assert result["new"] == [] and result["changed"] == ["state-of-policing-2023.html"]
    assert (tmp_path / "state-of-policing-2023.html").read_bytes() == state_of_policing(2)
    after = {name: (tmp_path / name).stat().st_mtime_ns for name in EXPECTED_FILES}
    assert {n for n in EXPECTED_FILES if after[n] != before[n]} == {"state-of-policing-2023.html"}
    rows = read_sidecar(tmp_path)
    changed = [n for n in rows if rows[n] != rows_before[n]]
    assert changed == ["state-of-policing-2023.html"]
    assert other.hits == []


def test_a_deleted_file_is_fetched_again(servers, tmp_path):
    site, _ = servers
    fetch(site, tmp_path)
    (tmp_path / "peel-2023-25-kent.html").unlink()
    site.hits.clear()

    result = fetch(site, tmp_path)["fetch"]

    assert site.count(KENT, 200) == 1
    assert "if-none-match" not in next(h for h in site.hits if h.path == KENT).headers
    assert result["changed"] == ["peel-2023-25-kent.html"]
    assert (tmp_path / "peel-2023-25-kent.html").read_bytes() == site.routes[KENT].body


def test_a_user_url_that_is_not_http_is_refused(tmp_path, capsys):
    assert main(["fetch", "file:///etc/passwd", "--out", str(tmp_path)]) == 1
    assert "only http:// and https:// addresses" in capsys.readouterr().err
    assert main(["fetch", "--out", str(tmp_path)]) == 1
    assert "needs URLs, --from-file FILE or --listing URL" in capsys.readouterr().err


def test_an_out_folder_that_cannot_be_written_is_named(servers, tmp_path, capsys):
    site, _ = servers
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert main(["fetch", site.url(KENT), "--out", str(blocked), "--delay", "0.01"]) == 1
    error = capsys.readouterr().err
    assert f"cannot write to {blocked}" in error and "run the same command again" in error
    assert site.hits == []


def test_urls_from_a_file_are_fetched_without_following_links(servers, tmp_path):
    site, _ = servers
    listed = tmp_path / "urls.txt"
    listed.write_text(f"# reports to read\n{site.url(KENT)}\n\n{site.url(KENT_PDF)}\n")
    out = tmp_path / "out"
    args = ["fetch", "--from-file", str(listed), "--out", str(out), "--delay", "0.01", "--json"]
    assert main(args) == 0

    assert report_files(out) == {"peel-2023-25-kent.html", "peel-2023-25-kent-2.pdf"}
    assert {h.path for h in site.hits} == {"/robots.txt", KENT, KENT_PDF}
    assert read_sidecar(out)["peel-2023-25-kent-2.pdf"]["source_url"] == site.url(KENT_PDF)


@pytest.mark.slow
def test_the_fetched_folder_indexes_and_cites_the_page_url(servers, tmp_path, embedder):
    from index.settings import IndexSettings
    from retrieval.service import ReportQA

    site, _ = servers
    out, index_dir = tmp_path / "reports", tmp_path / "index"
    result = fetch(site, out, "--index", str(index_dir))
    assert result["index"]["failed"] == []

    qa = ReportQA.open(IndexSettings(index_dir=index_dir), embedder=embedder)
    try:
        answer = qa.ask("How many digital devices were waiting for examination in Kent?")
    finally:
        qa.close()
    assert not answer.refused
    cited = [c for c in answer.citations if "1,240 digital devices" in c.quote]
    assert cited and cited[0].meta.url == site.url(KENT)
    assert cited[0].quote in KENT_FINDING

"""A malformed corpus: every bad file gets a one-line reason, the good files index, and a
build over all of them (with a 200 MB one-line file and a 3000-page PDF) stays in bounded
memory. Outcomes are decided here: refused with a reason, indexed (with a warning), or
left out by discovery with a warning (links, pipes, undecodable names)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures_loaders import broken_files
from fixtures_malformed import huge_single_line, malformed_corpus, text_pdf

from index.errors import ConfigError, LoadError
from index.loaders import discover, load_file
from index.manifest import read_manifest
from index.settings import LoadLimits

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOOD = (
    "2022-08-wiltshire-child-protection.pdf",
    "2022-08-warwickshire-child-protection.html",
    "2014-11-gwent-peel-2014.md",
)
REFUSED = {  # file -> words its one-line reason must hold
    "unloadable-only-page.pdf": "no page of the PDF could be read (file is damaged)",
    "html-named.pdf": "file is HTML or XML, not a PDF; rename it to end in .html",
    "header-only.pdf": "not a valid PDF (file is damaged or not a PDF)",
    "pdf-named.html": "file is a PDF, not HTML; rename it to end in .pdf",
    "pdf-named.md": "file is a PDF, not text; rename it to end in .pdf",
    "word-named.md": "file is a ZIP archive (a Word or Excel file?), not text",
    "image-named.txt": "file is a PNG image, not text",
    "invisible.md": "no words found in the file",
    "only-scripts.html": "no text found in the file",
    "front-matter-only.md": "file holds front matter only, no report text after it",
    "front-python-tag.md": "front matter is not valid YAML (line 2)",
    "front-not-mapping.md": "front matter is not a list of 'key: value' fields",
    "line\nbreak.md": "file name contains a line break or control character; rename the file",
    "link-outside.md": "is a link to a file outside the corpus folder (",
    "link-inside.md": "is a link to Kent custody (final copy).md, which is indexed under its own",
}
INDEXED = {  # file -> a warning it must log ("" for none): readable despite its flaw
    "broken-xref.pdf": "",
    "no-xref.pdf": "",
    "zeroed-middle-page.pdf": "1 of 3 pages have no text layer",
    "unloadable-middle-page.pdf": "1 of 3 pages are damaged and were skipped (2)",
    "invalid-utf8.md": "decoded as UTF-8 with the invalid bytes replaced",
    "brackets.md": "",
    "scripts.html": "",
    "nested-100000.html": "elements nest 100001 levels deep (over 128); read as plain text",
    "declares-utf16.html": "",
    "declares-shift-jis.html": "",
    "front-wrong-types.md": "front matter field 'title' is a list, not a single value; ignored",
    "front-future-date.md": "front matter field 'published' is in the future (2099-01-01)",
    "front-yaml-bomb.md": "front matter field 'title' is a list, not a single value; ignored",
    "Kent custody (final copy).md": "",
    "Gwent – été ✓ 東京.md": "",
}
SKIPPED = {  # warnings of discovery: these never reach the build's file list
    "dangling.md": "skipped dangling.md: a link to a file that does not exist",
    "fifo.md": "skipped fifo.md: not a regular file (a pipe, socket or device)",
    "latin1-": "skipped latin1-\\udce9t\\udce9.md: the file name is not valid UTF-8; rename it",
    "loop/again": "skipped linked folder loop/again: links are not followed",
    "outside-folder": "skipped linked folder outside-folder: links are not followed",
}
HIDDEN_WORDS = (
    "SCRIPTTEXT",
    "STYLETEXT",
    "IFRAMETEXT",
    "FORMTEXT",
    "INPUTTEXT",
    "BUTTONTEXT",
    "NOSCRIPTTEXT",
    "TEMPLATETEXT",
    "SVGTEXT",
    "OBJECTTEXT",
)


def make_corpus(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """3 good sample files + every bad kind; returns the folder and all refusals expected."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(CORPUS / name, folder / name)
    refused = {**broken_files(folder), **REFUSED}
    malformed_corpus(folder, tmp_path / "outside")
    return folder, refused


def load_all(folder: Path) -> tuple[dict[str, str], dict[str, LoadError]]:
    """Each discovered file loaded in-process: the texts, and the refusals."""
    texts: dict[str, str] = {}
    errors: dict[str, LoadError] = {}
    for path in discover(folder):
        source = path.relative_to(folder).as_posix()
        try:
            texts[source] = load_file(path, folder, {}).assemble().text
        except LoadError as exc:
            errors[source] = exc
    return texts, errors


def test_every_bad_file_gets_its_reason_or_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder, refused = make_corpus(tmp_path)
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING):
        texts, errors = load_all(folder)
    assert time.perf_counter() - started < 60
    assert len(refused) + len(INDEXED) + len(SKIPPED) >= 45
    assert set(errors) == set(refused)
    for name, words in refused.items():
        assert words in errors[name].reason, (name, errors[name].reason)
        assert "\n" not in str(errors[name]), name
    assert set(texts) == set(GOOD) | set(INDEXED)
    log = "\n".join(record.getMessage() for record in caplog.records)
    for name, warning in {**INDEXED, **SKIPPED}.items():
        assert warning in log, (name, warning)
    assert all(word not in texts["scripts.html"] for word in HIDDEN_WORDS)
    assert "Detainees in Lancashire were treated with respect" in texts["scripts.html"]
    assert "Deep inside, the custody suites were clean." in texts["nested-100000.html"]
    assert "Café – the Essex custody suites were clean." in texts["declares-utf16.html"]
    assert "Café – the Surrey custody suites were clean." in texts["declares-shift-jis.html"]
    assert "The café's suites were clean.\ufffd\ufffd" in texts["invalid-utf8.md"]
    assert "Finding 2" not in texts["unloadable-middle-page.pdf"]
    assert "Finding 3 of the inspection" in texts["unloadable-middle-page.pdf"]
    assert "lives outside the corpus" not in "".join(texts.values())


def test_front_matter_mistakes_cost_the_field_not_the_report(tmp_path: Path) -> None:
    folder, _ = make_corpus(tmp_path)
    for name in ("front-wrong-types.md", "front-future-date.md", "front-yaml-bomb.md"):
        meta = load_file(folder / name, folder, {}).meta
        assert meta.title == "Kent custody visit" and meta.published is None, name
        assert meta.forces == ("Kent Police",), name


def test_size_page_and_text_limits_refuse_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTQA_MAX_FILE_MB", "2")
    monkeypatch.setenv("REPORTQA_MAX_PDF_PAGES", "50")
    monkeypatch.setenv("REPORTQA_MAX_TEXT_MB", "0.5")
    huge_single_line(tmp_path / "long.txt", 3)
    (tmp_path / "pages.pdf").write_bytes(text_pdf(60))
    (tmp_path / "wordy.md").write_text("# Wordy\n\n" + "The suites were clean. " * 30_000)
    reasons = {}
    for path in discover(tmp_path):
        with pytest.raises(LoadError) as caught:
            load_file(path, tmp_path, {})
        reasons[path.name] = caught.value.reason
    assert reasons == {
        "long.txt": "file is 3 MB, over the 2 MB limit for one file; split it, or raise "
        "REPORTQA_MAX_FILE_MB",
        "pages.pdf": "PDF has 60 pages, over the limit of 50; split it, or raise "
        "REPORTQA_MAX_PDF_PAGES",
        "wordy.md": "file holds 0.7 million characters of text, over the limit of 0.5 million; "
        "split it, or raise REPORTQA_MAX_TEXT_MB",
    }


@pytest.mark.parametrize("value", ["abc", "-1", "0", "inf"])
def test_a_bad_limit_setting_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("REPORTQA_MAX_FILE_MB", value)
    with pytest.raises(
        ConfigError, match=f"REPORTQA_MAX_FILE_MB must be a positive number, got '{value}'"
    ):
        LoadLimits.from_env()


def test_pathological_markdown_lines_cost_linear_time(tmp_path: Path) -> None:
    """Unclosed links, bold and heading runs were quadratic: 100 kB took minutes."""
    cases = {
        "brackets.md": "[" * 300_000,
        "bold.md": "**a " * 75_000,
        "links.md": "[a](" * 75_000,
        "hashes.md": "# " + "#" * 300_000 + " x",
        "images.md": "![" * 150_000,
    }
    for name, text in cases.items():
        (tmp_path / name).write_text("Some words first.\n\n" + text)
        started = time.perf_counter()
        load_file(tmp_path / name, tmp_path, {})
        assert time.perf_counter() - started < 5, name


def test_links_are_followed_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    folder, _ = make_corpus(tmp_path)
    monkeypatch.setenv("REPORTQA_FOLLOW_SYMLINKS", "1")
    with caplog.at_level(logging.WARNING):
        found = [path.relative_to(folder).as_posix() for path in discover(folder)]
    assert "outside-folder/secret.md" in found and "link-outside.md" in found
    assert not any(name.startswith("loop/") for name in found)
    assert "skipped linked folder loop/again: it leads back to a folder already read" in (
        caplog.text
    )
    doc = load_file(folder / "link-outside.md", folder, {})
    assert doc.meta.source == "link-outside.md" and doc.meta.title == "Secret"


# --- the whole build, in its own process --------------------------------------------


def run_index(corpus: Path, index: Path) -> tuple[dict[str, object], str, float]:
    """`reportqa index --json` in a child process: its summary, stderr and peak RSS (MB)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with (index.parent / "stderr.txt").open("w+") as err:
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ui.cli",
                "index",
                "--json",
                "--corpus",
                str(corpus),
                "--index",
                str(index),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
        out = child.stdout.read() if child.stdout else ""
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    assert child.returncode == 0, stderr[-3000:]
    return json.loads(out), stderr, usage.ru_maxrss / 1024


@pytest.mark.slow
def test_malformed_corpus_builds_in_bounded_memory(tmp_path: Path) -> None:
    folder, refused = make_corpus(tmp_path)
    huge_single_line(folder / "huge-200mb.txt", 200)
    (folder / "pages-3000.pdf").write_bytes(text_pdf(3000))
    refused["huge-200mb.txt"] = "file is 200 MB, over the 100 MB limit for one file"
    started = time.perf_counter()
    summary, stderr, peak_mb = run_index(folder, tmp_path / "index")
    seconds = time.perf_counter() - started
    print(
        f"\nmalformed corpus: {len(refused)} refused, {summary['added']} indexed, "
        f"{len(SKIPPED)} skipped by discovery; peak RSS {peak_mb:,.0f} MB; {seconds:.0f} s"
    )
    failed = {entry["file"]: entry["reason"] for entry in summary["failed"]}
    assert set(failed) == set(refused)
    for name, words in refused.items():
        assert words in failed[name] and "\n" not in failed[name], (name, failed[name])
    indexed = {*GOOD, *INDEXED, "pages-3000.pdf"}
    assert summary["added"] == len(indexed)
    for warning in SKIPPED.values():
        assert warning in stderr
    assert peak_mb < 2500
    with read_manifest(tmp_path / "index" / "manifest.sqlite3", readonly=True) as manifest:
        done = {s for s, record in manifest.files().items() if record.state == "done"}
        assert done == indexed
        scripts = manifest.document_text("scripts") or ""
        assert "Lancashire" in scripts and not any(word in scripts for word in HIDDEN_WORDS)
        pages = manifest.document_text("pages-3000") or ""
        assert "Finding 3000 of the inspection" in pages

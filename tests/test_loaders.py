"""Loaders against the rendered demo corpus, made-up layouts and broken files."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fixtures_loaders import broken_files, laid_out_pdf

from index import loaders
from index.errors import LoadError
from index.loaders import discover, load_file, read_sidecar
from index.loaders.hyphens import join_lines
from index.loaders.pdf_layout import bare_page_number
from index.types import Block, LoadedDocument

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SAMPLES = ROOT.parent / "shared" / "sample-reports"
WILTSHIRE = "2022-08-wiltshire-child-protection.pdf"
CLEVELAND = "2019-09-cleveland-peel-2018-19.pdf"
WARWICKSHIRE = "2022-08-warwickshire-child-protection.html"
GWENT = "2014-11-gwent-peel-2014.md"


@pytest.fixture(scope="module")
def sidecar() -> dict[str, dict[str, str]]:
    return read_sidecar(CORPUS)


@pytest.fixture(scope="module")
def corpus(sidecar: dict[str, dict[str, str]]) -> dict[str, LoadedDocument]:
    return {path.name: load_file(path, CORPUS, sidecar) for path in discover(CORPUS)}


def block_with(doc: LoadedDocument, words: str) -> Block:
    found = [block for block in doc.blocks if words in block.text]
    assert len(found) == 1, f"{words!r} is in {len(found)} blocks"
    return found[0]


def load_one(path: Path) -> LoadedDocument:
    return load_file(path, path.parent, {})


# --- discovery and the sidecar ---------------------------------------------------


def test_discover_lists_the_corpus_without_readme_or_csv() -> None:
    files = discover(CORPUS)
    names = [path.name for path in files]
    assert len(files) == 45
    assert names == sorted(names)
    assert "README.md" not in names and "metadata.csv" not in names
    suffixes = [path.suffix for path in files]
    assert (suffixes.count(".pdf"), suffixes.count(".html"), suffixes.count(".md")) == (9, 10, 26)


def test_discover_recurses_and_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    for name in ("b/report.md", "a/deep/x.htm", "top.txt", "c.pdf", ".git/x.md", "d/.cache/y.md",
                 "readme.txt", "README.md", "notes.docx", "metadata.csv", ".hidden.md",
                 "readme-first.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text")
    found = [path.relative_to(tmp_path).as_posix() for path in discover(tmp_path)]
    assert found == ["a/deep/x.htm", "b/report.md", "c.pdf", "readme-first.md", "top.txt"]


def test_sidecar_rows_cover_the_pdf_and_html_files(sidecar: dict[str, dict[str, str]]) -> None:
    assert len(sidecar) == 19
    row = sidecar[WILTSHIRE]
    assert row["force"] == "Wiltshire Police"
    assert row["published"] == "2022-08-05"
    assert "file" not in row


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("file,title\na.pdf,A,extra\n", "line 2 has 3 fields, the header has 2"),
        ("title,force\nA,Kent Police\n", "no 'file' column"),
        ("file,title\na.pdf,A\na.pdf,B\n", "line 3 repeats the file 'a.pdf'"),
        ('file,title\na.pdf,"unclosed\n', "is not valid CSV"),
    ],
)
def test_malformed_sidecar_names_the_file_and_problem(
    tmp_path: Path, content: str, words: str
) -> None:
    (tmp_path / "metadata.csv").write_text(content)
    with pytest.raises(LoadError) as caught:
        read_sidecar(tmp_path)
    assert caught.value.path == "metadata.csv"
    assert words in caught.value.reason


def test_sidecar_keys_are_relative_posix_paths(tmp_path: Path) -> None:
    (tmp_path / "metadata.csv").write_text("file,Force\n./sub\\r.md,Kent Police\n\n")
    assert read_sidecar(tmp_path) == {"sub/r.md": {"force": "Kent Police"}}
    assert read_sidecar(tmp_path / "missing") == {}


# --- the whole corpus ------------------------------------------------------------------


def test_every_corpus_file_loads_with_metadata(corpus: dict[str, LoadedDocument]) -> None:
    assert len(corpus) == 45
    for name, doc in corpus.items():
        assert doc.meta.source == name
        assert doc.meta.doc_id == name.rsplit(".", 1)[0]
        assert doc.meta.title and doc.meta.forces and doc.meta.published, name
        assert doc.meta.url and doc.meta.report_type, name
        assert len(doc.blocks) > 20, name
        assert all(block.text == block.text.strip() and block.text for block in doc.blocks)


def test_corpus_metadata_matches_the_sample_front_matter(
    corpus: dict[str, LoadedDocument],
) -> None:
    assert corpus[WILTSHIRE].meta.published == "2022-08-05"
    assert corpus[WILTSHIRE].meta.forces == ("Wiltshire Police",)
    assert corpus["2018-10-norfolk-suffolk-custody.html"].meta.forces == (
        "Norfolk Constabulary",
        "Suffolk Constabulary",
    )
    assert corpus["2019-04-national-fraud-time-to-choose.html"].meta.forces == ("National",)


# --- PDF -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "sentence", "page", "printed"),
    [
        (WILTSHIRE, "Wiltshire Police serves the county of Wiltshire and the borough of Swindon.",
         3, "2"),
        (WILTSHIRE, "The force's response to children who go missing was ineffective.", 4, "3"),
        (WILTSHIRE, "Inspectors asked the force to ensure that children held in police detention",
         7, "6"),
        (CLEVELAND, "Cleveland Police had experienced an unusually high turnover of chief", 3, "2"),
    ],
)
def test_pdf_sentence_lands_on_its_page(
    corpus: dict[str, LoadedDocument], name: str, sentence: str, page: int, printed: str
) -> None:
    block = block_with(corpus[name], sentence)
    assert (block.page, block.printed_page) == (page, printed)
    raw = pdfium.PdfDocument(CORPUS / name)[page - 1].get_textpage().get_text_range()
    assert sentence[:40] in raw.replace("\r\n", " ")


def test_pdf_title_page_is_unnumbered(corpus: dict[str, LoadedDocument]) -> None:
    title = corpus[WILTSHIRE].blocks[0]
    assert title.text == "Wiltshire – National child protection inspection"
    assert (title.is_heading, title.page, title.printed_page, title.section) == (
        True, 1, None, ""
    )


def test_pdf_paragraph_across_a_page_break_is_whole(corpus: dict[str, LoadedDocument]) -> None:
    block = block_with(corpus[WILTSHIRE], "The force did not have enough trained detectives")
    assert (block.page, block.printed_page) == (5, "4")
    assert block.text.endswith(
        "improve the capacity and capability of its investigators and supervisors so that it "
        "could respond effectively to vulnerability."
    )
    assert block.section == "7. Investigation > 7.1 Capacity and capability"


def test_pdf_running_headers_and_footers_are_gone(corpus: dict[str, LoadedDocument]) -> None:
    doc = corpus[WILTSHIRE]
    raw = pdfium.PdfDocument(CORPUS / WILTSHIRE)[2].get_textpage().get_text_range()
    assert "inspection HMICFRS" in raw and raw.rstrip().endswith("\n2")  # they were there
    assert not any("inspection HMICFRS" in b.text for b in doc.blocks)
    assert not any(b.text.isdigit() for b in doc.blocks)
    titled = [b for b in doc.blocks if "Wiltshire – National child protection" in b.text]
    assert titled == [doc.blocks[0]]


def test_pdf_sections_and_list_items(corpus: dict[str, LoadedDocument]) -> None:
    doc = corpus[WILTSHIRE]
    headings = [b for b in doc.blocks if b.is_heading]
    assert [h.text for h in headings[:4]] == [
        "Wiltshire – National child protection inspection",
        "Summary",
        "1. Introduction",
        "1.1 The police role in keeping children safe",
    ]
    detention = block_with(doc, "children held in police detention get support")
    assert detention.section == "10. Police detention"  # the heading is on the page before
    item = block_with(doc, "an ineffective and sometimes confused response to children")
    assert item.text == "an ineffective and sometimes confused response to children who go missing;"
    recommendation = block_with(doc, "improve the response to missing children, including")
    assert recommendation.paragraph == "5" and recommendation.text.startswith("5. improve")


def test_pdf_metadata_without_a_sidecar(tmp_path: Path) -> None:
    shutil.copy(CORPUS / WILTSHIRE, tmp_path / WILTSHIRE)
    meta = load_one(tmp_path / WILTSHIRE).meta
    assert meta.title == "Wiltshire – National child protection inspection"  # PDF Title
    assert meta.published == "2022-08-05"  # "Published on" on the title page
    assert meta.forces == ("Wiltshire Police",)
    assert meta.report_type == "National child protection inspection"
    assert meta.url is None


def test_sidecar_values_win(corpus: dict[str, LoadedDocument], tmp_path: Path) -> None:
    meta = corpus[WILTSHIRE].meta
    assert meta.url == (
        "https://hmicfrs.justiceinspectorates.gov.uk/publication-html/"
        "wiltshire-national-child-protection-inspection/"
    )
    shutil.copy(CORPUS / WILTSHIRE, tmp_path / WILTSHIRE)
    row = {"title": "My title", "force": "Kent", "published": "1 March 2021"}
    meta = load_file(tmp_path / WILTSHIRE, tmp_path, {WILTSHIRE: row}).meta
    assert (meta.title, meta.forces, meta.published) == ("My title", ("Kent Police",), "2021-03-01")


def test_generic_pdf_furniture_hyphens_and_numbers(tmp_path: Path) -> None:
    body = 11.0
    pages = [
        [
            (16.0, "1. Introduction", 0),
            (body, "3.12 Inspectors found that the force had improved its organi-", 4),
            (body, "sational arrangements for anti-social behaviour and for the", 1),
            (body, "victims of crime.", 1),
            (body, "The force had a clear plan for tackling anti-", 5),
            (body, "social behaviour in every district, which was", 1),
        ],
        [
            (body, "reviewed each year.", 0),
            (16.0, "2. Findings", 6),
            (13.0, "2.1 Custody", 3),
            (body, "Custody suites were clean and safe.", 3),
        ],
        [(13.0, "2.2 Training", 0), (body, "Training records were complete.", 3)],
    ]
    path = laid_out_pdf(tmp_path / "generic.pdf", pages, "Annual inspection report 2023",
                        "Page {n} of {total}")
    doc = load_one(path)
    texts = [b.text for b in doc.blocks]
    assert texts == [
        "1. Introduction",
        "3.12 Inspectors found that the force had improved its organisational arrangements "
        "for anti-social behaviour and for the victims of crime.",
        "The force had a clear plan for tackling anti-social behaviour in every district, "
        "which was reviewed each year.",
        "2. Findings",
        "2.1 Custody",
        "Custody suites were clean and safe.",
        "2.2 Training",
        "Training records were complete.",
    ]
    para = doc.blocks[1]
    assert (para.paragraph, para.page, para.printed_page, para.section) == (
        "3.12", 1, "1", "1. Introduction"
    )
    assert doc.blocks[5].section == "2. Findings > 2.1 Custody"
    assert (doc.blocks[7].page, doc.blocks[7].printed_page) == (3, "3")
    assert doc.blocks[7].section == "2. Findings > 2.2 Training"


def test_join_lines_rejoins_hyphenated_words() -> None:
    vocabulary = {"anti-social", "organisational"}
    assert join_lines("its organi-", "sational aims", vocabulary) == "its organisational aims"
    assert join_lines("tackling anti-", "social behaviour", vocabulary) == (
        "tackling anti-social behaviour"
    )
    assert join_lines("a self-", "assessment", set()) == "a self-assessment"
    assert join_lines("the 2021-", "22 year", set()) == "the 2021-22 year"
    assert join_lines("the years –", "two of them", set()) == "the years – two of them"
    assert join_lines("organisa\u00ad", "tional", set()) == "organisational"


def test_join_lines_keeps_the_hyphen_of_a_compound_of_two_words() -> None:
    vocabulary = {"decision", "making", "well", "being"}
    assert join_lines("improve decision-", "making in custody", vocabulary) == (
        "improve decision-making in custody"
    )
    assert join_lines("their well-", "being", vocabulary) == "their well-being"
    assert join_lines("Decision-", "making", vocabulary) == "Decision-making"


def test_join_lines_rejoins_a_word_broken_in_two() -> None:
    vocabulary = {"the", "decision", "making", "favour", "able"}
    assert join_lines("the investi-", "gation was thorough", set()) == (
        "the investigation was thorough"
    )
    assert join_lines("the investi-", "gation", vocabulary) == "the investigation"
    assert join_lines("some-", "times", {"some", "times"}) == "sometimes"  # a known word
    assert join_lines("a favour-", "able outcome", vocabulary) == "a favourable outcome"


def test_join_lines_follows_the_documents_own_spelling() -> None:
    halves = {"case", "work", "well", "being"}
    assert join_lines("case-", "work", halves) == "case-work"
    assert join_lines("case-", "work", halves | {"casework"}) == "casework"
    assert join_lines("well-", "being", halves | {"wellbeing"}) == "wellbeing"
    assert join_lines("multi-", "agency work", {"multi-agency"}) == "multi-agency work"
    assert join_lines("co-", "operation", {"co-operation"}) == "co-operation"
    assert join_lines("the investi-", "gation", {"investi-gation"}) == "the investi-gation"


def test_pdf_hyphen_at_a_line_end_keeps_compounds_and_rejoins_words(tmp_path: Path) -> None:
    body = 11.0
    lines = [
        (16.0, "1. Findings", 0),
        (body, "The force made each decision quickly and was making progress with", 4),
        (body, "its partners. Supervisors reviewed the quality of decision-", 1),
        (body, "making and of the investi-", 1),
        (body, "gation in every case, and the multi-agency team met weekly.", 1),
        (body, "Inspectors saw good multi-", 5),
        (body, "agency work. Safeguarding was a priority, and safe-", 1),
        (body, "guarding referrals were made quickly. The prioriti-", 1),
        (body, "sation of cases was clear.", 1),
    ]
    doc = load_one(laid_out_pdf(tmp_path / "hyphens.pdf", [lines], None, None))
    texts = [block.text for block in doc.blocks]
    assert texts[1].endswith(
        "Supervisors reviewed the quality of decision-making and of the investigation in every "
        "case, and the multi-agency team met weekly."
    )
    assert texts[2] == (
        "Inspectors saw good multi-agency work. Safeguarding was a priority, and safeguarding "
        "referrals were made quickly. The prioritisation of cases was clear."
    )  # "prioriti" and "sation" are halves of a broken word, not words of the document


@pytest.mark.parametrize(
    ("line", "number"),
    [("7", "7"), ("Page 7 of 40", "7"), ("- 12 -", "12"), ("vii", "vii"), ("page 3", "3"),
     ("Summary", None), ("2.1 Custody", None), ("7 forces", None)],
)
def test_bare_page_numbers(line: str, number: str | None) -> None:
    assert bare_page_number(line) == number


# --- HTML ----------------------------------------------------------------------


def test_html_keeps_the_report_and_drops_the_site(corpus: dict[str, LoadedDocument]) -> None:
    doc = corpus[WARWICKSHIRE]
    text = "\n".join(b.text for b in doc.blocks)
    source = (CORPUS / WARWICKSHIRE).read_text()
    for chrome in ("Accept analytics cookies", "Skip to main content", "Privacy notice",
                   "Related publications", "Our work", "Open Government Licence",
                   "Search the site"):
        assert chrome in source
        assert chrome not in text
    assert "Contents" not in [b.text for b in doc.blocks]
    assert doc.blocks[0].text == "Warwickshire – National child protection inspection"
    assert doc.blocks[1].text == "Published on: 5 August 2022"
    assert all(b.page is None and b.printed_page is None for b in doc.blocks)


def test_html_sections_lists_and_tables(corpus: dict[str, LoadedDocument]) -> None:
    doc = corpus[WARWICKSHIRE]
    heading = block_with(doc, "1.2 IT systems")
    assert heading.is_heading and heading.section == "1. Context for the force > 1.2 IT systems"
    para = block_with(doc, "Inconsistent use of the force's IT systems")
    assert para.section == "1. Context for the force > 1.2 IT systems" and not para.is_heading
    item = block_with(doc, "Senior leaders were firmly committed")
    assert item.text == "Senior leaders were firmly committed to protecting children."
    assert item.section == "2. Leadership, management and governance"
    assert block_with(doc, "Requires improvement | 23").section == "3. Case file analysis"
    assert block_with(doc, "Total | 74").text == "Total | 74"


def test_html_metadata_from_the_page_alone(tmp_path: Path) -> None:
    shutil.copy(CORPUS / WARWICKSHIRE, tmp_path / WARWICKSHIRE)
    meta = load_one(tmp_path / WARWICKSHIRE).meta
    assert meta.title == "Warwickshire – National child protection inspection"
    assert meta.published == "2022-08-05"
    assert meta.forces == ("Warwickshire Police",)
    assert meta.url is None


def test_html_without_main_uses_body_and_title(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Custody in Kent | Some Site</title></head><body>"
        "<nav><a href='/'>Home</a></nav><div class='cookie-banner'>We use cookies</div>"
        "<h2>1. Findings</h2><div>Loose text in a div.<p>12. The suites were clean.</p></div>"
        "<ol start='3'><li>First<ul><li>nested</li></ul></li><li>Second</li></ol>"
        "<footer>Footer text</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(page)
    doc = load_one(tmp_path / "page.html")
    assert [b.text for b in doc.blocks] == [
        "1. Findings", "Loose text in a div.", "12. The suites were clean.", "3. First", "nested",
        "4. Second",
    ]
    assert doc.blocks[2].paragraph == "12" and doc.blocks[2].section == "1. Findings"
    assert doc.meta.title == "Custody in Kent"


# --- Markdown and text ------------------------------------------------------------


def test_markdown_front_matter_sections_and_emphasis(corpus: dict[str, LoadedDocument]) -> None:
    doc = corpus[GWENT]
    meta = doc.meta
    assert meta.title == "Gwent Police – PEEL Assessment 2014"
    assert (meta.forces, meta.report_type, meta.published, meta.inspectorate) == (
        ("Gwent Police",), "PEEL inspection", "2014-11-27", "HMICFRS"
    )
    assert meta.url == "https://hmicfrs.justiceinspectorates.gov.uk/peel-assessments/peel-2014/gwent/"
    item = block_with(doc, "on effectiveness, the force requires improvement")
    assert item.section == "Summary"
    para = block_with(doc, "The way the force investigated offences also required improvement")
    assert para.section == "3. Effectiveness > 3.2 Investigating offending – requires improvement"
    assert not any("**" in b.text or "title:" in b.text for b in doc.blocks)
    assert doc.blocks[0].text == meta.title and doc.blocks[0].section == ""


def test_sidecar_overrides_front_matter(tmp_path: Path) -> None:
    shutil.copy(CORPUS / GWENT, tmp_path / GWENT)
    meta = load_file(tmp_path / GWENT, tmp_path, {GWENT: {"report_type": "custody"}}).meta
    assert meta.report_type == "Custody inspection" and meta.forces == ("Gwent Police",)


def test_text_file_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    text = "\ufeffKent custody visit\n\nLine one\nwraps here.\n\n\n2.4 The end.\n"
    path.write_bytes(text.encode())
    doc = load_one(path)
    assert [b.text for b in doc.blocks] == ["Kent custody visit", "Line one wraps here.",
                                            "2.4 The end."]
    assert doc.blocks[2].paragraph == "2.4"
    assert doc.meta.title == "Kent custody visit" and doc.meta.forces == ("Kent Police",)


def test_cp1252_text_decodes_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "old.md"
    path.write_bytes("# Durham – custody\n\nThe force’s suites were “good”.\n".encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="index.loaders"):
        doc = load_one(path)
    assert doc.blocks[1].text == "The force’s suites were “good”."
    assert any("not UTF-8" in r.getMessage() and "cp1252" in r.getMessage() for r in caplog.records)


def test_bad_front_matter_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\n\nBody.\n")
    with pytest.raises(LoadError, match="front matter is not valid YAML"):
        load_one(path)


# --- broken files ------------------------------------------------------------------


def test_each_broken_file_gets_its_clear_error(tmp_path: Path) -> None:
    expected = broken_files(tmp_path)
    shutil.copy(CORPUS / WILTSHIRE, tmp_path / "good.pdf")
    shutil.copy(CORPUS / GWENT, tmp_path / "good.md")
    loaded: list[str] = []
    errors: dict[str, LoadError] = {}
    for path in discover(tmp_path):
        try:
            loaded.append(load_file(path, tmp_path, {}).meta.source)
        except LoadError as exc:
            errors[path.name] = exc
    assert loaded == ["good.md", "good.pdf"]
    assert set(errors) == set(expected)
    for name, words in expected.items():
        assert errors[name].path == name
        assert words in errors[name].reason, (name, errors[name].reason)
        assert "\n" not in str(errors[name])


def test_unexpected_failures_become_load_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.html"
    path.write_text("<p>text</p>")
    def explode(*_args: object) -> LoadedDocument:
        raise RuntimeError("parser\nbroke")

    monkeypatch.setitem(loaders._LOADERS, ".html", explode)
    with pytest.raises(LoadError) as caught:
        load_file(path, tmp_path, {})
    assert caught.value.reason == "could not be read (parser broke)"


# --- the committed corpus is what the script renders -----------------------------------


@pytest.mark.slow
def test_render_corpus_reproduces_the_committed_files(tmp_path: Path) -> None:
    if not SAMPLES.is_dir():
        pytest.skip("sample reports not available")
    if not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists():
        pytest.skip("DejaVu fonts missing: PDFs would use a core font")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import render_corpus
    finally:
        sys.path.pop(0)
    render_corpus.render(SAMPLES, tmp_path)
    committed = sorted(p.name for p in CORPUS.iterdir() if p.name != "README.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == committed
    for name in committed:
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name

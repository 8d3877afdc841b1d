"""Malformed corpus files made on the fly: damaged PDFs, disguised binaries, odd HTML,
odd front matter, odd names and links. Each builder writes into a folder and returns the
file names it made; the tests say what each must become."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from fpdf import FPDF

SENTENCES = (
    "The custody suites were clean and well kept.",
    "Officers understood the needs of vulnerable people.",
    "Supervision of investigations was inconsistent across the force.",
    "The force had a clear plan for tackling anti-social behaviour.",
    "Call handlers assessed risk well at first contact.",
)


def text_pdf(pages: int, compress: bool = True) -> bytes:
    """A small A5 PDF whose every page says something different."""
    pdf = FPDF(format=(148, 210))
    pdf.set_compression(compress)
    pdf.set_font("Helvetica", "", 11)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_xy(15, 30)
        sentence = SENTENCES[number % len(SENTENCES)]
        pdf.multi_cell(0, 6, f"Finding {number} of the inspection: {sentence}")
    return bytes(pdf.output())


def zeroed_page_pdf(pages: int, broken: int) -> bytes:
    """``text_pdf`` whose page ``broken`` (1-based) has a content stream of zeros."""
    data = bytearray(text_pdf(pages))
    contents = [int(n) for n in re.findall(rb"/Contents (\d+) 0 R", data)]
    start = data.index(b"\n%d 0 obj" % contents[broken - 1])
    stream = data.index(b"stream\n", start) + len(b"stream\n")
    end = data.index(b"endstream", stream)
    data[stream:end] = b"\x00" * (end - stream)
    return bytes(data)


def unloadable_page_pdf(pages: int, broken: int) -> bytes:
    """``text_pdf`` whose page ``broken`` is not a page object: pdfium cannot load it."""
    data = text_pdf(pages, compress=False)
    start = [m.start() for m in re.finditer(rb"\n\d+ 0 obj\n<<\n/Contents", data)][broken - 1]
    end = data.index(b"endobj", start)
    return data[:start] + data[start:end].replace(b"/Type /Page\n", b"/Type /Pagx\n") + data[end:]


def broken_xref_pdf() -> bytes:
    """Every offset in the cross-reference table points at byte 1."""
    data = text_pdf(3, compress=False)
    at = data.rindex(b"xref")
    return data[:at] + re.sub(rb"\d{10} 00000 n", b"0000000001 00000 n", data[at:])


def no_xref_pdf() -> bytes:
    data = text_pdf(3, compress=False)
    return data[: data.rindex(b"xref")] + b"%%EOF\n"


def docx_bytes() -> bytes:
    """A ZIP archive, as a Word file is."""
    from io import BytesIO

    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>Custody</w:document>")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)
YAML_BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['x'] * 9)}]\n"
    for prev, name in zip(
        ["", "a", "b", "c", "d", "e"], ["a", "b", "c", "d", "e", "f"], strict=True
    )
)
BODY = "# Kent custody visit\n\nThe custody suites were clean and staff were kind.\n"


def bad_pdfs(folder: Path) -> None:
    (folder / "broken-xref.pdf").write_bytes(broken_xref_pdf())
    (folder / "no-xref.pdf").write_bytes(no_xref_pdf())
    (folder / "zeroed-middle-page.pdf").write_bytes(zeroed_page_pdf(3, 2))
    (folder / "unloadable-middle-page.pdf").write_bytes(unloadable_page_pdf(3, 2))
    (folder / "unloadable-only-page.pdf").write_bytes(unloadable_page_pdf(1, 1))
    (folder / "html-named.pdf").write_text("<html><body><p>Custody text.</p></body></html>")
    (folder / "header-only.pdf").write_bytes(b"%PDF-1.7\n")


def disguised_files(folder: Path) -> None:
    (folder / "pdf-named.html").write_bytes(text_pdf(1))
    (folder / "pdf-named.md").write_bytes(text_pdf(1))
    (folder / "word-named.md").write_bytes(docx_bytes())
    (folder / "image-named.txt").write_bytes(PNG)
    (folder / "invalid-utf8.md").write_bytes(
        "# Durham custody\n\nThe café's suites were clean.".encode() + b"\xff\x81\n"
    )
    (folder / "invisible.md").write_text("\u200b\u200b\n\n\u00a0 \u2060\n")
    (folder / "brackets.md").write_text("# Markup\n\n" + "[" * 20_000 + " " + "**a " * 5_000)


def odd_html(folder: Path) -> None:
    (folder / "scripts.html").write_text(
        "<html><head><style>p { color: red } STYLETEXT</style>"
        "<script>var x = 'SCRIPTTEXT';</script></head><body>"
        "<iframe src='https://example.org'>IFRAMETEXT</iframe>"
        "<form action='/x'>FORMTEXT<input value='INPUTTEXT'><button>BUTTONTEXT</button></form>"
        "<noscript>NOSCRIPTTEXT</noscript><template>TEMPLATETEXT</template>"
        "<h1>Lancashire custody visit</h1>"
        "<p>Detainees in Lancashire were treated with respect by custody staff.</p>"
        "<svg><text>SVGTEXT</text></svg><object data='x'>OBJECTTEXT</object></body></html>"
    )
    (folder / "nested-100000.html").write_text(
        "<html><body>"
        + "<div>" * 100_000
        + "<p>Deep inside, the custody suites were clean.</p>"
        + "</div>" * 100_000
        + "</body></html>"
    )
    (folder / "declares-utf16.html").write_bytes(
        '<html><head><meta charset="utf-16"></head><body><p>Café – the Essex custody '
        "suites were clean.</p></body></html>".encode()
    )
    (folder / "declares-shift-jis.html").write_bytes(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=shift_jis">'
        "</head><body><p>Café – the Surrey custody suites were clean.</p></body></html>".encode()
    )
    (folder / "only-scripts.html").write_text(
        "<html><head><style>p { color: red }</style></head><body><script>x()</script></body></html>"
    )


def odd_front_matter(folder: Path) -> None:
    (folder / "front-matter-only.md").write_text("---\ntitle: Nothing else\n---\n")
    (folder / "front-wrong-types.md").write_text(
        "---\ntitle: [a, b]\npublished: 12345\nforce: {name: Kent}\n---\n" + BODY
    )
    (folder / "front-future-date.md").write_text("---\npublished: 2099-01-01\n---\n" + BODY)
    (folder / "front-yaml-bomb.md").write_text(
        "---\n" + YAML_BOMB + "title: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n" + BODY
    )
    (folder / "front-python-tag.md").write_text(
        "---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n" + BODY
    )
    (folder / "front-not-mapping.md").write_text("---\n- a\n- b\n---\n" + BODY)


def odd_names(folder: Path, outside: Path) -> None:
    """Names with spaces, unicode and a line break; links out, in, dangling and a loop."""
    (folder / "Kent custody (final copy).md").write_text(BODY)
    (folder / "Gwent – été ✓ 東京.md").write_text(BODY.replace("Kent", "Gwent"))
    (folder / "line\nbreak.md").write_text(BODY)
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.md").write_text("# Secret\n\nThis text lives outside the corpus.\n")
    (folder / "link-outside.md").symlink_to(outside / "secret.md")
    (folder / "link-inside.md").symlink_to(folder / "Kent custody (final copy).md")
    (folder / "dangling.md").symlink_to(folder / "missing.md")
    (folder / "loop").mkdir()
    (folder / "loop" / "again").symlink_to(folder, target_is_directory=True)
    (folder / "outside-folder").symlink_to(outside, target_is_directory=True)
    os.mkfifo(folder / "fifo.md")
    name = os.fsencode(folder) + b"/latin1-\xe9t\xe9.md"
    fd = os.open(name, os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, BODY.encode())
    os.close(fd)


def malformed_corpus(folder: Path, outside: Path) -> None:
    """Every fast bad file kind (the 200 MB file and the 3000-page PDF are made apart)."""
    bad_pdfs(folder)
    disguised_files(folder)
    odd_html(folder)
    odd_front_matter(folder)
    odd_names(folder, outside)


def huge_single_line(path: Path, megabytes: int) -> Path:
    """A one-line text file of ``megabytes`` MB, written in pieces."""
    piece = b"The custody suites were clean. " * 33_825  # about 1 MB
    with path.open("wb") as handle:
        for _ in range(megabytes):
            handle.write(piece)
    return path

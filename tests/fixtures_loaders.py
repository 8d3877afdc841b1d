"""Small PDFs made on the fly for the loader tests: laid-out, encrypted, image-only;
and ``broken_files``, one file of each broken kind."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from pypdf import PdfWriter

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# (size, text, gap before in mm) per line; a page is a list of lines.
Page = list[tuple[float, str, float]]


def laid_out_pdf(
    path: Path, pages: list[Page], header: str | None, footer: str | None
) -> Path:
    """A PDF with each line placed as given, plus a header/footer on every page.

    ``footer`` may hold ``{n}`` and ``{total}``, e.g. "Page {n} of {total}".
    """
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for number, lines in enumerate(pages, 1):
        pdf.add_page()
        if header:
            pdf.set_font("Helvetica", "", 8)
            pdf.set_xy(20, 10)
            pdf.cell(0, 5, header)
        y = 30.0
        for size, text, gap in lines:
            y += gap
            pdf.set_font("Helvetica", "B" if size > 12 else "", size)
            pdf.set_xy(20, y)
            pdf.cell(0, size * 0.5, text)
            y += size * 0.5
        if footer:
            pdf.set_font("Helvetica", "", 8)
            pdf.set_xy(20, 280)
            pdf.cell(170, 5, footer.format(n=number, total=len(pages)), align="C")
    pdf.output(str(path))
    return path


def image_only_pdf(path: Path) -> Path:
    """Two pages with drawn shapes and no text, like a scan without OCR."""
    pdf = FPDF(format="A4")
    for shade in (40, 120):
        pdf.add_page()
        pdf.set_fill_color(shade, shade, shade)
        pdf.rect(20, 20, 170, 250, style="F")
    pdf.output(str(path))
    return path


def encrypted_copy(source: Path, path: Path) -> Path:
    """``source`` protected with a user password."""
    writer = PdfWriter(clone_from=source)
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def pageless_pdf(path: Path) -> Path:
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def broken_files(tmp_path: Path) -> dict[str, str]:
    """Write one file of each broken kind; map its name to the words its error must hold."""
    good = (CORPUS / "2022-08-wiltshire-child-protection.pdf").read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(good[:4000])
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "blank.html").write_text("  \n\n ")
    encrypted_copy(CORPUS / "2022-08-wiltshire-child-protection.pdf", tmp_path / "locked.pdf")
    image_only_pdf(tmp_path / "scan.pdf")
    pageless_pdf(tmp_path / "pageless.pdf")
    junk = bytes(range(256)) * 16
    (tmp_path / "junk.pdf").write_bytes(junk)
    (tmp_path / "junk.md").write_bytes(junk)
    (tmp_path / "junk.html").write_bytes(junk)
    (tmp_path / "controls.txt").write_bytes(bytes(range(1, 32)) * 20)
    (tmp_path / "undecodable.txt").write_bytes(bytes(range(1, 32)) * 20 + b"\x81")
    return {
        "truncated.pdf": "not a valid PDF (file is damaged or not a PDF)",
        "empty.pdf": "file is empty",
        "empty.md": "file is empty",
        "blank.html": "file is empty",
        "locked.pdf": "PDF is encrypted; save an unencrypted copy and re-run",
        "scan.pdf": "PDF has no text layer (scanned image?); run OCR first",
        "pageless.pdf": "PDF has no pages",
        "junk.pdf": "not a valid PDF (file is damaged or not a PDF)",
        "junk.md": "binary data (NUL bytes)",
        "junk.html": "binary data (NUL bytes)",
        "controls.txt": "file is full of control characters; it is not text",
        "undecodable.txt": "text is not UTF-8 and could not be decoded",
    }

"""PDF reports: text per page via pdfium, furniture removed, paragraphs rebuilt."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pypdfium2 as pdfium
from pypdf import PdfReader

from index.dates import find_published_date
from index.errors import LoadError
from index.lexicon.dates import parse_date
from index.loaders.common import finish, log, merged, printable, read_bytes, sniff
from index.loaders.pdf_blocks import to_blocks
from index.loaders.pdf_layout import strip_furniture
from index.loaders.pdf_text import Line, page_lines
from index.settings import ENV_MAX_PDF_PAGES, LoadLimits
from index.types import LoadedDocument

NOT_PDF = "not a valid PDF (file is damaged or not a PDF)"
ENCRYPTED = "PDF is encrypted; save an unencrypted copy and re-run"
NO_TEXT = "PDF has no text layer (scanned image?); run OCR first"
NO_PAGES = "PDF has no pages"
_JUNK_TITLE_RE = re.compile(
    r"^(?:microsoft \w+ - |untitled\b)|\.(?:docx?|pdf|indd|pptx?|odt|rtf)$|^[\W\d_]*$", re.I
)


def open_pdf(data: bytes, source: str) -> pdfium.PdfDocument:
    """Open the bytes with pdfium, turning its failures into plain reasons."""
    if b"%PDF-" not in data[:1024]:
        found = sniff(data)
        if found is not None:
            raise LoadError(source, f"file is {found[0]}, not a PDF; remove it from the folder")
        if data.lstrip()[:1] == b"<":
            raise LoadError(source, "file is HTML or XML, not a PDF; rename it to end in .html")
        raise LoadError(source, NOT_PDF)
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # pdfium's error code can be stale from an earlier file, so ask pypdf why.
        raise LoadError(source, _second_opinion(data)) from exc


def _second_opinion(data: bytes) -> str:
    """Why pdfium refused a file, asking pypdf (it reads some files pdfium rejects)."""
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR + 10)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return ENCRYPTED
        return NO_PAGES if len(reader.pages) == 0 else NOT_PDF
    except Exception:  # pypdf cannot read it either
        return NOT_PDF
    finally:
        pypdf_log.setLevel(level)


def read_pages(pdf: pdfium.PdfDocument, source: str) -> list[list[Line]]:
    """Lines per page; the page count is checked first, and a damaged page is left empty."""
    count = len(pdf)
    limit = LoadLimits.from_env().max_pdf_pages
    if count > limit:
        raise LoadError(
            source,
            f"PDF has {count:,} pages, over the limit of {limit:,}; split it, "
            f"or raise {ENV_MAX_PDF_PAGES}",
        )
    pages: list[list[Line]] = []
    broken: list[int] = []
    for index in range(count):
        try:
            pages.append(page_lines(pdf[index], index + 1))
        except pdfium.PdfiumError:
            broken.append(index + 1)
            pages.append([])
    if not pages:
        raise LoadError(source, NO_PAGES)
    if broken and len(broken) == count:
        raise LoadError(source, "no page of the PDF could be read (file is damaged)")
    if not any(pages):
        raise LoadError(source, NO_TEXT)
    name = printable(source)
    if broken:
        shown = ", ".join(str(n) for n in broken[:10]) + (" …" if len(broken) > 10 else "")
        log.warning(
            "%s: %d of %d pages are damaged and were skipped (%s)", name, len(broken), count, shown
        )
    empty = sum(1 for lines in pages if not lines) - len(broken)
    if empty:
        log.warning("%s: %d of %d pages have no text layer", name, empty, count)
    return pages


def file_metadata(pdf: pdfium.PdfDocument, first_page: str) -> dict[str, str | None]:
    """Title and date from the document info and the title page's "Published on"."""
    info = pdf.get_metadata_dict(skip_empty=True)
    title = " ".join(info.get("Title", "").split())
    created = parse_date(info.get("CreationDate", ""))
    return {
        "title": title if title and not _JUNK_TITLE_RE.search(title) else None,
        "published": find_published_date(first_page) or created,
    }


def load_pdf(path: Path, source: str, sidecar_row: dict[str, str] | None) -> LoadedDocument:
    pdf = open_pdf(read_bytes(path, source), source)
    try:
        pages = read_pages(pdf, source)
        found = file_metadata(pdf, "\n".join(line.text for line in pages[0]))
    finally:
        pdf.close()
    kept, printed = strip_furniture(pages)
    lines = [line for page in kept for line in page]
    maker = to_blocks(lines, len(pages), printed)
    title_hint = next((b.text for b in maker.blocks if b.is_heading), None)
    return finish(source, maker.blocks, merged(found, sidecar_row), title_hint)

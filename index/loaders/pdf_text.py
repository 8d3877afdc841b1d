"""Text lines of a PDF page, with font size and position, via pdfium."""

from __future__ import annotations

import ctypes
import statistics
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

SOFT_HYPHEN = "\u00ad"
LINE_END_HYPHEN = "\x02"


@dataclass(frozen=True)
class Line:
    """One line of text as pdfium lays it out; ``y`` is the baseline (points, up)."""

    text: str
    page: int  # 1-based
    size: float
    x: float
    y: float
    right: float = 0.0  # right edge of the last glyph


class _LineBuilder:
    def __init__(self, page: int) -> None:
        self.page = page
        self.lines: list[Line] = []
        self.chars: list[str] = []
        self.sizes: list[float] = []
        self.xs: list[float] = []
        self.ys: list[float] = []
        self.rights: list[float] = []

    def add(self, char: str, where: tuple[float, float, float, float] | None) -> None:
        self.chars.append(char)
        if where is not None:
            self.sizes.append(where[0])
            self.xs.append(where[1])
            self.ys.append(where[2])
            self.rights.append(where[3])

    def end_line(self) -> None:
        text = "".join(self.chars).strip()
        text = text[:-1].replace(SOFT_HYPHEN, "") + text[-1:]  # invisible unless at the end
        if text and self.sizes:
            size = round(statistics.median(self.sizes), 1)
            y = statistics.median(self.ys)
            right = max(self.rights)
            self.lines.append(Line(text, self.page, size, min(self.xs), y, right))
        self.chars, self.sizes, self.xs, self.ys, self.rights = [], [], [], [], []


def _char(textpage: pdfium_c.FPDF_TEXTPAGE, index: int) -> str:
    code = pdfium_c.FPDFText_GetUnicode(textpage, index)
    if code == 2:  # pdfium's mark for a hyphen that ends a line inside a word
        return LINE_END_HYPHEN
    if code in (0xFFFE, 0xFEFF) or (code < 32 and code not in (9, 10, 13)):
        return ""
    if 0xD800 <= code <= 0xDFFF:
        return ""  # half of a surrogate pair: rare in reports, dropped
    return chr(code)


def _where(textpage: pdfium_c.FPDF_TEXTPAGE, index: int) -> tuple[float, float, float, float]:
    """Font size, baseline origin (x, y) and right edge of one character."""
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    box = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
    pdfium_c.FPDFText_GetCharBox(textpage, index, *(ctypes.byref(v) for v in box))
    size = pdfium_c.FPDFText_GetFontSize(textpage, index)
    return float(size), x.value, y.value, max(box[1].value, x.value)


def page_lines(page: pdfium.PdfPage, number: int) -> list[Line]:
    """The page's text lines in pdfium's reading order."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        builder = _LineBuilder(number)
        for index in range(pdfium_c.FPDFText_CountChars(raw)):
            char = _char(raw, index)
            if char == "\n":
                builder.end_line()
            elif char == LINE_END_HYPHEN:  # pdfium joined a hyphenated break: undo it
                builder.add("-", _where(raw, index))
                builder.end_line()
            elif char and char != "\r":
                generated = pdfium_c.FPDFText_IsGenerated(raw, index) == 1
                visible = not generated and not char.isspace()
                builder.add(char, _where(raw, index) if visible else None)
        builder.end_line()
        return builder.lines
    finally:
        textpage.close()

"""Render the sample Markdown reports into a mixed-format demo corpus.

Long reports become multi-page PDFs (title page, running header, printed page
numbers that start at 1 on the second PDF page), a selection of shorter ones
become HTML pages shaped like the inspectorate's ``publication-html`` pages, and
the rest are copied as Markdown. PDF and HTML files get a ``metadata.csv`` row,
as a user's bulk download would. Output is deterministic.

    .venv/bin/python scripts/render_corpus.py --source ../shared/sample-reports --out corpus
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import yaml
from fpdf import FPDF
from fpdf.enums import XPos, YPos

INSPECTORATE = "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services"
PDF_MIN_WORDS = 2500
HTML_STEMS = (
    "2018-10-norfolk-suffolk-custody",
    "2019-04-national-fraud-time-to-choose",
    "2020-12-greater-manchester-victim-service-crime-data",
    "2022-08-lincolnshire-custody",
    "2022-08-warwickshire-child-protection",
    "2022-11-humberside-peel-2021-22",
    "2023-09-wiltshire-child-protection-post-inspection-review",
    "2024-05-staffordshire-engage-revisit-letter",
    "2024-07-national-state-of-policing-2023",
    "2025-01-bedfordshire-peel-2023-25",
)
CSV_FIELDS = ("file", "title", "force", "report_type", "published", "source_url")
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
# Used only when DejaVu is missing: the core fonts cover latin-1 alone.
LATIN1_MAP = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "•": "-"})


@dataclass
class Part:
    """One block of a report body: heading, paragraph, list or table."""

    kind: str  # h2 | h3 | p | ul | ol | table
    text: str = ""
    start: int = 1  # the first number of an ordered list
    items: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Report:
    stem: str
    meta: dict[str, str]
    raw: str
    parts: list[Part]

    @property
    def words(self) -> int:
        return len(self.raw.split("---", 2)[-1].split())

    @property
    def published(self) -> date:
        return date.fromisoformat(self.meta["published"])


# --- reading the Markdown sources -------------------------------------------


def read_report(path: Path) -> Report:
    raw = path.read_text(encoding="utf-8")
    _, front, body = raw.split("---", 2)
    meta = {k: str(v) for k, v in yaml.safe_load(front).items()}
    return Report(path.stem, meta, raw, parse_body(body))


def parse_body(body: str) -> list[Part]:
    parts: list[Part] = []
    for line in body.splitlines():
        line = line.rstrip()
        if not line or line.startswith("# "):
            continue
        add_line(parts, line)
    return parts


def add_line(parts: list[Part], line: str) -> None:
    last = parts[-1] if parts else None
    if line.startswith("### "):
        parts.append(Part("h3", line[4:].strip()))
    elif line.startswith("## "):
        parts.append(Part("h2", line[3:].strip()))
    elif line.startswith("- "):
        list_part(parts, last, "ul").items.append(line[2:].strip())
    elif re.match(r"\d+\. ", line):
        number, text = line.split(" ", 1)
        ordered = list_part(parts, last, "ol")
        if not ordered.items:
            ordered.start = int(number.rstrip("."))
        ordered.items.append(text.strip())
    elif line.startswith("|"):
        add_table_row(parts, last, line)
    else:
        parts.append(Part("p", line.strip()))


def list_part(parts: list[Part], last: Part | None, kind: str) -> Part:
    if last is None or last.kind != kind:
        last = Part(kind)
        parts.append(last)
    return last


def add_table_row(parts: list[Part], last: Part | None, line: str) -> None:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if all(re.fullmatch(r":?-+:?", c) for c in cells):
        return
    list_part(parts, last, "table").rows.append(cells)


def long_date(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- PDF ---------------------------------------------------------------------


class ReportPDF(FPDF):
    """A4 report with a running header and a footer page number after page 1."""

    def __init__(self, short_title: str, unicode_font: bool) -> None:
        super().__init__(format="A4")
        self.short_title = short_title
        self.family = "DejaVu" if unicode_font else "Helvetica"
        self.unicode_font = unicode_font
        if unicode_font:
            for style, name in FONT_FILES.items():
                self.add_font("DejaVu", style, str(FONT_DIR / name))
        self.set_margins(22, 25, 22)
        self.set_auto_page_break(True, margin=22)

    def clean(self, text: str) -> str:
        return text if self.unicode_font else text.translate(LATIN1_MAP)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(self.family, "", 8)
        self.set_y(10)
        self.cell(0, 5, self.clean(self.short_title), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, "HMICFRS", align="R")
        self.set_y(self.t_margin)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.set_font(self.family, "", 9)
        self.cell(0, 5, str(self.page_no() - 1), align="C")

    def write_block(self, text: str, size: float, style: str = "", gap: float = 3.0) -> None:
        self.set_font(self.family, style, size)
        self.multi_cell(
            0, size * 0.52, md_inline(self.clean(text)), markdown=True, align="L",
            new_x=XPos.LMARGIN, new_y=YPos.NEXT,
        )
        self.ln(gap)


def md_inline(text: str) -> str:
    """Convert Markdown emphasis to fpdf2's markup (** bold, __ italic)."""
    return re.sub(r"(?<!\*)\*([^*\n]+)\*(?!\*)", r"__\1__", text)


def short_title(title: str) -> str:
    """The running-header title: the part before a long title's dash."""
    return title.split(" – ")[0] if len(title) > 60 else title


def render_pdf(report: Report, out: Path, unicode_font: bool) -> None:
    meta = report.meta
    pdf = ReportPDF(short_title(meta["title"]), unicode_font)
    pdf.set_title(pdf.clean(meta["title"]))
    pdf.set_author(INSPECTORATE)
    pdf.set_subject(meta.get("report_type", ""))
    pdf.set_creator("reportqa render_corpus")
    pdf.set_producer("reportqa render_corpus")
    pdf.set_lang("en-GB")
    when = report.published
    pdf.set_creation_date(datetime(when.year, when.month, when.day, tzinfo=UTC))
    title_page(pdf, report)
    pdf.add_page()
    for part in report.parts:
        pdf_part(pdf, part)
    pdf.output(str(out / f"{report.stem}.pdf"))


def title_page(pdf: ReportPDF, report: Report) -> None:
    pdf.add_page()
    pdf.set_y(70)
    pdf.write_block(report.meta["title"], 24, "B", gap=10)
    pdf.write_block(report.meta["force"], 14, gap=6)
    pdf.write_block(f"Published on: {long_date(report.published)}", 12, gap=30)
    pdf.write_block(INSPECTORATE, 11)


def pdf_part(pdf: ReportPDF, part: Part) -> None:
    if part.kind == "h2":
        pdf.ln(3)
        pdf.write_block(part.text, 15, "B")
    elif part.kind == "h3":
        pdf.write_block(part.text, 12, "B", gap=2)
    elif part.kind == "p":
        pdf.write_block(part.text, 10.5)
    elif part.kind in ("ul", "ol"):
        pdf_list(pdf, part)
    else:
        pdf_table(pdf, part)


def pdf_list(pdf: ReportPDF, part: Part) -> None:
    pdf.set_font(pdf.family, "", 10.5)
    for n, item in enumerate(part.items, part.start):
        marker = f"{n}." if part.kind == "ol" else pdf.clean("•")
        pdf.set_x(pdf.l_margin + 3)
        pdf.cell(6, 5.5, marker)
        pdf.multi_cell(
            0, 5.5, md_inline(pdf.clean(item)), markdown=True, align="L",
            new_x=XPos.LMARGIN, new_y=YPos.NEXT,
        )
        pdf.ln(2)
    pdf.ln(1)


def pdf_table(pdf: ReportPDF, part: Part) -> None:
    pdf.set_font(pdf.family, "", 9.5)
    with pdf.table(markdown=True, line_height=5, padding=1.5) as table:
        for cells in part.rows:
            row = table.row()
            for cell in cells:
                row.cell(md_inline(pdf.clean(cell)))
    pdf.ln(4)


# --- HTML --------------------------------------------------------------------

PAGE_HEAD = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - {inspectorate}</title>
<link rel="stylesheet" href="/wp-content/themes/hmicfrs/assets/main.css">
<script src="/wp-content/themes/hmicfrs/assets/site.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<div class="cookie-banner" id="cookie-banner" role="region" aria-label="Cookies on this site">
<p>We use some essential cookies to make this website work. We would also like to set
optional analytics cookies to understand how you use the site.</p>
<button type="button">Accept analytics cookies</button>
<button type="button">Reject analytics cookies</button>
</div>
<header class="site-header">
<a class="site-logo" href="/">HMICFRS</a>
<nav class="site-nav" aria-label="Main navigation">
<ul>
<li><a href="/our-work/">Our work</a></li>
<li><a href="/publications/">Publications</a></li>
<li><a href="/police-forces/">Police forces</a></li>
<li><a href="/news/">News</a></li>
<li><a href="/about-us/">About us</a></li>
<li><a href="/contact-us/">Contact us</a></li>
</ul>
</nav>
<form class="site-search" action="/" role="search"><label for="s">Search the site</label>
<input id="s" name="s" type="search"></form>
</header>
<nav class="breadcrumbs" aria-label="Breadcrumb">
<ol>
<li><a href="/">Home</a></li>
<li><a href="/publications/">Publications</a></li>
<li>{title}</li>
</ol>
</nav>
<main id="main-content">
<article class="publication-html">
<h1>{title}</h1>
<p class="publication-date">Published on: {published}</p>
"""

PAGE_TAIL = """</article>
<aside class="related-links">
<h2>Related publications</h2>
<ul><li><a href="/publications/">Browse all publications</a></li></ul>
</aside>
</main>
<footer class="site-footer">
<ul>
<li><a href="/accessibility/">Accessibility</a></li>
<li><a href="/cookies/">Cookies</a></li>
<li><a href="/privacy-notice/">Privacy notice</a></li>
</ul>
<p>All content is available under the Open Government Licence v3.0, except where
otherwise stated. &copy; Crown copyright</p>
</footer>
</body>
</html>
"""


def inline_html(text: str) -> str:
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", text)


def render_html(report: Report, out: Path) -> None:
    meta = report.meta
    head = PAGE_HEAD.format(
        title=html.escape(meta["title"]),
        inspectorate=html.escape(INSPECTORATE),
        published=long_date(report.published),
    )
    page = head + contents_html(report.parts) + sections_html(report.parts) + PAGE_TAIL
    (out / f"{report.stem}.html").write_text(page, encoding="utf-8")


def contents_html(parts: list[Part]) -> str:
    links = [
        f'<li><a href="#{slug(p.text)}">{html.escape(p.text)}</a></li>'
        for p in parts
        if p.kind == "h2"
    ]
    items = "\n".join(links)
    head = '<nav class="contents" aria-label="Contents">\n<h2>Contents</h2>'
    return f"{head}\n<ol>\n{items}\n</ol>\n</nav>\n"


def sections_html(parts: list[Part]) -> str:
    lines: list[str] = []
    open_section = False
    for part in parts:
        if part.kind == "h2":
            if open_section:
                lines.append("</section>")
            lines.append(f'<section id="{slug(part.text)}">')
            open_section = True
        lines.append(part_html(part))
    if open_section:
        lines.append("</section>")
    return "\n".join(lines) + "\n"


def part_html(part: Part) -> str:
    if part.kind in ("h2", "h3"):
        return f"<{part.kind}>{inline_html(part.text)}</{part.kind}>"
    if part.kind == "p":
        return f"<p>{inline_html(part.text)}</p>"
    if part.kind in ("ul", "ol"):
        items = "\n".join(f"<li>{inline_html(i)}</li>" for i in part.items)
        start = f' start="{part.start}"' if part.kind == "ol" and part.start != 1 else ""
        return f"<{part.kind}{start}>\n{items}\n</{part.kind}>"
    return table_html(part.rows)


def table_html(rows: list[list[str]]) -> str:
    head = "".join(f"<th>{inline_html(c)}</th>" for c in rows[0])
    body = "\n".join(
        "<tr>" + "".join(f"<td>{inline_html(c)}</td>" for c in row) + "</tr>" for row in rows[1:]
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


# --- corpus ------------------------------------------------------------------


def choose_format(report: Report) -> str:
    if report.words >= PDF_MIN_WORDS:
        return "pdf"
    return "html" if report.stem in HTML_STEMS else "md"


def csv_row(report: Report, filename: str) -> dict[str, str]:
    row = {k: report.meta.get(k, "") for k in CSV_FIELDS[1:]}
    return {"file": filename, **row}


def write_metadata(rows: list[dict[str, str]], out: Path) -> None:
    with (out / "metadata.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: r["file"]))


def render(source: Path, out: Path) -> dict[str, list[str]]:
    out.mkdir(parents=True, exist_ok=True)
    unicode_font = all((FONT_DIR / name).exists() for name in FONT_FILES.values())
    if not unicode_font:
        print("DejaVu fonts not found; PDFs use Helvetica with ASCII dashes and quotes")
    chosen: dict[str, list[str]] = {"pdf": [], "html": [], "md": []}
    rows: list[dict[str, str]] = []
    for path in sorted(source.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        report = read_report(path)
        kind = choose_format(report)
        for old in ("pdf", "html", "md"):
            (out / f"{report.stem}.{old}").unlink(missing_ok=True)
        if kind == "pdf":
            render_pdf(report, out, unicode_font)
        elif kind == "html":
            render_html(report, out)
        else:
            shutil.copyfile(path, out / path.name)
        if kind != "md":
            rows.append(csv_row(report, f"{report.stem}.{kind}"))
        chosen[kind].append(report.stem)
    write_metadata(rows, out)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="folder of Markdown reports")
    parser.add_argument("--out", type=Path, required=True, help="corpus folder to write")
    args = parser.parse_args(argv)
    chosen = render(args.source, args.out)
    for kind, stems in chosen.items():
        print(f"{kind}: {len(stems)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Plain-text, Markdown and CSV renderings of answers and hits, shared by the CLI and the UI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from index.errors import ReportQAError
from index.types import Answer, Citation, Hit, TableRow


def long_date(iso: str | None) -> str:
    """2022-08-05 -> 5 August 2022; unknown dates say so."""
    if not iso:
        return "date not stated"
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def briefing_citation(citation: Citation) -> str:
    """HMICFRS, <title>, <date>, p. <page>, <section>. <url>"""
    meta = citation.meta
    parts = [meta.inspectorate or "HMICFRS", meta.title, long_date(meta.published)]
    if citation.page:
        parts.append(f"p. {citation.page}")
    if citation.paragraph:
        parts.append(f"para. {citation.paragraph}")
    if citation.section:
        parts.append(citation.section)
    text = ", ".join(parts) + "."
    return f"{text} {meta.url}" if meta.url else text


def reference_line(citation: Citation) -> str:
    return f'[{citation.n}] {briefing_citation(citation)}\n    "{citation.quote}"'


def answer_to_text(answer: Answer) -> str:
    lines = [answer.answer, ""]
    if answer.table:
        lines += [
            f"- {row.force}: {row_finding(row)} {_markers(row.citations)}" for row in answer.table
        ]
        lines.append("")
    applied = {k: v for k, v in answer.filters.items() if v and k != "inferred"}
    if applied:
        lines.append(f"Filters: {json.dumps(applied)}")
    if answer.citations:
        lines.append("References:")
        lines += [reference_line(c) for c in answer.citations]
    if answer.see_also:
        lines.append("See also:")
        lines += [hit_to_text(hit) for hit in answer.see_also]
    return "\n".join(lines).rstrip()


def hit_to_text(hit: Hit) -> str:
    meta, chunk = hit.meta, hit.chunk
    page = f"p. {chunk.page_label}" if chunk.page_label else ""
    where = ", ".join(x for x in (meta.force, meta.published, page, chunk.section) if x)
    return f"{hit.rank}. {meta.title} ({where})\n   {chunk.text[:300].replace(chr(10), ' ')}"


def answer_to_markdown(answer: Answer) -> str:
    lines = [f"# {answer.question}", "", answer.answer, ""]
    if answer.table:
        lines += ["| Force | Finding | Ref |", "|---|---|---|"]
        lines += [
            f"| {row.force} | {row_finding(row).replace('|', '/')} | {_markers(row.citations)} |"
            for row in answer.table
        ]
        lines.append("")
    if answer.citations:
        lines += ["## References", ""]
        lines += [f'{c.n}. {briefing_citation(c)} "{c.quote}"' for c in answer.citations]
    return "\n".join(lines) + "\n"


CSV_COLUMNS = [
    "n", "force", "title", "report_type", "published", "page", "section", "paragraph",
    "quote", "url", "source", "start", "end",
]


def answer_to_csv(answer: Answer) -> str:
    """One row per citation, ready for a spreadsheet."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for citation in answer.citations:
        writer.writerow(citation.to_dict())
    return out.getvalue()


def read_questions(path: Path) -> Iterator[str]:
    """Questions from a file: one per line, or JSON objects with a "question" field."""
    if not path.is_file():
        raise ReportQAError(f"question file {path} not found")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("{"):
            try:
                yield str(json.loads(line)["question"])
            except (json.JSONDecodeError, KeyError) as exc:
                raise ReportQAError(f"{path}:{number}: not a JSON object with 'question'") from exc
        else:
            yield line


def row_finding(row: TableRow) -> str:
    """A row's finding: its grade ("PEEL 2021/22, responding to the public: inadequate")
    when it is one (the quote, shared by several grades, is in the references), else the
    quote."""
    if not row.grade:
        return row.text
    where = ", ".join(x for x in (row.cycle, row.area) if x)
    return f"{where}: {row.grade}" if where else row.grade


def _markers(numbers: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in numbers)

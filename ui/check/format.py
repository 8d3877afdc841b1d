"""A checked draft for people and programs: annotated Markdown, JSON and CSV.

The Markdown is the draft itself, line for line: a supported claim gets a footnote per
citation in briefing style (report, force, date, page or section, link, verbatim quote);
any other claim gets a bold mark saying what is wrong. A list of the claims to fix, and
the footnotes, follow the draft.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from index.types import Citation
from retrieval.check.claims import Segment
from retrieval.check.results import CheckReport, ClaimCheck, ClaimVerdict
from ui.format import long_date

MARKS = {
    ClaimVerdict.SUPPORTED: "✓",
    ClaimVerdict.PARTLY: "~",
    ClaimVerdict.CONTRADICTED: "✗",
    ClaimVerdict.NOT_FOUND: "?",
}
CSV_COLUMNS = (
    "n",
    "line",
    "claim",
    "verdict",
    "differences",
    "absent",
    "citations",
    "reports",
    "quotes",
)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def footnote(citation: Citation) -> str:
    """One citation in briefing style, as a Markdown footnote definition."""
    meta = citation.meta
    parts = [meta.inspectorate or "HMICFRS", meta.title]
    if meta.force and meta.force not in meta.title:
        parts.append(meta.force)
    parts.append(long_date(meta.published))
    if citation.page:
        parts.append(f"p. {citation.page}")
    if citation.paragraph:
        parts.append(f"para. {citation.paragraph}")
    if citation.section:
        parts.append(citation.section)
    text = ", ".join(_one_line(p) for p in parts) + "."
    if meta.url:
        text += f" <{meta.url}>"
    return f'[^{citation.n}]: {text} "{_one_line(citation.quote)}"'


def problem(check: ClaimCheck) -> str:
    """What is wrong with a claim, in a few words (empty when it is supported)."""
    if check.verdict is ClaimVerdict.SUPPORTED:
        return ""
    details = [_difference(d.claim, d.report, d.citation) for d in check.differences]
    if check.verdict is ClaimVerdict.PARTLY and check.absent:
        details.append("not in the reports: " + ", ".join(check.absent))
    if check.verdict is ClaimVerdict.NOT_FOUND:
        details.append("no report found that states this")
    return "; ".join(details)


def _difference(claim: str, report: str, n: int | None) -> str:
    cited = f"[^{n}]" if n else ""
    return f"claim: {claim} · report: {report}{cited}"


def _refs(check: ClaimCheck) -> str:
    return "".join(f"[^{c.n}]" for c in check.citations)


def annotated_claim(check: ClaimCheck) -> str:
    """A claim's own annotation, placed right after its sentence."""
    if check.verdict is ClaimVerdict.SUPPORTED:
        return _refs(check)
    note = problem(check)
    mark = f"**[{MARKS[check.verdict]} {check.verdict.value}: {note}]**"
    return f"{_refs(check) if check.verdict is ClaimVerdict.PARTLY else ''} {mark}"


def _segment_text(segment: Segment, check: ClaimCheck | None) -> str:
    if check is None:
        return segment.text
    body = segment.text.rstrip()
    gap = segment.text[len(body) :]
    return f"{body}{annotated_claim(check)}{gap}"


def to_markdown(report: CheckReport) -> str:
    """The annotated draft, the claims to fix, and the footnotes."""
    lines: list[str] = []
    current = ""
    for segment, check in report.pairs():
        current += _segment_text(segment, check)
        if segment.line_end:
            lines.append(current)
            current = ""
    if current:
        lines.append(current)
    fixes = [c for c in report.checks if not c.ok]
    counts = ", ".join(f"{n} {verdict}" for verdict, n in report.counts().items() if n)
    lines += ["", "---", "", f"**Checked {len(report.checks)} claims:** {counts or 'none'}."]
    if fixes:
        lines += ["", "## Claims to fix", ""]
        lines += [_fix_line(c) for c in fixes]
    citations = report.citations()
    if citations:
        lines += ["", *(footnote(c) for c in citations)]
    return "\n".join(lines).rstrip() + "\n"


def _fix_line(check: ClaimCheck) -> str:
    where = f" (line {check.line})" if check.line else ""
    return (
        f"- {MARKS[check.verdict]} **{check.verdict.value}**{where}: "
        f"{_one_line(check.claim)} — {problem(check)}"
    )


def to_json(report: CheckReport) -> dict[str, Any]:
    return report.to_dict()


def to_csv(report: CheckReport) -> str:
    """One row per claim: verdict, differing and absent facts, citations and their quotes."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for n, check in enumerate(report.checks, start=1):
        writer.writerow(
            {
                "n": n,
                "line": check.line,
                "claim": _one_line(check.claim),
                "verdict": check.verdict.value,
                "differences": "; ".join(str(d) for d in check.differences),
                "absent": "; ".join(check.absent),
                "citations": " ".join(f"[{c.n}]" for c in check.citations),
                "reports": "; ".join(_report_label(c) for c in check.citations),
                "quotes": " | ".join(_one_line(c.quote) for c in check.citations),
            }
        )
    return out.getvalue()


def _report_label(citation: Citation) -> str:
    page = f", p. {citation.page}" if citation.page else ""
    return f"[{citation.n}] {citation.meta.title}, {long_date(citation.meta.published)}{page}"

"""HTML for the Check a draft tab: the draft's sentences coloured by verdict, each opening
its evidence (differing facts side by side, the cited quotes in their reports).

Draft text and report text are untrusted, so every piece of either is escaped here.
"""

from __future__ import annotations

from html import escape

from index.types import Citation
from retrieval.check.claims import Segment, SegmentKind
from retrieval.check.results import CheckReport, ClaimCheck, ClaimVerdict
from ui.check.format import MARKS
from ui.format import briefing_citation, long_date
from ui.render import safe_url

VERDICT_CLASS = {
    ClaimVerdict.SUPPORTED: "rq-v-supported",
    ClaimVerdict.PARTLY: "rq-v-partly",
    ClaimVerdict.CONTRADICTED: "rq-v-contradicted",
    ClaimVerdict.NOT_FOUND: "rq-v-notfound",
}
CHECK_CSS = """<style>
.rq-check-draft { line-height: 1.6; }
.rq-check-draft h3, .rq-check-draft h4 { margin: 0.8em 0 0.3em; }
.rq-claim { margin: 0.2em 0; border-left: 5px solid transparent; border-radius: 4px; }
.rq-claim > summary { cursor: pointer; padding: 0.25em 0.6em; list-style-position: outside; }
.rq-claim[open] > summary { font-weight: 600; }
.rq-claim .rq-evidence { padding: 0.3em 0.8em 0.6em 1.4em; }
.rq-v-supported { border-left-color: #15803d; background: rgba(22, 163, 74, 0.10); }
.rq-v-partly { border-left-color: #ca8a04; background: rgba(234, 179, 8, 0.14); }
.rq-v-contradicted { border-left-color: #b91c1c; background: rgba(220, 38, 38, 0.12); }
.rq-v-notfound { border-left-color: #6b7280; background: rgba(107, 114, 128, 0.12); }
.rq-verdict { font-size: 0.8em; font-weight: 700; margin-left: 0.5em; white-space: nowrap; }
.rq-diff { margin: 0.3em 0; padding: 0; list-style: none; }
.rq-diff li { margin: 0.15em 0; }
.rq-diff b { font-family: var(--font-mono); }
.rq-quote { margin: 0.3em 0 0.6em; padding: 0.3em 0.7em; border-left: 3px solid
  var(--border-color-primary); font-size: 0.92em; }
.rq-quote mark { background: #fde68a; color: #1f2937; }
.rq-check-summary span { display: inline-block; margin-right: 0.6em; padding: 0.1em 0.6em;
  border-radius: 999px; }
</style>"""


def summary_html(report: CheckReport) -> str:
    """How many claims got each verdict."""
    chips = "".join(
        f'<span class="{VERDICT_CLASS[ClaimVerdict(v)]}">{MARKS[ClaimVerdict(v)]} {n} {escape(v)}'
        "</span>"
        for v, n in report.counts().items()
    )
    notes = "".join(f"<p>{escape(note)}</p>" for note in report.notes)
    total = len(report.checks)
    return f'<div class="rq-check-summary"><b>{total} claims checked:</b> {chips}{notes}</div>'


def report_html(report: CheckReport) -> str:
    """The draft in order: headings as headings, each claim a coloured, expandable line."""
    parts: list[str] = []
    number = 0
    for segment, check in report.pairs():
        if check is not None:
            number += 1
            parts.append(claim_html(number, check))
        elif segment.kind is SegmentKind.HEADING:
            parts.append(_heading(segment))
    if not report.checks:
        parts.append('<p class="rq-empty">No sentence to check was found in the text.</p>')
    return f'<div class="rq-check-draft">{"".join(parts)}</div>'


def _heading(segment: Segment) -> str:
    text = segment.text.strip().lstrip("#").strip()
    level = "h3" if segment.text.lstrip().startswith("# ") else "h4"
    return f"<{level}>{escape(text)}</{level}>"


def claim_html(number: int, check: ClaimCheck) -> str:
    """One claim: its sentence coloured by verdict; opened, its evidence."""
    verdict = check.verdict
    label = f"{MARKS[verdict]} {verdict.value}"
    return (
        f'<details class="rq-claim {VERDICT_CLASS[verdict]}" id="rq-claim-{number}">'
        f"<summary>{escape(check.claim.strip())}"
        f'<span class="rq-verdict">{escape(label)}</span></summary>'
        f'<div class="rq-evidence">{evidence_html(check)}</div></details>'
    )


def evidence_html(check: ClaimCheck) -> str:
    """What differs, what is missing, and the quotes relied on."""
    parts: list[str] = []
    if check.differences:
        items = "".join(
            f"<li>claim: <b>{escape(d.claim)}</b> · report: <b>{escape(d.report)}</b>"
            + (f" [{d.citation}]" if d.citation else "")
            + f" <small>({escape(d.kind)})</small></li>"
            for d in check.differences
        )
        parts.append(f'<p>The reports say otherwise:</p><ul class="rq-diff">{items}</ul>')
    if check.absent and check.verdict is not ClaimVerdict.NOT_FOUND:
        missing = ", ".join(escape(a) for a in check.absent)
        parts.append(f"<p>Not stated in the evidence: {missing}</p>")
    if check.verdict is ClaimVerdict.NOT_FOUND:
        parts.append("<p>No indexed report was found to state this.</p>")
    parts += [quote_html(c) for c in check.citations]
    return "".join(parts)


def quote_html(citation: Citation) -> str:
    """A citation: the report, where in it, a link, and the verbatim quote."""
    meta = citation.meta
    where = ", ".join(
        p
        for p in [
            meta.force,
            long_date(meta.published),
            f"p. {citation.page}" if citation.page else "",
            citation.section,
        ]
        if p
    )
    url = safe_url(meta.url)
    link = (
        f' <a href="{url}" target="_blank" rel="noopener noreferrer">Open the report ↗</a>'
        if url
        else ""
    )
    return (
        f'<div class="rq-quote" id="rq-check-src-{citation.n}"><span class="rq-n">'
        f"[{citation.n}]</span> <b>{escape(meta.title)}</b>"
        f'<div class="rq-meta">{escape(where)}{link}</div>'
        f"<mark>{escape(citation.quote)}</mark>"
        f'<div class="rq-briefing">{escape(briefing_citation(citation))}</div></div>'
    )

"""HTML for the web UI: answers with linked [n] markers, source cards, passages, status.

Report text is untrusted input, so every piece of it is escaped here; only the
markup this module writes itself reaches the page unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from index.types import Answer, Citation, Hit, TableRow
from ui.format import briefing_citation, long_date

if TYPE_CHECKING:
    import pandas as pd

TextOf = Callable[[str], "str | None"]

REFUSAL_TITLE = "The indexed reports don't answer this"
_MARKER = re.compile(r"\[(\d+)\]")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'’”)\]]*\s+|\n\s*\n")
_BLANK_LINES = re.compile(r"\n\s*\n+")


# --- small pieces ----------------------------------------------------------------


def safe_url(url: str | None) -> str | None:
    """The URL, escaped for an attribute, when it is a plain http(s) link."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return None
    return escape(url.strip(), quote=True)


def linked_markers(text: str, numbers: Iterable[int], prefix: str = "src") -> str:
    """Escaped text whose [n] markers link to the source cards that exist."""
    known = set(numbers)

    def link(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n not in known:
            return match.group(0)
        return f'<a class="rq-cite" href="#{prefix}-{n}" title="Source {n}">[{n}]</a>'

    return _MARKER.sub(link, escape(text)).replace("\n", "<br>")


def _meta_line(items: Iterable[str | None]) -> str:
    shown = [escape(item) for item in items if item]
    return f'<div class="rq-meta">{" · ".join(shown)}</div>' if shown else ""


def _date(iso: str | None) -> str | None:
    return long_date(iso) if iso else None


# --- filters and status --------------------------------------------------------


def _filter_parts(filters: dict[str, Any]) -> dict[str, str]:
    """Display label -> value for each filter that is set."""
    parts = {
        "Forces": ", ".join(filters.get("forces") or ()),
        "Report types": ", ".join(filters.get("report_types") or ()),
        "Years": _year_range(filters.get("since"), filters.get("until")),
    }
    return {label: text for label, text in parts.items() if text}


def _year_range(since: int | None, until: int | None) -> str:
    if since is not None and since == until:
        return str(since)
    if since is not None and until is not None:
        return f"{since}–{until}"
    if since is not None:
        return f"{since} onwards"
    return f"up to {until}" if until is not None else ""


def _chips(parts: dict[str, str]) -> str:
    return " ".join(
        f'<span class="rq-chip"><b>{escape(label)}:</b> {escape(text)}</span>'
        for label, text in parts.items()
    )


def filters_html(filters: dict[str, Any]) -> str:
    """The filters applied (they exclude), and what the question implies (it is preferred:
    matching reports rank first, reports with unknown metadata are never left out)."""
    applied = _chips(_filter_parts(filters)) or (
        '<span class="rq-chip">none: all indexed reports</span>'
    )
    html = f"Filters applied: {applied}"
    preferred = _chips(_filter_parts(filters.get("inferred") or {}))
    if preferred:
        html += f" · Preferred, from the question: {preferred}"
    return f'<div class="rq-filters">{html}</div>'


def notice_html(message: str) -> str:
    """A refused request, shown where the answer would be."""
    return f'<div class="rq-notice">{escape(message)}</div>'


def status_html(info: dict[str, Any]) -> str:
    """Documents, chunks, forces, years, model and index path, on one line."""
    forces = [f for f in info.get("forces", []) if f != "National"]
    years = info.get("years") or []
    span = f"{years[0]}–{years[-1]}" if years else "unknown"
    parts = [
        f"{info.get('documents', 0)} reports",
        f"{info.get('chunks', 0)} passages",
        f"{len(forces)} forces",
        f"years {span}",
        f"model {info.get('model') or 'unknown'}",
        f"index {info.get('index', '')}",
    ]
    return f'<div class="rq-status">{" · ".join(escape(p) for p in parts)}</div>'


# --- answers -------------------------------------------------------------------


def answer_html(answer: Answer) -> str:
    """The answer (or the refusal), its table and notes, with clickable markers."""
    numbers = [c.n for c in answer.citations]
    if answer.refused:
        detail = _refusal_detail(answer.answer)
        parts = [
            f'<div class="rq-refusal"><strong>{escape(REFUSAL_TITLE)}.</strong>'
            + (f"<p>{escape(detail)}</p>" if detail else "")
            + "</div>"
        ]
    else:
        parts = [f'<div class="rq-answer">{linked_markers(answer.answer, numbers)}</div>']
    if answer.table:
        parts.append(table_html(answer))
    if answer.notes:
        items = "".join(f"<li>{escape(note)}</li>" for note in answer.notes)
        parts.append(f'<ul class="rq-notes">{items}</ul>')
    if answer.see_also:
        parts.append("<h4>See also</h4>" + hits_html(answer.see_also, prefix="see"))
    return "".join(parts)


def _refusal_detail(text: str) -> str:
    """The refusal's text without a first sentence that repeats the title."""
    if text.startswith(REFUSAL_TITLE):
        return text.partition(". ")[2].strip()
    return text


def table_html(answer: Answer) -> str:
    """Aggregate rows as force · finding · citation; trend rows also get a date."""
    dated = answer.kind == "trend"
    titles = {c.n: c for c in answer.citations}
    head = ("<th>Date</th>" if dated else "") + "<th>Force</th><th>Finding</th><th>Citation</th>"
    rows = "".join(_table_row(row, titles, dated) for row in answer.table)
    return f'<table class="rq-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _table_row(row: TableRow, citations: dict[int, Citation], dated: bool) -> str:
    refs = []
    for n in row.citations:
        citation = citations.get(n)
        label = f"{citation.meta.title}, {long_date(citation.meta.published)}" if citation else ""
        refs.append(f'{linked_markers(f"[{n}]", citations)} {escape(label)}')
    cells = [f"<td>{escape(_date(row.published) or 'undated')}</td>"] if dated else []
    cells += [
        f"<td>{escape(row.force)}</td>",
        f"<td>{escape(row.text)}</td>",
        f"<td>{'<br>'.join(refs)}</td>",
    ]
    return f"<tr>{''.join(cells)}</tr>"


# --- trend chart ---------------------------------------------------------------

GRADE_SCALE: dict[str, int] = {
    "inadequate": 1, "requires improvement": 2, "adequate": 3, "good": 4, "outstanding": 5,
}
GRADE_CAPTION = (
    "Grades stated in the quoted findings: 5 outstanding, 4 good, 3 adequate, "
    "2 requires improvement, 1 inadequate (PEEL 2014–2019 graded on four points, "
    "without adequate). One point per grade a finding states, at its report's date."
)
FIGURE_CAPTION = "The one percentage each quoted finding states, at its report's date."
_GRADE_NAMES = r"outstanding|good|adequate|requires\s+improvement|inadequate"
_GRADE_WORD = re.compile(rf"(\*\*)?\b({_GRADE_NAMES})\b(\*\*)?", re.I)
# "graded it inadequate", "judged good", "rated as outstanding"
_CUE_BEFORE = re.compile(r"\b(?:grad(?:e|es|ed|ing)|judge?d|judge?ments?|rated|ratings?)\b", re.I)
# "good at keeping people safe", "good in two areas", "the inadequate grade"
_CUE_AFTER = re.compile(
    r"\s+(?:grades?\b|ratings?\b|judge?ments?\b"
    r"|at\s+(?!the\s+(?:time|end|date|point)\b|that\b|least\b|all\b)"
    r"|in\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|all|every|each|both)\b)",
    re.I,
)
# a grade as a value: a table cell, or the end of a line after a dash or colon
_LABEL_BEFORE = re.compile(r"(?:\||\s[–—:-]|:)[ \t]*$")
_LABEL_AFTER = re.compile(r"[ \t]*(?:\||\n|$)")
_CLAUSE_END = re.compile(r"[.;!?]\s")
# a list of grade names is the scale being described, not a grade given
_SCALE = re.compile(
    rf"(?<!-)\bscale\b|(?:\b(?:{_GRADE_NAMES})\b(?:,\s*|,?\s+(?:or|and)\s+)){{2,}}\b(?:{_GRADE_NAMES})\b",
    re.I,
)
_PERCENT = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)\s*(?:%|per\s?cent\b)", re.I)
_PERCENT_RANGE = re.compile(
    r"\d(?:\.\d+)?\s*%?\s*(?:-|–|to|and)\s*\d+(?:\.\d+)?\s*(?:%|per\s?cent\b)", re.I
)


@dataclass(frozen=True, eq=False)
class TrendChart:
    """What a trend answer's scatter plot shows: points by date and force, and their axis."""

    frame: pd.DataFrame  # Date, Force, the y column, then the tooltip columns
    y: str
    y_title: str
    title: str
    caption: str
    y_lim: list[float | None]
    tooltip: list[str]

    @property
    def x_lim(self) -> list[float]:
        """Whole years around the dates (epoch ms), so the date axis ticks on year starts."""
        import pandas as pd

        years = self.frame["Date"].dt.year
        bounds = (pd.Timestamp(year=y, month=1, day=1) for y in (years.min(), years.max() + 1))
        return [b.value / 1e6 for b in bounds]


def stated_grades(text: str) -> list[str]:
    """The inspection grades a finding gives, worst first; names in passing don't count."""
    found: set[str] = set()
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if _SCALE.search(sentence):
            continue
        for match in _GRADE_WORD.finditer(sentence):
            if _gives_grade(sentence, match):
                found.add(" ".join(match.group(2).lower().split()))
    return sorted(found, key=GRADE_SCALE.__getitem__)


def _gives_grade(sentence: str, match: re.Match[str]) -> bool:
    """A grade name in a grading context: bold, a table cell or an area's heading,
    after "graded"/"judged", or before "at"/"in two"."""
    name = match.group(2).lower()
    if name.startswith("requires") or (match.group(1) and match.group(3)):
        return True
    before = sentence[: match.start()]
    if _LABEL_BEFORE.search(before) and _LABEL_AFTER.match(sentence, match.end()):
        return True  # "Recording data about crime – inadequate", "| Overall | Good |"
    clause = _CLAUSE_END.split(before)[-1]
    return bool(_CUE_BEFORE.search(clause) or _CUE_AFTER.match(sentence, match.end()))


def stated_percentage(text: str) -> float | None:
    """The one percentage a finding states ("83.6 percent", "38%"), or None for none or several."""
    if _PERCENT_RANGE.search(text):
        return None
    figures = {float(m.group(1)) for m in _PERCENT.finditer(text)}
    return figures.pop() if len(figures) == 1 else None


def _row_date(row: TableRow, years: dict[int, int | None]) -> tuple[str, str] | None:
    """When the row's report was published (ISO date, display label), else its cited year."""
    if row.published:
        return row.published, long_date(row.published)
    year = next((years[n] for n in row.citations if years.get(n)), None)
    return (f"{year}-07-01", str(year)) if year else None


def trend_chart(answer: Answer) -> TrendChart | None:
    """Stated grades by date and force; else the one percentage each finding states; else None."""
    if answer.kind != "trend" or answer.refused:
        return None
    years = {c.n: c.meta.year for c in answer.citations}
    dated = [(row, when) for row in answer.table if (when := _row_date(row, years))]
    return _grade_chart(dated) or _figure_chart(dated)


def _grade_chart(dated: list[tuple[TableRow, tuple[str, str]]]) -> TrendChart | None:
    graded = [(row, when, grades) for row, when in dated if (grades := stated_grades(row.text))]
    if len(graded) < 2:
        return None
    records = [
        _record(row, when, Grade=GRADE_SCALE[grade], Stated=grade)
        for row, when, grades in graded
        for grade in grades
    ]
    return TrendChart(
        _frame(records), "Grade", "Grade (1 inadequate – 5 outstanding)",
        "Inspection grades stated, by report date", GRADE_CAPTION, [0.5, 5.5],
        ["Stated", "Published", "Report"],
    )


def _figure_chart(dated: list[tuple[TableRow, tuple[str, str]]]) -> TrendChart | None:
    figures = [stated_percentage(row.text) for row, _ in dated]
    if len(dated) < 2 or any(figure is None for figure in figures):
        return None
    records = [_record(row, when, Percent=f) for (row, when), f in zip(dated, figures, strict=True)]
    return TrendChart(
        _frame(records), "Percent", "Percent", "Figures stated, by report date",
        FIGURE_CAPTION, [0, None], ["Published", "Report"],
    )


def _record(row: TableRow, when: tuple[str, str], **values: Any) -> dict[str, Any]:
    return {
        "Date": when[0], "Force": row.force, **values, "Published": when[1],
        "Report": row.title or "",
    }


def _frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame.from_records(records)
    frame["Date"] = pd.to_datetime(frame["Date"])
    return frame.sort_values(["Date", "Force"], kind="stable").reset_index(drop=True)


# --- sources -------------------------------------------------------------------


def context(
    text: str, start: int, end: int, sentences: int = 2, window: int = 500
) -> tuple[str, str]:
    """Up to ``sentences`` whole sentences before and after ``text[start:end]``.

    Where the window cuts a sentence, the context starts or stops at a sentence
    boundary inside it, or shows "…" when there is none.
    """
    lo, hi = max(0, start - window), min(len(text), end + window)
    cuts = [lo + m.end() for m in _BOUNDARY.finditer(text[lo:hi])]
    before = [c for c in cuts if c <= start]
    after = [c for c in cuts if c > end]
    if len(before) > sentences:
        begin = before[-sentences - 1]
    else:
        begin = before[0] if lo > 0 and before else lo
    if len(after) > sentences:
        stop = after[sentences]
    else:
        stop = after[-1] if hi < len(text) and after else hi
    lead = "… " if 0 < begin == lo else ""
    tail = " …" if len(text) > stop == hi else ""
    return lead + text[begin:start].lstrip(), text[end:stop].rstrip() + tail


def quote_in_context(citation: Citation, text: str | None) -> str:
    """The quote marked inside its surrounding sentences, all escaped."""
    mark = f"<mark>{escape(citation.quote)}</mark>"
    if not text or text[citation.start : citation.end] != citation.quote:
        return f'<blockquote class="rq-context">{mark}</blockquote>'
    before, after = context(text, citation.start, citation.end)
    body = escape(_BLANK_LINES.sub("\n", before)) + mark + escape(_BLANK_LINES.sub("\n", after))
    return f'<blockquote class="rq-context">{body}</blockquote>'


def source_card(citation: Citation, text: str | None) -> str:
    """One citation: report, where in it, a link, the quote in context, a copy button."""
    meta = citation.meta
    page = f"p. {citation.page}" if citation.page else None
    para = f"para. {citation.paragraph}" if citation.paragraph else None
    details = _meta_line(
        [meta.force, meta.report_type, _date(meta.published), page, citation.section, para]
    )
    url = safe_url(meta.url)
    link = (
        f'<a class="rq-link" href="{url}" target="_blank" rel="noopener noreferrer">'
        "Open the report ↗</a>"
        if url
        else f'<span class="rq-link">{escape(meta.source)}</span>'
    )
    briefing = briefing_citation(citation)
    return (
        f'<div class="rq-card" id="src-{citation.n}">'
        f'<div class="rq-card-head"><span class="rq-n">[{citation.n}]</span> '
        f"<b>{escape(meta.title)}</b></div>{details}"
        f"{quote_in_context(citation, text)}"
        f'<div class="rq-briefing">{escape(briefing)}</div>'
        f'<div class="rq-actions"><button type="button" class="rq-copy" '
        f'data-copy="{escape(briefing, quote=True)}">Copy citation</button>{link}</div></div>'
    )


def sources_html(answer: Answer, text_of: TextOf) -> str:
    """A card per citation, in marker order."""
    if not answer.citations:
        return '<p class="rq-empty">No sources cited.</p>'
    return "".join(source_card(c, text_of(c.meta.doc_id)) for c in answer.citations)


def references_text(answer: Answer) -> str:
    """Every citation in briefing style, one a line, for copying."""
    return "\n".join(f"[{c.n}] {briefing_citation(c)}" for c in answer.citations)


# --- search --------------------------------------------------------------------


def hit_card(hit: Hit, prefix: str = "hit", limit: int = 700) -> str:
    meta, chunk = hit.meta, hit.chunk
    text = chunk.text if len(chunk.text) <= limit else chunk.text[:limit].rstrip() + " …"
    page = f"p. {chunk.page_label}" if chunk.page_label else None
    url = safe_url(meta.url)
    title = escape(meta.title)
    if url:
        title = f'<a href="{url}" target="_blank" rel="noopener noreferrer">{title}</a>'
    return (
        f'<div class="rq-card" id="{prefix}-{hit.rank}">'
        f'<div class="rq-card-head"><span class="rq-n">{hit.rank}.</span> <b>{title}</b></div>'
        + _meta_line([meta.force, meta.report_type, _date(meta.published), page, chunk.section])
        + f'<div class="rq-passage">{escape(_BLANK_LINES.sub(chr(10), text))}</div></div>'
    )


def hits_html(hits: list[Hit], notes: Iterable[str] = (), prefix: str = "hit") -> str:
    """Ranked passages, after any notes (such as filters that match nothing)."""
    parts = [f'<p class="rq-note">{escape(note)}</p>' for note in notes]
    if hits:
        parts += [hit_card(hit, prefix) for hit in hits]
    elif not parts:
        parts.append('<p class="rq-empty">No passages found.</p>')
    return "".join(parts)


# --- page style ----------------------------------------------------------------

CSS = """
.rq-status { font-size: 0.85em; color: var(--body-text-color-subdued); }
.rq-filters { margin: 0.25em 0 0.75em; font-size: 0.9em; }
.rq-chip { display: inline-block; margin: 0.15em 0.3em 0.15em 0; padding: 0.1em 0.6em;
  border: 1px solid var(--border-color-primary); border-radius: 999px;
  background: var(--background-fill-secondary); }
.rq-answer { font-size: 1.05em; line-height: 1.55; }
.rq-answer a, .rq-card a, .rq-table a, .rq-actions a { padding: 0; }
.rq-cite { text-decoration: none; font-weight: 600; color: var(--color-accent); margin: 0 0.1em; }
.rq-refusal { padding: 0.75em 1em; border-left: 4px solid #d97706;
  background: var(--background-fill-secondary); border-radius: 4px; }
.rq-notice { padding: 0.6em 1em; border-left: 4px solid #dc2626;
  background: var(--background-fill-secondary); border-radius: 4px; }
.rq-refusal p { margin: 0.4em 0 0; }
.rq-table { width: 100%; border-collapse: collapse; margin: 0.75em 0; font-size: 0.92em; }
.rq-table th, .rq-table td { border: 1px solid var(--border-color-primary); padding: 0.35em 0.5em;
  text-align: left; vertical-align: top; }
.rq-table th { background: var(--background-fill-secondary); }
.rq-notes { font-size: 0.9em; color: var(--body-text-color-subdued); }
.rq-note { font-weight: 600; }
.rq-card { border: 1px solid var(--border-color-primary); border-radius: 6px;
  padding: 0.6em 0.8em; margin: 0 0 0.75em; scroll-margin-top: 1em; }
.rq-card:target { outline: 2px solid var(--color-accent); }
.rq-n { font-weight: 700; color: var(--color-accent); }
.rq-meta { font-size: 0.85em; color: var(--body-text-color-subdued); margin: 0.2em 0 0.4em; }
.rq-context { margin: 0.4em 0; padding: 0.3em 0.7em; border-left: 3px solid
  var(--border-color-primary); white-space: pre-line; font-size: 0.92em; line-height: 1.5; }
.rq-context mark { background: #fde68a; color: #1f2937; padding: 0 0.1em; }
.rq-passage { white-space: pre-line; font-size: 0.92em; line-height: 1.5; }
.rq-briefing { font-family: var(--font-mono); font-size: 0.8em; margin: 0.3em 0;
  color: var(--body-text-color-subdued); }
.rq-actions { display: flex; gap: 0.8em; align-items: center; font-size: 0.85em; }
.rq-copy { padding: 0.15em 0.7em; border: 1px solid var(--border-color-primary);
  border-radius: 4px; background: var(--background-fill-secondary); cursor: pointer;
  font-size: 0.85rem; font-weight: 400; line-height: 1.4; }
.rq-empty { color: var(--body-text-color-subdued); }
"""

# Runs once per sources panel: copies a card's briefing citation on click.
COPY_JS = """
if (!element.dataset.rqCopy) {
  element.dataset.rqCopy = "1";
  element.addEventListener("click", async (event) => {
    const button = event.target.closest("button.rq-copy");
    if (!button) return;
    const text = button.dataset.copy || "";
    try {
      await navigator.clipboard.writeText(text);
    } catch (err) {
      const area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = "Copy citation"; }, 1500);
  });
}
"""

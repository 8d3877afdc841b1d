"""HTML for the web UI: answers with linked [n] markers, source cards, passages, status.

Report text is untrusted input, so every piece of it is escaped here; only the
markup this module writes itself reaches the page unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from index.forces import NATIONAL
from index.lexicon.layout import MARKER_RE, marker_numbers
from index.text import CONTEXT_BOUNDARY
from index.types import Answer, Citation, DocumentMeta, Hit, Kind, TableRow, TextOf
from ui.format import briefing_citation, long_date, row_finding

if TYPE_CHECKING:
    pass

REFUSAL_TITLE = "The indexed reports don't answer this"
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

    def link(n: int) -> str:
        return f'<a class="rq-cite" href="#{prefix}-{n}" title="Source {n}">[{n}]</a>'

    def links(match: re.Match[str]) -> str:
        cited = marker_numbers(match.group())
        if not set(cited) <= known:
            return match.group(0)
        return "".join(link(n) for n in cited)

    return MARKER_RE.sub(links, escape(text)).replace("\n", "<br>")


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


def filters_html(filters: dict[str, Any], source: str = "question") -> str:
    """The filters applied (set by the user, they exclude), and what the ``source`` (the
    question, the search) implies: that is only preferred (matching reports rank first,
    reports with unknown metadata are never left out) and applies to it alone."""
    applied = _chips(_filter_parts(filters)) or (
        '<span class="rq-chip">none: all indexed reports</span>'
    )
    html = f"Filters applied: {applied}"
    preferred = _chips(_filter_parts(filters.get("inferred") or {}))
    if preferred:
        html += f" · Read from your {escape(source)} (preferred, not a filter): {preferred}"
    return f'<div class="rq-filters">{html}</div>'


def read_html(inferred: dict[str, Any]) -> str:
    """What a question being typed implies, before it is asked (empty when nothing)."""
    chips = _chips(_filter_parts(inferred))
    if not chips:
        return ""
    return (
        f'<div class="rq-filters rq-read">Read from your question: {chips} · preferred for '
        "this question only; set the filters above to restrict every tab</div>"
    )


def notice_html(message: str) -> str:
    """A refused request, shown where the answer would be."""
    return f'<div class="rq-notice">{escape(message)}</div>'


def status_html(info: dict[str, Any]) -> str:
    """Documents, chunks, forces, years, model and index path, on one line."""
    forces = [f for f in info.get("forces", []) if f != NATIONAL]
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
    if answer.refusal is not None:
        detail = answer.refusal.detail
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


def table_html(answer: Answer) -> str:
    """Aggregate rows as force · finding · citation; trend rows also get a date."""
    dated = answer.kind == Kind.TREND
    titles = {c.n: c for c in answer.citations}
    head = ("<th>Date</th>" if dated else "") + "<th>Force</th><th>Finding</th><th>Citation</th>"
    rows = "".join(_table_row(row, titles, dated) for row in answer.table)
    return f'<table class="rq-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _table_row(row: TableRow, citations: dict[int, Citation], dated: bool) -> str:
    refs = []
    for n in row.citations:
        citation = citations.get(n)
        label = f"{citation.meta.title}, {long_date(citation.meta.published)}" if citation else ""
        refs.append(f"{linked_markers(f'[{n}]', citations)} {escape(label)}")
    cells = [f"<td>{escape(_date(row.published) or 'date not stated')}</td>"] if dated else []
    cells += [
        f"<td>{escape(row.force)}</td>",
        f"<td>{escape(row_finding(row))}</td>",
        f"<td>{'<br>'.join(refs)}</td>",
    ]
    return f"<tr>{''.join(cells)}</tr>"


# --- sources -------------------------------------------------------------------


def context(
    text: str, start: int, end: int, sentences: int = 2, window: int = 500
) -> tuple[str, str]:
    """Up to ``sentences`` whole sentences before and after ``text[start:end]``.

    Where the window cuts a sentence, the context starts or stops at a sentence
    boundary inside it, or shows "…" when there is none.
    """
    lo, hi = max(0, start - window), min(len(text), end + window)
    cuts = [lo + m.end() for m in CONTEXT_BOUNDARY.finditer(text[lo:hi])]
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


def report_link(meta: DocumentMeta, label: str | None = None) -> str:
    """A link to the report's page (shown as ``label``, else the URL), or its source path
    when it has no safe URL."""
    url = safe_url(meta.url)
    if not url:
        return f'<span class="rq-link">{escape(meta.source)}</span>'
    return (
        f'<a class="rq-link" href="{url}" target="_blank" rel="noopener noreferrer">'
        f"{label or url}</a>"
    )


def source_card(citation: Citation, text: str | None) -> str:
    """One citation: report, where in it, a link, the quote in context, a copy button."""
    meta = citation.meta
    page = f"p. {citation.page}" if citation.page else None
    para = f"para. {citation.paragraph}" if citation.paragraph else None
    details = _meta_line(
        [meta.force, meta.report_type, _date(meta.published), page, citation.section, para]
    )
    link = report_link(meta, "Open the report ↗")
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

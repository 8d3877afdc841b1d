"""What a fetch is asked to do (FetchPlan), the jobs its queue holds, and how a reply
is classed and described before it is recorded."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from index.fetch.client import Reply
from index.fetch.pages import PageMeta
from index.fetch.state import Entry

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class FetchPlan:
    """What to fetch into ``out``; URLs already normalised (see urls.checked)."""

    out: Path
    urls: tuple[str, ...] = ()  # report pages or PDFs
    listings: tuple[str, ...] = ()  # pages listing reports
    pdf: bool = False  # also fetch the PDFs report pages link to
    follow_prefixes: tuple[str, ...] = ()  # follow only listing entries under these paths
    max_listing_pages: int = 500


@dataclass(frozen=True)
class Job:
    url: str
    listing: bool = False
    site: str | None = None  # a followed link stays on this URL's site
    parent: PageMeta | None = None  # the report page a PDF was linked from


def kind_of(reply: Reply, listing: bool) -> str | None:
    """ "listing", "pdf" (by its first bytes, whatever its type says) or "html"; None for
    anything else."""
    if reply.body is None:
        return None
    with reply.body.open("rb") as handle:
        pdf = handle.read(5) == b"%PDF-"
    if listing:
        return "listing" if reply.content_type in HTML_TYPES else None
    if pdf:
        return "pdf"
    return "html" if reply.content_type in HTML_TYPES else None


def with_meta(entry: Entry, meta: PageMeta | None) -> Entry:
    """The entry described by what a page states (None: left as it is)."""
    if meta is None:
        return entry
    return replace(
        entry,
        title=meta.title,
        forces="; ".join(meta.forces) or None,
        report_type=meta.report_type,
        published=meta.published,
    )


def meta_of(entry: Entry) -> PageMeta:
    """What a recorded page stated, to describe the PDFs it links to."""
    forces = tuple(f.strip() for f in (entry.forces or "").split(";") if f.strip())
    return PageMeta(entry.title, entry.published, forces, entry.report_type)

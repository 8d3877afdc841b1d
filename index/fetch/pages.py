"""What a fetched HTML page says: its title, date, force and report type, and where it
links (other pages, PDFs, the next page of a listing). Pure parsing, no requests."""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from index.dates import find_published_date
from index.fetch.urls import looks_like_pdf, normalise
from index.forces import find_forces
from index.lexicon.dates import parse_date
from index.loaders.common import squash
from index.loaders.html import content_root, decode_html, page_title, parse, strip_boilerplate
from index.report_types import infer_report_type

# Meta tags that state a page's publication date, most specific first.
_DATE_META = (
    "article:published_time",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "date",
)
_CHROME = ("nav", "footer")  # site navigation: never followed
_NOT_CONTENT = (*_CHROME, "header", "aside", "form")  # not a listing's entries
_CHROME_ROLES = ("navigation", "contentinfo")
# Page furniture inside the content: never a listing's entry.
_FURNITURE_CLASSES = ("pagination", "page-numbers", "pager", "breadcrumb", "share", "social")
_NEXT_WORDS = frozenset({"next", "next page", "next ›", "next »", "next >", "›", "»"})


@dataclass(frozen=True)
class PageMeta:
    """What the page states of itself; None or () where it states nothing."""

    title: str | None = None
    published: str | None = None
    forces: tuple[str, ...] = ()
    report_type: str | None = None


@dataclass(frozen=True)
class PageLinks:
    """Normalised http(s) links, in page order, each once."""

    pages: tuple[str, ...] = ()  # entries in the main content (a listing's reports)
    pdfs: tuple[str, ...] = ()  # PDF links anywhere but the site's navigation and footer
    next_pages: tuple[str, ...] = ()  # a listing's next page


def read_page(data: bytes, url: str) -> tuple[PageMeta, PageLinks]:
    soup = parse(decode_html(data, url))
    base = _base(soup, url)
    links = _links(soup, base, url)
    return _meta(soup), links


def _base(soup: BeautifulSoup, url: str) -> str:
    tag = soup.find("base", href=True)
    found = normalise(str(tag["href"]), base=url) if isinstance(tag, Tag) else None
    return found or url


def _classes(tag: Tag) -> str:
    value = tag.get("class") or []
    return " ".join(value if isinstance(value, list) else [str(value)]).lower()


def _rel(tag: Tag) -> list[str]:
    value = tag.get("rel") or []
    return [v.lower() for v in (value if isinstance(value, list) else str(value).split())]


def _inside(tag: Tag, names: tuple[str, ...]) -> bool:
    for parent in tag.parents:
        if parent.name in names or parent.get("role") in _CHROME_ROLES:
            return True
    return False


def _furniture(tag: Tag) -> bool:
    """Pagination, breadcrumbs, share buttons: links that are not a listing's entries."""
    if {"next", "prev", "previous"} & set(_rel(tag)):
        return True
    for element in (tag, *tag.parents):
        if isinstance(element, Tag) and any(c in _classes(element) for c in _FURNITURE_CLASSES):
            return True
    return False


def _is_next(tag: Tag) -> bool:
    label = squash(str(tag.get("aria-label") or "") or tag.get_text()).lower()
    return "next" in _rel(tag) or "next" in _classes(tag).split() or label in _NEXT_WORDS


def _links(soup: BeautifulSoup, base: str, url: str) -> PageLinks:
    root = content_root(soup)
    entries = set(map(id, root.find_all("a", href=True))) if root else set()
    pages: dict[str, None] = {}
    pdfs: dict[str, None] = {}
    next_pages: dict[str, None] = {}
    for tag in soup.find_all(["a", "link"], href=True):
        target = normalise(str(tag["href"]), base=base)
        if target is None or target == url:
            continue
        if _is_next(tag):
            next_pages[target] = None
        elif tag.name != "a" or _inside(tag, _CHROME):
            continue
        elif looks_like_pdf(target) or str(tag.get("type", "")).lower() == "application/pdf":
            pdfs[target] = None
        elif id(tag) in entries and not _inside(tag, _NOT_CONTENT) and not _furniture(tag):
            pages[target] = None
    return PageLinks(tuple(pages), tuple(pdfs), tuple(next_pages))


def _meta_content(soup: BeautifulSoup, name: str) -> str | None:
    """The first non-empty <meta> of this property or name (any case)."""
    for tag in soup.find_all("meta", content=True):
        key = str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        if key == name and squash(str(tag["content"])):
            return squash(str(tag["content"]))
    return None


def _published(soup: BeautifulSoup) -> str | None:
    for name in _DATE_META:
        value = _meta_content(soup, name)
        found = parse_date(value) if value else None
        if found:
            return found
    root = content_root(soup)
    if root is None:
        return None
    strip_boilerplate(root)
    return find_published_date(root.get_text("\n"))


def _title(soup: BeautifulSoup) -> str | None:
    h1 = soup.find("h1")
    heading = squash(h1.get_text()) if isinstance(h1, Tag) else None
    stated = _meta_content(soup, "og:title") or _meta_content(soup, "dc.title")
    return stated or page_title(soup) or heading or None


def _meta(soup: BeautifulSoup) -> PageMeta:
    title = _title(soup)
    published = _published(soup)  # last: it strips boilerplate from the tree
    return PageMeta(
        title=title,
        published=published,
        forces=find_forces(title) if title else (),
        report_type=infer_report_type(title) if title else None,
    )

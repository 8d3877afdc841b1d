"""HTML reports: the main content only, with headings building the section path."""

from __future__ import annotations

import codecs
import re
import warnings
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag
from bs4 import ProcessingInstruction as PI

from index.dates import find_published_date
from index.errors import LoadError
from index.loaders.common import (
    BlockMaker,
    check_text_size,
    finish,
    log,
    merged,
    not_this_kind,
    printable,
    read_bytes,
    squash,
)
from index.types import LoadedDocument

_NON_TEXT_TAGS = ("script", "style", "noscript", "template", "svg", "object", "canvas", "iframe")
_DROP_TAGS = ("form", "button", "nav", "aside", "footer", "input", "select", "textarea", "dialog")
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
_DROP_CLASS_RE = re.compile(
    r"cookie|consent|breadcrumb|skip-?link|share|social|print-link|back-to-top"
    r"|visually-hidden|sr-only|table-of-contents|\btoc\b",
    re.I,
)
_CONTENTS_HEADINGS = {"contents", "table of contents", "on this page", "in this report"}
_BLOCK_TAGS = {
    "address",
    "article",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP_STRINGS = (Comment, Declaration, Doctype, PI)
# Real report pages nest a few dozen levels; deeper trees are read as plain text, since
# the structured walk costs time in proportion to depth (and recursion).
MAX_DEPTH = 128
_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def parse(data: bytes | str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return BeautifulSoup(data, "lxml")


def decode_html(data: bytes, source: str) -> str:
    """The page's text: a BOM wins, then valid UTF-8 (whatever the page declares, since a
    wrong declaration is common and UTF-8 rarely validates by chance), then the declared
    charset, then cp1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _CHARSET_RE.search(data[:8192])
    declared = match.group(1).decode("ascii", "replace").lower() if match else None
    for encoding in (declared, "cp1252"):
        if not encoding or encoding.startswith(("utf-16", "utf-32", "utf16", "utf32")):
            continue  # without a BOM or NUL bytes the page is not UTF-16
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        if encoding != declared:
            log.warning(
                "%s: page is not UTF-8 nor its declared %s; read as %s",
                printable(source),
                declared or "charset",
                encoding,
            )
        return text
    log.warning("%s: page is not UTF-8; read as latin-1", printable(source))
    return data.decode("latin-1")


def depth(root: Tag) -> int:
    """How deeply elements nest under ``root``, found without recursion."""
    deepest = 0
    stack = [(root, 0)]
    while stack:
        tag, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in tag.contents if isinstance(child, Tag))
    return deepest


def content_root(soup: BeautifulSoup) -> Tag | None:
    """The main content element: <main>, role=main, <article>, else <body>."""
    for query in ({"name": "main"}, {"attrs": {"role": "main"}}, {"name": "article"}):
        found = soup.find(**query)
        if isinstance(found, Tag):
            return found
    return soup.body or soup


def _is_boilerplate(tag: Tag, page_chars: int) -> bool:
    """Banners, breadcrumbs and the like; never an element holding most of the page."""
    if tag.get("role") in _DROP_ROLES or tag.has_attr("hidden"):
        return True
    if tag.get("aria-hidden") == "true":
        return True
    names = " ".join([*tag.get("class", []), str(tag.get("id") or "")])
    if not names or not _DROP_CLASS_RE.search(names):
        return False
    return len(tag.get_text()) < 0.3 * page_chars


def _is_contents_list(tag: Tag) -> bool:
    """A list whose every item is just an in-page link (a table of contents)."""
    items = tag.find_all("li")
    if not items:
        return False
    for item in items:
        links = item.find_all("a", href=re.compile(r"^#"))
        linked = "".join(link.get_text() for link in links)
        if not links or squash(linked) != squash(item.get_text()):
            return False
    return True


def strip_boilerplate(root: Tag) -> None:
    """Remove navigation, banners, breadcrumbs and the contents list in place."""
    for tag in root.find_all(_NON_TEXT_TAGS):
        tag.decompose()
    for br in root.find_all("br"):
        br.replace_with(" ")
    page_chars = len(root.get_text())
    for tag in root.find_all([*_DROP_TAGS, "header"]):
        if tag.decomposed:
            continue
        small = len(tag.get_text()) < 0.5 * page_chars  # a <form> may wrap a whole page
        if small and not (tag.name == "header" and tag.find("h1")):
            tag.decompose()
    for tag in root.find_all(True):
        if tag.decomposed:
            continue
        if _is_boilerplate(tag, page_chars) or tag.name in ("ul", "ol") and _is_contents_list(tag):
            tag.decompose()
    for tag in root.find_all(list(_HEADINGS)):
        if squash(tag.get_text()).lower().rstrip(":") in _CONTENTS_HEADINGS:
            tag.decompose()


class Walker:
    """Turns the content tree into blocks: headings, paragraphs, items, rows."""

    def __init__(self) -> None:
        self.maker = BlockMaker()
        self.title: str | None = None

    def walk(self, element: Tag) -> None:
        run: list[str] = []
        for child in element.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _SKIP_STRINGS):
                    run.append(str(child))
            elif isinstance(child, Tag) and (child.name in _BLOCK_TAGS or _has_blocks(child)):
                self.maker.text("".join(run))
                run = []
                self.block(child)
            elif isinstance(child, Tag):
                run.append(text_of(child))
        self.maker.text("".join(run))

    def block(self, tag: Tag) -> None:
        if tag.name in _HEADINGS:
            self.heading(tag)
        elif tag.name == "li":
            self.item(tag)
        elif tag.name == "tr":
            cells = (squash(text_of(cell)) for cell in tag.find_all(["th", "td"]))
            self.maker.text(" | ".join(cell for cell in cells if cell))
        else:
            self.walk(tag)

    def heading(self, tag: Tag) -> None:
        text = squash(text_of(tag))
        if tag.name == "h1" and self.title is None:
            self.title = text
            self.maker.heading(text, None)
        else:
            self.maker.heading(text, int(tag.name[1]))

    def item(self, tag: Tag) -> None:
        nested = [child for child in tag.find_all(["ul", "ol"]) if child.find_parent("li") is tag]
        for sub in nested:
            sub.extract()
        self.maker.text(_item_prefix(tag) + text_of(tag))
        for sub in nested:
            self.walk(sub)


def text_of(tag: Tag) -> str:
    """The element's text, with a space where block elements meet."""
    for inner in tag.find_all(_BLOCK_TAGS):
        inner.insert_before(" ")
        inner.insert_after(" ")
    return tag.get_text()


def _has_blocks(tag: Tag) -> bool:
    return tag.find(_BLOCK_TAGS) is not None


def _item_prefix(item: Tag) -> str:
    """ "N. " for items of an ordered list, as a reader sees them."""
    parent = item.parent
    if not isinstance(parent, Tag) or parent.name != "ol":
        return ""
    start = str(parent.get("start") or "1")
    siblings = parent.find_all("li", recursive=False)
    index = next((i for i, sibling in enumerate(siblings) if sibling is item), 0)
    number = (int(start) if start.isdigit() else 1) + index
    return f"{number}. "


def page_title(soup: BeautifulSoup) -> str | None:
    """The <title> text without a trailing " - Site name" / " | Site name"."""
    if soup.title is None:
        return None
    text = squash(soup.title.get_text())
    for separator in (" | ", " - "):
        if separator in text:
            text = text.rsplit(separator, 1)[0]
            break
    return text or None


def plain_blocks(root: Tag) -> BlockMaker:
    """Blocks for a page too deeply nested to walk: its text, one block per line."""
    for tag in root.find_all(_NON_TEXT_TAGS):
        tag.decompose()
    maker = BlockMaker()
    for line in root.get_text("\n").splitlines():
        maker.text(line)
    return maker


def load_html(path: Path, source: str, sidecar_row: dict[str, str] | None) -> LoadedDocument:
    data = read_bytes(path, source)
    not_this_kind(data, source, "HTML")
    text = decode_html(data, source)
    check_text_size(text, source)
    soup = parse(text)
    fallback_title = page_title(soup)
    root = content_root(soup)
    if root is None:
        raise LoadError(source, "no HTML content found")
    levels = depth(root)
    if levels > MAX_DEPTH:
        log.warning(
            "%s: elements nest %d levels deep (over %d); read as plain text, without sections",
            printable(source),
            levels,
            MAX_DEPTH,
        )
        maker, title = plain_blocks(root), None
    else:
        strip_boilerplate(root)
        walker = Walker()
        walker.walk(root)
        maker, title = walker.maker, walker.title
    found_text = "\n".join(block.text for block in maker.blocks)
    found = {"published": find_published_date(found_text)}
    return finish(source, maker.blocks, merged(found, sidecar_row), title or fallback_title)

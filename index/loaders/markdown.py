"""Markdown and plain-text reports: optional YAML front matter, `#` headings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from index.errors import LoadError
from index.loaders.common import (
    BlockMaker,
    check_text_size,
    decode_text,
    finish,
    merged,
    read_bytes,
    squash,
)
from index.types import LoadedDocument

_FRONT_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_HEADING_RE = re.compile(r"(#{1,6})(?:\s+(.*))?")
_BULLET_RE = re.compile(r"\s{0,3}[-*+]\s+(.*)")
_ORDERED_RE = re.compile(r"\s{0,3}(\d{1,3})[.)]\s+(.*)")
_RULE_RE = re.compile(r"\s{0,3}([-*_])(?:\s*\1){2,}\s*")
_SETEXT_RE = re.compile(r"\s{0,3}(=+|-+)\s*")
_TABLE_RULE_RE = re.compile(r"\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?")

# Each pattern stops at the next delimiter or within a bounded span, so a long line of
# unmatched "[", "**" or "#" costs linear time, not quadratic.
_INLINE_SUBS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\[\]]*)\]\([^()]*\)"), r"\1"),  # images: keep the alt text
    (re.compile(r"\[([^\[\]]+)\]\([^()]*\)"), r"\1"),  # links: keep the link text
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.{1,500}?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1"),
)


def plain(text: str) -> str:
    """Inline Markdown to reading text: drop emphasis, code and link markup."""
    for pattern, repl in _INLINE_SUBS:
        text = pattern.sub(repl, text)
    return squash(text)


def split_front_matter(text: str, source: str) -> tuple[dict[str, object], str]:
    """The YAML front matter as a dict (empty when absent) and the body."""
    match = _FRONT_RE.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        raise LoadError(source, f"front matter is not valid YAML{line}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise LoadError(source, "front matter is not a list of 'key: value' fields")
    return {str(k).lower(): v for k, v in data.items()}, text[match.end() :]


def md_events(body: str) -> Iterator[tuple[str, int, str]]:
    """(kind, level, text) for each heading, paragraph, list item and table row."""
    para: list[str] = []
    for raw in body.splitlines() + [""]:
        line = raw.rstrip()
        setext = _SETEXT_RE.fullmatch(line) if len(para) == 1 else None
        if setext and not _starts_block(para[0]):
            yield "heading", 1 if setext.group(1)[0] == "=" else 2, para.pop()
            continue
        if para and (line and not _starts_block(line) or _continues_item(para, raw)):
            para.append(line)
            continue
        if para:
            yield _flush(para)
            para = []
        if not line.strip() or _RULE_RE.fullmatch(line) or _TABLE_RULE_RE.fullmatch(line):
            continue
        heading = _HEADING_RE.fullmatch(line.strip())
        if heading and len(raw) - len(raw.lstrip()) < 4:
            yield "heading", len(heading.group(1)), _heading_text(heading.group(2) or "")
        elif line.lstrip().startswith("|"):
            yield "row", 0, line
        else:
            para = [line]


def _heading_text(text: str) -> str:
    """An ATX heading's text without its optional closing run of "#"."""
    text = text.strip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1].isspace()):
        return bare.rstrip()
    return text


def _starts_block(line: str) -> bool:
    stripped = line.lstrip()
    return bool(
        stripped.startswith(("#", "|", ">"))
        or _BULLET_RE.fullmatch(line)
        or _ORDERED_RE.fullmatch(line)
    )


def _continues_item(para: list[str], raw: str) -> bool:
    """An indented line after a list item continues it."""
    first = para[0]
    is_item = _BULLET_RE.fullmatch(first) or _ORDERED_RE.fullmatch(first)
    return bool(is_item and raw.startswith(("  ", "\t")) and raw.strip())


def _flush(para: list[str]) -> tuple[str, int, str]:
    first = para[0]
    rest = " ".join(p.strip() for p in para[1:])
    bullet = _BULLET_RE.fullmatch(first)
    if bullet:
        return "item", 0, f"{bullet.group(1)} {rest}"
    ordered = _ORDERED_RE.fullmatch(first)
    if ordered:
        return "item", 0, f"{ordered.group(1)}. {ordered.group(2)} {rest}"
    text = " ".join(p.strip().lstrip(">").strip() for p in para)
    return "para", 0, text


def table_row(line: str) -> str:
    cells = [plain(cell) for cell in line.strip().strip("|").split("|")]
    return " | ".join(cell for cell in cells if cell)


def markdown_blocks(body: str) -> tuple[BlockMaker, str | None]:
    """Blocks for a Markdown body and its first `#` heading (the title)."""
    maker = BlockMaker()
    title: str | None = None
    for kind, level, text in md_events(body):
        if kind == "heading":
            is_title = level == 1 and title is None and not maker.blocks
            title = plain(text) if is_title else title
            maker.heading(plain(text), None if is_title else level)
        elif kind == "row":
            maker.text(table_row(text))
        else:
            maker.text(plain(text))
    return maker, title


def text_blocks(body: str) -> tuple[BlockMaker, str | None]:
    """Plain text: paragraphs split on blank lines; a short first line is the title hint."""
    maker = BlockMaker()
    for para in re.split(r"\n\s*\n", body):
        maker.text(para)
    first = maker.blocks[0].text if maker.blocks else None
    return maker, first if first and len(first.split()) <= 20 else None


def load_markdown(path: Path, source: str, sidecar_row: dict[str, str] | None) -> LoadedDocument:
    text = decode_text(read_bytes(path, source), source).replace("\r\n", "\n")
    check_text_size(text, source)  # before any parsing: the limit bounds its cost
    if path.suffix.lower() == ".txt":
        front: dict[str, object] = {}
        maker, title = text_blocks(text)
    else:
        front, body = split_front_matter(text, source)
        if front and not body.strip():
            raise LoadError(source, "file holds front matter only, no report text after it")
        maker, title = markdown_blocks(body)
    return finish(source, maker.blocks, merged(front, sidecar_row), title)

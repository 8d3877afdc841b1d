"""Helpers shared by the loaders: text clean-up, section paths, metadata."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from index.errors import LoadError
from index.metadata import build_meta
from index.types import Block, LoadedDocument

log = logging.getLogger("index.loaders")

# "3.12 Inspectors found", "12. the force"; not "13 recommendations" or "1.5 million".
_PARA_NUMBER_RE = re.compile(
    r"(\d{1,3}(?:\.\d{1,3})*)\.\s+(?=\S)|(\d{1,3}(?:\.\d{1,3})+)\s+(?=[\"'‘“(A-Z])"
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
OPENING_CHARS = 4000


def squash(text: str) -> str:
    """Collapse runs of whitespace to single spaces and trim."""
    return " ".join(text.split())


def paragraph_number(text: str) -> str | None:
    """The report's own number at the start of a paragraph ("3.12", "12"), if any."""
    match = _PARA_NUMBER_RE.match(text)
    return (match.group(1) or match.group(2)) if match else None


class SectionPath:
    """The headings above the current position, as a " > "-joined path."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []

    def enter(self, level: int, heading: str) -> str:
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, heading))
        return self.path

    @property
    def path(self) -> str:
        return " > ".join(text for _, text in self._stack)


class BlockMaker:
    """Builds blocks in reading order, tracking the section path."""

    def __init__(self) -> None:
        self.sections = SectionPath()
        self.blocks: list[Block] = []

    def heading(self, text: str, level: int | None, **where: str | int | None) -> None:
        """Add a heading; level None means a title that stays out of the path."""
        text = squash(text)
        if not text:
            return
        section = self.sections.enter(level, text) if level is not None else ""
        self.blocks.append(Block(text=text, section=section, is_heading=True, **where))

    def text(self, text: str, **where: str | int | None) -> None:
        text = squash(text)
        if text:
            number = paragraph_number(text)
            block = Block(text=text, section=self.sections.path, paragraph=number, **where)
            self.blocks.append(block)


def relative(path: Path, root: Path) -> str:
    """The file's path relative to the corpus root, POSIX style."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def doc_id_for(source: str) -> str:
    """The document id: the relative path without its suffix."""
    stem, dot, suffix = source.rpartition(".")
    return stem if dot and "/" not in suffix else source


def merged(
    found: Mapping[str, object | None], declared: Mapping[str, str] | None
) -> dict[str, object]:
    """File-internal values overridden by the non-empty declared (sidecar) ones."""
    result = {k: v for k, v in found.items() if v not in (None, "")}
    result.update({k: v for k, v in (declared or {}).items() if v})
    return result


def finish(
    source: str,
    blocks: Iterable[Block],
    declared: Mapping[str, object],
    title_hint: str | None,
) -> LoadedDocument:
    """Build the metadata and the loaded document; no text at all is an error."""
    blocks = tuple(blocks)
    text = "\n\n".join(b.text for b in blocks)
    if not text.strip():
        raise LoadError(source, "no text found in the file")
    meta = build_meta(
        doc_id=doc_id_for(source),
        source=source,
        declared=declared,
        title_hint=title_hint,
        text=text[:OPENING_CHARS],
    )
    return LoadedDocument(meta=meta, blocks=blocks)


def read_bytes(path: Path, source: str) -> bytes:
    """The file's bytes; unreadable or empty files raise a LoadError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(source, f"cannot read the file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise LoadError(source, "file is empty")
    return data


def decode_text(data: bytes, source: str) -> str:
    """Decode UTF-8 (BOM allowed), else cp1252/latin-1 with a warning; junk is an error."""
    if b"\x00" in data:
        raise LoadError(source, "file contains binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_text(text):
            return text
        raise LoadError(source, "file is full of control characters; it is not text")
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            log.warning("%s: text is not UTF-8; decoded as %s", source, encoding)
            return text
    raise LoadError(source, "text is not UTF-8 and could not be decoded")


def _looks_like_text(text: str) -> bool:
    return len(_CONTROL_RE.findall(text)) <= max(2, len(text) // 200)

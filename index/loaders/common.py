"""Helpers shared by the loaders: text clean-up, section paths, metadata."""

from __future__ import annotations

import logging
import re
import stat
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

from index.errors import LoadError
from index.lexicon.dates import parse_date
from index.metadata import build_meta
from index.settings import ENV_MAX_FILE_MB, ENV_MAX_TEXT_MB, LoadLimits
from index.types import Block, LoadedDocument

log = logging.getLogger("index.loaders")

# "3.12 Inspectors found", "12. the force"; not "13 recommendations" or "1.5 million".
_PARA_NUMBER_RE = re.compile(
    r"(\d{1,3}(?:\.\d{1,3})*)\.\s+(?=\S)|(\d{1,3}(?:\.\d{1,3})+)\s+(?=[\"'‘“(A-Z])"
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_NAME_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
OPENING_CHARS = 4000
MB = 1024 * 1024
# Binary formats a report folder collects, by their first bytes: (signature, what, suffix).
_SIGNATURES: tuple[tuple[bytes, str, str | None], ...] = (
    (b"%PDF-", "a PDF", ".pdf"),
    (b"PK\x03\x04", "a ZIP archive (a Word or Excel file?)", None),
    (b"\xd0\xcf\x11\xe0", "an old Office document", None),
    (b"\x89PNG", "a PNG image", None),
    (b"\xff\xd8\xff", "a JPEG image", None),
    (b"GIF8", "a GIF image", None),
    (b"\x1f\x8b", "a gzip archive", None),
    (b"\x7fELF", "a program", None),
)
# Front-matter fields read as one value, and the ones that may list several.
_SINGLE_FIELDS = ("title", "published", "report_type", "url", "source_url", "inspectorate")
_LIST_FIELDS = ("force", "forces")
_MAX_FIELD_CHARS = 2000
_UTF8_SEQUENCE_RE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")  # a multi-byte UTF-8 character


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
    """The file's path relative to the corpus root, POSIX style; a link keeps its own name."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def printable(name: str) -> str:
    """A file name safe to show on one line: control characters and undecodable bytes
    as escapes ("line\\nbreak.md", "caf\\udce9.md")."""
    escaped = _NAME_CONTROL_RE.sub(lambda m: m.group(0).encode("unicode_escape").decode(), name)
    return escaped.encode("utf-8", "backslashreplace").decode("utf-8")


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
    if not any(char.isalnum() for char in text):
        raise LoadError(source, "no words found in the file, only symbols or invisible characters")
    check_text_size(text, source)
    meta = build_meta(
        doc_id=doc_id_for(source),
        source=source,
        declared=checked_fields(declared, source),
        title_hint=title_hint,
        text=text[:OPENING_CHARS],
    )
    return LoadedDocument(meta=meta, blocks=blocks)


def read_bytes(path: Path, source: str) -> bytes:
    """The file's bytes, its size checked before any is read; a file that is not a
    regular file, unreadable, empty or over the size limit raises a LoadError."""
    limit = LoadLimits.from_env().max_file_bytes
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise LoadError(source, "is not a regular file (a device, pipe or socket?)")
        with path.open("rb") as handle:
            _check_size(path.stat().st_size, limit, source)
            data = handle.read(limit + 1)
    except OSError as exc:
        raise LoadError(source, f"cannot read the file ({exc.strerror or exc})") from exc
    _check_size(len(data), limit, source)  # it grew since its size was read
    if not data.strip():
        raise LoadError(source, "file is empty")
    return data


def _check_size(size: int, limit: int, source: str) -> None:
    if size > limit:
        raise LoadError(
            source,
            f"file is {size / MB:,.0f} MB, over the {limit / MB:g} MB limit for one file; "
            f"split it, or raise {ENV_MAX_FILE_MB}",
        )


def check_text_size(text: str, source: str) -> None:
    """Refuse more text than the limit: all of one file's chunks are embedded at once."""
    limit = LoadLimits.from_env().max_text_chars
    if len(text) > limit:
        raise LoadError(
            source,
            f"file holds {len(text) / 1e6:,.1f} million characters of text, over the limit "
            f"of {limit / 1e6:g} million; split it, or raise {ENV_MAX_TEXT_MB}",
        )


def sniff(data: bytes) -> tuple[str, str | None] | None:
    """(what, usual suffix) when the bytes start like a common binary format."""
    head = data.lstrip()[:8]
    for signature, what, suffix in _SIGNATURES:
        if head.startswith(signature):
            return what, suffix
    return None


def not_this_kind(data: bytes, source: str, kind: str) -> None:
    """Raise a LoadError naming the real format of a binary file with a text suffix."""
    found = sniff(data)
    if found is not None:
        what, suffix = found
        advice = f"rename it to end in {suffix}" if suffix else "remove it from the folder"
        raise LoadError(source, f"file is {what}, not {kind}; {advice}")
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(source, f"file contains binary data (NUL bytes), not {kind}")


def decode_text(data: bytes, source: str) -> str:
    """Decode UTF-8 (BOM allowed); text that is UTF-8 but for a few bytes keeps its
    UTF-8 with those bytes replaced; else cp1252/latin-1 with a warning; junk is an error."""
    not_this_kind(data, source, "text")
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
    utf8 = _UTF8_SEQUENCE_RE.search(data) is not None
    for encoding in ("utf-8", "cp1252", "latin-1") if utf8 else ("cp1252", "utf-8", "latin-1"):
        errors = "replace" if encoding == "utf-8" else "strict"
        try:
            text = data.decode(encoding, errors)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text) and text.count("\ufffd") <= max(2, len(text) // 100):
            log.warning(
                "%s: text is not UTF-8; decoded as %s",
                printable(source),
                "UTF-8 with the invalid bytes replaced" if errors == "replace" else encoding,
            )
            return text
    raise LoadError(source, "text is not UTF-8 and could not be decoded")


def _looks_like_text(text: str) -> bool:
    return len(_CONTROL_RE.findall(text)) <= max(2, len(text) // 200)


def checked_fields(declared: Mapping[str, object], source: str) -> dict[str, object]:
    """Declared metadata with wrongly typed, oversized or future-dated fields dropped.

    A front matter mistake costs the field, not the report: each one is logged as a
    warning and the value is inferred from the text instead, as if it were absent.
    """
    kept: dict[str, object] = {}
    for key, value in declared.items():
        problem = _field_problem(key, value)
        if problem:
            log.warning("%s: front matter field '%s' %s; ignored", printable(source), key, problem)
        else:
            kept[key] = value
    return kept


def _field_problem(key: str, value: object) -> str | None:
    if value is None or _is_scalar(value):
        items: list[object] = [value]
    elif isinstance(value, list) and key in _LIST_FIELDS:
        items = value
        if not all(_is_scalar(item) for item in items):
            return "must be a list of names"
    elif key in _SINGLE_FIELDS or key in _LIST_FIELDS:
        return f"is a {type(value).__name__}, not a single value"
    else:
        return None  # not a field the index reads
    if sum(len(str(item)) for item in items) > _MAX_FIELD_CHARS:
        return f"is longer than {_MAX_FIELD_CHARS} characters"
    if key == "published" and value is not None:
        iso = parse_date(str(value))
        if iso is None:
            return f"is not a date with a day ({str(value)[:40]!r})"
        if iso > date.today().isoformat():
            return f"is in the future ({iso})"
    return None


def _is_scalar(value: object) -> bool:
    return isinstance(value, str | int | float | date) and not isinstance(value, bool)

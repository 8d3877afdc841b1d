"""Safe, stable file names for fetched documents, derived from their URL's path.

A name is made of letters, digits, "-", "_" and "." only, so no URL can climb out of
the folder, hide a file or collide with the sidecar; it is chosen once per URL and
kept in the fetch state, so reruns never rename a file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import unquote

import httpx

from index.loaders.sidecar import SIDECAR_NAME

SUFFIXES = {"html": ".html", "pdf": ".pdf"}
_DROPPED_SUFFIXES = (".html", ".htm", ".pdf", ".php", ".aspx", ".asp", ".jsp")
_MAX_STEM = 80
_RESERVED_STEMS = frozenset(
    {"readme", PurePosixPath(SIDECAR_NAME).stem, "con", "prn", "aux", "nul", "com1", "lpt1"}
)


def _safe(text: str) -> str:
    """Lower-case letters, digits, "-", "_" and "." from ``text``; other runs become "-"."""
    out: list[str] = []
    for char in unquote(text).lower():
        keep = char.isascii() and (char.isalnum() or char in "-_.")
        if keep:
            out.append(char)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-._")


def stem_for(url: str) -> str:
    """The last path segment of the URL made safe, with a short hash of any query."""
    parsed = httpx.URL(url)
    segments = [s for s in parsed.path.split("/") if s]
    last = segments[-1] if segments else parsed.host
    for suffix in _DROPPED_SUFFIXES:
        if last.lower().endswith(suffix):
            last = last[: -len(suffix)]
            break
    stem = _safe(last)[:_MAX_STEM].strip("-._") or "page"
    if stem in _RESERVED_STEMS:
        stem = f"page-{stem}"
    if parsed.query:
        stem += "-" + hashlib.sha256(parsed.query).hexdigest()[:8]
    return stem


def file_name(url: str, kind: str, taken: Callable[[str], bool]) -> str:
    """``stem.html`` or ``stem.pdf``, with "-2", "-3"… when ``taken`` says a name is in use."""
    stem, suffix = stem_for(url), SUFFIXES[kind]
    name, n = stem + suffix, 1
    while taken(name):
        n += 1
        name = f"{stem}-{n}{suffix}"
    return name

"""Loaders: turn PDF, HTML, Markdown and text reports into blocks with metadata.

``discover`` lists the files of a corpus, ``read_sidecar`` reads its optional
metadata.csv, and ``load_file`` parses one file into a :class:`LoadedDocument`,
raising :class:`LoadError` with a one-line reason for any file it cannot read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from index.errors import LoadError
from index.loaders.common import log, printable, relative
from index.loaders.files import link_problem, name_problem, walk
from index.loaders.html import load_html
from index.loaders.markdown import load_markdown
from index.loaders.pdf import load_pdf
from index.loaders.sidecar import read_sidecar
from index.types import LoadedDocument

__all__ = ["SUFFIXES", "discover", "load_file", "read_sidecar"]

Loader = Callable[[Path, str, dict[str, str] | None], LoadedDocument]

_LOADERS: dict[str, Loader] = {
    ".pdf": load_pdf,
    ".html": load_html,
    ".htm": load_html,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_markdown,
}
SUFFIXES: tuple[str, ...] = tuple(_LOADERS)


def discover(root: Path) -> list[Path]:
    """Supported files under ``root`` (recursive), sorted by relative path.

    Hidden files and folders, READMEs and metadata.csv are left out; links are listed
    but not followed (see :mod:`index.loaders.files`).
    """
    if root.is_file():
        return [root] if root.suffix.lower() in _LOADERS else []
    return walk(root, SUFFIXES)


def load_file(path: Path, root: Path, sidecar: dict[str, dict[str, str]]) -> LoadedDocument:
    """Parse one file; any failure becomes a LoadError naming the relative path."""
    source = relative(path, root)
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        raise LoadError(printable(source), f"unsupported file type '{path.suffix}'")
    problem = name_problem(source) or link_problem(path, root, SUFFIXES)
    if problem:
        raise LoadError(printable(source), problem)
    try:
        return loader(path, source, sidecar.get(source))
    except LoadError:
        raise
    except Exception as exc:  # a parser bug or an odd file must not stop a build
        log.debug("unexpected error loading %s", source, exc_info=True)
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise LoadError(printable(source), f"could not be read ({detail})") from exc

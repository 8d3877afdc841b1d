"""Which files of a corpus folder are indexed: supported, visible, inside the folder.

Links are not followed by default: a linked folder is skipped with a warning, and a
linked file is listed so that the build reports why it was not indexed. With
REPORTQA_FOLLOW_SYMLINKS=1 both are followed, and a folder reached twice (a loop) once.
"""

from __future__ import annotations

import os
from pathlib import Path

from index.loaders.common import log, printable
from index.loaders.sidecar import SIDECAR_NAME
from index.settings import ENV_FOLLOW_SYMLINKS, LoadLimits

_CONTROL = {chr(c) for c in range(32)} | {chr(127)}
_FOLLOW_HINT = f"links are not followed unless {ENV_FOLLOW_SYMLINKS}=1"


def supported(name: str, suffixes: tuple[str, ...]) -> bool:
    """A report file by its name: a known suffix, not hidden, not a README or the sidecar."""
    path = Path(name)
    if name.startswith(".") or path.stem.lower() == "readme" or name.lower() == SIDECAR_NAME:
        return False
    return path.suffix.lower() in suffixes


def walk(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Supported files under ``root``, sorted by relative path, without recursion."""
    follow = LoadLimits.from_env().follow_symlinks
    found: list[Path] = []
    seen = {_key(root)}
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            log.warning("skipped folder %s: %s", printable(str(folder)), exc.strerror or exc)
            continue
        for entry in entries:
            path = Path(entry.path)
            shown = printable(path.relative_to(root).as_posix())
            if entry.name.startswith("."):
                continue
            if not _utf8(entry.name):
                log.warning("skipped %s: the file name is not valid UTF-8; rename it", shown)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(path)
                seen.add(_key(path))
            elif entry.is_dir():  # a link to a folder
                if not follow:
                    log.warning("skipped linked folder %s: %s", shown, _FOLLOW_HINT)
                elif _key(path) in seen:
                    log.warning(
                        "skipped linked folder %s: it leads back to a folder already read (a loop)",
                        shown,
                    )
                else:
                    folders.append(path)
                    seen.add(_key(path))
            elif not supported(entry.name, suffixes):
                continue
            elif entry.is_symlink() and not path.exists():
                log.warning("skipped %s: a link to a file that does not exist", shown)
            elif not entry.is_file():
                log.warning("skipped %s: not a regular file (a pipe, socket or device)", shown)
            else:
                found.append(path)
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


def _key(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes arrive as lone surrogates
        return False
    return True


def name_problem(source: str) -> str | None:
    """Why a relative path cannot be a report's name, if it cannot."""
    if any(char in _CONTROL for char in source):
        return "file name contains a line break or control character; rename the file"
    return None


def link_problem(path: Path, root: Path, suffixes: tuple[str, ...]) -> str | None:
    """Why a linked file is not indexed: it leaves the corpus, or its target is indexed."""
    if not path.is_symlink() or LoadLimits.from_env().follow_symlinks:
        return None
    target = path.resolve()
    try:
        inside = target.relative_to(root.resolve())
    except ValueError:
        return (
            f"is a link to a file outside the corpus folder ({printable(str(target))}), "
            f"and links are not followed; copy the file in, or set {ENV_FOLLOW_SYMLINKS}=1"
        )
    hidden = any(part.startswith(".") for part in inside.parts)
    if not hidden and supported(target.name, suffixes):
        return f"is a link to {printable(inside.as_posix())}, which is indexed under its own name"
    return None

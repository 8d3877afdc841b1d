"""Guarding a build: one writer per index, and a failed write said plainly.

``reportqa index`` holds an exclusive lock on the index folder (:class:`IndexLock`), and
a full disk or a read-only folder, however deep it surfaces, becomes one error saying
so (:func:`writing_to`); either way the index is left as it was and still answers.

A second indexer on the same folder is refused at once with a message naming the
process that holds it. Readers (search, ask, serve) never take the lock: the manifest's
SQLite transactions keep what they read consistent. The lock is an OS file lock
(``flock``), so it is released when the process ends, even by ``kill -9``.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from index.errors import ReportQAError

LOCK_NAME = "index.lock"


class IndexBusyError(ReportQAError):
    """Another process is writing this index."""


class IndexLock:
    """Exclusive lock on an index folder, for the length of a ``with`` block.

    >>> with IndexLock(Path(".reportqa/index")):
    ...     ...  # build
    """

    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> IndexLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 200).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise IndexBusyError(
                f"the index at {self.path.parent} is being updated by {holder}; wait for "
                "that `reportqa index` to finish, then run again"
            ) from None
        os.ftruncate(fd, 0)
        started = time.strftime("%H:%M:%S")
        os.write(fd, f"reportqa index (pid {os.getpid()}, started {started})".encode())
        self._fd = fd
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


_FULL = (errno.ENOSPC, errno.EDQUOT)
NEARLY_FULL = 1 << 20  # bytes free under which a failed write is put down to the disk
_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


@contextmanager
def writing_to(index_dir: Path) -> Iterator[None]:
    """Turn a full disk or a read-only index folder, however deep it surfaces (OS, SQLite
    or Chroma), into one error that says what happened and that the index is intact."""
    try:
        yield
    except OSError as exc:
        if exc.errno in _FULL:
            raise _disk_full(index_dir) from exc
        if exc.errno in _READ_ONLY:
            raise _read_only(index_dir) from exc
        raise
    except Exception as exc:
        message = str(exc).lower()
        if "disk is full" in message or "no space left" in message or _nearly_full(index_dir):
            raise _disk_full(index_dir) from exc
        if "readonly database" in message or "read-only file system" in message:
            raise _read_only(index_dir) from exc
        raise


def _nearly_full(index_dir: Path) -> bool:
    """Chroma reports a full disk as a failed compaction: look at the disk itself."""
    try:
        return shutil.disk_usage(index_dir).free < NEARLY_FULL
    except OSError:
        return False


def _disk_full(index_dir: Path) -> ReportQAError:
    return ReportQAError(
        f"the disk holding {index_dir} is full: the update stopped and the index still "
        "answers from what it held; free some space and run `reportqa index` again"
    )


def _read_only(index_dir: Path) -> ReportQAError:
    return ReportQAError(
        f"the index folder {index_dir} is read-only: nothing was changed and the index still "
        "answers; make it writable or use --index to build elsewhere"
    )

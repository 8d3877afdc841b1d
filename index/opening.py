"""Opening a built index for reading: its model, manifest, vector store and lexical index.

One place resolves which embedding model an index needs and refuses a different one,
so the CLI, the web UI, the evaluation harness and Python callers open it alike.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import IndexMismatchError
from index.lexical import LexicalIndex, ensure_lexical
from index.manifest import Manifest, read_manifest
from index.settings import DEFAULT_MODEL, IndexSettings
from index.store import ChunkStore

if TYPE_CHECKING:
    from index.embed import Embedder

log = logging.getLogger(__name__)


@dataclass
class OpenIndex:
    """Everything a reader needs from one index folder (or Chroma server)."""

    settings: IndexSettings
    manifest: Manifest
    embedder: Embedder
    store: ChunkStore
    lexical: LexicalIndex

    def close(self) -> None:
        self.manifest.close()


def as_settings(where: IndexSettings | str | Path) -> IndexSettings:
    """Settings for an index given as settings or as a folder path."""
    if isinstance(where, IndexSettings):
        return where
    return IndexSettings.from_env(index_dir=where)


def index_model(settings: IndexSettings) -> str:
    """The model to embed with: the one asked for, else the one the index was built
    with, else the default."""
    return settings.model or recorded_model(settings.manifest_path) or DEFAULT_MODEL


def index_embedder(settings: IndexSettings) -> Embedder:
    """The embedder that builds or updates an index: its model and its backend."""
    from index.embed import Embedder

    return Embedder(index_model(settings), backend=index_backend(settings))


def recorded_backend(recorded: dict[str, str]) -> str | None:
    """The embedding backend an index's vectors came from; an index built before
    backends were recorded was built with torch."""
    if "backend" in recorded:
        return recorded["backend"]
    return "torch" if "model" in recorded else None


def index_backend(settings: IndexSettings, recorded: dict[str, str] | None = None) -> str | None:
    """The backend to embed with: the one asked for (REPORTQA_EMBED_BACKEND), else the
    index's own when only it makes the index's vectors (int8), else None (auto).

    torch and onnx-fp32 make the same vectors, so either reads or updates an index
    built by the other; asking for a backend with other vectors than the index's is
    refused: query or update it with its own, or build a new index with the other."""
    from index.embed import ONNX, backend_name, same_vectors

    if recorded is None:
        recorded = {}
        if settings.manifest_path.exists():
            with Manifest.open_readonly(settings.manifest_path) as manifest:
                try:
                    recorded = manifest.settings()
                except sqlite3.OperationalError:
                    recorded = {}
    built = recorded_backend(recorded)
    asked = backend_name(None)
    if built and asked != "auto" and not same_vectors(asked, built):
        raise IndexMismatchError(
            f"the index at {settings.index_dir} was built with the {built} embedding backend, "
            f"not {asked}: unset REPORTQA_EMBED_BACKEND (each index is read and updated with "
            "its own backend), or build the other into a new --index folder"
        )
    if asked != "auto":
        return asked
    # auto serves onnx-fp32 or torch: fine for their vectors, not for an int8 index
    return built if built and not same_vectors(built, ONNX) else None


def check_model(settings: IndexSettings, recorded: str | None) -> None:
    """Refuse a ``--model`` other than the one the index was built with."""
    from index.embed import model_label

    if settings.model and recorded not in (None, model_label(settings.model)):
        raise IndexMismatchError(
            f"the index at {settings.index_dir} was built with {recorded!r}, "
            f"not {model_label(settings.model)!r}: query it with the same --model"
        )


def check_backend(settings: IndexSettings, backend: str | None, embedder: Embedder) -> None:
    """Refuse an embedder (given by a caller, or fallen back) of another backend."""
    from index.embed import same_vectors

    given = getattr(embedder, "backend", None)
    if backend and given and not same_vectors(given, backend):
        raise IndexMismatchError(
            f"the index at {settings.index_dir} was built with the {backend} embedding "
            f"backend, but the embedder uses {given}: use the index's backend, or rebuild"
        )


def open_index(where: IndexSettings | str | Path, *, embedder: Embedder | None = None) -> OpenIndex:
    """Open an index to read; raises a :class:`~index.errors.ReportQAError` saying
    what to do when there is none or it was built with another model."""
    from index.embed import Embedder

    settings = as_settings(where)
    read_only = is_read_only(settings)
    manifest = read_manifest(settings.manifest_path, readonly=read_only)
    recorded = manifest.settings().get("model")
    check_model(settings, recorded)
    backend = index_backend(settings, manifest.settings())
    embedder = embedder or Embedder(settings.model or recorded or "default", backend=backend)
    check_backend(settings, backend, embedder)
    vectors = vector_copy(settings) if read_only else settings
    store = ChunkStore.open(vectors, model=embedder.name, dimension=embedder.dimension)
    lexical = ensure_lexical(manifest, settings.lexical_path)
    return OpenIndex(settings, manifest, embedder, store, lexical)


def is_read_only(settings: IndexSettings) -> bool:
    """A local index folder this process may not write (read-only media or mount)."""
    folder = settings.index_dir
    return not settings.chroma_url and folder.is_dir() and not os.access(folder, os.W_OK)


def vector_copy(settings: IndexSettings) -> IndexSettings:
    """Settings reading a temporary copy of a read-only index's Chroma folder: embedded
    Chroma writes even to open a collection. The copy is removed when the process ends."""
    folder = Path(tempfile.mkdtemp(prefix="reportqa-readonly-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    shutil.copytree(settings.chroma_path, folder / settings.chroma_path.name)
    log.warning("%s is read-only: reading a temporary copy of its vectors", settings.index_dir)
    return replace(settings, index_dir=folder)


def recorded_model(path: Path) -> str | None:
    """The embedding model an existing index was built with, if there is one."""
    if not path.exists():
        return None
    with Manifest.open_readonly(path) as manifest:
        try:
            return manifest.settings().get("model")
        except sqlite3.OperationalError:
            return None

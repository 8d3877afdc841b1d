"""Opening a built index for reading: its model, manifest, vector store and lexical index.

One place resolves which embedding model an index needs and refuses a different one,
so the CLI, the web UI, the evaluation harness and Python callers open it alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import IndexMismatchError
from index.lexical import LexicalIndex, ensure_lexical
from index.manifest import Manifest, read_manifest, recorded_model
from index.settings import DEFAULT_MODEL, IndexSettings
from index.store import ChunkStore

if TYPE_CHECKING:
    from index.embed import Embedder


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


def check_model(settings: IndexSettings, recorded: str | None) -> None:
    """Refuse a ``--model`` other than the one the index was built with."""
    from index.embed import model_label

    if settings.model and recorded not in (None, model_label(settings.model)):
        raise IndexMismatchError(
            f"the index at {settings.index_dir} was built with {recorded!r}, "
            f"not {model_label(settings.model)!r}: query it with the same --model"
        )


def open_index(where: IndexSettings | str | Path, *, embedder: Embedder | None = None) -> OpenIndex:
    """Open an index to read; raises a :class:`~index.errors.ReportQAError` saying
    what to do when there is none or it was built with another model."""
    from index.embed import Embedder

    settings = as_settings(where)
    manifest = read_manifest(settings.manifest_path)
    recorded = manifest.settings().get("model")
    check_model(settings, recorded)
    embedder = embedder or Embedder(settings.model or recorded or "default")
    store = ChunkStore.open(settings, model=embedder.name, dimension=embedder.dimension)
    lexical = ensure_lexical(manifest, settings.lexical_path)
    return OpenIndex(settings, manifest, embedder, store, lexical)

"""The settings that shape an index's vectors (model, backend, dimension, chunking):
recorded at the first build, and any later build with other ones is refused."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from index.embed import same_vectors
from index.errors import IndexMismatchError

if TYPE_CHECKING:
    from index.chunk import Chunker
    from index.embed import Embedder
    from index.manifest import Manifest

SCHEMA_VERSION = "1"


def vector_settings(embedder: Embedder, chunker: Chunker) -> dict[str, str]:
    """The settings that shape vectors; an index refuses to mix them."""
    return {
        "schema": SCHEMA_VERSION,
        "model": embedder.name,
        "backend": getattr(embedder, "backend", "torch"),  # index.embed: torch, onnx-fp32/int8
        "dimension": str(embedder.dimension),
        "chunk_tokens": str(chunker.config.max_tokens),
        "overlap_tokens": str(chunker.config.overlap_tokens),
    }


def check_settings(manifest: Manifest, wanted: dict[str, str], index_dir: Path) -> None:
    recorded = manifest.settings()
    if "model" in recorded:  # built before backends were recorded: by torch
        recorded.setdefault("backend", "torch")
    if "backend" in recorded and same_vectors(recorded["backend"], wanted["backend"]):
        recorded["backend"] = wanted["backend"]  # torch and onnx-fp32: the same vectors
    clashes = [k for k, v in wanted.items() if k in recorded and recorded[k] != v]
    if clashes:
        detail = ", ".join(f"{k}: index has {recorded[k]!r}, asked {wanted[k]!r}" for k in clashes)
        raise IndexMismatchError(
            f"the index at {index_dir} was built with other settings ({detail}). "
            f"Use the same settings, or build into a new --index folder."
        )

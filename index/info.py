"""A summary of what an index holds (``reportqa info``)."""

from __future__ import annotations

from typing import Any

from index.manifest import read_manifest
from index.settings import IndexSettings


def index_info(settings: IndexSettings) -> dict[str, Any]:
    """Documents, chunks, model, dimension, forces, years and index path."""
    with read_manifest(settings.manifest_path) as manifest:
        recorded = manifest.settings()
        documents = manifest.documents()
        failed = [r.source for r in manifest.files().values() if r.state == "failed"]
        chunks = manifest.chunk_count()
    forces = sorted({f for meta in documents.values() for f in meta.forces})
    years = sorted({meta.year for meta in documents.values() if meta.year})
    return {
        "documents": len(documents),
        "chunks": chunks,
        "model": recorded.get("model"),
        "dimension": int(recorded.get("dimension", 0)),
        "forces": forces,
        "years": years,
        "index": str(settings.index_dir),
        "chroma": settings.chroma_url or str(settings.chroma_path),
        "failed": failed,
    }

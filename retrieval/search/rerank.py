"""Optional cross-encoder reranking with a local sentence-transformers CrossEncoder folder.

None ships offline, so it is off unless the user passes ``--reranker PATH``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from index.embed import offline_environment
from index.errors import ConfigError
from index.types import Hit


class Reranker:
    """Re-score hits with a CrossEncoder; the new score replaces the fused one.

    >>> Reranker("/models/ms-marco-MiniLM-L-6-v2").rerank("custody", hits)
    """

    def __init__(self, path: str) -> None:
        offline_environment()
        if not Path(path).expanduser().is_dir():
            raise ConfigError(f"reranker folder {path} not found: pass a local CrossEncoder folder")
        from sentence_transformers import CrossEncoder

        self.model = CrossEncoder(str(Path(path).expanduser()), device="cpu", local_files_only=True)

    def rerank(self, query: str, hits: Sequence[Hit]) -> list[Hit]:
        if not hits:
            return []
        scores = self.model.predict([(query, hit.chunk.text) for hit in hits])
        rescored = [replace(hit, score=float(s)) for hit, s in zip(hits, scores, strict=True)]
        return sorted(rescored, key=lambda hit: hit.score, reverse=True)

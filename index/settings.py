"""Index settings: one typed, data-only object, read from arguments and environment.

The settings that shape vectors (model, chunk size, overlap) are recorded in the
manifest; an index built with other values is refused with a "rebuild" message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_INDEX = Path(".reportqa/index")
COLLECTION = "reportqa_chunks"

ENV_INDEX = "REPORTQA_INDEX"
ENV_MODEL = "REPORTQA_EMBED_MODEL"
ENV_CHROMA_URL = "REPORTQA_CHROMA_URL"


@dataclass(frozen=True)
class IndexSettings:
    """Where the index lives and what shapes its vectors.

    >>> IndexSettings.from_env(index_dir="/tmp/idx").manifest_path
    PosixPath('/tmp/idx/manifest.sqlite3')
    """

    index_dir: Path = DEFAULT_INDEX
    model: str | None = None  # None: the model the index was built with, else DEFAULT_MODEL
    chroma_url: str | None = None  # http://127.0.0.1:8000 points at a `chroma run` server
    collection: str = COLLECTION
    chunk_tokens: int = 0  # 0: the model's own limit (256 word pieces for MiniLM)
    overlap_tokens: int = 40
    batch_size: int = 64

    @classmethod
    def from_env(cls, **overrides: object) -> IndexSettings:
        """Defaults, then REPORTQA_* environment variables, then non-None overrides."""
        settings = cls(
            index_dir=Path(os.environ.get(ENV_INDEX) or DEFAULT_INDEX),
            model=os.environ.get(ENV_MODEL) or None,
            chroma_url=os.environ.get(ENV_CHROMA_URL) or None,
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        if "index_dir" in given:
            given["index_dir"] = Path(str(given["index_dir"]))
        return replace(settings, **given)

    @property
    def manifest_path(self) -> Path:
        return self.index_dir / "manifest.sqlite3"

    @property
    def chroma_path(self) -> Path:
        return self.index_dir / "chroma"

    @property
    def lexical_path(self) -> Path:
        return self.index_dir / "lexical"

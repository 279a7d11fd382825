"""VITS inference in PyTorch: the Piper voice's modules, built from the `.onnx` file's own weights."""

from voice.models.vits import VitsModel
from voice.models.weights import VitsHyperParams, load_vits

__all__ = ["VitsHyperParams", "VitsModel", "load_vits"]

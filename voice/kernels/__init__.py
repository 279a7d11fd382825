"""Fused Triton kernels for the decoder and flow, each beside a plain PyTorch reference (entry point: dispatch)."""

from voice.kernels.dispatch import force_triton, set_enabled, triton_available, use_triton

# The fused operations themselves are called through `voice.kernels.dispatch` (not re-exported here: their names
# are also the names of the kernel submodules, and importing a submodule would shadow a re-exported function).
__all__ = ["force_triton", "set_enabled", "triton_available", "use_triton"]

"""Ahead-of-time compilation of recorded kernel launches for CUDA targets, with no GPU: registers, spills, shared.

Triton compiles for any `GPUTarget` without a driver: `triton.compile(ASTSource(...), target=...)` runs the
whole pipeline down to a cubin with the `ptxas` its wheel ships. The signature, constexprs and divisibility
attributes come from Triton's own binder (the code a launch runs to pick its binary), applied to the recorded
arguments, so each compiled binary is the one the same launch would build on a device of that architecture.
Works with Triton 3.6 (the device image's) and 3.9 (this project's dev install); both expose the same API here.
"""

from __future__ import annotations

import logging
import re
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voice.kernels.launch import KernelLaunch

logger = logging.getLogger(__name__)

# The architectures the server is meant for: A100 (sm_80), H100/H200 (sm_90), Blackwell B200/GB200 (sm_100).
ARCHS = (80, 90, 100)
WARP_SIZE = 32


@dataclass(frozen=True)
class CompiledKernel:
    """What the compiler made of one launch configuration for one architecture."""

    label: str  # KernelLaunch.config_label()
    arch: int  # compute capability x 10 (90 = sm_90)
    registers: int  # per thread, from the cubin
    spill_bytes: int  # per thread: the cubin's stack frame + local memory (what Triton reports as n_spills * 4)
    shared_bytes: int  # per block: dynamic (Triton's launch request) + static
    tmem_columns: int  # Blackwell tensor memory columns per block (0 elsewhere)
    num_warps: int
    triton_version: str


@dataclass(frozen=True)
class _Specialized:
    """A launch reduced to what selects its binary: Triton's signature, constexprs, attributes and options."""

    launch: KernelLaunch
    signature: dict[str, str]
    constexprs: dict[Any, Any]
    attrs: dict[Any, Any]
    options: dict[str, Any]

    def key(self) -> str:
        options = {k: v for k, v in self.options.items() if k in ("num_warps", "num_stages")}
        return repr(
            (self.launch.name, sorted(self.signature.items()), sorted(self.constexprs.items()),
             sorted(self.attrs.items()), sorted(options.items()))
        )  # fmt: skip


def _target(arch: int) -> Any:
    from triton.backends.compiler import GPUTarget

    return GPUTarget("cuda", arch, WARP_SIZE)


def specialize(launch: KernelLaunch, arch: int) -> _Specialized:
    """Triton's own argument specialization of `launch` for `arch` (ints equal to 1 become constants, etc.)."""
    from triton.compiler import make_backend
    from triton.runtime.jit import create_function_from_signature

    kernel = launch.kernel
    backend = make_backend(_target(arch))
    binder = create_function_from_signature(kernel.signature, kernel.params, backend)
    kwargs = dict(launch.constexprs, num_warps=launch.num_warps, num_stages=launch.num_stages)
    bound, specialization, options = binder(*launch.args, **kwargs)
    options, signature, constexprs, attrs = kernel._pack_args(backend, kwargs, bound, specialization, options)
    return _Specialized(launch, signature, constexprs, attrs, dict(options.__dict__))


def distinct(launches: Iterable[KernelLaunch], arch: int) -> list[_Specialized]:
    """The distinct binaries among `launches` for `arch`, first occurrence kept, in order."""
    seen: dict[str, _Specialized] = {}
    for launch in launches:
        item = specialize(launch, arch)
        seen.setdefault(item.key(), item)
    return list(seen.values())


_RESOURCE_LINE = re.compile(r"REG:(\d+) STACK:(\d+) SHARED:(\d+) LOCAL:(\d+)")


def _resource_usage(cubin: bytes) -> tuple[int, int, int]:
    """(registers, stack + local bytes, static shared bytes) per thread/block, from `cuobjdump` on the cubin."""
    from triton import knobs

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kernel.cubin"
        path.write_bytes(cubin)
        text = subprocess.run(
            [knobs.nvidia.cuobjdump.path, "--dump-resource-usage", str(path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    match = _RESOURCE_LINE.search(text)
    if match is None:
        raise RuntimeError(f"cuobjdump gave no resource usage line:\n{text}")
    registers, stack, shared, local = (int(group) for group in match.groups())
    return registers, stack + local, shared


def compile_one(item: _Specialized, arch: int) -> CompiledKernel:
    """Compile one specialized launch for `arch` to a cubin; raises triton's CompilationError on a compile error."""
    import triton
    from triton.compiler import ASTSource

    source = ASTSource(item.launch.kernel, item.signature, item.constexprs, item.attrs)
    compiled = triton.compile(source, target=_target(arch), options=item.options)
    registers, spill_bytes, static_shared = _resource_usage(compiled.asm["cubin"])
    metadata = compiled.metadata
    return CompiledKernel(
        label=item.launch.config_label(),
        arch=arch,
        registers=registers,
        spill_bytes=spill_bytes,
        shared_bytes=int(metadata.shared) + static_shared,
        tmem_columns=int(getattr(metadata, "tmem_size", 0) or 0),
        num_warps=int(metadata.num_warps),
        triton_version=triton.__version__,
    )


def compile_launches(
    launches: Sequence[KernelLaunch], archs: Sequence[int] = ARCHS
) -> list[tuple[KernelLaunch, CompiledKernel]]:
    """Every distinct binary among `launches`, compiled for each arch: (a launch that uses it, its resources)."""
    results = []
    for arch in archs:
        for item in distinct(launches, arch):
            compiled = compile_one(item, arch)
            logger.info("sm_%d %s: %d registers, %d spill bytes", arch, compiled.label, compiled.registers,
                        compiled.spill_bytes)  # fmt: skip
            results.append((item.launch, compiled))
    return results

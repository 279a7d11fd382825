"""Kernel tests run on the CPU through Triton's interpreter: TRITON_INTERPRET=1 before any kernel module loads."""

from __future__ import annotations

import importlib.util
import os

# Triton reads TRITON_INTERPRET when a kernel is decorated (triton.jit), i.e. when voice.kernels.<op> is first
# imported, which dispatch only does lazily, inside a call. pytest imports this conftest before collecting the
# test modules beside it, so setting the variable here is early enough (and harmless elsewhere: dispatch only
# sends CPU tensors to Triton inside force_triton()). setdefault: TRITON_INTERPRET=0 on a GPU machine tests there.
os.environ.setdefault("TRITON_INTERPRET", "1")

# Without torch nothing here can run; without triton only the dispatch fallback tests can (they skip the rest).
collect_ignore_glob = [] if importlib.util.find_spec("torch") else ["test_*.py"]

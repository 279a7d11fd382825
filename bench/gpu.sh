#!/usr/bin/env bash
# On a GPU machine (torch + triton installed, no other dependencies needed): python bench/gpu.py, results to bench/results/.
set -euo pipefail; cd "$(dirname "$0")/.."; exec python3 bench/gpu.py --pack "${PACK:-out/device/pack.pt}" --out "${OUT_JSON:-bench/results/gpu-$(date -u +%Y%m%d).json}" "$@"

#!/usr/bin/env bash
# One run on a machine lent a GPU, within 5 minutes: kernel parity on CUDA, the kernel and decoder benchmarks,
# the server load test, and one JSON of everything beside the resource report's predictions.
#
#   here:    .venv/bin/python scripts/pack_device.py         # builds out/device/ (pack.pt + wheels/, < 64 MiB)
#   device:  run(command="bash bench/device.sh", carry=["out/device"], timeout_s=360)
#
# Results go to $OUT (the device tool's output folder; out/device-run elsewhere): steps.jsonl (each step's exit
# status and seconds), one log per step, kernels.xml, gpu.json, kernel_bench.json, load.json, and device.json
# (bench/device_summary.py: all of them and measured / predicted). Each step runs under its own time limit and
# a failing step never stops the others. Budgets (seconds) sum to 320.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT="${OUT:-out/device-run}"
PACK="${PACK:-out/device/pack.pt}"
WHEELS="${WHEELS:-out/device/wheels}"
DEPS="${TMPDIR:-/tmp}/voice-device-deps"
mkdir -p "$OUT"
: > "$OUT/steps.jsonl"
export PYTHONPATH="$PWD:$DEPS${PYTHONPATH:+:$PYTHONPATH}"
export TRITON_INTERPRET=0  # the parity tests' conftest defaults to the interpreter; here the kernels run on CUDA
PY="${PYTHON:-python3}"

step() {  # step NAME SECONDS COMMAND...: run with a time limit, log to $OUT/NAME.log, record the outcome
  local name=$1 budget=$2
  shift 2
  local start ms rc
  start=$(date +%s%N)
  timeout --kill-after=5 "$budget" "$@" > "$OUT/$name.log" 2>&1
  rc=$?
  ms=$((($(date +%s%N) - start) / 1000000))
  printf '{"step": "%s", "rc": %d, "seconds": %d.%03d, "budget_s": %d}\n' \
    "$name" "$rc" $((ms / 1000)) $((ms % 1000)) "$budget" >> "$OUT/steps.jsonl"
  echo "step $name: rc=$rc"
}

step environment 10 bash -c "nvidia-smi; $PY -c 'import sys, torch, triton; print(sys.version); \
print(torch.__version__, torch.version.cuda, triton.__version__, torch.cuda.get_device_name())'"
step wheels 30 "$PY" -m pip install --quiet --no-index --no-deps --target "$DEPS" --find-links "$WHEELS" \
  grpcio-health-checking grpcio-reflection soxr soundfile piper-tts pytest pluggy iniconfig pytest-timeout
# bench/gpu.py first: the decoder paths against the chip's floor (torch.compile's default mode: max-autotune
# alone can take minutes). Triton's cache then holds the fp16 decoder kernels for the next two steps.
step gpu_bench 75 "$PY" bench/gpu.py --pack "$PACK" --out "$OUT/gpu.json" --compile-mode default
step kernel_bench 20 "$PY" -m voice.kernels.bench --out "$OUT/kernel_bench.json"
# The parity tests on CUDA: tests/kernels only (confcutdir keeps the server's conftest, and its imports, out).
step kernel_parity 55 "$PY" -m pytest -q -m "not slow" -p no:cacheprovider --confcutdir=tests/kernels \
  --junitxml="$OUT/kernels.xml" tests/kernels
# The server load test: the real server (torch backend, fp16 decoder, CUDA graphs, batches of 64) with the voice
# unpacked from pack.pt (the .onnx does not travel), real-time callers doubling from 64 until one runs dry or p99
# first audio passes 250 ms; load.json is rewritten after every round, so a step cut short keeps its rounds.
step voice 20 "$PY" scripts/unpack_device_voice.py "$PACK" out/device-voice
step load 100 "$PY" bench/load.py --backend torch --serve-args "--voices-dir out/device-voice" \
  --find-capacity --double --min-callers 64 --max-callers 4096 --channels 64 --time-limit 70 --json "$OUT/load.json"
step summary 10 "$PY" bench/device_summary.py --run-dir "$OUT"
exit 0

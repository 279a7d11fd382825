# The two commands a newcomer needs: `make demo` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: setup demo test test-fast test-device-triton lint typecheck proto bench serve clean

# The Triton of the GPU machines' image (torch 2.11 pins it). The dev install resolves to the newest Triton, which
# runs the interpreter parity tests (Triton 3.6's interpreter fails with our NumPy, 2.4: its scalars are 1-element
# arrays, and int() of those is now an error). Ahead-of-time compilation runs with both: the newest in `make test`,
# the device's here, from a --target folder placed ahead of the venv's on the path.
DEVICE_TRITON := 3.6.0

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps openai-whisper==20250625
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/python scripts/demo.py

# The kernel parity tests run Triton kernels on CPU tensors through Triton's interpreter.
test: setup
	TRITON_INTERPRET=1 $(BIN)/python -m pytest -q

test-device-triton: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --target $(VENV)/triton-$(DEVICE_TRITON) triton==$(DEVICE_TRITON)
	PYTHONPATH=$(VENV)/triton-$(DEVICE_TRITON) TRITON_INTERPRET=1 $(BIN)/python -m pytest -q tests/kernels/test_aot_compile.py

test-fast: setup
	TRITON_INTERPRET=1 $(BIN)/python -m pytest -q -m "not slow"

lint: setup
	$(BIN)/ruff check voice tests bench scripts
	$(BIN)/ruff format --check voice tests bench scripts

typecheck: setup
	$(BIN)/mypy voice

proto: setup
	$(BIN)/python -m grpc_tools.protoc -Iproto --python_out=. --pyi_out=. --grpc_python_out=. proto/voice/v1/synthesizer.proto

bench: setup
	$(BIN)/python -m pytest bench -q --benchmark-only -s

serve: setup
	$(BIN)/voice serve

clean:
	rm -rf $(VENV) .pytest_cache .benchmarks out

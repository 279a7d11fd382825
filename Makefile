# The two commands a newcomer needs: `make demo` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: setup demo test test-fast lint typecheck proto bench serve clean

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

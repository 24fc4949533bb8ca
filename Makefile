# kip-training: every target sets itself up (a .venv with the package installed).
# A second run skips the install unless pyproject.toml changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.install-stamp
NOTEBOOK ?= notebooks/02_latihan_tenggat_waktu.ipynb

.PHONY: install demo test lint format lab app bench bench-hub clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kip demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lab: $(STAMP)
	$(BIN)/kip lab

app: $(STAMP)
	$(BIN)/kip app $(NOTEBOOK)

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Participants per GB and per core for the JupyterHub guide (deploy/PANDUAN.md)
bench-hub: $(STAMP)
	$(BIN)/python bench/hub.py

clean:
	rm -rf $(VENV) keluaran .pytest_cache .ruff_cache

# Two commands for a newcomer: `make report` and `make test` (each sets up .venv first).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: report test bench lint gallery clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# setuptools warns on every editable install that a folder named like the package may
	# shadow it; that is how this repository is meant to work, so keep `make report` quiet.
	PYTHONWARNINGS=ignore $(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/reportgen build data/

test: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Contact sheets of the example's memo and deck for the README (needs LibreOffice and poppler).
gallery: $(STAMP)
	$(BIN)/python scripts/gallery.py --out docs/gallery

lint: $(STAMP)
	$(BIN)/pip install --quiet ruff mypy types-PyYAML
	$(BIN)/ruff check reportgen tests bench
	$(BIN)/mypy

clean:
	rm -rf out/*.pdf out/*.pptx out/.reportgen $(VENV)

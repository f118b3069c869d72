# Two commands for a newcomer: `make decks` and `make test`.
# Both create the virtual environment in .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: decks test bench clean distclean pictures catalogues

decks: $(STAMP)
	$(BIN)/cards build

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf output .pytest_cache build *.egg-info
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)

pictures: $(STAMP)
	$(BIN)/python docs/pictures.py

# The tool's own translation catalogues (layouts/translations/*.po), updated from
# layouts/translations/words.yaml and the built-in facilitator words.
catalogues: $(STAMP)
	$(BIN)/python docs/catalogue.py

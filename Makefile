# Two commands for a newcomer: `make decks` and `make test`.
# Both create the virtual environment in .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: decks test bench clean distclean pictures catalogues browser

decks: $(STAMP)
	$(BIN)/cards build

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# The published site's tests run in the system's Chromium (Playwright never downloads a
# browser). Installed here from Debian's package where apt-get is there to root; anywhere
# else those tests are skipped, saying why, and every other test runs.
browser:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
	   || command -v google-chrome >/dev/null 2>&1 || [ -n "$$CARDS_BROWSER" ]; then :; \
	elif [ "$$(id -u 2>/dev/null)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make: installing Chromium for the browser tests (Debian package chromium)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "make: could not install chromium; the browser tests will be skipped"; \
	else echo "make: no Chromium here; the browser tests will be skipped (install chromium, or set CARDS_BROWSER)"; fi

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

# Two commands for a newcomer: `make decks` and `make test`.
# Both set up the virtual environment in .venv on first use, with exactly the versions
# pinned (with their hashes) in requirements/: pip takes no other Python package.
VENV   := .venv
TOOLS  := .venv-tools
ifeq ($(OS),Windows_NT)
PYTHON ?= python
BIN    := $(VENV)/Scripts
TOOLS_BIN := $(TOOLS)/Scripts
else
PYTHON ?= python3
BIN    := $(VENV)/bin
TOOLS_BIN := $(TOOLS)/bin
endif
STAMP  := $(VENV)/.installed
LOG    := $(VENV)/setup.log
LOCKED := requirements/setup.txt requirements/test.txt
# pip installs from the lock only: every file's hash checked, wheels only (nothing compiled).
PIP_LOCKED := -m pip install --require-hashes --only-binary :all: --no-input --disable-pip-version-check

.PHONY: decks test bench lock test-latest clean distclean pictures catalogues browser

decks: $(STAMP)
	@echo "make: building every deck in cards/ into output/"
	@$(BIN)/cards build

test: $(STAMP) browser
	@$(BIN)/python -m pytest -q

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

# A new .venv whenever the lock or pyproject.toml changes (--clear: nothing left over
# from an earlier lock), so `pip freeze` there is always the lock. pip's own chatter goes
# to the log, shown only if something fails.
$(STAMP): pyproject.toml $(LOCKED)
	@echo "make: setting up $(VENV) with $$($(PYTHON) --version 2>&1) and the locked packages (requirements/test.txt)"
	@$(PYTHON) -m venv --clear $(VENV)
	@{ $(BIN)/python $(PIP_LOCKED) --no-deps -r requirements/setup.txt \
	   && $(BIN)/python $(PIP_LOCKED) -r requirements/test.txt \
	   && $(BIN)/python -m pip install --no-deps --no-build-isolation --no-index --no-input --disable-pip-version-check -e . \
	   && $(BIN)/python -m pip check; } >$(LOG) 2>&1 \
	  || { tail -n 25 $(LOG); echo "make: setting up $(VENV) failed; the whole log is $(LOG)"; exit 1; }
	@touch $(STAMP)
	@echo "make: $(VENV) is ready (pip's log: $(LOG))"

# Maintainers: refresh the lock on purpose (newest versions pyproject.toml's ranges and
# requirements/constraints.txt allow, checked to have wheels for every supported
# platform), then run `make test` and commit requirements/ on its own.
lock: $(TOOLS)/.installed
	@$(TOOLS_BIN)/python requirements/lock.py

# Maintainers: the suite against the newest versions the ranges allow, in a throw-away
# environment: what the next `make lock` would break. Not part of CI.
test-latest: $(TOOLS)/.installed browser
	@$(TOOLS_BIN)/python requirements/latest.py $(PYTHON)

$(TOOLS)/.installed: requirements/tools.txt
	@echo "make: setting up $(TOOLS) (uv, for the lock)"
	@$(PYTHON) -m venv --clear $(TOOLS)
	@$(TOOLS_BIN)/python $(PIP_LOCKED) -r requirements/tools.txt >$(TOOLS)/setup.log 2>&1 \
	  || { tail -n 25 $(TOOLS)/setup.log; exit 1; }
	@touch $@

clean:
	rm -rf output .pytest_cache build *.egg-info
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) $(TOOLS)

pictures: $(STAMP)
	$(BIN)/python docs/pictures.py

# The tool's own translation catalogues (layouts/translations/*.po), updated from
# layouts/translations/words.yaml and the built-in facilitator words.
catalogues: $(STAMP)
	$(BIN)/python docs/catalogue.py

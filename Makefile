# Two commands matter: `make site` builds the site, `make test` runs every test.
# Both set up the virtual environment in .venv first (Python 3.11+ is all they need).

PYTHON ?= python3
VENV   := .venv
BASE   ?= origin/main
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ADDR   ?= 127.0.0.1:8000

.PHONY: site test check lint serve bench schema clean diff distclean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# The generator's bytecode, compiled as pip compiles what it installs (the install above is
# editable, and Python does not keep bytecode where PYTHONDONTWRITEBYTECODE is set).
COMPILED := $(VENV)/.compiled
$(COMPILED): $(STAMP) $(wildcard generator/*.py generator/*/*.py)
	$(BIN)/python -m compileall -q generator
	touch $(COMPILED)

site: $(COMPILED)  ## check the claims, generate the pages and build the site into site/
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m generator build $(BUILD_FLAGS)

test: $(STAMP)  ## run the whole test suite
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

check: $(COMPILED)  ## validate claims and seeds, print every problem
	$(BIN)/python -m generator check

lint: $(STAMP)  ## ruff (lint and format) and mypy --strict over generator/
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

serve: $(COMPILED)  ## live preview on ADDR (default 127.0.0.1:8000): saving a claim reloads its page
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dirty --dev-addr $(ADDR)

bench: $(COMPILED)  ## measure check, generation and build against the budgets in bench/README.md
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/run.py

diff: $(STAMP)  ## what this branch changes in the fact-checks, compared with BASE (Markdown)
	$(BIN)/python -m generator diff "$(BASE)"

schema: $(STAMP)  ## rewrite the JSON Schemas from the loader's field definitions
	$(BIN)/python -m generator schema

clean:  ## remove all the tools generate: site, generated pages, staging folders, caches (not .venv)
	rm -rf site .site-* .generated .generated-* .build-* .build.lock .cache screenshots .pytest_cache .hypothesis .ruff_cache *.egg-info
	cd site_src && rm -rf index.md claims claimants sources lists reference data  # generator/urls.py
	find . -path ./.venv -prune -o -type d -name __pycache__ -exec rm -rf {} +

distclean: clean  ## clean, and remove the virtual environment too
	rm -rf $(VENV)

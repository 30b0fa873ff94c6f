# Spandesk: `make run` and `make test` are all a new machine needs (Python 3.11+ and make).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test lint bench lock clean

install: $(STAMP)

# The lock pins every package by version and hash, the spaCy model included.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: install
	$(BIN)/spandesk

test: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/lint-imports

lint: install
	$(BIN)/lint-imports

bench: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/preannotate.py

# Regenerate the lock after changing dependencies in pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra model --extra test --extra dist --generate-hashes \
	  --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf $(VENV) build dist .pytest_cache

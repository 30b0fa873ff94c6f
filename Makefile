# Spandesk: `make run` and `make test` are all a new machine needs (Python 3.11+ and make).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/__init__.py)
TARBALL := dist/spandesk-$(VERSION)-linux-$(shell uname -m).tar.gz

.PHONY: install run test test-fast lint bench crash lock clean dist dist-test bench-bundle

install: $(STAMP)

# The lock pins every package by version and hash, the spaCy model included.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: install
	$(BIN)/spandesk

# The tests, the layer contracts, then a short crash round (SIGKILL during import,
# pre-annotation and annotation; about 20 s): `make crash` runs the full one.
test: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/lint-imports
	$(BIN)/python bench/crash.py --rounds 12 --seconds 50

# The edit loop: the tests without those marked `slow` (the 1.1-million-character article,
# the hostile CLI corpus, Ctrl-C of a real run, spaCy training, the memory test), then the
# layer contracts. `make test` still runs everything.
test-fast: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow"
	$(BIN)/lint-imports

# At least 200 rounds of random SIGKILLs, bounded to 14 minutes (figures in bench/README.md).
crash: install
	$(BIN)/python bench/crash.py

lint: install
	$(BIN)/lint-imports

bench: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/preannotate.py

# The installer (build.spec, issue 5): the one-folder bundle dist/spandesk/, its shared
# libraries stripped (not by PyInstaller: see packaging/strip_bundle.py), and the tarball.
dist: install
	rm -rf build/pyinstaller dist/spandesk
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec
	$(BIN)/python packaging/strip_bundle.py dist/spandesk
	$(BIN)/python packaging/notices.py dist/spandesk
	packaging/tarball.sh $(VERSION)

# Build, then smoke-test the BUILT executable and the tarball's install.sh (offscreen, in a
# temporary HOME, without network).
dist-test: dist
	PYTHON=$(BIN)/python packaging/smoke.sh dist/spandesk $(TARBALL)

# Start time of the bundle against the venv's spandesk (figures in bench/README.md).
bench-bundle: dist
	$(BIN)/python bench/bundle.py dist/spandesk/spandesk

# Regenerate the lock after changing dependencies in pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra model --extra test --extra dist --generate-hashes \
	  --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf $(VENV) build dist .pytest_cache

# Two commands do the whole set-up: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup run test test-package bench translations lint package clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

# Compile the catalogs (.po -> .mo); `make translations UPDATE=1` also re-extracts messages.
translations: setup
	$(PY) -m desktop.tools.catalogs $(if $(UPDATE),--update,) --compile

run: setup translations
	$(VENV)/bin/pcaet-desktop --demo

test: setup translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q
	@if [ "$${PCAET_TEST_PACKAGE:-}" = 1 ]; then $(MAKE) test-package; fi

test-package: setup translations
	$(PY) -m pip install --quiet -e ".[test,package]"
	PCAET_TEST_PACKAGE=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m slow tests/test_packaging.py

bench: setup translations
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

lint: setup
	$(VENV)/bin/ruff check desktop tests bench
	$(VENV)/bin/mypy desktop/models desktop/services desktop/io

package: setup translations
	$(PY) -m pip install --quiet -e ".[package]"
	$(VENV)/bin/pyinstaller --noconfirm --clean packaging/pcaet.spec --distpath dist --workpath build
	@du -sh dist/pcaet

clean:
	rm -rf build dist .pytest_cache

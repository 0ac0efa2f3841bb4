# Two commands do the whole set-up: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup run test test-package bench translations lint lint-ruff lint-format lint-imports \
	lint-types hooks package clean

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

# The checks CI runs before the tests (and .pre-commit-config.yaml before each commit). Each is
# a target of its own: `make -k lint` reports every failing check, not only the first.
lint: lint-ruff lint-format lint-imports lint-types

lint-ruff: setup
	$(VENV)/bin/ruff check desktop tests bench

lint-format: setup
	$(VENV)/bin/ruff format --check desktop tests bench

# The contracts of [tool.importlinter] in pyproject.toml: the layers, and Qt only in ui/ and charts/.
lint-imports: setup
	$(VENV)/bin/lint-imports

# mypy --strict over the whole of desktop/ (the settings are in [tool.mypy] of pyproject.toml).
lint-types: setup
	$(VENV)/bin/mypy

# The same checks before each commit, through pre-commit (installed in .venv by this target).
hooks: setup
	$(PY) -m pip install --quiet -e ".[test,dev]"
	$(VENV)/bin/pre-commit install

package: setup translations
	$(PY) -m pip install --quiet -e ".[package]"
	$(VENV)/bin/pyinstaller --noconfirm --clean packaging/pcaet.spec --distpath dist --workpath build
	@du -sh dist/pcaet

clean:
	rm -rf build dist .pytest_cache

# Two entry points: `make run` (the web app on the embedded SQLite default, catalog loaded) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck security unit audit setup clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/screening serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# bandit over the code (T22). Each finding is fixed or marked inline (`# nosec Bxxx # reason`); bandit's
# "nosec encountered, but no failed test" notes about the other parts of a marked line are left out.
security: $(STAMP)
	@out=$$($(BIN)/bandit -q -r screening rules 2>&1); status=$$?; \
	printf '%s\n' "$$out" | grep -v 'nosec encountered' | grep . ; \
	if [ $$status -eq 0 ]; then echo "bandit: no issues"; fi; exit $$status

# Known vulnerabilities of the locked packages (T22). Needs network: pip-audit asks PyPI's advisory service
# (--strict: a package it could not check fails the run instead of being skipped). pip-audit has a venv of
# its own, so its dependencies never change the project's.
PIP_AUDIT := pip-audit==2.10.1
AUDIT_VENV := .venv-audit
audit:
	test -x $(AUDIT_VENV)/bin/pip-audit || ($(PYTHON) -m venv $(AUDIT_VENV) && \
		$(AUDIT_VENV)/bin/python -m pip install --quiet $(PIP_AUDIT))
	$(AUDIT_VENV)/bin/pip-audit --strict --requirement requirements.lock --disable-pip --no-deps

unit: $(STAMP)
	$(BIN)/pytest

test: lint typecheck security unit

clean:
	rm -rf $(VENV) $(AUDIT_VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis

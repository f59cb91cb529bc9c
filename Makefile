# Every target sets itself up: a fresh clone needs only python3 (3.11+) and make.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: chat test lint bench check run clean

# The first run (and any run after pyproject.toml changes) installs into .venv; say so, since
# pip --quiet would otherwise leave the terminal silent for a minute or two.
$(STAMP): pyproject.toml
	@echo "Setting up Groundwork in $(VENV) (one-time step, about 2 minutes): installing the"
	@echo "chat engine, Telegram and Discord libraries, scheduler, charts and the test tools..."
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)
	@echo "Set-up done; later runs start straight away."

chat: $(STAMP)
	$(BIN)/python -m bot chat

check: $(STAMP)
	$(BIN)/python -m bot check

test: $(STAMP)
	$(BIN)/python -m bot check
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

bench: $(STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

run: $(STAMP)
	$(BIN)/python -m bot run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info

# JobNet Hessen: `make run` starts the app with demo data, `make test` runs the whole suite.
# Both create the virtual environment in .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app jobnet
HOST   ?= 127.0.0.1
PORT   ?= 5000
# Links in mails and the printed demo logins point where `make run` serves; a JOBNET_PUBLIC_BASE_URL
# from the environment (or PUBLIC_BASE_URL on make's command line) wins.
PUBLIC_BASE_URL ?= $(or $(JOBNET_PUBLIC_BASE_URL),http://$(HOST):$(PORT))
RUN_ENV := JOBNET_PUBLIC_BASE_URL=$(PUBLIC_BASE_URL)

.PHONY: run test install install-test translations migrate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed translations
install-test: $(VENV)/.installed-test translations

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d jobnet/translations -D messages >/dev/null

# Web server and scheduler side by side; Ctrl+C stops both.
run: install
	$(RUN_ENV) $(FLASK) db upgrade
	$(RUN_ENV) $(FLASK) demo load
	@echo "Mails are written to instance/mail/ as .eml files."
	@echo "JobNet runs at http://$(HOST):$(PORT)/ (Ctrl+C stops it)."
	@trap 'kill 0' INT TERM EXIT; \
	  $(RUN_ENV) $(FLASK) scheduler & \
	  $(RUN_ENV) $(FLASK) run --host $(HOST) --port $(PORT) --no-reload

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Regenerate the German message catalog template and merge it into the English catalog.
i18n-update: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -o jobnet/translations/messages.pot .
	$(BIN)/pybabel update -i jobnet/translations/messages.pot -d jobnet/translations -l en

clean:
	rm -rf $(VENV) .pytest_cache

# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.PHONY: run test install install-dev data lint format messages compilemessages check bench worker clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run: install, migrate, load reference and demo data, serve on http://$(HOST)
run: install data
	$(PY) manage.py runserver $(HOST)

data: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference
	$(PY) manage.py load_demo

## make test: the whole suite (SQLite and in-process tasks unless DATABASE_URL/REDIS_URL are set)
test: install-dev
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## make messages: refresh the fr/it catalogues from the code (needs GNU gettext), then compile
messages: install-dev
	$(PY) manage.py makemessages -l fr -l it --no-obsolete --add-location file -i ".venv/*" -i "static/*" -i "staticfiles/*" -i "tests/*" -i "bench/*"
	$(MAKE) compilemessages

## compile the catalogues with a pure-Python tool: no GNU gettext needed
compilemessages: install
	$(PY) manage.py compile_catalogues

check: install-dev
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

bench: install-dev
	$(PY) -m bench

worker: install
	$(BIN)/celery -A circuito worker -B -l info

clean:
	rm -rf $(VENV) staticfiles

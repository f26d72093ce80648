# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.PHONY: run test install install-dev data lint format messages compilemessages check bench worker clean lock mutation

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Dependencies come from the lock files (pinned, with hashes); should a lock not install on an
# unusual platform or Python, pip resolves pyproject.toml's ranges instead, and says so.
$(VENV)/.installed: pyproject.toml requirements/lock.txt | $(BIN)/activate
	$(PY) -m pip install --quiet --require-hashes -r requirements/lock.txt \
		|| { echo "lock file not installable here: resolving pyproject.toml instead"; $(PY) -m pip install --quiet -e .; }
	touch $@

$(VENV)/.installed-dev: pyproject.toml requirements/dev-lock.txt | $(BIN)/activate
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev-lock.txt \
		|| { echo "lock file not installable here: resolving pyproject.toml instead"; $(PY) -m pip install --quiet -e ".[dev]"; }
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
	$(PY) manage.py makemessages -l fr -l it --no-obsolete --add-location file -i ".venv/*" -i "static/*" -i "staticfiles/*" -i "tests/*" -i "bench/*" -i "mutants/*"
	$(MAKE) compilemessages

## compile the catalogues with a pure-Python tool: no GNU gettext needed
compilemessages: install
	$(PY) manage.py compile_catalogues

check: install-dev
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

bench: install-dev
	$(PY) -m bench

## make mutation: mutation score of each core rule module against its own tests (mutation/modules.toml);
## one module: make mutation MODULES=circuito/geo/distance.py; on a busy machine: make mutation CHILDREN=1
MODULES ?=
CHILDREN ?= 2
mutation: install-dev
	$(PY) mutation/run.py --max-children $(CHILDREN) $(MODULES)

worker: install
	$(BIN)/celery -A circuito worker -B -l info

## make lock: pin every dependency with its hashes (needs the network)
lock: install-dev
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/lock.txt pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --extra dev -o requirements/dev-lock.txt pyproject.toml

clean:
	rm -rf $(VENV) staticfiles

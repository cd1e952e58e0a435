# Actieplan Drempels naar Werk — the two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test bench loadtest fuzz mutation venv migrate demo clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

venv: $(STAMP)

# Embedded installation: SQLite under var/, Celery on kombu's filesystem:// broker.
# collectstatic: with DEBUG=false the pages need the collected files and their manifest.
run: export DEBUG ?= true
run: $(STAMP)
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py load_reference
	$(PY) manage.py load_indicators
	$(PY) manage.py load_demo
	$(PY) manage.py setup_schedule
	@PORT=$(PORT) PY=$(PY) bash scripts/run.sh

test: $(STAMP)
	@bash scripts/test.sh

bench: $(STAMP)
	$(PY) bench/run.py $(if $(BENCH_SMOKE),--smoke,)
	$(PY) bench/bench_semantic.py $(if $(BENCH_SMOKE),--smoke,)

# Mixed read/write load test (Locust, headless) against gunicorn on loopback: 40 users, 120 s,
# then the same without the data cache; LOADTEST_SMOKE=1: 8 users, 20 s. bench/results/load-*.md
loadtest: $(STAMP)
	$(PY) bench/loadtest.py

# External API contract test (Schemathesis CLI, every check, three roles) at the acceptance
# setting of 50 examples per operation; .ci/run uses fewer (FUZZ_EXAMPLES) to stay within CI time.
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-50} bash scripts/api_fuzz.sh

# Mutation testing of the guarding modules (a report in bench/results/mutation-<date>.md, not a CI gate;
# slow: MUTATION_ARGS="--only timeliness" runs one target).
mutation: $(STAMP)
	$(PY) scripts/mutation.py $(MUTATION_ARGS)

clean:
	rm -rf var .pytest_cache

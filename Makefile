# Smart Region Hub — the two commands: `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
DATA := smartregion/data
REGISTER := $(DATA)/register/gemeinden_de_2024-12-31.csv
CENSUS := $(DATA)/register/zensus2022_bevoelkerung_gemeinden.csv
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/smartregion
PYTEST_WORKERS ?= auto
# make test-production: Redis database of the first test worker (the next workers count down) and moto's S3 port
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
S3_TEST_PORT ?= 8115

.PHONY: run setup install install-dev data test test-postgres test-production test-e2e lint security audit reuse publiccode sbom messages check-deploy \
	bench-data bench-load bench-load-one-cpu bench-faults bench-cluster bench-backup bench-territories bench-catalog bench-assessments bench-matching bench-matching-speed bench-agendas bench-events bench-dcat bench-limits bench-funding-gaps bench-reports backup restore clean help

help:
	@echo "make run            install, load the real register and demo data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test           the whole test suite on SQLite (browser tests need Debian's chromium)"
	@echo "make test-postgres  the suite on PostgreSQL ($(POSTGRES_URL))"
	@echo "make test-production the suite on PostgreSQL with Redis ($(TEST_REDIS_URL)) and S3 (moto) switched on"
	@echo "make test-e2e       only the browser tests"
	@echo "make lint           ruff and the import-layer contracts"
	@echo "make reuse          REUSE compliance: licence and copyright of every file (REUSE.toml, LICENSES/)"
	@echo "make publiccode     publiccode.yml against the standard 0.4"
	@echo "make sbom           CycloneDX SBOM of the pinned Python dependencies: $(SBOM)"
	@echo "make security       bandit over the code and pip-audit over the pinned dependencies (allow-list in security/)"
	@echo "make bench-data     the Germany-scale database on PostgreSQL (BENCH_URL), reproducible from a seed"
	@echo "make bench-load     gunicorn against that database under load: req/s, p50/p95/p99, errors per page"
	@echo "make bench-load-one-cpu  the same confined to one CPU: the margin on a slow day"
	@echo "make bench-faults   PostgreSQL stopped for 10 s and a worker killed while under load"
	@echo "make bench-cluster  two gunicorn nodes behind haproxy with Redis, S3 (moto), Celery and their own PostgreSQL: shared state, load, faults"
	@echo "make bench-backup   dump the Germany-scale database, restore it into an empty one, compare counts and checksums"
	@echo "make bench-territories  register import time and search latency (SQLite and PostgreSQL)"
	@echo "make bench-catalog  100,000 projects: catalog search, similar projects, API (PROJECTS=N to change)"
	@echo "make bench-assessments  10,000 assessments on PostgreSQL: results page, peer statistics, dashboard"
	@echo "make bench-matching  precision@5 and recall@10 of the matching engine on the evaluation set"
	@echo "make bench-matching-speed  a match query over 100,000 projects, 10,000 experts, 500 programmes (PostgreSQL)"
	@echo "make bench-agendas  an agenda with 60 measures: agenda page, council PDF, DOCX (SQLite and PostgreSQL)"
	@echo "make bench-events   the iCalendar feed of a network with 500 events (SQLite and PostgreSQL)"
	@echo "make bench-dcat     DCAT-AP.de catalogue of 100,000 projects and 20,000 datasets: first page, full Turtle"
	@echo "make bench-first-start  make run from a fresh clone, step by step (venv, pip, migrate, data, demo, first page), and after a deleted database"
	@echo "make bench-limits   what counting one API request in the shared limits table costs (SQLite and PostgreSQL)"
	@echo "make bench-funding-gaps  the funding-gap analysis of a network of 605 members: first and later view"
	@echo "make bench-reports  a 605-member network on PostgreSQL: dashboard under load (c=8), gap analysis, white paper"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required (found %s)" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# --no-compile: Python compiles what it imports on first use; compiling every installed file ahead costs
# the first start seconds (bench/first_start.py).
$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet --no-compile -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The database and its data, in one process (setup_site: one Django start instead of one per command):
# migrations always (fast when nothing is new), the cache table, the shipped data when its files changed
# since the last load (var/.data-loaded is older than one of them) or when the database lacks any of it (a
# deleted var/db.sqlite3, a new DATABASE_URL: setup_site asks the database itself), then the demo.
var/.data-loaded: $(REGISTER) $(CENSUS) $(wildcard $(DATA)/boundaries/*.geojson) $(wildcard $(DATA)/smart-city/*.csv) \
		$(wildcard smartregion/taxonomy/data/*.json) $(wildcard smartregion/assessments/data/*.json) \
		$(wildcard smartregion/funding/data/*.csv) $(wildcard smartregion/offerings/data/*.csv) \
		$(wildcard smartregion/glossary/data/*.json) \
		$(wildcard smartregion/toolkit/data/*.json)
	@mkdir -p var
	@touch $@

setup: $(VENV)/.installed
	@ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || echo "NOTE: PDF exports need Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
	@mkdir -p var
	@if $(MAKE) --no-print-directory -q var/.data-loaded 2>/dev/null; then reload=; else reload=--reload-data; fi; \
		$(MANAGE) setup_site $$reload --register $(REGISTER) --census $(CENSUS)
	@$(MAKE) --no-print-directory var/.data-loaded

run: setup
	@$(PY) -c "import socket, sys; s = socket.socket(); sys.exit(1 if s.connect_ex(('127.0.0.1', $(PORT))) == 0 else 0)" \
		|| { echo "Port $(PORT) is already in use. Stop the other program or choose another port: make run PORT=8001"; exit 1; }
	@echo "Smart Region Hub: http://127.0.0.1:$(PORT)/  (stop with Ctrl+C)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-dev
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -q

test-postgres: $(VENV)/.installed-dev
	DATABASE_URL=$(POSTGRES_URL) $(VENV)/bin/pytest -n $(PYTEST_WORKERS) -q -m "not e2e"

# The production parts switched on (ADR 0025, 0026): PostgreSQL, Redis as cache/counters/sessions, uploads in an
# S3 bucket of moto's server (started by the test session), the task queue with Redis as broker. Its tasks run
# eagerly through Celery's apply_async (a test's transaction never commits, so no worker could see its rows);
# tests/jobs/test_worker.py starts real workers on a Redis broker itself.
test-production: $(VENV)/.installed-dev
	DATABASE_URL=$(POSTGRES_URL) CACHE_URL=$(TEST_REDIS_URL) REDIS_TEST_URL=$(TEST_REDIS_URL) \
	CELERY_BROKER_URL=$(TEST_REDIS_URL) CELERY_TASK_ALWAYS_EAGER=true \
	STORAGE_S3_BUCKET=smartregion-test STORAGE_S3_ENDPOINT_URL=http://127.0.0.1:$(S3_TEST_PORT) \
	STORAGE_S3_ACCESS_KEY=testing STORAGE_S3_SECRET_KEY=testing STORAGE_S3_REGION=us-east-1 TEST_S3_SERVER=moto \
	S3_TEST_PORT=$$(( $(S3_TEST_PORT) + 1 )) \
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -q -m "not e2e"

test-e2e: $(VENV)/.installed-dev
	$(VENV)/bin/pytest -q -m e2e

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

security: $(VENV)/.installed-dev
	$(VENV)/bin/bandit -c pyproject.toml -r smartregion -q
	$(MAKE) --no-print-directory audit

audit: $(VENV)/.installed-dev
	$(PY) .ci/audit_dependencies.py

# Open CoDE readiness (docs/operations.md, "Open CoDE"): licence information of every file, publiccode.yml, SBOM.
reuse: $(VENV)/.installed-dev
	$(VENV)/bin/reuse lint

publiccode: $(VENV)/.installed-dev
	$(PY) .ci/check_publiccode.py publiccode.yml

SBOM ?= var/sbom.cdx.json
sbom: $(VENV)/.installed-dev
	@mkdir -p $(dir $(SBOM))
	PYTHONWARNINGS=ignore::UserWarning $(VENV)/bin/cyclonedx-py requirements requirements.txt --pyproject pyproject.toml --of JSON \
		--output-reproducible --validate -o $(SBOM)
	@echo "SBOM (CycloneDX, JSON): $(SBOM)"

messages: $(VENV)/.installed-dev
	cd smartregion && ../$(PY) ../manage.py makemessages -l en --no-location --no-obsolete
	cd smartregion && ../$(PY) ../manage.py compilemessages -l en

check-deploy: $(VENV)/.installed
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
		DJANGO_ALLOWED_HOSTS=smartregion.example $(MANAGE) check --deploy --fail-level WARNING

BENCH_URL ?= postgres://postgres@127.0.0.1:5432/smartregion_bench

bench-data: $(VENV)/.installed-dev
	$(PY) bench/germany.py --postgres $(BENCH_URL) --seed $${SEED:-42}

bench-load: $(VENV)/.installed-dev
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "bench-load needs wrk: apt-get install wrk"; exit 1; }
	$(PY) bench/load.py --concurrency $${CONCURRENCY:-8} --seconds $${SECONDS_PER_PAGE:-20} $(BENCH_LOAD_ARGS)

bench-load-one-cpu:
	$(MAKE) --no-print-directory bench-load BENCH_LOAD_ARGS="--cpus 1"

bench-faults: $(VENV)/.installed-dev
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(PY) bench/faults.py

# Two nodes behind haproxy (issue 24); starts its own PostgreSQL, Redis, S3 and Celery on ports from
# CLUSTER_PORT_BASE [18200] and stops them at the end. Not in CI: it runs about three minutes.
bench-cluster: $(VENV)/.installed-dev
	@for tool in haproxy wrk redis-server; do command -v $$tool >/dev/null 2>&1 || { echo "bench-cluster needs $$tool: apt-get install $$tool"; exit 1; }; done
	$(PY) bench/cluster.py

bench-backup: $(VENV)/.installed-dev
	$(PY) bench/backup.py --source $(BENCH_URL)

bench-territories: $(VENV)/.installed-dev
	$(PY) bench/territories.py --register $(REGISTER) --census $(CENSUS) --postgres $(POSTGRES_URL)

bench-assessments: $(VENV)/.installed-dev
	$(PY) bench/assessments.py --assessments $${ASSESSMENTS:-10000} --postgres $(POSTGRES_URL)

bench-matching: $(VENV)/.installed-dev
	$(PY) bench/matching.py --quality --postgres $(POSTGRES_URL)

bench-matching-speed: $(VENV)/.installed-dev
	$(PY) bench/matching.py --speed --postgres $(POSTGRES_URL)

bench-agendas: $(VENV)/.installed-dev
	$(PY) bench/agendas.py --measures $${MEASURES:-60} --postgres $(POSTGRES_URL)

bench-events: $(VENV)/.installed-dev
	$(PY) bench/events.py --events $${EVENTS:-500} --postgres $(POSTGRES_URL)

bench-dcat: $(VENV)/.installed-dev
	$(PY) bench/dcat.py --projects $${PROJECTS:-100000} --datasets $${DATASETS:-20000} --postgres $(POSTGRES_URL)

bench-limits: $(VENV)/.installed-dev
	$(PY) bench/limits.py --postgres $(POSTGRES_URL)

# The funding-gap analysis of a network of 605 member Gemeinden, against the database of `make setup`
# (var/db.sqlite3) or any DATABASE_URL with the shipped data; everything it writes is rolled back.
bench-funding-gaps: setup
	$(PY) bench/funding_gaps.py --members 605

bench-reports: $(VENV)/.installed-dev
	$(PY) bench/reports.py --postgres $(POSTGRES_URL) $(BENCH_REPORTS_ARGS)

bench-first-start:
	$(PYTHON) bench/first_start.py $(BENCH_FIRST_START_ARGS)

bench-catalog: $(VENV)/.installed-dev
	$(PY) bench/catalog.py --projects $${PROJECTS:-100000} --postgres $(POSTGRES_URL)

backup: $(VENV)/.installed
	$(MANAGE) export_all var/backup.xml.gz

restore: $(VENV)/.installed
	$(MANAGE) import_all var/backup.xml.gz

clean:
	rm -rf var $(VENV)

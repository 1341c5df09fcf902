# Kartoteka: `make` lists the targets. Nothing needs DATABASE_URL or REDIS_URL: without them,
# app/embedded/ starts PostgreSQL and Redis for the command and stops them after it.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
UV_VERSION := 0.13.8
# uv from PATH, else the one `make venv` installs into .tools.
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)

# Embedded servers keep the dev database here (`kartoteka run` uses the same directory).
DATA_DIR := .data
TMP := $(or $(TMPDIR),/tmp)
# `$(WITH_SERVICES) DIR -- CMD` runs CMD with DATABASE_URL/REDIS_URL: yours when set,
# otherwise embedded servers kept in DIR (reused if another command already runs them there).
WITH_SERVICES := $(PY) -m app.embedded env
PYTEST := $(PY) -m pytest -n 2 $(PYTEST_ARGS)
SEED_ARGS ?= --tenant demo --customers 10000

.PHONY: help venv run dev test test-py test-citus bench-citus wrk contract audit migrate openapi openapi-check bench seed backup restore lint format \
	typecheck frontend-install frontend-build frontend-test clients clients-check clients-install clean

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-17s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# Python environment

venv: $(VENV)/.synced ## Create or update .venv from uv.lock (installs uv into .tools if needed)

$(VENV)/.synced: pyproject.toml uv.lock | $(filter .tools/%,$(UV))
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --extra embedded
	@touch $@

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

# Running

run: venv frontend-build ## Run the API (serving the built SPA) and the worker on the dev database
	$(BIN)/kartoteka run

dev: venv ## Run the API and the worker with auto-reload; `npm run dev` in frontend/ serves the SPA
	$(BIN)/kartoteka run --reload

migrate: venv ## Migrate the dev database to the latest revision
	$(WITH_SERVICES) $(DATA_DIR) -- $(BIN)/kartoteka migrate

seed: migrate ## Add demo customers to the dev database (SEED_ARGS="--tenant demo --customers 100000")
	$(WITH_SERVICES) $(DATA_DIR) -- $(BIN)/kartoteka seed $(SEED_ARGS)

backup: migrate ## Back up the dev database (FILE=kartoteka.dump) with pg_dump
	$(WITH_SERVICES) $(DATA_DIR) -- $(BIN)/kartoteka backup $(or $(FILE),kartoteka.dump)

restore: venv ## Replace the dev database with a backup (FILE=kartoteka.dump); stop `make run` first
	$(WITH_SERVICES) $(DATA_DIR) -- $(BIN)/kartoteka restore --yes $(or $(FILE),kartoteka.dump)

bench: venv wrk frontend-build ## Run the benchmarks (bench/) on their own durable embedded database in .data/bench
	$(WITH_SERVICES) $(DATA_DIR)/bench -- $(PY) -m bench $(BENCH_ARGS)

wrk: # the load generator of the throughput figures, from the system's packages when we may
	@command -v wrk >/dev/null || { if [[ $$(id -u) == 0 ]] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk; \
	else echo "bench: wrk is missing (apt-get install wrk): throughput figures are skipped" >&2; fi; }

CITUS_BENCH_CUSTOMERS ?= 100000
bench-citus: venv wrk ## The Citus section of docs/benchmarks.md: a throwaway durable 3-node cluster, $(CITUS_BENCH_CUSTOMERS) customers
	$(PY) scripts/citus_cluster.py run --bench -- $(WITH_SERVICES) $(DATA_DIR)/bench-citus -- \
		$(PY) -m bench --suite citus --customers $(CITUS_BENCH_CUSTOMERS)

# Checks

test: venv ## Everything CI checks: format, lint, import layers, types, pytest, OpenAPI drift, frontend
	$(MAKE) lint
	$(BIN)/mypy app
	$(MAKE) clients-install
	$(MAKE) test-py
	$(MAKE) openapi-check
	$(MAKE) clients-check
	$(MAKE) frontend-test
	$(MAKE) audit

test-py: venv ## Run pytest (PYTEST_ARGS=...) on fresh embedded servers, or on DATABASE_URL/REDIS_URL
	@if [[ -n "$${DATABASE_URL:-}" && -n "$${REDIS_URL:-}" ]]; then \
		$(PYTEST); \
	else \
		data=$$(mktemp -d "$(TMP)/kartoteka-test.XXXXXX"); \
		trap 'rm -rf "$$data"' EXIT; \
		$(WITH_SERVICES) --profile throwaway "$$data" -- $(PYTEST); \
	fi

test-citus: venv clients-install ## The whole pytest suite (PYTEST_ARGS=...) on a throwaway 3-node Citus cluster (scripts/citus_cluster.py)
	@data=$$(mktemp -d "$(TMP)/kartoteka-test.XXXXXX"); \
	trap 'rm -rf "$$data"' EXIT; \
	$(PY) scripts/citus_cluster.py run -- $(WITH_SERVICES) --profile throwaway "$$data" -- $(PYTEST)

contract: venv ## Only the schemathesis run (pinned, every check, seed 42; also part of test-py) on a fresh database
	$(MAKE) test-py PYTEST_ARGS="tests/contract"

audit: venv ## Known vulnerabilities: pip-audit (uv.lock) and npm audit --audit-level=high; exceptions in audit-exceptions.toml
	$(PY) scripts/audit.py $(UV)

lint: venv ## Check formatting and lint with ruff, and the import layers of app/ (pyproject.toml) with lint-imports
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-logo --no-cache

format: venv ## Format and fix what ruff can fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: venv ## Type-check app/ with mypy
	$(BIN)/mypy app

# OpenAPI: the committed spec is what the frontend's types are generated from.

openapi: venv ## Regenerate openapi/openapi.json (and the frontend's types from it)
	@tmp=$$(mktemp); trap 'rm -f "$$tmp"' EXIT; \
	$(PY) -m app.openapi_dump > "$$tmp"; \
	mkdir -p openapi; cp "$$tmp" openapi/openapi.json
	@echo "openapi/openapi.json regenerated"
	@if [[ -f frontend/package.json ]]; then \
		$(MAKE) frontend-install; \
		npm --prefix frontend run gen:api; \
	fi
	$(MAKE) clients

openapi-check: venv ## Fail if openapi/openapi.json is not what the code generates
	@tmp=$$(mktemp); trap 'rm -f "$$tmp"' EXIT; \
	$(PY) -m app.openapi_dump > "$$tmp"; \
	if ! diff -u openapi/openapi.json "$$tmp"; then \
		echo "openapi/openapi.json is out of date: run 'make openapi' and commit the result." >&2; \
		exit 1; \
	fi
	@echo "openapi/openapi.json is up to date"

# Partner SDKs generated from the committed spec: clients/python (openapi-python-client, run
# from its own pinned environment in clients/python-codegen, not the app's) and
# clients/typescript (openapi-typescript types + openapi-fetch). tests/partners drives both
# against the real app.

CODEGEN := clients/python-codegen
CODEGEN_PY := $(CODEGEN)/.venv/bin/python

clients-install: $(CODEGEN)/.venv/.synced clients/typescript/node_modules/.installed ## The generator's Python environment and npm ci in clients/typescript

$(CODEGEN)/.venv/.synced: $(CODEGEN)/requirements.txt | $(filter .tools/%,$(UV))
	$(UV) venv --quiet --allow-existing --python 3.11 $(CODEGEN)/.venv
	$(UV) pip install --quiet --python $(CODEGEN_PY) --require-hashes -r $(CODEGEN)/requirements.txt
	@touch $@

clients/typescript/node_modules/.installed: clients/typescript/package.json clients/typescript/package-lock.json
	npm --prefix clients/typescript ci --no-audit --no-fund
	@touch $@

clients: clients-install ## Regenerate the partner clients (clients/python, clients/typescript) from openapi/openapi.json
	$(CODEGEN_PY) $(CODEGEN)/generate.py
	npm --prefix clients/typescript run gen

clients-check: clients-install ## Fail if a generated client is stale vs openapi/openapi.json; type-check, unit-test and build the TypeScript one
	$(CODEGEN_PY) $(CODEGEN)/generate.py --check
	npm --prefix clients/typescript run check

# Frontend: each target is a no-op until frontend/package.json exists.

ifneq ($(wildcard frontend/package.json),)
FRONTEND_SOURCES := $(shell find frontend -path frontend/node_modules -prune \
	-o -path frontend/dist -prune -o -path frontend/test-results -prune \
	-o -path frontend/e2e -prune -o -type f -print)

frontend-install: frontend/node_modules/.installed ## npm ci in frontend/ (again when the lock file changes)

frontend/node_modules/.installed: frontend/package.json $(wildcard frontend/package-lock.json)
	npm --prefix frontend ci
	@touch $@

frontend-build: frontend/dist/index.html ## Build the SPA into frontend/dist (again when a source changes)

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	npm --prefix frontend run build
	@touch $@

frontend-test: frontend-install ## Run the frontend checks (npm run check: types, lint, unit, build, e2e)
	E2E_SCREENSHOTS=$(CURDIR)/docs/screenshots npm --prefix frontend run check
else
frontend-install frontend-build frontend-test:
	@echo "$@: skipped, there is no frontend/package.json"
endif

clean: ## Remove the environments, the dev data and the frontend build
	rm -rf .venv .tools .data frontend/node_modules frontend/dist .pytest_cache .mypy_cache .ruff_cache

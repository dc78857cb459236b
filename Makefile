# Two commands: `make run` serves the demo site; `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

# Both cores: tests are spread one by one, except groups that share an expensive start
# (the deployment tests, the live worker tests, the browser), which each stay on one
# worker. (Three processes were measured slower: the live groups' servers compete too.)
PYTEST_PARALLEL := -n 2 --dist loadgroup
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-postgres test-slow lint format bench bench-postgres clean client client-check client-example

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# `make run PORT=8123` serves on another port: the demo site's address (every absolute URL,
# images included) follows it, and answers cached under the old address are retired.
PORT ?= 8000
run: export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
run: $(VENV)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_admin
	$(MANAGE) fediverse_account
	$(MANAGE) fediverse_account --project PERMANET
	@echo "Serving on $(PUBLIC_BASE_URL) (admin at $(PUBLIC_BASE_URL)/admin/), with the worker; Ctrl-C stops both"
	$(BIN)/honcho -f Procfile.dev start --port $(PORT)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_PARALLEL)

# The same suite on PostgreSQL (CI runs it after `make test`).
test-postgres: $(VENV)/.installed
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest $(PYTEST_PARALLEL)

# Fresh installs, long property-based, soak and scan runs: all of them on SQLite, and on
# PostgreSQL those whose outcome can depend on the database.
test-slow: $(VENV)/.installed
	$(BIN)/pytest $(PYTEST_PARALLEL) -m slow
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest $(PYTEST_PARALLEL) -m "slow and not engine_independent"

# The TypeScript client: types generated from the OpenAPI description, then type-checked
# with the example. `client-check` (CI) also fails when the committed client is stale.
CLIENT := clients/typescript
client: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) openapi $(CLIENT)/openapi.json
	cd $(CLIENT) && npm ci --no-audit --no-fund --loglevel=error && npm run --silent generate && npm run --silent check

# The TypeScript example against a running site (`make run` in another terminal first;
# NEWS_API_URL=https://… for another site): compiled with the client's own tsc, run by node.
client-example:
	cd $(CLIENT) && npm ci --no-audit --no-fund --loglevel=error \
		&& npx tsc --noEmit false --outDir .example-build && node .example-build/example.js

client-check: client
	git diff --exit-code -- $(CLIENT) || (echo "clients/typescript is stale: run make client and commit"; exit 1)

bench: $(VENV)/.installed
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m bench.run

# The network-scale figures on PostgreSQL (1,000, 10,000 and 100,000 stories): the
# first run builds each size once (about 25 minutes for all three), later runs reuse them.
bench-postgres: $(VENV)/.installed
	DATABASE_URL=$${DATABASE_URL:-$(POSTGRES_URL)} $(BIN)/python -m bench.scale

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .dev-admin-credentials

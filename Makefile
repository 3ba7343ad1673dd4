# Two commands: `make run` (set up and serve the Bromley demo) and `make test` (set up and run every check).
# Both work on a fresh Debian machine with nothing installed by hand. `make serve` runs it as in production.

SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# Debian's python3 is 3.11, and pyenv's python3.12 shim fails unless a version is selected: find a real 3.12.
PYTHON312 := $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 /usr/bin/python3.12; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1 && { echo $$p; break; }; done)
# Shared libraries WeasyPrint loads, a font for PDFs, and Chromium, which draws the packs' charts (kaleido)
# and runs the browser tests.
DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core chromium
DEBIAN_TEST_PACKAGES := poppler-utils

.PHONY: run serve test lint check pytest system-deps test-system-deps assets demo clean

$(BIN)/.installed: pyproject.toml requirements.lock
	@test -n "$(PYTHON312)" || { echo "python3.12 not found: install Python 3.12 (Django 6.1 needs it)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON312) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $@

system-deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES) $(EXTRA_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

test-system-deps:
	@$(MAKE) --no-print-directory system-deps EXTRA_PACKAGES="$(DEBIAN_TEST_PACKAGES)"

# The real public crime and population files, when the shared folder sits beside the project.
SHARED_DATA ?= ../shared/data

demo: system-deps $(BIN)/.installed
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo --without-packs
	@if ls $(SHARED_DATA)/MPS_*.csv >/dev/null 2>&1; then \
		DJANGO_DEBUG=1 $(BIN)/python manage.py import_crime $(SHARED_DATA)/MPS_*.csv && \
		DJANGO_DEBUG=1 $(BIN)/python manage.py import_population $(SHARED_DATA)/ons_mye_london_population_2011-2024_long.csv; \
	else echo "No MPS files in $(SHARED_DATA): crime figures stay empty until you import a release."; fi
	@if ls $(SHARED_DATA)/policeuk/leicestershire/*-street.csv >/dev/null 2>&1; then \
		DJANGO_DEBUG=1 $(BIN)/python manage.py import_lookup $(SHARED_DATA)/lookups/LSOA11_WD19_LAD19_EW_LU.csv && \
		DJANGO_DEBUG=1 $(BIN)/python manage.py import_crime $(SHARED_DATA)/policeuk/leicestershire/*-street.csv && \
		DJANGO_DEBUG=1 $(BIN)/python manage.py import_population $(SHARED_DATA)/population/ons_census2021_population_datadownload.xlsx; \
	else echo "No police.uk files in $(SHARED_DATA): the Charnwood figures stay empty until you import them."; fi
	# Now the figures are in, record the June 2021 pack as published (a published pack never changes after).
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo

# The task worker (PDF packs) runs beside the web server and stops with it.
run: demo
	DJANGO_DEBUG=1 $(BIN)/python manage.py db_worker & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# As in production (README, Running it for real): DEBUG off, gunicorn and the task worker, static files hashed
# and compressed by collectstatic. It serves whatever database is there and loads no demo data. Plain HTTP on
# 127.0.0.1, so neither the HTTPS redirect nor Secure-only cookies unless you say so; a throwaway secret key is made once into
# .secret_key (not in git) when DJANGO_SECRET_KEY is not set.
SECRET_KEY_FILE := .secret_key
SERVE_ENV := DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-localhost,127.0.0.1} \
	DJANGO_SECURE_COOKIES=$${DJANGO_SECURE_COOKIES:-0} DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-0} \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$(cat $(SECRET_KEY_FILE))}

serve: system-deps $(BIN)/.installed staticfiles/staticfiles.json
	@test -n "$$DJANGO_SECRET_KEY" -o -s $(SECRET_KEY_FILE) || { (umask 077; $(BIN)/python -c \
		"from django.core.management.utils import get_random_secret_key as k; print(k())" > $(SECRET_KEY_FILE)); \
		echo "DJANGO_SECRET_KEY is not set: made a throwaway one in $(SECRET_KEY_FILE)."; }
	$(SERVE_ENV) $(BIN)/python manage.py migrate --no-input
	$(SERVE_ENV) $(BIN)/python manage.py db_worker & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(SERVE_ENV) PORT=$(PORT) $(BIN)/gunicorn -c sbp/gunicorn.conf.py sbp.wsgi

# Collected again only when a static file or a package (plotly, Django's admin) changed: compressing plotly.js
# takes most of a minute. Without --clear, hashed files of the previous release stay for pages still cached.
staticfiles/staticfiles.json: $(shell find static -type f) requirements.lock sbp/staticfiles.py | $(BIN)/.installed
	DJANGO_DEBUG=0 DJANGO_STATIC_MANIFEST=1 DJANGO_SECRET_KEY=collectstatic-only $(BIN)/python manage.py collectstatic --no-input -v 0

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --check --lint

check: $(BIN)/.installed
	DJANGO_SECRET_KEY=check-only $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SECRET_KEY=check-only $(BIN)/python manage.py makemigrations --check --dry-run

pytest: test-system-deps $(BIN)/.installed
	$(BIN)/pytest $(PYTEST_ARGS)
	$(BIN)/pytest -m "browser or isolated" $(PYTEST_ARGS)

test: lint check pytest

# Rebuild the compiled GOV.UK Frontend CSS and JS (committed, so set-up needs no npm).
assets:
	cd frontend && npm install --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles

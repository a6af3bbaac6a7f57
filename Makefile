# Two commands: `make run` starts the app on a demo library; `make test` runs the whole suite.
# Both install into .venv only when requirements.txt changed since the last install.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
REQ_HASH := $(shell sha256sum requirements.txt | cut -c1-16)
STAMP := $(VENV)/.installed-$(REQ_HASH)
PORT ?= 8501
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test install sysdeps bench-ingest bench-similar seaweedfs postgres postgres-stop

install: $(STAMP)

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

# System tools the tests use: exiftool writes real photo metadata, Chromium drives the pages, and PostgreSQL
# serves the shared-catalog tests (they start their own server).
sysdeps:
	@command -v exiftool >/dev/null && test -x /usr/bin/chromium && ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libimage-exiftool-perl chromium \
			postgresql >/dev/null; }

run: install
	$(PY) -m dam demo --if-empty
	$(PY) -m dam purge-trash >/dev/null
	$(VENV)/bin/streamlit run serve.py --server.port $(PORT)

test: install sysdeps
	$(PY) -m pytest -n 2 -q

bench-ingest: install
	$(PY) -m dam bench ingest

# Find similar on real photographs: the distractors come from Debian packages (dam/bench/similar_sources.py).
SIMILAR_PHOTOS := mate-backgrounds lomiri-wallpapers-16.04 plasma-workspace-wallpapers gcompris-qt-data
bench-similar: install
	@dpkg -s $(SIMILAR_PHOTOS) >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $(SIMILAR_PHOTOS) >/dev/null; }
	$(PY) -m dam bench similar

# A local SeaweedFS with its S3 gateway on 127.0.0.1:$(S3_PORT), for a library on object storage (docs/deploy.md).
# It prints the variables to export; Ctrl-C stops it, and its data stays in data-seaweedfs/.
S3_PORT ?= 8333
seaweedfs: install
	$(PY) -m dam.storage.seaweed --dir data-seaweedfs --port $(S3_PORT)

# A local PostgreSQL (Debian's server) on 127.0.0.1:$(PG_PORT) for a catalog shared by several replicas
# (docs/deploy.md). It prints the DAM_CATALOG to export; `make postgres-stop` stops it; data in data-postgres/.
PG_PORT ?= 5433
postgres: install
	$(PY) -m dam.db.pglocal start --dir data-postgres --port $(PG_PORT)

postgres-stop: install
	$(PY) -m dam.db.pglocal stop --dir data-postgres

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

.PHONY: run test install sysdeps bench-ingest

install: $(STAMP)

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

# System tools the tests use: exiftool writes real photo metadata, Chromium drives the pages.
sysdeps:
	@command -v exiftool >/dev/null && test -x /usr/bin/chromium || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libimage-exiftool-perl chromium >/dev/null; }

run: install
	$(PY) -m dam demo --if-empty
	$(PY) -m dam purge-trash >/dev/null
	$(VENV)/bin/streamlit run serve.py --server.port $(PORT)

test: install sysdeps
	$(PY) -m pytest -n 2 -q

bench-ingest: install
	$(PY) -m dam bench ingest

# The README's two commands: `make demo` and `make test`. Each makes the virtual environment,
# installs the project, and fetches and starts the local Neo4j when needed.
# pip's cache stays in ~/.cache/pip, Maven's in ~/.m2, the Neo4j jars in ~/.cache/geokg.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv neo4j lint test demo bench chromium eval train audit
.NOTPARALLEL:

venv: $(STAMP)

# Reinstall only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -e '.[dev,notebooks,parquet,dask]'
	touch $@

neo4j: venv
	$(BIN)/geokg neo4j start

lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy

# Debian's Chromium (with CJK fonts for the Japanese labels) for the browser tests.
chromium:
	@if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
		if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
		$$sudo apt-get update -q && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk; \
	fi

test: venv chromium neo4j lint
	$(BIN)/pytest

# `geokg demo` starts the local Neo4j itself (unless NEO4J_URI is set), and without Java it
# says what to do and still extracts the seeds and draws the map.
demo: venv
	$(BIN)/geokg demo

# Speed figures as ratios measured in one run (machines are noisy): extraction against
# tokenization alone, loading against plain CREATE, each canned query's latency, and scale on
# generated articles in a scratch server: at 10k the workers speed-up, load, query p50/p95, peak
# RSS and the bulk import against the incremental load; at 100k load and queries (about 15 min);
# at 1M too with `make bench BENCH_1M=1` (hours).
bench: venv neo4j
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_length.py
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_queries.py
	$(BIN)/python bench/bench_scale.py --articles 10000
	$(BIN)/python bench/bench_scale.py --articles 100000 --no-bulk
	$(if $(BENCH_1M),$(BIN)/python bench/bench_scale.py --articles 1000000 --no-bulk)

# The extractor scored on every real-news set assembled under ~/.cache/geokg-eval (the seed,
# the shared calibration set, this project's dev and blind parts); absent sets are named.
eval: venv
	$(BIN)/python eval/score_sets.py

# Refit the candidate ranker (loaders/data/ranker.json) on the assembled development sets
# (never the blind part); prints the cross-validated events F1 with and without it.
train: venv
	$(BIN)/python eval/train_ranker.py

# Known vulnerabilities in the installed dependencies (needs PyPI's vulnerability API; not part
# of `make test`, whose answer must not change from one day to the next: see the README).
audit: venv
	$(BIN)/python -m pip install -q pip-audit
	$(BIN)/pip-audit --skip-editable --strict

# dvc-analysis: two commands on a fresh machine with Python 3.10+ and pip:
#   make report   -> builds .venv if missing, then the whole report into reports/
#   make test     -> installs the test tools, then runs the test suite (notebooks included)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
OUT    ?= reports

# Stamp files: reinstall only when pyproject.toml changes (or the venv is new).
RUNTIME_STAMP := $(VENV)/.stamp-runtime
DEV_STAMP     := $(VENV)/.stamp-dev
LAB_STAMP     := $(VENV)/.stamp-lab

.PHONY: report test test-spark lab lint bench bench-dossiers eval eval-learnt clean help check-docs office-tools

help:
	@echo "make report | test | test-spark | lab | lint | bench | bench-dossiers | eval | eval-learnt | check-docs | clean"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@ $(RUNTIME_STAMP) $(LAB_STAMP)

$(LAB_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[lab]"
	@touch $@ $(RUNTIME_STAMP)

report: $(RUNTIME_STAMP)
	$(BIN)/dvc-analysis report --out $(OUT)

test: $(DEV_STAMP)
	$(PY) -m pytest

# The dossier rules on Apache Spark: installs the [spark] extra and, when no java is found, a
# Java runtime (Debian package; needs root), then checks DuckDB and Spark agree on 1M dossiers.
test-spark: $(DEV_STAMP)
	$(PY) -m pip install --quiet -e ".[dev,spark]"
	@command -v java >/dev/null 2>&1 || (apt-get update && apt-get install -y default-jre-headless)
	DVC_SPARK_ROWS=1000000 $(PY) -m pytest tests/test_dossiers_spark.py -q

# LibreOffice (Writer, no GUI) and poppler from Debian, installed only when missing
APT := $(shell command -v apt-get 2>/dev/null)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
office-tools:
	@if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then \
	  if [ -z "$(APT)" ]; then echo "install LibreOffice and poppler-utils first"; exit 1; fi; \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y \
	    --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-liberation; \
	fi

# the Word report as a reader gets it: report.docx -> PDF -> one PNG per page in $(OUT)/pdf/trang
check-docs: office-tools $(RUNTIME_STAMP)
	$(BIN)/dvc-analysis report --out $(OUT)
	$(PY) -m dvc_analysis.report.office $(OUT)/report.docx $(OUT)/pdf

lab: $(LAB_STAMP)
	$(BIN)/jupyter lab notebooks/

lint: $(DEV_STAMP)
	$(BIN)/ruff check .

bench: $(DEV_STAMP)
	$(PY) benchmarks/bench.py
	$(PY) benchmarks/bench_figures.py
	$(PY) benchmarks/bench_report.py
	$(PY) benchmarks/bench_extract.py
	$(PY) benchmarks/bench_extract_scaling.py
	$(PY) benchmarks/bench_import.py
	$(PY) benchmarks/bench_survey.py
	$(PY) benchmarks/bench_dossiers.py --quick

# dossier engine at scale: 1M / 10M (/ 50M with FULL=1) Parquet rows, 1M XLSX rows, pandas baseline
bench-dossiers: $(DEV_STAMP)
	$(PY) benchmarks/bench_dossiers.py $(if $(FULL),--full,)

eval: $(DEV_STAMP)
	$(PY) benchmarks/eval_corpus.py --part heldout18
	@echo "--- in-sample (the five bundled sources the older rules were written from) ---"
	$(PY) benchmarks/eval_barriers.py
	$(PY) benchmarks/eval_extract.py

# a learnt baseline for the barrier coder, trained and scored by document on the corpus's dev part
eval-learnt: $(DEV_STAMP)
	$(PY) -m pip install --quiet -e ".[dev,eval]"
	$(PY) benchmarks/learnt_baseline.py

clean:
	rm -rf $(VENV) $(OUT) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

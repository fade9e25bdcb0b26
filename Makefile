PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[test,ray]'
	touch $(STAMP)

DB ?= quotegraph.db

run: $(STAMP)
	$(BIN)/quotegraph ingest quotegraph/samples --db $(DB) --no-progress
	$(BIN)/quotegraph speakers --db $(DB) --top 10
	@echo "quotegraph: open http://127.0.0.1:8000/ (Ctrl+C to stop)"
	$(BIN)/quotegraph serve --db $(DB) --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info

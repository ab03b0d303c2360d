# One-command set-up for a fresh Debian/Ubuntu machine (no display, only Python needed).
#   make run   - install everything and start the app's demo (window, or headless without a screen)
#   make test  - install everything and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
APT_PKGS := libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 \
            libxkbcommon0 fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
            libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 \
            libxcb-xkb1 libxkbcommon-x11-0 libwayland-client0 libwayland-cursor0 libwayland-egl1 \
            xvfb xauth binutils

.PHONY: setup system-deps venv run test lint bench clean package test-packaging

setup: system-deps venv

system-deps:
	@bash packaging/install_system_deps.sh $(APT_PKGS)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

venv: $(VENV)/.installed

# the window's demo when there is a screen; the headless analysis demo otherwise
run: setup
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(VENV)/bin/stacklens gui --demo; \
	else echo "No display: running the headless demo (stacklens gui --demo needs a screen)."; \
	$(VENV)/bin/stacklens demo; fi

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests --ignore=tests/bench

# ruff, and mypy on the shipped packages ([tool.mypy] in pyproject.toml)
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy stacklens_desktop pos_simulator

bench: setup
	$(PY) -m tests.bench.run_all

# the PyInstaller bundle dist/StackLens, and on Linux its .tar.gz and .deb (packaging/README.md)
package: venv
	$(PY) packaging/build.py

# builds the bundle and the .deb, installs it into a temporary root, runs its --self-test
test-packaging: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m packaging tests/packaging

clean:
	rm -rf $(VENV) build dist *.egg-info

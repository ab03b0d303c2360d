# One-command set-up for a fresh Debian/Ubuntu machine (no display, only Python needed).
#   make run   - install everything and start the app's demo (window, or headless without a screen)
#   make test  - install everything and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
#: the app alone (make run): no test or build tools in its environment
APP_VENV ?= .venv-app
#: pinned with hashes (make lock regenerates them from pyproject.toml)
LOCK_APP := packaging/requirements/app.txt
LOCK_DEV := packaging/requirements/dev.txt
APT_PKGS := libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 \
            libxkbcommon0 fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
            libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 \
            libxcb-xkb1 libxkbcommon-x11-0 libwayland-client0 libwayland-cursor0 libwayland-egl1 \
            xvfb xauth binutils
#: team mode's tests start a throw-away PostgreSQL cluster (server binaries, not a service)
PG_PKGS  := postgresql

.PHONY: setup system-deps test-system-deps venv app-venv run test lint lock bench clean package test-packaging

setup: system-deps venv

system-deps:
	@bash packaging/install_system_deps.sh $(APT_PKGS)

# the tests also need the PostgreSQL server binaries (the app itself does not)
test-system-deps:
	@bash packaging/install_system_deps.sh $(APT_PKGS) $(PG_PKGS)

# the dev environment: the locked app and dev dependencies, then the project itself
$(VENV)/.installed: pyproject.toml $(LOCK_DEV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r $(LOCK_DEV)
	$(PY) -m pip install -q --no-deps -e .
	touch $@

venv: $(VENV)/.installed

# the app's environment: only what the app needs at run time
$(APP_VENV)/.installed: pyproject.toml $(LOCK_APP)
	$(PYTHON) -m venv $(APP_VENV)
	$(APP_VENV)/bin/python -m pip install -q --upgrade pip
	$(APP_VENV)/bin/python -m pip install -q --require-hashes -r $(LOCK_APP)
	$(APP_VENV)/bin/python -m pip install -q --no-deps -e .
	touch $@

app-venv: $(APP_VENV)/.installed

# the demo: the window and the POS till beside it when there is a screen; without one
# (no DISPLAY / WAYLAND_DISPLAY, or one that does not answer) stacklens says so in one line
# and runs the same flow in the terminal (it decides before Qt loads: never a Qt abort)
run: system-deps app-venv
	$(APP_VENV)/bin/stacklens --demo

# regenerate the locks after a change of dependencies in pyproject.toml (needs pip-tools)
lock:
	$(PYTHON) -m piptools compile -q --generate-hashes --strip-extras --allow-unsafe \
	    --no-emit-index-url --no-emit-find-links -o $(LOCK_APP) pyproject.toml
	$(PYTHON) -m piptools compile -q --generate-hashes --strip-extras --allow-unsafe \
	    --no-emit-index-url --no-emit-find-links --extra dev -o $(LOCK_DEV) pyproject.toml

test: test-system-deps venv
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
	rm -rf $(VENV) $(APP_VENV) build dist *.egg-info

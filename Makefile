# Perceptrons from Scratch: everything needs only python3 (>= 3.10) and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# One stamp per install, each a pyproject extra: `lab` is what a learner needs (the notebooks' packages and
# JupyterLab), the full stamp adds the test tools (extra `test`). Another install: a stamp, an extra and
# a rule like these two.
LAB_STAMP := $(VENV)/.installed-lab
HUB_STAMP := $(VENV)/.installed-hub
STAMP     := $(VENV)/.installed
PORT   ?= 8888
# setuptools prints a boxed "Editable installation ... Please be careful" notice for every editable install,
# which reads like an error; it is a UserWarning of the build step, silenced for pip alone.
PIP    := PYTHONWARNINGS=ignore::UserWarning $(BIN)/python -m pip
# JupyterLab's defaults for this project (no "Jupyter news?" pop-up), installed into .venv as overrides.json.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
# The kernels' log without ipykernel's "running over TCP without encryption" notice (tools/ipython_kernel_config.py).
KERNEL_CONFIG := $(VENV)/etc/ipython/ipython_kernel_config.py
PROXY  := build/hub/proxy/node_modules/.bin/configurable-http-proxy

.PHONY: lab test check bench notebooks student site clean hub

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python >= 3.10 is needed, found " + sys.version.split()[0])'
	@echo "[1/2] Creating the virtual environment .venv (a few seconds)"
	$(PYTHON) -m venv $(VENV)
	@$(PIP) install --quiet --upgrade pip

$(LAB_STAMP): pyproject.toml | $(BIN)/python
	@echo "[2/2] Installing nnlib, numpy, matplotlib, ipywidgets and JupyterLab into .venv: the first time needs"
	@echo "      the network and takes 1-3 minutes (about 80 MB to download, 420 MB on disk). Progress below."
	$(PIP) install --progress-bar on -e '.[lab]'
	@touch $@

$(LAB_OVERRIDES): tools/jupyterlab-overrides.json | $(BIN)/python
	@mkdir -p $(dir $@)
	@cp $< $@

$(KERNEL_CONFIG): tools/ipython_kernel_config.py | $(BIN)/python
	@mkdir -p $(dir $@)
	@cp $< $@

$(HUB_STAMP): pyproject.toml $(LAB_STAMP) $(LAB_OVERRIDES) $(KERNEL_CONFIG)
	@echo "Installing JupyterHub and the idle culler into .venv for the room: about 1 minute the first time"
	$(PIP) install --progress-bar on -e '.[lab,hub]'
	@touch $@

$(STAMP): pyproject.toml $(LAB_STAMP) $(LAB_OVERRIDES) $(KERNEL_CONFIG)
	@echo "Installing the test tools (pytest, nbval, hypothesis, Playwright, ...) into .venv: about 1 minute the first time"
	$(PIP) install --progress-bar on -e '.[lab,test]'
	@touch $@

## make lab: start JupyterLab on the repository, open at notebook 0 (prints the URL on a headless machine)
lab: $(LAB_STAMP) $(LAB_OVERRIDES) $(KERNEL_CONFIG)
	@echo "Opening the series at notebooks/00_start_here.ipynb. If no browser opens, copy the"
	@echo "http://127.0.0.1:$(PORT)/lab/tree/notebooks/00_start_here.ipynb?token=... URL printed below. Ctrl+C stops it."
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) $(if $(DISPLAY)$(WAYLAND_DISPLAY)$(filter Darwin,$(shell uname -s)),,--no-browser) $(if $(filter 0,$(shell id -u)),--allow-root) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

## make test: the quick suite (about 40 s on 2 cores): unit + property tests, every notebook under nbval,
## the answer checks, student copies, the site; everything but the real-browser test and the hub tests
test: $(STAMP)
	@$(BIN)/python -m compileall -q nnlib course  # bytecode for every kernel, even where PYTHONDONTWRITEBYTECODE is set
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not browser and not hub"

## make check: make test plus the real-browser test and the hub tests, in one run: the README's test
## command, what CI runs (the hub's proxy is installed first where npm exists; without it they skip)
check: $(STAMP) $(if $(shell command -v npm),$(PROXY))
	@$(BIN)/python -m compileall -q nnlib course
	$(BIN)/python -m pytest -n 2 --dist loadfile

## make bench: speed ratios, measured side by side in one run
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

## make notebooks: re-execute every notebook in place (after a deliberate change)
notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py notebooks/*.ipynb

## make student: student copies (each solution replaced by a stub) in build/student/, zipped to build/student.zip
## (refuses to overwrite copies with a learner's answers in them; FORCE=1 overwrites them)
student: $(STAMP)
	$(BIN)/python tools/make_student.py --zip $(if $(FORCE),--force)

## make site: the static HTML version of the series in build/site/ (open build/site/index.html)
site: $(STAMP)
	$(BIN)/python tools/build_site.py $(if $(FORCE),--force)

## make hub: a JupyterHub for a workshop room on this machine (Linux, as root); HUB_PASSWORD is required,
## HUB_IP (0.0.0.0), HUB_PORT (8000), HUB_ADMIN optional: see README.md "Run a workshop room".
## The settings are checked before anything is installed; the proxy comes from npm into build/hub/proxy/.
$(PROXY):
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: the room's proxy (configurable-http-proxy) runs on Node.js. Debian/Ubuntu: sudo apt-get install nodejs npm; elsewhere: https://nodejs.org" >&2; exit 2; }
	npm install --silent --no-audit --no-fund --prefix build/hub/proxy configurable-http-proxy@5

hub:
	@$(PYTHON) hub/launch.py --check
	@$(MAKE) --no-print-directory $(HUB_STAMP) $(PROXY)
	$(BIN)/python hub/launch.py

## make clean: remove what the build and the tests made; build/student/ stays (it may hold learners' answers),
## and so does build/hub/ (a room's state)
clean:
	rm -rf build/site build/student.zip .pytest_cache .hypothesis test-artifacts

# Perceptrons from Scratch: everything needs only python3 (>= 3.10) and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888
PROXY  := build/hub/proxy/node_modules/.bin/configurable-http-proxy

.PHONY: lab test check bench notebooks student site clean hub

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python >= 3.10 is needed, found " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[lab,test]'
	@touch $(STAMP)

## make lab: start JupyterLab on the series (prints the URL on a headless machine)
lab: $(STAMP)
	@echo "Opening the series. If no browser opens, copy the http://127.0.0.1:$(PORT)/lab?token=... URL printed below."
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) $(if $(DISPLAY)$(WAYLAND_DISPLAY)$(filter Darwin,$(shell uname -s)),,--no-browser) $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/00_start_here.ipynb

## make test: the quick suite (about 50 s on 2 cores): unit + property tests, every notebook under nbval,
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
	$(BIN)/python tools/build_site.py

## make hub: a JupyterHub for a workshop room on this machine (Linux, as root); HUB_PASSWORD is required,
## HUB_IP (0.0.0.0), HUB_PORT (8000), HUB_ADMIN optional: see README.md "Run a workshop room".
## The settings are checked before anything is installed; the proxy comes from npm into build/hub/proxy/.
$(PROXY):
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: the room's proxy (configurable-http-proxy) runs on Node.js. Debian/Ubuntu: sudo apt-get install nodejs npm; elsewhere: https://nodejs.org" >&2; exit 2; }
	npm install --silent --no-audit --no-fund --prefix build/hub/proxy configurable-http-proxy@5

hub:
	@$(PYTHON) hub/launch.py --check
	@$(MAKE) --no-print-directory $(STAMP) $(PROXY)
	$(BIN)/python hub/launch.py

## make clean: remove what the build and the tests made; build/student/ stays (it may hold learners' answers),
## and so does build/hub/ (a room's state)
clean:
	rm -rf build/site build/student.zip .pytest_cache .hypothesis test-artifacts

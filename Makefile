# Perceptrons from Scratch: everything needs only python3 (>= 3.10) and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888

.PHONY: lab test check bench notebooks student site clean

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
## the answer checks, student copies, the site; everything but the real-browser test
test: $(STAMP)
	@$(BIN)/python -m compileall -q nnlib course  # bytecode for every kernel, even where PYTHONDONTWRITEBYTECODE is set
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not browser"

## make check: make test plus the real-browser test, in one run: the README's test command, what CI runs
check: $(STAMP)
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

## make clean: remove what the build and the tests made; build/student/ stays (it may hold learners' answers)
clean:
	rm -rf build/site build/student.zip .pytest_cache .hypothesis test-artifacts

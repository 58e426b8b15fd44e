"""Student copies (tools/make_student.py): stubs instead of solutions, nothing of the answer left.

One file on purpose: pytest-xdist's ``--dist loadfile`` keeps these kernels on one
worker. Each student notebook runs only up to its first stub, where it must stop
with NotImplementedError, and that exercise's check must then say "not answered
yet" without a traceback: what a learner sees after "Run All".

To stay fast, the real notebooks share one kernel, reset before each notebook
(every name deleted, figures closed); a test below proves nothing carries over.
"""
from __future__ import annotations

import ast
import re
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from series_fixture import ROOT, SOLUTION_ASSIGN, SOLUTION_DEF, make_series

sys.path.insert(0, str(ROOT / "tools"))
import make_student  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
HEADING = re.compile(r"^#{2,4}\s*Coding Exercise\s+(\d+\.\d+)\s*:", re.MULTILINE)


# ---- helpers -------------------------------------------------------------------------

def tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def exercises(nb, tag: str) -> list[tuple[str, str]]:
    return [make_student.exercise_header(c.source) for c in nb.cells if c.cell_type == "code" and tag in tags(c)]


def headings(nb) -> list[str]:
    return [m for c in nb.cells if c.cell_type == "markdown" for m in HEADING.findall(c.source)]


def answer_lines(source: str) -> list[str]:
    """The lines of a solution that give the answer away.

    Computed from the AST independently of the tool: everything except the
    exercise line, comments, imports, and each def's decorators, signature and
    docstring (which the stub keeps on purpose).
    """
    tree, lines = ast.parse(source), source.splitlines()
    kept = {0}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.body[0].lineno > node.lineno:
            start = node.decorator_list[0].lineno if node.decorator_list else node.lineno
            kept.update(range(start - 1, node.body[0].lineno - 1))
            if ast.get_docstring(node) is not None:
                kept.update(range(node.body[0].lineno - 1, node.body[0].end_lineno))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            kept.update(range(node.lineno - 1, node.end_lineno))
    return [ln.strip() for i, ln in enumerate(lines)
            if i not in kept and ln.strip() and not ln.strip().startswith("#")]


def code_lines(nb, skip_tag: str | None = None) -> set[str]:
    return {ln.strip() for c in nb.cells if c.cell_type == "code" and skip_tag not in tags(c)
            for ln in c.source.splitlines() if ln.strip()}


def leaked(instructor, student) -> list[str]:
    """Solution lines found in the student copy that the instructor copy has only in solutions."""
    elsewhere = code_lines(instructor, skip_tag="solution")
    in_student = code_lines(student)
    return [ln for c in instructor.cells if c.cell_type == "code" and "solution" in tags(c)
            for ln in answer_lines(c.source) if ln in in_student and ln not in elsewhere]


def stream_text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


RESET = ("import os, matplotlib.pyplot as _plt\n_plt.close('all')\nos.chdir({folder!r})\n"
         "get_ipython().run_line_magic('reset', '-f')")


def run_to_first_stub(path: Path, km: KernelManager) -> dict:
    """Execute a student notebook as "Run All" would, then run the check after the first stub.

    Returns where it stopped, the error there, and the output of that check. ``km``
    is a running kernel shared by the tests, to save a kernel start and the imports
    per notebook; it is first reset: figures closed, every name deleted
    (``%reset -f``), working directory set to the notebook's folder.
    """
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=60, kernel_name="python3", km=km,
                            resources={"metadata": {"path": str(path.parent)}})
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    try:
        with client.setup_kernel():
            reset = nbformat.v4.new_code_cell(RESET.format(folder=str(path.parent)))
            client.execute_cell(reset, 0)
            assert not [o for o in reset.outputs if o.output_type == "error"], reset.outputs
            for n, (index, cell) in enumerate(code):
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as exc:
                    result = {"cell": index, "stub": make_student.EXERCISE_TAG in tags(cell),
                              "ename": exc.ename, "evalue": exc.evalue, "check": None}
                    if result["stub"] and n + 1 < len(code):
                        check_index, check = code[n + 1]
                        try:
                            client.execute_cell(check, check_index)
                            result["check"] = stream_text(check)
                        except CellExecutionError as check_exc:
                            result["check"] = f"RAISED {check_exc.ename}: {check_exc.evalue}"
                        result["check_source"] = check.source
                    return result
    finally:
        # With a kernel manager of ours, nbclient leaves its client's channels open (the caller's to
        # close). Left open, each client's heartbeat thread keeps running and its zmq sockets are closed by
        # the garbage collector at some later moment in this worker, which warns, and once broke an
        # import in another test.
        if client.kc is not None:
            client.kc.stop_channels()
    return {"cell": None, "stub": False, "ename": None, "evalue": None, "check": None}


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory) -> Path:
    """A folder holding every student copy, as ``make student`` leaves it: notebook 00 reads its siblings.

    A notebook whose copy cannot be made fails only its own tests: the error is kept
    and raised by ``student_copy`` for that notebook.
    """
    folder = tmp_path_factory.mktemp("student")
    make_student.copy_extras(ROOT / "notebooks", folder)
    _COPY_ERRORS.clear()
    for path in NOTEBOOKS:
        try:
            nb = make_student.student_notebook(nbformat.read(path, as_version=4), path.parent, folder, path.name)
            nbformat.write(nb, folder / path.name)
        except Exception as exc:  # noqa: BLE001 - reported by the notebook's own test
            _COPY_ERRORS[path.name] = exc
    return folder


_COPY_ERRORS: dict[str, Exception] = {}


@pytest.fixture(scope="module")
def shared_kernel(student_dir):
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(student_dir))
    yield km
    km.shutdown_kernel(now=True)


def student_copy(path: Path, folder: Path) -> Path:
    if path.name in _COPY_ERRORS:
        raise _COPY_ERRORS[path.name]
    target = folder / path.name
    if not target.exists():
        nb = make_student.student_notebook(nbformat.read(path, as_version=4), path.parent, folder, path.name)
        nbformat.write(nb, target)
    return target


def test_make_student_copies_every_notebook(tmp_path):
    written = make_student.make_student(ROOT / "notebooks", tmp_path / "student")
    assert [p.name for p in written] == [p.name for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]


# ---- the tool, on input whose answer we know ------------------------------------------

def test_a_def_keeps_its_signature_and_docstring_and_loses_its_body():
    assert make_student.stub_source(SOLUTION_DEF) == (
        "# Exercise 1.1: return the weighted sum of the inputs plus the bias\n"
        "def weighted_sum(x, w, b: float = 0.0):\n"
        '    """Return w . x + b for one sample x of shape (d,)."""\n'
        "    ...\n"
        "\n"
        f"{make_student.DELETE_ME}\n"
        "raise NotImplementedError('Exercise 1.1: return the weighted sum of the inputs plus the bias')"
    )


def test_assignments_keep_their_names_and_lose_their_values_and_comments():
    stub = make_student.stub_source(SOLUTION_ASSIGN + "a, (b, c) = 1, (2, 3)\n")
    assert stub.splitlines() == [
        "# Exercise 1.2: choose weights and a bias for the AND gate",
        "w_and = ...",
        "b_and = ...",
        "a, (b, c) = ..., (..., ...)",
        "",
        make_student.DELETE_ME,
        "raise NotImplementedError('Exercise 1.2: choose weights and a bias for the AND gate')",
    ]
    namespace: dict = {}
    with pytest.raises(NotImplementedError, match="Exercise 1.2: choose weights"):
        exec(compile(stub, "stub", "exec"), namespace)
    assert namespace["w_and"] is Ellipsis and namespace["b_and"] is Ellipsis


@pytest.mark.parametrize("source, message", [
    ("w = 1\n", "first line must be '# Exercise N.k: <task>'"),
    ("# Exercise 2.1: loop\nfor i in range(3):\n    w = i\n", "only defs and assignments, found For"),
    ("# Exercise 2.1: print\nw = 1\nprint(w)\n", "found Expr"),
    ("# Exercise 2.1: broken\nw = (\n", "does not parse"),
])
def test_a_solution_cell_that_breaks_the_conventions_is_reported(source, message):
    with pytest.raises(make_student.StubError, match=re.escape(message)):
        make_student.stub_source(source)


def test_the_script_writes_stubs_clears_outputs_copies_files_and_zips(tmp_path, capsys):
    nbdir = make_series(tmp_path)
    out = tmp_path / "build" / "student"
    # main() is what `python tools/make_student.py ...` runs; called in-process (as test_site does), it
    # needs no second Python to start and import nbformat.
    assert make_student.main(["--src", str(nbdir), "--out", str(out), "--zip"]) == 0, capsys.readouterr().err
    assert "wrote 2 student notebooks" in capsys.readouterr().out
    demo = nbformat.read(out / "01_demo.ipynb", as_version=4)
    assert "widgets" not in demo.metadata
    assert all(c.outputs == [] and c.execution_count is None for c in demo.cells if c.cell_type == "code")
    assert exercises(demo, "exercise") == [("1.1", "return the weighted sum of the inputs plus the bias"),
                                           ("1.2", "choose weights and a bias for the AND gate")]
    assert leaked(nbformat.read(nbdir / "01_demo.ipynb", as_version=4), demo) == []
    assert (out / "images" / "neuron.png").read_bytes() == (nbdir / "images" / "neuron.png").read_bytes()
    contents = nbformat.read(out / "00_start_here.ipynb", as_version=4).cells[1].source
    assert "(../../README.md#running-a-workshop)" in contents  # still resolves from build/student/
    assert (out / "../../README.md").resolve() == (tmp_path / "README.md").resolve()
    with zipfile.ZipFile(tmp_path / "build" / "student.zip") as zf:
        assert {"student/00_start_here.ipynb", "student/01_demo.ipynb", "student/images/neuron.png"} <= set(zf.namelist())


def test_a_second_run_keeps_a_learners_answers_unless_forced(tmp_path, capsys):
    nbdir = make_series(tmp_path)
    out = tmp_path / "student"
    make_student.make_student(nbdir, out)
    # Running a copy (outputs, counts) is not work: a rerun may replace it.
    ran = nbformat.read(out / "01_demo.ipynb", as_version=4)
    ran.cells[-1].execution_count = 3
    nbformat.write(ran, out / "01_demo.ipynb")
    make_student.make_student(nbdir, out)
    # An answer written into a stub, and a notebook of the learner's own, are work.
    answered = nbformat.read(out / "01_demo.ipynb", as_version=4)
    stub = next(i for i, c in enumerate(answered.cells) if "exercise" in c.metadata.get("tags", []))
    answered.cells[stub].source = answered.cells[stub].source.replace("...", "w @ x + b", 1)
    nbformat.write(answered, out / "01_demo.ipynb")
    nbformat.write(nbformat.v4.new_notebook(), out / "scratch.ipynb")
    assert make_student.main(["--src", str(nbdir), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"01_demo.ipynb (changed: cell {stub})" in err and "scratch.ipynb" not in err  # not in the way
    assert "--force" in err
    assert (out / "scratch.ipynb").exists() and "w @ x + b" in (out / "01_demo.ipynb").read_text()  # untouched
    assert make_student.main(["--src", str(nbdir), "--out", str(out), "--force"]) == 0
    # --force overwrites the edited copy (one of the tool's outputs) and still keeps the learner's own notebook
    assert (out / "scratch.ipynb").exists() and "w @ x + b" not in (out / "01_demo.ipynb").read_text()


def test_the_leak_detector_finds_a_solution_line_left_in_a_copy(tmp_path):
    nbdir = make_series(tmp_path)
    instructor = nbformat.read(nbdir / "01_demo.ipynb", as_version=4)
    student = make_student.student_notebook(instructor)
    student.cells[5].source += "\n    total = float(np.dot(w, x))"
    assert leaked(instructor, student) == ["total = float(np.dot(w, x))"]


def test_a_student_notebook_stops_at_its_first_stub_and_its_check_says_not_answered(tmp_path, shared_kernel):
    nbdir = make_series(tmp_path)
    out = tmp_path / "student"
    make_student.make_student(nbdir, out)
    result = run_to_first_stub(out / "01_demo.ipynb", shared_kernel)
    assert (result["cell"], result["stub"], result["ename"]) == (5, True, "NotImplementedError")
    assert "Exercise 1.1: return the weighted sum" in result["evalue"]
    assert result["check"] == "Exercise: not answered yet.\n"


# ---- the real series -------------------------------------------------------------------

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_copy_lists_the_same_exercises_and_keeps_no_solution(path, student_dir):
    instructor = nbformat.read(path, as_version=4)
    student = nbformat.read(student_copy(path, student_dir), as_version=4)
    solutions = exercises(instructor, "solution")
    assert exercises(student, "exercise") == solutions
    assert headings(student) == headings(instructor)
    assert [n for n, _ in solutions] == headings(instructor), "each '### Coding Exercise N.k' needs its solution cell"
    assert not any("solution" in tags(c) for c in student.cells)
    assert all(c.outputs == [] and c.execution_count is None for c in student.cells if c.cell_type == "code")
    assert "widgets" not in student.metadata
    for cell in student.cells:
        if "exercise" in tags(cell):
            number, task = make_student.exercise_header(cell.source)
            assert cell.source.rstrip().endswith(f"raise NotImplementedError({f'Exercise {number}: {task}'!r})")
            compile(cell.source, path.name, "exec")
    assert leaked(instructor, student) == []
    assert len(student.cells) == len(instructor.cells)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_notebook_runs_up_to_its_first_stub(path, student_dir, shared_kernel):
    instructor = nbformat.read(path, as_version=4)
    result = run_to_first_stub(student_copy(path, student_dir), shared_kernel)
    if not exercises(instructor, "solution"):
        assert result["ename"] is None, f"cell {result['cell']} raised {result['ename']}: {result['evalue']}"
        return
    assert result["stub"], f"cell {result['cell']} raised {result['ename']}: {result['evalue']} before the first stub"
    assert result["ename"] == "NotImplementedError"
    number, task = exercises(instructor, "solution")[0]
    assert result["evalue"] == f"Exercise {number}: {task}"
    assert "not answered yet" in result["check"], (result["check_source"], result["check"])
    assert "Traceback" not in result["check"] and not result["check"].startswith("RAISED")


def test_the_shared_kernel_keeps_nothing_from_the_previous_notebook(tmp_path, shared_kernel):
    first, second = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import numpy as np\nleftover = 1")]), first)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(np, leftover)")]), second)
    assert run_to_first_stub(first, shared_kernel)["ename"] is None
    result = run_to_first_stub(second, shared_kernel)
    assert (result["ename"], result["stub"]) == ("NameError", False)


def test_running_a_notebook_on_the_shared_kernel_leaves_no_client_channels_open(tmp_path, shared_kernel):
    """Each client's heartbeat channel is a thread that runs until the client's channels are stopped."""
    import threading

    from jupyter_client.channels import HBChannel

    def heartbeats() -> set:
        return {t for t in threading.enumerate() if isinstance(t, HBChannel) and t.is_alive()}

    path = tmp_path / "one.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), path)
    before = heartbeats()
    run_to_first_stub(path, shared_kernel)
    assert heartbeats() - before == set()

"""Make the student copies of the series: every solution becomes a stub to fill in.

    python tools/make_student.py                     # notebooks/*.ipynb -> build/student/
    python tools/make_student.py --out DIR --zip     # also write DIR.zip to hand out
    python tools/make_student.py --force             # overwrite copies a learner has edited

The tool never deletes a file it did not write: a learner's own files in the
output folder stay, with or without ``--force``, and a copy whose cells they
edited is overwritten only with ``--force`` (see ``safe_output.py``). The output
folder may not be, lie inside, or contain the notebooks' folder, and a
malformed notebook stops the run, named, before anything is written.

In each cell tagged ``solution`` (see CONTRIBUTING.md):

- the first line, ``# Exercise N.k: <task>``, stays;
- every top-level ``def`` keeps its decorators, signature and docstring, and its
  body becomes ``...``;
- every assignment keeps its target names and its value becomes ``...``;
- imports stay; any other statement is an error (solution cells hold only defs
  and assignments), reported with the notebook and cell;
- every other comment is dropped (it may give the answer away);
- the cell ends with a comment saying what to do and
  ``raise NotImplementedError("Exercise N.k: <task>")``, and
  its tag becomes ``exercise``.

A code cell tagged ``verify`` (it checks the numbers the text states) stays as
it is, shown collapsed (``"jupyter": {"source_hidden": true}``); it may not
hold a solution.

Every output, execution count and the stored widget state are cleared; all
other cells stay as they are, so the answer checks still follow each exercise.
Files next to the notebooks (images, data) are copied too, and a relative link
that leaves the notebooks' folder is rewritten so it still resolves from the
student folder.
"""
from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from course_stats import SOLUTION as SOLUTION_TAG  # noqa: E402  (the tag names live in course_stats)
from course_stats import VERIFY as VERIFY_TAG  # noqa: E402
from safe_output import BadInput, OutputInTheWay, check_folders, publish, read_notebook, tree  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_OUT = ROOT / "build" / "student"
EXERCISE_TAG = "exercise"
DELETE_ME = "# Replace each ... above with your code, then delete the line below and run this cell."
HEADER = re.compile(r"#\s*Exercise\s+(\d+\.\d+)\s*:\s*(.+?)\s*$")


class StubError(ValueError):
    """A solution cell that cannot be turned into a stub (it breaks the conventions)."""


def exercise_header(source: str) -> tuple[str, str]:
    """The exercise number and task from a solution cell's first line ``# Exercise N.k: <task>``."""
    first = source.lstrip("\n").splitlines()[0] if source.strip() else ""
    match = HEADER.match(first.strip())
    if not match:
        raise StubError(f"the first line must be '# Exercise N.k: <task>', found {first!r}")
    return match.group(1), match.group(2)


def _stub_def(node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> str:
    """The def as written (decorators, signature, docstring), with ``...`` as its body."""
    first = node.body[0]
    start = node.decorator_list[0].lineno if node.decorator_list else node.lineno
    if first.lineno == node.lineno:  # a one-line def: rebuild it
        stub = type(node)(**{**{f: getattr(node, f) for f in node._fields},
                             "body": [ast.Expr(ast.Constant(Ellipsis))]})
        return ast.unparse(ast.fix_missing_locations(stub))
    header = [ln for ln in lines[start - 1:first.lineno - 1]
              if ln.strip() and not ln.strip().startswith("#")]
    indent = " " * first.col_offset
    body = []
    if ast.get_docstring(node, clean=False) is not None:
        body = lines[first.lineno - 1:first.end_lineno]
    return "\n".join([*header, *body, indent + "..."])


def _ellipsis_like(target: ast.expr, top: bool = True) -> str:
    """``...`` shaped like the target, so that unpacking still works: ``a, (b, c) = ..., (..., ...)``."""
    if isinstance(target, (ast.Tuple, ast.List)):
        inner = ", ".join(_ellipsis_like(t, False) for t in target.elts)
        return inner if top else f"({inner})"
    return "..."


def _stub_statement(node: ast.stmt, source: str, lines: list[str]) -> str:
    text = lambda n: ast.get_source_segment(source, n) or ast.unparse(n)  # noqa: E731
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return _stub_def(node, lines)
    if isinstance(node, ast.Assign):
        return " = ".join(text(t) for t in node.targets) + " = " + _ellipsis_like(node.targets[-1])
    if isinstance(node, ast.AnnAssign):
        return f"{text(node.target)}: {text(node.annotation)} = ..."
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return text(node)
    raise StubError(
        f"line {node.lineno}: a solution cell may hold only defs and assignments, "
        f"found {type(node).__name__}: {ast.unparse(node).splitlines()[0]!r}"
    )


def stub_source(source: str) -> str:
    """The student version of a solution cell's source."""
    number, task = exercise_header(source)
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise StubError(f"the solution does not parse: {exc}") from None
    if not tree.body:
        raise StubError("the solution cell holds no code")
    lines = source.splitlines()
    parts = [_stub_statement(node, source, lines) for node in tree.body]
    message = f"Exercise {number}: {task}"
    lines = [f"# Exercise {number}: {task}"]
    for part in parts:
        if "\n" in part and len(lines) > 1 and lines[-1] != "":
            lines.append("")
        lines.append(part)
        if "\n" in part:
            lines.append("")
    if lines[-1] != "":
        lines.append("")
    lines.append(DELETE_ME)
    lines.append(f"raise NotImplementedError({message!r})")
    return "\n".join(lines)


_LINK = re.compile(r"(\]\(\s*<?|(?:href|src)\s*=\s*[\"'])([^)\s\"'>]+)")


def relink(source: str, src_dir: Path, out_dir: Path) -> str:
    """Rewrite relative links that leave ``src_dir`` so they resolve from ``out_dir``."""

    def fix(match: re.Match) -> str:
        prefix, target = match.groups()
        if not target.startswith("../"):
            return match.group(0)
        path, sep, anchor = target.partition("#")
        new = os.path.relpath((src_dir / path).resolve(), out_dir.resolve()).replace(os.sep, "/")
        return prefix + new + sep + anchor

    return _LINK.sub(fix, source)


def student_notebook(nb: nbformat.NotebookNode, src_dir: Path | None = None,
                     out_dir: Path | None = None, name: str = "notebook") -> nbformat.NotebookNode:
    """A student copy of an instructor notebook (a new object; ``nb`` is left as it is)."""
    nb = nbformat.from_dict(nb)
    nb.metadata.pop("widgets", None)
    for index, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            if SOLUTION_TAG in tags:
                try:
                    cell.source = stub_source(cell.source)
                except StubError as exc:
                    raise StubError(f"{name}, cell {index}: {exc}") from None
                cell.metadata["tags"] = [EXERCISE_TAG if t == SOLUTION_TAG else t for t in tags]
            if VERIFY_TAG in tags:
                if SOLUTION_TAG in tags:
                    raise StubError(f"{name}, cell {index}: a cell tagged {VERIFY_TAG!r} cannot hold a solution")
                cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
            cell.metadata.pop("execution", None)
        elif cell.cell_type == "markdown" and src_dir is not None and out_dir is not None:
            cell.source = relink(cell.source, src_dir, out_dir)
    return nb


def copy_extras(src: Path, out: Path) -> None:
    """Copy the files next to the notebooks (images and data they show or read), keeping their folders."""
    for extra in Path(src).rglob("*"):
        rel = extra.relative_to(src)
        if extra.is_file() and extra.suffix != ".ipynb" and not any(
                p.startswith(".") or p == "__pycache__" for p in rel.parts):
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(extra, out / rel)


WorkWouldBeLost = OutputInTheWay  # the name this tool used before


def _sources(nb: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in nb.cells]


def only_run(existing: Path, new: Path) -> bool:
    """True if the copy ``existing`` has the cells of ``new``: only outputs or counts differ (running is not work)."""
    if existing.suffix != ".ipynb":
        return False
    try:
        return _sources(nbformat.read(existing, as_version=4)) == _sources(nbformat.read(new, as_version=4))
    except Exception:  # noqa: BLE001 - unreadable: treat it as work
        return False


def changes(existing: Path, new: Path) -> str:
    """How the copy ``existing`` differs from ``new``, in a few words (for the list of what is in the way)."""
    try:
        theirs, mine = _sources(nbformat.read(existing, as_version=4)), _sources(nbformat.read(new, as_version=4))
    except Exception:  # noqa: BLE001
        return "unreadable" if existing.suffix == ".ipynb" else "changed"
    changed = [str(i) for i, (a, b) in enumerate(zip(theirs, mine)) if a != b][:5]
    if len(theirs) != len(mine):
        changed.append("cells added or removed")
    return f"changed: cell {', '.join(changed)}"


def make_student(src: Path = NOTEBOOKS, out: Path = DEFAULT_OUT, make_zip: bool = False,
                 force: bool = False) -> list[Path]:
    """Write the student copy of every notebook in ``src`` to ``out``; return the notebooks written.

    Every notebook is read and converted before anything is written. Nothing in
    ``out`` that this tool did not write is touched; a copy whose cells were edited
    raises ``OutputInTheWay`` (listing it, nothing changed) unless ``force``.
    """
    src, out = Path(src), Path(out)
    check_folders(src, out)
    paths = sorted(src.glob("*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"no notebooks in {src}")
    fresh = {}
    for path in paths:
        try:
            fresh[path.name] = student_notebook(read_notebook(path), src, out, path.name)
        except (KeyError, AttributeError, TypeError) as exc:
            raise BadInput(f"{path} is not a well-formed notebook ({type(exc).__name__}: {exc})") from None
    with tempfile.TemporaryDirectory() as tmp:
        stage = Path(tmp) / out.name
        stage.mkdir()
        for name, nb in fresh.items():
            nbformat.write(nb, stage / name)
        copy_extras(src, stage)
        files = tree(stage)
        if make_zip:
            archive = shutil.make_archive(str(Path(tmp) / out.name), "zip", root_dir=tmp, base_dir=out.name)
            files[f"../{out.name}.zip"] = Path(archive)
        publish(files, out, force=force, same_work=only_run, explain=changes)
    return [out / name for name in fresh]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=NOTEBOOKS, help="instructor notebooks (default: notebooks/)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/student/)")
    parser.add_argument("--zip", action="store_true", help="also write <out>.zip to hand out")
    parser.add_argument("--force", action="store_true",
                        help="overwrite copies in <out> whose cells were edited (other files are always kept)")
    args = parser.parse_args(argv)
    try:
        written = make_student(args.src, args.out, args.zip, force=args.force)
    except (StubError, OutputInTheWay, BadInput, FileNotFoundError) as exc:
        print(f"make_student: {exc}", file=sys.stderr)
        return 1
    shown = args.out.resolve()
    shown = shown.relative_to(ROOT) if ROOT in shown.parents else shown
    print(f"wrote {len(written)} student notebooks to {shown}/" + (f" and {shown}.zip" if args.zip else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

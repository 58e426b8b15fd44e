"""Write a tool's output folder without ever deleting a file the tool did not write.

``make_student.py`` and ``build_site.py`` build everything in a temporary folder first (so every input has
been read, and a malformed notebook stops the run, before anything is touched), then ``publish`` copies
the result into the output folder:

- a file that is not one of the tool's outputs (a learner's answers, their figures, a ``.git`` folder) is
  never touched, with or without ``--force``;
- an output that exists and differs from the new one is replaced only if this tool wrote it, unchanged
  since (a record of what it wrote, with checksums, sits next to the folder as ``.<folder>.built.json``),
  or if ``same_work`` says the difference is not work (a student copy that was only run);
  anything else is in the way: the run stops, listing it, unless ``force``;
- an output of the previous run that this run no longer makes is removed only if it is unchanged.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Callable

import nbformat


class OutputInTheWay(RuntimeError):
    """The output folder holds files that a new build would overwrite (a learner's work, perhaps)."""


class BadInput(ValueError):
    """An input the tool cannot read (a malformed notebook); the message names it in one line."""


def check_folders(src: Path, out: Path) -> None:
    """Refuse an output folder equal to, inside, or containing the source folder."""
    s, o = Path(src).resolve(), Path(out).resolve()
    if o == s or s in o.parents or o in s.parents:
        where = "is" if o == s else "is inside" if s in o.parents else "contains"
        raise OutputInTheWay(f"the output folder {out} {where} the source folder {src}; choose another --out")


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """Read and validate a notebook, or raise ``BadInput`` naming it."""
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # noqa: BLE001 - any failure to read is reported the same way
        reason = " ".join(str(exc).split())[:200]
        raise BadInput(f"{path} is not a readable notebook ({type(exc).__name__}: {reason})") from None
    return nb


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _record(out: Path) -> Path:
    return out.parent / f".{out.name}.built.json"


def publish(files: dict[str, Path], out: Path, force: bool = False,
            same_work: Callable[[Path, Path], bool] | None = None,
            explain: Callable[[Path, Path], str] | None = None) -> None:
    """Copy ``files`` (path relative to ``out`` -> the new file) into ``out``, as the module docstring says.

    A relative path may start with ``../`` (e.g. ``../student.zip``, written next to the folder).
    ``explain(existing, new)`` may say how a file in the way differs, for the message.
    """
    out = Path(out)
    record = _record(out)
    try:
        built = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else {}
    except ValueError:
        built = {}
    todo, in_the_way, blocked = [], [], []
    for rel, new in sorted(files.items()):
        dest = out / rel
        clash = next((p for p in [dest, *dest.parents] if p.is_file() or p.is_symlink()), None)
        if dest.is_symlink() or dest.is_dir() or (clash is not None and clash != dest):
            blocked.append(f"{rel} (a folder or file of another kind is there)")
        elif not dest.exists():
            todo.append((rel, new))
        elif _digest(dest) == built.get(rel) or (same_work is not None and same_work(dest, new)):
            todo.append((rel, new))
        elif dest.read_bytes() != new.read_bytes():
            in_the_way.append(rel + (f" ({explain(dest, new)})" if explain else ""))
            todo.append((rel, new))
    if blocked or (in_the_way and not force):
        shown = [*blocked, *in_the_way]
        more = f" and {len(shown) - 12} more" if len(shown) > 12 else ""
        raise OutputInTheWay(
            f"{out} holds files a new build would overwrite: {'; '.join(shown[:12])}{more}. Nothing was changed. "
            + ("Move them elsewhere first." if blocked else
               "Save them elsewhere first, or overwrite them on purpose with --force (FORCE=1 for make); "
               "files that are not this tool's outputs are kept either way.")
        )
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for rel, new in todo:
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(new, dest)
        written[rel] = _digest(dest)
    for rel, new in files.items():
        written.setdefault(rel, _digest(out / rel))
    for rel, digest in built.items():  # the previous run's outputs that this run no longer makes
        old = out / rel
        if rel not in files and old.is_file() and _digest(old) == digest:
            old.unlink()
    record.write_text(json.dumps(written, indent=0, sort_keys=True), encoding="utf-8")


def tree(folder: Path) -> dict[str, Path]:
    """Every file under ``folder``, by its path relative to it (POSIX style)."""
    return {p.relative_to(folder).as_posix(): p for p in sorted(Path(folder).rglob("*")) if p.is_file()}

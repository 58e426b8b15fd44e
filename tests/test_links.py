"""Every relative link in the notebooks' Markdown, README.md and INSTRUCTOR.md: the file exists, and so does the anchor.

Anchors are computed the way readers' tools compute them (see tools/links.py):
in a notebook, JupyterLab's rule (the heading's text with spaces turned into
"-", which nbconvert's HTML shares); in a .md file, GitHub's slug rule.
"""
from __future__ import annotations

import sys

import pytest

from series_fixture import ROOT, make_series

sys.path.insert(0, str(ROOT / "tools"))
import links  # noqa: E402

DOCUMENTS = [*sorted((ROOT / "notebooks").glob("*.ipynb")),
             *[p for p in (ROOT / "README.md", ROOT / "INSTRUCTOR.md") if p.exists()]]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_relative_links_resolve(path):
    assert links.broken_links(path, ROOT) == []


@pytest.mark.parametrize("heading, jupyter, github", [
    ("1. The `step` function", "1.-The-step-function", "1-the-step-function"),
    ("Coding Exercise 3.1: one update", "Coding-Exercise-3.1:-one-update", "coding-exercise-31-one-update"),
    ("Running a workshop (2.5 h)", "Running-a-workshop-(2.5-h)", "running-a-workshop-25-h"),
    ("What's next?", "What's-next?", "whats-next"),
    ("snake_case and **bold**", "snake_case-and-bold", "snake_case-and-bold"),
])
def test_anchor_rules(tmp_path, heading, jupyter, github):
    md = tmp_path / "a.md"
    md.write_text(f"# Title\n\n## {heading}\n\n## {heading}\n\n<a id=\"explicit\"></a>\n")
    assert links.anchors_of(md) == {"title", github, f"{github}-1", "explicit"}
    series = make_series(tmp_path / "s")
    nb = series / "01_demo.ipynb"
    import nbformat
    book = nbformat.read(nb, as_version=4)
    book.cells[2].source = f"## {heading}\n\ntext"
    nbformat.write(book, nb)
    assert jupyter in links.anchors_of(nb)


def test_broken_files_and_anchors_are_reported(tmp_path):
    series = make_series(tmp_path)
    assert links.broken_links(series / "00_start_here.ipynb", tmp_path) == []
    md = tmp_path / "NOTES.md"
    md.write_text("[ok](notebooks/01_demo.ipynb#1.-The-step-function) [code, not a link](`x.md`)\n"
                  "`[also code](missing.md)` [web](https://example.org/x.md) [self](#notes)\n\n# Notes\n\n"
                  "[gone](notebooks/02_missing.ipynb) [bad anchor](notebooks/01_demo.ipynb#1.-the-step-function)\n"
                  "[github rule in a notebook](notebooks/01_demo.ipynb#1-the-step-function) [out](../x.md)\n")
    assert links.broken_links(md, tmp_path) == [
        "`x.md`: `x.md` does not exist",
        "notebooks/02_missing.ipynb: notebooks/02_missing.ipynb does not exist",
        "notebooks/01_demo.ipynb#1.-the-step-function: no heading or anchor #1.-the-step-function in 01_demo.ipynb",
        "notebooks/01_demo.ipynb#1-the-step-function: no heading or anchor #1-the-step-function in 01_demo.ipynb",
        "../x.md: points outside the repository",
    ]

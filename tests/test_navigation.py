"""Navigation: every notebook has generated previous / contents / next links, and they are up to date."""
from __future__ import annotations

import re
import sys

import nbformat
import pytest

from series_fixture import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import navigation  # noqa: E402  (tools/navigation.py, run in-process: python tools/navigation.py --check)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def test_navigation_check_is_clean(capsys):
    assert navigation.main(["--check"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_has_navigation_after_its_title_and_at_the_end(path):
    nb = nbformat.read(path, as_version=4)
    nav = [i for i, c in enumerate(nb.cells) if "navigation" in c.get("metadata", {}).get("tags", [])]
    assert nav == [1, len(nb.cells) - 1]
    targets = [t for _, t in LINK.findall(nb.cells[1].source)]
    i = NOTEBOOKS.index(path)
    expected = ([NOTEBOOKS[i - 1].name] if i > 0 else []) + \
               (["00_start_here.ipynb"] if path.name != "00_start_here.ipynb" else []) + \
               ([NOTEBOOKS[i + 1].name] if i + 1 < len(NOTEBOOKS) else [])
    assert targets == expected
    assert nb.cells[1].source == nb.cells[-1].source


def test_the_contents_page_links_to_every_notebook():
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown"
                     and "navigation" not in c.get("metadata", {}).get("tags", []))
    linked = {t.split("#")[0] for _, t in LINK.findall(text)}
    assert {p.name for p in NOTEBOOKS[1:]} <= linked

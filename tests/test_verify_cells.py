"""Cells tagged ``verify`` (they check the numbers the text states): collapsed, in the notebooks and the
student copies, and without their source on the static site."""
from __future__ import annotations

import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from series_fixture import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402
import make_student  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SILENT = "assert 2 + 2 == 4, 'SILENT-VERIFY-SOURCE'"
TALKING = "print('VERIFY-OUTPUT'); assert 'TALKING-VERIFY-SOURCE'"


def verify_cell(source: str, outputs=(), hidden: bool = True):
    meta = {"tags": ["verify"]}
    if hidden:
        meta["jupyter"] = {"source_hidden": True}
    cell = new_code_cell(source, metadata=meta, execution_count=3)
    cell.outputs = list(outputs)
    return cell


def tiny_series(folder):
    folder.mkdir()
    nb = new_notebook(cells=[
        new_markdown_cell("# 0. Start here\n\nThe answer is 4."),
        new_code_cell("x = 2 + 2  # VISIBLE-CODE", execution_count=1),
        verify_cell(SILENT),
        verify_cell(TALKING, [new_output("stream", name="stdout", text="VERIFY-OUTPUT\n")]),
        new_code_cell("# Exercise 0.1: double it\ny = 2 * x", metadata={"tags": ["solution"]}, execution_count=4),
    ])
    nbformat.write(nb, folder / "00_start_here.ipynb")
    return folder


def test_the_student_copy_keeps_a_verify_cell_collapsed_and_unchanged():
    nb = new_notebook(cells=[new_markdown_cell("# 1. T"), verify_cell(SILENT, hidden=False)])
    copy = make_student.student_notebook(nb)
    cell = copy.cells[1]
    assert cell.source == SILENT and cell.metadata["jupyter"]["source_hidden"] is True
    assert cell.outputs == [] and cell.execution_count is None
    assert "jupyter" not in nb.cells[1].metadata  # the instructor notebook is left as it was


def test_a_verify_cell_may_not_hold_a_solution():
    cell = verify_cell("# Exercise 1.1: add\nz = 1 + 1")
    cell.metadata["tags"].append("solution")
    with pytest.raises(make_student.StubError, match="cell 1: a cell tagged 'verify' cannot hold a solution"):
        make_student.student_notebook(new_notebook(cells=[new_markdown_cell("# 1. T"), cell]), name="n")


def test_the_site_leaves_out_verify_sources_and_keeps_their_outputs(tmp_path):
    src = tiny_series(tmp_path / "nb")
    build_site.build_site(src, tmp_path / "site")
    page = (tmp_path / "site" / "00_start_here.html").read_text(encoding="utf-8")
    assert "VISIBLE-CODE" in page and "VERIFY-OUTPUT" in page
    assert "SILENT-VERIFY-SOURCE" not in page and "TALKING-VERIFY-SOURCE" not in page
    assert nbformat.read(src / "00_start_here.ipynb", as_version=4).cells[2].source == SILENT  # source untouched


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_verify_cell_is_collapsed_holds_asserts_and_stays_so_in_the_student_copy(path):
    nb = nbformat.read(path, as_version=4)
    copy = make_student.student_notebook(nb, name=path.name)
    for index, (cell, student) in enumerate(zip(nb.cells, copy.cells)):
        if "verify" in cell.get("metadata", {}).get("tags", []):
            assert cell.cell_type == "code", f"cell {index}"
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, f"cell {index} is not collapsed"
            assert "assert" in cell.source, f"cell {index} checks nothing"
            assert student.source == cell.source and student.metadata["jupyter"]["source_hidden"] is True

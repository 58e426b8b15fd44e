"""README.md: its Python example runs and its asserts hold; its contents table matches the notebooks."""
from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
TEXT = README.read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", TEXT, flags=re.S)


def test_the_readme_python_examples_run(capsys):
    assert BLOCKS
    for block in BLOCKS:
        exec(compile(block, str(README), "exec"), {})
    assert "[-3.  2.  1.] [2, 3, 3, 2, 1, 0]" in capsys.readouterr().out


def test_the_readme_contents_table_lists_every_notebook_with_its_own_estimated_time():
    import nbformat

    notebooks = sorted((README.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    rows = re.findall(r"^\| (\d) \| \[[^\]]+\]\(notebooks/(\d\d_\w+\.ipynb)\) \|.*\| (\d+) min \|$", TEXT, flags=re.M)
    assert [name for _, name, _ in rows] == [p.name for p in notebooks]
    total = 0
    for _, name, minutes in rows:
        first = nbformat.read(README.parent / "notebooks" / name, as_version=4).cells[0].source
        assert re.search(rf"^\*\*Estimated time:\*\* {minutes} minutes\.", first, flags=re.M), name
        total += int(minutes)
    hours, rest = divmod(total, 60)
    assert f"About {hours} h {rest} min alone" in TEXT

"""README.md: its Python example runs and its asserts hold, and its first screen shows the set-up and test commands."""
from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
TEXT = README.read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", TEXT, flags=re.S)


def test_the_readme_has_a_python_example_with_asserts():
    assert BLOCKS and all("assert" in block for block in BLOCKS)


def test_the_readme_python_examples_run(capsys):
    for block in BLOCKS:
        exec(compile(block, str(README), "exec"), {})
    assert "[-3.  2.  1.] [2, 3, 3, 2, 1, 0]" in capsys.readouterr().out


def test_the_first_screen_shows_what_the_series_is_and_the_commands():
    first_screen = "\n".join(TEXT.splitlines()[:20])
    assert "perceptron" in first_screen.lower()
    assert re.search(r"^make lab\b", first_screen, flags=re.M)
    assert re.search(r"^make test\b", first_screen, flags=re.M)
    assert re.search(r"^make check\b.*\bCI\b", first_screen, flags=re.M)  # the test command CI runs


def test_the_readme_states_no_placeholder():
    assert not re.search(r"\b(TEST_TIME|BENCH_TABLE|TODO|TBD)\b", TEXT)


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

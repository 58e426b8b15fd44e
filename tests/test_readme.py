"""README.md: its Python example runs and its asserts hold, and its first screen shows the two set-up commands."""
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


def test_the_first_screen_shows_what_the_series_is_and_the_two_commands():
    first_screen = "\n".join(TEXT.splitlines()[:20])
    assert "perceptron" in first_screen.lower()
    assert re.search(r"^make lab\b", first_screen, flags=re.M)
    assert re.search(r"^make test\b", first_screen, flags=re.M)


def test_the_readme_states_no_placeholder():
    assert not re.search(r"\b(TEST_TIME|BENCH_TABLE|TODO|TBD)\b", TEXT)

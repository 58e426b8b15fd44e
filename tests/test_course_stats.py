"""The learning path's budgets (tools/course_stats.py) and its times, everywhere they are stated.

The core of notebooks 01-07 holds at most 14,000 words and 20 visible asserts; every
notebook's time is the computed one, in the notebook, the README's table, notebook
00's map and INSTRUCTOR.md; the workshop agenda fills its 150 minutes exactly; optional
material sits in "Going deeper" sections at the end of a notebook.
"""
from __future__ import annotations

import re
import sys

import nbformat
import pytest

from series_fixture import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import course_stats  # noqa: E402

STATS = course_stats.series_stats()
BY_NUMBER = {int(s.number): s for s in STATS}
TOTAL = course_stats.total_minutes(STATS)
HOURS = re.compile(r"(\d+) h (\d+) min")
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def markdown(path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def table_minutes(text: str, link: str) -> dict[int, int]:
    """{notebook number: minutes} from the rows ``| N | [title](<link>NN_x.ipynb) | ... | M min |``."""
    rows = re.findall(r"^\| *(\d+) *\| *\[[^\]]*\]\(" + re.escape(link) + r"\d\d_\w+\.ipynb\) *\|.*\| *(\d+) min *\|$",
                      text, flags=re.M)
    return {int(n): int(m) for n, m in rows}


def test_word_counting_leaves_out_code_maths_tags_and_link_targets():
    text = ("Two words [link text](http://x.org/a/b) <b>bold</b> $z = w^\\top x$ and $$\\sum_i x_i$$\n"
            "```python\nnot counted at all\n```\n| a | --- |\n<!-- hidden comment -->")
    assert course_stats.words(text) == len("Two words link text bold and a".split())


def test_minutes_are_reading_plus_exercises_rounded_up_to_five():
    rate, per = course_stats.WORDS_PER_MINUTE, course_stats.MINUTES_PER_EXERCISE
    assert course_stats.minutes(rate * 10, 2) == 10 + 2 * per + (-(10 + 2 * per)) % 5
    assert course_stats.minutes(rate * 10 + 1, 0) == 15
    assert course_stats.minutes(0, 0) == 5
    code = course_stats.CODE_LINES_PER_MINUTE
    assert course_stats.minutes(0, 0, code * 12) == 15     # 12 minutes of visible code
    assert course_stats.minutes(rate * 10, 0, code * 10) == 20


def test_derivations_extensions_and_think_prompts_take_their_own_time():
    per, by_kind, think = (course_stats.MINUTES_PER_EXERCISE, course_stats.MINUTES_BY_KIND,
                           course_stats.MINUTES_PER_THINK)
    assert by_kind["derive"] > per and by_kind["extend"] > per and think > 0
    kinds = ("predict", "derive", "extend", "code")
    raw = 2 * per + by_kind["derive"] + by_kind["extend"] + 3 * think
    assert course_stats.minutes(0, kinds, 0, 3) == 5 * -(-raw // 5)
    assert course_stats.minutes(0, ("predict", "code")) == course_stats.minutes(0, 2)  # counted as 5 each
    assert course_stats.minutes(0, ("derive",) * 5) > course_stats.minutes(0, ("predict",) * 5)


def test_visible_code_leaves_out_verify_optional_navigation_and_solution_cells():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("a = 1\n\n# read this\nb = 2")]
    for tag in ("verify", "optional", "navigation", "solution"):
        nb.cells.append(nbformat.v4.new_code_cell("hidden = 1", metadata={"tags": [tag]}))
    nb.cells.append(nbformat.v4.new_markdown_cell("not code"))
    assert course_stats.visible_code_lines(nb) == 3


def test_the_script_prints_each_notebook_and_the_totals(capsys):
    status = course_stats.main([])
    out = capsys.readouterr().out
    for s in STATS:
        assert re.search(rf"^{re.escape(s.name)}.* {s.words} .* {s.minutes} min$", out, flags=re.M)
    core = [s for s in STATS if s.core]
    assert f"core (01-07): {sum(s.words for s in core)} words" in out
    assert f"{sum(s.asserts for s in core)} visible asserts" in out
    assert status == 0, "a budget is exceeded"


def test_the_core_path_keeps_its_budgets():
    core = [s for s in STATS if s.core]
    assert [s.number for s in core] == list(course_stats.CORE)
    assert sum(s.words for s in core) <= course_stats.WORD_BUDGET
    assert sum(s.asserts for s in core) <= course_stats.ASSERT_BUDGET


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_states_its_computed_time(path):
    first = nbformat.read(path, as_version=4).cells[0].source
    stated = re.findall(r"^\*\*Estimated time:\*\* (\d+) minutes\.", first, flags=re.M)
    assert stated == [str(course_stats.notebook_stats(path).minutes)]


def test_the_readme_table_and_total_use_the_computed_times():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table_minutes(text, "notebooks/") == {n: s.minutes for n, s in BY_NUMBER.items()}
    assert [int(h) * 60 + int(m) for h, m in HOURS.findall(text)] == [TOTAL]


def test_the_contents_page_map_and_total_use_the_computed_times():
    text = markdown(ROOT / "notebooks" / "00_start_here.ipynb")
    assert table_minutes(text, "") == {n: s.minutes for n, s in BY_NUMBER.items()}
    stated = [int(h) * 60 + int(m) for h, m in HOURS.findall(text)]
    assert stated and set(stated) == {TOTAL}


def test_the_instructor_agenda_fits_its_slot_and_states_the_computed_times():
    text = (ROOT / "INSTRUCTOR.md").read_text(encoding="utf-8")
    assert [int(h) * 60 + int(m) for h, m in HOURS.findall(text)] == [TOTAL]
    slot = int(re.search(r"^## Agenda \((\d+) minutes\)", text, flags=re.M).group(1))
    rows = re.findall(r"^\| (\d+):(\d\d) \| (\d+) \|", text, flags=re.M)
    assert rows, "no agenda rows"
    clock = 0
    for h, m, minutes in rows:
        assert int(h) * 60 + int(m) == clock, f"the agenda row at {h}:{m} should start at {clock} min"
        clock += int(minutes)
    assert clock == slot == 150
    alone = re.findall(r"^\| \d+:\d\d \| \d+ \| \[[^\]]*\]\(notebooks/(\d\d)_\w+\.ipynb\) \|.*\| (\d+) min \|$",
                       text, flags=re.M)                  # the agenda's last column: the self-study times
    assert len(alone) == len(rows) - 1                 # every row but the break names a notebook
    assert {int(n): int(m) for n, m in alone} == {n: s.minutes for n, s in BY_NUMBER.items() if n <= 7}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_optional_cells_are_going_deeper_sections_at_the_end(path):
    nb = nbformat.read(path, as_version=4)
    if course_stats.is_appendix(nb):
        return
    optional = [i for i, c in enumerate(nb.cells) if "optional" in course_stats.tags(c)]
    if not optional:
        return
    assert optional == list(range(optional[0], len(nb.cells) - 1)), "optional cells run to the bottom links"
    first = nb.cells[optional[0]]
    assert first.cell_type == "markdown" and first.source.startswith("## Going deeper")
    headings = [c.source.splitlines()[0] for c in nb.cells[optional[0]:-1]
                if c.cell_type == "markdown" and c.source.startswith("## ")]
    assert all(h.startswith("## Going deeper") for h in headings), headings


# ---- exercise kinds and Think! prompts ----------------------------------------------------

def _fake(number: str, kinds: tuple[str, ...], thinks: int) -> "course_stats.Notebook":
    return course_stats.Notebook(f"{number}_x.ipynb", number, True, False, 100, 0, 0, len(kinds), 0, 5, kinds, thinks)


def test_the_rules_name_a_missing_kind_an_unknown_kind_too_much_transcription_and_the_think_count():
    good = [_fake("01", ("code", "derive"), 2)] + [_fake(f"{n:02d}", ("predict", "derive", "extend"), 3)
                                                     for n in range(2, 8)]
    assert course_stats.rule_problems(good) == []
    bad = [_fake("01", ("code", "code"), 1), _fake("02", ("predict", "code", "extend", "copy"), 5),
           *good[2:]]
    problems = "\n".join(course_stats.rule_problems(bad))
    assert "02_x.ipynb: exercise 4 has kind 'copy'" in problems
    assert "02_x.ipynb: no derive exercise" in problems
    assert "01_x.ipynb: 1 Think! prompts" in problems and "02_x.ipynb: 5 Think! prompts" in problems
    assert "01_x.ipynb: no" not in problems  # notebook 1 need not have every kind
    heavy = [_fake("01", ("code",) * 10, 2), *good[1:]]  # 10 of 28
    assert any("transcription" in p for p in course_stats.rule_problems(heavy))
    assert not any("transcription" in p for p in course_stats.rule_problems([_fake("01", ("code",) * 3, 2),
                                                                           *good[1:]]))  # 3 of 21: fine


def test_the_series_keeps_the_exercise_and_think_rules():
    assert course_stats.rule_problems(STATS) == []


THINK = re.compile(r"\*\*Think! (\d+\.\d+)\*\*")


def test_every_think_prompt_has_its_discussion_notes_in_instructor_md():
    prompts = [m for path in NOTEBOOKS for c in nbformat.read(path, as_version=4).cells
               if c.cell_type == "markdown" and "think" in c.get("metadata", {}).get("tags", [])
               for m in THINK.findall(c.source)]
    assert prompts and len(prompts) == len(set(prompts)), prompts
    notes = set(THINK.findall((ROOT / "INSTRUCTOR.md").read_text(encoding="utf-8")))
    assert notes == set(prompts), (sorted(set(prompts) - notes), sorted(notes - set(prompts)))


def test_every_think_prompt_links_a_learner_working_alone_to_its_own_note():
    """The link's target anchor is checked to exist by test_links; here: each prompt points at its own note."""
    instructor = (ROOT / "INSTRUCTOR.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        for c in nbformat.read(path, as_version=4).cells:
            if c.cell_type != "markdown" or "think" not in c.get("metadata", {}).get("tags", []):
                continue
            (number,) = THINK.findall(c.source)
            anchor = "think-" + number.replace(".", "-")
            assert f"](../INSTRUCTOR.md#{anchor})" in c.source, (path.name, number)
            assert f'<a id="{anchor}"></a>**Think! {number}**' in instructor, number

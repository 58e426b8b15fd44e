"""The learning path's size: core words, visible asserts and computed time of every notebook.

    python tools/course_stats.py            # print the table; exit 1 if a budget is exceeded
    python tools/course_stats.py --write    # also write the computed times wherever they are stated

**Core words.** The words of the markdown cells of notebooks 01-07 that a learner
reads on the main path. Cells tagged ``optional`` (the "Going deeper" sections)
and ``navigation`` (generated links) do not count, and neither do appendix
notebooks (title starting with "Going deeper"). In a markdown cell, fenced code
blocks, HTML comments and tags, LaTeX (``$...$``, ``$$...$$``, ``\\(...\\)``,
``\\[...\\]``) and link targets are removed (a link's text stays); a word is
then a whitespace-separated token holding at least one letter or digit, so
table rules and lone punctuation are not words.

**Visible asserts.** Lines starting with ``assert`` in code cells of the core
notebooks 01-07 that are tagged neither ``verify`` (collapsed cells that guard
the numbers the text states) nor ``optional``.

**Computed time.** Every notebook's estimated time (00 and the appendices too):
its core words read at ``WORDS_PER_MINUTE`` (130, a careful pace for technical prose),
plus its visible code read at ``CODE_LINES_PER_MINUTE`` (8 non-blank lines a minute,
comments included; visible code is every code cell tagged neither ``verify``,
``optional``, ``navigation`` nor ``solution``), plus ``MINUTES_PER_EXERCISE`` (5)
for each exercise (a cell tagged ``solution``; 7 for a derivation or an extension,
``MINUTES_BY_KIND``), plus ``MINUTES_PER_THINK`` (2) for each Think! prompt, rounded up
to a multiple of 5 minutes. Going deeper sections are not in a notebook's time.
The code rate was set against fresh learners' careful first readings, which took
30-70% longer than the words and exercises alone. The total adds up every notebook,
the appendix included. The notebooks' "Estimated time" lines,
the README's table, notebook 00's map and INSTRUCTOR.md use these numbers
(tests/test_course_stats.py keeps them in step).

**Exercise kinds.** Every solution cell says in its metadata (``"kind"``) what the
exercise asks: ``predict`` (write a prediction into a variable, then run and see),
``derive`` (work a value out on paper and enter it), ``extend`` (extend or break the
code: a new function, a new activation, a new reading), or ``code`` (write code for a
formula or a rule the text gives just above: transcription). Each of 02-07 has at
least one predict, derive and extend exercise, and at most a third of the exercises of
01-07 are ``code`` (``rule_problems``).

**Think! prompts.** Markdown cells tagged ``think``: short questions for pairs or the
room, two to four in each of 01-07, each with discussion notes in INSTRUCTOR.md.
"""
from __future__ import annotations

import math
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CORE = tuple(f"{n:02d}" for n in range(1, 8))  # the notebooks whose words count against the budget
WORD_BUDGET = 14_000
ASSERT_BUDGET = 20
WORDS_PER_MINUTE = 130
MINUTES_PER_EXERCISE = 5
#: A derivation or an extension takes longer: fresh learners' reads of 02, 03, 05 and 06 took 30-50% more
#: than 5 minutes an exercise gave, most of it on these two kinds and on the Think! prompts.
MINUTES_BY_KIND = {"derive": 7, "extend": 7}
MINUTES_PER_THINK = 2
CODE_LINES_PER_MINUTE = 8
OPTIONAL, VERIFY, NAVIGATION, SOLUTION, THINK = "optional", "verify", "navigation", "solution", "think"
KINDS = ("predict", "derive", "extend", "code")  # the kinds of exercise; "code" is transcription
THINKS_PER_NOTEBOOK = (2, 4)
APPENDIX_PREFIX = "Going deeper"

_STRIP = [
    re.compile(r"^\s*(```|~~~).*?^\s*\1[^\n]*$", re.S | re.M),  # fenced code blocks
    re.compile(r"<!--.*?-->", re.S),                            # HTML comments
    re.compile(r"\$\$.*?\$\$", re.S),                           # display maths
    re.compile(r"\\\[.*?\\\]", re.S),
    re.compile(r"\\\(.*?\\\)", re.S),
    re.compile(r"(?<![\\\w])\$[^$\n]+?\$"),                     # inline maths
    re.compile(r"<[^<>\n]+>"),                                  # HTML tags
]
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_WORD = re.compile(r"[^\W_]")


def words(markdown: str) -> int:
    """The number of words a reader reads in a markdown text (see the module docstring)."""
    for pattern in _STRIP:
        markdown = pattern.sub(" ", markdown)
    markdown = _LINK.sub(r"\1", markdown)
    return sum(1 for token in markdown.split() if _WORD.search(token))


def tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def title(nb) -> str:
    for line in nb.cells[0].source.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def is_appendix(nb) -> bool:
    """An appendix notebook: its title (after the number) starts with "Going deeper"."""
    return re.sub(r"^[\d.]+\s*", "", title(nb)).startswith(APPENDIX_PREFIX)


def visible_asserts(nb) -> int:
    return sum(1 for cell in nb.cells if cell.cell_type == "code"
               and not {OPTIONAL, VERIFY} & set(tags(cell))
               for line in cell.source.splitlines() if re.match(r"\s*assert\b", line))


def visible_code_lines(nb) -> int:
    """Non-blank lines of the code cells a learner reads (not verify, optional, navigation or solution)."""
    hidden = {OPTIONAL, VERIFY, NAVIGATION, SOLUTION}
    return sum(1 for cell in nb.cells if cell.cell_type == "code" and not hidden & set(tags(cell))
               for line in cell.source.splitlines() if line.strip())


def exercise_minutes(kinds: Sequence[str]) -> int:
    """The time of exercises of these kinds: ``MINUTES_PER_EXERCISE`` each, more for a derivation or an
    extension (``MINUTES_BY_KIND``), which a learner works out rather than writes down."""
    return sum(MINUTES_BY_KIND.get(kind, MINUTES_PER_EXERCISE) for kind in kinds)


def minutes(core_words: int, exercises: int | Sequence[str], code_lines: int = 0, thinks: int = 0) -> int:
    """Prose, code, exercise and Think! time, rounded up to a multiple of 5 minutes. ``exercises`` is
    their number (``MINUTES_PER_EXERCISE`` each) or the kind of each."""
    exercise_time = (MINUTES_PER_EXERCISE * exercises if isinstance(exercises, int)
                     else exercise_minutes(exercises))
    raw = (core_words / WORDS_PER_MINUTE + code_lines / CODE_LINES_PER_MINUTE + exercise_time
           + MINUTES_PER_THINK * thinks)
    return max(5, 5 * math.ceil(raw / 5))


@dataclass(frozen=True)
class Notebook:
    name: str        # file name
    number: str      # "01"
    core: bool       # counts against the budgets (01-07, not an appendix)
    appendix: bool   # an optional "Going deeper" notebook
    words: int       # core words (optional and navigation cells left out)
    optional_words: int
    asserts: int     # visible asserts (0 unless core)
    exercises: int
    code_lines: int  # visible code lines
    minutes: int
    kinds: tuple[str, ...] = ()  # each exercise's kind, in order ("" where a solution cell names none)
    thinks: int = 0              # Think! prompts (markdown cells tagged think)


def notebook_stats(path: Path) -> Notebook:
    nb = nbformat.read(path, as_version=4)
    number = path.name[:2]
    appendix = is_appendix(nb)
    core = number in CORE and not appendix
    counted = optional = 0
    for cell in nb.cells:
        if cell.cell_type != "markdown" or NAVIGATION in tags(cell):
            continue
        n = words(cell.source)
        if OPTIONAL in tags(cell):
            optional += n
        else:
            counted += n
    exercises = sum(1 for c in nb.cells if c.cell_type == "code" and SOLUTION in tags(c))
    code = visible_code_lines(nb)
    kinds = tuple(str(c.metadata.get("kind", "")) for c in nb.cells if c.cell_type == "code" and SOLUTION in tags(c))
    thinks = sum(1 for c in nb.cells if c.cell_type == "markdown" and THINK in tags(c))
    return Notebook(path.name, number, core, appendix, counted, optional, visible_asserts(nb) if core else 0,
                    exercises, code, minutes(counted, kinds, code, thinks), kinds, thinks)


def rule_problems(stats: list[Notebook]) -> list[str]:
    """What breaks the exercise and Think! rules (see the module's docstring), one line each; [] if none."""
    problems = []
    for s in stats:
        for k, kind in enumerate(s.kinds, 1):
            if kind not in KINDS:
                problems.append(f"{s.name}: exercise {k} has kind {kind!r}; expected one of {', '.join(KINDS)}")
        if s.core and s.number != "01":
            missing = [k for k in KINDS[:3] if k not in s.kinds]
            if missing:
                problems.append(f"{s.name}: no {' / '.join(missing)} exercise")
        if s.core and not THINKS_PER_NOTEBOOK[0] <= s.thinks <= THINKS_PER_NOTEBOOK[1]:
            problems.append(f"{s.name}: {s.thinks} Think! prompts; expected {THINKS_PER_NOTEBOOK[0]} to "
                            f"{THINKS_PER_NOTEBOOK[1]}")
    kinds = [k for s in stats if s.core for k in s.kinds]
    if kinds and 3 * kinds.count("code") > len(kinds):
        problems.append(f"{kinds.count('code')} of the {len(kinds)} exercises of 01-07 are transcription (code); "
                        "at most a third may be")
    return problems


def series_stats(folder: Path = NOTEBOOKS) -> list[Notebook]:
    return [notebook_stats(p) for p in sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))]


def total_minutes(stats: list[Notebook]) -> int:
    """The time of the whole series, the appendices included (they are in every table of times)."""
    return sum(s.minutes for s in stats)


def report(stats: list[Notebook]) -> str:
    lines = [f"{'notebook':40s} {'core words':>10s} {'optional':>8s} {'asserts':>7s} {'exercises':>9s} "
             f"{'code lines':>10s} {'p d e c':>8s} {'think':>5s} {'time':>7s}"]
    for s in stats:
        mark = "" if s.core else " *"
        lines.append(f"{s.name + mark:40s} {s.words:10d} {s.optional_words:8d} {s.asserts:7d} "
                     f"{s.exercises:9d} {s.code_lines:10d} {' '.join(str(s.kinds.count(k)) for k in KINDS):>8s} "
                     f"{s.thinks:5d} {s.minutes:4d} min")
    core = [s for s in stats if s.core]
    total_words, total_asserts = sum(s.words for s in core), sum(s.asserts for s in core)
    total = total_minutes(stats)
    lines.append(f"core (01-07): {total_words} words (budget {WORD_BUDGET}), "
                 f"{total_asserts} visible asserts (budget {ASSERT_BUDGET})")
    lines.append(f"total time (appendix included): {total} min = {total // 60} h {total % 60} min "
                 f"({WORDS_PER_MINUTE} words a minute, {CODE_LINES_PER_MINUTE} code lines a minute, "
                 f"{MINUTES_PER_EXERCISE} min an exercise, "
                 + ", ".join(f"{m} for {k}" for k, m in MINUTES_BY_KIND.items())
                 + f", {MINUTES_PER_THINK} min a Think! prompt, "
                 "each notebook rounded up to 5 min)")
    lines.append("p d e c: the exercises by kind (predict, derive, extend, code = transcription); think: Think! prompts")
    lines.append("* not counted in the core budgets (the contents page, or an appendix)")
    return "\n".join(lines)


def _row_times(text: str, minutes: dict[str, int]) -> str:
    """Set the last ``| M min |`` cell of every table row that links a notebook ``NN_x.ipynb``."""
    def fix(match: re.Match) -> str:
        number = match.group(2)
        return match.group(1) + f"{minutes[number]} min |" if number in minutes else match.group(0)
    return re.sub(r"^(\|.*?\]\((?:notebooks/)?(\d\d)_\w+\.ipynb\) \|.*\| )\d+ min \|$", fix, text, flags=re.M)


def _total(text: str, total: int) -> str:
    return re.sub(r"\b\d+ h \d+ min\b", f"{total // 60} h {total % 60} min", text)


def write_times(stats: list[Notebook], root: Path = ROOT) -> list[Path]:
    """Write the computed times into the notebooks' "Estimated time" lines, the tables of README.md,
    notebook 00 and INSTRUCTOR.md's agenda, and the total wherever "N h M min" is stated; return what changed."""
    minutes = {s.number: s.minutes for s in stats}
    total = total_minutes(stats)
    changed = []
    for s in stats:
        path = root / "notebooks" / s.name
        nb = nbformat.read(path, as_version=4)
        before = nbformat.writes(nb)
        nb.cells[0].source = re.sub(r"^(\*\*Estimated time:\*\*) \d+ minutes\.", rf"\g<1> {s.minutes} minutes.",
                                    nb.cells[0].source, flags=re.M)
        if s.number == "00":
            for cell in nb.cells:
                if cell.cell_type == "markdown" and NAVIGATION not in tags(cell):
                    cell.source = _total(_row_times(cell.source, minutes), total)
        if nbformat.writes(nb) != before:
            nbformat.write(nb, path)
            changed.append(path)
    for name in ("README.md", "INSTRUCTOR.md"):
        path = root / name
        text = path.read_text(encoding="utf-8")
        new = _total(_row_times(text, minutes), total)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str]) -> int:
    stats = series_stats()
    if "--write" in argv:
        for path in write_times(stats):
            print(f"wrote the computed times into {path.relative_to(ROOT)}")
        stats = series_stats()
    print(report(stats))
    core = [s for s in stats if s.core]
    over = sum(s.words for s in core) > WORD_BUDGET or sum(s.asserts for s in core) > ASSERT_BUDGET
    problems = rule_problems(stats)
    for line in problems:
        print("rule:", line)
    return 1 if over or problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

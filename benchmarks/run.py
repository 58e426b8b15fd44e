"""Run every ``benchmarks/bench_*.py`` module's ``main()`` in name order (``make bench``).

Each module runs in a fresh Python process, so one benchmark's leftovers
(threads, servers, memory) cannot slow the next one down. Each ``main()``
prints its own lines (it may also return a list of lines to print). A module
has missed a bar when its ``main()`` returns ``False``, raises, or prints a
line containing the word FAIL. Every module runs regardless, so one slow
result hides no other; the script then exits with status 1.
"""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Tee:
    """Pass writes through to the real stdout and remember whether a FAIL went by."""

    def __init__(self, stream):
        self.stream, self.failed = stream, False

    def write(self, text: str) -> int:
        if re.search(r"\bFAIL(ED)?\b", text):
            self.failed = True
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()


def run_module(path: Path) -> bool:
    """Import ``path`` and call its ``main()``, in this process. True if every bar was met."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    tee = Tee(sys.stdout)
    sys.stdout = tee
    try:
        spec.loader.exec_module(module)
        result = module.main()
        if isinstance(result, (list, tuple)):
            for line in result:
                print(line)
        return result is not False and not tee.failed
    finally:
        sys.stdout = tee.stream


def main() -> int:
    ok = True
    for path in sorted(HERE.glob("bench_*.py")):
        print(f"== {path.stem} ==", flush=True)
        start = time.perf_counter()
        child = subprocess.run([sys.executable, __file__, "--one", str(path)], cwd=HERE.parent)
        ok &= child.returncode == 0
        print(f"({path.stem} took {time.perf_counter() - start:.1f} s)\n", flush=True)
    print("all bars met" if ok else "some bars missed or benchmarks failed: see FAIL/ERROR above")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        try:
            sys.exit(0 if run_module(Path(sys.argv[2])) else 1)
        except Exception as exc:  # report it in one line; the next module still runs
            print(f"ERROR in {Path(sys.argv[2]).name}: {type(exc).__name__}: {exc}", flush=True)
            sys.exit(1)
    sys.exit(main())

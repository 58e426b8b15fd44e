"""Run every ``benchmarks/bench_*.py`` module's ``main()`` in name order (``make bench``).

Each ``main()`` prints its own lines (it may also return a list of lines to
print). A module has missed a bar when its ``main()`` returns ``False``, raises,
or prints a line containing the word FAIL. Every module runs regardless, so
one slow result hides no other; the script then exits with status 1.
"""
from __future__ import annotations

import importlib.util
import re
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
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    result = module.main()
    if isinstance(result, (list, tuple)):
        for line in result:
            print(line)
        return True
    return result is not False


def main() -> int:
    ok = True
    for path in sorted(HERE.glob("bench_*.py")):
        print(f"== {path.stem} ==", flush=True)
        start = time.perf_counter()
        tee = Tee(sys.stdout)
        sys.stdout = tee
        try:
            ok &= run_module(path) and not tee.failed
        except Exception as exc:  # report and go on with the next module
            print(f"ERROR in {path.name}: {type(exc).__name__}: {exc}")
            ok = False
        finally:
            sys.stdout = tee.stream
        print(f"({path.stem} took {time.perf_counter() - start:.1f} s)\n", flush=True)
    print("all bars met" if ok else "some bars missed or benchmarks failed: see FAIL/ERROR above")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

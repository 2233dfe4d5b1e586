"""`make bench`: run every benchmarks/bench_*.py in turn and print what each reports.

Each bench_*.py is a script with a ``main()`` that prints its own lines (name, measured value,
target) and returns a dict of numbers; the results are also written to reports/bench.json.
Benchmarks are kept out of the test suite: CI never times anything.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    only = set(argv)
    results = {}
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if only and name not in only:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = mod  # worker processes find the module's functions by name
        spec.loader.exec_module(mod)
        print(f"== {name}", flush=True)
        t0 = time.perf_counter()
        results[name] = mod.main()
        print(f"   ({time.perf_counter() - t0:.1f} s)\n", flush=True)
    out = HERE.parent / "reports" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"results: {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

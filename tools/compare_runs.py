"""Compare the outputs of two run folders file by file (a maintainer's tool, not used by the code).

    python tools/compare_runs.py reports/runs/A reports/runs/B [--notebook 02_city_footprint]

Every file under each notebook's ``figures/`` and ``tables/`` (and the brief's report and figure
pack) is compared by SHA-256. Prints one line per differing or missing file and a summary; exits
0 when every compared file is byte-identical, 1 otherwise. Executed notebooks, kernel logs,
manifests and indexes are not compared: they record paths, times and durations of a run.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

COMPARED = ("figures", "tables")
EXTRA = ("05_local_sdgs_brief.html", "figure_pack.zip")


def _files(run: Path, notebook: str | None) -> dict[str, str]:
    out = {}
    for nb in sorted(p for p in run.iterdir() if p.is_dir()):
        if notebook and nb.name != notebook:
            continue
        for sub in COMPARED:
            for f in sorted((nb / sub).rglob("*")) if (nb / sub).is_dir() else []:
                if f.is_file():
                    out[str(f.relative_to(run))] = hashlib.sha256(f.read_bytes()).hexdigest()
        for name in EXTRA:
            f = nb / name
            if f.is_file():
                out[str(f.relative_to(run))] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def compare(a: Path, b: Path, notebook: str | None = None) -> dict[str, list[str]]:
    fa, fb = _files(a, notebook), _files(b, notebook)
    return {
        "identical": sorted(k for k in fa.keys() & fb.keys() if fa[k] == fb[k]),
        "different": sorted(k for k in fa.keys() & fb.keys() if fa[k] != fb[k]),
        "only_a": sorted(fa.keys() - fb.keys()),
        "only_b": sorted(fb.keys() - fa.keys()),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("--notebook", default=None, help="compare one notebook's folder only")
    args = ap.parse_args(argv)
    for p in (args.a, args.b):
        if not p.is_dir():
            print(f"{p}: expected a run folder, found no such directory", file=sys.stderr)
            return 2
    res = compare(args.a, args.b, args.notebook)
    for kind in ("different", "only_a", "only_b"):
        for k in res[kind]:
            print(f"{kind:9s} {k}")
    print(f"{len(res['identical'])} identical, {len(res['different'])} different, "
          f"{len(res['only_a'])} only in {args.a.name}, {len(res['only_b'])} only in {args.b.name}")
    return 0 if not (res["different"] or res["only_a"] or res["only_b"]) else 1


if __name__ == "__main__":
    sys.exit(main())

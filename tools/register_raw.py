"""Add or update a raw file's entry in data/raw/MANIFEST.csv (a maintainer's tool, not used by the code).

    python tools/register_raw.py data/raw/gfn_nfa/file.csv.gz --source "..." --edition "..." \
        --licence "..." --attribution "..." --obtained 2026-11-28 --status published --description "..."

The checksum and size are computed from the file; rows stay sorted by path so that diffs are small.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
MANIFEST = RAW / "MANIFEST.csv"
COLUMNS = ["path", "sha256", "bytes", "source", "edition", "licence", "attribution", "obtained", "status", "description"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", type=Path)
    for c in COLUMNS[3:]:
        ap.add_argument(f"--{c}", required=True)
    a = ap.parse_args(argv)
    f = a.file.resolve()
    if not f.is_relative_to(RAW):
        ap.error(f"{a.file} is not under data/raw/")
    if a.status not in ("published", "derived", "estimated", "illustrative"):
        ap.error("--status must be one of published, derived, estimated, illustrative")
    rel = f.relative_to(RAW).as_posix()
    digest = hashlib.sha256(f.read_bytes()).hexdigest()
    rows = []
    if MANIFEST.exists():
        with open(MANIFEST, newline="", encoding="utf-8") as fh:
            rows = [r for r in csv.DictReader(fh) if r["path"] != rel]
    row = {"path": rel, "sha256": digest, "bytes": str(f.stat().st_size)}
    row.update({c: getattr(a, c) for c in COLUMNS[3:]})
    rows.append(row)
    rows.sort(key=lambda r: r["path"])
    fd, tmp = tempfile.mkstemp(dir=RAW, suffix=".tmp")
    with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, MANIFEST)
    print(f"{rel}: sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

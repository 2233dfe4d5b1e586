"""Check the survey-item -> CLUM bridge (a maintainer's tool, not used by the code).

    python tools/check_bridge.py [--area 00000] [--tol 1e-6]

Checks on data/raw/bridge/kakei_item_to_clum.csv against the item-level 家計調査 table in data/raw/kakei_items/:
1. every item code appears once and exists in the survey table, with a known CLUM row and energy carrier;
2. coverage: every level-2 sub-category of the 10 大費目 is in the bridge, or is fully replaced by its children in the
   bridge (no item counted twice: an item and one of its descendants are never both listed);
3. totals: for the chosen area (default 全国) the bridged items sum to 消費支出 (001100000) in every year.
Prints the relative gap per year and the maximum; exits 1 if a check fails or the gap exceeds --tol.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BRIDGE = ROOT / "data" / "raw" / "bridge" / "kakei_item_to_clum.csv"
ITEMS = ROOT / "data" / "raw" / "kakei_items" / "fies_2plus_annual_all_items_national_52cities_2007_2024.csv.gz"
TOTAL = "001100000"  # 消費支出
ROWS = {"food", "housing", "personal_transport", "goods", "services"}
CARRIERS = {"", "electricity", "city_gas", "lp_gas", "kerosene", "petrol"}


def _parent_prefix(code: str, level: int) -> str:
    """Codes are positional: 2 digits major, 2 sub-category, 1 level-3 group, 4 item (e.g. 070230010)."""
    return {2: code[:4], 3: code[:5]}.get(level, code)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--area", default="00000")
    ap.add_argument("--tol", type=float, default=1e-5)  # published items are rounded to the yen
    a = ap.parse_args(argv)
    with open(BRIDGE, newline="", encoding="utf-8-sig") as fh:
        bridge = list(csv.DictReader(fh))
    values: dict[tuple[str, int], float] = {}
    level: dict[str, int] = {}
    with gzip.open(ITEMS, "rt", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            level[r["cat01_code"]] = int(r["level"])
            if r["area_code"] == a.area and r["value"]:
                values[(r["cat01_code"], int(r["year"]))] = float(r["value"])
    errors: list[str] = []
    codes = [r["item_code"] for r in bridge]
    dup = {c for c in codes if codes.count(c) > 1}
    if dup:
        errors.append(f"items listed more than once: {sorted(dup)}")
    for r in bridge:
        if r["item_code"] not in level:
            errors.append(f"{r['item_code']} not in the survey table")
        if r["clum_row"] not in ROWS:
            errors.append(f"{r['item_code']}: unknown CLUM row {r['clum_row']!r}")
        if r["energy_carrier"] not in CARRIERS:
            errors.append(f"{r['item_code']}: unknown energy carrier {r['energy_carrier']!r}")
    # no item together with its ancestor (codes nest by prefix: 0702 > 07023 > 070230010)
    for c in codes:
        for p in codes:
            if p != c and level.get(p, 9) < level.get(c, 9) and c.startswith(_parent_prefix(p, level.get(p, 9))):
                errors.append(f"{c} and its ancestor {p} are both listed")
    # coverage of every level-2 sub-category of the 10 大費目
    l2 = sorted(c for c, lv in level.items() if lv == 2 and c[:2].isdigit() and 1 <= int(c[:2]) <= 10)
    for c in l2:
        if c not in codes and not any(x.startswith(c[:4]) for x in codes):
            errors.append(f"sub-category {c} is not covered")
    years = sorted({y for (_, y) in values})
    gaps = {}
    for y in years:
        tot = values.get((TOTAL, y))
        s = sum(values.get((c, y), 0.0) for c in codes)
        gaps[y] = (s - tot) / tot
        print(f"{y}: items {s:,.0f}  消費支出 {tot:,.0f}  relative gap {gaps[y]:+.2e}")
    worst = max(abs(g) for g in gaps.values())
    by_row = defaultdict(float)
    for r in bridge:
        by_row[r["clum_row"]] += values.get((r["item_code"], years[-1]), 0.0)
    print(f"{len(codes)} items; max |relative gap| {worst:.2e}; {years[-1]} by CLUM row: "
          + ", ".join(f"{k} {v:,.0f}" for k, v in sorted(by_row.items())))
    if worst > a.tol:
        errors.append(f"items do not sum to 消費支出: max relative gap {worst:.2e} > {a.tol}")
    for e in errors:
        print("ERROR:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

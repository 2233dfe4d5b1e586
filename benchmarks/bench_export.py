"""Figure export (``save_figure``): every figure of notebook 02, PNG, SVG and PDF, en and ja.

The city result is computed once with few draws (the export does not depend on the draws); each
figure is drawn anew for every export (drawing is not timed) and exported into a temporary
folder: once per format alone and once with all three formats, median of ``REPEAT`` exports.
Totals are summed over the figures. Each pass (one format, every figure once) starts with the
font caches of earlier exports cleared, as a notebook kernel starts: a figure's subsets are
reused by the next figures, never by the figure's own repeats.
``python benchmarks/bench_export.py --keep DIR`` leaves the last exports (``DIR/<lang>/figures``),
to compare the files before and after a change; ``FOOTPRINT_PLAIN_EXPORT=1`` times the export
without the hooks of ``footprint.outputs.fastexport``.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import matplotlib.pyplot as plt

from footprint.outputs import fastexport, style
from footprint.outputs.figures import city as F
from footprint.outputs.notebook import NotebookOutputs
from footprint.pipeline import model

REPEAT = 3
FIGURES = ("footprint_by_category", "japan_world", "origin", "time_series", "capital_cities", "overshoot_day",
           "sensitivity_tornado", "structural_sensitivity")
RUNS = {"png": ("png",), "svg": ("svg",), "pdf": ("pdf",), "all": ("png", "svg", "pdf")}


def _export(r, fn: str, lang: str, formats: tuple[str, ...], out_dir: Path) -> float:
    spec = getattr(F, fn)(r, lang)  # drawing the chart: not timed
    out = NotebookOutputs.create("02_city", output_dir=out_dir, processed_dir="", lang=lang)
    t0 = time.perf_counter()
    out.figure(spec, show=False, formats=formats)
    dt = time.perf_counter() - t0
    plt.close("all")
    return dt


def main(keep: str | None = None) -> dict:
    style.setup_style()  # before the first chart is drawn, as NotebookOutputs.create does in a notebook
    t0 = time.perf_counter()
    r = model.compute("city", model.RunParameters(draws=50))
    compute_s = time.perf_counter() - t0
    print(f"   city result (50 draws, not part of the export): {compute_s:.1f} s")
    res: dict = {}
    tmp = Path(tempfile.mkdtemp(prefix="bench_export_"))
    try:
        for lang in ("en", "ja"):
            out_dir = tmp / lang
            _export(r, FIGURES[0], lang, RUNS["all"], out_dir)  # warm-up: fonts, caches
            times = {(run, fn): [] for run in RUNS for fn in FIGURES}
            for _ in range(REPEAT):
                for run, formats in RUNS.items():
                    fastexport.clear_font_caches()
                    for fn in FIGURES:
                        times[run, fn].append(_export(r, fn, lang, formats, out_dir))
            per = {run: {fn: statistics.median(times[run, fn]) for fn in FIGURES} for run in RUNS}
            for run in RUNS:
                total = sum(per[run].values())
                res[f"{lang}_{run}_s"] = round(total, 3)
                print(f"   {lang} {run:>3}: {total:6.2f} s for {len(FIGURES)} figures "
                      f"({total / len(FIGURES):.3f} s per figure)")
            worst = max(FIGURES, key=per["all"].get)
            print(f"   {lang} slowest (all three): {worst} {per['all'][worst]:.3f} s")
            res[f"{lang}_per_figure_all_s"] = {fn: round(per["all"][fn], 3) for fn in FIGURES}
        if keep:
            dest = Path(keep)
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(tmp, dest)
            print(f"   exports kept in {dest}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return res


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[args.index("--keep") + 1] if "--keep" in args else None)

"""Parameter sweeps without kernels: a topic's headline mapped over the points of a grid.

``python -m footprint sweep FILE.yml [--jobs N | --engine dask --scheduler ADDR] [--max-points N]``
reads a scenario file (its ``defaults`` and notebook entries are the run's values, its ``sweep:``
the grid, as for ``run``), checks every point before starting, and computes the headline of the
topic the swept notebook reads (``city``: Osaka's or the ``city`` parameter's footprint per person,
earths, overshoot day, share met outside the city, each with its full and parametric 90 %
intervals; ``forest``: wood stock, partner sink, offsets) in worker processes or on a Dask cluster.
No notebook, kernel or figure is made per point.

It writes ``reports/sweeps/<id>/``: ``results.parquet`` and ``results.csv`` (one row per point:
the point's number and parameters, its headline values and intervals, ``status`` and ``error``, in
the order points finish: sort by ``point``), streamed to disk as points finish (memory stays flat in the number of points); ``manifest.json``; and one
summary figure. A failed point is recorded with its error and the others go on. A sweep larger
than :data:`MAX_POINTS` is refused before it starts unless ``--max-points`` raises the limit.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import json
import time
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from footprint import __version__
from footprint import city as C
from footprint import forest as F
from footprint.core import paths, write_text
from footprint.core.errors import ParameterError
from footprint.core.memory import release
from footprint.outputs.export import save_figure
from footprint.outputs.style import setup_style
from footprint.pipeline import model
from footprint.pipeline.checks import check_parameter, excerpt
from footprint.pipeline.execute import _process_context, worker_ignores_ctrl_c
from footprint.pipeline.parameters import find_notebook
from footprint.pipeline.runs import git_commit, new_run_dir, run_name
from footprint.pipeline.scenarios import Scenario, run_values

#: the largest sweep accepted without ``--max-points`` (a 1,000-point study is the documented use)
MAX_POINTS = 1000
#: points after which a sweep prints what the rest will take (measured, not guessed)
ESTIMATE_AFTER = 8
#: the topic whose headline a sweep over a notebook computes
SWEPT_TOPIC = {"02_city_footprint": "city", "03_forest_tax_timber_sinks": "forest", "05_local_sdgs_brief": "osaka"}
_IN_FLIGHT = 4  # tasks submitted per worker at a time (bounded: results stream out as they come)


def points(scenario: Scenario) -> tuple[str, list[dict]]:
    """The swept notebook's stem and its grid's points (every combination, in the file's order)."""
    if len(scenario.sweep) != 1:
        raise ParameterError(f"{scenario.source or scenario.name}: expected a 'sweep:' over one notebook "
                             f"(one of {sorted(SWEPT_TOPIC)}), found {sorted(scenario.sweep) or 'none'}")
    (key, grid), = scenario.sweep.items()
    stem = find_notebook(key).stem
    if stem not in SWEPT_TOPIC:
        raise ParameterError(f"sweep.{stem}: expected a notebook whose results are swept ({sorted(SWEPT_TOPIC)}), "
                             f"found {stem}")
    return stem, [dict(zip(grid, combo, strict=True)) for combo in itertools.product(*grid.values())]


def check_points(scenario: Scenario, stem: str, pts: list[dict], max_points: int) -> dict:
    """The run's values (without the grid), after every point is checked; one line for every problem."""
    if len(pts) > max_points:
        raise ParameterError(f"sweep: expected at most {max_points:,} points, found {len(pts):,} (raise the limit "
                             f"with --max-points {len(pts)} if you mean it)")
    base = {k: v for k, v in run_values(scenario, [find_notebook(stem)], {}).items() if k in model.FIELDS}
    names = set(model.TOPICS[SWEPT_TOPIC[stem]][0]) | {"lang"}
    problems = []
    for k in sorted(set(base) | {n for p in pts for n in p}):
        if k not in model.FIELDS or k not in names:
            problems.append(f"parameter {k!r}: expected one of the swept results' parameters {sorted(names)}")
    for i, p in enumerate(pts, start=1):
        values = {**base, **p}
        bad = model.type_problems(values)
        for k, v in values.items():
            problem = (f"parameter {k!r}: {bad[k]}" if k in bad else
                       check_parameter(stem, k, v, {**model.DEFAULTS, **values}))
            if problem:
                problems.append(f"point {i} ({excerpt(json.dumps(p, default=str), 80)}): {problem}")
        if len(problems) > 5:
            break
    if problems:
        raise ParameterError(f"{scenario.source or scenario.name}: " + "; ".join(problems[:5])
                             + (f"; and more" if len(problems) > 5 else ""))
    return base


def previous_cost(reports: Path, topic: str) -> tuple[float, float] | None:
    """Seconds of one point per worker and bytes per point (results.parquet and results.csv) of the
    latest sweep of ``topic`` in ``reports/sweeps`` (None if there is none)."""
    best = None
    for m in sorted((reports / "sweeps").glob("*/manifest.json")):
        try:
            rec = json.loads(m.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if rec.get("topic") == topic and rec.get("points") and rec.get("duration_s") is not None:
            best = (m.parent, rec)
    if best is None:
        return None
    folder, rec = best
    size = sum(f.stat().st_size for f in folder.glob("results.*") if f.is_file())
    return rec["duration_s"] * max(1, int(rec.get("jobs") or 1)) / rec["points"], size / rec["points"]


def cost_line(n: int, jobs: int, seconds_per_point: float, bytes_per_point: float, basis: str) -> str:
    """One line: what ``n`` points will take on ``jobs`` workers, and on what the estimate rests."""
    seconds = seconds_per_point * n / max(1, jobs)
    size = bytes_per_point * n
    when = f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.1f} min"
    return (f"{n:,} points: about {when} on {jobs} worker{'s' * (jobs != 1)} and {size / 1e6:.2f} MB of results "
            f"({basis})")


_INPUTS: dict = {}  # per worker process: inputs loaded once, reused by every point it computes


def headline_row(topic: str, values: Mapping[str, object]) -> dict:
    """The headline of one point as one flat row (never raises: a failure is the row's ``error``)."""
    row: dict[str, object] = {}
    t0 = time.perf_counter()
    try:
        params = model.validate(values)
        if topic in ("city", "osaka"):
            tp = model.topic_parameters(topic, params)
            key = ("city", tp["clum_file"], tp["land_use_file"])
            if key not in _INPUTS:
                _INPUTS[key] = C.load_inputs(clum_file=tp["clum_file"], land_use_file=tp["land_use_file"])
                release()  # what parsing the files left behind: the worker keeps only its working set
            head = C.headline_results(_INPUTS[key], tp["city"], tp["year"], tp["draws"], tp["seed"])
            for rec in head.to_dict("records"):
                for col in ("central", "p05", "p95", "p05_parametric", "p95_parametric"):
                    if col in rec:
                        row[f"{rec['indicator']}_{col}"] = float(rec[col])
        else:
            if "forest" not in _INPUTS:
                _INPUTS["forest"] = F.load_inputs()
                release()
            sc = F.forest_scenario(_INPUTS["forest"], **{k: getattr(params, k) for k in F.SCENARIO_PARAMETERS},
                                   payers_persons=params.payers_persons)
            row.update(wood_stock_co2_t=sc.stock_end_co2_t, partner_sink_co2_t_per_yr=sc.sink_total_co2_t,
                       wood_volume_m3=sc.wood_volume_m3,
                       net_outflow_jpy=float(sc.flows["net_outflow_jpy"].iloc[-1]))
        row.update(status="ok", error="")
    except Exception as e:  # a failed point is recorded; the others go on
        row.update(status="failed", error=f"{type(e).__name__}: {e}")
    row["duration_s"] = round(time.perf_counter() - t0, 4)
    return row


def _point_task(args: tuple[str, int, dict, dict]) -> dict:
    topic, i, point, base = args
    return {"point": i, **{f"param_{k}": _cell(v) for k, v in point.items()}, **headline_row(topic, {**base, **point})}


def _cell(v):
    return json.dumps(v) if isinstance(v, (list, dict)) else v


class _Sink:
    """Rows streamed to Parquet and CSV as they come (a batch at a time), so memory stays flat."""

    def __init__(self, folder: Path, batch: int = 64):
        self.folder, self.batch, self.rows, self.n = folder, batch, [], 0
        self.columns: list[str] | None = None
        self.writer: pq.ParquetWriter | None = None
        self.schema: pa.Schema | None = None

    def add(self, row: dict) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        df = pd.DataFrame(self.rows)
        if self.columns is None:  # the first batch fixes the columns: every point gives the same headline
            ok = next((r for r in self.rows if r.get("status") == "ok"), self.rows[0])
            self.columns = list(dict.fromkeys([*ok, *df.columns]))
        df = df.reindex(columns=self.columns)
        for c in df.columns:
            if c in ("error", "status") or df[c].dtype == object:
                df[c] = df[c].map(lambda x: None if x is None or (isinstance(x, float) and np.isnan(x)) else str(x))
        table = pa.Table.from_pandas(df, preserve_index=False)
        if self.writer is None:
            self.schema = table.schema
            self.writer = pq.ParquetWriter(self.folder / ".results.parquet.tmp", self.schema)
        self.writer.write_table(table.cast(self.schema))
        df.to_csv(self.folder / ".results.csv.tmp", mode="a", header=self.n == 0, index=False,
                  encoding="utf-8-sig" if self.n == 0 else "utf-8", lineterminator="\n")
        self.n += len(df)
        self.rows = []

    def close(self) -> None:
        self.flush()
        if self.writer is not None:
            self.writer.close()
            (self.folder / ".results.parquet.tmp").replace(self.folder / "results.parquet")
            (self.folder / ".results.csv.tmp").replace(self.folder / "results.csv")


def sweep(scenario: Scenario, *, jobs: int = 1, engine: str = "local", scheduler: str | None = None,
          max_points: int = MAX_POINTS, reports: Path | None = None,
          progress: Callable[[int, int, dict], None] | None = None,
          notice: Callable[[str], None] | None = None) -> Path:
    """Run a sweep; returns its folder ``reports/sweeps/<id>/``.

    ``notice`` receives what the sweep will cost: before it starts, from the latest sweep of the same
    topic (if any); after the first :data:`ESTIMATE_AFTER` points, from their own time and rows."""
    stem, pts = points(scenario)
    topic = SWEPT_TOPIC[stem]
    base = check_points(scenario, stem, pts, max_points)
    release()  # the checks loaded inputs this process no longer needs while the workers compute
    reports = reports or paths.REPORTS
    prev = previous_cost(reports, topic)
    if notice and prev:
        notice(cost_line(len(pts), jobs, *prev, basis="estimated from the latest sweep of the same topic"))
    folder = new_run_dir(reports, run_name(scenario.name), kind="sweeps")
    started = _dt.datetime.now(_dt.timezone.utc)
    t0 = time.perf_counter()
    sink = _Sink(folder)
    args = [(topic, i, p, base) for i, p in enumerate(pts, start=1)]
    failed = 0

    def take(row: dict) -> None:
        nonlocal failed
        failed += row["status"] != "ok"
        sink.add(row)
        done = sink.n + len(sink.rows)
        if progress:
            progress(done, len(pts), row)
        if notice and done == ESTIMATE_AFTER < len(pts):
            elapsed = time.perf_counter() - t0
            csv_bytes = len(pd.DataFrame(sink.rows).to_csv(index=False).encode()) / max(1, len(sink.rows))
            notice(cost_line(len(pts) - done, jobs, elapsed * max(1, jobs) / done, 2 * csv_bytes,
                             basis=f"the rest, measured on the first {done}, worker start included"))

    if engine == "dask":
        from distributed import Client, as_completed as dask_completed  # optional dependency (extra "dask")

        client = Client(scheduler) if scheduler else Client(processes=True, n_workers=jobs, threads_per_worker=1)
        try:
            todo = iter(args)
            live = dask_completed([client.submit(_point_task, a, pure=False)
                                   for a in itertools.islice(todo, _IN_FLIGHT * max(jobs, 1))])
            for f in live:
                take(f.result())
                f.release()
                nxt = next(todo, None)
                if nxt is not None:
                    live.add(client.submit(_point_task, nxt, pure=False))
        finally:
            client.close()
    elif jobs <= 1:
        for a in args:
            take(_point_task(a))
    else:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_process_context(),
                                 initializer=worker_ignores_ctrl_c) as pool:
            todo = iter(args)
            running = {pool.submit(_point_task, a) for a in itertools.islice(todo, _IN_FLIGHT * jobs)}
            while running:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for f in done:
                    take(f.result())
                    nxt = next(todo, None)
                    if nxt is not None:
                        running.add(pool.submit(_point_task, nxt))
    sink.close()
    figure = summary_figure(folder, topic, list(scenario.sweep.values())[0], base.get("lang", "en"))
    manifest = {
        "sweep": folder.name, "scenario": scenario.name, "file": scenario.source or None, "notebook": stem,
        "topic": topic, "started_utc": started.isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - t0, 3), "points": len(pts), "failed": failed,
        "status": "complete" if not failed else "complete with failed points",
        "values": base, "grid": list(scenario.sweep.values())[0], "engine": engine, "jobs": jobs,
        "package": {"name": "footprint", "version": __version__}, "git_commit": git_commit(),
        "outputs": ["results.parquet", "results.csv", *figure],
    }
    write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n", folder / "manifest.json")
    return folder


def summary_figure(folder: Path, topic: str, grid: Mapping[str, list], lang: str) -> list[str]:
    """One figure: the first headline value of every point with its 90 % interval, against the first swept
    parameter (the other swept parameters' points side by side)."""
    df = pd.read_parquet(folder / "results.parquet") if (folder / "results.parquet").exists() else pd.DataFrame()
    ok = df[df["status"] == "ok"] if len(df) else df
    name = "ef_gha_per_cap" if topic in ("city", "osaka") else "wood_stock_co2_t"
    central = f"{name}_central" if f"{name}_central" in ok.columns else name
    setup_style()
    fig, ax = plt.subplots(figsize=(7, 4))
    first = next(iter(grid))
    if len(ok) and central in ok.columns:
        x = pd.to_numeric(ok[f"param_{first}"], errors="coerce")
        x = x if x.notna().all() else pd.Series(np.arange(len(ok)), index=ok.index)
        y = ok[central].astype(float)
        if f"{name}_p05" in ok.columns:
            err = np.vstack([y - ok[f"{name}_p05"].astype(float), ok[f"{name}_p95"].astype(float) - y])
            ax.errorbar(x, y, yerr=err, fmt="o", ms=3, lw=0.8, capsize=0, color="#1f5f8b",
                        label="central, full 90 % interval")
        else:
            ax.plot(x, y, "o", ms=3, color="#1f5f8b", label="central")
        ax.legend(frameon=False, fontsize=8)
    ax.set_xlabel(first)
    ax.set_ylabel({"ef_gha_per_cap": "footprint per person (gha)", "wood_stock_co2_t": "carbon in purchased wood (t-CO2)"}
                  .get(name, name))
    n_failed = int((df["status"] != "ok").sum()) if len(df) else 0
    rec = save_figure(fig, folder, "sweep_summary", title=f"Sweep of {', '.join(grid)}: " + ("footprint per person" if name == "ef_gha_per_cap"
                                                                  else "carbon in purchased wood"),
                      caption=f"{len(ok)} points computed ({n_failed} failed); one dot per point with its full 90 % "
                              "interval (structural and parametric) where the headline has one.",
                      source="footprint sweep (this folder's results.csv)", status="estimated", lang=lang,
                      parameters={"grid": dict(grid)})
    return sorted(rec.files.values())

"""Small notebooks for runner and cache tests (a parameters cell and one code cell)."""

from __future__ import annotations

import nbformat


def tiny_notebook(path, body="x = 1", params="lang = 'en'\noutput_dir = ''"):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    p = nbformat.v4.new_code_cell(params)
    p.metadata["tags"] = ["parameters"]
    nb.cells = [p, nbformat.v4.new_code_cell(body)]
    nbformat.write(nb, path)
    return path


def executed_tables(notebook: str, params: dict, reports):
    """Execute one project notebook through the runner with ``params`` (no cache, no pointer, nothing
    published) and return its ``tables/`` folder; fails the test with the notebook's error."""
    from footprint.pipeline import runner

    res = runner.run(runner.Scenario(name="small", notebooks={notebook: params}, publish=False),
                     reports=reports, latest=False, cache=False)
    r = next(x for x in res.results if x["notebook"] == notebook)
    assert r["status"] == "ok", r["error"]
    return res.run_dir / r["label"] / "tables"


#: the run-level values of the suite's one shared run of every notebook (small, fast, Japanese labels)
SMALL_RUN: dict = {
    "draws": 200, "lang": "ja", "years": [2018, 2022], "fiscal_years": [2023, 2024], "purchase_years": [2023, 2030],
    "horizon_year": 2035, "flows_year": 2023, "partners": ["hcmc", "quezon_city", "greater_manchester"],
    "city_layer": False, "partnerships": ["hcmc", "forest_regions"],
}


def shared_scenario():
    from footprint.pipeline import runner

    return runner.Scenario(name="small", defaults=dict(SMALL_RUN))


def result_of(run, topic: str):
    """A topic result of a run (:class:`footprint.core.results.Result`) as the notebooks read it."""
    import json

    from footprint.core.results import Result

    manifest = json.loads(run.manifest.read_text(encoding="utf-8"))
    for m in manifest["model"]:
        for rid, info in m["results"].items():
            if info["topic"] == topic or (topic == "city" and info["topic"] == "osaka"):
                return Result.load(run.run_dir / "results" / rid)
    raise AssertionError(f"no {topic} result in {run.run_dir}")

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

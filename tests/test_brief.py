"""Run outputs for readers: figure index, HTML without code, figure pack."""

from __future__ import annotations

import json
import zipfile

import pytest

from footprint.pipeline import runner
from footprint.core import paths

FIG_CELL = """
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from footprint.outputs.notebook import NotebookOutputs
out = NotebookOutputs.create("{name}", output_dir=output_dir, processed_dir="", lang=lang)
fig, ax = plt.subplots()
ax.plot([1, 2, 3])
out.figure(fig, "line", title="A line", caption="One message.", source="test data", status="illustrative")
print("SECRET_CODE_MARKER")
"""


def _nb(path, body):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    p = nbformat.v4.new_code_cell("lang = 'en'\noutput_dir = ''")
    p.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), p, nbformat.v4.new_code_cell(body)]
    nbformat.write(nb, path)


@pytest.fixture
def nbdir(tmp_path, monkeypatch):
    d = tmp_path / "notebooks"
    d.mkdir()
    _nb(d / "01_figs.ipynb", FIG_CELL.format(name="01_figs"))
    _nb(d / "05_test_brief.ipynb", FIG_CELL.format(name="05_test_brief"))
    monkeypatch.setattr(paths, "NOTEBOOKS", d)
    return d


def test_run_writes_index_html_report_and_pack(nbdir, tmp_path):
    res = runner.run(reports=tmp_path / "reports")
    assert res.ok, res.failed
    run = res.run_dir
    md = (run / "index.md").read_text(encoding="utf-8")
    assert md.count("## A line") == 2 and "Cite as" in md and "ILLUSTRATIVE" in md
    assert "01_figs/figures/line.png" in md
    html = (run / "index.html").read_text(encoding="utf-8")
    assert html.count("<section>") == 2
    page = (run / "05_test_brief" / "05_test_brief.notebook.html").read_text(encoding="utf-8")
    assert "SECRET_CODE_MARKER" in page  # the executed notebook's page keeps the outputs
    assert "NotebookOutputs.create" not in page  # code cells left out
    report = (run / "05_test_brief" / "05_test_brief.html").read_text(encoding="utf-8")
    assert "SECRET_CODE_MARKER" not in report and "NotebookOutputs" not in report  # the reader's brief: no code, no prints
    assert not (run / "01_figs" / "01_figs.html").exists()  # only the brief gets an HTML report
    with zipfile.ZipFile(run / "05_test_brief" / "figure_pack.zip") as z:
        names = set(z.namelist())
    assert {"figures/line.png", "figures/line.svg", "figures/line.pdf", "figures/line.json", "index.md"} <= names
    m = json.loads(res.manifest.read_text(encoding="utf-8"))
    assert m["outputs"]["md"] == "index.md" and m["outputs"]["05_test_brief"] == "05_test_brief"


def test_scenario_reports_key_selects_notebooks(nbdir, tmp_path):
    sc = tmp_path / "sc.yml"
    sc.write_text("name: pick\nreports: [01_figs]\n", encoding="utf-8")
    res = runner.run(runner.load_scenario(sc), reports=tmp_path / "reports")
    assert (res.run_dir / "01_figs" / "01_figs.html").exists()
    assert not (res.run_dir / "05_test_brief" / "05_test_brief.html").exists()


def test_brief_report_shows_the_exported_figures(nbdir, tmp_path):
    """The brief embeds the exported PNG itself (caption drawn in), and the notebook page shows it too."""
    import base64

    res = runner.run(reports=tmp_path / "reports")
    folder = res.run_dir / "05_test_brief"
    report = (folder / "05_test_brief.html").read_text(encoding="utf-8")
    png = base64.b64encode((folder / "figures" / "line.png").read_bytes()).decode("ascii")
    assert report.count(f'<img src="data:image/png;base64,{png}" alt="A line">') == 1
    page = (folder / "05_test_brief.notebook.html").read_text(encoding="utf-8")
    assert page.count('<img alt="A line. ILLUSTRATIVE SCENARIO. One message."') == 1

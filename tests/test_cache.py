"""Reuse of unchanged notebook executions: what invalidates an entry, what a reuse reproduces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footprint.pipeline import cache
from footprint.pipeline import runner
from footprint.core import paths
from footprint.core.errors import DataFileError
from notebook_helpers import tiny_notebook

#: writes a value that differs on every execution, so a test can tell reuse from execution
BODY = """
import pathlib, uuid
out = pathlib.Path(output_dir)
out.mkdir(parents=True, exist_ok=True)
(out / "tables").mkdir(exist_ok=True)
(out / "tables" / "run_id.csv").write_text("id\\n" + uuid.uuid4().hex + "\\n")
(out / "outputs.json").write_text('{"files": ["tables/run_id.csv"]}')  # what NotebookOutputs declares
if processed_dir:
    pub = pathlib.Path(processed_dir) / "01_ok"
    pub.mkdir(parents=True, exist_ok=True)
    (pub / "run_id.csv").write_text((out / "tables" / "run_id.csv").read_text())
if fail:
    raise RuntimeError("asked to fail")
"""
PARAMS = "lang = 'en'\noutput_dir = ''\nprocessed_dir = ''\nfail = False\nweights_file = ''"


def _notebook(path, body=BODY, params=PARAMS):
    return tiny_notebook(path, body, params)


@pytest.fixture
def project(tmp_path, monkeypatch):
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    _notebook(nbdir / "01_ok.ipynb")
    monkeypatch.setattr(paths, "NOTEBOOKS", nbdir)
    return tmp_path


def _run(project, **kw):
    res = runner.run(reports=project / "reports", **kw)
    assert res.ok, res.failed
    r = res.results[0]
    run_id = (res.run_dir / r["label"] / "tables" / "run_id.csv").read_text()
    return res, r, run_id


def test_unchanged_inputs_are_reused_not_executed(project):
    res1, r1, id1 = _run(project)
    res2, r2, id2 = _run(project)
    assert r1["cache"]["reused"] is False and r1["cache"]["stored"] is True
    assert r2["cache"]["reused"] is True and r2["cache"]["from"] == f"{res1.run_dir.name}/01_ok"
    assert id2 == id1  # the outputs of the first execution, not a new one
    assert (res2.run_dir / r2["executed_notebook"]).exists()
    assert r2["cache"]["key"] == r1["cache"]["key"]
    manifest = json.loads(res2.manifest.read_text(encoding="utf-8"))
    assert manifest["cache"]["reused"] == 1 and manifest["cache"]["executed"] == 0
    # the next run is still ordered by how long the notebook took to execute
    assert runner.previous_durations(project / "reports")["01_ok"] == r1["duration_s"]


def test_a_changed_parameter_executes_again(project):
    _, _, id1 = _run(project)
    _, r2, id2 = _run(project, overrides={"lang": "ja"})
    assert r2["cache"]["reused"] is False and id2 != id1


def test_output_locations_are_not_part_of_the_key(project):
    nb = paths.NOTEBOOKS / "01_ok.ipynb"
    a = cache.task_key(nb, {"output_dir": "a", "processed_dir": "", "lang": "en"})
    b = cache.task_key(nb, {"output_dir": "b", "processed_dir": "x", "lang": "en"})
    assert a == b != cache.task_key(nb, {"output_dir": "a", "lang": "ja"})


def test_no_reuse_executes_and_refreshes_the_entry(project):
    _, _, id1 = _run(project)
    _, r2, id2 = _run(project, reuse=False)
    assert r2["cache"]["reused"] is False and id2 != id1
    _, r3, id3 = _run(project)
    assert r3["cache"]["reused"] is True and id3 == id2  # the forced execution replaced the entry


def test_cache_off_neither_reads_nor_writes(project):
    _run(project)
    res, r, _ = _run(project, cache=False)
    assert "cache" not in r
    assert json.loads(res.manifest.read_text(encoding="utf-8"))["cache"]["dir"] is None


def test_the_content_of_a_named_file_is_part_of_the_key(project):
    f = project / "weights.csv"
    f.write_text("a\n1\n")
    _, _, id1 = _run(project, overrides={"weights_file": str(f)})
    _, r2, _ = _run(project, overrides={"weights_file": str(f)})
    assert r2["cache"]["reused"] is True
    f.write_text("a\n2\n")
    _, r3, id3 = _run(project, overrides={"weights_file": str(f)})
    assert r3["cache"]["reused"] is False and id3 != id1


def test_changed_package_code_or_environment_executes_again(project, monkeypatch):
    _, _, id1 = _run(project)
    monkeypatch.setattr(cache, "code_digest", lambda: "other code")
    _, r2, id2 = _run(project)
    assert r2["cache"]["reused"] is False and id2 != id1
    monkeypatch.setattr(cache, "environment_digest", lambda: "other environment")
    _, r3, _ = _run(project)
    assert r3["cache"]["reused"] is False


def test_the_code_digest_covers_every_subpackage_of_footprint():
    """The digest once covered only footprint/pipeline (the module's own folder after a move), so a change
    to the maths or the figures reused executions and results computed with the old code."""
    import footprint

    root = Path(footprint.__file__).resolve().parent
    files = {p.relative_to(root).as_posix() for p in cache.code_files()}
    assert {"city/compute.py", "outputs/plots/sdgs.py", "outputs/captions/en/brief.yml", "pipeline/cache.py",
            "__init__.py"} <= files
    subpackages = {p.parent.relative_to(root).as_posix() for p in root.rglob("__init__.py")}
    assert len(subpackages) >= 8 and all(f"{d}/__init__.py".lstrip("./") in files for d in subpackages)


def test_a_damaged_entry_is_not_copied(project):
    _, r1, id1 = _run(project)
    entry = project / "reports" / "cache" / r1["cache"]["key"]
    (entry / "tables" / "run_id.csv").write_text("id\ntampered\n")
    assert cache.lookup(project / "reports" / "cache", r1["cache"]["key"]) is None
    _, r2, id2 = _run(project)
    assert r2["cache"]["reused"] is False and "tampered" not in id2 and id2 != id1


def test_failed_executions_are_never_stored(project):
    res = runner.run(reports=project / "reports", overrides={"fail": True})
    assert not res.ok and res.failed[0]["cache"]["stored"] is False
    res = runner.run(reports=project / "reports", overrides={"fail": True})
    assert res.failed[0]["cache"]["reused"] is False


def test_reuse_publishes_the_tables_again(project):
    _, _, id1 = _run(project)  # the baseline: publishes
    target = paths.PROCESSED / "01_ok" / "run_id.csv"
    assert target.read_text(encoding="utf-8-sig") == id1
    target.unlink()
    _, r2, _ = _run(project)
    assert r2["cache"]["reused"] is True
    assert target.read_text(encoding="utf-8-sig") == id1


def test_an_execution_whose_declared_outputs_are_missing_is_not_stored(project):
    body = BODY.replace('["tables/run_id.csv"]', '["tables/run_id.csv", "figures/never_written.png"]')
    _notebook(paths.NOTEBOOKS / "01_ok.ipynb", body=body)
    _, r1, _ = _run(project)
    assert r1["cache"]["stored"] is False
    _, r2, _ = _run(project)
    assert r2["cache"]["reused"] is False


def test_lang_written_out_equals_the_default(project):
    nb = paths.NOTEBOOKS / "01_ok.ipynb"
    assert cache.task_key(nb, {}) == cache.task_key(nb, {"lang": "en"}) != cache.task_key(nb, {"lang": "ja"})


def test_tools_that_do_not_touch_results_are_not_in_the_key():
    names = cache.runtime_distributions()
    assert "numpy" in names and "matplotlib" in names and "pandas" in names
    assert not {"jupyterlab", "pytest", "hypothesis", "playwright"} & set(names)


def test_a_modified_raw_file_stops_the_run_before_any_kernel(project, monkeypatch):
    def broken(*a, **k):
        raise DataFileError("data/raw/x.csv", "sha256 in the manifest", "another sha256")

    monkeypatch.setattr(cache, "verify_raw", broken)
    cache._verified_raw.cache_clear()  # verified once per process and file state
    with pytest.raises(DataFileError, match="x.csv"):
        runner.run(reports=project / "reports")
    assert not (project / "reports" / "runs").exists() or not [
        p for p in (project / "reports" / "runs").iterdir() if p.name != "_validation"
    ]


def test_prune_keeps_the_newest_entries(tmp_path):
    import os

    for i in range(5):
        d = tmp_path / f"k{i}"
        d.mkdir()
        (d / cache.ENTRY).write_text("{}")
        os.utime(d / cache.ENTRY, (1000 + i, 1000 + i))
    removed = cache.prune(tmp_path, keep=2)
    assert sorted(p.name for p in removed) == ["k0", "k1", "k2"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k3", "k4"]


def test_outputs_that_are_not_visible_here_are_not_stored(tmp_path):
    """A remote cluster without a shared file system leaves the run folder empty on this side:
    an empty entry would later be reused as a notebook without outputs."""
    record = {"notebook": "01_ok", "executed_notebook": "01_ok/01_ok.ipynb", "duration_s": 1.0}
    assert cache.store(tmp_path / "cache", "k" * 64, tmp_path / "nowhere", record) is None
    assert cache.lookup(tmp_path / "cache", "k" * 64) is None


def test_the_notebook_page_its_worker_wrote_is_kept_with_the_execution(tmp_path):
    """The worker writes ``<stem>.notebook.html`` after the notebook; the cache stores it with the declared
    outputs (an unchanged run then exports no page), and an execution without a page is still stored."""
    from footprint.core.layout import NotebookLayout

    out = tmp_path / "01_x"
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "a.png").write_bytes(b"png")
    (out / "01_x.ipynb").write_text("{}", encoding="utf-8")
    NotebookLayout(out).outputs.write_text(json.dumps({"files": ["figures/a.png"]}), encoding="utf-8")
    without = cache.declared_outputs(out, "01_x.ipynb")
    assert without == sorted(["figures/a.png", "01_x.ipynb", "outputs.json"])
    NotebookLayout(out).notebook_page("01_x").write_text("<html></html>", encoding="utf-8")
    assert cache.declared_outputs(out, "01_x.ipynb") == sorted([*without, "01_x.notebook.html"])

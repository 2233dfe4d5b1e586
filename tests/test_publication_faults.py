"""A runner killed at any step of publishing: data/processed, reports/latest and the manifests never
disagree once the next run starts, and nothing is published by a run that is not complete."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from notebook_helpers import tiny_notebook

from footprint.core import paths
from footprint.pipeline import publication, runner

BODY = """
import json, pathlib
out = pathlib.Path(output_dir)
(out / "tables").mkdir(parents=True, exist_ok=True)
(out / "tables" / "values.csv").write_text(f"run,value\\n{tag},1\\n")
(out / "outputs.json").write_text(json.dumps({"files": ["tables/values.csv"]}))
"""
PARAMS = "lang = 'en'\noutput_dir = ''\nprocessed_dir = ''\ntag = 'first'"


@pytest.fixture
def project(tmp_path, monkeypatch):
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    tiny_notebook(nbdir / "01_a.ipynb", BODY, PARAMS)
    monkeypatch.setattr(paths, "NOTEBOOKS", nbdir)
    monkeypatch.setattr(paths, "PROCESSED", tmp_path / "data" / "processed")
    return tmp_path


def _killed_run(project, step: str) -> int:
    """A publishing run in its own process, killed by SIGKILL right after ``step``; returns its exit code."""
    env = dict(os.environ, FOOTPRINT_TEST_NOTEBOOKS=str(paths.NOTEBOOKS), FOOTPRINT_TEST_PROCESSED=str(paths.PROCESSED),
               **{publication.KILL_AT: step})
    code = ("import os, sys; from pathlib import Path; from footprint.core import paths; "
            "paths.NOTEBOOKS = Path(os.environ['FOOTPRINT_TEST_NOTEBOOKS']); "
            "paths.PROCESSED = Path(os.environ['FOOTPRINT_TEST_PROCESSED']); "
            "from footprint.pipeline import cli; "
            f"sys.exit(cli.main(['run', '--reports', {str(project / 'reports')!r}, '-p', 'tag=second', '--publish', "
            "'--no-cache']))")
    return subprocess.run([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, timeout=300).returncode


def _state(project):
    reports = project / "reports"
    latest = (reports / "latest").resolve().name
    manifests = {p.parent.name: json.loads(p.read_text(encoding="utf-8"))
                 for p in (reports / "runs").glob("*/manifest.json")}
    return publication.published_run(paths.PROCESSED), latest, manifests


def _table(project) -> str:
    return (paths.PROCESSED / "01_a" / "values.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("step", publication.STEPS)
def test_a_kill_at_any_publishing_step_is_finished_or_undone_by_the_next_start(project, step):
    first = runner.run(reports=project / "reports")
    assert first.ok and publication.published_run(paths.PROCESSED) == first.run_dir.name
    assert _killed_run(project, step) == -signal.SIGKILL
    killed = next(n for n in _state(project)[2] if n != first.run_dir.name)
    # before any recovery: data/processed is one whole publication, never a mix and never missing
    published, _, manifests = _state(project)
    swapped = publication.STEPS.index(step) >= publication.STEPS.index("swapped")
    assert published == (killed if swapped else first.run_dir.name)
    assert _table(project) == ("run,value\nsecond,1\n" if swapped else "run,value\nfirst,1\n")
    assert manifests[published]["status"] == "complete"  # nothing is published by a run that is not complete
    # the next start makes it whole, deterministically: the swap is the commit
    with publication.lock(paths.PROCESSED):
        done = publication.recover(project / "reports", paths.PROCESSED,
                                   lambda d, name: runner.update_latest(d, project / "reports", name))
    published, latest, manifests = _state(project)
    assert latest == published  # the pointer names the published run
    assert manifests[published]["status"] == "complete" and manifests[published]["publication"]["state"] == "done"
    if not swapped:
        assert manifests[killed]["status"] == "interrupted" and "published" not in manifests[killed]
    assert done, "recovery said nothing of what it did"
    assert not [p for p in paths.PROCESSED.parent.iterdir() if p.name.startswith(".processed.")
                and p.suffix in (".new", ".old")]  # no staging left
    # and the next run publishes normally
    again = runner.run(reports=project / "reports")
    assert again.ok and _state(project)[:2] == (again.run_dir.name, again.run_dir.name)


def test_a_kill_between_the_two_renames_restores_the_old_tables(project, monkeypatch):
    """Where the file system cannot exchange two folders, the swap is two renames; a kill between them leaves
    no data/processed, and recovery puts the old tables back."""
    first = runner.run(reports=project / "reports")
    stage = paths.PROCESSED.parent / ".processed.999999999.new"
    stage.mkdir()
    old = paths.PROCESSED.parent / ".processed.999999999.old"
    os.replace(paths.PROCESSED, old)  # the first rename of a publisher (pid 999999999, gone) killed here
    with publication.lock(paths.PROCESSED):
        publication.recover(project / "reports", paths.PROCESSED, lambda d, n: None)
    assert publication.published_run(paths.PROCESSED) == first.run_dir.name and not old.exists() and not stage.exists()


def test_a_running_manifest_of_a_process_that_is_gone_says_interrupted(project):
    run_dir = project / "reports" / "runs" / "20990101T000000Z_x"
    run_dir.mkdir(parents=True)
    (run_dir / "manifest.json").write_text(json.dumps({"run": run_dir.name, "status": "running", "pid": 999999999}))
    with publication.lock(paths.PROCESSED):
        publication.recover(project / "reports", paths.PROCESSED, lambda d, n: None)
    assert json.loads((run_dir / "manifest.json").read_text())["status"] == "interrupted"


def test_where_folders_cannot_be_exchanged_two_renames_publish_the_same(project, monkeypatch):
    first = runner.run(reports=project / "reports")
    monkeypatch.setattr(publication, "_exchange", lambda a, b: False)
    again = runner.run(reports=project / "reports", overrides={"tag": "second"}, publish=True)
    assert again.ok and publication.published_run(paths.PROCESSED) == again.run_dir.name != first.run_dir.name
    assert _table(project) == "run,value\nsecond,1\n"
    assert (project / "reports" / "latest").resolve() == again.run_dir.resolve()

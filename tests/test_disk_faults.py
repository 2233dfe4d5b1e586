"""A full or read-only reports folder: one line naming the folder and what to do, never a traceback, and
nothing published or pointed at. On a machine that lets this user mount a small tmpfs (root in CI) the
file system is real; elsewhere the same error is forced where the runner writes."""

from __future__ import annotations

import errno
import subprocess
import uuid

import pytest
from notebook_helpers import tiny_notebook

from footprint.core import paths
from footprint.pipeline import cli, publication, runner
from footprint.pipeline import run as run_module

BODY = """
import json, pathlib
out = pathlib.Path(output_dir)
(out / "tables").mkdir(parents=True, exist_ok=True)
(out / "tables" / "values.csv").write_text("x\\n1\\n" * 20000)
(out / "outputs.json").write_text(json.dumps({"files": ["tables/values.csv"]}))
"""
PARAMS = "lang = 'en'\noutput_dir = ''\nprocessed_dir = ''"


@pytest.fixture
def project(tmp_path, monkeypatch):
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    tiny_notebook(nbdir / "01_a.ipynb", BODY, PARAMS)
    monkeypatch.setattr(paths, "NOTEBOOKS", nbdir)
    monkeypatch.setattr(paths, "PROCESSED", tmp_path / "data" / "processed")
    return tmp_path


def _mount(where, *options) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(options), f"footprint-{uuid.uuid4().hex[:8]}",
                           str(where)], capture_output=True).returncode == 0


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.startswith("error")]  # progress lines aside
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("kind", ["full", "read-only"])
def test_a_reports_folder_that_cannot_take_the_run_is_one_line(project, capsys, monkeypatch, kind):
    first = runner.run(reports=project / "reports")  # the published baseline, on a working disk
    published = (paths.PROCESSED / "provenance.json").read_bytes()
    reports = project / "small"
    options = ["size=96k"] if kind == "full" else ["size=1m", "ro"]
    mounted = _mount(reports, *options)
    try:
        if not mounted:  # no mount here: the error the file system would give, where the runner first writes
            code = errno.ENOSPC if kind == "full" else errno.EROFS

            def refuse(*args, **kwargs):
                raise OSError(code, "forced", str(reports / "runs"))

            monkeypatch.setattr(run_module, "new_run_dir", refuse)
        status = cli.main(["run", "--reports", str(reports), "--publish"])
        line = _one_line(capsys)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(reports)], check=False)
    assert status == 2
    assert ("no space left" if kind == "full" else "read-only") in line and "--reports" in line
    assert str(reports.name) in line  # the folder is named
    assert (paths.PROCESSED / "provenance.json").read_bytes() == published  # nothing published
    assert publication.published_run(paths.PROCESSED) == first.run_dir.name
    assert (project / "reports" / "latest").resolve() == first.run_dir.resolve()

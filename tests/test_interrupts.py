"""Ctrl-C during a run stops its workers and kernels, leaves the manifest ``interrupted``, moves no pointer,
publishes nothing and exits 130 with one line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest
from notebook_helpers import tiny_notebook

from footprint.core import paths
from footprint.pipeline import publication, runner

BODY = """
import json, pathlib, time
out = pathlib.Path(output_dir)
(out / "tables").mkdir(parents=True, exist_ok=True)
(out / "tables" / "values.csv").write_text("x\\n1\\n")
(out / "outputs.json").write_text(json.dumps({"files": ["tables/values.csv"]}))
time.sleep(sleep)
"""
PARAMS = "lang = 'en'\noutput_dir = ''\nprocessed_dir = ''\nsleep = 0.0"


@pytest.fixture
def project(tmp_path, monkeypatch):
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    for name in ("01_a", "02_b"):
        tiny_notebook(nbdir / f"{name}.ipynb", BODY, PARAMS)
    monkeypatch.setattr(paths, "NOTEBOOKS", nbdir)
    monkeypatch.setattr(paths, "PROCESSED", tmp_path / "data" / "processed")
    return tmp_path


@pytest.mark.parametrize("jobs, whole_group", [(2, False), (2, True), (1, True)])
def test_ctrl_c_stops_everything_and_says_so(project, jobs, whole_group):
    first = runner.run(reports=project / "reports")
    published = (paths.PROCESSED / "provenance.json").read_bytes()
    env = dict(os.environ, FOOTPRINT_TEST_NOTEBOOKS=str(paths.NOTEBOOKS), FOOTPRINT_TEST_PROCESSED=str(paths.PROCESSED))
    code = ("import os, sys; from pathlib import Path; from footprint.core import paths; "
            "paths.NOTEBOOKS = Path(os.environ['FOOTPRINT_TEST_NOTEBOOKS']); "
            "paths.PROCESSED = Path(os.environ['FOOTPRINT_TEST_PROCESSED']); "
            "from footprint.pipeline import cli; "
            f"sys.exit(cli.main(['run', '--reports', {str(project / 'reports')!r}, '-p', 'sleep=60', '--publish', "
            f"'--no-cache', '--jobs', '{jobs}']))")
    # started with SIGINT ignored, as a scheduler, a script's background job or a test runner may start it:
    # the run must still stop on Ctrl-C (Python raises no KeyboardInterrupt where SIGINT is ignored)
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    runs = project / "reports" / "runs"
    deadline = time.time() + 90
    while time.time() < deadline:  # until a kernel runs a notebook
        live = [p for p in runs.iterdir() if p.name not in (first.run_dir.name, "_validation")]
        if live and list(live[0].glob("0*/*.ipynb")):
            break
        time.sleep(0.2)
    time.sleep(1.0)
    tree = psutil.Process(proc.pid).children(recursive=True)
    assert tree, "no worker or kernel was running"
    if whole_group:  # Ctrl-C in a terminal: every process of the group gets SIGINT
        os.killpg(proc.pid, signal.SIGINT)
    else:  # only the runner gets it: it must stop its workers and their kernels itself
        os.kill(proc.pid, signal.SIGINT)
    t0 = time.time()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and time.time() - t0 < 30
    lines = [ln for ln in err.decode().splitlines() if ln.startswith("error")]
    assert len(lines) == 1 and "interrupted" in lines[0] and "Traceback" not in err.decode()
    _, alive = psutil.wait_procs(tree, timeout=15)
    assert not alive, f"left running: {[p.name() for p in alive]}"
    run_dir = next(p for p in runs.iterdir() if p.name not in (first.run_dir.name, "_validation"))
    assert json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))["status"] == "interrupted"
    assert (project / "reports" / "latest").resolve() == first.run_dir.resolve()
    assert (paths.PROCESSED / "provenance.json").read_bytes() == published
    assert publication.published_run(paths.PROCESSED) == first.run_dir.name

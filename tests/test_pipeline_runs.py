"""Runs readers can trust: deliberate publishing, honest pointers and statuses, kills, concurrency, privacy."""

from __future__ import annotations

import json
import re
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from footprint.core import paths
from footprint.core.errors import ParameterError
from footprint.pipeline import cli, publish, runner
from footprint.pipeline.runs import new_run_dir, prune_runs
from notebook_helpers import tiny_notebook

BODY = """
import json, pathlib
out = pathlib.Path(output_dir)
(out / "tables").mkdir(parents=True, exist_ok=True)
(out / "tables" / "values.csv").write_text("code,name,value_gha\\n01,北海道,0.123456789\\n27,大阪,12345.6789\\n")
(out / "tables" / "{extra}.csv").write_text("x\\n1\\n")
(out / "outputs.json").write_text(json.dumps({{"files": ["tables/values.csv", "tables/{extra}.csv"]}}))
import time; time.sleep(sleep)
if fail:
    raise RuntimeError("asked to fail")
"""
PARAMS = "lang = 'en'\noutput_dir = ''\nprocessed_dir = ''\nfail = False\nsleep = 0.0"


@pytest.fixture
def project(tmp_path, monkeypatch):
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    tiny_notebook(nbdir / "01_a.ipynb", BODY.format(extra="only_a"), PARAMS)
    monkeypatch.setattr(paths, "NOTEBOOKS", nbdir)
    return tmp_path


def _manifest(res):
    return json.loads(res.manifest.read_text(encoding="utf-8"))


def test_the_baseline_publishes_one_atomic_set_with_provenance(project):
    res = runner.run(reports=project / "reports", jobs=1)
    assert res.ok and _manifest(res)["status"] == "complete" and _manifest(res)["publishes"] is True
    pub = paths.PROCESSED
    prov = json.loads((pub / publish.PROVENANCE).read_text(encoding="utf-8"))
    assert prov["run"] == res.run_dir.name and set(prov["files"]) == {"01_a/values.csv", "01_a/only_a.csv"}
    # for Excel: a byte-order mark, codes keep their zeros, numbers rounded to 4 significant digits
    raw = (pub / "01_a" / "values.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig") == "code,name,value_gha\n01,北海道,0.1235\n27,大阪,12350\n"
    # the run folder keeps full precision
    assert "0.123456789" in (res.run_dir / "01_a" / "tables" / "values.csv").read_text(encoding="utf-8")
    assert (res.run_dir.parent.parent / "latest").resolve() == res.run_dir.resolve()


def test_tables_a_run_did_not_produce_are_removed(project):
    runner.run(reports=project / "reports")
    (paths.PROCESSED / "01_a" / "stale.csv").write_text("x\n1\n")
    (paths.PROCESSED / "99_gone").mkdir()
    again = runner.run(reports=project / "reports")
    assert again.results[0]["cache"]["reused"] is True  # a reused execution publishes as an executed one
    assert not (paths.PROCESSED / "01_a" / "stale.csv").exists() and not (paths.PROCESSED / "99_gone").exists()


def test_adhoc_runs_and_failed_runs_neither_publish_nor_move_latest(project):
    base = runner.run(reports=project / "reports")
    before = (paths.PROCESSED / publish.PROVENANCE).read_bytes()
    adhoc = runner.run(reports=project / "reports", overrides={"lang": "ja"})
    assert adhoc.ok and _manifest(adhoc)["publishes"] is False
    assert (project / "reports" / "latest").resolve() == base.run_dir.resolve()
    assert (project / "reports" / "latest-adhoc").resolve() == adhoc.run_dir.resolve()
    one = runner.run(reports=project / "reports", notebooks=["01"])
    assert _manifest(one)["publishes"] is False and one.results[0]["cache"]["reused"] is True
    failed = runner.run(reports=project / "reports", overrides={"fail": True})
    assert not failed.ok and _manifest(failed)["status"] == "failed"
    assert (project / "reports" / "latest").resolve() == base.run_dir.resolve()
    assert (project / "reports" / "latest-adhoc").resolve() == one.run_dir.resolve()
    assert (paths.PROCESSED / publish.PROVENANCE).read_bytes() == before


def test_explicit_publish_of_a_full_run_with_overrides(project):
    res = runner.run(reports=project / "reports", overrides={"lang": "ja"}, publish=True)
    assert _manifest(res)["publishes"] is True
    assert json.loads((paths.PROCESSED / publish.PROVENANCE).read_text(encoding="utf-8"))["run"] == res.run_dir.name


def test_a_killed_run_leaves_nothing_partial_and_the_next_run_succeeds(project):
    first = runner.run(reports=project / "reports")
    published = (paths.PROCESSED / publish.PROVENANCE).read_bytes()
    env = dict(os.environ, FOOTPRINT_TEST_NOTEBOOKS=str(paths.NOTEBOOKS), FOOTPRINT_TEST_PROCESSED=str(paths.PROCESSED))
    code = ("import os, sys; from pathlib import Path; from footprint.core import paths; "
            "paths.NOTEBOOKS = Path(os.environ['FOOTPRINT_TEST_NOTEBOOKS']); "
            "paths.PROCESSED = Path(os.environ['FOOTPRINT_TEST_PROCESSED']); "
            "from footprint.pipeline import cli; "
            f"sys.exit(cli.main(['run', '--reports', {str(project / 'reports')!r}, '-p', 'sleep=30', '--publish']))")
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    runs = project / "reports" / "runs"
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until the kernel of the first notebook runs
        running = [p for p in runs.iterdir() if p.name != first.run_dir.name and (p / "manifest.json").exists()]
        if running and list(running[0].glob("01_a/*.ipynb")):
            break
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    killed = [p for p in runs.iterdir() if p.name not in (first.run_dir.name, "_validation")]
    assert len(killed) == 1
    assert json.loads((killed[0] / "manifest.json").read_text(encoding="utf-8"))["status"] == "running"
    assert (paths.PROCESSED / publish.PROVENANCE).read_bytes() == published
    assert (project / "reports" / "latest").resolve() == first.run_dir.resolve()
    assert not [p for p in (project / "reports" / "cache").iterdir() if p.name.startswith(".")]
    again = runner.run(reports=project / "reports")
    assert again.ok and (project / "reports" / "latest").resolve() == again.run_dir.resolve()


def test_two_concurrent_runs_claim_different_folders_and_both_complete(project):
    code = ("import os, sys; from pathlib import Path; from footprint.core import paths; "
            "paths.NOTEBOOKS = Path(os.environ['FOOTPRINT_TEST_NOTEBOOKS']); "
            "paths.PROCESSED = Path(os.environ['FOOTPRINT_TEST_PROCESSED']); "
            "from footprint.pipeline import cli; "
            f"sys.exit(cli.main(['run', '--reports', {str(project / 'reports')!r}, '--no-cache']))")
    env = dict(os.environ, FOOTPRINT_TEST_NOTEBOOKS=str(paths.NOTEBOOKS), FOOTPRINT_TEST_PROCESSED=str(paths.PROCESSED))
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    runs = sorted(p for p in (project / "reports" / "runs").iterdir() if p.name != "_validation")
    assert len(runs) == 2
    for r in runs:
        assert json.loads((r / "manifest.json").read_text(encoding="utf-8"))["status"] == "complete"
    prov = json.loads((paths.PROCESSED / publish.PROVENANCE).read_text(encoding="utf-8"))
    assert prov["run"] in {r.name for r in runs}


def test_run_folder_names_are_claimed_atomically(tmp_path):
    made = {new_run_dir(tmp_path, "same") for _ in range(5)}
    assert len(made) == 5 and all(p.is_dir() for p in made)


def test_prune_keeps_the_newest_runs_and_every_pointed_run(project):
    first = runner.run(reports=project / "reports")
    for _ in range(3):
        runner.run(reports=project / "reports", overrides={"lang": "ja"})  # executed once, then reused
    removed = prune_runs(project / "reports", keep=1)
    left = sorted(p.name for p in (project / "reports" / "runs").iterdir() if not p.name.startswith("_"))
    assert first.run_dir.name in left  # reports/latest names it
    assert len(left) == 2 and len(removed) == 2


def test_no_output_names_the_machine(project):
    """No written file names the user's folders, host or account; the brief shows a file parameter by its name."""
    import getpass
    import socket

    from footprint.pipeline.report import changed_parameters

    user_file = project / "my data" / "weights.csv"
    user_file.parent.mkdir()
    user_file.write_text("w\n1\n")
    nb = paths.NOTEBOOKS / "01_a.ipynb"
    tiny_notebook(nb, BODY.format(extra="only_a"), PARAMS + "\nweights_file = ''")
    res = runner.run(reports=project / "reports", overrides={"weights_file": str(user_file)}, notebooks=["01"])
    assert res.ok
    # the user's folder appears nowhere; the run folder's own location only in the executed notebook's
    # injected output_dir (the kernel needs it) when reports/ lies outside the project
    for p in [*res.run_dir.rglob("*"), *paths.PROCESSED.rglob("*")]:
        if p.is_file() and p.suffix in (".json", ".ipynb", ".csv", ".md", ".html"):
            text = p.read_text(encoding="utf-8", errors="replace")
            assert "my data" not in text, p
            assert f"/home/{getpass.getuser()}/" not in text, p
            if p.suffix in (".json", ".md"):  # a host name as short as "vm" is also CSS in the HTML pages
                assert socket.gethostname() not in text, p
            if p.suffix != ".ipynb":
                assert str(project) not in text, p
    assert list((res.run_dir / "inputs").glob("*_weights.csv"))
    executed = res.run_dir / res.results[0]["executed_notebook"]
    shown = changed_parameters(executed, {"lang": "ja", "output_dir": str(project / "run"), "weights_file": str(user_file)})
    assert shown == {"lang": "ja", "weights_file": "weights.csv"}


def test_a_read_only_reports_folder_is_one_line(project, capsys):
    ro = project / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        if os.access(ro, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        code = cli.main(["run", "--reports", str(ro)])
    finally:
        ro.chmod(0o700)
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "permission" in err[0]


def test_published_data_package_is_valid_frictionless(project):
    frictionless = pytest.importorskip("frictionless")
    runner.run(reports=project / "reports")
    report = frictionless.validate(str(paths.PROCESSED / publish.DATAPACKAGE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    pkg = json.loads((paths.PROCESSED / publish.DATAPACKAGE).read_text(encoding="utf-8"))
    fields = {f["name"]: f for r in pkg["resources"] for f in r["schema"]["fields"]}
    assert fields["code"]["type"] == "string" and fields["value_gha"]["description"] == "unit: gha"


def test_round_significant_is_vectorised_and_leaves_specials():
    import numpy as np

    got = publish.round_significant([0.123456, 123456.0, -0.00098766, 0.0, np.nan, np.inf])
    assert got[:4].tolist() == [0.1235, 123500.0, -0.0009877, 0.0]
    assert np.isnan(got[4]) and np.isinf(got[5])


def test_published_path_is_never_under_raw():
    assert not Path(paths.PROCESSED).resolve().is_relative_to(paths.RAW.resolve())


def test_permission_denied_anywhere_in_a_run_is_one_line(project, capsys, monkeypatch):
    """As root the folder test above cannot deny a write; the error path is the same for any folder."""
    from footprint.pipeline import run as run_module

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied", str(project / "reports" / "runs"))

    monkeypatch.setattr(run_module, "new_run_dir", denied)
    code = cli.main(["run", "--reports", str(project / "reports")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "permission denied" in err[0] and "Traceback" not in err[0]


def test_dask_cluster_in_another_working_directory_brings_outputs_back(project, monkeypatch):
    distributed = pytest.importorskip("distributed")
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the workers start here, not in the project
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        res = runner.run(reports=project / "reports", engine="dask", scheduler=cl.scheduler_address)
    assert res.ok, res.failed
    assert _manifest(res)["engine"] == "dask"
    for r in res.results:
        assert (res.run_dir / r["label"] / "tables" / "values.csv").is_file()
        assert r["cache"]["stored"] is True
    assert not list(elsewhere.iterdir())  # nothing written where the workers started


def test_a_cluster_that_cannot_see_the_run_folder_is_refused(tmp_path):
    from footprint.core.errors import ParameterError
    from footprint.pipeline.execute import check_shared_files

    class BlindClient:
        def run(self, fn, *args):
            return {"tcp://10.0.0.9:1234": False, "tcp://10.0.0.9:1235": False}

    with pytest.raises(ParameterError, match="share this project's file system"):
        check_shared_files(BlindClient(), tmp_path)
    assert not list(tmp_path.iterdir())  # the probe is removed


def test_a_grid_of_kernels_says_what_it_will_cost_before_it_starts(project):
    runner.run(reports=project / "reports")  # the latest run: each notebook's time and size
    said = []
    grid = runner.Scenario(name="grid", sweep={"01_a": {"sleep": [0.0, 0.01, 0.02]}})
    res = runner.run(grid, reports=project / "reports", jobs=2, announce=said.append)
    assert res.ok and len(said) == 1
    assert re.fullmatch(r"3 notebook executions: about 0:00:\d\d on 2 process\(es\) and \d+ MB, from the latest run's "
                        r"times and sizes", said[0]), said
    with pytest.raises(ParameterError, match=r"at most 2 notebook executions, found 3 .*--max-runs 3"):
        runner.run(grid, reports=project / "reports", max_runs=2)

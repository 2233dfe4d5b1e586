"""The papermill runner: validation before any kernel starts, failure isolation, manifests, scenarios."""

from __future__ import annotations

import json

import nbformat
import pytest

from footprint.pipeline import execute, runner
from footprint.core import paths
from footprint.core.errors import DataFileError, ParameterError
from notebook_helpers import tiny_notebook

NB01 = paths.NOTEBOOKS / "01_national_accounts.ipynb"


def test_unknown_parameter_rejected_before_any_kernel(tmp_path):
    with pytest.raises(ParameterError) as e:
        runner.run(notebooks=["01"], overrides={"contries": ["Japan"]}, reports=tmp_path)
    assert "contries" in str(e.value)
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())


def test_unknown_name_in_scenario_suggests_the_right_one(tmp_path):
    sc = runner.Scenario(name="t", notebooks={"01_national_accounts": {"langg": "ja"}})
    with pytest.raises(ParameterError, match="did you mean 'lang'"):
        runner.plan(sc, run_dir=tmp_path)


def test_wrong_type_is_rejected(tmp_path):
    sc = runner.Scenario(name="t", notebooks={"01_national_accounts": {"years": 2022}})
    with pytest.raises(ParameterError, match="expected list"):
        runner.plan(sc, run_dir=tmp_path)


def test_missing_file_parameter_is_rejected(tmp_path):
    nb = tiny_notebook(tmp_path / "01_x.ipynb", params="lang = 'en'\noutput_dir = ''\nclum_file = ''")
    with pytest.raises(ParameterError, match="does not exist"):
        runner.validate_parameters(nb, {"clum_file": "nowhere.csv"})
    runner.validate_parameters(nb, {"clum_file": ""})  # empty = not used


def test_failing_notebook_does_not_stop_the_others(tmp_path, monkeypatch):
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    tiny_notebook(nbdir / "01_ok.ipynb")
    tiny_notebook(nbdir / "02_fails.ipynb", body="raise RuntimeError('bad input row 7')")
    tiny_notebook(nbdir / "03_ok.ipynb")
    monkeypatch.setattr(paths, "NOTEBOOKS", nbdir)
    res = runner.run(reports=tmp_path / "reports", jobs=2)
    assert [r["status"] for r in res.results] == ["ok", "failed", "ok"]
    assert "bad input row 7" in res.failed[0]["error"]
    manifest = json.loads(res.manifest.read_text(encoding="utf-8"))
    assert manifest["status"] == "failed"
    assert manifest["notebooks"][1]["error"].startswith("RuntimeError")
    for r in res.results:
        assert (res.run_dir / r["executed_notebook"]).exists()


def test_cli_exits_nonzero_and_names_the_failure(tmp_path, monkeypatch, capsys):
    from footprint.pipeline import cli

    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    tiny_notebook(nbdir / "01_fails.ipynb", body="1/0")
    monkeypatch.setattr(paths, "NOTEBOOKS", nbdir)
    monkeypatch.setattr(paths, "REPORTS", tmp_path / "reports")
    assert cli.main(["run"]) == 1
    err = capsys.readouterr().err
    assert "01_fails" in err and "ZeroDivisionError" in err
    assert cli.main(["run", "-p", "nope=1"]) == 2
    assert "nope" in capsys.readouterr().err


def test_manifest_has_provenance(tmp_path, monkeypatch):
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    tiny_notebook(nbdir / "01_ok.ipynb")
    monkeypatch.setattr(paths, "NOTEBOOKS", nbdir)
    res = runner.run(reports=tmp_path / "reports")
    text = res.manifest.read_text(encoding="utf-8")
    m = json.loads(text)
    assert m["package"]["version"] and m["git_commit"] and m["inputs"]
    assert m["notebooks"][0]["duration_s"] > 0 and m["notebooks"][0]["parameters"]["output_dir"]


def test_invalid_scenario_files_give_clear_errors(tmp_path):
    bad_yaml = tmp_path / "bad.yml"
    bad_yaml.write_text("name: x\nnotebooks:\n  01: {lang: en\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="bad.yml.*row"):
        runner.load_scenario(bad_yaml)
    unknown_key = tmp_path / "k.yml"
    unknown_key.write_text("name: x\nnotebok: {}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="notebok"):
        runner.load_scenario(unknown_key)
    bad_sweep = tmp_path / "s.yml"
    bad_sweep.write_text("name: x\nsweep:\n  01_national_accounts: {lang: ja}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="non-empty lists"):
        runner.load_scenario(bad_sweep)
    with pytest.raises(DataFileError, match="no such file"):
        runner.load_scenario(tmp_path / "missing.yml")
    with pytest.raises(ParameterError, match="unknown notebook"):
        runner.plan(runner.Scenario(name="x", notebooks={"99_nothing": {}}), run_dir=tmp_path)


def test_sweep_expands_a_grid(tmp_path):
    sc = runner.Scenario(name="s", sweep={"01_national_accounts": {"lang": ["en", "ja"], "years": [[2010, 2020], [2015, 2022]]}},
                         notebooks={"01_national_accounts": {}})
    tasks = runner.plan(sc, run_dir=tmp_path)
    assert len(tasks) == 4
    assert len({t.run_label for t in tasks}) == 4
    assert {t.parameters["lang"] for t in tasks} == {"en", "ja"}


def test_parse_override():
    assert runner.parse_override("year=2020") == ("year", 2020)
    assert runner.parse_override("countries=[Japan, World]") == ("countries", ["Japan", "World"])
    with pytest.raises(ParameterError):
        runner.parse_override("year")


def test_alternative_scenarios_do_not_overwrite_published_tables(tmp_path):
    alt = tmp_path / "alt.yml"
    alt.write_text("name: alt\nnotebooks:\n  01_national_accounts: {lang: ja}\n", encoding="utf-8")
    tasks = runner.plan(runner.load_scenario(alt), run_dir=tmp_path)
    assert tasks[0].parameters["processed_dir"] == ""
    base = runner.plan(runner.load_scenario(paths.SCENARIOS / "baseline.yml"), notebooks=["01"], run_dir=tmp_path)
    assert "processed_dir" not in base[0].parameters  # the notebook default: data/processed
    explicit = tmp_path / "explicit.yml"
    explicit.write_text("name: e\nnotebooks:\n  01_national_accounts: {processed_dir: out/tables}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="processed_dir"):  # publishing is the runner's decision
        runner.load_scenario(explicit)
    bad = tmp_path / "bad.yml"
    bad.write_text("name: b\npublish: yes please\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="publish"):
        runner.load_scenario(bad)


def test_kernel_log_goes_to_the_run_folder_not_the_terminal(tmp_path, capfd):
    nb = tiny_notebook(tmp_path / "01_x.ipynb", body="import sys\nprint('to the notebook', file=sys.stderr)")
    res = execute.run_one(execute.make_task(nb, {}, tmp_path / "run", "01_x"))
    assert res["status"] == "ok"
    err = capfd.readouterr().err
    assert "IPKernelApp" not in err and "to the notebook" not in err
    assert (tmp_path / "run" / res["kernel_log"]).exists()
    executed = nbformat.read(tmp_path / "run" / res["executed_notebook"], as_version=4)
    assert "to the notebook" in str([c.get("outputs") for c in executed.cells])  # kept in the notebook


def test_workers_are_not_forked_after_a_kernel_ran_here(tmp_path, monkeypatch):
    """ZeroMQ's threads are invisible to `threading`: a worker forked after a kernel ran in this
    process would wait forever for its own kernel (seen as "Kernel didn't respond in 60 seconds")."""
    monkeypatch.setattr(execute.threading, "active_count", lambda: 1)
    monkeypatch.setattr(execute, "_KERNELS_DRIVEN", False)
    monkeypatch.setattr(execute.sys, "platform", "linux")
    from types import SimpleNamespace

    with monkeypatch.context() as m:  # a process that never created a ZeroMQ context
        m.setitem(execute.sys.modules, "zmq", SimpleNamespace(Context=SimpleNamespace(_instance=None)))
        assert execute._process_context().get_start_method() == "fork"
    nb = tiny_notebook(tmp_path / "01_ok.ipynb")
    r = execute.run_one(execute.make_task(nb, {}, tmp_path / "run"))
    assert r["status"] == "ok"
    assert execute._process_context().get_start_method() == "forkserver"

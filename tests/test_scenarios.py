"""Every shipped scenario file loads and validates against the notebooks (no kernel started)."""

from __future__ import annotations

import pytest

from footprint.core import paths
from footprint.pipeline import runner

SCENARIOS = sorted(paths.SCENARIOS.glob("*.yml"))


def test_there_is_a_baseline_and_alternatives():
    names = {p.stem for p in SCENARIOS}
    assert "baseline" in names
    assert len(names) >= 3


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_validates(path, tmp_path):
    sc = runner.load_scenario(path)
    tasks = runner.plan(sc, run_dir=tmp_path)
    assert tasks, f"{path.name} expands to no run"
    assert len({t.run_label for t in tasks}) == len(tasks)


def test_notebook_aliases_are_one_notebook(tmp_path):
    """Regression: '02' and 02_city_footprint in one file were both kept (two runs of one notebook)."""
    from footprint.core import DataFileError

    p = tmp_path / "s.yml"
    p.write_text("name: x\nnotebooks:\n  '02': {year: 2019}\n", encoding="utf-8")
    assert list(runner.load_scenario(p).notebooks) == ["02_city_footprint"]
    p.write_text("name: x\nnotebooks:\n  '02': {year: 2019}\n  02_city_footprint: {}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="twice"):
        runner.load_scenario(p)


def test_defaults_typo_and_unselected_sweep_are_refused(tmp_path):
    """Regression: a typo in defaults and a sweep over a notebook not selected were silently ignored."""
    from footprint.core import DataFileError

    p = tmp_path / "s.yml"
    p.write_text("name: x\ndefaults: {lnag: ja}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="lnag.*did you mean 'lang'"):
        runner.load_scenario(p)
    p.write_text("name: x\nnotebooks: {01_national_accounts: {}}\nsweep:\n  02_city_footprint: {year: [2019]}\n",
                 encoding="utf-8")
    with pytest.raises(DataFileError, match="02_city_footprint.*not selected"):
        runner.load_scenario(p)


def test_non_utf8_scenario_is_one_line(tmp_path):
    """Regression: a cp932 scenario file ended in a UnicodeDecodeError traceback."""
    from footprint.core import DataFileError

    p = tmp_path / "s.yml"
    p.write_bytes("name: 試験\n".encode("cp932"))
    with pytest.raises(DataFileError, match="UTF-8") as e:
        runner.load_scenario(p)
    assert "\n" not in str(e.value)


def test_runner_parameters_given_by_a_user_are_refused(tmp_path):
    from footprint.core import ParameterError

    from footprint.core import DataFileError

    p = tmp_path / "s.yml"
    p.write_text("name: x\nnotebooks:\n  01_national_accounts: {processed_dir: data/raw}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="processed_dir.*runner"):
        runner.load_scenario(p)
    with pytest.raises(ParameterError, match="output_dir"):
        runner.plan(runner.Scenario(name="x"), notebooks=["01"], overrides={"output_dir": "/tmp/x"}, run_dir=tmp_path)

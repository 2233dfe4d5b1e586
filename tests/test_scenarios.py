"""Every shipped scenario file loads and validates against the notebooks (no kernel started)."""

from __future__ import annotations

import pytest

from footprint.pipeline import runner
from footprint.core import paths

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

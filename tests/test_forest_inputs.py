"""A researcher's forest tables: clear errors naming file, row and value; cp932 and lost zeros accepted."""

from __future__ import annotations

import pytest

from footprint import forest as F
from footprint.core.errors import DataFileError


@pytest.fixture(scope="module")
def inputs():
    return F.load_inputs()


def test_negative_area_in_a_supplied_file(tmp_path, inputs):
    f = tmp_path / "planted.csv"
    f.write_text("code5,planted_forest_area_ha\n27100,0\n27216,-3\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"planted.csv: row 3: expected planted_forest_area_ha >= 0, found -3"):
        F.load_planted_forest(f, inputs.municipalities)


def test_unknown_municipality_code_in_a_supplied_file(tmp_path, inputs):
    f = tmp_path / "workers.csv"
    f.write_text("code5,forestry_workers_persons\n27100,10\n27999,4\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"workers.csv: row 3: expected a 5-digit municipality code.*'27999'"):
        F.load_forestry_workers(f, inputs.municipalities)


def test_empty_paths_mean_no_supplied_table(inputs):
    assert F.load_supplied_indicators("", "", inputs.municipalities) == (None, None)

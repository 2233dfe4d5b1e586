"""Monte Carlo of the city footprint and the results built on it (headline, sensitivity, capitals, time series)."""

from __future__ import annotations

import numpy as np
import pytest
from strategies_city import inputs_fixture, osaka_fixture  # noqa: F401 (fixtures)

from footprint import city as C
from footprint.core.errors import ParameterError


def test_osaka_per_person_footprint_within_published_band(inputs, osaka):
    japan = C.year_context(inputs, 2022).ef_consumption_pc.sum()
    assert 0.85 * japan <= osaka.headline["ef_gha_per_cap"] <= 1.15 * japan
    h = C.headline_results(inputs, C.OSAKA, 2022, draws=2000).set_index("indicator")
    ef = h.loc["ef_gha_per_cap"]
    assert 0.85 * japan <= ef["p05"] <= ef["median"] <= ef["p95"] <= 1.15 * japan
    assert ef["p05"] <= ef["central"] <= ef["p95"]
    assert (h["status"] == "estimated").all()
    assert 0.95 < h.loc["share_outside_city", "median"] < 1.0


def test_monte_carlo_is_seeded_and_central_without_variation(inputs, osaka):
    a = C.simulate(inputs, C.OSAKA, 2022, draws=300, seed=7)
    b = C.simulate(inputs, C.OSAKA, 2022, draws=300, seed=7)
    np.testing.assert_array_equal(a.values["ef_gha_per_cap"], b.values["ef_gha_per_cap"])
    fixed = C.simulate(inputs, C.OSAKA, 2022, draws=50, seed=7, vary=())
    np.testing.assert_allclose(fixed.values["ef_gha_per_cap"], osaka.headline["ef_gha_per_cap"], rtol=1e-12)
    np.testing.assert_allclose(fixed.values["bc_gha"], osaka.headline["bc_gha"], rtol=1e-12)


def test_input_groups_keep_their_old_name():
    assert C.GROUPS is C.INPUT_GROUPS and len(C.INPUT_GROUPS) == 10  # the nation is published: no stand-in


def test_sensitivity_ranks_inputs_and_land_use_does_not_move_the_footprint(inputs):
    t = C.sensitivity(inputs, C.OSAKA, 2022, draws=300)
    assert set(t["input"]) == set(C.GROUPS)
    assert (t["width"].diff().dropna() <= 1e-12).all()
    assert t.set_index("input").loc["land_use", "width"] == pytest.approx(0, abs=1e-12)
    assert t["width"].iloc[0] > 0


def test_all_capitals_compare(inputs):
    t = C.compare_cities(inputs, 2022, draws=200)
    assert len(t) == 52 and C.OSAKA in set(t["city"])
    assert (t["p05"] <= t["p95"]).all()
    assert t["central"].is_monotonic_decreasing
    assert ((t["ratio_to_japan"] > 0.6) & (t["ratio_to_japan"] < 1.4)).all()
    assert 1 <= C.rank_of(t, C.OSAKA) <= 52


def test_time_series_covers_every_year_with_data(inputs):
    ts = C.time_series(inputs, C.OSAKA, draws=50)
    assert ts["year"].tolist() == list(range(2007, 2025))
    assert (ts["p05"] <= ts["p95"]).all()
    assert ts["window_years"].iloc[0] == "2007–2007"


def test_bad_draws_and_vary(inputs):
    with pytest.raises(ParameterError, match="draws"):
        C.simulate(inputs, C.OSAKA, 2022, draws=0)
    with pytest.raises(ParameterError, match="vary"):
        C.simulate(inputs, C.OSAKA, 2022, draws=5, vary=("clum",))


def test_the_land_share_outside_the_city_leaves_carbon_apart_and_matches_the_origin_table():
    """land_share_outside_city (vectorised over the draws) equals, at the central inputs, the share of the
    origin table's located land (every land type but carbon) that is not in the city; carbon_share equals
    carbon's row of the same table."""
    from footprint.pipeline import model

    r = model.compute("osaka", model.RunParameters(draws=30))
    h = r["headline"].set_index("indicator")
    o = r["origin"]
    land = o[o["land_type"] != "carbon"]
    expected = 1 - land.loc[land["origin"] == "city", "ef_gha"].sum() / land["ef_gha"].sum()
    assert h.loc["land_share_outside_city", "central"] == pytest.approx(expected, rel=1e-9)
    assert h.loc["carbon_share", "central"] == pytest.approx(
        o.loc[o["land_type"] == "carbon", "ef_gha"].sum() / o["ef_gha"].sum(), rel=1e-9)
    assert h.loc["land_share_outside_city", "central"] < h.loc["share_outside_city", "central"]
    for k in ("land_share_outside_city", "carbon_share"):
        assert 0 < h.loc[k, "p05"] <= h.loc[k, "central"] <= h.loc[k, "p95"] < 1

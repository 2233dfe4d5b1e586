"""Indicator rows from the other topics: reductions counted once, partner countries required."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footprint import accounts as A
from footprint import sdgs as S
from footprint.core.errors import ParameterError


def _flows(rows):
    return pd.DataFrame(rows, columns=["source_id", "target_id", "layer", "item", "quantity", "unit", "year",
                                       "source", "status"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(2010, 2025),
                          st.floats(1, 1e5, allow_nan=False)), min_size=1, max_size=12))
def test_reductions_take_the_latest_value_of_each_series_once(series):
    """Each co2_reduction series counts once, with its latest value up to the year."""
    rows = [("osaka_city", "hcmc", "resource", f"co2_reduction/{k}", q, "t-CO2", y, "src", "published")
            for k, y, q in series]
    f = _flows(rows)
    parts = pd.DataFrame([dict(id="hcmc", nodes="hcmc", since=np.nan, source="s")])
    bonds = pd.DataFrame(columns=["partner"])
    out = S.flow_rows(f, bonds, parts, 2025)
    got = out.loc[out["indicator"] == "jcm_expected_reduction", "value"]
    expect = f.sort_values("year", kind="stable").groupby("item").tail(1)["quantity"].sum()
    assert float(got.iloc[0]) == pytest.approx(expect)


def test_national_rows_need_every_partner_country(nfa):
    parts = S.load_partnerships()
    national = A.summary(nfa, ["Japan", "Viet Nam"], [2022])
    with pytest.raises(ParameterError, match="lacks partner countries"):
        S.national_rows(national, parts, 2022, "src")


def test_the_overshoot_row_gives_the_day_its_date_names():
    """Issue 19: the table said day 141 and the figure 22 May (day 142). The row gives the day during which the
    budget runs out (GFN), as the date does, and names the date."""
    from footprint.pipeline import model

    r = model.compute("osaka", model.RunParameters(draws=30))
    rows = S.city_rows(r["headline"], r.value("carbon_footprint"), r["origin_table"]).set_index("indicator")
    day = r["headline"].set_index("indicator").loc["overshoot_day"]
    row = rows.loc["osaka_overshoot_day"]
    assert row["value"] == math.ceil(day["central"]) and row["p05"] == math.ceil(day["p05"])
    date = A.overshoot_date(day["central"], int(row["year"]))
    assert (date - date.replace(month=1, day=1)).days + 1 == row["value"]
    assert f"{date:%d %B}" in row["note"]


def test_country_rows_name_the_country_in_japanese():
    """Issue 19: the Japanese brief read 「地球の数（Philippines）」."""
    from footprint.outputs.labels import label

    parts = S.load_partnerships()
    nfa = A.load_nfa()
    countries = S.partner_countries(parts)
    summary = A.summary(nfa, countries, [2022])
    names = {c: label(c, "ja") for c in parts["country"].dropna()}
    rows = S.national_rows(summary, parts, 2022, A.NFA_SOURCE, names_ja=names)
    quezon = rows[(rows["partnership"] == "quezon_city") & (rows["indicator"] == "country_earths")]
    assert quezon["label_ja"].iloc[0] == "地球の数（フィリピン）"
    assert not rows["label_ja"].str.contains(r"[A-Za-z]{4,}").any()
    with pytest.raises(ParameterError, match="Japanese name"):
        S.national_rows(summary, parts, 2022, A.NFA_SOURCE, names_ja={"Japan": "日本"})

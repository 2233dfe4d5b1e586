"""The parameter rules of footprint.pipeline.checks: every parameter has one, good values pass,
ranges come from the data, and the things that used to slip through are refused (regressions)."""

from __future__ import annotations

import pytest

from footprint import accounts as A
from footprint import city as C
from footprint.core import Column, DataFileError, ParameterError, validate
from footprint.pipeline import checks, model, parameters
from footprint.pipeline.parameters import (
    discover_notebooks,
    notebook_defaults,
    parse_override,
    validate_parameters,
)
from footprint.pipeline.user_files import excerpt

NOTEBOOKS = {nb.stem: nb for nb in discover_notebooks()}


@pytest.mark.parametrize("stem", sorted(NOTEBOOKS))
def test_every_parameter_has_a_rule_and_its_default_passes(stem):
    nb = NOTEBOOKS[stem]
    defaults = notebook_defaults(nb)
    for name, value in defaults.items():
        if isinstance(value, bool):
            continue  # the type check is the whole rule of a flag
        assert checks.rule_for(stem, name) is not None, f"{stem}.{name} has no rule"
        assert checks.check_parameter(stem, name, value, defaults) is None, (stem, name, value)
    validate_parameters(nb, {k: v for k, v in defaults.items() if k not in checks.RUNNER_ONLY})


def test_year_ranges_come_from_the_data():
    first, last = (int(y) for y in (A.load_nfa()["year"].min(), A.load_nfa()["year"].max()))
    assert checks.nfa_years() == (first, last)
    nb = NOTEBOOKS["01_national_accounts"]
    validate_parameters(nb, {"years": [first, last]})
    with pytest.raises(ParameterError, match=f"{first}–{last}"):
        validate_parameters(nb, {"years": [first - 1, last]})
    ys = C.default_inputs().years
    city = NOTEBOOKS["02_city_footprint"]
    validate_parameters(city, {"year": ys[0]})
    with pytest.raises(ParameterError, match="'year'"):
        validate_parameters(city, {"year": ys[-1] + 1})


def test_rules_depend_on_other_parameters():
    forest = NOTEBOOKS["03_forest_tax_timber_sinks"]
    validate_parameters(forest, {"purchase_years": [2030, 2040], "horizon_year": 2040})
    with pytest.raises(ParameterError, match="horizon_year.*2030"):
        validate_parameters(forest, {"purchase_years": [2030, 2040], "horizon_year": 2029})
    flows = NOTEBOOKS["04_interregional_flows"]
    validate_parameters(flows, {"flows_year": 2010, "forest_layer": False})  # no transfer tax needed
    with pytest.raises(ParameterError, match="flows_year"):
        validate_parameters(flows, {"flows_year": 2010, "forest_layer": True})


@pytest.mark.parametrize("value", [float("nan"), float("inf"), [1.0, float("-inf")], {"a": float("nan")}])
def test_non_finite_values_are_refused_also_inside_lists(value):
    assert "finite" in checks.non_finite(value)


def test_none_where_a_value_is_expected_is_refused():
    """Regression: `-p lang=` gave None, which passed the type check and reached the kernel."""
    with pytest.raises(ParameterError, match="lang.*no value"):
        validate_parameters(NOTEBOOKS["02_city_footprint"], {"lang": None})


def test_parse_override_malformed_yaml_names_the_parameter():
    """Regression: `-p draws=[1, 2` ended in a yaml traceback."""
    with pytest.raises(ParameterError, match=r"'draws'.*NAME=VALUE") as e:
        parse_override("draws=[1, 2")
    assert "\n" not in str(e.value)
    assert parse_override("payers_persons=1e9") == ("payers_persons", 1e9)  # YAML 1.1 would give text
    with pytest.raises(ParameterError, match="NAME=VALUE"):
        parse_override("=5")


def test_extra_flows_may_use_the_extra_nodes(tmp_path):
    nodes = tmp_path / "n.csv"
    nodes.write_text("id,name_ja,name_en,kind,iso3,muni_code,lat,lon,source,status,note\n"
                     "my_town,町,My Town,city,JPN,27216,34.45,135.57,my report,published,\n", encoding="utf-8")
    flows = tmp_path / "x.csv"
    flows.write_text("source_id,target_id,layer,item,quantity,unit,year,source,status,note\n"
                     "osaka_city,my_town,people,visit/study_tour,12,persons,2024,my report,published,\n",
                     encoding="utf-8")
    nb = NOTEBOOKS["04_interregional_flows"]
    validate_parameters(nb, {"extra_nodes_file": str(nodes), "extra_flows_file": str(flows), "partners": ["my_town"]})
    with pytest.raises(ParameterError, match="my_town"):
        validate_parameters(nb, {"extra_flows_file": str(flows)})


def test_user_file_errors_quote_only_an_excerpt(tmp_path):
    clum = tmp_path / "c.csv"
    clum.write_text("clum_row,cropland\n" + "x" * 5000 + ",1\n", encoding="utf-8")
    with pytest.raises(ParameterError) as e:
        validate_parameters(NOTEBOOKS["02_city_footprint"], {"clum_file": str(clum)})
    assert "x" * 200 not in str(e.value)
    assert len(excerpt("y" * 1000)) < 70


def test_schema_refuses_infinite_numbers_by_default():
    """Regression: `inf` in a user table passed every range check."""
    import pandas as pd

    df = pd.DataFrame({"q": ["1", "inf"]})
    with pytest.raises(DataFileError, match="row 3.*finite q"):
        validate(df, [Column("q", "float", min=0)], "t.csv")
    assert validate(df, [Column("q", "float", min=0, finite=False)], "t.csv")["q"].iloc[1] == float("inf")


def test_check_jobs():
    checks.check_jobs(1)
    for bad in (0, -2, 1.5, True, "2"):
        with pytest.raises(ParameterError, match="--jobs"):
            checks.check_jobs(bad)


def test_runner_parameters_are_not_a_users():
    assert set(parameters.RUNNER_PARAMETERS) == {"output_dir", "processed_dir", "results"}
    assert "runner" in checks.user_parameter_problem("output_dir")
    assert checks.user_parameter_problem("lang") is None
    assert "data/raw" in checks.runner_path("data/raw/x", {})


@pytest.mark.parametrize("given", ["Osaka", "大阪市", "osaka city", "OSAKA", "Ｏｓａｋａ", "Ōsaka", "27", "２７", 27])
def test_every_spelling_of_osaka_is_osaka(given):
    """Full-width forms (NFKC), macrons and the prefecture code (a number once YAML has read it) all name Osaka."""
    validate_parameters(NOTEBOOKS["02_city_footprint"], {"city": given})
    assert C.resolve_city(C.default_inputs(), given) == C.OSAKA
    if isinstance(given, int):
        assert parse_override(f"city={given}") == ("city", given)


@pytest.mark.parametrize("given, close", [("Ｏｓａｋ", "Osaka"), ("Ōsak", "Osaka"), ("Kyōtoo", "Kyoto")])
def test_a_near_miss_in_any_width_or_accent_gets_a_suggestion(given, close):
    with pytest.raises(ParameterError, match=close):
        validate_parameters(NOTEBOOKS["02_city_footprint"], {"city": given})


STATIC = [n for n in model.FIELDS if model.bounds(n) != (None, None)]


@pytest.mark.parametrize("name", STATIC)
def test_a_static_bound_is_the_models_in_the_check_too(name):
    """The model declares each static bound once; the check that explains it refuses exactly what the
    model refuses (one step past either end) and keeps the ends."""
    lo, hi = model.bounds(name)
    integer = model.FIELDS[name].annotation is int
    step = 1 if integer else 1e-9 * max(1.0, abs(hi or 1))
    rule = checks.RULES[name]
    for edge, past in ((lo, None if lo is None else lo - step), (hi, None if hi is None else hi + step)):
        if edge is None:
            continue
        assert rule(edge, {}) is None, (name, edge)
        assert rule(past, {}) is not None, (name, past)
        with pytest.raises(Exception):
            model.RunParameters(**{name: past})


def test_static_bounds_are_found():
    assert {"draws", "seed", "dpi", "wood_share", "supported_area_ha"} <= set(STATIC)
    assert model.bounds("draws") == (2, model.MAX_DRAWS)

"""Every documented range runs end to end: each parameter at both ends of its range goes through the checks,
the compute function of the results it reaches and the figure functions that draw them (no kernel)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import warnings

import matplotlib.pyplot as plt
import pytest

from footprint import city as C
from footprint import flows as FL
from footprint.outputs.figures import city as city_figures
from footprint.outputs.figures import flows as flows_figures
from footprint.outputs.figures import forest as forest_figures
from footprint.pipeline import checks, model
from footprint.outputs.style import setup_style
from footprint.pipeline.parameters import find_notebook, notebook_defaults, validate_parameters


SMALL = {"draws": 20}
LO_FY, HI = checks.first_fiscal_year(), checks.LAST_YEAR


def _osaka_years():
    return C.city_years(C.default_inputs(), C.OSAKA)


#: (notebook, parameter values at one end of a documented range); the other values are the model's defaults
ENDS = [
    ("02", {"draws": 2}),
    ("02", {"draws": model.MAX_DRAWS}),
    ("02", {"seed": 0}),
    ("02", {"seed": 2**63 - 1}),
    ("02", {"year": _osaka_years()[0]}),
    ("02", {"year": _osaka_years()[-1]}),
    ("02", {"city": "堺市", "year": C.city_years(C.default_inputs(), "堺市")[0]}),
    ("02", {"city": "相模原市", "year": C.city_years(C.default_inputs(), "相模原市")[0]}),
    ("02", {"city": "Sakai"}),
    ("03", {"wood_share": 0.0}),
    ("03", {"wood_share": 1.0}),
    ("03", {"supported_area_ha": 0.0}),
    ("03", {"fiscal_years": [LO_FY, LO_FY]}),
    ("03", {"fiscal_years": [LO_FY, HI]}),
    ("03", {"purchase_years": [LO_FY, LO_FY], "horizon_year": LO_FY, "sink_from_year": LO_FY}),
    ("03", {"purchase_years": [LO_FY, HI], "horizon_year": HI, "sink_from_year": HI}),
    ("03", {"destination_fy": 2024}),
    ("03", {"destination_fy": HI, "fiscal_years": [LO_FY, HI]}),
    ("03", {"census_2020_from_fy": LO_FY}),
    ("03", {"census_2020_from_fy": HI}),
    ("03", {"draws": 2}),
    ("04", {"ledger_year": FL.LEDGER_YEARS[0]}),
    ("04", {"ledger_year": FL.LEDGER_YEARS[-1]}),
    ("04", {"draws": 2}),
]


_OSAKA: dict = {}


def _osaka(params):
    """Osaka's city result, computed once per set of the values it depends on: the ends of the forest and
    flows ranges leave it alone (its own ends are the 02 cases above)."""
    key = repr(model.topic_parameters("osaka", params))
    if key not in _OSAKA:
        _OSAKA[key] = model.compute("osaka", params)
    return _OSAKA[key]


def _draw(figure) -> None:
    setup_style()  # the project's fonts and rcParams, as every notebook sets them (whatever ran before here)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a singular axis or a missing glyph at an end of a range is a fault
        spec = figure()
        assert spec.title and spec.caption and "{" not in spec.caption
        spec.fig.canvas.draw()
    plt.close(spec.fig)


@pytest.mark.parametrize("nb, values", ENDS, ids=[f"{nb}-{'-'.join(f'{k}={v}' for k, v in v.items())}"[:70]
                                                  for nb, v in ENDS])
def test_a_documented_end_runs_through_checks_compute_and_figures(nb, values):
    values = {**SMALL, **values} if "draws" not in values else values
    path = find_notebook(nb)
    declared = set(notebook_defaults(path))
    validate_parameters(path, {k: v for k, v in values.items() if k in declared})  # the checks accept it
    model.validate(values)  # and so does the model (values only the results use: draws for 03)
    params = model.RunParameters(**values)
    if nb == "02":
        r = model.compute("city", params)
        for name in ("footprint_by_category", "japan_world", "origin", "time_series", "capital_cities",
                     "overshoot_day", "sensitivity_tornado", "structural_sensitivity"):
            _draw(lambda: getattr(city_figures, name)(r, "en"))
        return
    osaka = _osaka(params)
    forest = model.compute("forest", params, {"osaka": osaka})
    if nb == "03":
        for figure in forest_figures.FIGURES:
            _draw(lambda: figure(forest, "ja"))
        return
    flows = model.compute("flows", params, {"osaka": osaka, "forest": forest})
    year = params.ledger_year
    _draw(lambda: flows_figures.partnership_ledger(flows, "en", year=year))
    _draw(lambda: flows_figures.ledger_time_series(flows, "en"))
    ledger = FL.partnership_of(flows).ledger
    bonds = FL.magnitude_bonds(ledger, params.currency, year)
    _draw(lambda: flows_figures.magnitude_bonds(flows, bonds, "en", currency=params.currency, year=year))
    for partner in FL.PARTNERS:
        FL.display(ledger, partner, year)

"""Figures of the city footprint: regression tests of the defects of issue 13 and the v2 figures."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from strategies_city import inputs_fixture, osaka_fixture  # noqa: F401

from footprint import city as C
from footprint.accounts import LAND_TYPES
from footprint.outputs.plots import city as city_plots


def _bars(ax):
    """Horizontal bar patches grouped by row centre: {y_centre: (right end, height)}."""
    out = {}
    for p in ax.patches:
        yc = round(p.get_y() + p.get_height() / 2, 6)
        right = p.get_x() + p.get_width()
        out[yc] = (max(out.get(yc, (0, 0))[0], right), p.get_height())
    return out


def test_category_value_labels_sit_at_the_city_bar_not_at_japans_tick(osaka):
    nat = osaka.clum_national.copy()
    nat[list(LAND_TYPES)] = nat[list(LAND_TYPES)] * 1.6  # Japan's ticks well beyond every city bar
    fig = city_plots.category_land_type(osaka.clum_city, nat, "Osaka")
    ax = fig.axes[0]
    bars = _bars(ax)
    labels = [t for t in ax.texts if t.get_gid() == "city_value"]
    assert len(labels) == len(osaka.clum_city)
    xmax = ax.get_xlim()[1]
    for t in labels:
        x, y = t.get_position()
        yc = min(bars, key=lambda b: abs(b - y))
        right, h = bars[yc]
        assert abs(y - yc) <= h / 2  # on the bar's row
        assert right <= x <= right + 0.02 * xmax  # just after the city's bar end
        assert float(t.get_text()) == pytest.approx(right, abs=0.006)
    plt.close(fig)


def test_tornado_explains_its_colours_and_has_no_empty_row():
    sens = pd.DataFrame({"input": ["clum_profiles", "survey_food", "land_use"], "p05": [3.6, 3.85, 3.9],
                         "p95": [4.2, 3.95, 3.9], "width": [0.6, 0.1, 0.0], "central": 3.9})
    fig = city_plots.tornado(sens, 3.9)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 2 and city_plots.group_label("land_use") not in labels
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("95th" in s for s in legend) and any("5th" in s for s in legend)
    assert any("No effect" in t.get_text() for t in fig.texts)
    for p in ax.patches:  # every drawn bar has a width
        assert abs(p.get_width()) > 0
    plt.close(fig)


def test_origin_figure_shows_carbon_apart(osaka):
    fig = city_plots.origin_split(osaka.origin, "Osaka")
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert C.CARBON_NOT_LOCATED_LABEL[0] in legend
    plt.close(fig)


def test_structural_sensitivity_figure_has_a_row_per_option(inputs):
    sens = C.structural_sensitivity(inputs, C.OSAKA, 2022)
    fig = city_plots.structural_sensitivity(sens, "Osaka")
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == len(sens) == sum(len(o) - 1 for o in C.STRUCTURAL_CHOICES.values())
    assert np.all([abs(p.get_width()) >= 0 for p in ax.patches])
    plt.close(fig)

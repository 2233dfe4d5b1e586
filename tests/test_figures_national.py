"""Figure functions of the national accounts (footprint.outputs.figures.national)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.patches import Polygon, Rectangle

from footprint import accounts as A
from footprint.outputs.catalog import text
from footprint.outputs.figures import national as figures
from footprint.outputs.style import setup_style


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_japan_time_series_shades_only_the_nowcast_years(lang):
    """Issue 19: the chart was badged an estimate as a whole though 2000-2022 are published; the nowcast years
    are now shaded and labelled, the published ones left plain."""
    setup_style()
    r = A.compute(["Japan", "World"], [2000, 2024])
    spec = figures.japan_time_series(r, lang)
    ax = spec.fig.axes[0]
    spans = [p for p in ax.patches if isinstance(p, (Polygon, Rectangle)) and p.get_hatch() == "//"]
    assert len(spans) == 1
    s = spans[0]
    x = s.get_xy()[:, 0] if isinstance(s, Polygon) else [s.get_x(), s.get_x() + s.get_width()]
    assert min(x) == A.LAST_REPORTED_YEAR and max(x) == 2024  # from the last published year to the end
    assert any(t.get_text() == text("labels.nowcast_band", lang) for t in ax.texts)
    plt.close(spec.fig)
    published_only = figures.japan_time_series(A.compute(["Japan", "World"], [2000, 2022]), lang)
    assert not [p for p in published_only.fig.axes[0].patches if p.get_hatch() == "//"]
    assert published_only.status == "published"
    plt.close(published_only.fig)

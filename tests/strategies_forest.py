"""Tiny synthetic inputs and hypothesis strategies of the forest topic (tests and benchmarks)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import strategies as st


def indicator_table(area, workers, pop, ratio=None) -> pd.DataFrame:
    """An allocation table of ``len(area)`` recipients with codes ``00000, 00001, …``."""
    n = len(area)
    return pd.DataFrame({"code5": [f"{i:05d}" for i in range(n)], "planted_forest_area_ha": area,
                         "forestry_workers_persons": workers, "population_persons": pop,
                         "forest_ratio": ratio if ratio is not None else [np.nan] * n})


def synthetic_indicators(municipalities: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """ILLUSTRATIVE forestry-worker and planted-forest values for benchmarks and demonstrations.

    Random draws (``numpy.random.default_rng(seed)``) of plausible magnitude: about 44,000
    workers and 6 M ha nationally. Not data: never use them for results. Adds ``status`` =
    ``illustrative``.
    """
    rng = np.random.default_rng(seed)
    n = len(municipalities)
    area = rng.lognormal(mean=7.0, sigma=1.6, size=n)
    workers = rng.poisson(lam=np.maximum(area / area.sum() * 44_000, 0.1))
    return municipalities.assign(
        planted_forest_area_ha=area / area.sum() * 6.0e6,
        forestry_workers_persons=workers.astype("int64"),
        forest_ratio=rng.uniform(0.0, 0.95, size=n),
        status="illustrative",
    )


#: yearly inflows of one pool (t-CO2) and a half-life (years)
inflows = st.lists(st.floats(0, 1e4), min_size=1, max_size=40)
half_lives = st.floats(0.5, 100)
#: fiscal years the shipped pools and weights cover
fiscal_years = st.lists(st.integers(2019, 2030), min_size=1, max_size=5, unique=True)

"""Chart functions, one module per topic. Each takes tidy tables and returns a matplotlib Figure;
saving (with caption, credit and metadata) is :func:`footprint.outputs.export.save_figure`'s job."""

import numpy as np


def interval_bars(ax, at, lo, hi, *, horizontal: bool = False, **kwargs):
    """Bars of intervals ``[lo, hi]`` at positions ``at``, drawn whatever the central value.

    ``errorbar`` takes offsets from a central value and refuses negative ones; a Monte Carlo with few
    draws (``draws=2``, the documented minimum) can leave the central estimate outside its own percentile
    interval. The bars are drawn from ``lo`` to ``hi`` about their midpoint instead: the same lines and caps.
    """
    at, lo, hi = (np.atleast_1d(np.asarray(v, dtype=float)) for v in (at, lo, hi))
    lo, hi = np.minimum(lo, hi), np.maximum(lo, hi)
    mid, half = (lo + hi) / 2, (hi - lo) / 2
    kwargs.setdefault("fmt", "none")
    if horizontal:
        return ax.errorbar(mid, at, xerr=half, **kwargs)
    return ax.errorbar(at, mid, yerr=half, **kwargs)

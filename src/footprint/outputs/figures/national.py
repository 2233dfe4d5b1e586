"""Figures of the national accounts (notebook 01), from :func:`footprint.accounts.compute`'s result."""

from __future__ import annotations

from footprint import accounts as A
from footprint.core.results import Result
from footprint.outputs.catalog import text
from footprint.outputs.export import Figure
from footprint.outputs.plots import national as plots


def _common(r: Result, lang: str) -> dict:
    v = r.values
    note = text("national.nowcast_note", lang, last_reported=v["last_reported_year"]) if v["nowcast"] else ""
    return {"first": v["first"], "last": v["last"], "nowcast_note": note}


def _status(r: Result, reported: str = "published") -> str:
    return "estimated" if r.values["nowcast"] else reported


def footprint_vs_biocapacity(r: Result, lang: str) -> Figure:
    """Footprint (by land type) beside biocapacity per person, every country, the last year."""
    c = _common(r, lang)
    key = "national_footprint_vs_biocapacity"
    fig = plots.footprint_vs_biocapacity(r["ef_last"], r["bc_last"], lang, title=text(f"{key}.plot_title", lang, **c))
    return Figure(fig, key, text(f"{key}.title", lang, **c), text(f"{key}.caption", lang, **c), A.NFA_SOURCE,
                  _status(r), c["last"], A.NFA_EDITION)


def japan_time_series(r: Result, lang: str) -> Figure:
    """Japan's footprint by land type and its biocapacity over the years."""
    c = _common(r, lang)
    jp = r.values["headline"]["japan"]
    key = "japan_footprint_time_series"
    fig = plots.time_series(r["japan_ef"], r["japan_bc"]["total"], lang, title=text(f"{key}.plot_title", lang, **c),
                            nowcast_from=A.LAST_REPORTED_YEAR + 1)
    caption = text(f"{key}.caption", lang, **c, ef=jp["ef_consumption_gha_per_cap"], bc=jp["biocapacity_gha_per_cap"],
                   needed=jp["countries_needed"])
    return Figure(fig, key, text(f"{key}.title", lang, **c), caption, A.NFA_SOURCE, _status(r),
                  f"{c['first']}–{c['last']}", A.NFA_EDITION)


def earths_and_overshoot_days(r: Result, lang: str) -> Figure:
    """The table of Earths and overshoot days drawn as a citable figure."""
    c = _common(r, lang)
    key = "earths_and_overshoot_days"
    fig = plots.earths_and_overshoot_days(r["year_summary"], lang, title=text(f"{key}.plot_title", lang, **c))
    return Figure(fig, key, text(f"{key}.title", lang, **c), text(f"{key}.caption", lang, **c), A.NFA_SOURCE,
                  _status(r, "derived"), c["last"], A.NFA_EDITION)

"""Figures of the city footprint (notebook 02), from :func:`footprint.city.compute`'s result.

Each function takes the city's :class:`~footprint.core.results.Result` and a language, draws the chart
with :mod:`footprint.outputs.plots.city` and takes its title and caption from the catalog
(``captions/<lang>/city.yml``). The numbers quoted are the Result's; the functions only choose and
format them (the largest row, the ratio of two quoted values).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from footprint import accounts as A
from footprint import city as C
from footprint.core.results import Result
from footprint.outputs.catalog import text
from footprint.outputs.export import Figure
from footprint.outputs.labels import label
from footprint.outputs.plots import city as plots

#: the sources of a figure that also quotes Japan's and the world's national accounts
SOURCE_WITH_NFA = C.SOURCE + "; " + A.NFA_SOURCE


def city_name(r: Result, lang: str) -> str:
    """The city's name in ``lang`` (the Japanese name, or the English one)."""
    v = r.values
    return v["city"] if lang == "ja" else v["city_en"]


def names(r: Result, lang: str) -> tuple[str, str, str]:
    """The city, Japan and the world in ``lang``: the rows of ``japan_world`` and ``overshoot_days``."""
    return city_name(r, lang), label("Japan", lang), label("World", lang)


def _common(r: Result, lang: str) -> dict:
    """The values every city title and caption may quote: the city, the year, the household basis."""
    return {"name": city_name(r, lang), "year": r.values["year"], "basis": text("city.basis", lang)}


def _figure(fig, key: str, lang: str, source: str, title: dict, caption: dict, name: str | None = None,
            year: int | str | None = None) -> Figure:
    """A city figure named ``name`` (default ``key``): title and caption of the catalog section ``key``, the
    footprint year (``year``: another span) on its status tag."""
    return Figure(fig, name or key, text(f"{key}.title", lang, **title), text(f"{key}.caption", lang, **caption),
                  source, "estimated", title["year"] if year is None else year, A.NFA_EDITION)


def footprint_by_category(r: Result, lang: str) -> Figure:
    """(a) The city's footprint per person by consumption category and land type, Japan's rows ticked."""
    c = _common(r, lang)
    fig = plots.category_land_type(r["clum_city"], r["clum_national"], c["name"], lang)
    top = plots.row_label(r["clum_city"]["total"].idxmax(), lang)
    clum = (text("city.clum_national_supplied", lang, file=Path(str(r.parameters["clum_file"])).name)
            if r.values["clum_supplied"] else text("city.clum_national_estimated", lang))
    return _figure(fig, "city_footprint_by_category", lang, C.SOURCE, c, {**c, "top": top, "clum": clum})


def japan_world(r: Result, lang: str) -> Figure:
    """(b) The city beside Japan and the world: footprint by land type and biocapacity per person."""
    c, v = _common(r, lang), r.values
    key = "city_japan_world"
    ef = C.headline_row(r["headline"], "ef_gha_per_cap")
    jw = r["japan_world"].set_axis(list(names(r, lang)))
    fig = plots.city_japan_world(jw[list(A.LAND_TYPES)], jw["bc_gha_per_cap"], (ef["p05"], ef["p95"]), lang,
                                 title=text(f"{key}.plot_title", lang, **c))
    bc = (text("city.bc_value", lang, bc=v["central"]["bc_gha_per_cap"]) if v["has_biocapacity"]
          else text("city.bc_not_available", lang))
    japan = v["japan_ef_gha_per_cap"]
    caption = {**c, "ef": ef["central"], "p05": ef["p05"], "p95": ef["p95"], "p05_parametric": ef["p05_parametric"],
               "p95_parametric": ef["p95_parametric"], "ratio": ef["central"] / japan, "japan": japan, "bc": bc}
    return _figure(fig, key, lang, SOURCE_WITH_NFA, c, caption)


def share_outside_city(r: Result, lang: str) -> str:
    """The central share of the footprint met outside the city, as quoted, or why there is none."""
    if not r.values["has_biocapacity"]:
        return text("city.share_not_available", lang)
    return text("city.share_value", lang, share=C.headline_row(r["headline"], "share_outside_city")["central"])


def origin(r: Result, lang: str) -> Figure:
    """(c) Where the footprint lands: inside the city, the rest of Japan, abroad; carbon not located."""
    c = _common(r, lang)
    fig = plots.origin_split(r["origin"].drop(columns="status"), c["name"], lang)
    caption = {**c, "abroad_share": r.values["abroad_share"], "outside": share_outside_city(r, lang),
               "not_located": text("city_origins.carbon_not_located", lang)}
    return _figure(fig, "city_footprint_origin", lang, SOURCE_WITH_NFA, c, caption)


def time_series(r: Result, lang: str) -> Figure:
    """(d) The city's footprint per person over the years, with Japan and the world."""
    c = _common(r, lang)
    key = "city_footprint_time_series"
    ts = r["time_series"]
    fig = plots.time_series(ts, c["name"], lang, title=text(f"{key}.plot_title", lang, **c, first=ts["year"].min(),
                                                            last=ts["year"].max()))
    ratio = ts["central"].iloc[-1] / ts["japan_gha_per_cap"].iloc[-1]
    return _figure(fig, key, lang, SOURCE_WITH_NFA, c, {**c, "ratio": ratio, "last": ts["year"].iloc[-1]},
                   year=f"{ts['year'].min()}–{ts['year'].max()}")


def capital_cities(r: Result, lang: str) -> Figure:
    """(e) Every survey city ranked by footprint per person, with full and parametric intervals."""
    c, v = _common(r, lang), r.values
    key = "city_capital_cities_comparison"
    cmp = r["capital_cities"]
    # where one end of the full interval lies inside the parametric one: how many cities, by how much
    inside = np.maximum(cmp["p05"] - cmp["p05_parametric"], cmp["p95_parametric"] - cmp["p95"]).clip(lower=0)
    c = {**c, "n_cities": v["n_cities"], "rank": v["rank"], "n_inside": int((inside > 0).sum()),
         "max_inside": float((inside / cmp["central"]).max())}
    fig = plots.city_comparison(r["capital_cities"], v["city"], v["japan_ef_gha_per_cap"], lang,
                                title=text(f"{key}.title", lang, **c))
    return _figure(fig, key, lang, SOURCE_WITH_NFA, c, c, name="capital_cities_comparison")


def overshoot_statement(r: Result, lang: str) -> str:
    """If everyone lived like the city's residents: the overshoot date (full 90 % interval) and the Earths."""
    head = r["headline"]
    dates = C.overshoot_dates(head, r.values["year"])
    return text("city.overshoot_statement", lang, name=city_name(r, lang), date=dates["central"],
                date_lo=dates["p05"], date_hi=dates["p95"], earths=C.headline_row(head, "earths")["central"])


def overshoot_day(r: Result, lang: str) -> Figure:
    """(f) The overshoot days of the city, Japan and the world on a calendar strip."""
    c, v = _common(r, lang), r.values
    key = "city_overshoot_day"
    days = r["overshoot_days"].set_axis(list(names(r, lang)))
    fig = plots.overshoot_calendar(days, v["year"], lang, title=text(f"{key}.plot_title", lang, **c))
    return _figure(fig, key, lang, SOURCE_WITH_NFA, c, {"statement": overshoot_statement(r, lang)})


def sensitivity_tornado(r: Result, lang: str) -> Figure:
    """(g) The 90 % range of the footprint per person when one input group varies alone."""
    c = _common(r, lang)
    key = "city_sensitivity_tornado"
    sens = r["sensitivity"]
    fig = plots.tornado(sens, r.values["central"]["ef_gha_per_cap"], lang, title=text(f"{key}.plot_title", lang, **c))
    top = plots.group_label(sens["input"].iloc[0], lang)
    return _figure(fig, key, lang, C.SOURCE, c, {**c, "top": top})


def structural_sensitivity(r: Result, lang: str) -> Figure:
    """(h) The change of the central footprint when one structural choice takes another option."""
    c = _common(r, lang)
    key = "city_structural_sensitivity"
    ssens = r["structural_sensitivity"]
    fig = plots.structural_sensitivity(ssens, c["name"], lang, title=text(f"{key}.plot_title", lang, **c))
    top = plots.choice_label(ssens["choice"].iloc[0], lang)
    return _figure(fig, key, lang, C.SOURCE, c, {**c, "top": top})

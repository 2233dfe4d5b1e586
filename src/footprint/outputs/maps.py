"""Boundaries for maps, read from the files shipped in ``data/raw/geo/`` (no downloads).

Every loader verifies the file's checksum against ``data/raw/MANIFEST.csv`` first
(:func:`footprint.core.verify_raw`), reads it with geopandas through pyogrio, and returns a
``GeoDataFrame`` in WGS84 longitude/latitude (EPSG:4326) with a few tidy columns:

=========================  ===============================================================
loader                     columns (besides ``geometry``)
=========================  ===============================================================
:func:`japan_municipalities`  ``code`` (5-digit local-government code, str), ``name_ja``,
                           ``prefecture_ja``, ``pref_code`` (2 digits)
:func:`japan_prefectures`  ``pref_code`` (2 digits, JIS X 0401), ``prefecture_ja``
:func:`osaka_municipalities`  ``code``, ``name_ja``, ``city_ja`` (Osaka and Sakai split into wards)
:func:`world_countries`    ``iso3``, ``name_en``, ``pop_est``
=========================  ===============================================================

Maps built from the Japanese boundaries must show the MLIT credit (``credit("mlit")``, catalog key
``maps_credit.mlit``); use
:func:`add_credit` to draw it on the map and/or pass :func:`credit` to ``save_figure(credit=...)``.

    from footprint.outputs import maps
    gdf = maps.japan_municipalities(prefectures=["27", "29"])
    ax = gdf.plot()
    maps.add_credit(ax, "mlit", lang="ja")

The boundaries are simplified (SmartNews Media Research Institute, 1 % and 0.1 %): do not use
them to measure areas or lengths. They show municipalities as of 2021-01-01.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from footprint.core import verify_raw
from footprint.core.errors import ParameterError
from footprint.core.places import CITY_CODE_BY_NAME
from footprint.outputs.catalog import check_lang, text

#: Raw files (paths relative to ``data/raw/``) that the loaders read.
GEO_FILES = {
    "japan_municipalities": "geo/japan/japan_municipalities_designated_city_N03-21_210101_s0001.geojson",
    "japan_prefectures": "geo/japan/prefectures_s0001.geojson",
    "osaka_municipalities": "geo/japan/osaka_pref_municipalities_N03-21_27_210101_s0010.geojson",
    "world_countries": "geo/world/ne_110m_admin_0_countries.geojson",
}

#: The boundary data that maps credit; the texts are catalog keys ``maps_credit.<kind>`` (captions/<lang>/maps.yml),
#: MLIT's as its terms of use require on every output made from the N03 boundaries.
_CREDITS = ("mlit", "natural_earth")

#: Prefecture names in the order of their JIS X 0401 codes (01 Hokkaido ... 47 Okinawa).
PREFECTURES_JA = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip


def _read(key: str, columns: Sequence[str], where: str | None = None):
    import geopandas as gpd

    p = verify_raw(GEO_FILES[key])
    gdf = gpd.read_file(p, engine="pyogrio", columns=list(columns), where=where)
    return gdf.set_crs("EPSG:4326", allow_override=True)


def _pref_codes(prefectures: Sequence[str] | str | None) -> list[str] | None:
    if prefectures is None:
        return None
    if isinstance(prefectures, str):
        prefectures = [prefectures]
    out = []
    for p in prefectures:
        s = str(p).strip()
        if s in PREFECTURES_JA:
            out.append(f"{PREFECTURES_JA.index(s) + 1:02d}")
        elif s.isdigit() and 1 <= int(s) <= 47:
            out.append(f"{int(s):02d}")
        else:
            raise ParameterError(
                f"prefectures: expected a prefecture code 01-47 or a name such as 大阪府, found {s!r}"
            )
    return out


def japan_municipalities(prefectures: Sequence[str] | str | None = None, *, drop_unassigned: bool = True):
    """All Japanese municipalities (2021-01-01), each designated city as one feature.

    Parameters
    ----------
    prefectures
        Optional prefecture codes (``"27"`` or ``27``) or names (``"大阪府"``) to read only those
        (filtered while reading, so a regional map reads less).
    drop_unassigned
        Drop the four areas whose owner is undetermined (所属未定地, no code). Default True.

    Returns
    -------
    GeoDataFrame
        ``code`` (5-digit str, Osaka City = ``"27100"``), ``name_ja``, ``prefecture_ja``,
        ``pref_code``, ``geometry``; sorted by code. 1,747 features for the whole country.
    """
    codes = _pref_codes(prefectures)
    where = None
    if codes:
        where = " OR ".join(f"N03_007 LIKE '{c}%'" for c in codes)
    gdf = _read("japan_municipalities", ["N03_001", "N03_003", "N03_004", "N03_007"], where)
    if drop_unassigned:
        gdf = gdf[gdf["N03_007"].notna()]
    name = gdf["N03_004"].where(gdf["N03_004"].notna(), gdf["N03_003"])
    out = pd.DataFrame(
        {
            "code": gdf["N03_007"].astype("string").astype(object),
            "name_ja": name.astype(object),
            "prefecture_ja": gdf["N03_001"].astype(object),
            "pref_code": gdf["N03_007"].astype("string").str[:2].astype(object),
        },
        index=gdf.index,
    )
    return _finish(out, gdf, "code")


def japan_prefectures():
    """The 47 prefectures (simplified to 0.1 %).

    Returns
    -------
    GeoDataFrame
        ``pref_code`` (``"01"`` … ``"47"``), ``prefecture_ja``, ``geometry``; sorted by code.
    """
    gdf = _read("japan_prefectures", ["N03_001"])
    code = gdf["N03_001"].map({n: f"{i + 1:02d}" for i, n in enumerate(PREFECTURES_JA)})
    out = pd.DataFrame({"pref_code": code.astype(object), "prefecture_ja": gdf["N03_001"].astype(object)},
                       index=gdf.index)
    return _finish(out, gdf, "pref_code")


def osaka_municipalities(*, merge_wards: bool = False):
    """The municipalities of Osaka Prefecture (simplified to 1 %), Osaka and Sakai split into wards.

    Parameters
    ----------
    merge_wards
        If True, dissolve the wards of Osaka City and Sakai City into one feature each (codes
        ``"27100"`` and ``"27140"``), giving the 43 municipalities of the prefecture.

    Returns
    -------
    GeoDataFrame
        ``code`` (5-digit str), ``name_ja`` (ward or municipality), ``city_ja`` (designated city or
        county, may be empty), ``geometry``; sorted by code.
    """
    gdf = _read("osaka_municipalities", ["N03_003", "N03_004", "N03_007"])
    out = pd.DataFrame(
        {
            "code": gdf["N03_007"].astype("string").astype(object),
            "name_ja": gdf["N03_004"].astype(object),
            "city_ja": gdf["N03_003"].astype(object),
        },
        index=gdf.index,
    )
    res = _finish(out, gdf, "code")
    if merge_wards:
        ward = res["code"].str[2:4].isin(["10", "11", "12", "13", "14"]) & res["city_ja"].isin(list(CITY_CODE_BY_NAME))
        city_code = res["city_ja"].map(CITY_CODE_BY_NAME)
        res = res.assign(
            code=res["code"].where(~ward, city_code),
            name_ja=res["name_ja"].where(~ward, res["city_ja"]),
        )
        res = res.dissolve(by="code", as_index=False, aggfunc="first")[["code", "name_ja", "city_ja", "geometry"]]
        res = res.sort_values("code", ignore_index=True)
    return res


def world_countries():
    """Countries of the world (Natural Earth 1:110m Admin-0, v4.0.0, 177 features).

    Returns
    -------
    GeoDataFrame
        ``iso3`` (ISO 3166-1 alpha-3; where Natural Earth has ``-99`` the ``ADM0_A3`` code is used,
        so France = ``FRA``, Norway = ``NOR``), ``name_en``, ``pop_est``, ``geometry``; sorted by
        ``iso3``. Natural Earth draws de-facto boundaries.
    """
    gdf = _read("world_countries", ["ISO_A3", "ADM0_A3", "NAME", "POP_EST"])
    iso = gdf["ISO_A3"].where(gdf["ISO_A3"] != "-99", gdf["ADM0_A3"])
    out = pd.DataFrame(
        {"iso3": iso.astype(object), "name_en": gdf["NAME"].astype(object), "pop_est": gdf["POP_EST"].astype(float)},
        index=gdf.index,
    )
    return _finish(out, gdf, "iso3")


def _finish(table: pd.DataFrame, gdf, sort_by: str):
    import geopandas as gpd

    res = gpd.GeoDataFrame(table, geometry=gdf.geometry.values, crs="EPSG:4326")
    return res.sort_values(sort_by, kind="stable", ignore_index=True)


def credit(*kinds: str, lang: str = "en") -> str:
    """The credit text of the boundary data used: ``credit("mlit", "natural_earth", lang="ja")``.

    Pass the result as ``credit=`` to :func:`footprint.outputs.export.save_figure` (or
    ``NotebookOutputs.figure``) so that it also goes into the figure's metadata.
    """
    check_lang(lang)
    kinds = kinds or ("mlit",)
    unknown = [k for k in kinds if k not in _CREDITS]
    if unknown:
        raise ParameterError(f"credit: expected kinds among {list(_CREDITS)}, found {unknown}")
    return text("maps_credit.separator", lang).join(text(f"maps_credit.{k}", lang) for k in dict.fromkeys(kinds))


def add_credit(ax, *kinds: str, lang: str = "en", fontsize: float = 6.0, loc: str = "lower right"):
    """Draw the boundary credit inside a map's axes (``kinds``: ``"mlit"``, ``"natural_earth"``).

    Returns the matplotlib ``Text``. The credit is wrapped to the axes width and drawn on a light
    box so that it stays legible over the map.
    """
    import textwrap

    words = credit(*kinds, lang=lang)
    width_in = ax.get_position().width * ax.figure.get_figwidth()
    per_in = 11 if lang == "ja" else 20
    chars = max(30, int(width_in * per_in * 6.0 / fontsize))
    wrapped = "\n".join(textwrap.wrap(words, width=chars, break_long_words=lang == "ja"))
    positions = {
        "lower right": (0.99, 0.01, "right", "bottom"),
        "lower left": (0.01, 0.01, "left", "bottom"),
        "upper right": (0.99, 0.99, "right", "top"),
        "upper left": (0.01, 0.99, "left", "top"),
    }
    if loc not in positions:
        raise ParameterError(f"add_credit: loc expected one of {list(positions)}, found {loc!r}")
    x, y, ha, va = positions[loc]
    return ax.text(
        x, y, wrapped, transform=ax.transAxes, ha=ha, va=va, fontsize=fontsize, color="#444444",
        bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 1.5}, zorder=10,
    )


_EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


def nice_length(target: float) -> float:
    """The largest of 1, 2 or 5 × 10ⁿ not above ``target`` (a round length for a scale bar)."""
    if not target > 0:
        raise ParameterError(f"scale bar: expected a positive target length, found {target!r}")
    exp = np.floor(np.log10(target))
    for m in (5.0, 2.0, 1.0):
        if m * 10**exp <= target:
            return float(m * 10**exp)
    return float(10**exp)  # pragma: no cover - unreachable (m = 1 always fits)


def km_per_degree_lon(lat_deg: float) -> float:
    """Kilometres per degree of longitude at latitude ``lat_deg`` (spherical Earth)."""
    return float(np.pi / 180 * _EARTH_RADIUS_KM * np.cos(np.deg2rad(lat_deg)))


def add_scale_bar(ax, *, lang: str = "en", loc: str = "lower left", fraction: float = 0.2, lat: float | None = None,
                  anchor: tuple[float, float] | None = None):
    """Draw a scale bar on a map in longitude/latitude (EPSG:4326) axes; return its label text.

    The bar is a round length (1, 2 or 5 × 10ⁿ km) close to ``fraction`` of the map's width,
    measured along the parallel ``lat`` (default: the middle of the view). On a map spanning many
    degrees of latitude the scale holds only along that parallel, and the label says so.
    ``anchor``: where the bar starts, in axes fractions (x, y), instead of ``loc`` (for maps whose
    lower corners hold land or a credit).
    """
    check_lang(lang)
    if loc not in ("lower left", "lower right"):
        raise ParameterError(f"scale bar: loc must be 'lower left' or 'lower right', found {loc!r}")
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    mid = (y0 + y1) / 2 if lat is None else lat
    per_deg = km_per_degree_lon(mid)
    km = nice_length(abs(x1 - x0) * fraction * per_deg)
    deg = km / per_deg
    pad_x, pad_y = 0.04 * (x1 - x0), 0.05 * (y1 - y0)
    start = x0 + pad_x if loc == "lower left" else x1 - pad_x - deg
    y = y0 + pad_y
    if anchor is not None:
        fx, fy = anchor
        if not (0 <= fx <= 1 and 0 <= fy <= 1):
            raise ParameterError(f"scale bar: anchor must be axes fractions in [0, 1], found {anchor!r}")
        start, y = x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)
    ax.plot([start, start + deg], [y, y], color="#222222", lw=2.5, solid_capstyle="butt", zorder=10, gid="scale_bar")
    for xx in (start, start + deg):
        ax.plot([xx, xx], [y - 0.008 * (y1 - y0), y + 0.008 * (y1 - y0)], color="#222222", lw=1, zorder=10)
    span = abs(y1 - y0)
    where = text("maps_scale_bar.along", lang, lat=mid) if span > 10 else ""
    label = text("maps_scale_bar.label", lang, km=km, where=where)
    ax.text(start + deg / 2, y + 0.02 * (y1 - y0), label, ha="center", va="bottom", fontsize=7, color="#222222",
            zorder=10)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    return label

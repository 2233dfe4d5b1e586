"""Boundary loaders: checksummed reads, tidy columns, the MLIT credit on maps."""

from __future__ import annotations

import shutil
import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from footprint.outputs import maps
from footprint.core import paths
from footprint.core.errors import DataFileError, ParameterError
from footprint.outputs.style import setup_style


def test_japan_municipalities_whole_country():
    gdf = maps.japan_municipalities()
    # 1,751 features minus the four areas of undetermined owner (no code)
    assert len(gdf) == 1747
    assert gdf["code"].str.fullmatch(r"\d{5}").all()
    assert gdf.crs.to_epsg() == 4326
    osaka = gdf[gdf["code"] == "27100"]
    assert osaka["name_ja"].tolist() == ["大阪市"]
    assert osaka["prefecture_ja"].tolist() == ["大阪府"]
    # Osaka City lies around 135.5 E, 34.7 N
    c = osaka.geometry.iloc[0].representative_point()
    assert 135.3 < c.x < 135.7 and 34.5 < c.y < 34.9


def test_japan_municipalities_filter_by_prefecture():
    by_code = maps.japan_municipalities(prefectures=["27"])
    by_name = maps.japan_municipalities(prefectures="大阪府")
    assert by_code["code"].tolist() == by_name["code"].tolist()
    assert set(by_code["pref_code"]) == {"27"}
    # 43 municipalities of Osaka Prefecture (designated cities merged)
    assert len(by_code) == 43
    two = maps.japan_municipalities(prefectures=[25, 27])
    assert set(two["pref_code"]) == {"25", "27"}


def test_bad_prefecture_is_named():
    with pytest.raises(ParameterError, match="大坂"):
        maps.japan_municipalities(prefectures=["大坂"])


def test_prefectures_have_jis_codes():
    gdf = maps.japan_prefectures()
    assert len(gdf) == 47
    assert gdf["pref_code"].tolist() == [f"{i:02d}" for i in range(1, 48)]
    assert gdf.loc[gdf["pref_code"] == "27", "prefecture_ja"].item() == "大阪府"


def test_osaka_municipalities_and_merged_wards():
    wards = maps.osaka_municipalities()
    assert len(wards) == 72
    assert (wards["city_ja"] == "大阪市").sum() == 24  # Osaka City's 24 wards
    merged = maps.osaka_municipalities(merge_wards=True)
    assert len(merged) == 43
    assert {"27100", "27140"} <= set(merged["code"])
    assert merged.loc[merged["code"] == "27100", "name_ja"].item() == "大阪市"


def test_world_countries_iso3():
    gdf = maps.world_countries()
    assert len(gdf) == 177
    assert {"JPN", "VNM", "PHL", "THA", "GBR", "KEN", "FRA", "NOR"} <= set(gdf["iso3"])
    assert not (gdf["iso3"] == "-99").any()


def test_modified_boundary_file_is_refused(tmp_path, monkeypatch):
    """A raw boundary file whose checksum differs from the manifest is not read."""
    rel = maps.GEO_FILES["japan_prefectures"]
    fake_raw = tmp_path / "raw"
    (fake_raw / rel).parent.mkdir(parents=True)
    shutil.copy(paths.RAW / rel, fake_raw / rel)
    with open(fake_raw / rel, "ab") as f:
        f.write(b" ")
    monkeypatch.setattr(paths, "RAW", fake_raw)
    with pytest.raises(DataFileError, match="sha256"):
        maps.japan_prefectures()


def test_credit_texts():
    assert "国土数値情報（行政区域データ）（国土交通省）を加工して作成" in maps.credit("mlit", lang="ja")
    assert "MLIT" in maps.credit(lang="en")
    both = maps.credit("mlit", "natural_earth", lang="en")
    assert "Natural Earth" in both and "MLIT" in both
    with pytest.raises(ParameterError, match="mlitt"):
        maps.credit("mlitt")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_add_credit_draws_on_map(lang):
    setup_style()
    fig, ax = plt.subplots(figsize=(5, 5))
    maps.japan_prefectures().plot(ax=ax)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # missing glyphs fail
        t = maps.add_credit(ax, "mlit", lang=lang)
        fig.canvas.draw()
    drawn = t.get_text().replace("\n", "")
    assert drawn.replace(" ", "") == maps.credit("mlit", lang=lang).replace(" ", "")  # wrapped, never cut
    # the terms of use: the source named and the processing stated
    assert ("国土数値情報" in drawn and "加工" in drawn) if lang == "ja" else ("National Land Numerical Information" in drawn
                                                                   and "simplified" in drawn)
    # the credit stays inside the axes
    bb, ab = t.get_window_extent(), ax.get_window_extent()
    assert bb.x0 >= ab.x0 - 1 and bb.x1 <= ab.x1 + 1
    plt.close(fig)


def test_node_points_place_nodes_by_code_and_country():
    from footprint import flows as F
    from footprint.outputs.plots.flows import node_points

    nodes = F.load_nodes()
    pts = node_points(nodes, countries=maps.world_countries(), municipalities=maps.japan_municipalities(prefectures="27"),
                      prefectures=maps.japan_prefectures()).set_index("id")
    assert pts.loc["osaka_city", "located_by"] == "coordinates"
    assert pts.loc["kawachinagano", "located_by"] == "code"  # centroid of its N03 boundary
    assert 135.4 < pts.loc["kawachinagano", "lon"] < 135.8 and 34.3 < pts.loc["kawachinagano", "lat"] < 34.5
    assert pts.loc["osaka_pref", "located_by"] == "pref_code"
    assert pts.loc["viet_nam", "located_by"] == "iso3"
    assert pts.loc["moej", "located_by"] == "country_of_organisation"
    assert pd.isna(pts.loc["abroad", "lon"])  # no location: not drawn


def test_scale_bar_length_is_round_and_true_to_the_parallel():
    import matplotlib.pyplot as plt

    from footprint.outputs.maps import add_scale_bar, km_per_degree_lon, nice_length

    assert nice_length(37.0) == 20.0 and nice_length(512) == 500.0 and nice_length(1) == 1.0
    # one degree of longitude at the equator is about 111.2 km; at 60 degrees half of it
    assert abs(km_per_degree_lon(0) - 111.19) < 0.01
    assert abs(km_per_degree_lon(60) / km_per_degree_lon(0) - 0.5) < 1e-9
    fig, ax = plt.subplots()
    ax.set_xlim(135.0, 136.0)
    ax.set_ylim(34.2, 35.0)
    label = add_scale_bar(ax)
    bar = ax.lines[0].get_xdata()
    km = float(label.split()[0].replace(",", ""))
    assert km == 10.0  # a fifth of one degree at 34.6° N is 18.3 km; the round length below it is 10 km
    assert abs((bar[1] - bar[0]) * km_per_degree_lon(34.6) - km) < 1e-6
    plt.close(fig)

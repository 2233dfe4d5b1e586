"""Figure export: Japanese glyphs, byte-identical exports, embedded metadata, captions."""

from __future__ import annotations

import json
import warnings

import matplotlib.pyplot as plt
import pytest

from footprint.outputs.style import setup_style
from footprint.outputs.export import save_figure


def _figure(title="大阪市のエコロジカル・フットプリント（推計）"):
    setup_style()
    fig, ax = plt.subplots()
    ax.bar(["食料", "住居", "交通", "財", "サービス"], [1.0, 0.8, 0.5, 0.7, 0.9])
    ax.set_title(title)
    ax.set_ylabel("gha/人")
    return fig


def test_japanese_renders_without_missing_glyphs(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would fail here
        fig = _figure()
        save_figure(fig, tmp_path, "ja", title="日本語の図", caption="森林環境譲与税と二酸化炭素吸収量。",
                    source="総務省統計局「家計調査」", lang="ja")


def test_missing_glyph_would_be_caught(tmp_path):
    """The check above can fail: a glyph absent from both fonts raises under the same filter."""
    setup_style()
    fig, ax = plt.subplots()
    ax.set_title("\u0e01")  # a Thai letter: in neither DejaVu Sans nor IPAexGothic
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning, match="missing from font"):
            fig.canvas.draw()
    plt.close(fig)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_two_exports_are_byte_identical(tmp_path, lang):
    kw = dict(title="t", caption="c", source="s", lang=lang, parameters={"year": 2022})
    save_figure(_figure(), tmp_path / "a", "fig", **kw)
    save_figure(_figure(), tmp_path / "b", "fig", **kw)
    for ext in ("png", "svg", "pdf", "json"):
        a = (tmp_path / "a" / "figures" / f"fig.{ext}").read_bytes()
        b = (tmp_path / "b" / "figures" / f"fig.{ext}").read_bytes()
        assert a == b, ext


def test_metadata_is_embedded(tmp_path):
    from PIL import Image

    rec = save_figure(_figure(), tmp_path, "m", title="Osaka footprint", caption="Per person.",
                      source="NFA 2025", parameters={"city": "大阪市"}, data_edition="NFA 2025", status="estimated")
    png = Image.open(tmp_path / "figures" / "m.png")
    assert png.info["Title"] == "Osaka footprint"
    assert "NFA 2025" in png.info["Source"] and "大阪市" in png.info["Description"]
    assert b"Osaka footprint" in (tmp_path / "figures" / "m.pdf").read_bytes()
    svg = (tmp_path / "figures" / "m.svg").read_text(encoding="utf-8")
    assert "<dc:title>Osaka footprint</dc:title>" in svg
    side = json.loads((tmp_path / "figures" / "m.json").read_text(encoding="utf-8"))
    assert side["caption"].startswith("ESTIMATE.")  # estimates are labelled in the caption
    assert side["files"] == {"png": "figures/m.png", "svg": "figures/m.svg", "pdf": "figures/m.pdf"}
    assert rec.status == "estimated" and "footprint" in rec.citation


def test_pdf_embeds_truetype_fonts(tmp_path):
    save_figure(_figure(), tmp_path, "f", title="t", caption="c", source="s")
    pdf = (tmp_path / "figures" / "f.pdf").read_bytes()
    assert b"/FontFile2" in pdf  # Type 42 (TrueType), not Type 3
    assert b"/ToUnicode" in pdf  # text stays searchable and copyable (layout tables are not needed for it)


def test_bad_status_is_rejected(tmp_path):
    with pytest.raises(ValueError, match="status"):
        save_figure(_figure(), tmp_path, "x", title="t", caption="c", source="s", status="guess")


def test_bold_japanese_fallback_is_not_logged(tmp_path, caplog):
    """IPAexGothic has no bold face: the expected fallback is silent, other font messages are not."""
    import logging

    setup_style()
    fig, ax = plt.subplots()
    ax.set_title("大阪市のフットプリント", weight="bold")
    with caplog.at_level(logging.WARNING, logger="matplotlib.font_manager"):
        save_figure(fig, tmp_path, "b", title="t", caption="c", source="s", lang="ja")
        logging.getLogger("matplotlib.font_manager").warning("findfont: Font family 'Nope' not found.")
    msgs = [r.getMessage() for r in caplog.records]
    assert not any("Failed to find font weight" in m for m in msgs)
    assert any("Nope" in m for m in msgs)


def test_power_of_ten_labels_are_plain_text():
    from footprint.outputs.style import power_of_ten

    assert power_of_ten(1000) == "10³"
    assert power_of_ten(1e-2) == "10⁻²"
    assert power_of_ten(1) == "10⁰"
    assert power_of_ten(2000) == "" and power_of_ten(0) == "" and power_of_ten(-10) == ""


def test_log_axis_labels_need_no_math_text():
    import matplotlib.pyplot as plt

    from footprint.outputs.style import plain_log_ticks

    fig, ax = plt.subplots()
    ax.barh([0, 1], [3, 3e6], log=True)
    plain_log_ticks(ax.xaxis)
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    minor = [t.get_text() for t in ax.xaxis.get_minorticklabels() if t.get_text()]
    plt.close(fig)
    assert labels and all("$" not in s and s.startswith("10") for s in labels)
    assert not minor

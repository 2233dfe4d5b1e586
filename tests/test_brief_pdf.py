"""The brief's PDF (footprint.pipeline.briefpdf): A4, page numbers, every font embedded, the key numbers in
its text layer in English and Japanese, figures numbered, and no caption or source read as markup."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
import typst
from pypdf import PdfReader

from footprint.pipeline import briefpdf, keypanel

A4 = (595.28, 841.89)
#: text that Typst markup would read as something else: headings, emphasis, math, labels, references, code
MARKUP = ['# not a heading', '*not bold*', '_not emphasis_', '$x^2$', '<fig-a>', '@fig-a', '`code`',
          'back\\slash', 'a "quote"', '[bracket]', '~ tilde', '// not a comment', '= not a title', '1. not a list']


def _pdf(source: str, tmp_path) -> PdfReader:
    (tmp_path / "d.typ").write_text(source, encoding="utf-8")
    data = typst.compile(str(tmp_path / "d.typ"), root=str(tmp_path), font_paths=briefpdf.font_paths(),
                         ignore_system_fonts=True)
    return PdfReader(io.BytesIO(data))


def _text(reader: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def test_no_text_is_read_as_markup(tmp_path):
    source = "\n\n".join(briefpdf.q(s) for s in MARKUP)
    text = _text(_pdf(briefpdf._preamble("t", "en") + source, tmp_path))
    for s in MARKUP:
        assert s in text, s


def _fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    """(font name, embedded) of every font the pages use, descendants of composite fonts included."""
    out = []
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for f in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                desc = f.get("/FontDescriptor")
                if desc is not None:
                    desc = desc.get_object()
                    out.append((str(f["/BaseFont"]), any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    return out


def _check_brief_pdf(run, lang):
    label = {r["notebook"]: r["label"] for r in run.results}["05_local_sdgs_brief"]
    folder = run.run_dir / label
    reader = PdfReader(folder / "05_local_sdgs_brief.pdf")
    assert len(reader.pages) >= 3
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(w, 1), round(h, 1)) == (round(A4[0], 1), round(A4[1], 1))
    fonts = _fonts(reader)
    assert fonts and all(emb for _, emb in fonts), fonts
    assert any("IPAexGothic" in n for n, _ in fonts) and any("DejaVuSans" in n for n, _ in fonts)
    text = _text(reader)
    n = len(reader.pages)
    assert f"1 / {n}" in text and f"{n} / {n}" in text  # page numbers
    keys = pd.read_csv(folder / "tables" / "key_numbers.csv", encoding="utf-8-sig")
    for item in keypanel.key_number_items(keys, lang):
        if item["key"] in ("ef_gha_per_cap", "earths", "overshoot_day", "change_since"):
            assert item["value"].replace(" ", "") in text.replace(" ", ""), item
    assert ("Figure 1" if lang == "en" else "図 1") in text
    return text


@pytest.mark.notebook
@pytest.mark.xdist_group("pipeline")
def test_the_japanese_brief_pdf(shared_run):
    text = _check_brief_pdf(shared_run, "ja")
    assert "主要な数値" in text and "分かったこと" in text


@pytest.mark.notebook
@pytest.mark.xdist_group("pipeline")
def test_the_english_brief_pdf(shared_run_en):
    text = _check_brief_pdf(shared_run_en, "en")
    assert "Key numbers" in text and "Findings" in text
    index = (shared_run_en.run_dir / "index.html").read_text(encoding="utf-8")
    assert "05_local_sdgs_brief.pdf" in index

"""The brief as a PDF a city official can hand on: A4, page numbers, numbered figures, fonts embedded.

Typeset with Typst through the ``typst`` wheel, which bundles the compiler: it installs from the
package index with no system library (WeasyPrint needs Pango and Cairo), lays out Japanese well
(line breaking by the 禁則 rules) and embeds subsets of the fonts it uses. fpdf2 and reportlab
would have us lay out tables and line breaks ourselves. Only the fonts of the figures are used
(DejaVu Sans from matplotlib, IPAexGothic from ``matplotlib-fontja``; system fonts are ignored), so
the same run gives the same PDF on any machine.

The document follows the HTML brief (:mod:`footprint.pipeline.report`): title, key numbers and
findings first (:mod:`footprint.pipeline.keypanel`), the figures (PNG, numbered, with caption,
status and citation), the indicator table (its header repeats on every page it spans), the
glossary, and the run's context in a colophon. Every text reaches Typst as a string literal, so
no character of a caption or a source is read as markup.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib
import pandas as pd
import typst

from footprint import sdgs as S
from footprint.core import atomic_path
from footprint.core.layout import NotebookLayout
from footprint.outputs.catalog import text
from footprint.outputs.style import japanese_font_path
from footprint.pipeline.glossary import glossary, status_word, unit_word, word
from footprint.pipeline.keypanel import findings, key_number_items

FONTS = ("DejaVu Sans", "IPAexGothic")


def font_paths() -> list[str]:
    """Folders of the fonts the PDF uses: matplotlib's DejaVu Sans and the wheel's IPAexGothic."""
    return [str(Path(matplotlib.get_data_path()) / "fonts" / "ttf"), str(japanese_font_path().parent)]


def q(value: object) -> str:
    """``value`` as a Typst string literal in code mode (``#"…"``): shown as text, never as markup."""
    s = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return '#"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _preamble(title: str, lang: str) -> str:
    fonts = ", ".join(f'"{f}"' for f in FONTS)
    return f"""#set document(title: {q(title)[1:]})
#set page(paper: "a4", margin: (x: 16mm, top: 16mm, bottom: 20mm), numbering: "1 / 1")
#set text(font: ({fonts}), size: 9.5pt, lang: "{lang}")
#set par(justify: false, leading: 0.6em)
#show heading.where(level: 1): set text(size: 17pt, fill: rgb("#1d4d36"))
#show heading.where(level: 2): set text(size: 13pt, fill: rgb("#1d4d36"))
#show figure.caption: set align(left)
#show figure: set block(breakable: false)
"""


def _key_numbers(keys: pd.DataFrame, lang: str) -> str:
    cells = []
    for i in key_number_items(keys, lang):
        if i["key"] in ("land_share_outside_city", "carbon_share"):
            continue
        cells.append(f'box(width: 100%, inset: 6pt, stroke: (left: 2.5pt + rgb("#2a6f4e"), rest: 0.4pt + rgb("#cfe3d7")),'
                     f' fill: rgb("#f6fbf8"))[#text(size: 8pt)[{q(i["label"])}] \\ '
                     f'#text(size: 15pt, weight: "bold", fill: rgb("#1d4d36"))[{q(i["value"])}] \\ '
                     f'#text(size: 7.5pt)[{q(i["interval"])} · {q(i["status_word"])}]]')
    year = int(str(keys.set_index("key").loc["ef_gha_per_cap", "year"]))
    return (f"== {q(text('brief_key_numbers.heading', lang))}\n{q(text('brief_key_numbers.intro', lang, year=year))}\n\n"
            f"#grid(columns: (1fr, 1fr, 1fr), gutter: 6pt, {', '.join(cells)})\n")


def _findings(keys: pd.DataFrame, lang: str, numbers: Mapping[str, int]) -> str:
    items = []
    for words, figure in findings(keys, lang):
        ref = f" ({text('brief_findings.see_figure', lang, n=numbers[figure])})" if figure in numbers else ""
        items.append(f"+ {q(words + ref)}")
    return f"== {q(text('brief_findings.heading', lang))}\n" + "\n".join(items) + "\n"


def _figure(fig: Mapping, lang: str) -> str:
    png = fig.get("files", {}).get("png")
    caption = (f"{q(fig['title'])} #linebreak() #text(size: 8pt)[{q(fig.get('caption', ''))} "
               f"{q(word('status', lang) + ': ' + status_word(fig.get('status', ''), lang))}. "
               f"{q(word('cite_as', lang) + ': ' + fig.get('citation', ''))}]")
    return (f'#figure(image("{png}", width: 100%), caption: [{caption}], supplement: {q(word("figure_word", lang))[1:]})'
            f" <fig-{fig['name']}>\n")


def _indicators(table: pd.DataFrame, lang: str) -> str:
    names = S.load_partnerships()
    names = dict(zip(names["id"], names["name_ja" if lang == "ja" else "name_en"], strict=True))
    label = "label_ja" if lang == "ja" and "label_ja" in table else ("label_en" if "label_en" in table else "indicator")
    cols = ["col_sdg", "col_indicator", "col_value", "col_interval", "col_unit", "col_year", "col_status"]
    out = [f"== {q(word('indicators', lang))}"]
    for pid in dict.fromkeys(table["partnership"]):
        rows = table[table["partnership"] == pid]
        cells = []
        for r in rows.to_dict("records"):
            unit = str(r.get("unit", ""))
            num = (lambda v: "" if pd.isna(v) else S.format_value(float(v), unit, lang))  # noqa: E731
            interval = "" if pd.isna(r.get("p05")) or pd.isna(r.get("p95")) else f"{num(r['p05'])}–{num(r['p95'])}"
            year = "" if pd.isna(r.get("year")) else str(int(r["year"]))
            cells += [q(r.get("sdg", "")), q(r.get(label, "")), q(num(r.get("value"))), q(interval),
                      q(unit_word(unit, lang)), q(year), q(status_word(str(r.get("status", "")), lang))]
        head = ", ".join(f"[*{q(word(c, lang))}*]" for c in cols)
        body = ", ".join(f"[{c}]" for c in cells)
        out.append(f"=== {q(names.get(pid, pid))}\n#table(columns: (auto, 1fr, auto, auto, auto, auto, auto), "
                   f"stroke: (x: none, y: 0.3pt + luma(200)), inset: 3pt, align: (left, left, right, right, left, "
                   f"right, left), table.header({head}), {body})\n")
    return "\n".join(out)


def brief_typst(folder: Path, notebook: str, figures: Sequence[Mapping], *, title: str, lang: str,
                colophon: Sequence[tuple[str, str]]) -> str:
    """The Typst source of the brief of the notebook folder ``folder`` (paths relative to it)."""
    layout = NotebookLayout(folder)
    numbers = {f["name"]: i for i, f in enumerate(figures, start=1)}
    parts = [_preamble(title, lang), f"= {q(title)}\n"]
    keys = layout.table("key_numbers")
    if keys.exists():
        k = pd.read_csv(keys, encoding="utf-8-sig")
        parts += [_key_numbers(k, lang), _findings(k, lang, numbers)]
    parts.append(f"== {q(word('figures', lang))}\n")
    parts += [_figure(f, lang) for f in figures if f.get("files", {}).get("png")]
    csv = layout.table("sdg_indicators")
    if csv.exists():
        table = pd.read_csv(csv, encoding="utf-8-sig")
        if "partnership" in table:
            parts.append(_indicators(table, lang))
    parts.append(f"== {q(word('glossary', lang))}\n" + "\n".join(f"/ {q(t)}: {q(d)}" for t, d in glossary(lang)))
    parts.append(f"\n== {q(word('colophon', lang))}\n"
                 + "\n".join(f"- *{q(k)}*: {q(v)}" for k, v in colophon) + "\n")
    return "\n".join(parts)


def write_brief_pdf(folder: Path, notebook: str, figures: Sequence[Mapping], *, title: str, lang: str,
                    colophon: Sequence[tuple[str, str]], started_utc: str | None = None) -> Path:
    """Typeset the brief into ``<folder>/<notebook>.pdf`` (atomically) and return its path. The PDF's
    date is the run's start (the same run gives the same bytes)."""
    folder = Path(folder)
    source = brief_typst(folder, notebook, figures, title=title, lang=lang, colophon=colophon)
    stamp = _dt.datetime.fromisoformat(started_utc) if started_utc else _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)
    src = folder / f".{notebook}.typ"
    target = folder / f"{notebook}.pdf"
    try:
        src.write_text(source, encoding="utf-8")
        pdf = typst.compile(str(src), root=str(folder), font_paths=font_paths(), ignore_system_fonts=True,
                            timestamp=int(stamp.timestamp()))
    finally:
        src.unlink(missing_ok=True)
    with atomic_path(target) as tmp:
        Path(tmp).write_bytes(pdf)
    return target

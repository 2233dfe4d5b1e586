"""The words of the pages a run leaves for readers (the brief report and the run index), in English
and Japanese: headings, labels, column names, status words, units and a short glossary.

Every visible word of those pages comes from here, so that a ``lang=ja`` page has no English
heading or label left (a browser test checks it) and a new word is translated in one place.
"""

from __future__ import annotations

from footprint.outputs.labels import check_lang

# headings, labels and column names: key -> (en, ja)
_WORDS: dict[str, tuple[str, str]] = {
    "run_date": ("Date of the run", "実行日時"),
    "colophon": ("About this brief", "この資料について"),
    "scenario_default": ("the baseline (default values)", "基準（既定値）"),
    "scenario_adhoc": ("none: values given on the command line", "なし（コマンドラインで値を指定）"),
    "scenario_unknown": ("unknown", "不明"),
    "figure_n": ("Figure {n}.", "図{n}"),
    "figure_word": ("Figure", "図"),
    "brief_pdf": ("The brief as PDF (A4)", "ブリーフのPDF（A4）"),
    "run_id": ("Run", "実行ID"),
    "scenario": ("Scenario", "シナリオ"),
    "parameters": ("Parameters changed from the notebook's defaults", "既定値から変更したパラメータ"),
    "no_parameters": ("none (the notebook's defaults)", "なし（ノートブックの既定値）"),
    "version": ("Package version", "パッケージのバージョン"),
    "commit": ("Commit", "コミット"),
    "unknown": ("unknown", "不明"),
    "figures": ("Figures", "図"),
    "indicators": ("Indicators by partnership", "連携ごとの指標"),
    "glossary": ("Glossary", "用語集"),
    "status": ("Status", "区分"),
    "cite_as": ("Cite as", "引用"),
    "files": ("Files", "ファイル"),
    "col_sdg": ("SDG", "SDG"),
    "col_indicator": ("Indicator", "指標"),
    "col_value": ("Value", "値"),
    "col_interval": ("90 % interval", "90%区間"),
    "col_unit": ("Unit", "単位"),
    "col_year": ("Year", "年"),
    "col_status": ("Status", "区分"),
    "col_source": ("Source", "出典"),
    "col_note": ("Note", "注記"),
    "summary": ("{n_fig} figures; {n_ind} indicators for {n_part} partnerships.",
                "図{n_fig}点、{n_part}の連携について指標{n_ind}件。"),
    "about_table": ("Every row with its value, unit, year, status and full source; the table is also in {csv}.",
                    "各行に値・単位・年・区分・出典を示す。表は{csv}にも収録。"),
    "links": ("Related files", "関連ファイル"),
    "figure_pack": ("Figure pack (PNG, SVG, PDF and metadata)", "図のパック（PNG・SVG・PDFとメタデータ）"),
    "manifest": ("Run manifest (parameters, versions, checksums)", "実行記録（パラメータ・バージョン・チェックサム）"),
    "run_index": ("Index of the run", "実行の目次"),
    "brief_report": ("Brief report", "ブリーフ報告書"),
    "notebook_html": ("Executed notebook (HTML)", "実行済みノートブック（HTML）"),
    "notebooks": ("Notebooks", "ノートブック"),
    "col_notebook": ("Notebook", "ノートブック"),
    "col_result": ("Result", "結果"),
    "col_duration": ("Time", "所要時間"),
    "col_figures": ("Figures", "図"),
    "col_outputs": ("Outputs", "出力"),
    "ok": ("ok", "成功"),
    "reused": ("ok (reused unchanged)", "成功（前回の結果を再利用）"),
    "failed": ("failed", "失敗"),
    "failed_note": ("Failed notebooks: none of their figures is cited here.",
                    "失敗したノートブックの図はここに掲載していない。"),
    "run_status": ("Status of the run", "実行の状態"),
    "index_title": ("Run {run}", "実行 {run}"),
    "figure_count": ("{n} figures from notebooks that ran without error.", "エラーなく実行されたノートブックの図{n}点。"),
    "notebook_col": ("Notebook", "ノートブック"),
}

STATUS_WORDS: dict[str, tuple[str, str]] = {
    "published": ("published", "公表値"),
    "derived": ("derived", "算出値"),
    "estimated": ("estimated", "推計値"),
    "illustrative": ("illustrative", "例示値"),
}

# units of the indicator table: (en, ja); an unknown unit is shown as it is
_UNITS: dict[str, tuple[str, str]] = {
    "Earths": ("Earths", "地球の数"),
    "gha per ha": ("gha per ha", "gha/ha"),
    "gha per person": ("gha per person", "gha/人"),
    "kg-CO2 per kWh": ("kg-CO2 per kWh", "kg-CO2/kWh"),
    "t-CO2 per person": ("t-CO2 per person", "t-CO2/人"),
    "t-CO2 per year": ("t-CO2 per year", "t-CO2/年"),
    "billion m3": ("billion m3", "十億m3"),
    "day of year": ("day of year", "年初からの日数"),
    "homes": ("homes", "戸"),
    "layers": ("layers", "層"),
    "kinds of flow": ("kinds of flow", "種類"),
    "million JPY": ("million JPY", "百万円"),
    "million persons": ("million persons", "百万人"),
    "persons": ("persons", "人"),
    "projects": ("projects", "件"),
    "share": ("share", "割合"),
    "year": ("year", "年"),
    "years": ("years", "年"),
}

# the short glossary at the end of the brief: (term, definition) per language
GLOSSARY: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("gha (global hectare)", "A hectare of land or water with the world's average biological productivity in a "
         "given year; footprints and biocapacities are measured in gha so that cropland, forest and sea can be added."),
        ("CLUM", "Consumption Land-Use Matrix: a country's or city's ecological footprint split by what is consumed "
         "(food, housing, transport, goods, services) and by land type."),
        ("Earths", "How many planet Earths humanity would need if everyone lived like the people described: their "
         "footprint per person divided by the world's biocapacity per person."),
        ("Overshoot day", "The day of the year on which humanity would have used up what the Earth renews in the "
         "whole year, if everyone lived like the people described."),
        ("JCM", "Joint Crediting Mechanism: Japan's bilateral scheme that credits emission reductions from "
         "low-carbon projects in partner countries."),
        ("published", "Read from a publication and checked against it."),
        ("derived", "Calculated from published figures by a stated method."),
        ("estimated", "Modelled where no publication gives the figure (for example downscaled from national "
         "accounts); it carries an interval or a stated uncertainty."),
        ("illustrative", "A default chosen to show an order of magnitude where no figure exists; not a finding."),
    ],
    "ja": [
        ("gha（グローバルヘクタール）", "その年の世界平均の生物生産力をもつ土地・水域1ヘクタール。耕作地・森林・海などを"
         "足し合わせられるよう、フットプリントと生物生産力はghaで測る。"),
        ("CLUM", "消費土地利用マトリクス。国や都市のエコロジカル・フットプリントを消費の目的（食・住居・交通・財・"
         "サービス）と土地タイプで分けた表。"),
        ("地球の数", "世界中の人が対象の人々と同じ暮らしをした場合に必要な地球の数。1人あたりフットプリントを世界の"
         "1人あたり生物生産力で割った値。"),
        ("オーバーシュート・デー", "世界中の人が対象の人々と同じ暮らしをした場合に、地球が1年で再生できる分を使い切る日。"),
        ("JCM（二国間クレジット制度）", "連携国での低炭素事業による排出削減をクレジットとして認める日本の二国間制度。"),
        ("公表値", "公表資料から読み取り、照合した値。"),
        ("算出値", "公表値から明示した方法で計算した値。"),
        ("推計値", "公表値がない箇所をモデルで推計した値（例：国の勘定からの按分）。区間または不確かさを示す。"),
        ("例示値", "値が存在しない箇所で桁の大きさを示すために置いた既定値。調査結果ではない。"),
    ],
}


def word(key: str, lang: str = "en", **fmt: object) -> str:
    """The page word ``key`` in ``lang`` (``fmt`` fills its ``{placeholders}``)."""
    en, ja = _WORDS[key]
    text = ja if check_lang(lang) == "ja" else en
    return text.format(**fmt) if fmt else text


def status_word(status: str, lang: str = "en") -> str:
    """A status (published / derived / estimated / illustrative) as the reader reads it."""
    en, ja = STATUS_WORDS.get(status, (status, status))
    return ja if check_lang(lang) == "ja" else en


def unit_word(unit: str, lang: str = "en") -> str:
    en, ja = _UNITS.get(unit, (unit, unit))
    return ja if check_lang(lang) == "ja" else en


def glossary(lang: str = "en") -> list[tuple[str, str]]:
    return GLOSSARY[check_lang(lang)]

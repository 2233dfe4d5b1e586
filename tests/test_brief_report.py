"""The reader's brief and the run index: header, figures first, indicator table with full sources,
glossary, Japanese throughout for lang=ja, failed notebooks never cited, deterministic bytes.

Small runs of two tiny notebooks (a brief that draws two figures and writes an indicator table, and a
notebook that draws a figure and then fails) stand in for the project's notebooks.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from footprint import __version__
from footprint.core import paths
from footprint.pipeline import runner
from footprint.pipeline.brief import normalise_html
from footprint.pipeline.report import format_param, linked

pytestmark = pytest.mark.xdist_group("brief_report")

LONG_SOURCE = ("Lo et al. (2025), National Ecological Footprint and Biocapacity Accounts, 2025 Edition; "
               "FoDaFo/GFN, CC BY-SA 4.0; city: downscaled (estimated CLUM, household survey)")
PARAMS = "lang = 'en'\noutput_dir = ''\ndraws = 1000"
BRIEF = '''
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from footprint.outputs.notebook import NotebookOutputs
out = NotebookOutputs.create("{name}", output_dir=output_dir, processed_dir="", lang=lang)
ja = lang == "ja"
for name, title, status in [("zeta_first", "大阪の図その一" if ja else "Zeta comes first", "estimated"),
                            ("alpha_second", "大阪の図その二" if ja else "Alpha comes second", "published")]:
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.plot([0, 1], [draws, draws / 2])
    out.figure(fig, name, title=title, caption="一つの結論。" if ja else "One message.", source="test data", status=status)
rows = [
    dict(partnership="osaka_city", sdg=12, indicator="earths", label_en="Earths needed", label_ja="必要な地球の数",
         value=2.65, p05=2.58, p95=2.72, unit="Earths", year=2022, source={long!r}, status="estimated",
         note="p05-p95: 90 % Monte Carlo interval"),
    dict(partnership="hcmc", sdg=17, indicator="layers", label_en="Bond layers", label_ja="きずなの層", value=3,
         p05=None, p95=None, unit="layers", year=2025,
         source="city.osaka.lg.jp/kankyo/page/0000240441.html ; en.sggp.org.vn/dialogue-post73839.html",
         status="published", note=""),
    dict(partnership="hcmc", sdg=13, indicator="jcm", label_en="JCM reductions", label_ja="JCM削減量", value=1234.5,
         p05=None, p95=None, unit="t-CO2 per year", year=2020, source="gec.jp/jp/?p=5666", status="derived", note=""),
]
out.tables({{"sdg_indicators": pd.DataFrame(rows)}})
display(pd.DataFrame({{"a": [1, 2]}}).style)  # a Styler: random ids in nbconvert's HTML
print("SECRET_CODE_MARKER")
'''
FAILS = '''
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from footprint.outputs.notebook import NotebookOutputs
out = NotebookOutputs.create("02_fails", output_dir=output_dir, processed_dir="", lang=lang)
fig, ax = plt.subplots()
out.figure(fig, "orphan", title="Figure of a failed notebook", caption="Never cited.", source="test", status="derived")
raise ValueError("boom on purpose")
'''


def write_notebook(path: Path, body: str) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    p = nbformat.v4.new_code_cell(PARAMS)
    p.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# A tiny brief"), p, nbformat.v4.new_code_cell(body)]
    nbformat.write(nb, path)


def small_run(tmp: Path, *, lang: str = "en", fails: bool = True, reports: Path | None = None):
    """A run of the tiny brief (draws=10) and, with ``fails``, of a notebook that fails after a figure."""
    d = tmp / "notebooks"
    if not d.exists():
        d.mkdir(parents=True)
        write_notebook(d / "05_test_brief.ipynb", BRIEF.format(name="05_test_brief", long=LONG_SOURCE))
        if fails:
            write_notebook(d / "02_fails.ipynb", FAILS)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(paths, "NOTEBOOKS", d)
        return runner.run(reports=reports or tmp / "reports", overrides={"draws": 10, "lang": lang}, reuse=False,
                          latest=False)


@pytest.fixture(scope="module")
def en_run(tmp_path_factory):
    return small_run(tmp_path_factory.mktemp("brief_en"))


@pytest.fixture(scope="module")
def ja_run(tmp_path_factory):
    return small_run(tmp_path_factory.mktemp("brief_ja"), lang="ja")


def brief(res) -> str:
    return (res.run_dir / "05_test_brief" / "05_test_brief.html").read_text(encoding="utf-8")


def index(res) -> str:
    return (res.run_dir / "index.html").read_text(encoding="utf-8")


class Texts(HTMLParser):
    """Text of every element of the given tags, and every href/src."""

    def __init__(self, tags):
        super().__init__()
        self.tags, self.stack, self.found, self.refs = set(tags), [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.refs += [a[k] for k in ("href", "src") if a.get(k)]
        if tag in self.tags:
            self.stack.append([tag, ""])

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1][0] == tag:
            self.found.append(tuple(self.stack.pop()))

    def handle_data(self, data):
        for s in self.stack:
            s[1] += data


def texts(page: str, tags=("title", "h1", "h2", "h3", "th", "dt")) -> Texts:
    p = Texts(tags)
    p.feed(page)
    return p


def test_brief_colophon_names_date_scenario_changed_parameters_version_and_commit(en_run):
    """The run's context closes the brief (a reader meets the findings first, issue 19)."""
    page = brief(en_run)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    stamp = re.match(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)", en_run.run_dir.name).groups()
    assert "Date of the run" not in page[:page.index('<section id="figures">')]
    header = page[page.index('<section id="colophon">'):]
    scenario = json.loads(en_run.manifest.read_text(encoding="utf-8"))["scenario"]["name"]
    assert scenario == "adhoc"  # the runner's name for values given on the command line, said in words
    for text in ("Date of the run", f"{stamp[0]}-{stamp[1]}-{stamp[2]} {stamp[3]}:{stamp[4]} UTC", "Scenario",
                 "<dd>none: values given on the command line</dd>", "draws = 10", f"footprint {__version__}",
                 runner.git_commit()):
        assert text in header, text
    assert "lang = en" not in header and "output_dir" not in header  # defaults and runner paths are not changes
    assert dict(texts(page).found)["title"] == "A tiny brief"


def test_brief_shows_figures_first_in_notebook_order_then_indicators_then_glossary(en_run):
    page = brief(en_run)
    order = [page.index(s) for s in ("Zeta comes first", "Alpha comes second", "Indicators by partnership", "Glossary")]
    assert order == sorted(order)
    assert page.count("<strong>Cite as:</strong> Zeta comes first.") == 1
    assert page.count('<span class="status estimated">estimated</span>') == 2  # figure and table row
    for term in ("gha (global hectare)", "CLUM", "Earths", "Overshoot day", "JCM", "published", "derived",
                 "estimated", "illustrative"):
        assert f"<dt>{term}</dt>" in page, term


def test_indicator_table_is_grouped_by_partnership_with_full_sources_as_links(en_run):
    page = brief(en_run)
    h3 = [t for tag, t in texts(page).found if tag == "h3"]
    assert h3[-2:] == ["Osaka City (own footprint and emissions)", "Ho Chi Minh City"]  # names, in table order
    assert LONG_SOURCE.replace("&", "&amp;") in page and "…" not in page  # the full source, never cut
    assert '<a href="https://city.osaka.lg.jp/kankyo/page/0000240441.html">' in page
    assert '<a href="https://gec.jp/jp/?p=5666">' in page
    assert "1234.5" not in page and '<td class="num">1,230</td>' in page  # three significant digits, not a repr


def test_brief_has_no_code_or_python_reprs(en_run):
    page = brief(en_run)
    for leftover in ("SECRET_CODE_MARKER", "NotebookOutputs", "dtype", "Name: ", "<figure '", "[", "{'"):
        assert leftover not in page.replace("[data-", ""), leftover
    assert not re.search(r"&lt;\w+ &#x27;", page)  # an escaped repr like <figure 'x'


def test_japanese_brief_has_every_heading_label_and_column_in_japanese(ja_run):
    page = brief(ja_run)
    assert page.startswith('<!DOCTYPE html>\n<html lang="ja">')
    same_in_both = {"SDG", "CLUM"}  # acronyms a Japanese reader reads as they are
    found = texts(page).found
    english = [t for _, t in found if t not in same_in_both and not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", t)]
    assert not english, english
    assert "必要な地球の数" in page and "ホーチミン市" in page and "推計値" in page and "t-CO2/年" in page
    assert "Monte Carlo" not in page  # English notes are left out of the Japanese page


def test_index_links_brief_pack_notebook_page_and_manifest(en_run):
    page = index(en_run)
    refs = texts(page).refs
    for href in ("05_test_brief/05_test_brief.html", "05_test_brief/figure_pack.zip",
                 "05_test_brief/05_test_brief.notebook.html", "manifest.json"):
        assert href in refs, href
    missing = [r for r in refs if not (en_run.run_dir / r).exists()]
    assert not missing, missing
    assert page.index("Zeta comes first") < page.index("Alpha comes second")  # the notebook's order, not by name


def test_index_lists_a_failed_notebook_as_failed_and_cites_none_of_its_figures(en_run):
    assert (en_run.run_dir / "02_fails" / "figures" / "orphan.json").exists()  # the sidecar was left behind
    page = index(en_run)
    assert re.search(r"<td>02_fails</td><td>failed: ValueError: boom on purpose</td>", page)
    assert "Status of the run</dt><dd>failed" in page
    for text in (page, (en_run.run_dir / "index.md").read_text(encoding="utf-8"), brief(en_run)):
        assert "Figure of a failed notebook" not in text and "orphan" not in text


def test_linked_makes_links_of_web_addresses_only():
    text = "Lo et al. (2025), NFA; footprint.city (estimated); Act (pref.osaka.lg.jp/midori/index.html); https://a.org/x"
    out = linked(text)
    assert re.findall(r'href="([^"]+)"', out) == ["https://pref.osaka.lg.jp/midori/index.html", "https://a.org/x"]
    assert re.sub(r"<[^>]+>", "", out) == text.replace("&", "&amp;")  # the text itself is unchanged


def test_normalise_html_replaces_random_ids_in_order():
    a = '<div id="cell-id=8759c988"></div><style>#T_a29e8_row0 {}</style><table id="T_a29e8"><table id="T_0bc12">'
    b = '<div id="cell-id=1f2e3d4c"></div><style>#T_ffe01_row0 {}</style><table id="T_ffe01"><table id="T_9aa00">'
    assert normalise_html(a) == normalise_html(b)
    assert 'id="T_styler0"' in normalise_html(a) and 'id="T_styler1"' in normalise_html(a)


def test_format_param_shows_values_without_python_syntax():
    assert [format_param(v) for v in ([], ["hcmc", "yodo_biwa"], True, "", 0.5)] == [
        "—", "hcmc, yodo_biwa", "true", "—", "0.5"]


def test_index_links_every_notebooks_page(tmp_path, monkeypatch):
    """Not only the brief: every successful notebook gets its page without code, linked from the index."""
    from footprint.core import paths
    from footprint.pipeline import runner
    from notebook_helpers import tiny_notebook

    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    tiny_notebook(nbdir / "01_one.ipynb", "print('one')")
    tiny_notebook(nbdir / "02_two.ipynb", "print('two')")
    monkeypatch.setattr(paths, "NOTEBOOKS", nbdir)
    res = runner.run(reports=tmp_path / "reports", cache=False)
    assert res.ok
    index = (res.run_dir / "index.html").read_text(encoding="utf-8")
    for label in ("01_one", "02_two"):
        page = res.run_dir / label / f"{label}.notebook.html"
        assert page.is_file() and f'href="{label}/{label}.notebook.html"' in index
        assert "print(" not in page.read_text(encoding="utf-8")  # no code cells


def test_the_brief_links_the_readers_copy_of_its_table_and_the_run_keeps_full_precision(en_run):
    """One set of tables (issue 19): the brief links a copy that Excel opens in Japanese too (UTF-8 with BOM) with
    numbers rounded as in data/processed; the run folder's table keeps every digit."""
    page = brief(en_run)
    folder = en_run.run_dir / "05_test_brief"
    reader = folder / "tables_for_readers" / "sdg_indicators.csv"
    assert 'tables_for_readers/sdg_indicators.csv' in page and "tables/sdg_indicators.csv" not in page
    data = reader.read_bytes()
    assert data.startswith("\ufeff".encode())
    from footprint.pipeline.publish import read_text_table, reader_csv

    assert data == reader_csv(read_text_table(folder / "tables" / "sdg_indicators.csv"))

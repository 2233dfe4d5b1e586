"""The brief as readers see it: one self-contained HTML page built from what a run left, not a dump
of the notebook.

:func:`brief_html` reads the notebook folder of a run (figure sidecars and PNGs in ``figures/``,
the indicator table ``tables/sdg_indicators.csv``) and the run's context (date, scenario,
parameters, package version, commit) and writes, in the run's language (``lang`` parameter):

1. the title, then findings first: the key numbers of the run's Osaka result (``tables/key_numbers.csv``,
   :mod:`footprint.pipeline.keypanel`) and three findings drawn from them, each pointing to its figure;
2. the figures, numbered, each with its title, caption, status, files and "cite as" line (PNGs
   embedded as data URIs, so that the page opens from disk, offline, even when copied alone);
3. the indicator table grouped by partnership, with full sources (web addresses as links);
4. a short glossary (gha, CLUM, Earths, overshoot day, JCM, the four statuses);
5. a colophon: date of the run, scenario, the parameters that differ from the notebook's defaults,
   package version and commit.

The page prints on A4 (print CSS: figures and key numbers are not split across pages).

The page has no code, no Python representations and no random identifiers: the same run
folder gives the same bytes, except the run's name and time in the header.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import nbformat
import pandas as pd

from footprint import __version__
from footprint import sdgs as S
from footprint.core.layout import NotebookLayout
from footprint.outputs.webfont import font_face_css
from footprint.pipeline.glossary import glossary, status_word, unit_word, word
from footprint.pipeline.keypanel import figure_numbers, panel_html
from footprint.pipeline.parameters import RUNNER_PARAMETERS, notebook_defaults
from footprint.pipeline.runs import git_commit

INDICATOR_TABLE = "sdg_indicators"
KEY_NUMBERS_TABLE = "key_numbers"
#: the city notebook whose figures a finding may point to (in the same run folder)
CITY_NOTEBOOK = "02_city_footprint"
#: titles of known report notebooks; other notebooks take their first heading (English) or their name
TITLES: dict[str, tuple[str, str]] = {
    "05_local_sdgs_brief": ("Local SDGs brief: Osaka City's footprint and its diverse bonds",
                            "ローカルSDGsブリーフ：大阪市のフットプリントと「多様なきずな」"),
}
_STAMP = re.compile(r"^(\d{8}T\d{6}Z)_(.*)$")
# web addresses inside free-text sources: lower-case host with a known top-level domain, optional path
_URL = re.compile(r"(?<![\w@/.-])((?:https?://)?(?:[a-z0-9-]+\.)+(?:jp|com|org|net|uk|vn|gov|eu|pub|mx|int|io|info|th|ph)"
                  r"(?:/[^\s;,()]*)?)")
_H1 = re.compile(r"^#\s+(.+)$", re.M)

STYLE = (
    "body{font-family:'IPAexGothic Embedded','DejaVu Sans','IPAexGothic','Noto Sans CJK JP',sans-serif;max-width:62em;margin:2em auto;"
    "padding:0 1em;color:#222;line-height:1.5}"
    "header{border-bottom:2px solid #2a6f4e;margin-bottom:1.5em}header dl{display:grid;grid-template-columns:max-content auto;"
    "gap:.2em 1em;font-size:.92em}header dt{font-weight:bold}header dd{margin:0}"
    "img{max-width:100%;border:1px solid #ddd}figure{margin:0 0 2.5em 0}section{margin-bottom:2em}figcaption{font-size:.95em}"
    ".status{display:inline-block;white-space:nowrap;padding:0 .5em;border-radius:.3em;background:#eee;font-size:.85em}"
    ".published{background:#d8ecd8}.derived{background:#dde6f3}.estimated{background:#fbe9c8}.illustrative{background:#f6d5d5}"
    "table{border-collapse:collapse;width:100%;font-size:.85em;margin-bottom:1.5em}"
    "th,td{border-bottom:1px solid #ddd;padding:.25em .4em;text-align:left;vertical-align:top}"
    "td.num{text-align:right;white-space:nowrap}td.ind{min-width:12em}td.src{font-size:.9em;min-width:16em}dl.gloss dt{font-weight:bold}dl.gloss dd{margin:0 0 .6em 1.5em}"
    "footer{border-top:1px solid #ccc;margin-top:2em;font-size:.85em}"
    ".keys{display:grid;grid-template-columns:repeat(auto-fill,minmax(13em,1fr));gap:.8em;margin:1em 0}"
    ".key{border:1px solid #cfe3d7;border-left:4px solid #2a6f4e;padding:.5em .7em;background:#f6fbf8}"
    ".key .label{font-size:.85em;color:#444}.key .value{font-size:1.6em;font-weight:bold;color:#1d4d36}"
    ".key .interval{font-size:.8em;color:#555}#findings li{margin-bottom:.6em}"
    "#colophon{border-top:1px solid #ccc;margin-top:2em;font-size:.88em}#colophon dl{display:grid;"
    "grid-template-columns:max-content auto;gap:.2em 1em}#colophon dt{font-weight:bold}#colophon dd{margin:0}"
    "@media print{body{max-width:none;margin:0;font-size:10pt}figure,.key,tr{break-inside:avoid}"
    "h2,h3{break-after:avoid}a{color:inherit;text-decoration:none}#key-numbers{break-after:avoid}}"
    "@page{size:A4;margin:16mm 14mm}"
)


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def page(title: str, body: str, lang: str) -> str:
    """A complete HTML page: no external resource (style inline, no script). The Japanese glyphs it
    uses are embedded as a font subset (:func:`footprint.outputs.webfont.font_face_css`), so that they
    show on a machine without a CJK font."""
    face = font_face_css(title + body)
    return (f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{face}{STYLE}</style></head>\n<body>\n{body}\n</body>\n</html>\n")


def run_context(run_dir: Path, context: Mapping | None = None) -> dict:
    """What a page header says about a run: name, start (UTC), scenario, package version, commit.

    Read from ``context`` (the manifest record, keys ``run``, ``started_utc``, ``scenario``,
    ``package``, ``git_commit``) where given, else from the run folder's name
    (``<UTC stamp>_<scenario>``), the installed package and git.
    """
    context = dict(context or {})
    run = context.get("run") or Path(run_dir).name
    started = context.get("started_utc")
    scenario = (context.get("scenario") or {}).get("name") if isinstance(context.get("scenario"), Mapping) \
        else context.get("scenario")
    m = _STAMP.match(run)
    if m and not started:
        started = _dt.datetime.strptime(m.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=_dt.timezone.utc).isoformat()
    if m and not scenario:
        scenario = m.group(2)
    version = (context.get("package") or {}).get("version") or __version__
    commit = context.get("git_commit") if "git_commit" in context else git_commit()
    return {"run": run, "started_utc": started, "scenario": scenario, "version": version, "commit": commit}


def format_date(iso: str | None, lang: str) -> str:
    if not iso:
        return word("unknown", lang)
    t = _dt.datetime.fromisoformat(iso).astimezone(_dt.timezone.utc)
    return t.strftime("%Y年%m月%d日 %H:%M UTC") if lang == "ja" else t.strftime("%Y-%m-%d %H:%M UTC")


def format_param(value: object) -> str:
    """A parameter value as a reader reads it (no quotes or brackets)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return ", ".join(format_param(v) for v in value) or "—"
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {format_param(v)}" for k, v in value.items()) or "—"
    if value == "":
        return "—"
    return str(value)


def changed_parameters(executed_notebook: Path, parameters: Mapping) -> dict[str, object]:
    """The run's parameters that differ from the notebook's defaults (runner-set ones left out); a
    file or folder given as an absolute path is shown by its name only (no page names the machine)."""
    try:
        defaults = notebook_defaults(executed_notebook)
    except Exception:  # an unreadable notebook: say nothing rather than something wrong
        defaults = {}
    return {k: (Path(v).name if k.endswith(("_file", "_dir")) and isinstance(v, str) and Path(v).is_absolute() else v)
            for k, v in sorted(parameters.items())
            if k not in RUNNER_PARAMETERS and (k not in defaults or defaults[k] != v)}


def context_rows(ctx: Mapping, lang: str, changed: Mapping | None) -> list[tuple[str, str]]:
    """The run's context as (label, value) rows: date, run, scenario (the runner's names ``default`` and
    ``adhoc`` said in words), the parameters that differ from the defaults (``lang`` apart: the page is
    in its language), version and commit."""
    scenario = ctx.get("scenario") or "unknown"
    scenario = word(f"scenario_{scenario}", lang) if scenario in ("default", "adhoc", "unknown") else scenario
    rows = [(word("run_date", lang), format_date(ctx.get("started_utc"), lang)),
            (word("run_id", lang), ctx.get("run") or word("unknown", lang)),
            (word("scenario", lang), scenario)]
    if changed is not None:
        shown = {k: v for k, v in changed.items() if k != "lang"}
        rows.append((word("parameters", lang),
                     "; ".join(f"{k} = {format_param(v)}" for k, v in shown.items()) or word("no_parameters", lang)))
    rows += [(word("version", lang), f"footprint {ctx.get('version')}"),
             (word("commit", lang), ctx.get("commit") or word("unknown", lang))]
    return rows


def header_html(title: str, ctx: Mapping, lang: str, changed: Mapping | None = None) -> str:
    """A page's title with the run's context under it (the run index)."""
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in context_rows(ctx, lang, changed))
    return f"<header><h1>{esc(title)}</h1><dl>{dl}</dl></header>"


def colophon_html(ctx: Mapping, lang: str, changed: Mapping | None, summary: str) -> str:
    """The run's context at the end of a brief: what made it (date, scenario, parameters, version)."""
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in context_rows(ctx, lang, changed))
    return (f'<section id="colophon"><h2>{esc(word("colophon", lang))}</h2><p>{esc(summary)}</p>'
            f'<dl class="colophon">{dl}</dl></section>')


def linked(text: str) -> str:
    """Escaped text with every web address turned into a link (``https://`` added when missing)."""
    out, last = [], 0
    for m in _URL.finditer(text):
        url = m.group(1).rstrip(".")
        out.append(esc(text[last:m.start(1)]))
        href = url if url.startswith(("http://", "https://")) else f"https://{url}"
        out.append(f'<a href="{esc(href)}">{esc(url)}</a>')
        last = m.start(1) + len(url)
    out.append(esc(text[last:]))
    return "".join(out)


def report_title(notebook: str, lang: str, executed_notebook: Path | None = None) -> str:
    if notebook in TITLES:
        return TITLES[notebook][1 if lang == "ja" else 0]
    if lang == "en" and executed_notebook is not None and executed_notebook.exists():
        nb = nbformat.read(executed_notebook, as_version=4)
        for c in nb.cells:
            m = _H1.search(c.source) if c.cell_type == "markdown" else None
            if m:
                return m.group(1).strip()
    return f"{word('brief_report', lang)}: {notebook}"


def notebook_order(figures: Sequence[Mapping], executed_notebook: Path) -> list[Mapping]:
    """``figures`` in the order the notebook makes them (first mention of each name in its code),
    names it never mentions last, by name."""
    text = ""
    if executed_notebook.exists():
        nb = nbformat.read(executed_notebook, as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    big = len(text) + 1

    def key(f: Mapping) -> tuple[int, str]:
        hits = [i for q in ('"', "'") if (i := text.find(f"{q}{f['name']}{q}")) >= 0]
        return (min(hits) if hits else big, f["name"])

    return sorted(figures, key=key)


def figure_html(fig: Mapping, folder: NotebookLayout, lang: str, number: int | None = None) -> str:
    png = folder.root / fig["files"]["png"] if "png" in fig.get("files", {}) else None
    img = ""
    if png is not None and png.exists():
        data = base64.b64encode(png.read_bytes()).decode("ascii")
        img = f'<img src="data:image/png;base64,{data}" alt="{esc(fig["title"])}">'
    files = " · ".join(f'<a href="{esc(v)}">{esc(k.upper())}</a>' for k, v in sorted(fig.get("files", {}).items()))
    status = fig.get("status", "")
    label = f'{esc(word("figure_n", lang, n=number))} ' if number else ""
    return (f'<figure id="fig-{esc(fig["name"])}"><h3>{label}{esc(fig["title"])}</h3>{img}<figcaption>'
            f'<p>{esc(fig.get("caption", ""))}</p>'
            f'<p><strong>{esc(word("status", lang))}:</strong> <span class="status {esc(status)}">'
            f'{esc(status_word(status, lang))}</span> · <strong>{esc(word("files", lang))}:</strong> {files}</p>'
            f'<p><strong>{esc(word("cite_as", lang))}:</strong> {esc(fig.get("citation", ""))}</p>'
            "</figcaption></figure>")


READER_TABLES = "tables_for_readers"


def reader_table(folder: Path, name: str) -> Path:
    """Where a brief's folder keeps the reader's copy of table ``name``: UTF-8 with BOM (Excel opens it
    in Japanese too), numbers rounded as in ``data/processed`` (:func:`footprint.pipeline.publish.reader_csv`)."""
    return Path(folder) / READER_TABLES / f"{name}.csv"


def _city_figures(folder: Path) -> dict[str, str]:
    """PNG figures of the run's city notebook beside ``folder``, by name, as links relative to ``folder``."""
    figures = Path(folder).parent / CITY_NOTEBOOK / "figures"
    return {p.stem: f"../{CITY_NOTEBOOK}/figures/{p.name}" for p in sorted(figures.glob("*.png"))}


def _names(lang: str) -> dict[str, str]:
    try:
        parts = S.load_partnerships()
    except Exception:  # names are a nicety: the ids stay readable
        return {}
    return dict(zip(parts["id"], parts["name_ja" if lang == "ja" else "name_en"], strict=True))


def indicator_html(table: pd.DataFrame, lang: str, csv_name: str) -> tuple[str, int, int]:
    """The indicator table grouped by partnership: (HTML, rows, partnerships)."""
    names = _names(lang)
    cols = ["col_sdg", "col_indicator", "col_value", "col_interval", "col_unit", "col_year", "col_status", "col_source"]
    if lang == "en" and "note" in table:
        cols.append("col_note")
    head = "".join(f"<th>{esc(word(c, lang))}</th>" for c in cols)
    label_col = "label_ja" if lang == "ja" and "label_ja" in table else ("label_en" if "label_en" in table else "indicator")
    parts = []
    for pid in dict.fromkeys(table["partnership"]):
        rows = []
        for r in table[table["partnership"] == pid].itertuples(index=False):
            r = r._asdict()
            unit = str(r.get("unit", ""))
            num = (lambda v: "" if pd.isna(v) else S.format_value(float(v), unit, lang))  # noqa: E731
            interval = "" if pd.isna(r.get("p05")) or pd.isna(r.get("p95")) else f"{num(r['p05'])}–{num(r['p95'])}"
            year = "" if pd.isna(r.get("year")) else f"{int(r['year'])}"
            cells = [esc(r.get("sdg", "")), esc(r.get(label_col, "")), f'{esc(num(r.get("value")))}',
                     esc(interval), esc(unit_word(unit, lang)), esc(year),
                     f'<span class="status {esc(r.get("status", ""))}">{esc(status_word(str(r.get("status", "")), lang))}</span>',
                     linked(str(r.get("source", "")))]
            if "col_note" in cols:
                cells.append(esc("" if pd.isna(r.get("note")) else r.get("note")))
            klass = ["", ' class="ind"', ' class="num"', ' class="num"', "", ' class="num"', "", ' class="src"', ""]
            rows.append("<tr>" + "".join(f"<td{k}>{c}</td>" for k, c in zip(klass, cells, strict=False)) + "</tr>")
        parts.append(f'<h3 id="p-{esc(pid)}">{esc(names.get(pid, pid))}</h3>'
                     f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    intro = f"<p>{esc(word('about_table', lang, csv=csv_name))}</p>"
    return intro + "".join(parts), len(table), len(parts)


def brief_html(folder: Path, notebook: str, figures: Sequence[Mapping], *, lang: str = "en",
               parameters: Mapping | None = None, context: Mapping | None = None,
               links: Sequence[tuple[str, str]] = ()) -> str:
    """The reader's brief of the notebook folder ``folder`` (see the module docstring).

    ``figures``: the folder's sidecar records (paths relative to ``folder``); ``parameters``: the
    run's parameters of this notebook; ``context``: :func:`run_context`; ``links``: (label, relative
    href) pairs for the footer (figure pack, manifest, run index).
    """
    layout = NotebookLayout(folder)
    executed = layout.executed_notebook(notebook)
    title = report_title(notebook, lang, executed)
    figures = notebook_order(figures, executed)
    changed = changed_parameters(executed, parameters or {}) if executed.exists() else dict(parameters or {})
    csv = layout.table(INDICATOR_TABLE)
    table = pd.read_csv(csv, encoding="utf-8-sig") if csv.exists() else None
    n_ind = len(table) if table is not None else 0
    n_part = table["partnership"].nunique() if table is not None and "partnership" in table else 0
    numbers = figure_numbers(figures)
    body = [f"<header><h1>{esc(title)}</h1></header>"]
    keys = layout.table(KEY_NUMBERS_TABLE)
    if keys.exists():  # findings first: the run's key numbers, then what they say
        elsewhere = {name: href for name, href in _city_figures(folder).items()}
        body.append(panel_html(pd.read_csv(keys, encoding="utf-8-sig"), lang, numbers, esc, elsewhere))
    body.append(f'<section id="figures"><h2>{esc(word("figures", lang))}</h2>'
                + "".join(figure_html(f, layout, lang, numbers.get(f["name"])) for f in figures) + "</section>")
    if table is not None and "partnership" in table:
        reader = reader_table(layout.root, INDICATOR_TABLE)  # the Excel-safe copy; the run keeps full precision
        rel = (reader if reader.exists() else csv).relative_to(layout.root).as_posix()
        tbl, _, _ = indicator_html(table, lang, rel)
        body.append(f'<section id="indicators"><h2>{esc(word("indicators", lang))}</h2>{tbl}</section>')
    gl = "".join(f"<dt>{esc(t)}</dt><dd>{esc(d)}</dd>" for t, d in glossary(lang))
    body.append(f'<section id="glossary"><h2>{esc(word("glossary", lang))}</h2><dl class="gloss">{gl}</dl></section>')
    if links:
        items = "".join(f'<li><a href="{esc(h)}">{esc(t)}</a></li>' for t, h in links)
        body.append(f'<footer><h2>{esc(word("links", lang))}</h2><ul>{items}</ul></footer>')
    summary = word("summary", lang, n_fig=len(figures), n_ind=n_ind, n_part=n_part)
    body.append(colophon_html(context or {}, lang, changed, summary))
    return page(title, "\n".join(body), lang)

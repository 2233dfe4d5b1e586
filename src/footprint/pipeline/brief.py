"""What leaves a run for people who never open a notebook: the run index, the reader's brief,
the executed notebook as HTML, and a figure pack.

* ``index.md`` and ``index.html`` at the run folder's root: the run (date, scenario, status, version,
  commit), links to every brief, figure pack, notebook page and the manifest, every notebook with its
  result (failed ones marked; none of their figures cited), then every figure with its caption,
  status, files and how to cite it (read from the JSON sidecars that
  :func:`footprint.outputs.export.save_figure` writes).
* ``<notebook>/<notebook>.html``: the reader's brief (:mod:`footprint.pipeline.report`).
* ``<notebook>/<notebook>.notebook.html``: the executed notebook as HTML without code cells.
* ``<notebook>/figure_pack.zip``: the notebook's figures (PNG, SVG, PDF), their sidecars and the
  index, with fixed timestamps so that the same run gives the same archive.

Every page is deterministic: the same run gives the same bytes except the run's name and time.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from footprint.core import atomic_path, write_text
from footprint.core.layout import NotebookLayout, RunLayout
from footprint.pipeline.glossary import status_word, word
from footprint.pipeline.briefpdf import write_brief_pdf
from footprint.pipeline.report import (
    brief_html,
    changed_parameters,
    context_rows,
    esc,
    header_html,
    notebook_order,
    page,
    reader_table,
    report_title,
    run_context,
)
from footprint.pipeline.publish import read_text_table, reader_csv


_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def iter_figures(run_dir: Path) -> Iterable[dict]:
    """Every figure sidecar (``<label>/figures/*.json``) of a run, sorted by notebook then name.

    Each record gains ``folder``: the notebook folder relative to ``run_dir``.
    """
    run_dir = Path(run_dir)
    for side in RunLayout(run_dir).sidecars():
        rec = json.loads(side.read_text(encoding="utf-8"))
        rec["folder"] = str(side.parent.parent.relative_to(run_dir))
        yield rec


def index_markdown(figures: list[dict], title: str) -> str:
    lines = [f"# {title}", "", f"{len(figures)} figures. Cite a figure by its citation line; every file carries the same",
             "metadata (title, source, parameters, package version, data edition).", ""]
    for f in figures:
        files = ", ".join(f"[{k.upper()}]({f['folder']}/{v})" for k, v in sorted(f["files"].items()))
        lines += [
            f"## {f['title']}",
            "",
            f"![{f['name']}]({f['folder']}/{f['files'].get('png', '')})",
            "",
            f"- **Caption:** {f['caption']}",
            f"- **Status:** {f['status']}",
            f"- **Notebook:** `{f.get('notebook') or f['folder']}`, figure `{f['name']}`",
            f"- **Files:** {files}",
            f"- **Cite as:** {f['citation']}",
            "",
        ]
    return "\n".join(lines)


def index_html(figures: list[dict], title: str, lang: str = "en") -> str:
    """A page listing ``figures`` (a notebook folder's index, also inside its figure pack)."""
    body = f"<h1>{esc(title)}</h1><p>{esc(word('figure_count', lang, n=len(figures)))}</p>\n" + figure_sections(figures, lang)
    return page(title, body, lang)


def figure_sections(figures: list[dict], lang: str = "en") -> str:
    """One ``<section>`` per figure: image, caption, status, notebook, files, citation (links relative)."""
    rows = []
    for f in figures:
        files = " · ".join(f'<a href="{esc(f["folder"])}/{esc(v)}">{esc(k.upper())}</a>' for k, v in sorted(f["files"].items()))
        png = f'{f["folder"]}/{f["files"].get("png", "")}'
        rows.append(
            f'<section><h2>{esc(f["title"])}</h2><a href="{esc(png)}"><img src="{esc(png)}" alt="{esc(f["title"])}"></a>'
            f'<p>{esc(f["caption"])}</p><dl><dt>{esc(word("status", lang))}</dt>'
            f'<dd><span class="status {esc(f["status"])}">{esc(status_word(f["status"], lang))}</span></dd>'
            f'<dt>{esc(word("notebook_col", lang))}</dt><dd>{esc(f.get("notebook") or f["folder"])} · {esc(f["name"])}</dd>'
            f"<dt>{esc(word('files', lang))}</dt><dd>{files}</dd>"
            f"<dt>{esc(word('cite_as', lang))}</dt><dd>{esc(f['citation'])}</dd></dl></section>"
        )
    return "\n".join(rows)


def write_index(run_dir: Path, figures: list[dict] | None = None, title: str | None = None,
                lang: str = "en") -> dict[str, Path]:
    """Write ``index.md`` and ``index.html`` into ``run_dir`` listing ``figures`` (default: every
    figure sidecar of the folder; links are relative to ``run_dir``)."""
    run_dir = Path(run_dir)
    figs = list(iter_figures(run_dir)) if figures is None else figures
    title = title or f"Figures of run {run_dir.name}"
    folder = NotebookLayout(run_dir)  # a run folder and a notebook folder name their index alike
    return {
        "md": write_text(index_markdown(figs, title), folder.index_md),
        "html": write_text(index_html(figs, title, lang), folder.index_html),
    }


_CELL_ID = re.compile(r'id="cell-id=[^"]*"')
_STYLER_ID = re.compile(r"\bT_[0-9a-f]{5}(?=[_\s\"#{.])")


def normalise_html(text: str) -> str:
    """Replace the random identifiers of an nbconvert page by sequential ones (cell ids that papermill
    draws for its injected cell, pandas Styler uuids), so that the same notebook gives the same bytes."""
    cells = iter(range(1_000_000))
    text = _CELL_ID.sub(lambda m: f'id="cell-{next(cells)}"', text)
    seen: dict[str, str] = {}
    return _STYLER_ID.sub(lambda m: seen.setdefault(m.group(0), f"T_styler{len(seen)}"), text)


@lru_cache(maxsize=1)
def _html_exporter() -> HTMLExporter:
    """One exporter for a run's pages: its templates are compiled once (0.1 s a page otherwise).
    The classic template writes each image's alternative text (the lab template drops it)."""
    return HTMLExporter(template_name="classic", exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True)


def notebook_page(executed_notebook: Path, target: Path) -> Path:
    """``target``, the executed notebook's page: the one its worker wrote (or the cache restored with
    the notebook), else exported now."""
    return target if target.is_file() else export_html(executed_notebook, target)


def export_html(executed_notebook: Path, target: Path | None = None) -> Path:
    """The executed notebook as a standalone HTML page without code cells or prompts (deterministic)."""
    nb = nbformat.read(executed_notebook, as_version=4)
    body, _ = _html_exporter().from_notebook_node(nb)
    target = target or notebook_html(Path(executed_notebook).parent, Path(executed_notebook).stem)
    return write_text(normalise_html(body), target)


def notebook_html(folder: Path, notebook: str) -> Path:
    """Where the executed notebook's HTML goes: ``<folder>/<notebook>.notebook.html`` (the reader's
    brief takes ``<notebook>.html``)."""
    return NotebookLayout(Path(folder)).notebook_page(notebook)


def figure_pack(folder: Path, target: Path | None = None) -> Path:
    """Zip a notebook folder's figures and sidecars, deterministically (sorted, fixed dates)."""
    folder = Path(folder)
    layout = NotebookLayout(folder)
    target = target or layout.figure_pack
    files = sorted(p for p in layout.figures.iterdir() if p.is_file())
    extra = [p for p in (layout.index_md, layout.index_html) if p.exists()]
    with atomic_path(target) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for p in [*extra, *files]:
                info = zipfile.ZipInfo(p.relative_to(folder).as_posix(), date_time=_ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, p.read_bytes())
    return target


def _lang(params: dict | None) -> str:
    lang = (params or {}).get("lang", "en")
    return lang if lang in ("en", "ja") else "en"


def _rel(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()


def run_index_html(run_dir: Path, results: list[dict], figures: list[dict], ctx: dict,
                   outputs: dict[str, dict[str, str]], lang: str = "en") -> str:
    """The run's front page: documents (briefs, figure packs, manifest), every notebook with its
    result and outputs (failed ones marked, none of their figures cited), then the figures."""
    layout = RunLayout(run_dir)
    title = word("index_title", lang, run=ctx["run"])
    failed = [r for r in results if r["status"] != "ok"]
    head = header_html(title, ctx, lang)
    status = word("failed" if failed else "ok", lang)
    head = head.replace("</dl></header>", f"<dt>{esc(word('run_status', lang))}</dt><dd>{esc(status)}</dd></dl></header>")
    docs = []
    for label, outs in outputs.items():
        for key in ("brief", "brief_pdf", "figure_pack", "notebook_html"):
            if key in outs:
                docs.append((f"{word(_DOC_WORDS[key], lang)} — {label}", outs[key]))
    docs.append((word("manifest", lang), _rel(layout.manifest, run_dir)))
    links = "".join(f'<li><a href="{esc(h)}">{esc(t)}</a></li>' for t, h in docs)
    counts = {}
    for f in figures:
        counts[f["folder"]] = counts.get(f["folder"], 0) + 1
    rows = []
    for r in results:
        ok = r["status"] == "ok"
        result = word("ok", lang) if ok else f"{word('failed', lang)}: {r.get('error') or ''}"
        outs = outputs.get(r["label"], {})
        cell = " · ".join(f'<a href="{esc(outs[k])}">{esc(word(_DOC_WORDS[k], lang))}</a>'
                          for k in ("brief", "brief_pdf", "notebook_html", "figure_pack") if k in outs)
        rows.append(f'<tr class="{"ok" if ok else "failed"}"><td>{esc(r["label"])}</td><td>{esc(result)}</td>'
                    f'<td class="num">{counts.get(r["label"], 0) if ok else "—"}</td><td>{cell}</td></tr>')
    cols = "".join(f"<th>{esc(word(c, lang))}</th>" for c in ("col_notebook", "col_result", "col_figures", "col_outputs"))
    body = [head, f'<section id="documents"><h2>{esc(word("links", lang))}</h2><ul>{links}</ul></section>',
            f'<section id="notebooks"><h2>{esc(word("notebooks", lang))}</h2><table><thead><tr>{cols}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>'
            + (f'<p class="failed">{esc(word("failed_note", lang))}</p>' if failed else "") + "</section>",
            f'<h2 id="figures">{esc(word("figures", lang))}</h2><p>{esc(word("figure_count", lang, n=len(figures)))}</p>',
            figure_sections(figures, lang)]
    return page(title, "\n".join(body), lang)


_DOC_WORDS = {"brief": "brief_report", "brief_pdf": "brief_pdf", "figure_pack": "figure_pack",
              "notebook_html": "notebook_html"}


def _reader_tables(folder: NotebookLayout) -> None:
    """The reader's copies of a brief's tables (the same bytes as the published ones), beside its page."""
    if not folder.tables.is_dir():
        return
    for p in sorted(folder.tables.glob("*.csv")):
        target = reader_table(folder.root, p.stem)
        target.parent.mkdir(exist_ok=True)
        with atomic_path(target) as tmp:
            Path(tmp).write_bytes(reader_csv(read_text_table(p)))


def _brief_pdf(folder: Path, r: dict, figures: list[dict], lang: str, ctx: dict) -> Path:
    """The brief of a report notebook as a PDF, beside its HTML page (:mod:`footprint.pipeline.briefpdf`)."""
    executed = NotebookLayout(folder).executed_notebook(r["notebook"])
    figures = notebook_order([dict(f, folder=".") for f in figures], executed)
    changed = changed_parameters(executed, r.get("parameters") or {}) if executed.exists() else None
    return write_brief_pdf(folder, r["notebook"], figures, title=report_title(r["notebook"], lang, executed),
                           lang=lang, colophon=context_rows(ctx, lang, changed), started_utc=ctx.get("started_utc"))


def finalize_run(run_dir: Path, results: list[dict], reports: Iterable[str] = (),
                 context: dict | None = None) -> dict[str, str]:
    """After a run: every successful notebook's HTML (without code); for each notebook in ``reports``
    also the reader's brief, the folder's figure index and figure pack; then the run index
    (``index.md``, ``index.html``), which links them all and the manifest.

    ``context``: the manifest record so far (run name, start, scenario, version, commit); without it
    these are read from the run folder's name, the package and git. Figures of failed notebooks are
    left out of every index and brief.
    """
    run_dir = Path(run_dir)
    ctx = run_context(run_dir, context)
    ok = {r["label"] for r in results if r["status"] == "ok"}
    figs = [f for f in iter_figures(run_dir) if f["folder"] in ok]  # the sidecars are read once
    figs = [f for r in results if r["label"] in ok  # in run order, each notebook's in the order it makes them
            for f in notebook_order([g for g in figs if g["folder"] == r["label"]], run_dir / r["executed_notebook"])]
    wanted = set(reports)
    docs: dict[str, dict[str, str]] = {}
    out: dict[str, str] = {}
    for r in results:
        if r["status"] != "ok":
            continue
        folder = RunLayout(run_dir).notebook(r["label"])
        if r["notebook"] not in wanted:  # every notebook's page, without code, is linked from the index
            nb_html = notebook_page(run_dir / r["executed_notebook"], notebook_html(folder.root, r["notebook"]))
            docs[r["label"]] = {"notebook_html": _rel(nb_html, run_dir)}
            continue
        own = [dict(f, folder=".") for f in figs if f["folder"] == r["label"]]
        lang = _lang(r.get("parameters"))
        nb_html = notebook_page(run_dir / r["executed_notebook"], notebook_html(folder.root, r["notebook"]))
        write_index(folder.root, own, f"{r['notebook']}: {word('figures', lang)}", lang)
        pack = figure_pack(folder.root)
        links = [(word("figure_pack", lang), _rel(pack, folder.root)),
                 (word("notebook_html", lang), _rel(nb_html, folder.root)),
                 (word("manifest", lang), _rel(RunLayout(run_dir).manifest, folder.root)),
                 (word("run_index", lang), _rel(RunLayout(run_dir).index_html, folder.root))]
        _reader_tables(folder)
        pdf = _brief_pdf(folder.root, r, own, lang, ctx)
        links.insert(0, (word("brief_pdf", lang), _rel(pdf, folder.root)))
        brief = write_text(brief_html(folder.root, r["notebook"], [dict(f, folder=".") for f in own], lang=lang,
                                      parameters=r.get("parameters"), context=ctx, links=links),
                           folder.report_html(r["notebook"]))
        docs[r["label"]] = {"brief": _rel(brief, run_dir), "brief_pdf": _rel(pdf, run_dir),
                            "figure_pack": _rel(pack, run_dir), "notebook_html": _rel(nb_html, run_dir)}
        out[r["label"]] = _rel(folder.root, run_dir)
    index_lang = "ja" if results and all(_lang(r.get("parameters")) == "ja" for r in results) else "en"
    layout = RunLayout(run_dir)
    md = write_text(index_markdown(figs, f"Figures of run {run_dir.name}"), layout.index_md)
    page_ = write_text(run_index_html(run_dir, results, figs, ctx, docs, index_lang), layout.index_html)
    return {"md": _rel(md, run_dir), "html": _rel(page_, run_dir), **out}

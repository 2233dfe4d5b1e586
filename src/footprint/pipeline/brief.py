"""What leaves a run for people who never open a notebook: an index of every figure, HTML
reports without code cells, and a figure pack.

* ``index.md`` and ``index.html`` at the run folder's root list every figure of the run with its
  caption, status, files and how to cite it (read from the JSON sidecars that
  :func:`footprint.outputs.export.save_figure` writes).
* ``<notebook>/<notebook>.html``: the executed notebook as HTML without code cells (for the brief).
* ``<notebook>/figure_pack.zip``: the notebook's figures (PNG, SVG, PDF), their sidecars and the
  index, with fixed timestamps so that the same run gives the same archive.
"""

from __future__ import annotations

import html
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from footprint.core import atomic_path, write_text
from footprint.core.layout import NotebookLayout, RunLayout

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


def index_html(figures: list[dict], title: str) -> str:
    e = html.escape
    rows = []
    for f in figures:
        files = " · ".join(f'<a href="{e(f["folder"])}/{e(v)}">{e(k.upper())}</a>' for k, v in sorted(f["files"].items()))
        png = f'{f["folder"]}/{f["files"].get("png", "")}'
        rows.append(
            f'<section><h2>{e(f["title"])}</h2><a href="{e(png)}"><img src="{e(png)}" alt="{e(f["name"])}"></a>'
            f'<p class="cap">{e(f["caption"])}</p><dl><dt>Status</dt><dd>{e(f["status"])}</dd>'
            f'<dt>Notebook</dt><dd><code>{e(f.get("notebook") or f["folder"])}</code> · <code>{e(f["name"])}</code></dd>'
            f"<dt>Files</dt><dd>{files}</dd><dt>Cite as</dt><dd>{e(f['citation'])}</dd></dl></section>"
        )
    style = (
        "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
        "img{max-width:100%;border:1px solid #ddd}section{margin-bottom:2.5em}.cap{font-size:.95em}"
        "dt{font-weight:bold;float:left;width:7em}dd{margin-left:7.5em}"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>'
        f"<style>{style}</style></head><body><h1>{e(title)}</h1><p>{len(figures)} figures.</p>\n"
        + "\n".join(rows)
        + "\n</body></html>\n"
    )


def write_index(run_dir: Path, figures: list[dict] | None = None, title: str | None = None) -> dict[str, Path]:
    """Write ``index.md`` and ``index.html`` into ``run_dir`` listing ``figures`` (default: every
    figure sidecar of the run; links are relative to ``run_dir``)."""
    run_dir = Path(run_dir)
    figs = list(iter_figures(run_dir)) if figures is None else figures
    title = title or f"Figures of run {run_dir.name}"
    folder = NotebookLayout(run_dir)  # a run folder and a notebook folder name their index alike
    return {
        "md": write_text(index_markdown(figs, title), folder.index_md),
        "html": write_text(index_html(figs, title), folder.index_html),
    }


def export_html(executed_notebook: Path, target: Path | None = None) -> Path:
    """The executed notebook as a standalone HTML report without code cells or prompts."""
    nb = nbformat.read(executed_notebook, as_version=4)
    # the classic template writes each image's alternative text (the lab template drops it)
    exporter = HTMLExporter(template_name="classic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    target = target or Path(executed_notebook).with_suffix(".html")
    return write_text(body, target)


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


def finalize_run(run_dir: Path, results: list[dict], reports: Iterable[str] = ()) -> dict[str, str]:
    """After a run: the run index; for each notebook in ``reports`` its HTML, index and figure pack."""
    run_dir = Path(run_dir)
    figs = list(iter_figures(run_dir))  # the sidecars are read once for every index
    out = {k: str(v.relative_to(run_dir)) for k, v in write_index(run_dir, figs).items()}
    wanted = set(reports)
    for r in results:
        if r["status"] != "ok" or r["notebook"] not in wanted:
            continue
        folder = RunLayout(run_dir).notebook(r["label"])
        export_html(run_dir / r["executed_notebook"], folder.report_html(r["notebook"]))
        own = [dict(f, folder=".") for f in figs if f["folder"] == r["label"]]
        write_index(folder.root, own, f"{r['notebook']}: figures")
        figure_pack(folder.root)
        out[r["label"]] = str(folder.root.relative_to(run_dir))
    return out

"""Small notebooks for runner and cache tests (a parameters cell and one code cell)."""

from __future__ import annotations

import nbformat


def tiny_notebook(path, body="x = 1", params="lang = 'en'\noutput_dir = ''"):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    p = nbformat.v4.new_code_cell(params)
    p.metadata["tags"] = ["parameters"]
    nb.cells = [p, nbformat.v4.new_code_cell(body)]
    nbformat.write(nb, path)
    return path

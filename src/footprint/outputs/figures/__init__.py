"""Figure functions: a topic's :class:`~footprint.core.results.Result` and a language in, a
:class:`~footprint.outputs.export.Figure` out (the chart drawn by :mod:`footprint.outputs.plots`,
its title and caption from the catalog, :mod:`footprint.outputs.catalog`). Notebooks keep the
narrative and call ``out.figure(national.footprint_vs_biocapacity(r, lang))``.
"""

"""Chart functions, one module per topic. Each takes tidy tables and returns a matplotlib Figure;
saving (with caption, credit and metadata) is :func:`footprint.outputs.export.save_figure`'s job."""

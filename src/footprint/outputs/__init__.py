"""Outputs: figure style and export, maps, plots per topic, the notebook helper, labels in English and Japanese."""

"""footprint: Osaka's ecological footprint, interregional flows, forest tax and local SDGs.

The science lives in this package (pure functions over tidy tables); the notebooks in
``notebooks/`` tell the story and are executed with papermill by :mod:`footprint.pipeline.runner`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("footprint")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

from footprint.core.errors import DataFileError, FootprintError, ParameterError  # noqa: E402

__all__ = ["__version__", "DataFileError", "FootprintError", "ParameterError"]

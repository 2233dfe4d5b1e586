"""Users' files named by ``*_file`` parameters, checked before a kernel starts.

First their shape (a file of plausible size, text in UTF-8 or cp932, as many fields in every row as
in the header), then the topic packages' own readers, which check columns, values, names against
the known lists and plausibility (a CLUM about 1,000x too large, land use larger than the city).
Each problem is one :class:`~footprint.core.errors.DataFileError` naming the file as the user gave
it; a message quotes at most a short excerpt of the file (:func:`excerpt`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

from footprint import city as C
from footprint import flows as FL
from footprint import forest as F
from footprint.core import paths
from footprint.core.errors import DataFileError, FootprintError, ParameterError
from footprint.core.io import ENCODINGS

#: user files larger than this are refused before they are read (a wrong file, most often)
MAX_FILE_BYTES = 50_000_000
#: longest excerpt of a user's value or file quoted in a message
EXCERPT = 60


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """``value`` as text, at most about ``limit`` characters (its start and end), on one line."""
    s = " ".join(str(value).split())
    if len(s) <= limit:
        return s
    half = (limit - 3) // 2
    return f"{s[:half]} … {s[-half:]}"


@lru_cache(maxsize=1)
def forest_inputs() -> F.ForestInputs:
    return F.load_inputs()


@lru_cache(maxsize=1)
def flows_seed() -> FL.Seed:
    return FL.load_seed()


def _decode(raw: bytes) -> str | None:
    for enc in ENCODINGS:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def file_shape(value: str) -> Path:
    """The resolved path of a user's CSV file after checks of its shape; :class:`DataFileError` if wrong.

    Checked: it is a file (not a folder) of plausible size, text (no NUL bytes) in UTF-8 or cp932,
    and every row has as many fields as the header (a ragged row is named by its line).
    """
    p = paths.resolve(value)
    if not p.exists():
        raise DataFileError(value, "an existing CSV file (relative paths are taken from the project folder)",
                            "a path that does not exist")
    if not p.is_file():
        raise DataFileError(value, "a CSV file", "a folder" if p.is_dir() else "not a regular file")
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataFileError(value, f"a CSV table under {MAX_FILE_BYTES // 1_000_000} MB", f"{size:,} bytes",
                            hint="the wrong file?")
    raw = p.read_bytes()
    if not raw.strip():
        raise DataFileError(value, "a CSV table with a header row", "an empty file")
    if b"\x00" in raw:
        raise DataFileError(value, "a text CSV file", "binary content (NUL bytes)",
                            hint="UTF-16 text or not a CSV table? save it as CSV UTF-8")
    text = _decode(raw)
    if text is None:
        raise DataFileError(value, "text encoded as UTF-8 or cp932 (Shift_JIS)", "bytes in neither encoding",
                            hint="save it as CSV UTF-8")
    # newline="": rows end at \n, \r\n or a lone \r (old Mac and some Excel exports), quoted newlines kept
    rows = csv.reader(io.StringIO(text, newline=""))
    line = 1
    try:
        header = next(rows, [])
        for line, row in enumerate(rows, start=2):
            if row and len(row) != len(header):
                raise DataFileError(value, f"{len(header)} fields as in the header", f"{len(row)} fields", row=line,
                                    hint="a stray or missing comma? quote texts that contain commas")
    except csv.Error as e:
        raise DataFileError(value, "a well-formed CSV table", excerpt(str(e)), row=line + 1 if line > 1 else None,
                            hint="an unclosed quote?") from None
    return p


def _forest_area_check(df, value: str) -> None:
    """Planted forest larger than its municipality: a unit error (m² or a. as ha?)."""
    munis = forest_inputs().municipalities.set_index("code5")["area_ha"]
    area = munis.reindex(df["code5"]).to_numpy(dtype=float)
    planted = df["planted_forest_area_ha"].to_numpy(dtype=float)
    too_big = planted > area * 1.0001
    if too_big.any():
        i = int(too_big.argmax())
        ratio = planted[i] / area[i] if area[i] > 0 else float("inf")
        raise DataFileError(value, f"planted_forest_area_ha at most the municipality's area ({area[i]:,.0f} ha)",
                            f"{planted[i]:,.6g}", row=i + 2,
                            hint="m² instead of ha? 1 ha = 10,000 m²" if ratio > 1_000 else "ha of forest land only")


def read_clum(value, params):
    C.read_clum(value)


def read_land_use(value, params):
    """A land-use file must cover the run's city (Osaka where the notebook has no ``city``): without its rows
    the city's biocapacity would silently be zero."""
    inputs = C.default_inputs()
    lu = C.read_land_use(value, user=True)
    C.check_land_use_cities(lu, inputs.cities, value)
    given = params.get("city", "Osaka")
    try:
        city = C.resolve_city(inputs, f"{given:02d}" if isinstance(given, int) and not isinstance(given, bool) else given)
    except (ParameterError, TypeError):
        return  # the city's own rule names what is wrong with it
    if city not in set(lu["city"]):
        have = sorted(set(lu["city"]))
        raise DataFileError(value, f"rows for {city} (the run's city)",
                            f"rows for {', '.join(have[:5])}{' …' if len(have) > 5 else ''} only",
                            hint="add the city's land use, or leave land_use_file empty for the shipped estimate")


def read_workers(value, params):
    F.load_forestry_workers(value, forest_inputs().municipalities)


def read_planted(value, params):
    df = F.load_planted_forest(value, forest_inputs().municipalities)
    _forest_area_check(df, value)


def extra_nodes(params):
    name = params.get("extra_nodes_file") or ""
    return FL.read_nodes_file(name) if name else None


def read_extra_nodes(value, params):
    seed = flows_seed()
    extra = FL.read_nodes_file(value)
    again = extra["id"].isin(set(seed.nodes["id"])).to_numpy()
    if again.any():  # named at its line of the user's file (the combined table would count the seed's rows)
        i = int(again.argmax())
        raise DataFileError(value, f"new node ids (not already in data/raw/{FL.NODES_FILE})",
                            f"{excerpt(extra['id'].iloc[i])!r}, already a node", row=i + 2,
                            hint="use the existing id in extra_flows_file, or choose a new one")
    FL.add_user_tables(seed.nodes, seed.flows, seed.units, extra_nodes_file=value)


def read_extra_flows(value, params):
    seed = flows_seed()
    nodes_file = params.get("extra_nodes_file") or ""
    if nodes_file:  # the flows may use the new nodes; problems of the nodes file are reported for it
        try:
            file_shape(nodes_file)
            nodes, _, _ = FL.add_user_tables(seed.nodes, seed.flows, seed.units, extra_nodes_file=nodes_file)
        except FootprintError:
            nodes = seed.nodes
    else:
        nodes = seed.nodes
    FL.add_user_tables(nodes, seed.flows, seed.units, extra_flows_file=value)


def user_file(reader: Callable[[str, Mapping], None]) -> Callable[[object, Mapping], str | None]:
    """A path to a user's CSV (empty: not used), checked for shape then read by ``reader``."""
    def check(v, params):
        if not isinstance(v, str):
            return f"expected a path (text), found {excerpt(repr(v))}"
        if not v:
            return None
        try:
            file_shape(v)
            reader(v, params)
        except DataFileError as e:
            return str(DataFileError(v, e.expected, excerpt(e.found, 2 * EXCERPT), row=e.row, key=e.key,
                                     hint=excerpt(e.hint, 120) if e.hint else None))
        except ParameterError as e:
            return f"{v}: {excerpt(str(e), 200)}"
        return None
    return check

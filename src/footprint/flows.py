"""Interregional flows of resources, funds and people between Osaka and its partner regions.

The data model is two tidy tables:

* **nodes**: ``id, name_ja, name_en, kind, iso3, muni_code, lat, lon, source, status[, note]``;
  ``kind`` is one of :data:`KINDS`.
* **flows**: ``source_id, target_id, layer, item, quantity, unit, year, source, status[, note]``;
  ``layer`` is one of :data:`LAYERS`; ``item`` is ``"category"`` or ``"category/detail"`` (metrics
  count categories); ``quantity`` may be empty where a link is documented but its size is not
  (it then counts as a bond but adds nothing to any sum). ``source`` is the citation, so the two
  endpoints are called ``source_id`` and ``target_id``.

:func:`build_graph` loads them into a ``networkx.MultiDiGraph`` (one edge per flow, keyed by its
row position) and :func:`graph_to_tables` writes the graph back without loss.

Common currencies (:func:`conversion_table`, :func:`convert`) add the columns ``ef_gha``,
``co2_t``, ``amount_jpy`` and ``persons`` to every flow whose unit (and item) has a factor; a
flow without one keeps its quantity and unit and gets empty currency columns: nothing is
dropped. Carbon dioxide is turned into carbon-uptake land with the NFA method,
``gha/t CO2 = (12/44) · (1 − S_ocean) / AFCS · EQF_forest``, and wood into forest land,
``gha/m3 = YF_forest · EQF_forest / increment``.

Metrics: :func:`bond_metrics` (per partner of the hub: layers, items, Shannon diversity,
reciprocity by layer, strength), :func:`partner_balance` (net balance per layer),
:func:`node_balance` (inflow − outflow − stock change per node), :func:`centrality` and
:func:`cycles` (circular flows). Every aggregate counts each flow exactly once.

Loaders (:func:`load_seed`, :func:`read_flows_file`, ...) are separate from the maths, which
takes tables and returns new tables.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from footprint.core import STATUSES, Column, check_unique, read_csv_text, read_raw_csv, suggest, validate, weakest_status
from footprint.core.errors import DataFileError, ParameterError

LAYERS: tuple[str, ...] = ("resource", "fund", "people")
KINDS: tuple[str, ...] = ("city", "municipality", "prefecture", "region", "country", "organisation", "project")
CURRENCIES: tuple[str, ...] = ("ef_gha", "co2_t", "amount_jpy", "persons")
#: the nodes that stand for Osaka in the per-partner metrics
HUB: tuple[str, ...] = ("osaka_city", "osaka_pref")
YEARS: tuple[int, int] = (1950, 2100)
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}  # published < derived < estimated < illustrative

NODES_FILE = "flows/nodes.csv"
FLOWS_FILE = "flows/flows.csv"
UNITS_FILE = "flows/units.csv"
PARAMETERS_FILE = "flows/conversion_parameters.csv"

NODE_COLUMNS = ("id", "name_ja", "name_en", "kind", "iso3", "muni_code", "lat", "lon", "source", "status", "note")
FLOW_COLUMNS = ("source_id", "target_id", "layer", "item", "quantity", "unit", "year", "source", "status", "note")
SERIES_KEY = ("source_id", "target_id", "layer", "item", "unit")
DUPLICATE_KEY = ("source_id", "target_id", "layer", "item", "year")

NODE_SCHEMA = (
    Column("id", "str"),
    Column("name_ja", "str"),
    Column("name_en", "str"),
    Column("kind", "str", choices=KINDS),
    Column("iso3", "str", allow_na=True),
    Column("muni_code", "str", allow_na=True),
    Column("lat", "float", min=-90, max=90, allow_na=True),
    Column("lon", "float", min=-180, max=180, allow_na=True),
    Column("source", "str"),
    Column("status", "str", choices=STATUSES),
    Column("note", "str", required=False, allow_na=True),
)


def flow_schema(years: tuple[int, int] = YEARS) -> tuple[Column, ...]:
    """Columns of a flows table; ``years`` bounds the ``year`` column (inclusive)."""
    return (
        Column("source_id", "str"),
        Column("target_id", "str"),
        Column("layer", "str", choices=LAYERS),
        Column("item", "str"),
        Column("quantity", "float", min=0, allow_na=True),
        Column("unit", "str"),
        Column("year", "int", min=years[0], max=years[1]),
        Column("source", "str"),
        Column("status", "str", choices=STATUSES),
        Column("note", "str", required=False, allow_na=True),
    )


UNIT_SCHEMA = (
    Column("unit", "str"),
    Column("currency", "str", allow_na=True, choices=CURRENCIES),
    Column("factor", "float", min=0, allow_na=True),
    Column("source", "str", allow_na=True),
    Column("status", "str", choices=STATUSES),
    Column("note", "str", required=False, allow_na=True),
)
PARAMETER_SCHEMA = (
    Column("key", "str"),
    Column("value", "float"),
    Column("unit", "str"),
    Column("source", "str"),
    Column("status", "str", choices=STATUSES),
    Column("note", "str", required=False, allow_na=True),
)


# --------------------------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------------------------


def _order(df: pd.DataFrame, first: Sequence[str]) -> pd.DataFrame:
    cols = [c for c in first if c in df.columns] + [c for c in df.columns if c not in first]
    return df[cols]


def validate_nodes(nodes: pd.DataFrame, file: str | os.PathLike[str] = "nodes") -> pd.DataFrame:
    """Check a nodes table (schema, one row per id); return it with typed columns."""
    out = validate(nodes, NODE_SCHEMA, file)
    check_unique(out, ["id"], file)
    return _order(out.reset_index(drop=True), NODE_COLUMNS)


def validate_units(units: pd.DataFrame, file: str | os.PathLike[str] = "units") -> pd.DataFrame:
    """Check the unit registry: each unit once; a currency needs a factor and a source."""
    out = validate(units, UNIT_SCHEMA, file)
    check_unique(out, ["unit"], file)
    bad = (out["currency"].notna() & (out["factor"].isna() | out["source"].isna())).to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise DataFileError(file, "a factor and a source for a unit with a currency", "an empty cell", row=i + 2)
    return out.reset_index(drop=True)


def _unknown(values: pd.Series, valid: Iterable[str], file, what: str, column: str) -> None:
    valid = list(valid)
    bad = (~values.isin(valid)).to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        name = str(values.iloc[i])
        close = suggest(name, valid)
        raise DataFileError(
            file, f"{what} in column {column!r}", f"unknown {name!r}", row=i + 2,
            hint=f"close matches: {close}" if close else f"known: {sorted(valid)[:12]}",
        )


def validate_flows(
    flows: pd.DataFrame,
    nodes: pd.DataFrame,
    units: pd.DataFrame,
    file: str | os.PathLike[str] = "flows",
    *,
    years: tuple[int, int] = YEARS,
) -> pd.DataFrame:
    """Check a flows table against the nodes and the unit registry.

    One clear error (:class:`DataFileError`, naming the file and the 1-based line) for: missing
    columns, a layer or status not allowed, a negative or non-numeric quantity, a year outside
    ``years``, an unknown node or unit (with close matches), a flow from a node to itself, and
    a duplicate ``(source_id, target_id, layer, item, year)``.
    """
    out = validate(flows, flow_schema(years), file)
    _unknown(out["source_id"], nodes["id"], file, "a node id listed in the nodes table", "source_id")
    _unknown(out["target_id"], nodes["id"], file, "a node id listed in the nodes table", "target_id")
    _unknown(out["unit"], units["unit"], file, "a unit listed in the unit table", "unit")
    loop = (out["source_id"] == out["target_id"]).to_numpy()
    if loop.any():
        i = int(np.flatnonzero(loop)[0])
        raise DataFileError(file, "different source_id and target_id", f"a flow from {out['source_id'].iloc[i]!r} to itself", row=i + 2)
    dup = out.duplicated(list(DUPLICATE_KEY)).to_numpy()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        first = int(np.flatnonzero((out[list(DUPLICATE_KEY)] == out[list(DUPLICATE_KEY)].iloc[i]).all(axis=1).to_numpy())[0])
        found = ", ".join(f"{k}={out[k].iloc[i]!r}" for k in DUPLICATE_KEY)
        raise DataFileError(file, "one row per (source_id, target_id, layer, item, year)", f"a duplicate of row {first + 2} ({found})", row=i + 2)
    return _order(out.reset_index(drop=True), FLOW_COLUMNS)


def combine(base: pd.DataFrame, extra: pd.DataFrame, file: str | os.PathLike[str] = "extra flows", *,
            duplicates: str = "error") -> pd.DataFrame:
    """Append validated ``extra`` rows to ``base``.

    A row of ``extra`` with the same ``(source_id, target_id, layer, item, year)`` as a row of
    ``base`` is an error naming ``file`` and its line (``duplicates="error"``), or is left out so
    that the ``base`` row (e.g. a published figure) wins over a modelled one (``"keep_base"``).
    """
    if duplicates not in ("error", "keep_base"):
        raise ParameterError(f"combine: duplicates expected 'error' or 'keep_base', found {duplicates!r}")
    key = list(DUPLICATE_KEY)
    hit = extra[key].merge(base[key].drop_duplicates(), how="left", indicator=True)["_merge"].eq("both").to_numpy()
    if hit.any() and duplicates == "keep_base":
        extra = extra[~hit]
    elif hit.any():
        i = int(np.flatnonzero(hit)[0])
        found = ", ".join(f"{k}={extra[k].iloc[i]!r}" for k in key)
        raise DataFileError(file, "flows not already in the seed data", f"a duplicate ({found})", row=i + 2,
                            hint="change the item or year, or drop the row")
    return pd.concat([base, extra], ignore_index=True)


# --------------------------------------------------------------------------------------------
# loaders (I/O only)
# --------------------------------------------------------------------------------------------


def load_nodes(relpath: str = NODES_FILE) -> pd.DataFrame:
    """The seed nodes from ``data/raw/`` (checksum-verified, validated)."""
    from footprint.core import paths

    return validate_nodes(read_raw_csv(relpath, dtype=str), paths.RAW / relpath)


def load_units(relpath: str = UNITS_FILE) -> pd.DataFrame:
    """The unit registry with the identity and scale factors (checksum-verified)."""
    from footprint.core import paths

    return validate_units(read_raw_csv(relpath, dtype=str), paths.RAW / relpath)


def load_parameters(relpath: str = PARAMETERS_FILE) -> pd.DataFrame:
    """Conversion parameters (AFCS, ocean share, 12/44, wood increment) with sources."""
    from footprint.core import paths

    df = read_raw_csv(relpath, PARAMETER_SCHEMA, dtype=str)
    from footprint.core import check_unique

    check_unique(df, ["key"], paths.RAW / relpath)
    return df


def load_flows(nodes: pd.DataFrame, units: pd.DataFrame, relpath: str = FLOWS_FILE, *, years=YEARS) -> pd.DataFrame:
    """The seed flows from ``data/raw/`` (checksum-verified, validated against nodes and units)."""
    from footprint.core import paths

    return validate_flows(read_raw_csv(relpath, dtype=str), nodes, units, paths.RAW / relpath, years=years)


def read_nodes_file(path: str | os.PathLike[str]) -> pd.DataFrame:
    """A researcher's own nodes CSV (UTF-8 or cp932), validated."""
    from footprint.core import paths

    p = paths.resolve(path)
    return validate_nodes(read_csv_text(p, dtype=str), p)


def read_flows_file(path: str | os.PathLike[str], nodes: pd.DataFrame, units: pd.DataFrame, *, years=YEARS) -> pd.DataFrame:
    """A researcher's own flows CSV (UTF-8 or cp932), validated against nodes and units."""
    from footprint.core import paths

    p = paths.resolve(path)
    return validate_flows(read_csv_text(p, dtype=str), nodes, units, p, years=years)


@dataclass(frozen=True)
class Seed:
    """The shipped tables: nodes, flows, unit registry and conversion parameters."""

    nodes: pd.DataFrame
    flows: pd.DataFrame
    units: pd.DataFrame
    parameters: pd.DataFrame


def load_seed() -> Seed:
    """Load every shipped table of the flow graph (each checksum-verified and validated)."""
    nodes = load_nodes()
    units = load_units()
    return Seed(nodes, load_flows(nodes, units), units, load_parameters())


# --------------------------------------------------------------------------------------------
# graph <-> tables
# --------------------------------------------------------------------------------------------


def build_graph(nodes: pd.DataFrame, flows: pd.DataFrame) -> nx.MultiDiGraph:
    """A ``MultiDiGraph``: one node per row of ``nodes`` (attributes = its columns), one edge per
    flow (key = row position, attributes = every other column). Column order and dtypes are kept
    in ``G.graph`` so that :func:`graph_to_tables` restores the tables exactly."""
    g = nx.MultiDiGraph(
        node_columns=list(nodes.columns),
        node_dtypes={c: nodes[c].dtype for c in nodes.columns},
        flow_columns=list(flows.columns),
        flow_dtypes={c: flows[c].dtype for c in flows.columns},
    )
    nattr = nodes.drop(columns="id").to_dict("records")
    g.add_nodes_from(zip(nodes["id"].tolist(), nattr, strict=True))
    eattr = flows.drop(columns=["source_id", "target_id"]).to_dict("records")
    g.add_edges_from(zip(flows["source_id"].tolist(), flows["target_id"].tolist(), range(len(flows)), eattr, strict=True))
    return g


def graph_to_tables(g: nx.MultiDiGraph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The nodes and flows tables of a graph made by :func:`build_graph` (edges in key order).

    Nodes or edges added by hand get empty cells in columns they lack.
    """
    ncols = g.graph.get("node_columns", ["id"])
    nodes = pd.DataFrame.from_records([{"id": n, **a} for n, a in g.nodes(data=True)], columns=ncols)
    fcols = g.graph.get("flow_columns", ["source_id", "target_id"])
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (isinstance(e[2], str), e[2]))
    flows = pd.DataFrame.from_records([{"source_id": s, "target_id": t, **a} for s, t, _k, a in edges], columns=fcols)
    for df, dtypes in ((nodes, g.graph.get("node_dtypes", {})), (flows, g.graph.get("flow_dtypes", {}))):
        for c, dt in dtypes.items():
            if c in df.columns and df[c].dtype != dt:
                df[c] = df[c].astype(dt)
            if c in df.columns and dt == object:
                df[c] = df[c].where(df[c].notna(), None)
    return nodes, flows


# --------------------------------------------------------------------------------------------
# selection
# --------------------------------------------------------------------------------------------


def item_category(items: pd.Series) -> pd.Series:
    """The category of each item: the part before ``/`` (``"trainees/sewerage"`` → ``"trainees"``)."""
    return items.astype(str).str.split("/", n=1).str[0]


def snapshot(flows: pd.DataFrame, year: int) -> pd.DataFrame:
    """The flows as known in ``year``: per series (source, target, layer, item, unit) the latest
    row with ``year <= year``. Rows keep their own ``year`` so tables show how old a value is."""
    f = flows[flows["year"] <= year]
    f = f.sort_values("year", kind="stable")
    f = f.drop_duplicates(list(SERIES_KEY), keep="last")
    return f.sort_index()


def select(
    flows: pd.DataFrame,
    *,
    layers: Sequence[str] | None = None,
    partners: Sequence[str] | None = None,
    nodes: pd.DataFrame | None = None,
    hub: Sequence[str] = HUB,
) -> pd.DataFrame:
    """Flows of the given layers that touch one of ``partners`` or run between hub nodes.

    Unknown layers or partner ids raise :class:`ParameterError` with close matches.
    """
    f = flows
    if layers:
        bad = [x for x in layers if x not in LAYERS]
        if bad:
            raise ParameterError(f"layers: expected some of {list(LAYERS)}, found {bad}")
        f = f[f["layer"].isin(list(layers))]
    if partners:
        if nodes is not None:
            known = set(nodes["id"])
            for p in partners:
                if p not in known:
                    raise ParameterError(f"partners: unknown node id {p!r}; close matches: {suggest(p, known)}")
        p = list(partners)
        h = list(hub)
        keep = f["source_id"].isin(p) | f["target_id"].isin(p) | (f["source_id"].isin(h) & f["target_id"].isin(h))
        f = f[keep]
    return f


# --------------------------------------------------------------------------------------------
# common currencies
# --------------------------------------------------------------------------------------------


def carbon_uptake_intensity(eqf_forest: float, afcs_tc_per_ha_yr: float, ocean_uptake_share: float,
                            carbon_per_co2: float = 12 / 44) -> float:
    """Global hectares of carbon-uptake land per tonne of CO2 (NFA method).

    ``gha/t = carbon_per_co2 · (1 − ocean_uptake_share) / AFCS · EQF_forest``. With EQF 1.298
    (2022), AFCS 0.73 t C/ha/yr and an ocean share of 0.28: about 0.35 gha per t CO2.
    """
    if afcs_tc_per_ha_yr <= 0 or not 0 <= ocean_uptake_share < 1 or eqf_forest <= 0:
        raise ParameterError("carbon_uptake_intensity: expected AFCS > 0, 0 <= ocean share < 1 and EQF > 0, "
                             f"found {afcs_tc_per_ha_yr}, {ocean_uptake_share}, {eqf_forest}")
    return carbon_per_co2 * (1 - ocean_uptake_share) / afcs_tc_per_ha_yr * eqf_forest


def wood_forest_intensity(eqf_forest: float, yf_forest: float, increment_m3_per_ha_yr: float) -> float:
    """Global hectares of forest land per m³ of wood: ``YF_forest · EQF_forest / increment``.

    The wood takes ``1/increment`` hectares of the supplying forest for a year; the national yield
    factor and the equivalence factor turn those hectares into global hectares.
    """
    if increment_m3_per_ha_yr <= 0 or eqf_forest <= 0 or yf_forest <= 0:
        raise ParameterError("wood_forest_intensity: expected positive EQF, yield factor and increment, "
                             f"found {eqf_forest}, {yf_forest}, {increment_m3_per_ha_yr}")
    return yf_forest * eqf_forest / increment_m3_per_ha_yr


def conversion_table(
    units: pd.DataFrame,
    parameters: pd.DataFrame,
    *,
    eqf_forest: float,
    yf_forest: float,
    year: int,
    nfa_source: str = "NFA 2025 edition (Lo et al. 2025)",
) -> pd.DataFrame:
    """Every conversion factor: ``unit, item, currency, factor, source, status, note``.

    ``item`` empty = any item in that unit; an item category (``"wood"``) = only those flows.
    Rows: the unit registry's identity and scale factors, ``t-CO2 → ef_gha`` by
    :func:`carbon_uptake_intensity` and ``m3 of wood → ef_gha`` by :func:`wood_forest_intensity`,
    with the equivalence and yield factors of ``year`` from the national accounts.
    """
    p = parameters.set_index("key")
    need = ["afcs_tc_per_ha_yr", "ocean_uptake_share", "carbon_per_co2", "sugi_increment_m3_per_ha_yr"]
    missing = [k for k in need if k not in p.index]
    if missing:
        raise DataFileError(PARAMETERS_FILE, f"keys {need}", f"missing {missing}")
    base = units[units["currency"].notna()]
    base = pd.DataFrame({
        "unit": base["unit"], "item": "", "currency": base["currency"], "factor": base["factor"].astype(float),
        "source": base["source"], "status": base["status"], "note": base.get("note", pd.Series("", index=base.index)),
    })
    c_keys = ["afcs_tc_per_ha_yr", "ocean_uptake_share", "carbon_per_co2"]
    co2 = carbon_uptake_intensity(eqf_forest, p.loc["afcs_tc_per_ha_yr", "value"], p.loc["ocean_uptake_share", "value"],
                                  p.loc["carbon_per_co2", "value"])
    wood = wood_forest_intensity(eqf_forest, yf_forest, p.loc["sugi_increment_m3_per_ha_yr", "value"])
    derived = pd.DataFrame({
        "unit": ["t-CO2", "m3"],
        "item": ["", "wood"],
        "currency": ["ef_gha", "ef_gha"],
        "factor": [co2, wood],
        "source": [
            "; ".join(dict.fromkeys(p.loc[c_keys, "source"])) + f"; EQF forest {year}: {nfa_source}",
            p.loc["sugi_increment_m3_per_ha_yr", "source"] + f"; EQF and Japan's forest yield factor {year}: {nfa_source}",
        ],
        "status": [weakest_status([*p.loc[c_keys, "status"], "derived"]), "estimated"],
        "note": [
            f"carbon-uptake land: 12/44 x (1 - {p.loc['ocean_uptake_share', 'value']:g}) / "
            f"{p.loc['afcs_tc_per_ha_yr', 'value']:g} t C/ha x EQF {eqf_forest:.4f}",
            f"forest land: YF {yf_forest:.4f} x EQF {eqf_forest:.4f} / {p.loc['sugi_increment_m3_per_ha_yr', 'value']:g} "
            "m3/ha/yr (assumes the supplying forest grows like a mid-age sugi stand)",
        ],
    })
    return pd.concat([base, derived], ignore_index=True)


def convert(flows: pd.DataFrame, factors: pd.DataFrame) -> pd.DataFrame:
    """Add ``ef_gha, co2_t, amount_jpy, persons`` (and ``converted_status``) to every flow.

    An item-specific factor (``item`` = the flow's item category) wins over a generic one
    (``item`` empty). Flows without a factor, or without a quantity, keep their ``quantity`` and
    ``unit`` and get empty currency columns: the result has exactly the rows of ``flows``.
    ``converted_status`` is the weakest status of the flow and the factors applied.
    """
    f = flows.reset_index(drop=True)
    cat = item_category(f["item"]) if len(f) else pd.Series([], dtype=object)
    fac = factors.assign(item=factors["item"].fillna(""))
    spec = fac[fac["item"] != ""].pivot_table(index=["unit", "item"], columns="currency", values="factor", aggfunc="first")
    gen = fac[fac["item"] == ""].pivot_table(index="unit", columns="currency", values="factor", aggfunc="first")
    rank = fac.assign(r=fac["status"].map(STATUS_RANK))
    spec_r = rank[rank["item"] != ""].pivot_table(index=["unit", "item"], columns="currency", values="r", aggfunc="max")
    gen_r = rank[rank["item"] == ""].pivot_table(index="unit", columns="currency", values="r", aggfunc="max")
    key2 = pd.MultiIndex.from_arrays([f["unit"], cat])
    out = f.copy()
    worst = f["status"].map(STATUS_RANK).to_numpy(dtype=float)
    q = f["quantity"].to_numpy(dtype=float)
    for cur in CURRENCIES:
        s = spec[cur].reindex(key2).to_numpy() if cur in spec.columns else np.full(len(f), np.nan)
        g = gen[cur].reindex(f["unit"]).to_numpy() if cur in gen.columns else np.full(len(f), np.nan)
        factor = np.where(np.isnan(s), g, s)
        sr = spec_r[cur].reindex(key2).to_numpy() if cur in spec_r.columns else np.full(len(f), np.nan)
        gr = gen_r[cur].reindex(f["unit"]).to_numpy() if cur in gen_r.columns else np.full(len(f), np.nan)
        r = np.where(np.isnan(s), gr, sr)
        val = q * factor
        out[cur] = val
        used = ~np.isnan(val)
        worst = np.where(used, np.fmax(worst, r), worst)
    out["converted_status"] = np.asarray(STATUSES, dtype=object)[worst.astype(int)]
    out.index = flows.index
    return out


# --------------------------------------------------------------------------------------------
# metrics
# --------------------------------------------------------------------------------------------


def hub_links(flows: pd.DataFrame, hub: Sequence[str] = HUB) -> pd.DataFrame:
    """The flows with exactly one endpoint in ``hub``, with ``partner`` and ``direction``
    (``"to_hub"`` or ``"from_hub"``) columns. Each such flow appears once."""
    h = list(hub)
    s_in = flows["source_id"].isin(h)
    t_in = flows["target_id"].isin(h)
    f = flows[s_in ^ t_in]
    from_hub = f["source_id"].isin(h)
    return f.assign(
        partner=f["target_id"].where(from_hub, f["source_id"]),
        direction=np.where(from_hub.to_numpy(), "from_hub", "to_hub"),
        category=item_category(f["item"]),
    )


def _shannon(counts: pd.DataFrame, by: str, cat: str) -> pd.Series:
    c = counts.groupby([by, cat], observed=True).size()
    p = c / c.groupby(level=0).transform("sum")
    return (-(p * np.log(p))).groupby(level=0).sum() + 0.0


def bond_metrics(
    flows: pd.DataFrame,
    nodes: pd.DataFrame | None = None,
    hub: Sequence[str] = HUB,
) -> pd.DataFrame:
    """Per partner of the hub: how many and how diverse the bonds are, and how reciprocal.

    Parameters
    ----------
    flows
        Flows (ideally after :func:`convert`, to get strengths in common currencies).
    nodes
        Optional nodes table for names and kinds.
    hub
        Node ids that stand for Osaka (default: Osaka City and Osaka Prefecture).

    Returns
    -------
    DataFrame
        One row per partner: ``partner, name_en, name_ja, kind, n_flows, n_flows_to_hub,
        n_flows_from_hub, n_layers, n_items, layers, shannon_items, shannon_layers,
        reciprocal_layers, reciprocity`` (share of the partner's layers with flows both ways),
        ``strength_<currency>`` (sum over its flows both ways), ``status`` (weakest status of its
        flows). Shannon indices (natural log) are over the partner's flows counted once each,
        grouped by item category or by layer. Sorted by ``n_layers``, ``n_flows``, descending.
    """
    f = hub_links(flows, hub)
    cols = ["partner", "name_en", "name_ja", "kind", "n_flows", "n_flows_to_hub", "n_flows_from_hub", "n_layers",
            "n_items", "layers", "shannon_items", "shannon_layers", "reciprocal_layers", "reciprocity",
            *[f"strength_{c}" for c in CURRENCIES], "status"]
    if f.empty:
        return pd.DataFrame(columns=cols)
    g = f.groupby("partner")
    out = pd.DataFrame({
        "n_flows": g.size(),
        "n_flows_to_hub": (f["direction"] == "to_hub").groupby(f["partner"]).sum().astype(int),
    })
    out["n_flows_from_hub"] = out["n_flows"] - out["n_flows_to_hub"]
    out["n_layers"] = g["layer"].nunique()
    out["n_items"] = g["category"].nunique()
    out["layers"] = _layer_sets(f[["partner"]], f["layer"]).reindex(out.index)
    out["shannon_items"] = _shannon(f, "partner", "category")
    out["shannon_layers"] = _shannon(f, "partner", "layer")
    dirs = f.groupby(["partner", "layer"])["direction"].nunique()
    recip = (dirs == 2).groupby(level=0).sum()
    out["reciprocal_layers"] = recip.reindex(out.index).astype(int)
    out["reciprocity"] = out["reciprocal_layers"] / out["n_layers"]
    for c in CURRENCIES:
        out[f"strength_{c}"] = g[c].sum(min_count=1) if c in f.columns else np.nan
    out["status"] = g["converted_status" if "converted_status" in f.columns else "status"].agg(weakest_status)
    out = out.reset_index().rename(columns={"index": "partner"})
    if nodes is not None:
        meta = nodes.set_index("id")[["name_en", "name_ja", "kind"]]
        out = out.join(meta, on="partner")
    else:
        out["name_en"] = out["partner"]
        out["name_ja"] = out["partner"]
        out["kind"] = None
    out = out.sort_values(["n_layers", "n_flows", "partner"], ascending=[False, False, True], kind="stable")
    return out[cols].reset_index(drop=True)


def partner_balance(flows: pd.DataFrame, hub: Sequence[str] = HUB, *, by: str = "unit") -> pd.DataFrame:
    """Net balance per partner and layer: ``to_hub − from_hub``.

    ``by="unit"`` sums quantities in their own units (every flow with a quantity counts once);
    ``by="currency"`` sums the common-currency columns added by :func:`convert` (flows without a
    factor are absent there but present in the ``unit`` view). Columns ``partner, layer,
    unit|currency, to_hub, from_hub, net_to_hub, n_flows``.
    """
    f = hub_links(flows, hub)
    if by == "unit":
        long = f[["partner", "layer", "unit", "direction", "quantity"]].rename(columns={"quantity": "value"})
        key = "unit"
    elif by == "currency":
        present = [c for c in CURRENCIES if c in f.columns]
        long = f.melt(id_vars=["partner", "layer", "direction"], value_vars=present, var_name="currency", value_name="value")
        key = "currency"
    else:
        raise ParameterError(f"partner_balance: by expected 'unit' or 'currency', found {by!r}")
    long = long[long["value"].notna()].astype({"value": float})
    t = long.pivot_table(index=["partner", "layer", key], columns="direction", values="value", aggfunc="sum", fill_value=0.0)
    t = t.reindex(columns=["to_hub", "from_hub"], fill_value=0.0)
    n = long.groupby(["partner", "layer", key]).size().rename("n_flows")
    t = t.join(n)
    t["net_to_hub"] = t["to_hub"] - t["from_hub"]
    t.columns.name = None
    return t.reset_index()[["partner", "layer", key, "to_hub", "from_hub", "net_to_hub", "n_flows"]]


def node_balance(flows: pd.DataFrame, stocks: pd.DataFrame | None = None, *, tolerance: float = 1e-9) -> pd.DataFrame:
    """Inflow − outflow per node, layer and unit, and the residual against stock changes.

    ``stocks`` (optional): ``node, layer, unit, stock_change`` (the change of the node's stock
    over the period of the flows). Where a stock change is given, ``residual = inflow − outflow −
    stock_change`` and ``balanced = |residual| <= tolerance · max(inflow, outflow, 1)``; elsewhere
    both are empty (no stock is known, so no check applies). Flows without a quantity are counted
    in ``n_unquantified``.
    """
    q = flows["quantity"]
    has = q.notna()
    parts = [
        pd.DataFrame({"node": flows["target_id"], "layer": flows["layer"], "unit": flows["unit"],
                      "inflow": q.where(has, 0.0), "outflow": 0.0, "nq": (~has).astype(int)}),
        pd.DataFrame({"node": flows["source_id"], "layer": flows["layer"], "unit": flows["unit"],
                      "inflow": 0.0, "outflow": q.where(has, 0.0), "nq": (~has).astype(int)}),
    ]
    long = pd.concat(parts, ignore_index=True)
    b = long.groupby(["node", "layer", "unit"], as_index=False).agg(inflow=("inflow", "sum"), outflow=("outflow", "sum"),
                                                                     n_unquantified=("nq", "sum"))
    b["net_inflow"] = b["inflow"] - b["outflow"]
    if stocks is not None and len(stocks):
        s = stocks.groupby(["node", "layer", "unit"], as_index=False)["stock_change"].sum()
        b = b.merge(s, on=["node", "layer", "unit"], how="outer")
        for c in ("inflow", "outflow", "net_inflow"):
            b[c] = b[c].fillna(0.0)
        b["n_unquantified"] = b["n_unquantified"].fillna(0).astype(int)
    else:
        b["stock_change"] = np.nan
    b["residual"] = b["net_inflow"] - b["stock_change"]
    scale = np.maximum(np.maximum(b["inflow"], b["outflow"]), 1.0)
    ok = b["residual"].abs() <= tolerance * scale
    b["balanced"] = ok.where(b["stock_change"].notna(), None).astype(object)
    return b.sort_values(["node", "layer", "unit"], ignore_index=True)


def layer_totals(flows: pd.DataFrame) -> pd.DataFrame:
    """Per layer and unit: number of flows, number with a quantity, and the total quantity."""
    g = flows.groupby(["layer", "unit"])
    return pd.DataFrame({"n_flows": g.size(), "n_quantified": g["quantity"].count(),
                         "quantity": g["quantity"].sum(min_count=1)}).reset_index()


_LAYER_BIT = {x: 1 << i for i, x in enumerate(LAYERS)}
_LAYER_SETS = np.array(["+".join(x for x in LAYERS if m & _LAYER_BIT[x]) for m in range(1 << len(LAYERS))], dtype=object)


def _layer_sets(keys: pd.DataFrame, layer: pd.Series) -> pd.Series:
    """The layers met in each group of ``keys`` as ``"resource+people"`` (vectorised bit masks)."""
    bits = layer.map(_LAYER_BIT).fillna(0).astype("int64")
    d = keys.assign(_b=bits.to_numpy()).drop_duplicates()
    m = d.groupby(list(keys.columns))["_b"].sum()
    return pd.Series(_LAYER_SETS[m.to_numpy()], index=m.index)


def _pairs(flows: pd.DataFrame) -> pd.DataFrame:
    """Distinct directed pairs with the number of flows and their layers."""
    keys = flows[["source_id", "target_id"]]
    n = keys.groupby(["source_id", "target_id"]).size().rename("n_flows")
    return pd.DataFrame({"n_flows": n, "layers": _layer_sets(keys, flows["layer"]).reindex(n.index)}).reset_index()


def pagerank(src: np.ndarray, dst: np.ndarray, n: int, weight: np.ndarray | None = None, *,
             alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> np.ndarray:
    """PageRank of nodes ``0..n-1`` on the directed edges ``src → dst`` (numpy power iteration;
    dangling nodes spread their rank uniformly). Sums to 1."""
    w = np.ones(len(src)) if weight is None else np.asarray(weight, dtype=float)
    out_w = np.bincount(src, weights=w, minlength=n)
    r = np.full(n, 1.0 / n)
    dangling = out_w == 0
    share = np.where(out_w[src] > 0, w / np.where(out_w[src] > 0, out_w[src], 1), 0.0)
    for _ in range(max_iter):
        new = np.bincount(dst, weights=r[src] * share, minlength=n)
        new = alpha * (new + r[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(new - r).sum() < tol:
            r = new
            break
        r = new
    return r / r.sum()


def centrality(flows: pd.DataFrame, nodes: pd.DataFrame | None = None, *, betweenness_max_work: int = 1_000_000) -> pd.DataFrame:
    """Centrality of every node of the flow graph.

    Columns ``node, in_degree, out_degree`` (distinct neighbours), ``n_flows_in, n_flows_out``,
    ``pagerank`` (on the pairs, weighted by number of flows) and ``betweenness`` (networkx, on the
    graph of distinct pairs; exact betweenness costs nodes × pairs, so it is left empty when that
    product exceeds ``betweenness_max_work``).
    """
    ids = pd.Index(sorted(set(flows["source_id"]) | set(flows["target_id"]) | (set(nodes["id"]) if nodes is not None else set())))
    pairs = _pairs(flows)
    s = ids.get_indexer(pairs["source_id"])
    t = ids.get_indexer(pairs["target_id"])
    n = len(ids)
    out = pd.DataFrame({
        "node": ids,
        "in_degree": np.bincount(t, minlength=n),
        "out_degree": np.bincount(s, minlength=n),
        "n_flows_in": np.bincount(ids.get_indexer(flows["target_id"]), minlength=n),
        "n_flows_out": np.bincount(ids.get_indexer(flows["source_id"]), minlength=n),
        "pagerank": pagerank(s, t, n, pairs["n_flows"].to_numpy(dtype=float)) if n else np.array([]),
    })
    if n * len(pairs) <= betweenness_max_work:
        dg = nx.DiGraph()
        dg.add_nodes_from(ids)
        dg.add_edges_from(zip(pairs["source_id"], pairs["target_id"]))
        bc = nx.betweenness_centrality(dg, normalized=True)
        out["betweenness"] = out["node"].map(bc)
    else:
        out["betweenness"] = np.nan
    return out


def cycles(flows: pd.DataFrame, *, max_length: int = 4, limit: int = 1000, max_paths: int = 2_000_000) -> pd.DataFrame:
    """Circular flows: simple directed cycles of up to ``max_length`` nodes (at most ``limit``).

    Each cycle is listed once, starting at its smallest node id, with the layers met along it;
    ``multi_layer`` marks loops closed by a different kind of flow (money out, wood back: the
    idea of 地域循環共生圏, the regional circular and ecological sphere).
    Columns ``cycle, length, nodes, layers, multi_layer``.

    The search is vectorised: paths are grown one step at a time from the start nodes in id order,
    keeping only nodes larger than the start (so each cycle is found once), until ``limit``
    cycles are found or ``max_paths`` open paths have been grown in all (then the list is
    incomplete and ``DataFrame.attrs["complete"]`` is False).
    """
    cols = ["cycle", "length", "nodes", "layers", "multi_layer"]
    pairs = _pairs(flows)
    empty = pd.DataFrame(columns=cols)
    empty.attrs["complete"] = True
    if pairs.empty or max_length < 2:
        return empty
    ids = pd.Index(sorted(set(pairs["source_id"]) | set(pairs["target_id"])))
    n = len(ids)
    s = ids.get_indexer(pairs["source_id"]).astype(np.int64)
    t = ids.get_indexer(pairs["target_id"]).astype(np.int64)
    order = np.lexsort((t, s))
    s, t = s[order], t[order]
    layer_of = pairs["layers"].to_numpy()[order]
    ptr = np.searchsorted(s, np.arange(n + 1))
    found: list[np.ndarray] = []
    state = {"n_found": 0, "grown": 0, "complete": True}
    batch = 200_000  # candidate steps grown at once

    def grow(paths: np.ndarray, k: int) -> None:
        """Extend open paths of ``k`` nodes by one step, in batches; record closed cycles."""
        last = paths[:, -1]
        deg = ptr[last + 1] - ptr[last]
        cum = np.cumsum(deg)
        lo = 0
        while lo < len(paths):
            if state["n_found"] >= limit:
                return
            if state["grown"] > max_paths:
                state["complete"] = False
                return
            hi = max(int(np.searchsorted(cum, (cum[lo - 1] if lo else 0) + batch, side="right")), lo + 1)
            p, d = paths[lo:hi], deg[lo:hi]
            lo = hi
            rows = np.repeat(np.arange(len(p)), d)
            offs = np.arange(d.sum()) - np.repeat(np.cumsum(d) - d, d)
            nxt = t[np.repeat(ptr[p[:, -1]], d) + offs]
            state["grown"] += len(nxt)
            closed = nxt == p[rows, 0]
            if closed.any():
                found.append(p[rows[closed]])
                state["n_found"] += int(closed.sum())
            if k < max_length:
                ok = (nxt > p[rows, 0]) & ~(p[rows] == nxt[:, None]).any(axis=1)
                if ok.any():
                    grow(np.column_stack([p[rows[ok]], nxt[ok]]), k + 1)

    e = np.flatnonzero(t > s)  # first steps go to a larger node: each cycle starts at its smallest
    grow(np.column_stack([s[e], t[e]]), 2)
    complete = state["complete"]
    n_found = state["n_found"]
    if not found:
        empty.attrs["complete"] = complete
        return empty
    key = s * n + t
    rows = []
    for cyc in found:  # at most ``limit`` cycles: label them
        nxt = np.roll(cyc, -1, axis=1)
        pos = np.searchsorted(key, cyc * n + nxt)
        bits = np.zeros(len(cyc), dtype=np.int64)
        for j in range(cyc.shape[1]):
            names = layer_of[pos[:, j]]
            bits |= np.array([sum(_LAYER_BIT[x] for x in str(v).split("+")) for v in names], dtype=np.int64)
        for c, b in zip(cyc, bits, strict=True):
            rows.append((" → ".join([*ids[c], ids[c[0]]]), len(c), _LAYER_SETS[b], bin(int(b)).count("1") > 1))
    df = pd.DataFrame(rows[:limit], columns=["nodes", "length", "layers", "multi_layer"])
    df = df.sort_values(["length", "nodes"], ignore_index=True)
    df.insert(0, "cycle", np.arange(1, len(df) + 1))
    df.attrs["complete"] = complete and n_found < limit
    return df[cols]


# --------------------------------------------------------------------------------------------
# adapters: results of the other modules as flows
# --------------------------------------------------------------------------------------------

_ORIGIN_NODE = {"rest_of_japan": "rest_of_japan", "abroad": "abroad"}


def flows_from_origin_table(origin: pd.DataFrame, year: int, *, city: str = "osaka_city") -> pd.DataFrame:
    """Biocapacity flowing into Osaka, from ``footprint.city.osaka_origin_table(year)``.

    ``origin`` columns: ``land_type, origin (city / rest_of_japan / abroad), ef_gha, status,
    source``. Rows with origin ``city`` stay inside the city and are not flows. Returns resource-
    layer flows ``rest_of_japan|abroad → city`` in gha, item ``biocapacity/<land_type>``.
    """
    need = ["land_type", "origin", "ef_gha", "status", "source"]
    missing = [c for c in need if c not in origin.columns]
    if missing:
        raise DataFileError("city origin table", f"columns {need}", f"missing {missing}")
    bad = ~origin["origin"].isin(["city", *_ORIGIN_NODE])
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataFileError("city origin table", "origin one of ['city', 'rest_of_japan', 'abroad']",
                            repr(origin["origin"].iloc[i]), key=f"land_type={origin['land_type'].iloc[i]!r}")
    o = origin[origin["origin"] != "city"]
    return pd.DataFrame({
        "source_id": o["origin"].map(_ORIGIN_NODE).to_numpy(),
        "target_id": city,
        "layer": "resource",
        "item": ("biocapacity/" + o["land_type"].astype(str)).to_numpy(),
        "quantity": o["ef_gha"].astype(float).to_numpy(),
        "unit": "gha",
        "year": int(year),
        "source": o["source"].to_numpy(),
        "status": o["status"].to_numpy(),
        "note": "footprint of Osaka City's consumption met by biocapacity from elsewhere (footprint.city)",
    })


def flows_from_fund_flows(fund: pd.DataFrame, *, city: str = "osaka_city", pool: str = "government_of_japan") -> pd.DataFrame:
    """Forest-tax fund flows of Osaka from ``footprint.forest.osaka_fund_flows(...)``.

    ``fund`` columns: ``fiscal_year, receipts_jpy`` (transfer tax received by the city),
    ``payments_jpy`` (forest environment tax paid by its residents into the national pool),
    ``net_outflow_jpy``, ``status, source``. Returns fund-layer flows ``pool → city``
    (``forest_tax/transfer``) and ``city → pool`` (``forest_tax/tax_paid``); an empty amount
    stays an empty quantity.
    """
    need = ["fiscal_year", "receipts_jpy", "payments_jpy", "status", "source"]
    missing = [c for c in need if c not in fund.columns]
    if missing:
        raise DataFileError("forest fund flows", f"columns {need}", f"missing {missing}")
    n = len(fund)
    return pd.DataFrame({
        "source_id": [pool] * n + [city] * n,
        "target_id": [city] * n + [pool] * n,
        "layer": "fund",
        "item": ["forest_tax/transfer"] * n + ["forest_tax/tax_paid"] * n,
        "quantity": np.concatenate([fund["receipts_jpy"].to_numpy(dtype=float), fund["payments_jpy"].to_numpy(dtype=float)]),
        "unit": "JPY",
        "year": np.concatenate([fund["fiscal_year"].to_numpy(dtype=int)] * 2),
        "source": np.concatenate([fund["source"].to_numpy()] * 2),
        "status": np.concatenate([fund.get("receipts_status", fund["status"]).to_numpy(),
                                  fund.get("payments_status", fund["status"]).to_numpy()]),
        "note": ["forest environment transfer tax received (footprint.forest)"] * n
        + ["forest environment tax paid by residents (footprint.forest)"] * n,
    })


def flows_from_allocation(alloc: pd.DataFrame, *, pool: str = "government_of_japan",
                          source: str = "footprint.forest.allocate", status: str = "estimated") -> tuple[pd.DataFrame, pd.DataFrame]:
    """The forest-tax fund layer for every municipality, from ``footprint.forest.allocate(...)``.

    ``alloc`` columns: ``code5`` (or ``code``: 5-digit municipality code), ``fiscal_year``,
    ``amount_jpy`` (and optionally ``name`` or ``name_ja``, ``status``, ``source``). Returns
    ``(nodes, flows)``: one node ``muni_<code>`` per municipality and one fund flow
    ``pool → muni_<code>`` per row.
    """
    code_col = next((c for c in ("code5", "code", "muni_code") if c in alloc.columns), "code5")
    if "name_ja" not in alloc.columns and "name" in alloc.columns:
        alloc = alloc.rename(columns={"name": "name_ja"})
    need = [code_col, "fiscal_year", "amount_jpy"]
    missing = [c for c in need if c not in alloc.columns]
    if missing:
        raise DataFileError("forest allocation", f"columns {need}", f"missing {missing}")
    codes = alloc[code_col].astype(str).str.zfill(5)
    uniq = pd.Index(codes.unique())
    names = (alloc.assign(_c=codes).drop_duplicates("_c").set_index("_c")["name_ja"].reindex(uniq).to_numpy()
             if "name_ja" in alloc.columns else uniq.to_numpy())
    nodes = pd.DataFrame({
        "id": "muni_" + uniq, "name_ja": names, "name_en": "municipality " + uniq, "kind": "municipality",
        "iso3": "JPN", "muni_code": uniq, "lat": np.nan, "lon": np.nan, "source": "MLIT 国土数値情報 N03 (code)",
        "status": "published", "note": None,
    })
    flows = pd.DataFrame({
        "source_id": pool, "target_id": ("muni_" + codes).to_numpy(), "layer": "fund", "item": "forest_tax/transfer",
        "quantity": alloc["amount_jpy"].to_numpy(dtype=float), "unit": "JPY",
        "year": alloc["fiscal_year"].to_numpy(dtype=int),
        "source": alloc["source"].to_numpy() if "source" in alloc.columns else source,
        "status": alloc["status"].to_numpy() if "status" in alloc.columns else status,
        "note": None,
    })
    return nodes, flows


def with_model_layers(
    flows: pd.DataFrame,
    nodes: pd.DataFrame,
    units: pd.DataFrame,
    *,
    origin: pd.DataFrame | None = None,
    origin_year: int | None = None,
    fund: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Add the layers that other modules compute to the seed flows.

    ``origin``: :func:`footprint.city.osaka_origin_table` for ``origin_year`` (biocapacity flowing
    into Osaka); ``fund``: :func:`footprint.forest.osaka_fund_flows` (forest-tax money). Where a
    model row and a seed row describe the same flow, the (published) seed row is kept. Returns the
    combined flows and how many rows each layer added.
    """
    added: dict[str, int] = {}
    if origin is not None:
        if origin_year is None:
            raise ParameterError("origin_year is needed with the city origin table")
        city = validate_flows(flows_from_origin_table(origin, origin_year), nodes, units, "footprint.city")
        n0 = len(flows)
        flows = combine(flows, city, "footprint.city", duplicates="keep_base")
        added["city"] = len(flows) - n0
    if fund is not None:
        forest = validate_flows(flows_from_fund_flows(fund), nodes, units, "footprint.forest")
        n0 = len(flows)
        flows = combine(flows, forest, "footprint.forest", duplicates="keep_base")
        added["forest"] = len(flows) - n0
    return flows, added


def generated_graph(n_nodes: int = 1741, n_flows: int = 100_000, *, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A random test graph (for benchmarks and tests): ``n_nodes`` municipality nodes plus the hub,
    ``n_flows`` flows in all layers with units JPY / persons / gha, years 2000–2024.
    Status ``illustrative``: these numbers describe nothing."""
    rng = np.random.default_rng(seed)
    ids = np.array(["osaka_city"] + [f"m{i:05d}" for i in range(n_nodes - 1)], dtype=object)
    nodes = pd.DataFrame({
        "id": ids, "name_ja": ids, "name_en": ids, "kind": "municipality", "iso3": "JPN", "muni_code": None,
        "lat": rng.uniform(24, 45, n_nodes), "lon": rng.uniform(123, 146, n_nodes), "source": "generated",
        "status": "illustrative", "note": None,
    })
    # a third of the flows touch the hub, the rest run between random municipalities
    s = rng.integers(0, n_nodes, n_flows)
    t = (s + rng.integers(1, n_nodes, n_flows)) % n_nodes
    hub = rng.random(n_flows) < 1 / 3
    to_hub = rng.random(n_flows) < 0.5
    s = np.where(hub & to_hub, s, np.where(hub, 0, s))
    t = np.where(hub & to_hub, 0, t)
    t = np.where(s == t, (t + 1) % n_nodes, t)
    layer_i = rng.integers(0, 3, n_flows)
    units = np.array(["gha", "JPY", "persons"], dtype=object)
    flows = pd.DataFrame({
        "source_id": ids[s], "target_id": ids[t], "layer": np.asarray(LAYERS, dtype=object)[layer_i],
        "item": np.char.add("item", rng.integers(0, 8, n_flows).astype(str)).astype(object),
        "quantity": rng.lognormal(3, 2, n_flows), "unit": units[layer_i],
        "year": rng.integers(2000, 2025, n_flows), "source": "generated", "status": "illustrative", "note": None,
    })
    flows = flows.drop_duplicates(list(DUPLICATE_KEY), ignore_index=True)
    return nodes, flows


def summary_counts(flows: pd.DataFrame) -> Mapping[str, int]:
    """Headline counts: flows, nodes touched, layers, quantified flows."""
    return {
        "flows": int(len(flows)),
        "nodes": int(len(set(flows["source_id"]) | set(flows["target_id"]))),
        "layers": int(flows["layer"].nunique()),
        "quantified": int(flows["quantity"].notna().sum()),
    }

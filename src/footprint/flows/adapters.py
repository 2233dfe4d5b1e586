"""Results of the city and forest layers as flows.

Each adapter takes the other layer's table (computed by the notebook or the caller with
:mod:`footprint.city` or :mod:`footprint.forest`) and returns flows in the columns of
:mod:`footprint.flows.schema`; nothing here imports those layers or reads a file.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from footprint.city import CARBON_NOT_LOCATED, CARBON_NOT_LOCATED_LABEL
from footprint.core import first_bad_row
from footprint.core.errors import DataFileError, ParameterError
from footprint.flows.schema import combine, validate_flows

#: the city layer's wording for carbon: uptake land is a hypothetical area, not a place
CARBON_WORDING = CARBON_NOT_LOCATED_LABEL[0]
_ORIGIN_NODE = {"rest_of_japan": "rest_of_japan", "abroad": "abroad"}


def _require_columns(table: pd.DataFrame, need: Sequence[str], what: str) -> None:
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise DataFileError(what, f"columns {list(need)}", f"missing {missing}")


def origin_year_for(model_years: Sequence[int], year: int) -> int:
    """The year of the city model to show beside flows as known in ``year``: the latest model year
    up to ``year``, else the first model year."""
    earlier = [y for y in model_years if y <= int(year)]
    return max(earlier) if earlier else min(model_years)


def flows_from_origin_table(origin: pd.DataFrame, year: int, *, city: str = "osaka_city") -> pd.DataFrame:
    """Biocapacity flowing into Osaka, from the city layer's footprint-by-origin table.

    ``origin`` columns (``footprint.city.osaka_origin_table(year, carbon="not_located")``):
    ``land_type, origin (city / rest_of_japan / abroad / carbon_not_located), ef_gha, status,
    source``. Rows with origin ``city`` stay inside the city, and carbon-uptake land is not a place
    (``carbon_not_located``): neither is a flow. Returns resource-layer flows
    ``rest_of_japan|abroad → city`` in gha, item ``biocapacity/<land_type>``.
    """
    _require_columns(origin, ["land_type", "origin", "ef_gha", "status", "source"], "city origin table")
    known = ["city", *_ORIGIN_NODE, CARBON_NOT_LOCATED]
    i = first_bad_row(~origin["origin"].isin(known))
    if i is not None:
        raise DataFileError("city origin table", f"origin one of {known}",
                            repr(origin["origin"].iloc[i]), key=f"land_type={origin['land_type'].iloc[i]!r}")
    o = origin[origin["origin"].isin(list(_ORIGIN_NODE))]
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
        "note": np.where(o["land_type"].astype(str).to_numpy() == "carbon",
                         f"{CARBON_WORDING}: footprint of Osaka City's consumption counted as carbon-uptake land "
                         "(footprint.city); the origin split follows Japan's import share",
                         "footprint of Osaka City's consumption met by biocapacity from elsewhere (footprint.city)"),
    })


def flows_from_fund_flows(fund: pd.DataFrame, *, city: str = "osaka_city", pool: str = "government_of_japan") -> pd.DataFrame:
    """Forest-tax fund flows of Osaka, from the forest layer's fund-flow table.

    ``fund`` columns (``footprint.forest.osaka_fund_flows(...)``): ``fiscal_year, receipts_jpy``
    (transfer tax received by the city), ``payments_jpy`` (forest environment tax paid by its
    residents into the national pool), ``net_outflow_jpy``, ``status, source`` (optionally
    ``receipts_status``, ``payments_status``). Returns fund-layer flows ``pool → city``
    (``forest_tax/transfer``) and ``city → pool`` (``forest_tax/tax_paid``); an empty amount
    stays an empty quantity.
    """
    _require_columns(fund, ["fiscal_year", "receipts_jpy", "payments_jpy", "status", "source"], "forest fund flows")
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
    """The forest-tax fund layer for every municipality, from the forest layer's allocation table.

    ``alloc`` columns (``footprint.forest.allocate(...)``): ``code5`` (or ``code``, ``muni_code``:
    5-digit municipality code), ``fiscal_year``, ``amount_jpy`` (and optionally ``name`` or
    ``name_ja``, ``status``, ``source``). Returns ``(nodes, flows)``: one node ``muni_<code>`` per
    municipality and one fund flow ``pool → muni_<code>`` per row.
    """
    code_col = next((c for c in ("code5", "code", "muni_code") if c in alloc.columns), "code5")
    if "name_ja" not in alloc.columns and "name" in alloc.columns:
        alloc = alloc.rename(columns={"name": "name_ja"})
    _require_columns(alloc, [code_col, "fiscal_year", "amount_jpy"], "forest allocation")
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
    """Add the layers that the city and forest packages compute to the seed flows.

    ``origin``: the city's footprint-by-origin table for ``origin_year`` (biocapacity flowing
    into Osaka, :func:`flows_from_origin_table`); ``fund``: the forest-tax fund flows
    (:func:`flows_from_fund_flows`). Where a model row and a seed row describe the same flow, the
    (published) seed row is kept. Returns the combined flows and how many rows each layer added.
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

"""The partnership ledger: per partner and year, each kind of flow in both directions and four currencies.

A **cell** is one (partner, year, flow, direction, currency): ``national`` (Japan's whole where the
flow is national, else the Osaka figure itself), ``share`` (the part attributed to Osaka, 1 where
the figure is already Osaka's), ``value`` = national × share (central), the 90 % interval from a
seeded Monte Carlo, ``status``, ``source``, ``note``. ``direction`` is ``to_osaka`` or
``from_osaka``; currencies are ``ef_gha``, ``co2_t``, ``amount_jpy``, ``persons`` and, for freight,
``mass_t``. A defined cell without data is kept with ``available`` False, empty numbers and status
``not available`` (never zero). The magnitudes never mix with the ties (agreements, meetings),
which stay counts in :mod:`~footprint.flows.metrics`.

The interval covers: the share's spread (city-model Monte Carlo plus the structural spread of
:func:`~footprint.flows.trade.attribution_shares`, one draw per year shared by all cells of that
year), the intensity spread of the embodied method (``intensity_sigma``, a judgement), and the
visit-rate spread. It does not cover errors in the published national figures.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from footprint.core.errors import ParameterError
from footprint.core.status import STATUSES

NOT_AVAILABLE = "not available"
CELL_COLUMNS = ("partner", "year", "flow", "layer", "direction", "currency", "national", "share", "share_sigma",
                "own_sigma", "value", "status", "source", "note")
DIRECTIONS = ("to_osaka", "from_osaka")
LEDGER_CURRENCIES = ("ef_gha", "co2_t", "amount_jpy", "persons", "mass_t")
#: (flow, layer, direction, currency) defined for partners abroad
ABROAD_CELLS: tuple[tuple[str, str, str, str], ...] = tuple(
    [("trade_goods", "resource", d, c) for d in DIRECTIONS for c in ("ef_gha", "co2_t", "amount_jpy")]
    + [("visitors", "people", "to_osaka", "persons"), ("residents", "people", "to_osaka", "persons"),
       ("jcm_projects", "fund", "from_osaka", "co2_t"), ("jcm_projects", "fund", "from_osaka", "amount_jpy")]
)
DOMESTIC_CELLS: tuple[tuple[str, str, str, str], ...] = tuple(
    [("freight", "resource", d, "mass_t") for d in DIRECTIONS] + [("migration", "people", d, "persons") for d in DIRECTIONS]
)
POOL_CELLS: tuple[tuple[str, str, str, str], ...] = tuple(("forest_tax", "fund", d, "amount_jpy") for d in DIRECTIONS)
POOL = "government_of_japan"


def _cells(**cols) -> pd.DataFrame:
    n = max(len(v) for v in cols.values() if not np.isscalar(v))
    base = {"share": 1.0, "share_sigma": 0.0, "own_sigma": 0.0, "note": ""}
    base.update(cols)
    t = pd.DataFrame({k: (np.repeat(v, n) if np.isscalar(v) else np.asarray(v)) for k, v in base.items()})
    t["value"] = t["national"].astype(float) * t["share"].astype(float)
    return t[list(CELL_COLUMNS)]


def trade_cells(emb: pd.DataFrame, shares: pd.DataFrame, *, intensity_sigma: float = 0.3) -> pd.DataFrame:
    """Trade cells: Japan's trade with each partner (yen, published) and its embodied gha and t-CO₂ (estimated),
    attributed to Osaka by ``shares`` (:func:`~footprint.flows.trade.attribution_shares`)."""
    e = emb[emb["partner"] != "WLD"]
    g = e.groupby(["direction", "partner", "year"], observed=True).agg(
        value_bn_jpy=("value_bn_jpy", "sum"), ef_gha=("ef_gha", "sum"), co2_t=("co2_t", "sum")).reset_index()
    g = g.merge(shares[["year", "share", "sigma"]], on="year", how="left")
    d = np.where(g["direction"] == "import", "to_osaka", "from_osaka")
    parts = []
    for currency, national, own, status, src in (
        ("amount_jpy", g["value_bn_jpy"] * 1e9, 0.0, "estimated", "Trade Statistics of Japan (MOF); Osaka share: footprint.city"),
        ("ef_gha", g["ef_gha"], intensity_sigma, "estimated", "embodied: NFA 2025 intensities x MOF trade; Osaka share: footprint.city"),
        ("co2_t", g["co2_t"], intensity_sigma, "estimated", "embodied carbon: NFA 2025 intensities x MOF trade; Osaka share: footprint.city"),
    ):
        parts.append(_cells(partner=g["partner"].to_numpy(), year=g["year"].to_numpy(), flow="trade_goods", layer="resource",
                            direction=d, currency=currency, national=national.to_numpy(float), share=g["share"].to_numpy(float),
                            share_sigma=g["sigma"].to_numpy(float), own_sigma=own, status=status, source=src,
                            note="Japan's trade x Osaka City's share of Japan's household consumption"))
    return pd.concat(parts, ignore_index=True)


def visit_rates(arrivals: pd.DataFrame, osaka_visitors: pd.DataFrame) -> pd.DataFrame:
    """Share of each partner's arrivals in Japan that visit Osaka Prefecture: ``partner, rate, sigma`` (log spread
    from the years' range, 90 % ≈ min..max), estimated."""
    m = osaka_visitors.merge(arrivals[["partner", "year", "persons"]], on=["partner", "year"], suffixes=("", "_japan"))
    m["rate"] = m["persons"] / m["persons_japan"]
    g = m.groupby("partner")["rate"].agg(["min", "max", lambda r: float(np.exp(np.log(r).mean()))]).reset_index()
    g.columns = ["partner", "rate_min", "rate_max", "rate"]
    g["sigma"] = np.log(g["rate_max"] / g["rate_min"]) / (2 * 1.6449)
    return g


def people_cells(arrivals: pd.DataFrame, rates: pd.DataFrame, residents: pd.DataFrame) -> pd.DataFrame:
    """Visitors to Osaka (arrivals × visit rate, estimated) and residents of Osaka City by nationality (published)."""
    a = arrivals.merge(rates[["partner", "rate", "sigma"]], on="partner", how="inner")
    v = _cells(partner=a["partner"].to_numpy(), year=a["year"].to_numpy(), flow="visitors", layer="people",
               direction="to_osaka", currency="persons", national=a["persons"].to_numpy(float), share=a["rate"].to_numpy(float),
               own_sigma=a["sigma"].to_numpy(float), status="estimated",
               source=a["source"].to_numpy() + "; Osaka visit rate: 大阪観光局 2014-2016",
               note="arrivals in Japan x Osaka Prefecture visit rate (2014-2016 mean)")
    r = _cells(partner=residents["partner"].to_numpy(), year=residents["year"].to_numpy(), flow="residents", layer="people",
               direction="to_osaka", currency="persons", national=residents["persons"].to_numpy(float),
               status=residents["status"].to_numpy(), source=residents["source"].to_numpy(),
               note="foreign residents of Osaka City (a stock, June)")
    return pd.concat([v, r], ignore_index=True)


def jcm_cells(osaka_links: pd.DataFrame) -> pd.DataFrame:
    """JCM expected reductions tied to Osaka's city-to-city track: ``osaka_links`` columns ``partner, year,
    co2_t, source, status`` (expected t-CO₂ a year in the partner). Yen amounts are not published (no cell)."""
    return _cells(partner=osaka_links["partner"].to_numpy(), year=osaka_links["year"].to_numpy(), flow="jcm_projects",
                  layer="fund", direction="from_osaka", currency="co2_t", national=osaka_links["co2_t"].to_numpy(float),
                  status=osaka_links["status"].to_numpy(), source=osaka_links["source"].to_numpy(),
                  note="expected reduction a year of Osaka-linked JCM projects (benefit in the partner)")


def forest_cells(fund: pd.DataFrame) -> pd.DataFrame:
    """Forest-tax money between Osaka City and the national pool (:func:`footprint.forest.osaka_fund_flows`)."""
    n = len(fund)
    rs = fund.get("receipts_status", fund["status"]).to_numpy()
    ps = fund.get("payments_status", fund["status"]).to_numpy()
    return _cells(partner=POOL, year=np.concatenate([fund["fiscal_year"].to_numpy()] * 2), flow="forest_tax", layer="fund",
                  direction=np.repeat(["to_osaka", "from_osaka"], n), currency="amount_jpy",
                  national=np.concatenate([fund["receipts_jpy"].to_numpy(float), fund["payments_jpy"].to_numpy(float)]),
                  status=np.concatenate([rs, ps]), source=np.concatenate([fund["source"].to_numpy()] * 2),
                  note=np.repeat(["transfer tax received (譲与税)", "forest environment tax paid (森林環境税, from FY2024)"], n))


def domestic_cells(domestic: pd.DataFrame) -> pd.DataFrame:
    """Freight (t) and migrants (persons) between Osaka Prefecture and each prefecture; partner ``pref_NN``."""
    goods = domestic["mode"] == "goods"
    return _cells(partner=("pref_" + domestic["partner_code"].astype(int).map("{:02d}".format)).to_numpy(),
                  year=domestic["year"].to_numpy(), flow=np.where(goods, "freight", "migration"),
                  layer=np.where(goods, "resource", "people"), direction=domestic["direction"].to_numpy(),
                  currency=np.where(goods, "mass_t", "persons"), national=domestic["value"].to_numpy(float),
                  status=domestic["status"].to_numpy(), source=domestic["source"].to_numpy(),
                  note=np.where(goods, "Osaka Prefecture, all goods, FY", "Osaka Prefecture, migrants"))


def complete(cells: pd.DataFrame, partners: Sequence[str], years: Sequence[int],
             defined: Sequence[tuple[str, str, str, str]]) -> pd.DataFrame:
    """Every defined (partner, year, flow, direction, currency) of ``partners`` × ``years``: cells without data
    get ``available`` False, empty numbers, status ``not available`` and the source searched."""
    grid = pd.DataFrame([(p, int(y), *d) for p in partners for y in years for d in defined],
                        columns=["partner", "year", "flow", "layer", "direction", "currency"])
    keys = ["partner", "year", "flow", "layer", "direction", "currency"]
    c = cells[cells["partner"].isin(list(partners)) & cells["year"].isin(list(years))]
    m = grid.merge(c, on=keys, how="left", validate="one_to_one")
    m["available"] = m["value"].notna()
    m.loc[~m["available"], "status"] = NOT_AVAILABLE
    m.loc[~m["available"], "source"] = "none found (data/raw/partners/README and the partners fact sheet)"
    for col, fill in (("share", np.nan), ("share_sigma", 0.0), ("own_sigma", 0.0), ("note", "")):
        m[col] = m[col].fillna(fill) if col != "share" else m[col]
    return m


def simulate(cells: pd.DataFrame, draws: int = 2000, seed: int = 2026) -> tuple[pd.DataFrame, np.ndarray]:
    """Monte Carlo of the available cells: returns the cells with ``median, p05, p95`` and the draw matrix
    (cells × draws; NaN rows for cells not available). One share draw per year, shared by its cells."""
    rng = np.random.default_rng(seed)
    years = np.sort(cells["year"].unique())
    yi = np.searchsorted(years, cells["year"].to_numpy())
    z_year = rng.standard_normal((len(years), draws))
    z_own = rng.standard_normal((len(cells), draws))
    v = cells["value"].to_numpy(float)
    s1 = cells["share_sigma"].to_numpy(float)
    s2 = cells["own_sigma"].to_numpy(float)
    d = v[:, None] * np.exp(s1[:, None] * z_year[yi] + s2[:, None] * z_own)
    q = np.quantile(d, [0.5, 0.05, 0.95], axis=1)
    out = cells.copy()
    out["median"], out["p05"], out["p95"] = q[0], q[1], q[2]
    return out, d


def balance(cells: pd.DataFrame, d: np.ndarray) -> pd.DataFrame:
    """Net flow to Osaka per partner, year and currency (to − from), with its 90 % interval from the same draws.
    Not available when either direction of any flow counted in that currency is not available."""
    keys = ["partner", "year", "currency"]
    sign = np.where(cells["direction"].to_numpy() == "to_osaka", 1.0, -1.0)
    both = cells.groupby(["partner", "year", "flow", "currency"])["direction"].transform("nunique") == 2
    c = cells[both.to_numpy()]
    sd = d[both.to_numpy()] * sign[both.to_numpy(), None]
    grp = c.groupby(keys, sort=True)
    codes = grp.ngroup().to_numpy()
    uniq = grp.size().reset_index()[keys]
    order = np.argsort(codes, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(codes[order]) != 0])
    agg = np.add.reduceat(np.nan_to_num(sd[order]), starts, axis=0) if len(order) else np.zeros((0, d.shape[1]))
    avail = pd.Series(c["available"].to_numpy()).groupby(codes).all().to_numpy()
    central = np.zeros(len(uniq))
    np.add.at(central, codes, np.nan_to_num(c["value"].to_numpy(float) * sign[both.to_numpy()]))
    q = np.quantile(agg, [0.05, 0.95], axis=1)
    out = uniq.copy()
    out["balance_to_osaka"] = np.where(avail, central, np.nan)
    out["p05"] = np.where(avail, q[0], np.nan)
    out["p95"] = np.where(avail, q[1], np.nan)
    rank = c["status"].map({s: i for i, s in enumerate(_ORDER)}).to_numpy()
    worst = pd.Series(rank).groupby(codes).max().to_numpy()
    out["status"] = np.where(avail, np.array(_ORDER)[worst], NOT_AVAILABLE)
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


_ORDER = (*STATUSES, NOT_AVAILABLE)  # the project's status order, then a cell without data


def _weakest(statuses) -> str:
    return _ORDER[max(_ORDER.index(s) for s in statuses)]


def build_ledger(cells: pd.DataFrame, draws: int = 2000, seed: int = 2026) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ledger (cells with intervals, sorted) and the balance view, from completed cells."""
    cells = cells.sort_values(["partner", "year", "layer", "flow", "direction", "currency"], kind="stable").reset_index(drop=True)
    led, d = simulate(cells, draws, seed)
    return led, balance(led, d)


def time_series(ledger: pd.DataFrame, currency: str) -> pd.DataFrame:
    """One currency over the years: rows partner × flow × direction, columns years (NaN = not available)."""
    t = ledger[ledger["currency"] == currency]
    return t.pivot_table(index=["partner", "flow", "direction"], columns="year", values="value", aggfunc="sum",
                         dropna=False, min_count=1)


def display(ledger: pd.DataFrame, partner: str, year: int) -> pd.DataFrame:
    """One partner's ledger for one year as text: rows flow, columns direction × currency; each cell
    ``value [p05–p95] (status)`` or ``not available``."""
    t = ledger[(ledger["partner"] == partner) & (ledger["year"] == year)].copy()
    num = lambda s: s.map(lambda v: f"{v:,.3g}").astype(str)  # noqa: E731  (str also when no row: a year without data)
    txt = num(t["value"]) + " [" + num(t["p05"]) + "–" + num(t["p95"]) + "] (" + t["status"].astype(str) + ")"
    t["cell"] = np.where(t["available"], txt, NOT_AVAILABLE)
    return t.pivot(index="flow", columns=["direction", "currency"], values="cell").fillna("—")


def magnitude_flows(ledger: pd.DataFrame, currency: str, year: int, node_of: dict[str, str],
                    hub: str = "osaka_city") -> pd.DataFrame:
    """The available cells of one currency and year as flows (``source_id, target_id, layer, item, <currency>,
    status, source``) for the alluvial and the maps; a cell is one flow, drawn once."""
    t = ledger[(ledger["currency"] == currency) & (ledger["year"] == year) & ledger["available"] & (ledger["value"] > 0)]
    node = t["partner"].map(lambda p: node_of.get(p, p)).to_numpy()
    to = t["direction"].to_numpy() == "to_osaka"
    return pd.DataFrame({"source_id": np.where(to, node, hub), "target_id": np.where(to, hub, node),
                         "layer": t["layer"].to_numpy(), "item": t["flow"].to_numpy(),
                         currency: t["value"].to_numpy(float), "status": t["status"].to_numpy(),
                         "source": t["source"].to_numpy()}).reset_index(drop=True)


def magnitude_bonds(ledger: pd.DataFrame, currency: str, year: int) -> pd.DataFrame:
    """Bond metrics on magnitudes in one currency and year, per partner: ``to_osaka``, ``from_osaka``,
    ``balance`` (to − from), ``reciprocity`` = min/max of the two directions (NaN when a direction is not
    defined or not available), ``diversity`` = Shannon index of the kinds of flow ÷ ln(number of kinds)
    (NaN with fewer than two kinds), ``n_cells``, ``status`` (weakest of the available cells)."""
    t = ledger[(ledger["currency"] == currency) & (ledger["year"] == year)]
    a = t[t["available"]]
    to = a[a["direction"] == "to_osaka"].groupby("partner")["value"].sum()
    fr = a[a["direction"] == "from_osaka"].groupby("partner")["value"].sum()
    out = pd.DataFrame({"partner": sorted(t["partner"].unique())})
    out["to_osaka"] = out["partner"].map(to)
    out["from_osaka"] = out["partner"].map(fr)
    both = (out["to_osaka"].notna() & out["from_osaka"].notna()).to_numpy()  # both directions with data
    lo = np.fmin(out["to_osaka"], out["from_osaka"])
    hi = np.fmax(out["to_osaka"], out["from_osaka"])
    out["balance"] = out["to_osaka"] - out["from_osaka"]
    out["reciprocity"] = np.where(both & (hi > 0), lo / hi.where(hi > 0), np.nan)
    by = a.groupby(["partner", "flow"])["value"].sum()
    tot = by.groupby(level=0).transform("sum")
    p = (by / tot.where(tot > 0)).fillna(0.0)
    h = (-(p * np.log(p.where(p > 0))).fillna(0.0)).groupby(level=0).sum()
    k = by.groupby(level=0).size()
    out["diversity"] = out["partner"].map(h / np.log(k.where(k >= 2)))
    out["n_cells"] = out["partner"].map(a.groupby("partner").size()).fillna(0).astype(int)
    rank = a["status"].map({s: i for i, s in enumerate(_ORDER)})
    worst = rank.groupby(a["partner"]).max()
    out["status"] = out["partner"].map(lambda q: _ORDER[int(worst[q])] if q in worst.index else NOT_AVAILABLE)
    out["currency"] = currency
    out["year"] = int(year)
    return out


def ledger_latest_year(ledger: pd.DataFrame) -> int:
    """The latest year in which any ledger cell has data."""
    years = ledger.loc[ledger["available"], "year"]
    if years.empty:
        raise ParameterError("the ledger has no cell with data in any year")
    return int(years.max())


def partner_magnitudes(ledger: pd.DataFrame, partners: Sequence[str], year: int,
                       currencies: Sequence[str] = ("ef_gha", "co2_t", "amount_jpy", "persons")) -> pd.DataFrame:
    """:func:`magnitude_bonds` of ``partners`` in every currency of ``year``, one row per partner × currency:
    ``partner, currency, year, to_osaka, from_osaka, balance, reciprocity, status`` (a partner without data
    in a currency has empty values and status "not available")."""
    t = pd.concat([magnitude_bonds(ledger, c, year) for c in currencies], ignore_index=True)
    t = t[t["partner"].isin(list(partners))]
    cols = ["partner", "currency", "year", "to_osaka", "from_osaka", "balance", "reciprocity", "status"]
    return t[cols].sort_values(["partner", "currency"], kind="stable").reset_index(drop=True)

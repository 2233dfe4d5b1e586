# %% [markdown]
# # Interregional flows: resources, funds and people between Osaka and its partner regions
#
# Osaka's environmental plan answers the city's dependence on other regions with "diverse bonds":
# resources, funds and people flowing both ways with partner regions at home and abroad. This
# notebook builds those bonds as a multi-layer graph (a `networkx.MultiDiGraph`), converts flows
# into common currencies where that is meaningful (global hectares, t-CO₂, yen, persons), and
# measures each partner's bond: how many layers and kinds of flow connect it to Osaka, how diverse
# they are (Shannon index), whether they run both ways (reciprocity), and the net balance.
#
# Two kinds of bond are kept apart so that counts and magnitudes never share an axis: the **ties**
# (agreements, meetings, delegations, projects: counted) and the **magnitudes** of the partnership
# ledger (goods trade both ways with its embodied footprint, visitors, residents, Osaka-linked JCM
# reductions, forest-tax money, domestic freight and migration: measured in gha, t-CO₂, yen,
# persons or tonnes, with 90 % intervals).
#
# Every flow carries the publication it comes from and a status (`published`, `derived`,
# `estimated`, `illustrative`). Flows whose size is not published (Japan's support to UNEP-IETC,
# the Yodo River intake, delegation sizes) are kept as documented links without a quantity:
# they count as bonds but add nothing to any sum. Flows in units without a conversion factor (£
# of Greater Manchester's exports) keep their unit and are never dropped.
#
# The maths lives in `footprint.flows`, the charts in `footprint.outputs.plots.flows` and `.ledger`, the
# figures with their words in `footprint.outputs.figures.flows` (text from the caption catalog), the
# boundaries in `footprint.outputs.maps`.

# %% tags=["parameters"]
flows_year = 2025  # bonds as known in this year: the latest value of each series up to it
layers = ["resource", "fund", "people"]  # any of resource, fund, people
partners = []  # node ids to keep, e.g. hcmc or quezon_city; empty: every partner
extra_flows_file = ""  # path of your own flows CSV (same columns as data/raw/flows/flows.csv); empty: none
extra_nodes_file = ""  # path of your own nodes CSV for new nodes used by extra_flows_file; empty: none
city_layer = True  # add the biocapacity flowing into Osaka from footprint.city
forest_layer = True  # add the forest-tax fund flows from footprint.forest
currency = "ef_gha"  # size of the alluvial and the maps: ef_gha, co2_t, amount_jpy or persons
ledger_year = 2024  # year of the ledger figure and the per-partner table (years of the ledger)
year = 2022  # footprint year of the city model (2007 to 2024; national accounts after 2022 are GFN nowcasts)
draws = 2000  # Monte Carlo draws of the intervals (city headline and partnership ledger)
seed = 2026  # random seed of every Monte Carlo of the run
lang = "en"  # en or ja: labels of figures and tables
output_dir = ""  # empty: reports/interactive/<notebook>; the runner sets its run folder
processed_dir = ""  # empty: do not publish (the runner publishes complete baseline runs); a folder: also write tables there
results = {}  # empty: compute the model in the notebook; the runner sets the folders of the run's computed results

# %%
import pandas as pd

from footprint import accounts as A
from footprint import flows as FL
from footprint.outputs import maps
from footprint.outputs.figures import flows as figures
from footprint.outputs.plots import flows as flows_plots
from footprint.outputs.plots import ledger as ledger_plots
from footprint.pipeline.model import start

run = start("04_interregional_flows", globals())  # checks the parameters; reads (or computes) the run's results
out, R = run.out, run.results  # figures and tables of this notebook; the run's Osaka, forest and flows results
flows_year = FL.check_year(flows_year)
seed_tables = FL.load_seed()
print(f"seed: {len(seed_tables.nodes)} nodes, {len(seed_tables.flows)} flows in {seed_tables.flows['layer'].nunique()} layers")

# %% [markdown]
# ## Layers from the other modules
#
# The biocapacity Osaka City uses from the rest of Japan and from abroad (the city footprint,
# an estimate) and the forest environment tax flowing between Osaka City and the national pool
# (the forest module: receipts modelled except the published FY2023 figure; the levy from
# FY2024). For carbon the city layer says "carbon: uptake land not located": carbon-uptake land is
# a hypothetical forest area, not a place the CO₂ goes to. Where the forest module and the seed data give the same flow, the seed's published
# figure is kept. Your own nodes and flows files are added last.

# %%
origin = origin_year = fund = None
if city_layer:
    origin_year = year  # the run's footprint year: the same city model the brief cites
    origin = R["osaka"]["origin_table"]
    print(f"city footprint by origin: {origin_year} (the run's city model)")
if forest_layer:
    fund = R["forest"]["flows"]  # the run's forest-tax money (notebook 03)
flows, added = FL.with_model_layers(seed_tables.flows, seed_tables.nodes, seed_tables.units, origin=origin,
                                    origin_year=origin_year, fund=fund)
nodes, flows, n_extra = FL.add_user_tables(seed_tables.nodes, flows, seed_tables.units,
                                           extra_nodes_file=extra_nodes_file, extra_flows_file=extra_flows_file)
if extra_flows_file:
    added["extra"] = n_extra
print("flows added:", added or "none")

# %% [markdown]
# ## Common currencies
#
# Conversion factors, each with its source. Carbon dioxide becomes carbon-uptake land with the
# National Footprint Accounts method, gha per t CO₂ = forest equivalence factor × (1 − ocean
# uptake share) ÷ (average forest carbon sequestration × 3.664 t CO₂ per t C): about 0.35 gha per
# t CO₂ (an estimate: the sequestration rate and ocean share are not confirmed against the
# paper). Wood becomes forest land by the GFN convention: m³ ÷ world average forest yield × forest
# equivalence factor, the yield derived from the accounts (the World's production footprint of
# forest products) and FAO's world roundwood production (an estimate: a rounded published figure).

# %%
fy, eqf, y_w = FL.nfa_forest_factors(A.load_nfa(), flows_year)
factors = FL.conversion_table(seed_tables.units, seed_tables.parameters, seed_tables.carbon_uptake, eqf_forest=eqf, world_yield_m3_per_ha=y_w, year=fy,
                              nfa_source=A.NFA_SOURCE)
factors[["unit", "item", "currency", "factor", "status", "note"]]

# %%
res = FL.analyse_flows(flows, nodes, factors, year=flows_year, layers=layers, partners=partners)
conv, bonds = res.converted, res.bonds
counts = FL.conversion_counts(conv)
print(f"{counts['flows']} flows as known in {flows_year}; {counts['converted']} converted to at least one common currency; "
      f"{counts['without_quantity']} documented without a quantity; {counts['own_units']} kept in their own units "
      f"({', '.join(counts['units_kept'])})")
graph = FL.build_graph(nodes, conv)
print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")

# %% [markdown]
# ## Bonds per partner
#
# For every node linked directly to Osaka (Osaka City or Osaka Prefecture): the number of
# flows, layers and kinds of item; the Shannon index of its flows over item kinds and over layers
# (0 = a single kind; ln 3 ≈ 1.10 = the three layers equally); reciprocity = share of its layers
# with flows in both directions; strength = sum of its flows in each common currency.

# %%
bonds[["partner", "name_en", "n_flows", "n_layers", "n_items", "layers", "shannon_items", "shannon_layers",
       "reciprocity", "strength_persons", "strength_amount_jpy", "strength_ef_gha", "status"]].round(3)

# %% [markdown]
# ## Circular flows and centrality
#
# Cycles are loops of flows (up to four nodes). A loop closed by a different layer, money going
# out and wood or people coming back, is the idea of 地域循環共生圏 (the regional circular and
# ecological sphere). PageRank and betweenness are computed on the graph of distinct node pairs.

# %%
print(res.cycles.to_string(index=False) if len(res.cycles) else "no cycle")
res.centrality.sort_values("pagerank", ascending=False).head(8).round(4)

# %% [markdown]
# ## The partnership ledger: magnitudes both ways
#
# For each partner and year, each kind of flow to and from Osaka in gha, t-CO₂, yen and persons
# (tonnes for freight) where the conversion is defined, with a 90 % interval and a status.
#
# - **Goods trade**: Japan's trade with the partner (Trade Statistics of Japan, published) times
#   Osaka City's share of Japan's household consumption (population share × the city model's
#   household spending ratio, about 2 %; estimated). The interval covers the city model's
#   Monte Carlo spread and a structural spread of ±20 % (log scale) for using that share for trade.
# - **Embodied footprint**: commodity groups mapped to land types (food → cropland, meat → grazing,
#   fish → fishing grounds, wood, furniture and paper → forest, the rest → carbon); intensity per
#   land type = Japan's NFA footprint of imports (exports) ÷ the value of Japan's mapped imports
#   (exports) from the world (±30 % log spread for the mapping). Estimated.
# - **Visitors**: arrivals in Japan (JNTO) × the share of each nationality visiting Osaka
#   Prefecture (大阪観光局, 2014–2016). **Residents**: Osaka City, June 2022 (ISA). **JCM**: expected
#   reductions of the Osaka-linked projects; their yen amounts are not published.
# - **Forest tax**: money between Osaka City and the national pool (footprint.forest).
# - **Domestic**: freight (FY2022) and migrants (2019–2025) between Osaka Prefecture and each prefecture.
#
# A defined cell without data says "not available", never zero.

# %%
partnership = FL.partnership_of(R["flows"])  # the run's ledger (the brief reads the same one)
ledger, balance_view = partnership.ledger, partnership.balance
shown = figures.ledger_partners(forest_layer)  # the partner countries, and the forest-tax pool with the forest layer
names_p = figures.partner_names(lang)
print(f"ledger: {len(ledger)} cells, {int(ledger['available'].sum())} with data; draws {draws}")
print("embodied method vs Japan's NFA footprint of imports (all partners together): max relative difference "
      f"{partnership.reproduction['rel_diff'].abs().max():.1e}")
partnership.cross_checks.round(4)

# %%
for p in shown:
    print(names_p[p])
    print(FL.display(ledger, p, ledger_year).to_string(), end="\n\n")

# %%
out.figure(figures.partnership_ledger(R["flows"], lang, year=ledger_year, partners=shown))

# %%
out.figure(figures.ledger_time_series(R["flows"], lang, currency=currency))

# %% [markdown]
# Bond metrics on magnitudes (in the chosen currency): reciprocity = the smaller direction ÷ the
# larger; diversity = Shannon index of the kinds of flow ÷ ln(number of kinds). The count-based
# metrics above (ties) are labelled as counts.

# %%
mbonds = FL.magnitude_bonds(ledger, currency, ledger_year)
out.figure(figures.magnitude_bonds(R["flows"], mbonds, lang, currency=currency, year=ledger_year, partners=shown))
mbonds.round(3)

# %% [markdown]
# ## Maps
#
# World: flows between Osaka and its partners abroad, one panel per layer (Natural Earth boundaries),
# each in the chosen currency (the `currency` parameter) where the layer has flows abroad in it, else
# in its own unit (funds abroad: JCM reductions in t-CO₂, their yen unpublished; people: persons);
# line width ∝ √size within a panel, with two round sizes in its key. Domestic: partners
# in Japan (National Land Numerical Information N03 boundaries, MLIT) in the chosen currency where
# it is defined for domestic flows, else in tonnes of freight; the 8 largest partners. Nodes
# without a location are not drawn; the caption counts them.

# %%
mnodes = pd.concat([nodes, partnership.nodes], ignore_index=True)
mflows = FL.magnitude_flows(ledger, currency, ledger_year, partnership.node_of)
dflows, dom_currency = figures.domestic_flows(ledger, currency, ledger_year, partnership.node_of)
countries = maps.world_countries()
munis = maps.japan_municipalities(prefectures=flows_plots.map_prefecture_codes(mnodes[mnodes["id"].isin(set(dflows["source_id"]) | set(dflows["target_id"]) | set(nodes["id"]))]))
prefs = maps.japan_prefectures()
points = flows_plots.node_points(mnodes, countries=countries, municipalities=munis, prefectures=prefs)
wflows, wunits = figures.world_layer_flows(ledger, currency, ledger_year, partnership.node_of, mnodes, points,
                                           layers)
out.figure(figures.world_flow_map(wflows, mnodes, points, countries, lang, currency=currency, year=ledger_year,
                                  layers=layers, weights=wunits))

# %%
out.figure(figures.domestic_partner_map(dflows, mnodes, points, prefs, munis, lang, currency=dom_currency,
                                        asked=currency))

# %% [markdown]
# ## Flows by layer (magnitudes), ties per partner (counts)

# %%
out.figure(figures.alluvial_by_layer(mflows, mnodes, lang, currency=currency, year=ledger_year, layers=layers))

# %%
out.figure(figures.partner_layer_heatmap(res, nodes, lang, year=flows_year, added=added))

# %%
out.figure(figures.bond_profiles(res, nodes, lang, year=flows_year, added=added))

# %% [markdown]
# ## Tables
#
# Written to the run folder and to `data/processed/04_interregional_flows/`: the nodes, the flows
# as known in the chosen year with their common-currency values, the conversion factors, the
# bond metrics per partner (cited by the local-SDGs brief, SDG 17), the balances, centrality and
# cycles.

# %%
written = out.tables(
    {
        "nodes": nodes,
        "flows": conv,
        "conversion_factors": factors,
        "bond_metrics": bonds,
        "partner_balance_units": res.balance_units,
        "partner_balance_currencies": res.balance_currencies,
        "node_balance": res.node_balance,
        "centrality": res.centrality,
        "cycles": res.cycles,
        "partnership_ledger": ledger,
        "partnership_balance": balance_view,
        "partnership_magnitude_bonds": mbonds,
        "embodied_trade": partnership.embodied,
        "embodied_intensities": partnership.intensities,
        "osaka_shares": partnership.shares,
        "embodied_cross_checks": partnership.cross_checks,
    }
)
out.json("headline", FL.headline(flows_year, conv, bonds, res.cycles))
sorted(p.name for p in written.values())

# %% [markdown]
# ## Closing note
#
# The partners with their bond metrics, strongest first. A status other than `published` means
# at least one of the partner's numbers is derived or estimated.

# %%
print(ledger_plots.partner_summary(bonds, lang).round(2).to_string(index=False))

# %% [markdown]
# And the magnitudes: for each partner in the ledger year, what flows to and from Osaka in each
# currency (central estimate, 90 % interval, status), and the net balance per currency.

# %%
for p in shown:
    print(names_p[p])
    print(FL.display(ledger, p, ledger_year).to_string(), end="\n\n")
print(balance_view[(balance_view["year"] == ledger_year) & balance_view["partner"].isin(shown)].round(0).to_string(index=False))


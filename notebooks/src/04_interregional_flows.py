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
# Every flow carries the publication it comes from and a status (`published`, `derived`,
# `estimated`, `illustrative`). Flows whose size is not published (Japan's support to UNEP-IETC,
# the Yodo River intake, delegation sizes) are kept as documented links without a quantity:
# they count as bonds but add nothing to any sum. Flows in units without a conversion factor (£
# of Greater Manchester's exports) keep their unit and are never dropped.
#
# The maths lives in `footprint.flows`, the charts in `footprint.outputs.plots.flows`, the boundaries in
# `footprint.outputs.maps`.

# %% tags=["parameters"]
year = 2025  # bonds as known in this year: the latest value of each series up to it
layers = ["resource", "fund", "people"]  # any of resource, fund, people
partners = []  # node ids to keep, e.g. hcmc or quezon_city; empty: every partner
extra_flows_file = ""  # path of your own flows CSV (same columns as data/raw/flows/flows.csv); empty: none
extra_nodes_file = ""  # path of your own nodes CSV for new nodes used by extra_flows_file; empty: none
city_layer = True  # add the biocapacity flowing into Osaka from footprint.city
forest_layer = True  # add the forest-tax fund flows from footprint.forest
lang = "en"  # en or ja: labels of figures and tables
output_dir = ""  # empty: reports/interactive/04_interregional_flows; the runner sets its run folder
processed_dir = "data/processed"  # tables are also published here; empty: do not publish

# %%
from footprint import accounts as A
from footprint import city as C
from footprint import flows as FL
from footprint import forest as F
from footprint.core import weakest_status
from footprint.outputs import maps
from footprint.outputs.labels import pick
from footprint.outputs.notebook import NotebookOutputs
from footprint.outputs.plots import flows as flows_plots

out = NotebookOutputs.create(
    "04_interregional_flows",
    output_dir=output_dir,
    processed_dir=processed_dir,
    lang=lang,
    parameters=dict(year=year, layers=layers, partners=partners, extra_flows_file=extra_flows_file, extra_nodes_file=extra_nodes_file,
                    city_layer=city_layer, forest_layer=forest_layer, lang=lang),
)
year = FL.check_year(year)
seed = FL.load_seed()
print(f"seed: {len(seed.nodes)} nodes, {len(seed.flows)} flows in {seed.flows['layer'].nunique()} layers")

# %% [markdown]
# ## Layers from the other modules
#
# The biocapacity Osaka City uses from the rest of Japan and from abroad (the city footprint,
# an estimate) and the forest environment tax flowing between Osaka City and the national pool
# (the forest module: receipts modelled except the published FY2023 figure; the levy from
# FY2024). Where the forest module and the seed data give the same flow, the seed's published
# figure is kept. Your own nodes and flows files are added last.

# %%
origin = origin_year = fund = None
if city_layer:
    origin_year = FL.origin_year_for(C.default_inputs().years, year)
    origin = C.osaka_origin_table(origin_year)
    print(f"city footprint by origin: {origin_year} (latest year of the city model up to {year})")
if forest_layer:
    fund = F.osaka_fund_flows(range(2019, year + 1), F.load_inputs())
flows, added = FL.with_model_layers(seed.flows, seed.nodes, seed.units, origin=origin, origin_year=origin_year, fund=fund)
nodes, flows, n_extra = FL.add_user_tables(seed.nodes, flows, seed.units, extra_nodes_file=extra_nodes_file,
                                           extra_flows_file=extra_flows_file)
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
# paper). Wood becomes forest land as m³ ÷ increment × Japan's forest yield factor × equivalence
# factor, assuming the supplying forest grows like a mid-age sugi stand (an estimate).

# %%
fy, eqf, yf = FL.nfa_forest_factors(A.load_nfa(), year)
factors = FL.conversion_table(seed.units, seed.parameters, seed.carbon_uptake, eqf_forest=eqf, yf_forest=yf, year=fy,
                              nfa_source=A.NFA_SOURCE)
factors[["unit", "item", "currency", "factor", "status", "note"]]

# %%
res = FL.analyse_flows(flows, nodes, factors, year=year, layers=layers, partners=partners)
conv, bonds = res.converted, res.bonds
counts = FL.conversion_counts(conv)
print(f"{counts['flows']} flows as known in {year}; {counts['converted']} converted to at least one common currency; "
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
# ## Maps
#
# World: flows between Osaka and its partners abroad, one panel per layer (Natural Earth
# boundaries). Domestic: partners in Japan (National Land Numerical Information N03 boundaries,
# MLIT). Nodes without a location in the sources (ministries, the national tax pool, "rest of
# Japan") are not drawn; the caption counts them.

# %%
countries = maps.world_countries()
munis = maps.japan_municipalities(prefectures=flows_plots.map_prefecture_codes(nodes))
prefs = maps.japan_prefectures()
points = flows_plots.node_points(nodes, countries=countries, municipalities=munis, prefectures=prefs)
scope = flows_plots.map_scope(conv, nodes, points)
src_flows, layer_src = flows_plots.flow_sources(lang, added)

fig = flows_plots.world_flow_map(conv, nodes, points, countries, layers=layers, lang=lang)
out.figure(
    fig,
    "world_flow_map",
    title=pick(lang, f"Flows between Osaka and its partners abroad, by layer ({year})",
               f"大阪と海外パートナーの間のフロー（層別、{year}年）"),
    caption=pick(lang,
                 f"Arrows join Osaka and its partners abroad, one panel per layer; red = towards Osaka, grey = from "
                 f"Osaka, dotted = between others (ministries are placed at their country's centre); line width grows "
                 f"with the number of flows on the pair. {len(scope.not_drawn)} of {len(conv)} flows have an end without a "
                 "location and are not drawn; flows within Japan are on the domestic map.",
                 f"大阪と海外パートナーを結ぶ矢印（層別）。赤＝大阪へ、灰＝大阪から、点線＝その他の間（省庁は国の中心に配置）。"
                 f"線の太さはその組のフロー数。{len(conv)}件中{len(scope.not_drawn)}件は端点の位置がないため描いていない。"
                 "国内のフローは国内地図に示す。"),
    source=layer_src,
    credit=maps.credit("natural_earth", lang=lang),
    status=weakest_status(scope.international["status"]),
)

# %%
fig = flows_plots.domestic_map(conv, nodes, points, prefs, munis, lang=lang)
out.figure(
    fig,
    "domestic_partner_map",
    title=pick(lang, f"Osaka's domestic partners ({year})", f"大阪の国内パートナー（{year}年）"),
    caption=pick(lang,
                 "Flows between Osaka and partners in Japan: Lake Biwa and the Yodo River supply Osaka's water; "
                 "Kawachinagano and Chihayaakasaka proposed uses of the forest transfer tax to Osaka City. No partner "
                 "forest town of Osaka City is named in the sources; add one with extra_flows_file.",
                 "大阪と国内パートナーの間のフロー。琵琶湖・淀川は大阪の水源。河内長野市と千早赤阪村は森林環境譲与税の使途を"
                 "大阪市などに提案。大阪市の連携先の森林自治体は資料に見当たらない（extra_flowsで追加できる）。"),
    source=src_flows,
    credit=maps.credit("mlit", lang=lang),
    status=weakest_status(scope.domestic["status"]),
)

# %% [markdown]
# ## Flows by layer, partner by layer, bond profiles

# %%
fig = flows_plots.alluvial(conv, nodes, lang=lang)
out.figure(
    fig,
    "alluvial_by_layer",
    title=pick(lang, f"Who sends what to whom, by layer ({year})", f"層別のフロー：どこからどこへ（{year}年）"),
    caption=pick(lang,
                 "Band widths are numbers of flows (each flow counted once), so that layers measured in different "
                 "units can be compared; sizes in common currencies are in the tables.",
                 "帯の幅はフローの件数（各フロー1回）。単位の異なる層を比べるため。共通通貨での大きさは表に示す。"),
    source=layer_src,
    status=weakest_status(conv["status"]),
)

# %%
fig = flows_plots.partner_layer_heatmap(conv, nodes, lang=lang, partners=list(bonds["partner"]))
hub_status = weakest_status(FL.hub_links(conv)["status"])
out.figure(
    fig,
    "partner_layer_heatmap",
    title=pick(lang, f"Partners × layers: flows with Osaka ({year})", f"パートナー×層：大阪とのフロー数（{year}年）"),
    caption=pick(lang,
                 f"Number of flows between each partner and Osaka per layer; ⇄ marks flows in both directions. "
                 f"{int((bonds['n_layers'] >= 2).sum())} of {len(bonds)} partners are linked in two or more layers.",
                 f"各パートナーと大阪の層別フロー数。⇄は双方向のフローがある層。{len(bonds)}のパートナーのうち"
                 f"{int((bonds['n_layers'] >= 2).sum())}が2層以上で結ばれている。"),
    source=layer_src,
    status=hub_status,
)

# %%
fig = flows_plots.bond_profiles(conv, bonds, nodes, lang=lang)
out.figure(
    fig,
    "bond_profiles",
    title=pick(lang, f"Bond profile of each partner ({year})", f"パートナーごとのきずなのプロファイル（{year}年）"),
    caption=pick(lang,
                 "Flows from Osaka (left) and to Osaka (right) per layer. H = Shannon index of the partner's flows over "
                 "item kinds; reciprocity = share of its layers with flows both ways.",
                 "層別の大阪からのフロー（左）と大阪へのフロー（右）。H＝品目の種類についてのシャノン指数、"
                 "双方向性＝両方向のフローがある層の割合。"),
    source=layer_src,
    status=hub_status,
)

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
    }
)
out.json("headline", FL.headline(year, conv, bonds, res.cycles))
sorted(p.name for p in written.values())

# %% [markdown]
# ## Closing note
#
# The partners with their bond metrics, strongest first. A status other than `published` means
# at least one of the partner's numbers is derived or estimated.

# %%
print(flows_plots.partner_summary(bonds, lang).round(2).to_string(index=False))

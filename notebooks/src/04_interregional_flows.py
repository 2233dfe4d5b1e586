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
# The maths lives in `footprint.flows`, the charts in `footprint.outputs.plots.flows`, the boundaries in
# `footprint.outputs.maps`.

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
from footprint.core import weakest_status
from footprint.outputs import maps
from footprint.outputs.labels import pick
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
abroad = list(FL.PARTNERS)
names_p = {k: pick(lang, v[0], v[1]) for k, v in FL.PARTNERS.items()} | {"government_of_japan": pick(lang, "National forest-tax pool", "国の森林環境譲与税財源")}
shown = abroad + (["government_of_japan"] if forest_layer else [])
print(f"ledger: {len(ledger)} cells, {int(ledger['available'].sum())} with data; draws {draws}")
print("embodied method vs Japan's NFA footprint of imports (all partners together): max relative difference "
      f"{partnership.reproduction['rel_diff'].abs().max():.1e}")
partnership.cross_checks.round(4)

# %%
for p in shown:
    print(names_p[p])
    print(FL.display(ledger, p, ledger_year).to_string(), end="\n\n")

# %%
fig = ledger_plots.ledger_figure(ledger, shown, ledger_year, names=names_p, lang=lang)
out.figure(
    fig,
    "partnership_ledger",
    title=pick(lang, f"Partnership ledger: what flows to and from Osaka, four currencies ({ledger_year})",
               f"パートナーシップ台帳：大阪への流れと大阪からの流れ（4通貨、{ledger_year}年）"),
    caption=pick(lang,
                 "Each row is a partner, each column a currency; bars to the right flow to Osaka, to the left from "
                 "Osaka, whiskers are 90 % intervals. Goods trade is Japan's trade attributed to Osaka City by its share "
                 "of Japan's household consumption (about 2 %); gha and t-CO₂ are the footprint embodied in that trade. "
                 "n/a: no data (JCM yen amounts are not published).",
                 "行はパートナー、列は通貨。右向きは大阪へ、左向きは大阪からの流れ、ひげは90%区間。財の貿易は日本の貿易額を"
                 "大阪市の家計消費シェア（約2%）で按分した推計。gha と t-CO₂ はその貿易に体化したフットプリント。n/a：データなし"
                 "（JCMの円建て額は非公表）。"),
    source="Trade Statistics of Japan (MOF); NFA 2025; footprint.city; JNTO; 大阪観光局; ISA; MOEJ JCM; footprint.forest",
    status="estimated",
)

# %%
fig = ledger_plots.ledger_time_series(ledger, abroad, currency if currency in ("ef_gha", "co2_t", "amount_jpy") else "ef_gha",
                                      names=names_p, lang=lang)
out.figure(
    fig,
    "ledger_time_series",
    title=pick(lang, "Goods trade with each partner attributed to Osaka, 2009–2024",
               "大阪に按分した各パートナーとの財の貿易（2009〜2024年）"),
    caption=pick(lang, "To and from Osaka each year with the 90 % band; gaps are years without data (exports to Viet Nam "
                       "are reported from 2017).",
                 "各年の大阪への流れと大阪からの流れ（帯は90%区間）。空白はデータのない年（ベトナム向け輸出は2017年から）。"),
    source="Trade Statistics of Japan (MOF); NFA 2025; footprint.city",
    status="estimated",
)

# %% [markdown]
# Bond metrics on magnitudes (in the chosen currency): reciprocity = the smaller direction ÷ the
# larger; diversity = Shannon index of the kinds of flow ÷ ln(number of kinds). The count-based
# metrics above (ties) are labelled as counts.

# %%
mbonds = FL.magnitude_bonds(ledger, currency, ledger_year)
mb = mbonds[mbonds["partner"].isin(shown) | (mbonds["to_osaka"].fillna(0) > 0)].sort_values("to_osaka", ascending=False).head(12)
fig = ledger_plots.magnitude_bond_chart(mb, names=names_p | dict(zip(partnership.nodes["id"], partnership.nodes["name_ja"])), lang=lang)
out.figure(
    fig,
    "magnitude_bonds",
    title=pick(lang, f"Bond metrics on magnitudes in {ledger_plots.currency_label(currency, lang)} ({ledger_year})",
               f"大きさに基づくきずなの指標（{ledger_plots.currency_label(currency, lang)}、{ledger_year}年）"),
    caption=pick(lang, "Reciprocity 1 = as much flows back as comes in; grey = a direction not defined or not available.",
                 "双方向性1＝流入と同じだけ流出。灰色＝片方向が定義なしまたはデータなし。"),
    source="partnership ledger (this notebook)",
    status=weakest_status(mb.loc[mb["status"] != FL.NOT_AVAILABLE, "status"]),
)
mbonds.round(3)

# %% [markdown]
# ## Maps
#
# World: flows between Osaka and its partners abroad in the chosen currency (the `currency`
# parameter; line width ∝ √size), one panel per layer (Natural Earth boundaries). Domestic: partners
# in Japan (National Land Numerical Information N03 boundaries, MLIT) in the chosen currency where
# it is defined for domestic flows, else in tonnes of freight. Nodes without a location are not
# drawn; the caption counts them.

# %%
mnodes = pd.concat([nodes, partnership.nodes], ignore_index=True)
mflows = FL.magnitude_flows(ledger, currency, ledger_year, partnership.node_of)
dom_currency = currency if (ledger[(ledger["currency"] == currency) & ledger["flow"].isin(["freight", "migration"])]).size else "mass_t"
dflows = FL.magnitude_flows(ledger, dom_currency, 2022 if dom_currency == "mass_t" else ledger_year, partnership.node_of)
dflows = dflows[dflows["item"].isin(["freight", "migration"])]
dpartner = dflows["source_id"].where(dflows["target_id"] == "osaka_city", dflows["target_id"])
dflows = dflows[dpartner.isin(dflows.groupby(dpartner)[dom_currency].sum().nlargest(8).index)]  # the 8 largest partners
countries = maps.world_countries()
munis = maps.japan_municipalities(prefectures=flows_plots.map_prefecture_codes(mnodes[mnodes["id"].isin(set(dflows["source_id"]) | set(dflows["target_id"]) | set(nodes["id"]))]))
prefs = maps.japan_prefectures()
points = flows_plots.node_points(mnodes, countries=countries, municipalities=munis, prefectures=prefs)
cur_label = ledger_plots.currency_label(currency, lang)
src_flows, layer_src = flows_plots.flow_sources(lang, added)  # the sources of the ties charts below

fig = flows_plots.world_flow_map(mflows, mnodes, points, countries, layers=layers, lang=lang, weight=currency)
out.figure(
    fig,
    "world_flow_map",
    title=pick(lang, f"Flows between Osaka and its partners abroad in {cur_label} ({ledger_year})",
               f"大阪と海外パートナーの間の流れ（{cur_label}、{ledger_year}年）"),
    caption=pick(lang,
                 f"Arrows join Osaka and its partner countries, one panel per layer; red = towards Osaka, grey = from Osaka; "
                 f"line width ∝ √size in {cur_label} (the partnership ledger, central estimates; intervals in the ledger "
                 "figure). Countries are placed at their centroid.",
                 f"大阪と相手国を結ぶ矢印（層別）。赤＝大阪へ、灰＝大阪から。線の太さは{cur_label}での大きさの平方根に比例"
                 "（台帳の中央値。区間は台帳の図）。国は重心に配置。"),
    source="partnership ledger (this notebook)",
    credit=maps.credit("natural_earth", lang=lang),
    status=weakest_status(mflows["status"]) if len(mflows) else "estimated",
)

# %%
dom_label = ledger_plots.currency_label(dom_currency, lang)
fig = flows_plots.domestic_map(dflows, mnodes, points, prefs, munis, lang=lang, weight=dom_currency)
out.figure(
    fig,
    "domestic_partner_map",
    title=pick(lang, f"Osaka Prefecture and its largest domestic partners in {dom_label}",
               f"大阪府と主な国内パートナー（{dom_label}）"),
    caption=pick(lang,
                 f"Freight (FY2022) or migrants between Osaka Prefecture and the prefectures with the largest flows, in "
                 f"{dom_label}; line width ∝ √size; prefectures at their centroid."
                 + ("" if dom_currency == currency else f" Domestic flows have no {cur_label} value, so tonnes are shown."),
                 f"大阪府と流れの大きい都道府県の間の貨物（2022年度）または人口移動（{dom_label}）。線の太さは大きさの平方根に比例。"
                 + ("" if dom_currency == currency else f"国内の流れには{cur_label}の値がないためトンで示す。")),
    source="MLIT 貨物地域流動調査 (FY2022); 住民基本台帳人口移動報告",
    credit=maps.credit("mlit", lang=lang),
    status=weakest_status(dflows["status"]) if len(dflows) else "published",
)

# %% [markdown]
# ## Flows by layer (magnitudes), ties per partner (counts)

# %%
fig = flows_plots.alluvial(mflows, mnodes, lang=lang, weight=currency)
out.figure(
    fig,
    "alluvial_by_layer",
    title=pick(lang, f"Who sends what to whom, by layer, in {cur_label} ({ledger_year})",
               f"層別の流れ：どこからどこへ（{cur_label}、{ledger_year}年）"),
    caption=pick(lang,
                 f"Band widths are sizes in {cur_label} from the partnership ledger (central estimates), each ledger "
                 "cell drawn once; flows without a value in this currency are left out (see the ledger figure).",
                 f"帯の幅は台帳の{cur_label}での大きさ（中央値）。台帳の各セルを1回ずつ描く。この通貨で値のない流れは除く"
                 "（台帳の図を参照）。"),
    source="partnership ledger (this notebook)",
    status=weakest_status(mflows["status"]) if len(mflows) else "estimated",
)

# %%
fig = ledger_plots.partner_layer_heatmap(conv, nodes, lang=lang, partners=list(bonds["partner"]))
hub_status = weakest_status(FL.hub_links(conv)["status"])
out.figure(
    fig,
    "partner_layer_heatmap",
    title=pick(lang, f"Ties: number of flows between each partner and Osaka, by layer ({flows_year})",
               f"つながり：パートナーと大阪の層別フロー数（{flows_year}年）"),
    caption=pick(lang,
                 f"Number of flows between each partner and Osaka per layer; ⇄ marks flows in both directions. "
                 f"{int((bonds['n_layers'] >= 2).sum())} of {len(bonds)} partners are linked in two or more layers.",
                 f"各パートナーと大阪の層別フロー数。⇄は双方向のフローがある層。{len(bonds)}のパートナーのうち"
                 f"{int((bonds['n_layers'] >= 2).sum())}が2層以上で結ばれている。"),
    source=layer_src,
    status=hub_status,
)

# %%
fig = ledger_plots.bond_profiles(conv, bonds, nodes, lang=lang)
out.figure(
    fig,
    "bond_profiles",
    title=pick(lang, f"Ties: bond profile of each partner, number of flows ({flows_year})",
               f"つながり：パートナーごとのきずなのプロファイル（フロー数、{flows_year}年）"),
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


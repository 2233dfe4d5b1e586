# %% [markdown]
# # Forest Environment Transfer Tax, timber use and carbon sinks
#
# Osaka City receives the Forest Environment Transfer Tax (森林環境譲与税) and, from FY2024, its
# residents pay the Forest Environment Tax (森林環境税, 1,000 yen a year per payer of the per-capita
# residential tax). This notebook shows the money (what Osaka receives, what its residents pay,
# where it goes), the carbon stored in wood bought with it, the sink of partner forests it could
# support, and both against Osaka's emissions and carbon footprint.
#
# * **Allocation** (法第28条): each tier's pool is shared by private planted-forest area (corrected
#   by the forest ratio; the multipliers are **unverified**), forestry workers and census population,
#   with weights 50/20/30 up to FY2023 and 55/20/25 from FY2024. The FY2024 municipal/prefectural
#   split (540/60 × 100 M yen) is **inferred** from the 9:1 design target, not published.
# * **Osaka's receipts**: Osaka City has 0 ha of private planted forest; its population share is
#   exact (census); its forestry-worker share is not in our data and is **calibrated on the published
#   FY2023 receipt** (an estimate) unless a researcher supplies a worker table. FY2019 (about twice the
#   published first tranche) is the independent check.
# * **Levy**: payers estimated from Osaka's population share of about 62 million payers nationally.
# * **Carbon in wood**: Forestry Agency guideline (2021) `Cs = W × D × Cf × 44/12`, then the IPCC
#   first-order decay (half-lives: sawnwood 35, panels 25, paper 2 years). The spending share,
#   product mix and prices are **illustrative** assumptions: Osaka's wood volumes are not published.
# * **Partner-forest sink**: `ΔV × BEF × (1+R) × D × CF × 44/12`; sugi parameters verified, other
#   species flagged. No partner forest of Osaka City is named in any source: the default partners
#   (Kawachinagano and Chihayaakasaka, which proposed joint projects to Osaka City in 2021) and the
#   supported area are an **illustrative scenario**.
#
# The maths lives in `footprint.forest` (`F.compute`: the scenario, emissions and offsets, computed once
# per run and read by this notebook, the flow graph and the SDGs brief); this notebook tells the story.

# %% tags=["parameters"]
fiscal_years = [2019, 2025]  # first and last fiscal year of the receipts and payments table
census_2020_from_fy = 2022  # first fiscal year allocated with the 2020 census (assumed; earlier years 2015)
payers_persons = 0.0  # levy payers in Osaka City; 0 means estimated from the population share
forestry_workers_file = ""  # optional CSV: code5, forestry_workers_persons (UTF-8 or cp932)
planted_forest_file = ""  # optional CSV: code5, planted_forest_area_ha, optional forest_ratio
destination_fy = 2024  # fiscal year shown in the where-the-money-goes chart and map
wood_share = 0.5  # share of receipts spent on wood products (illustrative)
purchase_years = [2019, 2050]  # fiscal years in which wood is bought with the receipts (illustrative)
horizon_year = 2050  # last year of the wood-carbon stock
partner_codes = ["27216", "27383"]  # partner forest municipalities (illustrative: Kawachinagano, Chihayaakasaka)
supported_area_ha = 100.0  # forest area supported in each partner municipality (illustrative)
stand_mix = [["sugi", 38, 0.6], ["hinoki", 25, 0.4]]  # species, stand age in years, share of the area
sink_from_year = 2024  # first year the partner forests are supported
emissions_co2_t = 0.0  # Osaka City CO2 emissions per year; 0 means the documented estimate from prefecture emissions
year = 2022  # footprint year of the city model (2007 to 2024; national accounts after 2022 are GFN nowcasts)
lang = "en"  # en or ja: labels of figures and tables
output_dir = ""  # empty: reports/interactive/<notebook>; the runner sets its run folder
processed_dir = ""  # empty: do not publish (the runner publishes complete baseline runs); a folder: also write tables there
results = {}  # empty: compute the model in the notebook; the runner sets the folders of the run's computed results

# %%
from footprint import forest as F
from footprint.core import weakest_status
from footprint.outputs import maps
from footprint.outputs.labels import pick
from footprint.outputs.plots import forest as forest_plots
from footprint.pipeline.model import start

run = start("03_forest_tax_timber_sinks", globals())  # checks the parameters; reads (or computes) the run's results
out, FR = run.out, run.results["forest"]  # figures and tables of this notebook; the run's forest result
sc = F.scenario_of(FR)  # the forest scenario of the run (also read by the flow graph and the brief)
published = FR["published"]
flows = sc.flows
print(f"Forestry-worker share of Osaka City: {sc.shares.workers_share:.4%} ({sc.shares.workers_status}; "
      f"{sc.shares.workers_note})")
print(f"Population share (2020 census): {flows['population_share'].iloc[-1]:.4%}; planted-forest share: "
      f"{sc.shares.area_share:.4%} ({sc.shares.area_status})")
flows[["fiscal_year", "receipts_jpy", "receipts_model_jpy", "payments_jpy", "net_outflow_jpy", "status"]]

# %% [markdown]
# ## Receipts against published figures
#
# The model is calibrated on FY2023; FY2019 is an independent check against twice the published
# first tranche (the FY2019 amount was paid in two tranches). Yokohama's and Hamamatsu's published
# receipts cannot be modelled without their planted-forest area and forestry workers.

# %%
sc.checks

# %% [markdown]
# ## (a) Receipts against payments

# %%
net_last = flows["net_outflow_jpy"].iloc[-1] / 1e6
out.figure(
    forest_plots.receipts_vs_payments(flows, published, lang),
    "receipts_vs_payments",
    title=pick(lang, "Osaka City's forest-tax receipts and payments", "大阪市の森林環境譲与税の受取と森林環境税の納付"),
    caption=pick(
        lang,
        f"Receipts from the transfer-tax model (FY2023 published; other years estimated from Osaka's shares, forestry-"
        f"worker share calibrated on FY2023) and levy payments from FY2024 (1,000 yen × payers estimated from the "
        f"population share). From FY2024 Osaka pays about {net_last:,.0f} M yen a year more than it receives.",
        f"受取は譲与税モデル（2023年度は公表値、他年度は大阪市の指標シェアによる推計。林業就業者シェアは2023年度の公表値で"
        f"較正）。納付は2024年度から（1,000円×人口シェアで推計した納税義務者数）。2024年度以降、大阪市は受取より"
        f"年約{net_last:,.0f}百万円多く納付する。"),
    source=f"{F.SOURCES['pools']}; {F.SOURCES['weights']}; {F.SOURCES['osaka_fy2023']}; {F.SOURCES['levy']}; "
           f"{F.SOURCES['census']}",
    status=weakest_status(flows["status"]),
    year=pick(lang, f"FY{fiscal_years[0]}–FY{fiscal_years[1]}", f"{fiscal_years[0]}–{fiscal_years[1]}年度"),
)

# %% [markdown]
# ## (b) Where the money goes
#
# Osaka's levy enters the national pool, which is shared among all prefectures and municipalities.
# Per-municipality receipts are not published in machine-readable form, so each region (a prefecture
# and its municipalities) gets the population part by census and the area-and-workers part in
# proportion to the prefectures' own FY2023 receipts minus their population part (an estimate).

# %%
dest_fy = sc.destination_fy
d_fy = sc.destinations_in()
back = sc.levy_back_home_jpy()
names = forest_plots.region_names(d_fy.head(3), lang)
out.figure(
    forest_plots.money_destinations_bar(sc.destinations, dest_fy, lang),
    "money_destinations",
    title=pick(lang, f"Where Osaka City's forest levy goes, FY{dest_fy}", f"大阪市民の森林環境税の行き先（{dest_fy}年度）"),
    caption=pick(
        lang,
        f"Osaka City's estimated levy distributed by each region's estimated share of the national pool. The largest "
        f"recipients are {', '.join(names)}; {back / 1e6:,.0f} M yen ({back / d_fy['amount_jpy'].sum():.0%}) returns to "
        f"Osaka Prefecture and its municipalities, Osaka City included.",
        f"推計した大阪市民の納付額を、各地域（都道府県＋域内市町村）の推計配分シェアで按分。上位は{'、'.join(names)}。"
        f"大阪府域（大阪市を含む）に戻るのは{back / 1e6:,.0f}百万円（{back / d_fy['amount_jpy'].sum():.0%}）。"),
    source=f"{F.SOURCES['prefectures']}; {F.SOURCES['weights']}; {F.SOURCES['levy']}",
    status="estimated",
    year=pick(lang, f"FY{dest_fy}", f"{dest_fy}年度"),
)

# %%
out.figure(
    forest_plots.money_map_with_partners(sc.destinations, dest_fy, partner_codes, lang),
    "money_map",
    title=pick(lang, f"Map: Osaka City's forest levy by receiving region, FY{dest_fy}",
               f"地図：大阪市民の森林環境税の受け手地域（{dest_fy}年度）"),
    caption=pick(
        lang,
        "Million yen of Osaka City's estimated levy received by each prefecture and its municipalities (estimated "
        "shares). Red: Osaka City; blue: partner forest municipalities of the illustrative scenario (inset). Okinawa's "
        "outer islands not shown.",
        "大阪市民の推計納付額のうち各都道府県と域内市町村が受け取る額（百万円、推計シェア）。赤：大阪市、"
        "青：例示シナリオの連携先森林自治体（拡大図）。沖縄の離島は省略。"),
    source=f"{F.SOURCES['prefectures']}; {F.SOURCES['weights']}",
    credit=maps.credit("mlit", lang=lang),
    status="estimated",
    year=pick(lang, f"FY{dest_fy}", f"{dest_fy}年度"),
)

# %% [markdown]
# ## (c) Carbon stored in wood bought with the receipts
#
# Illustrative scenario: a share of each year's receipts buys wood products at assumed installed
# prices; each purchase enters its product pool and decays with the IPCC half-life.

# %%
stock_end, volume_total = sc.stock_end_co2_t, sc.wood_volume_m3
out.figure(
    forest_plots.wood_stock(sc.stock, lang),
    "wood_carbon_stock",
    title=pick(lang, f"Carbon stock in purchased wood to {horizon_year}", f"購入木材の炭素貯蔵量（{horizon_year}年まで）"),
    caption=pick(
        lang,
        f"{wood_share:.0%} of receipts FY{purchase_years[0]}–FY{purchase_years[1]} spent on wood at assumed prices "
        f"buys {volume_total:,.0f} m³; Cs = W × D × Cf × 44/12, then first-order decay (half-lives 35/25/2 years, "
        f"unverified). Stock in {horizon_year}: {stock_end:,.0f} t-CO₂.",
        f"受取額の{wood_share:.0%}を仮定価格で木材購入（{purchase_years[0]}–{purchase_years[1]}年度、計{volume_total:,.0f}m³）。"
        f"Cs＝W×D×Cf×44/12、一次減衰（半減期35/25/2年、未検証）。{horizon_year}年の貯蔵量{stock_end:,.0f} t-CO₂。"),
    source=f"{F.SOURCES['guideline']}; {F.SOURCES['ipcc']}; prices and mix: project assumptions",
    status=weakest_status([*sc.stock["status"], "illustrative"]),
    year=f"{purchase_years[0]}–{horizon_year}",
)

# %% [markdown]
# ## (d) Partner-forest sink

# %%
sink_total = sc.sink_total_co2_t
out.figure(
    forest_plots.partner_sink(sc.sink, lang),
    "partner_forest_sink",
    title=pick(lang, "Partner-forest sink (illustrative partners)", "連携先森林の吸収量（例示）"),
    caption=pick(
        lang,
        f"{supported_area_ha:,.0f} ha supported in each partner municipality; ΔV × BEF × (1+R) × D × CF × 44/12 with "
        f"increments by species and age. Total {sink_total:,.0f} t-CO₂ a year. Sugi parameters verified; hinoki "
        "parameters and increment unverified.",
        f"各連携先で{supported_area_ha:,.0f}haを支援。ΔV×BEF×(1+R)×D×CF×44/12（樹種・林齢別の成長量）。"
        f"合計年{sink_total:,.0f}t-CO₂。スギの係数は検証済み、ヒノキの係数と成長量は未検証。"),
    source=F.SOURCES["sink"] + "; partners and area: illustrative scenario",
    status="illustrative",
    year=pick(lang, f"a year from {sink_from_year}", f"{sink_from_year}年以降の毎年"),
)
sc.sink[["code5", "name", "species", "age_y", "area_ha", "increment_m3_per_ha_yr", "bef", "co2_t", "co2_t_per_ha",
         "status"]]

# %% [markdown]
# ## (e) Offsets against Osaka's emissions and carbon footprint
#
# Osaka City's own emissions total is not published in our sources. Unless a value is given, it is
# estimated as Osaka Prefecture's FY2021 greenhouse-gas emissions × the city's share of the
# prefecture's population (2020 census). The carbon footprint is the city model's estimate
# (`footprint.city`), converted between gha and t-CO₂ with the accounts' forest equivalence factor
# of the year.

# %%
emissions, cf = F.emissions_of(FR), F.carbon_footprint_of(FR)  # the carbon footprint of the run's Osaka result
print(f"Emissions: {emissions.co2_t / 1e6:,.2f} Mt-CO2 a year ({emissions.note})")
print(f"Carbon footprint {cf.year}: {cf.ef_carbon_gha / 1e6:,.2f} M gha = {cf.co2_t / 1e6:,.2f} Mt-CO2 "
      f"({cf.status}); {cf.gha_per_t_co2:.3f} gha per t-CO2; method: {cf.method}")
off = FR["offsets"]
row_2030 = off.set_index("year").loc[2030 if 2030 in set(off["year"]) else int(off["year"].max())]
out.figure(
    forest_plots.offsets_chart(off, lang),
    "offsets_vs_emissions",
    title=pick(lang, "Wood carbon and partner-forest sink against Osaka City's emissions",
               "木材の炭素貯蔵と連携先森林の吸収：大阪市の排出量との比較"),
    caption=pick(
        lang,
        f"In {int(row_2030.name)} the wood stock grows by {row_2030['wood_stored_co2_t']:,.0f} t-CO₂ and the partner "
        f"forests absorb {row_2030['forest_sink_co2_t']:,.0f} t-CO₂: {row_2030['share_of_emissions']:.4%} of the "
        f"estimated emissions ({emissions.co2_t / 1e6:,.1f} Mt) and {row_2030['share_of_footprint']:.4%} of the carbon "
        f"footprint ({cf.ef_carbon_gha / 1e6:,.1f} M gha; {cf.method.split(' (')[0]}).",
        f"{int(row_2030.name)}年、木材貯蔵の増加{row_2030['wood_stored_co2_t']:,.0f} t-CO₂と連携先森林の吸収"
        f"{row_2030['forest_sink_co2_t']:,.0f} t-CO₂は、推計排出量（{emissions.co2_t / 1e6:,.1f} Mt）の"
        f"{row_2030['share_of_emissions']:.4%}、カーボン・フットプリント（{cf.ef_carbon_gha / 1e6:,.1f}百万gha）の"
        f"{row_2030['share_of_footprint']:.4%}。"),
    source=f"{F.SOURCES['guideline']}; {F.SOURCES['sink']}; emissions: {emissions.source}; footprint: {cf.source}",
    status="illustrative",
    year=f"{int(off['year'].min())}–{int(off['year'].max())}",
)
off[off["year"].isin([2025, 2030, 2040, 2050])]

# %% [markdown]
# ## Tables and closing note
#
# Written to the run folder and to `data/processed/03_forest_tax_timber_sinks/`.

# %%
written = out.tables(F.scenario_tables(sc, off))
out.json("headline", FR.value("headline_json"))

table = (flows.set_index("fiscal_year")[["receipts_jpy", "payments_jpy", "net_outflow_jpy"]] / 1e6).round(1)
table.columns = [pick(lang, "receipts", "受取"), pick(lang, "payments", "納付"), pick(lang, "net outflow", "純流出")]
table[pick(lang, "status", "区分")] = flows["status"].to_numpy()
lines = [pick(lang, "Osaka City, million yen per fiscal year:", "大阪市（百万円/年度）："), table.to_string()]
lines += [
    pick(lang, f"Wood-carbon stock in {horizon_year} (illustrative scenario): {stock_end:,.0f} t-CO2",
         f"{horizon_year}年の木材炭素貯蔵量（例示シナリオ）：{stock_end:,.0f} t-CO2"),
    pick(lang, f"Partner-forest sink (illustrative): {sink_total:,.0f} t-CO2 per year",
         f"連携先森林の吸収量（例示）：年{sink_total:,.0f} t-CO2"),
    pick(lang, f"Carbon footprint used: {cf.method}", f"使用したカーボン・フットプリント：{cf.method}"),
]
print("\n".join(lines))
sorted(p.name for p in written.values())

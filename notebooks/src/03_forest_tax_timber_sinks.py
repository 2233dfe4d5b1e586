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
from footprint.outputs.figures import forest as figures
from footprint.pipeline.model import start

run = start("03_forest_tax_timber_sinks", globals())  # checks the parameters; reads (or computes) the run's results
out, FR = run.out, run.results["forest"]  # figures and tables of this notebook; the run's forest result
sc = F.scenario_of(FR)  # the forest scenario of the run (also read by the flow graph and the brief)
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
out.figure(figures.receipts_vs_payments(FR, lang))

# %% [markdown]
# ## (b) Where the money goes
#
# Osaka's levy enters the national pool, which is shared among all prefectures and municipalities.
# Per-municipality receipts are not published in machine-readable form, so each region (a prefecture
# and its municipalities) gets the population part by census and the area-and-workers part in
# proportion to the prefectures' own FY2023 receipts minus their population part (an estimate).

# %%
out.figure(figures.money_destinations(FR, lang))

# %%
out.figure(figures.money_map(FR, lang))

# %% [markdown]
# ## (c) Carbon stored in wood bought with the receipts
#
# Illustrative scenario: a share of each year's receipts buys wood products at assumed installed
# prices; each purchase enters its product pool and decays with the IPCC half-life.

# %%
out.figure(figures.wood_carbon_stock(FR, lang))

# %% [markdown]
# ## (d) Partner-forest sink

# %%
out.figure(figures.partner_forest_sink(FR, lang))
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
out.figure(figures.offsets_vs_emissions(FR, lang))
off[off["year"].isin([2025, 2030, 2040, 2050])]

# %% [markdown]
# ## Tables and closing note
#
# Written to the run folder and to `data/processed/03_forest_tax_timber_sinks/`.

# %%
written = out.tables(F.scenario_tables(sc, off))
out.json("headline", FR.value("headline_json"))

print(figures.closing_note(FR, lang))
sorted(p.name for p in written.values())

# %% [markdown]
# # Osaka's ecological footprint: city downscaling, biocapacity, origin and uncertainty
#
# **Every number in this notebook is an estimate.** No official ecological footprint of Osaka City
# exists. We follow the top-down recipe of the Kyoto City study (WWF Japan / GFN 2016) and of
# Baabou et al. (2017, *Env. Sci. & Policy* 69:94):
#
# 1. **Japan's consumption land-use matrix (CLUM)** splits Japan's footprint (NFA 2025 edition,
#    Lo et al. 2025) into household food, housing, personal transport, goods, services,
#    government and gross fixed capital formation, by land type. GFN's own Japanese CLUM is
#    licensed, not public, so the default CLUM is **estimated** by biproportional balancing
#    (RAS) of a documented prior to published margins:
#    * prior: the land-type profile of each row from GFN's published CLUM of the Philippines 2008
#      (GFN 2012; column mapping unverified), anchored on Japan's consumption-based GHG shares by
#      category (3EID, Nansai et al. 2020, cited in the 2023 environment white paper; label mapping
#      unverified). Government takes the services profile and capital formation the housing profile:
#      assumptions, no profile is published;
#    * margins: Japan's footprint by land type for the chosen year; households = 66 % of the total
#      (WWF Japan 2012), government : capital formation = 11 : 26 (3EID). No footprint shares of the
#      five household categories are published for Japan; their split is left to the prior.
#
#    A CLUM supplied by the user (`clum_file`) replaces the estimate.
# 2. **Downscaling by item-level spending** (家計調査 品目分類, **two-or-more-person households**,
#    annual, 3-year means): city and nation from the same e-Stat table (the published 全国
#    series; no capital-city stand-in), 52 cities (47 capitals + 5 designated cities), 2007–2024.
#    A raw bridge table (`data/raw/bridge/kakei_item_to_clum.csv`, every line `estimated`) sends
#    each item to a household row. Direct energy drives the carbon of housing (electricity, city
#    gas, LP gas, kerosene) and of personal transport (petrol) with a direct-energy share of each
#    row's carbon (housing 0.70, transport 0.43: `estimated`, derived in
#    `data/raw/bridge/direct_energy_shares.csv`; no published share was found); the rest of the row
#    follows its non-energy spending; rent never scales carbon. Each component's ratio is divided
#    by the city's regional price level (消費者物価地域差指数; years outside 2013–2025 carry the
#    nearest year, `estimated`), and electricity's carbon is scaled by the supplying utility's
#    CO₂ factor relative to the national average (gaps interpolated or carried, `estimated`).
#    Each city's own household size (SSDSE-C) is used where published. Government and capital
#    formation keep the national per-person value. The SSDSE 10-category path stays as an
#    alternative for comparison.
# 3. **Biocapacity** = area × Japan's yield factor × equivalence factor. Osaka's land use is not
#    published as an open table: about 90 % of the city is taken as built-up land (estimate).
# 4. **Origin**: for every land type but carbon, the part Japan imports, I ÷ (P + I), lands abroad;
#    the rest is met first by the city's own biocapacity (an upper bound of the city's share), then
#    by the rest of Japan. **Carbon is shown apart, "carbon: uptake land not located"**: I/(P+I)
#    says where CO₂ is emitted, not where uptake land lies, and the method locates none.
# 5. **Uncertainty**: a seeded Monte Carlo over the CLUM prior and shares, survey sampling noise,
#    household size and land-use areas gives the **parametric** 90 % interval; a structural
#    ensemble (two CLUM priors, two bridges, three direct-energy shares, price correction on/off,
#    grid correction on/off, two-or-more-person vs all households) drawn together with it gives
#    the **full** 90 % interval. Every interval below says which it is.
#
# The maths lives in `footprint.city`; this notebook tells the story.

# %% tags=["parameters"]
city = "Osaka"  # any of the 52 survey cities (47 capitals, 5 designated cities): Japanese or English name, or prefecture code (27: its capital)
year = 2022  # footprint year of the city model (2007 to 2024; national accounts after 2022 are GFN nowcasts)
draws = 2000  # Monte Carlo draws of the intervals (city headline and partnership ledger)
seed = 2026  # random seed of every Monte Carlo of the run
clum_file = ""  # empty: the estimated CLUM; else a CSV with clum_row, six land types, source, status
land_use_file = ""  # empty: the shipped Osaka estimate; else a CSV of land use by city and land type
lang = "en"  # en or ja: labels of figures and tables
output_dir = ""  # empty: reports/interactive/<notebook>; the runner sets its run folder
processed_dir = ""  # empty: do not publish (the runner publishes complete baseline runs); a folder: also write tables there
results = {}  # empty: compute the model in the notebook; the runner sets the folders of the run's computed results

# %%
from footprint import city as C
from footprint.outputs.catalog import text
from footprint.outputs.figures import city as figures
from footprint.pipeline.model import start

run = start("02_city_footprint", globals())  # checks the parameters; reads (or computes) the run's results
out, R = run.out, run.results["city"]  # figures and tables of this notebook; the run's city result
v = R.values
clum_kind = text("city.clum_estimated", lang) if not v["clum_supplied"] else clum_file
print(f"{v['city']} ({v['city_en']}), {v['year']}: population {v['population_persons']:,.0f}, area {v['area_ha']:,.0f} ha")
print(f"spending window {v['window_years'][0]}–{v['window_years'][-1]}; CLUM: {clum_kind}; draws {draws} "
      f"(52 cities and sensitivity {v['comparison_draws']}, time series {v['series_draws']})")

# %% [markdown]
# ## Japan's consumption land-use matrix
#
# Rows in gha per person (national averages), by land type. With the default CLUM every cell is
# an estimate: the column totals equal Japan's footprint by land type, households take 66 % of
# the total, and the split among household categories follows the prior.

# %%
check = R["clum_check"]
worst = v["clum_max_relative_difference"]
if v["clum_supplied"] and worst > 1e-6:
    print(f"The supplied CLUM differs from Japan's footprint by land type by up to {worst:.1%}:")
    print(check.round(4).to_string(index=False))
else:
    print(f"Column totals match Japan's footprint by land type (largest relative difference {worst:.1e}).")
shares = v["clum_shares"]
print(f"households: {shares['households']:.1%} of the total; carbon: {shares['carbon']:.1%}")
R["clum_national"].drop(columns=["source"]).round(3)

# %% [markdown]
# Where each prior row comes from (data/raw/clum/clum_prior_profiles.csv):

# %%
R["clum_prior"]

# %% [markdown]
# ## Spending ratios and the downscaled matrix
#
# Effective ratio of each household row, city ÷ nation (the row's footprint per person in the city
# ÷ Japan's), after prices and grid, on the basis of **two-or-more-person households**. The
# national side is the published 全国 series of the same table. Beside it, the 10-category SSDSE
# alternative (the former default, whose national side is partly the capitals' mean).

# %%
ratios = R["spending_ratios"]
if v["ssdse_ef_gha_per_cap"] is not None:
    print(f"footprint per person: item-level {v['central']['ef_gha_per_cap']:.3f} gha, "
          f"SSDSE alternative {v['ssdse_ef_gha_per_cap']:.3f} gha")
ratios.round(3)

# %% [markdown]
# ## (a) Footprint per person by consumption category and land type

# %%
out.figure(figures.footprint_by_category(R, lang))

# %% [markdown]
# ## Headline numbers with their 90 % intervals
#
# `central`: all inputs at their central values and the default structural choices; `median`,
# `p05`, `p95`: the **full** 90 % interval (structural ensemble × parametric Monte Carlo);
# `p05_parametric`, `p95_parametric`: the parametric interval alone (structural choices fixed).
# Neither covers the national accounts themselves (taken as published). Household basis: two-or-
# more-person households.

# %%
head = R["headline"]
head[["indicator", "unit", "central", "median", "p05", "p95", "p05_parametric", "p95_parametric", "interval",
      "status"]]

# %% [markdown]
# ## (b) The city beside Japan and the world

# %%
out.figure(figures.japan_world(R, lang))

# %% [markdown]
# ## (c) Where the footprint lands: inside the city, the rest of Japan, abroad; carbon not located

# %%
out.figure(figures.origin(R, lang))

# %% [markdown]
# ## (d) Over time
#
# Every year with household-survey data and national accounts. The first two years average fewer
# than three survey years. A supplied CLUM is scaled per land type to each year's national
# footprint.

# %%
ts = R["time_series"]
out.figure(figures.time_series(R, lang))
ts.round(3)

# %% [markdown]
# ## (e) All 52 cities of the survey, ranked, with full intervals

# %%
cmp = R["capital_cities"]
out.figure(figures.capital_cities(R, lang))
cmp[["rank", "city", "city_en", "central", "p05", "p95", "p05_parametric", "p95_parametric",
     "ratio_to_japan"]].round(3)

# %% [markdown]
# ## (f) Overshoot day
#
# The day on which the city's residents would have used up the world's per-person biocapacity
# for the year if everyone lived like them: 365 × world biocapacity per person ÷ footprint per
# person (GFN's convention for countries).

# %%
statement = figures.overshoot_statement(R, lang)
print(statement)
out.figure(figures.overshoot_day(R, lang))

# %% [markdown]
# ## (g) Which input moves the footprint most?
#
# Each input group varies alone (the others at their central values); the bar is the 5th–95th
# percentile of the footprint per person. Land-use areas change the biocapacity only. The spreads
# of the CLUM prior and of household size have no published error and are illustrative defaults
# (`footprint.city.Uncertainty`); survey noise is derived from the data. Inputs without effect on
# the footprint get no bar and are named under the axes.

# %%
sens = R["sensitivity"]
out.figure(figures.sensitivity_tornado(R, lang))
sens.round(4)

# %% [markdown]
# ## (h) Which structural choice moves the footprint most?
#
# The central estimate recomputed with one structural choice at another option (the others at
# their defaults). The one-person margin is known for Osaka only (census share of persons living
# alone); for other cities that option changes nothing.

# %%
ssens = R["structural_sensitivity"]
out.figure(figures.structural_sensitivity(R, lang))
hb = R["household_basis"]
print(f"one-person margin for {v['city']}: factor {hb['factor'].iloc[0]:.3f} ({hb['status'].iloc[0]})")
ssens.round(4)

# %% [markdown]
# ## (i) Validation: published footprints beside the model
#
# No published *ecological* footprint of a Japanese city was found. The published numbers read
# are household *carbon* footprints of Koide et al. (2021), quoted in a news article (the paper's
# table was not read, its year is not stated): GHG by input-output intensities, against our CO₂
# of the household rows of a downscaled CLUM. Levels therefore differ by construction; the
# comparable quantity is each city's ratio to the 52-city mean. Nothing in the model is tuned to
# these numbers.

# %%
valid = R["validation"]
valid[["place", "published_value", "unit", "published_ratio_to_mean", "model_year", "model_co2_t_per_person",
       "model_ratio_to_mean", "ratio_difference", "status"]].round(3)

# %% [markdown]
# **What the method explains.** The direction at both ends of the published range: the city
# with the highest published footprint (Mito) is above the model's 52-city mean and the lowest
# (Naha) is the model's lowest too. Car-dependent capitals rank high through petrol and other
# vehicle spending, and big cities with public transport (Osaka, Tokyo's wards) have a low
# personal-transport row (see the ratios table of Osaka and the ranking above).
#
# **What it does not.** The spread: the model's ratios to the mean are narrower than the published
# ones, because only the household rows move (government and capital formation, a third of the
# footprint, are the same per person everywhere), spending ratios are applied to national
# intensities (no regional supply chains), and climate enters only through what households buy.
# One-person households are outside the survey; their effect is known for Osaka only (section h).

# %% [markdown]
# ## Summary and tables
#
# Written to the run folder and to `data/processed/02_city_footprint/`; `headline.json` holds the
# numbers a brief cites (the full 90 % interval, with the parametric one beside it).

# %%
out.json("headline", v["headline_json"])
written = out.tables(C.result_tables(R))
print(statement)
sorted(p.name for p in written.values())

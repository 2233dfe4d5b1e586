# %% [markdown]
# # National footprint accounts: Japan, Osaka's partner countries and the world
#
# Ecological footprint and biocapacity by the Global Footprint Network method, from the National
# Ecological Footprint and Biocapacity Accounts, 2025 edition (Lo et al. 2025, via the GFN data
# API; CC BY-SA 4.0). The footprint of consumption is production + imports − exports, per land
# type; biocapacity is area × yield factor × equivalence factor; "Earths" divide a country's
# footprint per person by the world's biocapacity per person; a country's overshoot day is
# 365 × world biocapacity per person ÷ its footprint per person.
#
# The maths lives in `footprint.accounts`; this notebook tells the story.

# %% tags=["parameters"]
countries = ["Japan", "Viet Nam", "Philippines", "Thailand", "United Kingdom", "World"]  # countries of the national accounts (NFA names)
years = [2000, 2024]  # first and last year of the national time series (inclusive)
lang = "en"  # en or ja: labels of figures and tables
output_dir = ""  # empty: reports/interactive/<notebook>; the runner sets its run folder
processed_dir = ""  # empty: do not publish (the runner publishes complete baseline runs); a folder: also write tables there

# %%
from footprint import accounts as A
from footprint.outputs.figures import national as figures
from footprint.outputs.plots import national as national_plots
from footprint.pipeline.model import start

out = start("01_national_accounts", globals()).out  # checks the parameters; figures and tables of this notebook
r = A.compute(countries, years)  # every table and number below; years after 2022 are GFN nowcasts (estimates)
first, last = r.values["first"], r.values["last"]
r["summary"].tail(len(r.values["countries"]))

# %% [markdown]
# ## Does consumption = production + imports − exports?
#
# The identity is checked for every country, year and land type. For the World it does not hold
# by construction: GFN sets the World's consumption equal to its production, and world imports
# and exports do not cancel. Countries where it fails are listed, not hidden.

# %%
v = r.values
print(f"Japan: largest residual {v['japan_max_residual']:.1e} gha per person in any year")
print(f"World: largest residual {v['world_max_residual']:.4f} gha per person (consumption = production by construction)")
print(f"{v['n_failing']} of {v['n_entities']} entities have at least one cell over 1e-9 gha per person")
r["identity_failing"].head(10)

# %% [markdown]
# ## Equivalence factors and Japan's yield factors implied by the data
#
# Equivalence factors: World biocapacity ÷ World area per land type (the world's yield factor is
# 1). Built-up land takes the cropland factor and carbon uptake land the forest factor (GFN
# convention). Japan's yield factors: biocapacity ÷ (area × equivalence factor).

# %%
r["equivalence_factors"].set_index("year").loc[[first, last]].round(4)

# %%
r["japan_yield_factors"].set_index("year").loc[[first, last]].round(4)

# %% [markdown]
# ## (a) Footprint and biocapacity per person by land type

# %%
out.figure(figures.footprint_vs_biocapacity(r, lang))

# %% [markdown]
# ## (b) Japan over time

# %%
out.figure(figures.japan_time_series(r, lang))

# %% [markdown]
# ## (c) Earths and overshoot days

# %%
out.figure(figures.earths_and_overshoot_days(r, lang))
national_plots.earths_table(r["year_summary"], lang)

# %% [markdown]
# ## Tables
#
# Written to the run folder and to `data/processed/01_national_accounts/`; `headline.json` holds the
# numbers quoted above (`footprint.accounts.headline`).

# %%
written = out.tables(A.output_tables(r))
out.json("headline", v["headline"])
sorted(p.name for p in written.values())

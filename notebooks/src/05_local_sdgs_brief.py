# %% [markdown]
# # Local SDGs brief: Osaka's footprint and its "diverse bonds"
#
# Osaka City's environmental plan says that the city depends heavily on ecosystem services
# outside its borders, and that it answers with diverse bonds with partner regions. This brief
# gathers, per partnership, indicators for SDGs 6, 7, 11, 12, 13, 15 and 17: each with its value,
# unit, year, source and status (published / derived / estimated / illustrative). Osaka's own
# footprint is an **estimate** (downscaled from an estimated national consumption matrix); the
# forest-tax spending and partner forests are an **illustrative** scenario. Figures say so in
# their captions.
#
# The runner exports this notebook as an HTML report without code, a figure pack and an index of
# every figure with its citation.

# %% tags=["parameters"]
year = 2022  # footprint year of the city model (2007 to 2024; national accounts after 2022 are GFN nowcasts)
flows_year = 2025  # bonds as known in this year: the latest value of each series up to it
draws = 2000  # Monte Carlo draws of the intervals (city headline and partnership ledger)
seed = 2026  # random seed of every Monte Carlo of the run
partnerships = []  # partnership ids to include, e.g. hcmc or forest_regions; empty: all
wood_share = 0.5  # share of receipts spent on wood products (illustrative)
supported_area_ha = 100.0  # forest area supported in each partner municipality (illustrative)
clum_file = ""  # empty: the estimated CLUM; else a CSV with clum_row, six land types, source, status
lang = "en"  # en or ja: labels of figures and tables
dpi = 300  # resolution of the PNG figures of the brief in dots per inch (300 for print)
output_dir = ""  # empty: reports/interactive/<notebook>; the runner sets its run folder
processed_dir = ""  # empty: do not publish (the runner publishes complete baseline runs); a folder: also write tables there
results = {}  # empty: compute the model in the notebook; the runner sets the folders of the run's computed results

# %%
import pandas as pd
from IPython.display import display

from footprint import accounts as A
from footprint import city as C
from footprint import flows as FL
from footprint import forest as F
from footprint import sdgs as S
from footprint.outputs.figures import brief as brief_figures
from footprint.outputs.labels import label
from footprint.pipeline.model import start

run = start("05_local_sdgs_brief", globals())  # checks the parameters; reads (or computes) the run's results
out, R = run.out, run.results  # the brief's outputs; the run's Osaka, forest and flows results (nothing recomputed)
all_parts = S.load_partnerships()
parts = S.select_partnerships(all_parts, partnerships)
name = dict(zip(parts["id"], parts["name_ja" if lang == "ja" else "name_en"], strict=True))

nfa = A.load_nfa()
A.require_year(nfa, year)
countries = S.partner_countries(parts)
countries_ja = {c: label(c, "ja") for c in all_parts["country"].dropna()}  # the catalog's Japanese names
national = A.summary(nfa, countries, [year])
headline = R["osaka"]["headline"]  # Osaka's footprint as notebook 02 quotes it (the same result of the run)
carbon = R["osaka"].value("carbon_footprint")
origin = R["osaka"]["origin_table"]
forest = F.scenario_of(R["forest"])  # the forest scenario of notebook 03 (the same result of the run)
published_receipts = R["forest"]["published"]
seed_tables = FL.load_seed()
graph_flows, _ = FL.with_model_layers(seed_tables.flows, seed_tables.nodes, seed_tables.units, origin=origin,
                                      origin_year=year, fund=forest.flows)
bonds = FL.bond_metrics(FL.snapshot(graph_flows, flows_year), seed_tables.nodes)

# %% [markdown]
# ## Key numbers
#
# What the brief opens with, read from the run's Osaka result (the numbers notebook 02 quotes): the
# footprint per person with its full 90 % interval, its ratio to Japan's, Earths, the city's own
# biocapacity, the overshoot day, the change since 2010 (two central estimates), and the share of
# the footprint on located land that lies outside the city, with carbon's share beside it.

# %%
keys = C.key_numbers(R["osaka"])
display(keys.drop(columns=["basis"]).style.hide(axis="index").format(precision=3))

# %% [markdown]
# ## The indicator table
#
# One row per partnership × indicator. For Osaka's footprint, `p05`–`p95` is the full 90 % interval
# (structural ensemble and parametric Monte Carlo); the note of each row says which interval it is.

# %%
table = S.indicator_table(
    [
        S.load_published(all_parts),
        S.national_rows(national, parts, year, A.NFA_SOURCE, names_ja=countries_ja),
        S.city_rows(headline, carbon, origin),
        S.forest_rows(forest, published_receipts, {"wood": f"{F.SOURCES['guideline']}; {F.SOURCES['ipcc']}",
                                                        "sink": F.SOURCES["sink"]}),
        S.flow_rows(graph_flows, bonds, parts, flows_year),
    ],
    all_parts,
)
table = table[table["partnership"].isin(parts["id"])].reset_index(drop=True)
gaps = S.missing_required(table)
print(f"{len(table)} indicators for {table['partnership'].nunique()} partnerships; "
      f"SDGs without an indicator: {gaps or 'none'}")
print(table["status"].value_counts().to_string())
with pd.option_context("display.max_rows", None, "display.max_colwidth", 80):
    display(S.display_table(table, name, lang).style.hide(axis="index"))

# %% [markdown]
# ## 1. Osaka's way of living would need more than two and a half Earths

# %%
out.figure(brief_figures.earths(R["osaka"], national, countries, lang), dpi=dpi)

# %% [markdown]
# ## 2. Almost all of Osaka's footprint lands outside the city

# %%
out.figure(brief_figures.dependence(R["osaka"], lang), dpi=dpi)

# %% [markdown]
# ## 3. From FY2024 Osaka's residents send more forest-tax money to forest regions than the city receives

# %%
out.figure(brief_figures.forest_money(R["forest"], lang), dpi=dpi)

# %% [markdown]
# ## 4. Offsets from wood and partner forests are small against Osaka's carbon footprint
#
# Annual flows only: the wood-carbon stock accumulated to the horizon year is not comparable with a
# year's footprint, so the chart shows the stock's net addition in one year instead.

# %%
out.figure(brief_figures.offsets_scale(table, R["osaka"], R["forest"], lang), dpi=dpi)

# %% [markdown]
# ## 5. What each partnership can be measured on

# %%
cov = S.coverage(table, parts)
out.figure(brief_figures.sdg_coverage(cov, name, R["osaka"], flows_year, lang), dpi=dpi)

# %% [markdown]
# ## 6. What flows to and from Osaka, in four currencies
#
# The partnership ledger of notebook 04: trade with each partner country attributed to Osaka by a
# documented share (with its embodied footprint in gha and t-CO₂), visitors, Osaka-linked JCM
# reductions and the forest-tax money, each cell with its 90 % interval and status. A cell that is
# defined but has no data says "n/a", never zero (JCM yen amounts are not published).

# %%
out.figure(brief_figures.partnership_ledger(R["flows"], lang), dpi=dpi)
ledger = FL.partnership_of(R["flows"]).ledger  # the ledger of notebook 04 (the same result of the run)
magnitudes = FL.partner_magnitudes(ledger, list(brief_figures.LEDGER_PARTNERS), FL.ledger_latest_year(ledger))
display(magnitudes)

# %% [markdown]
# ## Tables
#
# The indicator table (every row with its source and status) and its coverage, written to the run
# folder and to `data/processed/05_local_sdgs_brief/`.

# %%
written = out.tables({"sdg_indicators": table, "sdg_coverage": cov.reset_index(), "partner_magnitudes": magnitudes,
                      "key_numbers": keys})
out.json("brief_headline", S.brief_headline(year, headline, origin, forest, table))
sorted(p.name for p in written.values())

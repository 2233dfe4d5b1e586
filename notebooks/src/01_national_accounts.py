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
from footprint.outputs.labels import pick
from footprint.outputs.plots import national as national_plots
from footprint.pipeline.model import start

out = start("01_national_accounts", globals()).out  # checks the parameters; figures and tables of this notebook
nfa = A.load_nfa()
span = A.year_span(nfa, years)
first, last = span[0], span[-1]
codes = A.resolve_countries(nfa, countries)
order = A.country_names(nfa, codes)  # the order of the parameter
summary = A.summary(nfa, codes, span)
head = A.headline(nfa, countries, years)
# years after 2022 are GFN nowcasts: a figure that shows them is an estimate, not a published value
latest_status = "estimated" if last > 2022 else "published"
summary.tail(len(codes))

# %% [markdown]
# ## Does consumption = production + imports − exports?
#
# The identity is checked for every country, year and land type. For the World it does not hold
# by construction: GFN sets the World's consumption equal to its production, and world imports
# and exports do not cancel. Countries where it fails are listed, not hidden.

# %%
check = A.identity_check(nfa, basis="per_cap", tolerance=1e-9)
by_country = check.by_country()
failing = check.failing_countries()
print(f"Japan: largest residual {check.max_residual(A.JAPAN_CODE):.1e} gha per person in any year")
print(f"World: largest residual {check.max_residual(A.WORLD_CODE):.4f} gha per person (consumption = production by construction)")
print(f"{len(failing)} of {len(by_country)} entities have at least one cell over 1e-9 gha per person")
failing.head(10)

# %% [markdown]
# ## Equivalence factors and Japan's yield factors implied by the data
#
# Equivalence factors: World biocapacity ÷ World area per land type (the world's yield factor is
# 1). Built-up land takes the cropland factor and carbon uptake land the forest factor (GFN
# convention). Japan's yield factors: biocapacity ÷ (area × equivalence factor).

# %%
eqf = A.equivalence_factors(nfa)
yf = A.yield_factors(nfa, "Japan")
eqf.loc[[first, last]].round(4)

# %%
yf.loc[[first, last]].round(4)

# %% [markdown]
# ## (a) Footprint and biocapacity per person by land type

# %%
fig = national_plots.footprint_vs_biocapacity(
    A.year_matrix(nfa, "ef_consumption", codes, last).loc[order],
    A.year_matrix(nfa, "biocapacity", codes, last).loc[order],
    lang,
    title=pick(lang, f"Ecological footprint and biocapacity per person, {last}",
               f"1人当たりエコロジカル・フットプリントと生物生産力（{last}年）"),
)
out.figure(
    fig,
    "national_footprint_vs_biocapacity",
    title=pick(lang, f"Footprint and biocapacity per person by land type, {last}",
               f"土地タイプ別 1人当たりフットプリントと生物生産力（{last}年）"),
    caption=pick(lang,
                 f"Ecological footprint of consumption (left bars) and biocapacity (right, hatched) in global hectares "
                 f"per person, {last}. Carbon uptake land has no biocapacity by GFN convention. "
                 + ("Years after 2022 are GFN nowcasts." if last > 2022 else ""),
                 f"消費のエコロジカル・フットプリント（左）と生物生産力（右・斜線）、1人当たりグローバルヘクタール、{last}年。"
                 "二酸化炭素吸収地の生物生産力はGFNの慣行によりゼロ。" + ("2023年以降はGFNの速報推計。" if last > 2022 else "")),
    source=A.NFA_SOURCE,
    status=latest_status,
    year=last,
    data_edition=A.NFA_EDITION,
)

# %% [markdown]
# ## (b) Japan over time

# %%
jp = head["japan"]
fig = national_plots.time_series(
    A.country_matrix(nfa, "ef_consumption", "Japan", years=span),
    A.country_matrix(nfa, "biocapacity", "Japan", years=span)["total"],
    lang,
    title=pick(lang, f"Japan: footprint and biocapacity per person, {first}–{last}",
               f"日本：1人当たりフットプリントと生物生産力（{first}–{last}年）"),
)
out.figure(
    fig,
    "japan_footprint_time_series",
    title=pick(lang, f"Japan's footprint and biocapacity per person, {first}–{last}",
               f"日本の1人当たりフットプリントと生物生産力（{first}–{last}年）"),
    caption=pick(lang,
                 f"Japan's ecological footprint of consumption by land type (stacked) and its biocapacity (line), gha per "
                 f"person. In {last} the footprint is {jp['ef_consumption_gha_per_cap']:.2f} gha against "
                 f"{jp['biocapacity_gha_per_cap']:.2f} gha of biocapacity: {jp['countries_needed']:.1f} times Japan's "
                 "own biocapacity." + (" Years after 2022 are GFN nowcasts." if last > 2022 else ""),
                 f"日本の消費のエコロジカル・フットプリント（土地タイプ別、積み上げ）と生物生産力（線）、1人当たりgha。"
                 f"{last}年はフットプリント{jp['ef_consumption_gha_per_cap']:.2f} gha、生物生産力"
                 f"{jp['biocapacity_gha_per_cap']:.2f} gha（自国の生物生産力の{jp['countries_needed']:.1f}倍）。"
                 + ("2023年以降はGFNの速報推計。" if last > 2022 else "")),
    source=A.NFA_SOURCE,
    status=latest_status,
    year=f"{first}–{last}",
    data_edition=A.NFA_EDITION,
)

# %% [markdown]
# ## (c) Earths and overshoot days

# %%
latest = A.year_summary(summary, last, order)
fig = national_plots.earths_and_overshoot_days(
    latest, lang, title=pick(lang, f"Earths and overshoot days, {last}", f"地球の数とオーバーシュート・デー（{last}年）")
)
out.figure(
    fig,
    "earths_and_overshoot_days",
    title=pick(lang, f"Number of Earths and country overshoot days, {last}", f"地球の数と国別オーバーシュート・デー（{last}年）"),
    caption=pick(lang,
                 "Earths = footprint per person ÷ world biocapacity per person. Overshoot day = 365 × world biocapacity "
                 "per person ÷ footprint per person (GFN convention), shown as the calendar day on which it falls; "
                 "'—' means no overshoot.",
                 "地球の数＝1人当たりフットプリント÷世界の1人当たり生物生産力。オーバーシュート・デー＝365×世界の1人当たり"
                 "生物生産力÷1人当たりフットプリント（GFNの定義）。「—」はオーバーシュートなし。"),
    source=A.NFA_SOURCE,
    status="derived" if last <= 2022 else "estimated",
    year=last,
    data_edition=A.NFA_EDITION,
)
national_plots.earths_table(latest, lang)

# %% [markdown]
# ## Tables
#
# Written to the run folder and to `data/processed/01_national_accounts/`; `headline.json` holds the
# numbers quoted above (`footprint.accounts.headline`).

# %%
written = out.tables(
    {
        "national_summary": summary,
        "identity_check_by_country": by_country,
        "equivalence_factors": eqf.reset_index(),
        "japan_yield_factors": yf.reset_index(),
        "japan_account_latest": A.land_type_table(nfa, "Japan", last).reset_index(),
    }
)
out.json("headline", head)
sorted(p.name for p in written.values())

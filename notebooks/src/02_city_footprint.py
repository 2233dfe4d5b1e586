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
city = "Osaka"  # any of the 52 survey cities (47 capitals, 5 designated cities), Japanese or English name
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
from footprint import accounts as A
from footprint import city as C
from footprint.outputs.labels import label, pick
from footprint.outputs.plots import city as city_plots
from footprint.pipeline.model import start

run = start("02_city_footprint", globals())  # checks the parameters; reads (or computes) the run's results
out, R = run.out, run.results["city"]  # figures and tables of this notebook; the run's city result
v = R.values
name = v["city"] if lang == "ja" else v["city_en"]
names = (name, label("Japan", lang), label("World", lang))  # the city, Japan and the world in tables and figures
basis = pick(lang, "two-or-more-person households", "二人以上の世帯")  # the survey's household basis, in every caption
clum_kind = pick(lang, "estimated CLUM (RAS)", "推計CLUM（RAS）") if not v["clum_supplied"] else clum_file
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
fig = city_plots.category_land_type(R["clum_city"], R["clum_national"], name, lang)
top = city_plots.row_label(R["clum_city"]["total"].idxmax(), lang)
out.figure(
    fig,
    "city_footprint_by_category",
    title=pick(lang, f"{name}: footprint per person by category and land type, {v['year']}",
               f"{name}：消費項目・土地タイプ別 1人当たりフットプリント（{v['year']}年）"),
    caption=pick(lang,
                 f"Footprint per person of {name} by consumption category (rows) and land type (colours), "
                 f"{v['year']}, from an estimated national CLUM scaled by item-level spending ratios of {basis} "
                 f"(prices and grid corrected); black ticks: Japan's per-person value of the row. Largest row: {top}.",
                 f"{name}の消費項目（行）・土地タイプ（色）別1人当たりフットプリント（{v['year']}年）。推計した全国CLUMを"
                 f"{basis}の品目別支出比（物価・電力係数補正済み）で按分。黒い縦線は日本の同項目の値。最大の項目：{top}。"),
    source=C.SOURCE,
    status="estimated",
    data_edition=A.NFA_EDITION,
)

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
ef = C.headline_row(head, "ef_gha_per_cap")
outside = C.headline_row(head, "share_outside_city")
has_bc = v["has_biocapacity"]
outside_text = (f"{outside['central']:.1%}" if has_bc else pick(lang, "not available (no land-use data for this city)",
                                                                "土地利用データがないため算出不可"))
head[["indicator", "unit", "central", "median", "p05", "p95", "p05_parametric", "p95_parametric", "interval",
      "status"]]

# %% [markdown]
# ## (b) The city beside Japan and the world

# %%
jw = R["japan_world"].set_axis(list(names))
ef_tab, bc_tab = jw[list(A.LAND_TYPES)], jw["bc_gha_per_cap"]
fig = city_plots.city_japan_world(ef_tab, bc_tab, (ef["p05"], ef["p95"]), lang,
                                  title=pick(lang, f"Footprint and biocapacity per person, {v['year']}",
                                             f"1人当たりフットプリントと生物生産力（{v['year']}年）"))
bc_text = (f"{v['central']['bc_gha_per_cap']:.3f} gha" if has_bc else
           pick(lang, "not available (no land-use data)", "土地利用データがないため算出不可"))
out.figure(
    fig,
    "city_japan_world",
    title=pick(lang, f"{name}, Japan and the world: footprint and biocapacity per person, {v['year']}",
               f"{name}・日本・世界の1人当たりフットプリントと生物生産力（{v['year']}年）"),
    caption=pick(lang,
                 f"{name} needs {ef['central']:.2f} gha per person (full 90 % interval {ef['p05']:.2f}–{ef['p95']:.2f}; "
                 f"parametric {ef['p05_parametric']:.2f}–{ef['p95_parametric']:.2f}; {basis}), "
                 f"{ef['central'] / v['japan_ef_gha_per_cap']:.2f} × Japan's {v['japan_ef_gha_per_cap']:.2f} gha; "
                 f"its own biocapacity per person: {bc_text}. Hatched bars: biocapacity.",
                 f"{name}の1人当たりフットプリントは{ef['central']:.2f} gha（全体90%区間 {ef['p05']:.2f}–{ef['p95']:.2f}、"
                 f"パラメータ90%区間 {ef['p05_parametric']:.2f}–{ef['p95_parametric']:.2f}、{basis}）で、"
                 f"日本（{v['japan_ef_gha_per_cap']:.2f} gha）の{ef['central'] / v['japan_ef_gha_per_cap']:.2f}倍。"
                 f"市内の1人当たり生物生産力：{bc_text}。斜線は生物生産力。"),
    source=C.SOURCE + "; " + A.NFA_SOURCE,
    status="estimated",
    data_edition=A.NFA_EDITION,
)

# %% [markdown]
# ## (c) Where the footprint lands: inside the city, the rest of Japan, abroad; carbon not located

# %%
fig = city_plots.origin_split(R["origin"].drop(columns="status"), name, lang)
abroad_share = v["abroad_share"]
out.figure(
    fig,
    "city_footprint_origin",
    title=pick(lang, f"{name}: footprint by land type and origin, {v['year']}",
               f"{name}：土地タイプ別・由来別フットプリント（{v['year']}年）"),
    caption=pick(lang,
                 f"{name}'s total footprint (million gha) by land type, split by where it is met: abroad by Japan's "
                 f"import share I/(P+I) of each land type ({abroad_share:.0%} of the total), inside the city up to "
                 f"its own biocapacity, the rest elsewhere in Japan. Carbon is shown apart ({C.CARBON_NOT_LOCATED_LABEL[0]}): "
                 f"the method does not locate uptake land. Share met outside the city: {outside_text}.",
                 f"{name}のフットプリント総量（百万gha）を土地タイプ別・由来別に示す。海外分は日本の輸入比率 I/(P+I)"
                 f"（総量の{abroad_share:.0%}）、市内分は市の生物生産力まで、残りは国内の他地域。炭素は別に示す"
                 f"（{C.CARBON_NOT_LOCATED_LABEL[1]}）：手法は吸収地を特定しない。市外で満たされる割合：{outside_text}。"),
    source=C.SOURCE + "; " + A.NFA_SOURCE,
    status="estimated",
    data_edition=A.NFA_EDITION,
)

# %% [markdown]
# ## (d) Over time
#
# Every year with household-survey data and national accounts. The first two years average fewer
# than three survey years. A supplied CLUM is scaled per land type to each year's national
# footprint.

# %%
ts = R["time_series"]
fig = city_plots.time_series(ts, name, lang,
                             title=pick(lang, f"{name}: footprint per person, {ts['year'].min()}–{ts['year'].max()}",
                                        f"{name}：1人当たりフットプリントの推移（{ts['year'].min()}–{ts['year'].max()}年）"))
out.figure(
    fig,
    "city_footprint_time_series",
    title=pick(lang, f"{name}: footprint per person over time", f"{name}：1人当たりフットプリントの推移"),
    caption=pick(lang,
                 f"Central estimate and full 90 % interval of {name}'s footprint per person ({basis}) against "
                 f"Japan and the world. "
                 f"The city follows Japan's trend; the gap reflects its household spending "
                 f"({ts['central'].iloc[-1] / ts['japan_gha_per_cap'].iloc[-1]:.2f} × Japan in {ts['year'].iloc[-1]}).",
                 f"{name}の1人当たりフットプリント（{basis}）の中央推計と全体90%区間、日本・世界との比較。市の推移は日本の傾向に従い、"
                 f"差は家計支出の違いによる（{ts['year'].iloc[-1]}年は日本の"
                 f"{ts['central'].iloc[-1] / ts['japan_gha_per_cap'].iloc[-1]:.2f}倍）。"),
    source=C.SOURCE + "; " + A.NFA_SOURCE,
    status="estimated",
    data_edition=A.NFA_EDITION,
)
ts.round(3)

# %% [markdown]
# ## (e) All 52 cities of the survey, ranked, with full intervals

# %%
cmp = R["capital_cities"]
rank, n_cities = v["rank"], v["n_cities"]
fig = city_plots.city_comparison(cmp, v["city"], v["japan_ef_gha_per_cap"], lang,
                                 title=pick(lang, f"Footprint per person of the {n_cities} survey cities, {v['year']}",
                                            f"家計調査{n_cities}市の1人当たりフットプリント（{v['year']}年）"))
out.figure(
    fig,
    "capital_cities_comparison",
    title=pick(lang, f"Footprint per person of the {n_cities} survey cities, {v['year']}",
               f"家計調査{n_cities}市の1人当たりフットプリント（{v['year']}年）"),
    caption=pick(lang,
                 f"Same method for every city ({basis}; each city's own household size where SSDSE-C has it). "
                 f"{name} ranks {rank} of {n_cities}. Thin lines: full 90 % intervals (structural and parametric); "
                 f"thick: parametric. Intervals overlap widely: differences of a few per cent are not significant.",
                 f"全市に同じ手法を適用（{basis}。SSDSE-Cに値のある市はその世帯人員）。{name}は{n_cities}市中{rank}位。"
                 f"細線：全体90%区間（構造＋パラメータ）、太線：パラメータ90%区間。区間は大きく重なり、数%の差は有意ではない。"),
    source=C.SOURCE + "; " + A.NFA_SOURCE,
    status="estimated",
    data_edition=A.NFA_EDITION,
)
cmp[["rank", "city", "city_en", "central", "p05", "p95", "p05_parametric", "p95_parametric",
     "ratio_to_japan"]].round(3)

# %% [markdown]
# ## (f) Overshoot day
#
# The day on which the city's residents would have used up the world's per-person biocapacity
# for the year if everyone lived like them: 365 × world biocapacity per person ÷ footprint per
# person (GFN's convention for countries).

# %%
days = R["overshoot_days"].set_axis(list(names))
dates = C.overshoot_dates(head, v["year"])
date, date_lo, date_hi = dates["central"], dates["p05"], dates["p95"]
earths = C.headline_row(head, "earths")["central"]
statement = pick(lang,
                 f"If everyone lived like the residents of {name}, humanity would have used up the year's biocapacity "
                 f"by {date:%d %B} (full 90 % interval {date_lo:%d %b}–{date_hi:%d %b}) and would need "
                 f"{earths:.2f} Earths.",
                 f"世界中の人が{name}の住民のように暮らすと、1年分の生物生産力を{date.month}月{date.day}日"
                 f"（全体90%区間 {date_lo.month}月{date_lo.day}日–{date_hi.month}月{date_hi.day}日）に使い切り、"
                 f"地球{earths:.2f}個分が必要になる。")
print(statement)
fig = city_plots.overshoot_calendar(days, v['year'], lang,
                                    title=pick(lang, f"Overshoot day, {v['year']}", f"オーバーシュート・デー（{v['year']}年）"))
out.figure(
    fig,
    "city_overshoot_day",
    title=pick(lang, f"{name}: overshoot day, {v['year']}", f"{name}のオーバーシュート・デー（{v['year']}年）"),
    caption=statement + pick(lang, " Whiskers: full 90 % interval.", "ひげ：全体90%区間。"),
    source=C.SOURCE + "; " + A.NFA_SOURCE,
    status="estimated",
    data_edition=A.NFA_EDITION,
)

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
fig = city_plots.tornado(sens, v["central"]["ef_gha_per_cap"], lang,
                         title=pick(lang, f"{name}: sensitivity of the footprint per person, {v['year']}",
                                    f"{name}：1人当たりフットプリントの感度（{v['year']}年）"))
top_input = city_plots.group_label(sens["input"].iloc[0], lang)
out.figure(
    fig,
    "city_sensitivity_tornado",
    title=pick(lang, f"{name}: which input moves the footprint most", f"{name}：フットプリントを最も動かす入力"),
    caption=pick(lang,
                 f"90 % range of {name}'s footprint per person when one input group varies alone. Largest: {top_input}. "
                 f"The spreads of the CLUM prior and of household size are illustrative.",
                 f"入力グループを一つずつ変えたときの{name}の1人当たりフットプリントの90%範囲。最大：{top_input}。"
                 f"CLUM事前構造と世帯人員のばらつきは例示値。"),
    source=C.SOURCE,
    status="estimated",
    data_edition=A.NFA_EDITION,
)
sens.round(4)

# %% [markdown]
# ## (h) Which structural choice moves the footprint most?
#
# The central estimate recomputed with one structural choice at another option (the others at
# their defaults). The one-person margin is known for Osaka only (census share of persons living
# alone); for other cities that option changes nothing.

# %%
ssens = R["structural_sensitivity"]
fig = city_plots.structural_sensitivity(ssens, name, lang,
                                        title=pick(lang, f"{name}: what the structural choices do, {v['year']}",
                                                   f"{name}：構造的な選択の影響（{v['year']}年）"))
top_choice = city_plots.CHOICE_LABELS.get(ssens["choice"].iloc[0], (ssens["choice"].iloc[0],) * 2)
out.figure(
    fig,
    "city_structural_sensitivity",
    title=pick(lang, f"{name}: which structural choice moves the footprint most",
               f"{name}：フットプリントを最も動かす構造的な選択"),
    caption=pick(lang,
                 f"Change of {name}'s central footprint per person when one structural choice takes another option "
                 f"({basis} by default). Largest: {top_choice[0]}. These choices, drawn together with the parametric "
                 f"inputs, give the full 90 % interval.",
                 f"構造的な選択を一つずつ変えたときの{name}の1人当たりフットプリント中央推計の変化（既定は{basis}）。"
                 f"最大：{top_choice[1]}。これらをパラメータと同時に抽出したものが全体90%区間。"),
    source=C.SOURCE,
    status="estimated",
    data_edition=A.NFA_EDITION,
)
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

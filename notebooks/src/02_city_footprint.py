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
year = 2022  # 2007 to 2024; national accounts after 2022 are GFN nowcasts
draws = 2000  # Monte Carlo draws for the headline numbers
seed = 2026  # random seed of the Monte Carlo
clum_file = ""  # empty: the estimated CLUM; else a CSV with clum_row, six land types, source, status
land_use_file = ""  # empty: the shipped Osaka estimate; else a CSV of land use by city and land type
lang = "en"  # en or ja: labels of figures and tables
output_dir = ""  # empty: reports/interactive/02_city_footprint; the runner sets its run folder
processed_dir = ""  # empty: do not publish (the runner publishes complete baseline runs); a folder: also write tables there

# %%
from footprint import accounts as A
from footprint import city as C
from footprint.core.units import carbon_uptake_intensity
from footprint.outputs.labels import label, pick
from footprint.outputs.notebook import NotebookOutputs
from footprint.outputs.plots import city as city_plots

out = NotebookOutputs.create(
    "02_city_footprint",
    output_dir=output_dir,
    processed_dir=processed_dir,
    lang=lang,
    parameters=dict(city=city, year=year, draws=draws, seed=seed, clum_file=clum_file,
                    land_use_file=land_use_file, lang=lang),
)
inputs = C.load_inputs(clum_file=clum_file, land_use_file=land_use_file)
fp = C.city_footprint(inputs, city, year)
ctx = C.year_context(inputs, fp.year)
name = fp.city if lang == "ja" else fp.city_en
names = (name, label("Japan", lang), label("World", lang))  # the city, Japan and the world in tables and figures
small_draws = min(int(draws), 1000)  # for the sensitivity, the 52 cities and the time series
basis = pick(lang, "two-or-more-person households", "二人以上の世帯")  # the survey's household basis, in every caption
clum_kind = pick(lang, "estimated CLUM (RAS)", "推計CLUM（RAS）") if inputs.clum is None else clum_file
print(f"{fp.city} ({fp.city_en}), {fp.year}: population {fp.population:,.0f}, area {fp.area_ha:,.0f} ha")
print(f"spending window {fp.window_years[0]}–{fp.window_years[-1]}; CLUM: {clum_kind}")

# %% [markdown]
# ## Japan's consumption land-use matrix
#
# Rows in gha per person (national averages), by land type. With the default CLUM every cell is
# an estimate: the column totals equal Japan's footprint by land type, households take 66 % of
# the total, and the split among household categories follows the prior.

# %%
check = C.clum_check(fp, ctx)
worst = float(check["relative_difference"].abs().max())
if inputs.clum is not None and worst > 1e-6:
    print(f"The supplied CLUM differs from Japan's footprint by land type by up to {worst:.1%}:")
    print(check.round(4).to_string(index=False))
else:
    print(f"Column totals match Japan's footprint by land type (largest relative difference {worst:.1e}).")
shares = C.clum_shares(fp)
print(f"households: {shares['households']:.1%} of the total; carbon: {shares['carbon']:.1%}")
fp.clum_national.drop(columns=["source"]).round(3)

# %% [markdown]
# Where each prior row comes from (data/raw/clum/clum_prior_profiles.csv):

# %%
inputs.prior[["status", "notes"]]

# %% [markdown]
# ## Spending ratios and the downscaled matrix
#
# Effective ratio of each household row, city ÷ nation (the row's footprint per person in the city
# ÷ Japan's), after prices and grid, on the basis of **two-or-more-person households**. The
# national side is the published 全国 series of the same table. Beside it, the 10-category SSDSE
# alternative (the former default, whose national side is partly the capitals' mean).

# %%
ratios = C.spending_ratio_table(fp)
ssdse_inputs = C.load_inputs(clum_file=clum_file, land_use_file=land_use_file, spending_source="ssdse")
alt = None
if fp.city in ssdse_inputs.city_names and fp.year in ssdse_inputs.years:
    alt = C.city_footprint(ssdse_inputs, fp.city, fp.year)
    ratios["ratio_ssdse_alternative"] = alt.ratios.to_numpy()
    print(f"footprint per person: item-level {fp.headline['ef_gha_per_cap']:.3f} gha, "
          f"SSDSE alternative {alt.headline['ef_gha_per_cap']:.3f} gha")
ratios.round(3)

# %% [markdown]
# ## (a) Footprint per person by consumption category and land type

# %%
fig = city_plots.category_land_type(fp.clum_city, fp.clum_national, name, lang)
top = city_plots.row_label(fp.clum_city["total"].idxmax(), lang)
out.figure(
    fig,
    "city_footprint_by_category",
    title=pick(lang, f"{name}: footprint per person by category and land type, {fp.year}",
               f"{name}：消費項目・土地タイプ別 1人当たりフットプリント（{fp.year}年）"),
    caption=pick(lang,
                 f"Footprint per person of {name} by consumption category (rows) and land type (colours), "
                 f"{fp.year}, from an estimated national CLUM scaled by item-level spending ratios of {basis} "
                 f"(prices and grid corrected); black ticks: Japan's per-person value of the row. Largest row: {top}.",
                 f"{name}の消費項目（行）・土地タイプ（色）別1人当たりフットプリント（{fp.year}年）。推計した全国CLUMを"
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
head = C.headline_results(inputs, fp.city, fp.year, draws=draws, seed=seed)
ef = C.headline_row(head, "ef_gha_per_cap")
outside = C.headline_row(head, "share_outside_city")
has_bc = fp.biocapacity is not None
outside_text = (f"{outside['central']:.1%}" if has_bc else pick(lang, "not available (no land-use data for this city)",
                                                                "土地利用データがないため算出不可"))
head[["indicator", "unit", "central", "median", "p05", "p95", "p05_parametric", "p95_parametric", "interval",
      "status"]]

# %% [markdown]
# ## (b) The city beside Japan and the world

# %%
ef_tab, bc_tab = C.city_japan_world(fp, ctx, names)
fig = city_plots.city_japan_world(ef_tab, bc_tab, (ef["p05"], ef["p95"]), lang,
                                  title=pick(lang, f"Footprint and biocapacity per person, {fp.year}",
                                             f"1人当たりフットプリントと生物生産力（{fp.year}年）"))
bc_text = (f"{fp.headline['bc_gha_per_cap']:.3f} gha" if has_bc else
           pick(lang, "not available (no land-use data)", "土地利用データがないため算出不可"))
out.figure(
    fig,
    "city_japan_world",
    title=pick(lang, f"{name}, Japan and the world: footprint and biocapacity per person, {fp.year}",
               f"{name}・日本・世界の1人当たりフットプリントと生物生産力（{fp.year}年）"),
    caption=pick(lang,
                 f"{name} needs {ef['central']:.2f} gha per person (full 90 % interval {ef['p05']:.2f}–{ef['p95']:.2f}; "
                 f"parametric {ef['p05_parametric']:.2f}–{ef['p95_parametric']:.2f}; {basis}), "
                 f"{ef['central'] / ctx.ef_consumption_pc.sum():.2f} × Japan's {ctx.ef_consumption_pc.sum():.2f} gha; "
                 f"its own biocapacity per person: {bc_text}. Hatched bars: biocapacity.",
                 f"{name}の1人当たりフットプリントは{ef['central']:.2f} gha（全体90%区間 {ef['p05']:.2f}–{ef['p95']:.2f}、"
                 f"パラメータ90%区間 {ef['p05_parametric']:.2f}–{ef['p95_parametric']:.2f}、{basis}）で、"
                 f"日本（{ctx.ef_consumption_pc.sum():.2f} gha）の{ef['central'] / ctx.ef_consumption_pc.sum():.2f}倍。"
                 f"市内の1人当たり生物生産力：{bc_text}。斜線は生物生産力。"),
    source=C.SOURCE + "; " + A.NFA_SOURCE,
    status="estimated",
    data_edition=A.NFA_EDITION,
)

# %% [markdown]
# ## (c) Where the footprint lands: inside the city, the rest of Japan, abroad; carbon not located

# %%
fig = city_plots.origin_split(fp.origin, name, lang)
abroad_share = C.abroad_share(fp)
out.figure(
    fig,
    "city_footprint_origin",
    title=pick(lang, f"{name}: footprint by land type and origin, {fp.year}",
               f"{name}：土地タイプ別・由来別フットプリント（{fp.year}年）"),
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
ts = C.time_series(inputs, fp.city, draws=min(small_draws, 300), seed=seed, clum_year=fp.year)
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
cmp = C.compare_cities(inputs, fp.year, draws=small_draws, seed=seed)
rank = C.rank_of(cmp, fp.city)
n_cities = len(cmp)
fig = city_plots.city_comparison(cmp, fp.city, float(ctx.ef_consumption_pc.sum()), lang,
                                 title=pick(lang, f"Footprint per person of the {n_cities} survey cities, {fp.year}",
                                            f"家計調査{n_cities}市の1人当たりフットプリント（{fp.year}年）"))
out.figure(
    fig,
    "capital_cities_comparison",
    title=pick(lang, f"Footprint per person of the {n_cities} survey cities, {fp.year}",
               f"家計調査{n_cities}市の1人当たりフットプリント（{fp.year}年）"),
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
days = C.overshoot_days(head, ctx, names)
dates = C.overshoot_dates(head, fp.year)
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
fig = city_plots.overshoot_calendar(days, fp.year, lang,
                                    title=pick(lang, f"Overshoot day, {fp.year}", f"オーバーシュート・デー（{fp.year}年）"))
out.figure(
    fig,
    "city_overshoot_day",
    title=pick(lang, f"{name}: overshoot day, {fp.year}", f"{name}のオーバーシュート・デー（{fp.year}年）"),
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
sens = C.sensitivity(inputs, fp.city, fp.year, draws=small_draws, seed=seed)
fig = city_plots.tornado(sens, fp.headline["ef_gha_per_cap"], lang,
                         title=pick(lang, f"{name}: sensitivity of the footprint per person, {fp.year}",
                                    f"{name}：1人当たりフットプリントの感度（{fp.year}年）"))
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
ssens = C.structural_sensitivity(inputs, fp.city, fp.year)
fig = city_plots.structural_sensitivity(ssens, name, lang,
                                        title=pick(lang, f"{name}: what the structural choices do, {fp.year}",
                                                   f"{name}：構造的な選択の影響（{fp.year}年）"))
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
hb = C.household_basis_table(inputs, [fp.city])
print(f"one-person margin for {fp.city}: factor {hb['factor'].iloc[0]:.3f} ({hb['status'].iloc[0]})")
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
k_gha_per_t = carbon_uptake_intensity(float(ctx.equivalence_factors[A.LAND_TYPES.index("carbon")]))
valid = C.validation_table(inputs, C.read_published_footprints(), fp.year, k_gha_per_t)
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
out.json("headline", C.headline_summary(fp, head, clum_file))
written = out.tables(C.output_tables(fp, head, ts, cmp, sens, extra={
    "structural_sensitivity": ssens, "validation": valid, "household_basis": hb}))
print(statement)
sorted(p.name for p in written.values())

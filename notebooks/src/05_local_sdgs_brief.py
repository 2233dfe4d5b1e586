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
from footprint import flows as FL
from footprint import forest as F
from footprint import sdgs as S
from footprint.outputs.labels import label, pick
from footprint.outputs.plots import forest as forest_plots
from footprint.outputs.plots import ledger as ledger_plots
from footprint.outputs.plots import sdgs as sdgs_plots
from footprint.outputs.style import ratio_text
from footprint.pipeline.model import start

run = start("05_local_sdgs_brief", globals())  # checks the parameters; reads (or computes) the run's results
out, R = run.out, run.results  # the brief's outputs; the run's Osaka, forest and flows results (nothing recomputed)
all_parts = S.load_partnerships()
parts = S.select_partnerships(all_parts, partnerships)
name = dict(zip(parts["id"], parts["name_ja" if lang == "ja" else "name_en"], strict=True))

nfa = A.load_nfa()
A.require_year(nfa, year)
countries = S.partner_countries(parts)
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
# ## The indicator table
#
# One row per partnership × indicator. For Osaka's footprint, `p05`–`p95` is the full 90 % interval
# (structural ensemble and parametric Monte Carlo); the note of each row says which interval it is.

# %%
table = S.indicator_table(
    [
        S.load_published(all_parts),
        S.national_rows(national, parts, year, A.NFA_SOURCE),
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
h = headline.set_index("indicator")
osaka_earths = float(h.loc["earths", "central"])
out.figure(
    sdgs_plots.earths_bar(
        S.earths_rows(headline, national, countries, name=lambda k: label(k, lang)), label("Osaka", lang), lang,
        title=pick(lang, f"Osaka City's way of living needs {osaka_earths:.2f} Earths ({year})",
                   f"大阪市の暮らしには地球{osaka_earths:.2f}個分が必要（{year}年）"),
        year=year,
    ),
    "brief_earths",
    title=pick(lang, f"Earths needed: Osaka City and its partners' countries, {year}",
               f"必要な地球の数：大阪市と連携先の国（{year}年）"),
    caption=pick(
        lang,
        f"If everyone lived like Osaka City's residents, humanity would need {osaka_earths:.2f} Earths (full 90 % interval, "
        f"structural and parametric, {h.loc['earths', 'p05']:.2f}–{h.loc['earths', 'p95']:.2f}; parametric only "
        f"{h.loc['earths', 'p05_parametric']:.2f}–{h.loc['earths', 'p95_parametric']:.2f}; two-or-more-person households; "
        "city estimate downscaled from national accounts). "
        f"National values of Japan and the partners' countries are published (NFA 2025 edition). All values are for "
        f"{year}; the national accounts notebook also shows later years, which are GFN nowcasts and differ.",
        f"世界中の人が大阪市民と同じ暮らしをすると地球{osaka_earths:.2f}個分が必要（全体90%区間（構造＋パラメータ）"
        f"{h.loc['earths', 'p05']:.2f}–{h.loc['earths', 'p95']:.2f}、パラメータのみ "
        f"{h.loc['earths', 'p05_parametric']:.2f}–{h.loc['earths', 'p95_parametric']:.2f}、二人以上の世帯、"
        "国の勘定から按分した推計）。日本と連携先の国の値は公表値"
        f"（NFA 2025年版）。値はすべて{year}年のもの。国の勘定のノートブックが示す{year}年より後の年はGFNの速報推計で、値が異なる。"),
    source=f"{A.NFA_SOURCE}; city: footprint.city (estimated CLUM, household survey)",
    status="estimated",
    year=year,
    data_edition=A.NFA_EDITION,
    dpi=dpi,
)

# %% [markdown]
# ## 2. Almost all of Osaka's footprint lands outside the city

# %%
share_out = float(h.loc["share_outside_city", "central"])
share_abroad = S.share_abroad(origin)
out.figure(
    sdgs_plots.dependence_bar(origin, lang, title=pick(lang, f"{share_out:.1%} of Osaka City's footprint is met outside the city",
                                                      f"大阪市のフットプリントの{share_out:.1%}は市外に依存")),
    "brief_dependence",
    title=pick(lang, f"Where Osaka City's footprint lands, {year}", f"大阪市のフットプリントはどこに依存するか（{year}年）"),
    caption=pick(
        lang,
        f"Osaka City's ecological footprint by where the biocapacity it uses lies: inside the city, elsewhere in Japan, "
        f"or abroad ({share_abroad:.0%}), from Japan's shares of production and imports per land type. Carbon is shown "
        "apart (carbon: uptake land not located): its uptake land is a hypothetical forest area, not a place. This is "
        "the dependence the environmental plan answers with diverse bonds.",
        f"大阪市のエコロジカル・フットプリントを、利用する生物生産力の所在（市内・市外の国内・海外{share_abroad:.0%}）で分けたもの"
        "（土地タイプ別の国内生産と輸入のシェアによる）。炭素は別に示す（炭素：吸収地は特定されない）。吸収地は仮想の森林面積で、"
        "場所ではないため。環境基本計画が「多様なきずな」で応えようとする依存の姿。"),
    source=f"{A.NFA_SOURCE}; footprint.city (estimated)",
    status="estimated",
    year=year,
    data_edition=A.NFA_EDITION,
    dpi=dpi,
)

# %% [markdown]
# ## 3. From FY2024 Osaka's residents send more forest-tax money to forest regions than the city receives

# %%
fl = forest.flows
net_last = float(fl["net_outflow_jpy"].iloc[-1]) / 1e6
fy_last = int(fl["fiscal_year"].iloc[-1])
out.figure(
    forest_plots.receipts_vs_payments(
        fl, published_receipts, lang,
        title=pick(lang, f"Forest tax: Osaka sends about {net_last:,.0f} M yen a year to forest regions",
                   f"森林環境税：大阪市から森林地域へ年約{net_last:,.0f}百万円"),
    ),
    "brief_forest_money",
    title=pick(lang, "Forest Environment Tax: receipts and payments of Osaka City",
               "森林環境税・譲与税：大阪市の受取と納付"),
    caption=pick(
        lang,
        f"Osaka City received 310.62 M yen of transfer tax in FY2023 (published; other years modelled). From FY2024 its "
        f"residents pay the 1,000-yen levy (payers estimated from the population share): in FY{fy_last} the net flow to "
        f"forest regions is about {net_last:,.0f} M yen.",
        f"大阪市の2023年度の森林環境譲与税は3億1,062万円（公表値、他年度はモデル推計）。2024年度から市民が1人1,000円の"
        f"森林環境税を納付（納税義務者数は人口シェアで推計）：{fy_last}年度の森林地域への純流出は約{net_last:,.0f}百万円。"),
    source=f"{F.SOURCES['osaka_fy2023']}; {F.SOURCES['pools']}; {F.SOURCES['levy']}",
    status="estimated",
    year=pick(lang, f"FY{int(fl['fiscal_year'].iloc[0])}–FY{fy_last}", f"{int(fl['fiscal_year'].iloc[0])}–{fy_last}年度"),
    dpi=dpi,
)

# %% [markdown]
# ## 4. Offsets from wood and partner forests are small against Osaka's carbon footprint

# %%
cf_t = float(carbon["co2_t"])
ratio = S.footprint_to_sink_ratio(cf_t, forest)
# annual flows only: the wood-carbon stock accumulated to the horizon year is not comparable with a year's
# footprint, so the chart shows the stock's net addition in one year instead
wood_year = 2030 if 2030 in set(forest.stock["year"]) else forest.horizon_year
wood_added = float(forest.stock.loc[forest.stock["year"] == wood_year, "stock_change_co2_t"].sum())
mag = S.offset_magnitudes(table, cf_t, forest, lang)
mag = pd.concat([mag[mag["co2_t"] != forest.stock_end_co2_t], pd.DataFrame([dict(
    name=pick(lang, f"Net addition to the carbon in purchased wood ({wood_year})",
              f"購入木材の炭素貯蔵の純増（{wood_year}年）"), co2_t=wood_added, status="illustrative")])],
    ignore_index=True)
mag = mag[mag["co2_t"] > 0].reset_index(drop=True)
smallest, largest = ratio_text(cf_t / mag["co2_t"].iloc[1:].max()), ratio_text(cf_t / mag["co2_t"].iloc[1:].min())
out.figure(
    sdgs_plots.magnitudes(mag, lang, ref_label=pick(lang, "the footprint", "フットプリント"),
                          title=pick(lang, f"Offsets are {smallest} to {largest} times smaller than the footprint",
                                     f"削減・吸収・貯蔵はフットプリントの{smallest}分の1から{largest}分の1")),
    "brief_offsets_scale",
    title=pick(lang, "Scale of offsets against Osaka City's carbon footprint",
               "大阪市のカーボン・フットプリントと吸収・貯蔵の規模"),
    caption=pick(
        lang,
        f"Osaka City's carbon footprint (about {cf_t / 1e6:.0f} Mt-CO₂ a year, estimate) is about {ratio:,.0f} times the "
        f"annual sink of {forest.supported_area_ha:,.0f} ha in each of two illustrative partner forests. Published JCM "
        f"reductions and the illustrative yearly addition to the carbon in purchased wood ({wood_year}) are of the same "
        "small order: cutting demand matters most. All quantities are per year.",
        f"大阪市のカーボン・フットプリント（年約{cf_t / 1e6:.0f} Mt-CO₂、推計）は、例示の連携先森林2か所（各"
        f"{forest.supported_area_ha:,.0f}ha）の年間吸収量の約{ratio:,.0f}倍。公表されたJCM削減量や例示の購入木材の炭素貯蔵の"
        f"年間純増（{wood_year}年）も同じく小さく、需要の削減が最も重要。いずれも年間の量。"),
    source=f"footprint.city (estimated); {F.SOURCES['sink']}; {F.SOURCES['guideline']}; JCM: flow seed data (sources per row)",
    status="illustrative",
    year=year,
    dpi=dpi,
)

# %% [markdown]
# ## 5. What each partnership can be measured on

# %%
cov = S.coverage(table, parts)
n_part = S.partnerships_measured(cov)
out.figure(
    sdgs_plots.coverage_heatmap(cov, [name[p] for p in cov.index], lang),
    "brief_sdg_coverage",
    title=pick(lang, "Local SDGs: indicators per partnership", "ローカルSDGs：連携ごとの指標"),
    caption=pick(
        lang,
        f"Number of indicators with a value, unit, year and source for each of {n_part} partnerships and Osaka itself, by "
        "SDG. Bonds (SDG 17) come from the flow graph; the indicator table lists each value with its status.",
        f"{n_part}の連携と大阪市自身について、値・単位・年・出典のある指標の数（SDG別）。絆（SDG17）はフローグラフから算出。"
        "各値とその区分は指標表を参照。"),
    source="footprint indicator table (sources per row)",
    status="derived",
    year=pick(lang, f"footprint {year}, bonds {flows_year}", f"フットプリント{year}年・きずな{flows_year}年"),
    dpi=dpi,
)

# %% [markdown]
# ## 6. What flows to and from Osaka, in four currencies
#
# The partnership ledger of notebook 04: trade with each partner country attributed to Osaka by a
# documented share (with its embodied footprint in gha and t-CO₂), visitors, Osaka-linked JCM
# reductions and the forest-tax money, each cell with its 90 % interval and status. A cell that is
# defined but has no data says "n/a", never zero (JCM yen amounts are not published).

# %%
partnership = FL.partnership_of(R["flows"])  # the ledger of notebook 04 (the same result of the run)
ledger_year = FL.ledger_latest_year(partnership.ledger)
shown = [*FL.PARTNERS, "government_of_japan"]
partner_names = {k: pick(lang, v[0], v[1]) for k, v in FL.PARTNERS.items()} | {
    "government_of_japan": pick(lang, "National forest-tax pool", "国の森林環境譲与税財源")}
out.figure(
    ledger_plots.ledger_figure(partnership.ledger, shown, ledger_year, names=partner_names, lang=lang),
    "brief_partnership_ledger",
    title=pick(lang, f"What flows to and from Osaka, four currencies ({ledger_year})",
               f"大阪への流れと大阪からの流れ（4通貨、{ledger_year}年）"),
    caption=pick(
        lang,
        "Bars to the right: to Osaka; to the left: from Osaka; whiskers: 90 % intervals; hatching: status; n/a: no "
        "data (JCM yen amounts are not published). Trade is Japan's published trade attributed to Osaka City by its "
        "share of Japan's household consumption (an estimate).",
        "右：大阪へ、左：大阪から。ひげは90%区間、ハッチは区分。n/a：データなし（JCMの円建て額は非公表）。貿易は日本の公表値を"
        "大阪市の家計消費シェアで按分した推計。"),
    source="Trade Statistics of Japan (MOF); NFA 2025 edition; footprint.city; JNTO; Osaka Convention & Tourism Bureau; "
           "MOEJ JCM; footprint.forest",
    status="estimated",
    year=ledger_year,
    dpi=dpi,
)
magnitudes = FL.partner_magnitudes(partnership.ledger, shown, ledger_year)
display(magnitudes)

# %% [markdown]
# ## Tables
#
# The indicator table (every row with its source and status) and its coverage, written to the run
# folder and to `data/processed/05_local_sdgs_brief/`.

# %%
written = out.tables({"sdg_indicators": table, "sdg_coverage": cov.reset_index(), "partner_magnitudes": magnitudes})
out.json("brief_headline", S.brief_headline(year, headline, origin, forest, table))
sorted(p.name for p in written.values())

"""The city headline the package computes (notebook 02's headline.json is checked in tests/test_e2e_run.py)."""

from __future__ import annotations

from footprint import city as C


def test_headline_summary_of_the_package(nfa):
    inputs = C.load_inputs(nfa=nfa)
    h = C.headline(inputs, "Osaka", 2022, 200, 2026)
    assert h["city"] == C.OSAKA and h["draws"] == 200 and h["clum"] == "estimated (RAS)"
    ef = h["ef_gha_per_cap"]
    assert ef["p05"] <= ef["median"] <= ef["p95"]
    assert h["overshoot_date"]["p05"] <= h["overshoot_date"]["central"] <= h["overshoot_date"]["p95"]

"""Line breaking by width and 禁則 rules (footprint.outputs.text)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from footprint.outputs.text import NO_LINE_END, NO_LINE_START, text_width, wrap

CAPTION_JA = ("大阪市の一人当たりエコロジカル・フットプリントは2.65地球分に相当し、日本全体（2.83）より"
              "やや小さい。推計値であり、90 %区間は統計的な不確かさのみを含む。")


def test_no_line_starts_with_a_closing_mark_or_particle_split_from_its_word():
    for width in range(8, 60):
        lines = wrap(CAPTION_JA, width).split("\n")
        assert all(ln and ln[0] not in NO_LINE_START for ln in lines), (width, lines)
        assert all(ln[-1] not in NO_LINE_END for ln in lines), (width, lines)
        # numbers and units are never split
        text = "\n".join(lines)
        assert "2.65" in text and "2.83" in text and "90 %" in text.replace("\n", " ")


def test_latin_breaks_at_spaces_only():
    s = "ESTIMATE. Osaka City footprint per person, 2022: 3.99 gha (90 % interval 3.85-4.11)."
    lines = wrap(s, 30).split("\n")
    assert " ".join(lines) == s
    assert all(text_width(ln) <= 30 for ln in lines)


JA_CHARS = st.sampled_from(list("大阪市の森林環境譲与税は木材とカーボンに使われる。、（）「」ー・っゃ") + ["2.65", " gha", "CO₂"])


@settings(max_examples=300)
@given(st.lists(JA_CHARS, min_size=1, max_size=80), st.integers(min_value=6, max_value=50))
def test_wrapping_keeps_every_character_and_the_kinsoku_rules(parts, width):
    text = "".join(parts).strip() or "森"
    out = wrap(text, width)
    assert out.replace("\n", "").replace(" ", "") == text.replace(" ", "")
    for ln in out.split("\n"):
        if ln:
            assert ln[0] not in NO_LINE_START or ln == out.split("\n")[0]
            assert ln[-1] not in NO_LINE_END or ln == out.split("\n")[-1]

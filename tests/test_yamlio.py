"""YAML as a person means it (footprint.core.yamlio): YAML 1.2, keys once, no number read two ways."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footprint.core import yamlio
from footprint.core.yamlio import YamlProblem


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_a_plain_integer_is_itself(n):
    assert yamlio.load(str(n)) == n


@given(st.integers(min_value=8, max_value=10**9), st.integers(min_value=1, max_value=3))
def test_leading_zeros_that_octal_would_change_are_refused(n, zeros):
    text = "0" * zeros + str(n)
    octal_differs = all(c in "01234567" for c in str(n)) and int(str(n), 8) != n
    if octal_differs:
        with pytest.raises(YamlProblem, match="alike"):
            yamlio.load(text)
        assert yamlio.load(f'"{text}"') == text  # quoted: text in every YAML
    else:
        assert yamlio.load(text) == n  # 089: YAML 1.1 has no octal reading, 1.2 reads 89


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30))
def test_a_double_quoted_string_is_itself(s):
    quoted = '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    assert yamlio.load(quoted) == s


@pytest.mark.parametrize("text, value", [("yes", "yes"), ("no", "no"), ("on", "on"), ("off", "off"), ("true", True),
                                         ("1e9", 1e9), ("0.5", 0.5), ("05", 5), ("0x10", 16), ("~", None), ("", None)])
def test_yaml_1_2_values(text, value):
    assert yamlio.load(text) == value


@pytest.mark.parametrize("text, found, line", [
    ("seed: 010", "010 (YAML 1.1: 8, YAML 1.2: 10)", 1),
    ("a: 1\nb: 1:40", "1:40 (YAML 1.1: the base-60 number 100, YAML 1.2: text)", 2),
    ("a: [1, 0755]", "0755 (YAML 1.1: 493, YAML 1.2: 755)", 1),
    ("name: a\nname: b\n", "'name' twice (lines 1 and 2)", 2),
    ("{lang: ja, lang: en}", "'lang' twice (line 1)", 1),
    ("x:\n  y: 1\n  y: 2\n", "'y' twice (lines 2 and 3)", 3),
])
def test_what_yaml_1_1_would_misread_is_refused_with_its_line(text, found, line):
    with pytest.raises(YamlProblem) as e:
        yamlio.load(text)
    assert e.value.found == found and e.value.line == line and "\n" not in str(e.value)


def test_the_same_key_in_two_mappings_is_fine():
    assert yamlio.load("a: {k: 1}\nb: {k: 2}\n") == {"a": {"k": 1}, "b": {"k": 2}}

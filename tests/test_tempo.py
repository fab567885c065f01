"""Tempo: parsing, explosive parts, legend, rep seconds and time under tension."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.content.tempo import EXPLOSIVE_S, LEGEND, MAX_PART_S, Tempo, hold_time_under_tension
from coursekit.errors import InvalidModel


def test_parse_names_each_part():
    t = Tempo.parse("3-1-2-0")
    assert (t.eccentric, t.bottom, t.concentric, t.top) == (3, 1, 2, 0)
    assert not t.is_explosive


def test_rep_seconds_of_the_contract():
    assert Tempo.parse("3-1-2-0").rep_seconds == 6


def test_x_is_explosive_and_counts_one_second_by_default():
    t = Tempo.parse("3-1-X-0")
    assert t.concentric is None
    assert t.is_explosive
    assert EXPLOSIVE_S == 1.0
    assert t.rep_seconds == 5
    assert Tempo.parse("3-1-x-0") == t  # lower-case x too


def test_explosive_seconds_are_configurable():
    t = Tempo.parse("X-0-X-0")
    assert t.seconds(explosive_s=0.5) == 1.0
    assert t.seconds() == 2.0
    assert t.time_under_tension(4, explosive_s=0.5) == 4.0


def test_format_and_legend():
    t = Tempo.parse(" 3 - 1 - X - 0 ")
    assert str(t) == "3-1-X-0"
    assert repr(t) == "Tempo('3-1-X-0')"
    assert t.describe() == f"3-1-X-0 ({LEGEND})"
    assert "eccentric" in LEGEND and "X = explosive" in LEGEND
    assert t.explain() == "3 s lowering, 1 s pause at the bottom, explosive lifting, 0 s pause at the top"


def test_time_under_tension_for_reps():
    t = Tempo.parse("3-1-2-0")
    assert t.time_under_tension(8) == 48  # CONTENT.md: 3-1-2-0 x 8 reps = 48 s
    assert t.time_under_tension(8, sets=2) == 96
    assert t.time_under_tension(8, per_side=True) == 96
    assert t.time_under_tension(8, sets=3, per_side=True) == 288


def test_time_under_tension_for_holds():
    assert hold_time_under_tension(30) == 30
    assert hold_time_under_tension(30, sets=2) == 60
    assert hold_time_under_tension(20, sets=2, per_side=True) == 80


@pytest.mark.parametrize("bad", ["3-1-2", "a-1-2-0", "-1-1-2-0", "3-1-2-0-1", "", "3--2-0", "3.5-1-2-0"])
def test_bad_strings_say_what_was_expected(bad):
    with pytest.raises(InvalidModel, match="expected four parts like '3-1-2-0'"):
        Tempo.parse(bad)


def test_bad_values_are_rejected():
    with pytest.raises(InvalidModel, match="between 0 and 10"):
        Tempo.parse("11-1-2-0")
    with pytest.raises(InvalidModel, match="must be text"):
        Tempo.parse(3120)
    with pytest.raises(InvalidModel, match="whole number"):
        Tempo(eccentric=True, bottom=1, concentric=2, top=0)
    with pytest.raises(InvalidModel, match="not be negative"):
        Tempo.parse("3-1-2-0").time_under_tension(-1)
    with pytest.raises(InvalidModel, match="not be negative"):
        hold_time_under_tension(-5)


def test_with_part_and_parse_of_a_tempo():
    t = Tempo.parse("3-1-2-0")
    assert str(t.with_part("eccentric", 4)) == "4-1-2-0"
    assert Tempo.parse(t) is t
    with pytest.raises(InvalidModel, match="no part"):
        t.with_part("middle", 1)


parts = st.one_of(st.none(), st.integers(min_value=0, max_value=MAX_PART_S))


@given(parts, parts, parts, parts)
def test_round_trip(e, b, c, t):
    tempo = Tempo(eccentric=e, bottom=b, concentric=c, top=t)
    assert Tempo.parse(str(tempo)) == tempo

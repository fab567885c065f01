"""Breath pacing: one breath per rep, inhale on the lowering, exhale through the effort."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.content.tempo import Tempo
from coursekit.engine.breath import BreathPlan, breath_plan, check_reps
from coursekit.errors import InvalidModel


def test_three_one_two_zero_for_eight_reps():
    plan = breath_plan("3-1-2-0", 8)
    assert plan.inhale_s == 3 and plan.exhale_s == 3
    assert plan.cycle_s == 6 and plan.breaths == 8
    assert plan.set_s == 48
    assert plan.breaths_per_minute == pytest.approx(10.0)
    assert plan.pace == "comfortably slow" and plan.comfortable


def test_str_is_stable():
    assert str(breath_plan("3-1-2-0", 8)) == (
        "Breath plan: 8 reps at tempo 3-1-2-0 (48 s under tension)\n"
        "Each rep: inhale 3 s while lowering; exhale 3 s through the pause at the bottom and the lifting.\n"
        "Breaths per set: 8 (one per rep), 6 s per breath, 10.0 breaths a minute.\n"
        "Pace: comfortably slow (teaching heuristic: a breath cycle of 4-10 s is comfortably slow).\n"
        "A calm, sustainable pace: keep the exhale flowing through the effort."
    )
    assert (
        repr(breath_plan("3-1-2-0", 8)) == "BreathPlan('3-1-2-0', 8 reps, 6 s per breath, comfortably slow)"
    )


def test_top_pause_belongs_to_the_inhale():
    plan = breath_plan("2-1-2-1", 2)
    assert (plan.inhale_s, plan.exhale_s) == (3, 3)
    assert plan.rep_cue() == (
        "inhale 3 s in the pause at the top and while lowering; "
        "exhale 3 s through the pause at the bottom and the lifting"
    )
    assert plan.rep_lines() == [
        "rep 1: inhale 0-2 s, exhale 2-5 s, inhale 5-6 s",
        "rep 2: inhale 6-8 s, exhale 8-11 s, inhale 11-12 s",
    ]


def test_pauses_of_zero_are_left_out_of_the_timeline():
    plan = breath_plan("3-0-2-0", 1)
    assert [(p.part, p.breath) for p in plan.phases] == [("eccentric", "inhale"), ("concentric", "exhale")]


def test_explosive_counts_one_second():
    plan = breath_plan(Tempo.parse("3-1-X-0"), 4)
    assert plan.exhale_s == 2 and plan.cycle_s == 5


@pytest.mark.parametrize(
    ("tempo", "pace"),
    [
        ("1-0-1-0", "too fast"),
        ("2-0-2-0", "comfortably slow"),
        ("4-1-4-1", "comfortably slow"),
        ("5-2-5-2", "too long for one breath"),
    ],
)
def test_pace_bands(tempo, pace):
    assert breath_plan(tempo, 5).pace == pace


def test_advice_names_the_fix():
    assert "slow the tempo" in breath_plan("1-0-1-0", 5).advice()
    assert "extra relaxed breath" in breath_plan("5-2-5-2", 5).advice()
    assert "holding the breath" in breath_plan("0-0-2-0", 5).advice()
    assert "no time to inhale" in breath_plan("0-0-2-0", 5).rep_cue()


@pytest.mark.parametrize("bad", ["3-1-2", "a-b-c-d", "", "3-1-2-0-1", 3])
def test_bad_tempo_raises_invalid_model(bad):
    with pytest.raises(InvalidModel, match="tempo"):
        breath_plan(bad, 8)


def test_zero_tempo_leaves_no_time_to_breathe():
    with pytest.raises(InvalidModel, match="no time to breathe"):
        breath_plan("0-0-0-0", 8)


@pytest.mark.parametrize("bad", [0, -1, 51, 2.5, True, "8"])
def test_bad_reps(bad):
    with pytest.raises(InvalidModel, match="reps"):
        check_reps(bad)
    with pytest.raises(InvalidModel, match="reps"):
        breath_plan("3-1-2-0", bad)


parts = st.integers(min_value=0, max_value=10)


@given(parts, parts, parts, parts, st.integers(min_value=1, max_value=50))
def test_phases_tile_the_set(ecc, bottom, con, top, reps):
    tempo = Tempo(eccentric=ecc, bottom=bottom, concentric=con, top=top)
    if tempo.rep_seconds == 0:
        with pytest.raises(InvalidModel):
            breath_plan(tempo, reps)
        return
    plan = breath_plan(tempo, reps)
    assert isinstance(plan, BreathPlan)
    assert plan.set_s == pytest.approx(tempo.time_under_tension(reps))
    assert plan.phases[0].start_s == 0 and plan.phases[-1].end_s == pytest.approx(plan.set_s)
    for a, b in zip(plan.phases, plan.phases[1:]):
        assert a.end_s == b.start_s
    inhale = sum(p.seconds for p in plan.phases if p.breath == "inhale")
    assert inhale == pytest.approx(plan.inhale_s * reps)
    assert len(plan.rep_lines()) == reps

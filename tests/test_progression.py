"""Micro-progressions: one small step on one axis, within bounds."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.content.models import DOSE_BOUNDS
from coursekit.content.tempo import Tempo
from coursekit.engine.pain import next_step
from coursekit.engine.progression import (
    ECCENTRIC_CAP_S,
    HOLD_CAP_S,
    REPS_CAP,
    SETS_CAP,
    Proposal,
    propose,
    total_work_s,
)
from coursekit.engine.routines import RoutineItem
from coursekit.errors import InvalidModel
from factories import item, st_items, synthetic_catalog

CAT = synthetic_catalog()
DOSE_FIELDS = ("sets", "reps", "hold_s", "breaths", "tempo")


def changed(a: RoutineItem, b: RoutineItem) -> list[str]:
    """Dose fields that differ, with the tempo compared as it applies (item's or exercise's)."""
    out = [f for f in ("sets", "reps", "hold_s", "breaths") if getattr(a, f) != getattr(b, f)]
    if a.tempo_in(CAT) != b.tempo_in(CAT):
        out.append("tempo")
    return out


def test_progress_reps_first():
    p = propose(item("sit-to-stand", sets=2, reps=8), "progress", CAT)
    assert (p.kind, p.axis, p.item.reps, p.action) == ("dose", "reps", 10, "progress")
    assert p.explanation == "Add 2 reps (reps axis): 8 → 10 reps, within the cap of 12 reps."
    assert propose(item("sit-to-stand", reps=11), "progress", CAT).item.reps == REPS_CAP  # +1 to the cap


def test_progress_walks_reps_then_tempo_then_sets_then_ladder():
    it = RoutineItem.from_exercise(CAT["sit-to-stand"])  # 2 x 8, tempo 3-1-2-0
    seen = []
    for _ in range(6):
        p = propose(it, "progress", CAT)
        seen.append((p.kind, p.axis))
        it = p.item
    assert seen == [
        ("dose", "reps"),
        ("dose", "reps"),
        ("dose", "tempo"),
        ("dose", "sets"),
        ("ladder", "load"),
        ("dose", "reps"),
    ]
    assert it.exercise == "goblet-squat"


def test_tempo_step_slows_the_lowering_to_the_cap():
    p = propose(item("sit-to-stand", sets=1, reps=REPS_CAP), "progress", CAT)
    assert (p.axis, str(p.item.tempo)) == ("tempo", "4-1-2-0")
    assert "tempo axis" in p.explanation
    capped = item("sit-to-stand", sets=1, reps=REPS_CAP, tempo=Tempo.parse(f"{ECCENTRIC_CAP_S}-1-2-0"))
    assert propose(capped, "progress", CAT).axis == "sets"
    explosive = item("sit-to-stand", sets=1, reps=REPS_CAP, tempo=Tempo.parse("X-0-1-0"))
    assert str(propose(explosive, "progress", CAT).item.tempo) == "2-0-1-0"


def test_ladder_rung_takes_the_default_dose_and_keeps_the_phase():
    top = item("sit-to-stand", sets=SETS_CAP, reps=REPS_CAP, tempo=Tempo.parse("4-1-2-0"), phase="organize")
    p = propose(top, "progress", CAT)
    assert (p.kind, p.axis) == ("ladder", "load")
    assert p.item == RoutineItem.from_exercise(CAT["goblet-squat"], phase="organize")
    assert "from Sit to stand to Goblet squat" in p.explanation and "load axis" in p.explanation


def test_holds_breaths_and_timed_work():
    hold = propose(item("side-plank-knees", hold_s=15), "progress", CAT)
    assert (hold.axis, hold.item.hold_s) == ("hold", 20)
    assert propose(item("side-plank-knees", hold_s=58), "progress", CAT).item.hold_s == HOLD_CAP_S
    assert propose(item("side-plank-knees", hold_s=HOLD_CAP_S), "progress", CAT).axis == "sets"
    breaths = propose(item("crocodile-breathing", breaths=8), "progress", CAT)
    assert (breaths.axis, breaths.item.breaths) == ("breaths", 10)
    walk = propose(item("brisk-walk", hold_s=600), "progress", CAT)
    assert (walk.axis, walk.item.hold_s) == ("duration", 660)


def test_nothing_left_to_progress():
    top = item("goblet-squat", sets=SETS_CAP, reps=REPS_CAP, tempo=Tempo.parse("4-1-2-0"))
    p = propose(top, "progress", CAT)
    assert (p.kind, p.axis, p.item) == ("none", None, top)
    assert "no axis changes" in p.explanation


def test_regress_mirrors_progress():
    it = item("goblet-squat", sets=2, reps=10, tempo=Tempo.parse("4-1-2-0"))
    seen = []
    for _ in range(8):
        p = propose(it, "regress", CAT)
        seen.append((p.kind, p.axis))
        it = p.item
    assert seen == [
        ("dose", "sets"),
        ("dose", "tempo"),
        ("dose", "tempo"),
        ("dose", "reps"),
        ("dose", "reps"),
        ("dose", "reps"),
        ("ladder", "load"),
        ("dose", "sets"),
    ]
    assert it.exercise == "sit-to-stand"


def test_regress_brings_a_dose_back_within_bounds():
    p = propose(item("glute-bridge", sets=1, reps=30, tempo=Tempo.parse("2-1-2-1")), "regress", CAT)
    assert p.item.reps == DOSE_BOUNDS["reps"][1]


def test_repeat_changes_nothing_and_steps_are_accepted():
    it = item("bird-dog", sets=2, reps=6, per_side=True)
    p = propose(it, "repeat", CAT)
    assert (p.item, p.axis, p.kind) == (it, None, "none")
    assert "Repeat" in p.explanation
    assert propose(it, next_step(during=2, next_morning=1, baseline=1), CAT).action == "progress"
    assert str(p).startswith("repeat (none): Repeat")


def test_bad_input():
    with pytest.raises(InvalidModel, match="action"):
        propose(item("bird-dog"), "jump", CAT)
    with pytest.raises(InvalidModel, match="not in the catalog"):
        propose(item("nope"), "progress", CAT)
    with pytest.raises(InvalidModel, match="RoutineItem"):
        propose("bird-dog", "progress", CAT)
    with pytest.raises(InvalidModel, match="kind"):
        Proposal(item=item("bird-dog"), axis=None, kind="maybe", explanation="x")


items = st_items(sorted(CAT.ids))


@settings(max_examples=150, deadline=None)
@given(items)
def test_progress_never_lowers_work_and_changes_one_axis(it):
    p = propose(it, "progress", CAT)
    if p.kind == "dose":
        assert p.item.exercise == it.exercise
        assert total_work_s(p.item, CAT) >= total_work_s(it, CAT)
        assert changed(it, p.item) == [p.axis if p.axis in ("sets", "reps", "breaths", "tempo") else "hold_s"]
        assert (p.item.phase, p.item.rest_s, p.item.per_side) == (it.phase, it.rest_s, it.per_side)
    elif p.kind == "ladder":
        assert p.item.exercise != it.exercise
        assert p.item == dataclasses.replace(RoutineItem.from_exercise(CAT[p.item.exercise]), phase=it.phase)
    else:
        assert p.item == it


@settings(max_examples=150, deadline=None)
@given(items, st.sampled_from(["progress", "regress"]))
def test_steps_stay_within_bounds_and_caps(it, action):
    p = propose(it, action, CAT)
    if p.kind != "dose":
        return
    new, axis = p.item, p.axis
    low, high = DOSE_BOUNDS["sets"]
    if axis == "sets":
        assert low <= new.sets <= (SETS_CAP if action == "progress" else high)
    if axis == "reps":
        assert (
            DOSE_BOUNDS["reps"][0]
            <= new.reps
            <= (REPS_CAP if action == "progress" else DOSE_BOUNDS["reps"][1])
        )
    if axis == "hold":
        assert (
            DOSE_BOUNDS["hold_s"][0]
            <= new.hold_s
            <= (HOLD_CAP_S if action == "progress" else DOSE_BOUNDS["hold_s"][1])
        )
    if axis == "breaths":
        assert DOSE_BOUNDS["breaths"][0] <= new.breaths <= DOSE_BOUNDS["breaths"][1]
    if axis == "tempo":
        old = it.tempo_in(CAT).eccentric
        if action == "progress":
            assert new.tempo.eccentric == (1 if old is None else old) + 1 <= ECCENTRIC_CAP_S
        else:
            assert new.tempo.eccentric == old - 1 >= 2
    if action == "regress":
        assert total_work_s(new, CAT) <= total_work_s(it, CAT)

"""coursekit.engine.rotation: a capsule rotated over the week, families spread, variety measured."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.factories import IDS, synthetic_catalog

from coursekit.engine.rotation import WEEKDAYS, check_days, weekday, weekly_rotation
from coursekit.errors import InvalidModel

CAT = synthetic_catalog()
CAPSULE = [
    "crocodile-breathing",
    "cat-camel",
    "bird-dog",
    "glute-bridge",
    "hip-hinge-dowel",
    "sit-to-stand",
    "split-squat",
    "suitcase-carry",
    "open-book",
]


def test_every_family_appears_and_none_back_to_back():
    r = weekly_rotation(CAPSULE, CAT, days=["Mon", "Tue", "Thu", "Fri", "Sat"], per_day=3)
    v = r.variety
    assert v.families_used == v.families_total == len(r.families)
    assert v.back_to_back == 0
    assert all(len(set(d.families)) == len(d.families) == 3 for d in r.days)


def test_families_keep_first_appearance_order_and_exercises_take_turns():
    r = weekly_rotation(CAPSULE, CAT, days=WEEKDAYS, per_day=3)
    assert r.families[:3] == ("breathing", "mobility", "anti_rotation")
    hinges = [e for d in r.days for e in d.exercises if CAT[e].family == "hinge"]
    assert hinges[:2] == ["glute-bridge", "hip-hinge-dowel"]


def test_sessions_run_soften_to_strengthen():
    order = {"soften": 0, "organize": 1, "strengthen": 2}
    r = weekly_rotation(CAPSULE, CAT, days=["Mon", "Wed"], per_day=5)
    for d in r.days:
        phases = [order[CAT[e].phase] for e in d.exercises]
        assert phases == sorted(phases)


def test_unavoidable_repeat_is_counted():
    r = weekly_rotation(["bird-dog", "glute-bridge"], CAT, days=["Mon", "Tue"], per_day=2)
    assert r.variety.back_to_back == 2
    assert "2 back-to-back repeats" in str(r.variety)


def test_days_are_sorted_and_named_flexibly():
    r = weekly_rotation(CAPSULE, CAT, days=["friday", "mon", "Wed"])
    assert [d.day for d in r.days] == ["Mon", "Wed", "Fri"]
    assert weekday("Sunday") == "Sun"


def test_grid_and_text_are_stable():
    r = weekly_rotation(CAPSULE, CAT, days=["Mon", "Wed", "Fri"], per_day=3)
    days, families, cells = r.grid()
    assert days == ("Mon", "Wed", "Fri") and families == r.families
    assert sum(c is not None for row in cells for c in row) == 9
    assert repr(r) == "Rotation(9 exercises, 3 days, 8 families)"
    assert str(r).splitlines()[0] == "Rotation of 9 exercises over 3 days"
    assert str(r) == str(weekly_rotation(CAPSULE, CAT, days=["Mon", "Wed", "Fri"], per_day=3))


@pytest.mark.parametrize(
    "kwargs, words",
    [
        (dict(capsule=["bird-dog"]), "2 to 12"),
        (dict(capsule=["bird-dog", "bird-dog"]), "twice"),
        (dict(capsule=["bird-dog", "nope"]), "'nope'"),
        (dict(days=[]), "at least one"),
        (dict(days=["Mon", "monday"]), "twice"),
        (dict(days=["Funday"]), "not a weekday"),
        (dict(per_day=0), "per_day"),
        (dict(per_day=True), "per_day"),
    ],
)
def test_bad_input_names_the_problem(kwargs, words):
    args = dict(capsule=CAPSULE, days=["Mon"], per_day=3) | kwargs
    with pytest.raises(InvalidModel, match=words):
        weekly_rotation(args.pop("capsule"), CAT, **args)


def test_check_days_accepts_a_single_string():
    assert check_days("Tue") == ("Tue",)


@settings(max_examples=60, deadline=None)
@given(
    capsule=st.lists(st.sampled_from(IDS), min_size=2, max_size=12, unique=True),
    days=st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True),
    per_day=st.integers(1, 5),
)
def test_properties(capsule, days, per_day):
    r = weekly_rotation(capsule, CAT, days=days, per_day=per_day)
    n_fam = len(r.families)
    for d in r.days:
        assert len(d.exercises) == min(per_day, n_fam)
        assert len(set(d.families)) == len(d.families)
        assert set(d.exercises) <= set(capsule)
    if len(days) * min(per_day, n_fam) >= n_fam:
        assert r.variety.families_used == n_fam
    # no back-to-back repeat when there are enough other families to choose from
    if n_fam >= 2 * per_day:
        assert r.variety.back_to_back == 0

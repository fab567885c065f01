"""Coverage of movement families and regions, for a routine or a week."""

from __future__ import annotations

import pytest

from coursekit.content import enums
from coursekit.engine.coverage import coverage
from coursekit.errors import InvalidModel
from factories import good_routine, item, routine, synthetic_catalog

CAT = synthetic_catalog()


def test_counts_in_enum_order_with_zeros():
    cov = coverage(good_routine(), CAT)
    assert [f for f, _ in cov.families] == list(enums.FAMILIES)
    assert [r for r, _ in cov.regions] == list(enums.REGIONS)
    assert cov.items == 5
    assert cov.family_counts["breathing"] == 1 and cov.family_counts["hinge"] == 1
    assert cov.family_counts["squat"] == 0
    # crocodile (diaphragm, lumbar), cat-camel (lumbar, thoracic), bird-dog (lumbar, hips,
    # shoulder_girdle), glute-bridge (hips, pelvis), child pose (lumbar, hips)
    assert cov.region_counts == {
        "lumbar": 4,
        "thoracic": 1,
        "pelvis": 1,
        "hips": 3,
        "feet_ankles": 0,
        "shoulder_girdle": 1,
        "diaphragm": 1,
        "whole_body": 0,
    }


def test_missing_view():
    missing = coverage(good_routine(), CAT).missing
    assert missing.regions == ("feet_ankles", "whole_body")
    assert "breathing" not in missing.families and "squat" in missing.families
    assert str(missing).splitlines()[1] == "Missing regions: feet ankles, whole body"


def test_a_week_of_routines_adds_up():
    office = routine(item("sit-to-stand"), item("wall-slide"), slot="office")
    week = coverage([good_routine(), office, good_routine()], CAT)
    assert week.items == 12
    assert week.family_counts["squat"] == 1 and week.family_counts["breathing"] == 2
    assert "feet_ankles" not in week.missing.regions
    assert coverage(list(good_routine().items), CAT) == coverage(good_routine(), CAT)
    assert coverage(["bird-dog", CAT["bird-dog"]], CAT).family_counts["anti_rotation"] == 2


def test_a_week_plan_counts_its_sessions():
    from coursekit.engine.planner import Wardrobe, plan_week

    plan = plan_week(Wardrobe.of(good_routine()), CAT, days=["Mon", "Wed"])
    assert coverage(plan, CAT).items == 10


def test_text_and_table():
    cov = coverage(routine(item("sit-to-stand")), CAT)
    assert str(cov).splitlines()[:3] == [
        "Coverage of 1 item",
        "Families: squat 1",
        "Regions: hips 1, feet_ankles 1",
    ]
    assert repr(cov) == "Coverage(1 item, 1 family, 2 regions)"
    table = cov.to_frame()
    assert list(table.columns) == ["axis", "name", "count"]
    assert len(table) == len(enums.FAMILIES) + len(enums.REGIONS)


def test_unknown_exercise():
    with pytest.raises(InvalidModel, match="item 1: exercise 'nope'"):
        coverage(["bird-dog", "nope"], CAT)
    with pytest.raises(InvalidModel, match="coverage needs"):
        coverage(42, CAT)

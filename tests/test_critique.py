"""Critique: every code of the DESIGN.md table fires when it should and stays silent otherwise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from coursekit.content import enums
from coursekit.content.catalog import Catalog
from coursekit.engine.critique import (
    CODES,
    NO_FINDINGS,
    RULES,
    Finding,
    ceiling_min,
    critique,
    format_findings,
)
from coursekit.engine.routines import Routine
from coursekit.errors import InvalidModel
from factories import good_routine, item, make_exercise, routine, st_routines, synthetic_catalog

CAT = synthetic_catalog()

TABLE = {  # DESIGN.md §4: code -> severity, in table order
    "phase-order": "warning",
    "no-preparation": "warning",
    "no-breathing": "warning",
    "too-long": "warning",
    "too-many-exercises": "warning",
    "low-variety": "info",
    "back-only": "warning",
    "rushed-tempo": "warning",
    "to-fatigue": "warning",
    "flare-up-unsuitable": "warning",
    "setting-mismatch": "warning",
    "no-recovery": "info",
}


def codes(r: Routine, catalog: Catalog = CAT) -> list[str]:
    return [f.code for f in critique(r, catalog)]


def test_rules_match_the_design_table():
    assert CODES == tuple(TABLE)
    assert {r.code: r.severity for r in RULES} == TABLE


def test_good_routine_has_no_findings():
    assert critique(good_routine(), CAT) == []
    assert (
        format_findings([])
        == NO_FINDINGS
        == "No findings: this routine follows every rule the course teaches."
    )


def test_every_rule_names_a_principle_and_a_real_notebook():
    from coursekit.content.syllabus import load_principles

    notebooks = {p.notebook for p in load_principles()}
    for rule in RULES:
        assert rule.notebook in notebooks, rule
        assert rule.principle.strip()


# -- phase-order -----------------------------------------------------------------------


def test_phase_order_fires():
    r = good_routine().move(2, 3)  # bird-dog (organize) after glute-bridge (strengthen)
    findings = critique(r, CAT)
    assert [(f.code, f.item) for f in findings] == [("phase-order", 3)]
    f = findings[0]
    assert f.severity == "warning" and f.notebook == "05_sequencing"
    assert "Bird dog (item 3)" in f.message and "Glute bridge (item 2)" in f.message
    assert "Move it before item 2" in f.message


def test_phase_order_fires_for_soften_in_the_middle_and_uses_item_phase():
    r = routine(
        item("crocodile-breathing", breaths=8),
        item("bird-dog"),
        item("cat-camel"),
        item("glute-bridge"),
        item("supported-child-pose", hold_s=30),
    )
    assert [(f.code, f.item) for f in critique(r, CAT)] == [("phase-order", 2)]
    own_phase = routine(
        item("crocodile-breathing", breaths=8),
        item("dead-bug", phase="strengthen"),
        item("bird-dog"),
        item("supported-child-pose", hold_s=30),
    )
    assert "phase-order" in codes(own_phase)


def test_phase_order_silent():
    # a closing block of soften items (the recovery ritual) is not "backwards"
    r = good_routine().add(item("cat-camel", reps=6))
    assert "phase-order" not in codes(r)
    assert "phase-order" not in codes(good_routine())
    # the item's own phase makes an organize exercise count as soften
    r2 = routine(item("crocodile-breathing", breaths=8), item("bird-dog"), item("dead-bug", phase="soften"))
    assert "phase-order" not in codes(r2)


# -- no-preparation --------------------------------------------------------------------


def test_no_preparation_fires():
    r = routine(
        item("glute-bridge", sets=2, reps=10),
        item("crocodile-breathing", breaths=8),
        item("supported-child-pose", hold_s=30),
    )
    findings = critique(r, CAT)
    assert [(f.code, f.item) for f in findings] == [("no-preparation", 0)]
    assert "Glute bridge (item 0)" in findings[0].message
    only_strength = routine(item("glute-bridge"), item("goblet-squat"))
    assert "no-preparation" in codes(only_strength)


def test_no_preparation_silent():
    assert "no-preparation" not in codes(good_routine())
    assert "no-preparation" not in codes(routine(item("bird-dog"), item("glute-bridge")))
    assert "no-preparation" not in codes(routine(item("crocodile-breathing", breaths=8), item("bird-dog")))


# -- no-breathing ----------------------------------------------------------------------


def test_no_breathing_fires():
    r = good_routine().without(0)
    findings = critique(r, CAT)
    assert [f.code for f in findings] == ["no-breathing"]
    assert findings[0].item is None and findings[0].notebook == "03_breathing"
    assert "Add a breathing-family exercise" in findings[0].message


def test_empty_routine_only_needs_a_breathing_drill():
    findings = critique(Routine.empty(), CAT)
    assert [f.code for f in findings] == ["no-breathing"]
    assert findings[0].message.startswith("The routine is empty.")


def test_no_breathing_silent():
    assert "no-breathing" not in codes(good_routine())
    assert "no-breathing" not in codes(routine(item("ninety-ninety-breathing", breaths=6)))


# -- too-long --------------------------------------------------------------------------

CEILINGS = [
    (slot, plan, 10 if plan == "B" or slot in ("office", "travel") else 20)
    for slot in enums.SLOTS
    for plan in enums.PLANS
]


@pytest.mark.parametrize("slot, plan, ceiling", CEILINGS)
def test_too_long_fires(slot, plan, ceiling):
    r = routine(item("supported-child-pose", hold_s=ceiling * 60 + 1), slot=slot, plan=plan)
    assert ceiling_min(r) == ceiling
    assert "too-long" in codes(r)
    f = next(f for f in critique(r, CAT) if f.code == "too-long")
    assert f"takes about {ceiling} min 1 s, above the {ceiling}-minute ceiling" in f.message


@pytest.mark.parametrize("slot, plan, ceiling", CEILINGS)
def test_too_long_silent(slot, plan, ceiling):
    r = routine(item("supported-child-pose", hold_s=ceiling * 60), slot=slot, plan=plan)
    assert "too-long" not in codes(r)


def test_too_long_counts_sets_rest_and_transitions():
    r = good_routine()  # 518 s
    assert r.duration_s(CAT) == 518
    assert codes(r.with_dose(4, hold_s=30 + 1200 - 518)) == []
    assert codes(r.with_dose(4, hold_s=30 + 1200 - 518 + 1)) == ["too-long"]


# -- too-many-exercises ----------------------------------------------------------------

NINE = (
    "crocodile-breathing",
    "cat-camel",
    "open-book",
    "bird-dog",
    "dead-bug",
    "standing-hip-hinge-wall",
    "glute-bridge",
    "sit-to-stand",
    "supported-child-pose",
)


def _from_catalog(ids, **kw) -> Routine:
    r = Routine.empty(**kw)
    for i in ids:
        r = r.add(CAT[i], sets=1)
    return r


def test_too_many_exercises_fires():
    r = _from_catalog(NINE)
    assert codes(r) == ["too-many-exercises"]
    assert "9 exercises" in critique(r, CAT)[0].message


def test_too_many_exercises_silent():
    assert codes(_from_catalog(NINE).without(2)) == []  # 8 is the limit, not above it


# -- low-variety -----------------------------------------------------------------------


def test_low_variety_fires():
    r = routine(
        item("crocodile-breathing", breaths=8),
        item("standing-hip-hinge-wall"),
        item("hip-hinge-dowel"),
        item("glute-bridge"),
        item("ninety-ninety-breathing", breaths=6),
    )
    findings = critique(r, CAT)
    assert [(f.code, f.severity) for f in findings] == [("low-variety", "info")]
    assert "hinge family" in findings[0].message


def test_low_variety_silent():
    r = routine(
        item("crocodile-breathing", breaths=8),
        item("standing-hip-hinge-wall"),
        item("sit-to-stand"),
        item("glute-bridge"),
        item("ninety-ninety-breathing", breaths=6),
    )
    assert "low-variety" not in codes(r)
    two = routine(
        item("crocodile-breathing", breaths=8), item("standing-hip-hinge-wall"), item("glute-bridge")
    )
    assert "low-variety" not in codes(two)  # fewer than 3 non-breathing items
    breaths_only = routine(*(item("crocodile-breathing", breaths=8) for _ in range(4)))
    assert "low-variety" not in codes(breaths_only)


# -- back-only -------------------------------------------------------------------------


def test_back_only_fires():
    r = routine(
        item("crocodile-breathing", breaths=8), item("pallof-press"), item("crocodile-breathing", breaths=8)
    )
    findings = critique(r, CAT)
    assert [f.code for f in findings] == ["back-only"]
    assert findings[0].notebook == "07_movement_patterns"


def test_back_only_silent():
    assert "back-only" not in codes(good_routine())
    r = routine(item("crocodile-breathing", breaths=8), item("pallof-press"), item("open-book"))
    assert "back-only" not in codes(r)  # open-book works the thoracic spine
    assert "back-only" not in codes(Routine.empty())  # nothing to judge yet


# -- rushed-tempo ----------------------------------------------------------------------


def test_rushed_tempo_fires_on_a_fast_lowering():
    slow_lowering = good_routine().with_dose(3, tempo="1-1-2-0")  # glute bridge: strengthen
    findings = critique(slow_lowering, CAT)
    assert [(f.code, f.item) for f in findings] == [("rushed-tempo", 3)]
    assert "lowers in 1 s" in findings[0].message
    organize = good_routine().with_dose(2, tempo="1-0-2-0")  # bird dog: organize
    assert [(f.code, f.item) for f in critique(organize, CAT)] == [("rushed-tempo", 2)]


@pytest.mark.parametrize("index", [2, 3])  # organize (bird dog) and strengthen (glute bridge)
def test_rushed_tempo_fires_on_an_explosive_lowering(index):
    r = good_routine().with_dose(index, tempo="X-0-2-0")
    findings = critique(r, CAT)
    assert [(f.code, f.item) for f in findings] == [("rushed-tempo", index)]
    assert "lowers explosively" in findings[0].message


def test_rushed_tempo_fires_on_an_explosive_lift_in_organize_work():
    r = good_routine().with_dose(2, tempo="3-1-X-0")  # bird dog is organize work
    findings = critique(r, CAT)
    assert [(f.code, f.item) for f in findings] == [("rushed-tempo", 2)]
    assert "lifts explosively" in findings[0].message and "For organize work" in findings[0].message


def test_rushed_tempo_names_every_problem_at_once():
    r = good_routine().with_dose(2, tempo="1-0-X-0")
    (finding,) = critique(r, CAT)
    assert "lowers in 1 s and lifts explosively (tempo 1-0-X-0)" in finding.message
    r = good_routine().with_dose(3, tempo="X-0-X-0")  # strengthen: only the lowering is wrong
    (finding,) = critique(r, CAT)
    assert "lowers explosively (tempo X-0-X-0)" in finding.message
    assert "lifts explosively" not in finding.message


def test_rushed_tempo_fires_on_the_exercise_tempo():
    fast = make_exercise("quick-row", phase="strengthen", tempo="1-0-1-0", regions=("hips",))
    cat = Catalog([*CAT, fast])
    r = good_routine().add(item("quick-row"), index=4)
    assert [(f.code, f.item) for f in critique(r, cat)] == [("rushed-tempo", 4)]


def test_rushed_tempo_allows_an_explosive_lift_in_strengthen_work():
    for tempo in ("2-0-X-0", "3-1-X-0", "4-0-X-1"):  # lowering of 2 s or more: the rower's 2-0-X-0
        assert "rushed-tempo" not in codes(good_routine().with_dose(3, tempo=tempo)), tempo


def test_rushed_tempo_silent():
    assert "rushed-tempo" not in codes(good_routine().with_dose(3, tempo="2-0-1-0"))  # 2 s is enough
    assert "rushed-tempo" not in codes(good_routine().with_dose(2, tempo="2-0-1-0"))  # organize too
    soften = good_routine().with_dose(1, tempo="1-0-X-0")  # cat-camel is soften work
    assert "rushed-tempo" not in codes(soften)
    assert "rushed-tempo" not in codes(good_routine().with_dose(3, hold_s=30))  # holds have no tempo


@given(st_routines(sorted(CAT.ids)))
@settings(max_examples=60, deadline=None)
def test_rushed_tempo_matches_its_contract(r):
    """DESIGN.md: an organize or strengthen reps item that lowers in under 2 s or explosively;
    an explosive lift is allowed in strengthen work whose lowering takes >= 2 s."""
    flagged = {f.item for f in critique(r, CAT) if f.code == "rushed-tempo"}
    expected = set()
    for i, it in enumerate(r.items):
        phase = it.phase or CAT[it.exercise].phase
        tempo = it.tempo_in(CAT)
        if phase not in ("organize", "strengthen") or it.reps is None or tempo is None:
            continue
        lowering_ok = tempo.eccentric is not None and tempo.eccentric >= 2
        lift_ok = tempo.concentric is not None or phase == "strengthen"
        if not (lowering_ok and lift_ok):
            expected.add(i)
    assert flagged == expected


# -- to-fatigue ------------------------------------------------------------------------


def test_to_fatigue_fires():
    r = good_routine().with_dose(3, reps=16)
    findings = critique(r, CAT)
    assert [(f.code, f.item) for f in findings] == [("to-fatigue", 3)]
    assert "16 reps per set" in findings[0].message
    organize = good_routine().with_dose(2, reps=20)
    assert [f.code for f in critique(organize, CAT)] == ["to-fatigue"]


def test_to_fatigue_silent():
    assert "to-fatigue" not in codes(good_routine().with_dose(3, reps=15))
    assert "to-fatigue" not in codes(good_routine().with_dose(1, reps=30))  # soften work
    assert "to-fatigue" not in codes(good_routine().with_dose(0, breaths=30))  # breaths, not reps


# -- flare-up-unsuitable ---------------------------------------------------------------


def test_flare_up_unsuitable_fires():
    r = good_routine(plan="B").add(item("goblet-squat", reps=6), index=4)
    findings = [f for f in critique(r, CAT) if f.code == "flare-up-unsuitable"]
    assert [f.item for f in findings] == [4]
    assert "plan-B routine" in findings[0].message and "Goblet squat (item 4)" in findings[0].message


def test_flare_up_unsuitable_silent():
    r = good_routine().add(item("goblet-squat", reps=6), index=4)
    assert "flare-up-unsuitable" not in codes(r)  # plan A
    assert "flare-up-unsuitable" not in codes(good_routine(plan="B"))  # plan_a_and_b exercises


# -- setting-mismatch ------------------------------------------------------------------


def test_setting_mismatch_fires():
    r = routine(
        item("crocodile-breathing", breaths=8),
        item("seated-thoracic-rotation"),
        item("wall-slide"),
        slot="travel",
    )
    assert codes(r) == []
    office = r.with_slot("office")
    findings = critique(office, CAT)
    assert [(f.code, f.item) for f in findings] == [("setting-mismatch", 0)]
    assert "office setting" in findings[0].message and "home, travel" in findings[0].message


def test_setting_mismatch_silent():
    r = routine(
        item("seated-thoracic-rotation"), item("wall-slide"), item("standing-hip-hinge-wall"), slot="office"
    )
    assert "setting-mismatch" not in codes(r)
    assert "setting-mismatch" not in codes(good_routine(slot="evening"))  # only office and travel


# -- no-recovery -----------------------------------------------------------------------


def test_no_recovery_fires():
    r = good_routine().without(4)  # ends on glute-bridge (strengthen)
    findings = critique(r, CAT)
    assert [(f.code, f.severity, f.item) for f in findings] == [("no-recovery", "info", 3)]
    assert "Glute bridge (item 3)" in findings[0].message


def test_no_recovery_silent():
    assert "no-recovery" not in codes(good_routine())
    no_strength = routine(
        item("crocodile-breathing", breaths=8), item("bird-dog"), item("sit-to-stand", phase="organize")
    )
    assert "no-recovery" not in codes(no_strength)


# -- order, text, determinism ----------------------------------------------------------


def test_findings_come_in_table_order_then_item_order():
    r = routine(
        item("goblet-squat", reps=20, tempo="1-0-X-0"),
        item("cat-camel"),
        item("dead-bug"),
        slot="office",
        plan="B",
    )
    found = [(f.code, f.item) for f in critique(r, CAT)]
    assert found == [
        ("phase-order", 1),
        ("phase-order", 2),
        ("no-preparation", 0),
        ("no-breathing", None),
        ("rushed-tempo", 0),
        ("to-fatigue", 0),
        ("flare-up-unsuitable", 0),
        ("setting-mismatch", 0),
        ("setting-mismatch", 1),
        ("setting-mismatch", 2),
        ("no-recovery", 2),
    ]
    assert [CODES.index(c) for c, _ in found] == sorted(CODES.index(c) for c, _ in found)


def test_finding_text():
    f = critique(good_routine().without(0), CAT)[0]
    assert str(f) == f"warning no-breathing: {f.message}"
    assert repr(f) == "Finding('no-breathing', warning)"
    assert repr(critique(good_routine().without(4), CAT)[0]) == "Finding('no-recovery', info, item 3)"
    text = format_findings(critique(good_routine().without(0).without(3), CAT))
    assert text.splitlines()[0].startswith("warning no-breathing: ")
    assert text.splitlines()[0].endswith("(see 03_breathing)")
    assert text.splitlines()[1].startswith("info no-recovery: ")


def test_finding_validation():
    with pytest.raises(InvalidModel, match="code"):
        Finding(code="nope", severity="info", message="m", principle="p", notebook="n")
    with pytest.raises(InvalidModel, match="severity"):
        Finding(code="no-breathing", severity="error", message="m", principle="p", notebook="n")
    with pytest.raises(InvalidModel, match="item"):
        Finding(code="no-breathing", severity="info", message="m", principle="p", notebook="n", item=-1)


def test_unknown_exercise_names_the_item():
    with pytest.raises(InvalidModel, match="item 1: exercise 'nope'"):
        critique(routine(item("bird-dog"), item("nope")), CAT)
    with pytest.raises(InvalidModel, match="Routine"):
        critique({"name": "x"}, CAT)


@settings(max_examples=50, deadline=None)
@given(st_routines(sorted(CAT.ids)))
def test_critique_is_deterministic(r):
    first = critique(r, CAT)
    assert critique(r, CAT) == first
    assert critique(Routine.from_dict(r.to_dict()), CAT) == first
    order = [(CODES.index(f.code), -1 if f.item is None else f.item) for f in first]
    assert order == sorted(order)
    assert all(f.severity == TABLE[f.code] for f in first)

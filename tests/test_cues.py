"""Compensation → cue rounds (coursekit.engine.cues), on the synthetic and the real catalog."""

import pytest
from tests.factories import make_exercise

from coursekit.content import enums
from coursekit.content.models import Compensation
from coursekit.engine import cues
from coursekit.errors import InvalidModel


def small_catalog():
    specs = [
        ("bird-dog", [("rib_flare", "Soften the ribs."), ("trunk_rotation", "Keep the cup level.")]),
        ("hip-hinge-dowel", [("lumbar_led_hinge", "Hips back first.")]),
        ("dead-bug", [("breath_holding", "Breathe out as you reach.")]),
        ("glute-bridge", [("gripping", "Loosen the jaw."), ("rib_flare", "Ribs down a touch.")]),
        ("split-squat", [("knee_collapse", "Knee over the middle toes.")]),
    ]
    return [
        make_exercise(i, compensations=tuple(Compensation(pattern=p, cue=c) for p, c in comps))
        for i, comps in specs
    ]


def test_every_pattern_has_a_description():
    assert set(cues.PATTERNS) == set(enums.COMPENSATIONS)


def test_pattern_counts_count_exercises_most_common_first():
    counts = cues.pattern_counts(small_catalog())
    assert list(counts.items())[0] == ("rib_flare", 2)
    assert sum(counts.values()) == 7  # 7 (exercise, pattern) pairs


def test_round_has_the_right_cue_and_distractors_of_other_patterns():
    r = cues.build_round(small_catalog(), "bird-dog", options=4, seed=1)
    assert r.pattern == "rib_flare"
    assert r.options[r.answer] == "Soften the ribs."
    assert len(r.options) == 4 and len(set(r.option_patterns)) == 4
    assert all(p != "rib_flare" for i, p in enumerate(r.option_patterns) if i != r.answer)
    assert "Soften" not in repr(r) and repr(r) == "Round('bird-dog', rib_flare, 4 options)"


def test_rounds_are_deterministic_per_seed():
    cat = small_catalog()
    a = cues.build_round(cat, "bird-dog", seed=3)
    assert a == cues.build_round(cat, "bird-dog", seed=3)
    assert len({cues.build_round(cat, "bird-dog", seed=s).options for s in range(10)}) > 1


def test_named_pattern_and_round_for_pattern():
    cat = small_catalog()
    assert (
        cues.build_round(cat, "bird-dog", pattern="trunk_rotation").options.count("Keep the cup level.") == 1
    )
    r = cues.round_for_pattern(cat, "rib_flare")
    assert r.exercise == "bird-dog"
    with pytest.raises(InvalidModel, match="lists no compensation"):
        cues.build_round(cat, "dead-bug", pattern="rib_flare")
    with pytest.raises(InvalidModel, match="no compensation pattern"):
        cues.round_for_pattern(cat, "slouching")
    with pytest.raises(InvalidModel, match="no exercise"):
        cues.round_for_pattern(cat, "hip_drop")
    with pytest.raises(InvalidModel, match="no exercise"):
        cues.build_round(cat, "nope")
    with pytest.raises(InvalidModel, match="options"):
        cues.build_round(cat, "bird-dog", options=1)


def test_marking_names_the_pattern_a_wrong_cue_corrects():
    r = cues.build_round(small_catalog(), "bird-dog", seed=0)
    right = cues.mark_round(r, r.answer)
    assert right.correct and str(right).startswith("✓")
    wrong_index = (r.answer + 1) % len(r.options)
    wrong = cues.mark_round(r, wrong_index)
    assert not wrong.correct
    assert cues.pattern_label(r.option_patterns[wrong_index]) in wrong.feedback
    assert "misconception" in wrong.feedback and "Soften the ribs." in wrong.feedback
    for bad in (-1, 3, True, "0"):
        with pytest.raises(InvalidModel):
            cues.mark_round(r, bad)


def test_every_real_exercise_can_make_a_round(catalog):
    for ex in catalog:
        r = cues.build_round(catalog, ex.id)
        assert r.options[r.answer] == ex.compensations[0].cue

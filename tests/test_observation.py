"""Observed practice: checklists from the catalog, observations, and agreement (percent and kappa)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.errors import InvalidModel
from coursekit.observation import (
    Agreement,
    Observation,
    ObservationChecklist,
    agreement,
    agreement_per_item,
)


def _ratings(pairs):
    """Expand a contingency table {(a, b): count} into two lists of ratings."""
    a, b = [], []
    for (x, y), count in pairs.items():
        a += [x] * count
        b += [y] * count
    return a, b


# ---------------------------------------------------------------- agreement, by hand


def test_perfect_agreement_is_kappa_one():
    result = agreement(["met", "seen", "met", "not seen"], ["met", "seen", "met", "not seen"])
    assert result.percent == 100.0 and result.kappa == 1.0
    assert result.reading == "almost perfect agreement beyond chance"


def test_chance_level_agreement_is_kappa_zero():
    # Each rater says yes half the time, independently: half the ratings agree, as chance predicts.
    a, b = _ratings({("yes", "yes"): 25, ("yes", "no"): 25, ("no", "yes"): 25, ("no", "no"): 25})
    result = agreement(a, b)
    assert result.percent == 50.0 and result.expected == 0.5
    assert result.kappa == 0.0
    assert result.reading == "slight agreement beyond chance"


def test_two_by_two_by_hand():
    # 50 ratings: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
    # p_o = 35/50 = 0.70; rater A says yes 25/50, rater B 30/50: p_e = 0.5*0.6 + 0.5*0.4 = 0.50.
    a, b = _ratings({("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15})
    result = agreement(a, b)
    assert result.agreed == 35 and result.observed == pytest.approx(0.70)
    assert result.expected == pytest.approx(0.50)
    assert result.kappa == pytest.approx(0.40)
    assert result.reading == "fair agreement beyond chance"


def test_cohens_published_example():
    """Cohen (1960), Table 1: 200 items, three categories; p_o = .70, p_c = .41, kappa = .492."""
    table = {
        (1, 1): 88, (1, 2): 10, (1, 3): 2,
        (2, 1): 14, (2, 2): 40, (2, 3): 6,
        (3, 1): 18, (3, 2): 10, (3, 3): 12,
    }  # fmt: skip
    result = agreement(*_ratings(table))
    assert result.n == 200
    assert result.observed == pytest.approx(0.70)
    assert result.expected == pytest.approx(0.41)
    assert result.kappa == pytest.approx(0.29 / 0.59)
    assert round(result.kappa, 3) == 0.492
    assert result.reading == "moderate agreement beyond chance"


def test_less_than_chance_is_poor():
    result = agreement(["a", "b", "a", "b"], ["b", "a", "b", "a"])
    assert result.percent == 0.0 and result.kappa == -1.0
    assert result.reading.startswith("poor agreement")


def test_one_shared_category_leaves_kappa_undefined():
    result = agreement(["met"] * 5, ["met"] * 5)
    assert result.percent == 100.0 and result.kappa is None
    assert "cannot be computed" in result.reading
    assert str(result).startswith("5 of 5 ratings agree (100 %), kappa undefined")


@pytest.mark.parametrize(("a", "b"), [([], []), (["x"], ["x", "y"])])
def test_agreement_needs_equal_non_empty_lists(a, b):
    with pytest.raises(InvalidModel, match="agreement"):
        agreement(a, b)


@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")), min_size=1, max_size=60))
def test_kappa_matches_the_formula_and_is_symmetric(pairs):
    a = [x for x, _ in pairs]
    b = [y for _, y in pairs]
    one, other = agreement(a, b), agreement(b, a)
    assert one == other
    assert 0 <= one.percent <= 100
    n = len(a)
    po = sum(x == y for x, y in pairs) / n
    pe = sum((a.count(c) / n) * (b.count(c) / n) for c in "abc")
    if math.isclose(pe, 1.0):
        assert one.kappa is None
    else:
        assert one.kappa == pytest.approx((po - pe) / (1 - pe))
        assert one.kappa <= 1.0 + 1e-12


def test_repr_is_stable():
    assert repr(Agreement(n=4, agreed=3, observed=0.75, expected=0.5, kappa=0.5)) == (
        "Agreement(n=4, percent=75.0, kappa=0.500)"
    )


# ---------------------------------------------------------------- checklists


def test_every_catalog_exercise_has_a_checklist(catalog):
    for exercise in catalog:
        sheet = ObservationChecklist.for_exercise(exercise)
        kinds = [i.kind for i in sheet.items]
        assert kinds[0] == "setup"
        assert kinds.count("marker") == len(exercise.quality_markers)
        assert kinds.count("compensation") == len(exercise.compensations)
        assert len(set(sheet.ids)) == len(sheet.ids)
        for comp in exercise.compensations:
            assert sheet.item(comp.pattern).cue == comp.cue


def test_a_checklist_reads_as_a_sheet(catalog):
    sheet = ObservationChecklist.for_exercise(catalog["bird-dog"])
    text = str(sheet)
    assert text.startswith("Observation checklist: Bird dog")
    assert "Set-up: starts quadruped" in text
    assert "seen" in text and "met / not met" in text
    assert "Clean reps: ____ of ____" in text
    assert repr(sheet).startswith("ObservationChecklist('bird-dog': ")


def test_a_routine_gives_one_checklist_per_exercise(catalog):
    from coursekit.routines import load_example_routines

    routine = load_example_routines(catalog)["morning-flow"]
    sheets = ObservationChecklist.for_routine(routine, catalog)
    assert [s.exercise for s in sheets] == list(dict.fromkeys(i.exercise for i in routine.items))


# ---------------------------------------------------------------- observations


def _observation(sheet, *, observer="Ana", faults=(), **extra):
    ratings = {i.id: (i.ratings[1] if i.id in faults else i.ratings[0]) for i in sheet.items}
    return Observation(
        checklist=sheet, observer=observer, performer="Ben", role="peer", ratings=ratings, **extra
    )


def test_an_observation_lists_its_faults_and_passes_when_the_cue_corrects(catalog):
    sheet = ObservationChecklist.for_exercise(catalog["bird-dog"])
    fault = next(i.id for i in sheet.items if i.kind == "compensation")
    clean = _observation(sheet)
    assert clean.faults == () and clean.passed
    faulty = _observation(
        sheet, faults=(fault,), cue=sheet.item(fault).cue, corrected=False, clean_reps=4, total_reps=6
    )
    assert faulty.faults == (fault,) and not faulty.passed
    fixed = _observation(sheet, faults=(fault,), corrected=True)
    assert fixed.passed
    assert repr(faulty) == "Observation('bird-dog' by Ana (peer) of Ben: 1 fault(s))"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"role": "boss"}, "role must be one of peer, tutor"),
        ({"observer": ""}, "observer must be a name"),
        ({"clean_reps": 7, "total_reps": 6}, "clean_reps must be at most total_reps"),
        ({"clean_reps": 3}, "both clean_reps and total_reps"),
        ({"corrected": "yes"}, "corrected must be True, False or None"),
    ],
)
def test_bad_observations_name_the_field(catalog, change, message):
    sheet = ObservationChecklist.for_exercise(catalog["bird-dog"])
    ratings = {i.id: i.ratings[0] for i in sheet.items}
    values = {"checklist": sheet, "observer": "Ana", "performer": "Ben", "role": "peer", "ratings": ratings}
    with pytest.raises(InvalidModel, match=message):
        Observation(**{**values, **change})


def test_ratings_must_cover_the_checklist_with_its_own_words(catalog):
    sheet = ObservationChecklist.for_exercise(catalog["bird-dog"])
    ratings = {i.id: i.ratings[0] for i in sheet.items}
    with pytest.raises(InvalidModel, match="no rating for setup"):
        Observation(
            checklist=sheet,
            observer="A",
            performer="B",
            role="tutor",
            ratings={k: v for k, v in ratings.items() if k != "setup"},
        )
    with pytest.raises(InvalidModel, match="must be met or not met"):
        Observation(
            checklist=sheet, observer="A", performer="B", role="tutor", ratings={**ratings, "setup": "seen"}
        )
    with pytest.raises(InvalidModel, match="no checklist item 'wobble'"):
        Observation(
            checklist=sheet, observer="A", performer="B", role="tutor", ratings={**ratings, "wobble": "seen"}
        )


def test_agreement_per_item_over_several_performances(catalog):
    sheet = ObservationChecklist.for_exercise(catalog["bird-dog"])
    comps = [i.id for i in sheet.items if i.kind == "compensation"]
    pairs = [
        (_observation(sheet, faults=(comps[0],)), _observation(sheet, observer="Cy", faults=(comps[0],))),
        (_observation(sheet), _observation(sheet, observer="Cy", faults=(comps[0],))),
        (_observation(sheet, faults=(comps[0],)), _observation(sheet, observer="Cy", faults=(comps[0],))),
        (_observation(sheet), _observation(sheet, observer="Cy")),
    ]
    result = agreement_per_item(pairs)
    assert set(result) == {*sheet.ids, "overall"}
    first = result[comps[0]]
    assert (first.n, first.agreed) == (4, 3)
    # A: seen, not, seen, not (2 of 4); B: seen, seen, seen, not (3 of 4): p_e = .5*.75 + .5*.25 = .5
    assert first.kappa == pytest.approx((0.75 - 0.5) / 0.5)
    assert result["setup"].kappa is None and result["setup"].percent == 100.0
    assert result["overall"].n == 4 * len(sheet)

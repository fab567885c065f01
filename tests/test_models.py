"""Models: Dose, Compensation, LadderEdge, Exercise and the record loader."""

import copy

import pytest

from coursekit.content.models import Compensation, Dose, LadderEdge, exercise_from_record
from coursekit.content.tempo import Tempo
from coursekit.errors import DataFileError, InvalidModel

RECORD = {
    "id": "test-bridge",
    "name": "Test bridge",
    "aliases": ["hip lift"],
    "summary": "Lift the hips from the floor with the feet planted.",
    "family": "hinge",
    "phase": "strengthen",
    "position": "supine",
    "regions": ["hips", "lumbar"],
    "load_level": 1,
    "equipment": ["mat"],
    "settings": ["home", "travel"],
    "dose": {"type": "reps", "sets": 2, "reps": 8, "rest_s": 30, "per_side": False},
    "tempo": "2-1-2-1",
    "breathing": "Breathe out as the hips rise.",
    "cues": ["Press through the whole foot."],
    "quality_markers": ["Ribs stay down."],
    "compensations": [
        {"pattern": "lumbar_hyperextension", "cue": "Lift only as high as the ribs stay quiet."}
    ],
    "regressions": [],
    "progressions": [{"to": "test-bridge-march", "axis": "complexity"}],
    "flare_up": "plan_a_and_b",
    "transfers": ["sit_to_stand"],
    "cautions": [],
    "nice_category": "biomechanical",
    "references": ["hayden2021"],
}


def rec(**changes):
    r = copy.deepcopy(RECORD)
    r.update(changes)
    return r


def test_a_good_record_builds_a_frozen_exercise():
    ex = exercise_from_record(RECORD)
    assert ex.id == "test-bridge"
    assert ex.tempo == Tempo.parse("2-1-2-1")
    assert ex.dose.reps == 8 and ex.dose.amount == 8
    assert ex.regions == ("hips", "lumbar")
    assert repr(ex) == "Exercise('test-bridge': Test bridge, hinge, strengthen)"
    with pytest.raises(AttributeError):
        ex.name = "other"  # frozen


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"family": "yoga"}, "family", "must be one of"),
        ({"phase": "warm"}, "phase", "must be one of"),
        ({"load_level": 7}, "load_level", "between 0 and 4"),
        ({"tempo": "3-1-2"}, "tempo", "expected four parts"),
        ({"tempo": None}, "tempo", "required when the dose is counted in reps"),
        ({"settings": ["moon"]}, "settings", "must be one of"),
        ({"regions": []}, "regions", "at least one"),
        ({"cues": []}, "cues", "at least 1"),
        ({"compensations": [{"pattern": "slouch", "cue": "x"}]}, "compensations[0]", "must be one of"),
        ({"progressions": [{"to": "x-y", "axis": "speed"}]}, "progressions[0]", "must be one of"),
        ({"dose": {"type": "reps", "sets": 2, "reps": 8, "hold_s": 10}}, "dose", "one dose kind only"),
        ({"dose": {"type": "reps", "sets": 0, "reps": 8}}, "dose", "sets must be between 1 and 5"),
        ({"dose": {"type": "reps", "sets": 1, "reps": 8, "colour": 1}}, "dose.colour", "unknown dose field"),
        ({"extra": 1}, "extra", "unknown field"),
    ],
)
def test_bad_fields_name_file_record_and_field(changes, field, words):
    with pytest.raises(DataFileError) as info:
        exercise_from_record(rec(**changes), path="data/exercises.yaml", index=17)
    err = info.value
    assert err.field == field
    assert err.record == 17 and err.record_id == "test-bridge"
    assert str(err).startswith(f"data/exercises.yaml: record 17 (test-bridge): {field}: ")
    assert words in str(err)


def test_missing_field_is_named():
    r = rec()
    del r["cues"]
    with pytest.raises(DataFileError) as info:
        exercise_from_record(r, index=3)
    assert info.value.field == "cues"
    assert "missing field" in str(info.value)


def test_a_record_that_is_not_a_mapping():
    with pytest.raises(DataFileError, match="record 0: each record must be a mapping"):
        exercise_from_record(["not", "a", "mapping"])


def test_dose_needs_exactly_its_own_amount():
    assert str(Dose(type="hold", sets=2, hold_s=30, per_side=True)) == "2 × 30 s hold per side"
    assert str(Dose(type="breaths", breaths=6)) == "1 × 6 breaths"
    with pytest.raises(InvalidModel, match="needs hold_s"):
        Dose(type="hold", sets=1)
    with pytest.raises(InvalidModel, match="between 1 and 20, got 40"):
        Dose(type="reps", reps=40)
    with pytest.raises(InvalidModel, match="must be one of"):
        Dose(type="laps", sets=1)
    with pytest.raises(InvalidModel, match="whole number"):
        Dose(type="reps", reps=True)


def test_compensation_and_edge_validate():
    assert Compensation(pattern="rib_flare", cue="Soften the ribs").pattern == "rib_flare"
    with pytest.raises(InvalidModel):
        Compensation(pattern="rib_flare", cue="  ")
    with pytest.raises(InvalidModel, match="exercise id"):
        LadderEdge(to="Not A Slug", axis="load")


def test_self_edges_and_double_edges_are_refused():
    with pytest.raises(DataFileError, match="points to the exercise itself"):
        exercise_from_record(rec(progressions=[{"to": "test-bridge", "axis": "load"}]))
    with pytest.raises(DataFileError, match="twice"):
        exercise_from_record(
            rec(progressions=[{"to": "a-b", "axis": "load"}, {"to": "a-b", "axis": "tempo"}])
        )


def test_hold_exercise_must_not_carry_a_tempo():
    r = rec(dose={"type": "hold", "sets": 2, "hold_s": 20})
    with pytest.raises(DataFileError, match="tempo is for reps"):
        exercise_from_record(r)
    r["tempo"] = None
    assert exercise_from_record(r).tempo is None

"""Routines: the exchange format, validation, immutable edits and timing."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.content.tempo import Tempo
from coursekit.engine.routines import (
    BREATH_S,
    DEFAULT_REP_S,
    ITEM_KEYS,
    TRANSITION_S,
    Routine,
    RoutineItem,
    load_example_routines,
    load_routine,
)
from coursekit.errors import DataFileError, InvalidModel
from factories import good_routine, item, routine, st_routines, synthetic_catalog

CAT = synthetic_catalog()

EXAMPLE = {
    "name": "Morning three",
    "slot": "morning",
    "plan": "A",
    "items": [
        {
            "exercise": "crocodile-breathing",
            "phase": None,
            "sets": 1,
            "reps": None,
            "hold_s": None,
            "breaths": 8,
            "tempo": None,
            "rest_s": 0,
            "per_side": False,
        },
        {
            "exercise": "bird-dog",
            "phase": None,
            "sets": 2,
            "reps": 6,
            "hold_s": None,
            "breaths": None,
            "tempo": "3-1-2-1",
            "rest_s": 30,
            "per_side": True,
        },
        {
            "exercise": "supported-child-pose",
            "phase": "soften",
            "sets": 1,
            "reps": None,
            "hold_s": 60,
            "breaths": None,
            "tempo": None,
            "rest_s": 0,
            "per_side": False,
        },
    ],
}


def bad(change_item=None, index=1, **routine_changes):
    """The EXAMPLE with one item's keys changed (None deletes) or routine keys changed."""
    d = copy.deepcopy(EXAMPLE)
    for key, value in (change_item or {}).items():
        if value is _DELETE:
            del d["items"][index][key]
        else:
            d["items"][index][key] = value
    for key, value in routine_changes.items():
        if value is _DELETE:
            del d[key]
        else:
            d[key] = value
    return d


_DELETE = object()


# -- exchange format -------------------------------------------------------------------


def test_from_dict_reads_the_exchange_format():
    r = Routine.from_dict(EXAMPLE, CAT)
    assert (r.name, r.slot, r.plan, len(r.items)) == ("Morning three", "morning", "A", 3)
    assert r.items[1] == RoutineItem(
        exercise="bird-dog", sets=2, reps=6, tempo=Tempo.parse("3-1-2-1"), rest_s=30, per_side=True
    )
    assert r.items[2].phase == "soften"


def test_to_dict_writes_exactly_the_exchange_format():
    r = Routine.from_dict(EXAMPLE)
    assert r.to_dict() == EXAMPLE
    assert list(r.to_dict()) == ["name", "slot", "plan", "items"]
    assert tuple(r.to_dict()["items"][0]) == ITEM_KEYS
    assert json.loads(r.to_json()) == EXAMPLE


def test_optional_item_keys_may_be_left_out():
    r = Routine.from_dict(
        {
            "name": "Short",
            "slot": "office",
            "plan": "A",
            "items": [{"exercise": "wall-slide", "sets": 1, "reps": 8}],
        }
    )
    assert r.items[0] == RoutineItem(exercise="wall-slide", sets=1, reps=8)
    assert r.items[0].to_dict()["tempo"] is None and r.items[0].to_dict()["rest_s"] == 0


@pytest.mark.parametrize(
    "change, field",
    [
        ({"sets": -1}, "sets"),
        ({"sets": 12}, "sets"),
        ({"sets": 2.0}, "sets"),
        ({"sets": "2"}, "sets"),
        ({"reps": 0}, "reps"),
        ({"hold_s": 30}, "hold_s"),  # two dose kinds
        ({"reps": None}, "reps"),  # no dose at all
        ({"tempo": "3-1-2"}, "tempo"),
        ({"tempo": 3120}, "tempo"),
        ({"rest_s": -5}, "rest_s"),
        ({"per_side": "yes"}, "per_side"),
        ({"phase": "warm-up"}, "phase"),
        ({"exercise": "Bird Dog"}, "exercise"),
        ({"exercise": _DELETE}, "exercise"),
        ({"sets": _DELETE}, "sets"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_items_name_the_index_and_field(change, field):
    with pytest.raises(InvalidModel, match=rf"item 1: {field}\b"):
        Routine.from_dict(bad(change))


def test_message_names_rule_and_value():
    with pytest.raises(InvalidModel) as err:
        Routine.from_dict(bad({"sets": 12}, index=2))
    assert str(err.value) == "item 2: sets must be between 1 and 10, got 12"


def test_two_dose_kinds_names_both_fields():
    with pytest.raises(InvalidModel) as err:
        Routine.from_dict(bad({"hold_s": 30}))
    assert "hold_s" in str(err.value) and "reps" in str(err.value) and "exactly one" in str(err.value)


def test_tempo_with_a_hold_is_rejected():
    with pytest.raises(InvalidModel, match="item 2: tempo must be empty for hold_s"):
        Routine.from_dict(bad({"tempo": "3-1-2-0"}, index=2))


def test_unknown_exercise_needs_the_catalog():
    d = bad({"exercise": "bird-dgo"})
    assert Routine.from_dict(d).items[1].exercise == "bird-dgo"  # no catalog, no check
    with pytest.raises(
        InvalidModel, match=r"item 1: exercise 'bird-dgo' is not in the catalog; did you mean bird-dog\?"
    ):
        Routine.from_dict(d, CAT)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"slot": "lunch"}, "slot"),
        ({"plan": "C"}, "plan"),
        ({"name": ""}, "name"),
        ({"name": 5}, "name"),
        ({"plan": _DELETE}, "plan"),
        ({"items": {"a": 1}}, "items"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_routine_fields_are_named(changes, field):
    with pytest.raises(InvalidModel, match=field):
        Routine.from_dict(bad(**changes))


def test_items_must_be_mappings_and_routine_a_mapping():
    with pytest.raises(InvalidModel, match="item 0: must be a mapping"):
        Routine.from_dict({**EXAMPLE, "items": [["bird-dog"]]})
    with pytest.raises(InvalidModel, match="must be a mapping"):
        Routine.from_dict(["not", "a", "routine"])


# -- immutable edits -------------------------------------------------------------------


def test_empty():
    r = Routine.empty()
    assert (r.name, r.slot, r.plan, r.items) == ("My routine", "morning", "A", ())
    assert repr(r) == "Routine('My routine', morning, plan A, no items)"
    assert str(r) == "My routine (morning, plan A, no items)"
    assert Routine.empty("Desk", "office", "B") == Routine(name="Desk", slot="office", plan="B")


def test_add_an_exercise_uses_its_catalog_defaults():
    r = Routine.empty().add(CAT["bird-dog"])
    assert r.items == (
        RoutineItem(
            exercise="bird-dog", sets=2, reps=6, tempo=Tempo.parse("3-1-2-1"), rest_s=30, per_side=True
        ),
    )
    timed = Routine.empty().add(CAT["suitcase-carry"]).items[0]
    assert (timed.hold_s, timed.sets, timed.per_side, timed.tempo) == (40, 2, True, None)  # time -> hold_s
    breaths = Routine.empty().add(CAT["crocodile-breathing"]).items[0]
    assert breaths.breaths == 8 and breaths.reps is None


def test_add_with_overrides_index_and_ids():
    r = Routine.empty().add(CAT["bird-dog"]).add(CAT["crocodile-breathing"], index=0, breaths=10)
    assert [it.exercise for it in r.items] == ["crocodile-breathing", "bird-dog"]
    assert r.items[0].breaths == 10
    r2 = r.add("glute-bridge", reps=10, sets=2)
    assert r2.items[-1] == RoutineItem(exercise="glute-bridge", reps=10, sets=2)
    r3 = r.add(CAT["bird-dog"], hold_s=20)  # switching the dose kind clears reps and tempo
    assert (r3.items[-1].hold_s, r3.items[-1].reps, r3.items[-1].tempo) == (20, None, None)
    assert r.add(item("wall-slide"), sets=3).items[-1].sets == 3
    assert len(r.items) == 2  # the original is untouched


def test_add_errors_name_the_item():
    r = Routine.empty().add(CAT["bird-dog"])
    with pytest.raises(InvalidModel, match="item 1: reps"):
        r.add("glute-bridge")
    with pytest.raises(InvalidModel, match="item 1: sets must be between 1 and 10, got 0"):
        r.add(CAT["glute-bridge"], sets=0)
    with pytest.raises(InvalidModel, match="no item 5"):
        r.add(CAT["glute-bridge"], index=5)


def test_without_move_and_renames():
    r = good_routine()
    ids = [it.exercise for it in r.items]
    assert [it.exercise for it in r.without(0).items] == ids[1:]
    assert [it.exercise for it in r.without(-1).items] == ids[:-1]
    moved = r.move(0, 2)
    assert [it.exercise for it in moved.items] == [ids[1], ids[2], ids[0], ids[3], ids[4]]
    assert moved.move(2, 0) == r
    assert r.renamed("Other").name == "Other"
    assert r.with_slot("evening").slot == "evening"
    assert r.with_plan("B").plan == "B"
    with pytest.raises(InvalidModel, match="slot"):
        r.with_slot("lunch")
    with pytest.raises(InvalidModel, match="no item 9"):
        r.without(9)
    with pytest.raises(InvalidModel, match="no items"):
        Routine.empty().without(0)
    with pytest.raises(InvalidModel, match="whole number"):
        r.move("0", 1)


def test_with_dose():
    r = good_routine()
    r2 = r.with_dose(2, sets=3, tempo="4-1-2-0")
    assert (r2.items[2].sets, str(r2.items[2].tempo)) == (3, "4-1-2-0")
    assert r.items[2].sets == 2
    r3 = r.with_dose(1, hold_s=30)
    assert (r3.items[1].hold_s, r3.items[1].reps) == (30, None)
    with pytest.raises(InvalidModel, match="item 2: sets must be between 1 and 10, got 12"):
        r.with_dose(2, sets=12)
    with pytest.raises(InvalidModel, match="item 0: phase is not a dose field"):
        r.with_dose(0, phase="organize")
    assert r.with_phase(0, "organize").items[0].phase == "organize"


def test_phase_in_uses_own_phase_first():
    assert item("bird-dog").phase_in(CAT) == "organize"
    assert item("bird-dog", phase="strengthen").phase_in(CAT) == "strengthen"


def test_text():
    r = routine(
        item("crocodile-breathing", breaths=8),
        item("bird-dog", sets=2, reps=6, per_side=True, tempo="3-1-2-1", rest_s=30),
        item("supported-child-pose", hold_s=60, phase="soften"),
        name="Morning three",
    )
    assert repr(r) == "Routine('Morning three', morning, plan A, 3 items)"
    assert str(r) == (
        "Morning three (morning, plan A, 3 items)\n"
        "  [0] crocodile-breathing: 1 × 8 breaths\n"
        "  [1] bird-dog: 2 × 6 reps per side, tempo 3-1-2-1, rest 30 s\n"
        "  [2] supported-child-pose (soften): 1 × 60 s hold"
    )
    assert repr(r.items[1]) == "RoutineItem('bird-dog', 2 × 6 reps per side, tempo 3-1-2-1, rest 30 s)"
    assert repr(routine(item("wall-slide"))) == "Routine('Test routine', morning, plan A, 1 item)"


# -- timing ----------------------------------------------------------------------------


def test_duration_by_hand():
    r = routine(
        item("crocodile-breathing", breaths=8),  # 8 x 6 = 48
        item("bird-dog", sets=2, reps=6, per_side=True, rest_s=30),  # exercise tempo 3-1-2-1 = 7 s
        item("supported-child-pose", hold_s=60),  # 60
        item("wall-slide", reps=5, tempo="X-0-X-0"),  # 5 x 2 = 10
    )
    bird = 2 * 6 * 7 * 2 + 30
    assert r.duration_s(CAT) == 8 * BREATH_S + bird + 60 + 10 + 3 * TRANSITION_S
    assert r.minutes(CAT) == r.duration_s(CAT) / 60
    assert r.time_under_tension_s(CAT) == 2 * 6 * 7 * 2 + 60 + 10  # breathing is not tension


def test_duration_without_a_tempo_uses_the_default():
    r = routine(item("supported-child-pose", reps=5))  # a hold exercise done as reps
    assert r.duration_s(CAT) == 5 * DEFAULT_REP_S
    assert routine(item("bird-dog", reps=5)).duration_s() == 5 * DEFAULT_REP_S  # no catalog


def test_empty_and_single_item_have_no_transition():
    assert Routine.empty().duration_s(CAT) == 0
    assert routine(item("supported-child-pose", hold_s=30)).duration_s(CAT) == 30


def test_duration_names_an_unknown_exercise():
    with pytest.raises(InvalidModel, match="item 0: exercise 'nope'"):
        routine(item("nope", reps=5)).duration_s(CAT)


# -- properties ------------------------------------------------------------------------

routines = st_routines(sorted(CAT.ids))


@settings(max_examples=60, deadline=None)
@given(routines)
def test_round_trip_through_the_exchange_format(r):
    assert Routine.from_dict(r.to_dict(), CAT) == r
    assert Routine.from_dict(json.loads(r.to_json())) == r


@settings(max_examples=60, deadline=None)
@given(routines, st.data())
def test_duration_grows_with_sets_and_reps(r, data):
    if not r.items:
        return
    i = data.draw(st.integers(0, len(r.items) - 1))
    it = r.items[i]
    before = r.duration_s(CAT)
    if it.sets < 10:
        assert r.with_dose(i, sets=it.sets + 1).duration_s(CAT) > before
    if it.reps is not None and it.reps < 50:
        grown = r.with_dose(i, reps=it.reps + 1)
        assert grown.duration_s(CAT) >= before  # equal only when every tempo part is 0
        if (it.tempo_in(CAT) or Tempo.parse("1-0-1-0")).rep_seconds > 0:
            assert grown.duration_s(CAT) > before


# -- loading JSON files ----------------------------------------------------------------


def test_load_routine_reports_the_file(tmp_path):
    good = tmp_path / "data" / "routines" / "a.json"
    good.parent.mkdir(parents=True)
    good.write_text(json.dumps(EXAMPLE))
    assert load_routine(good, CAT).name == "Morning three"
    broken = good.with_name("b.json")
    broken.write_text("{")
    with pytest.raises(DataFileError, match=r"data/routines/b.json: not valid JSON"):
        load_routine(broken)
    wrong = good.with_name("c.json")
    wrong.write_text(json.dumps(bad({"sets": 0})))
    with pytest.raises(DataFileError, match=r"data/routines/c.json: item 1: sets"):
        load_routine(wrong)
    with pytest.raises(DataFileError, match="b.json"):  # the first broken file, in sorted order
        load_example_routines(CAT, tmp_path / "data")


def test_load_example_routines_sorted_by_stem(tmp_path):
    folder = tmp_path / "routines"
    folder.mkdir()
    for stem in ("zeta", "alpha"):
        (folder / f"{stem}.json").write_text(json.dumps({**EXAMPLE, "name": stem}))
    loaded = load_example_routines(path=tmp_path)
    assert list(loaded) == ["alpha", "zeta"]
    assert loaded["zeta"].name == "zeta"

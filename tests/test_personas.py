"""Personas: loading and validation, and the check of a proposed decision and plan."""

from __future__ import annotations

import pytest
import yaml

from coursekit.engine.personas import DECISIONS, check_case, load_personas
from coursekit.engine.routines import Routine
from coursekit.errors import DataFileError, InvalidModel


@pytest.fixture(scope="module")
def personas():
    return load_personas()


def plan(catalog, name, slot, plan_, ids, **changes):
    routine = Routine.empty(name, slot, plan_)
    for exercise in ids:
        routine = routine.add(catalog[exercise])
    for index, dose in changes.items():
        routine = routine.with_dose(int(index[1:]), **dose)
    return routine


OFFICE = (
    "Meeting reset",
    "office",
    "A",
    ["seated-rib-breathing", "seated-thoracic-rotation", "sit-to-stand", "standing-hip-flexor-stretch"],
)
HOTEL = (
    "Hotel room",
    "travel",
    "A",
    [
        "standing-breathing",
        "standing-thoracic-rotation",
        "kickstand-hinge",
        "split-squat",
        "standing-hip-flexor-stretch",
    ],
)


def test_seven_personas_with_the_expected_decisions(personas):
    assert list(personas) == [
        "office-analyst",
        "warehouse-worker",
        "nurse",
        "sales-rep",
        "retired-teacher",
        "courier",
        "rower",
    ]
    assert personas["courier"].decision == "refer-emergency"
    assert personas["retired-teacher"].decision == "refer-medical-assessment"
    assert {p.decision for p in personas.values()} == set(DECISIONS)
    assert personas["courier"].rules is None and personas["retired-teacher"].rules is None
    assert repr(personas["rower"]) == "Persona('rower', Lena, 19)"
    assert "Red flags in the story: saddle-numbness, bladder-bowel" in str(personas["courier"])


def test_persona_rules_match_the_brief(personas):
    office = personas["office-analyst"].rules
    assert office.slot == "office" and office.max_minutes == 10
    assert personas["nurse"].rules.plan == "B"
    rep = personas["sales-rep"].rules
    assert rep.setting == "travel" and "dumbbell" not in rep.equipment and rep.slot == "travel"
    assert "hinge" in personas["warehouse-worker"].rules.includes_family
    rower = personas["rower"].rules
    assert rower.min_eccentric_s == 3 and rower.max_reps_per_set == 10 and rower.min_load_level >= 3


def test_the_courier_is_referred_and_never_gets_a_plan(personas, catalog):
    courier = personas["courier"]
    wrong = check_case(courier, "exercise", plan(catalog, *OFFICE), catalog)
    assert not wrong.ok and "same-day emergency care" in str(wrong) and "cauda equina" in str(wrong)
    assert not check_case(courier, "refer-medical-assessment").ok
    assert not check_case(courier, "refer-emergency", plan(catalog, *OFFICE), catalog).ok
    right = check_case(courier, "refer-emergency")
    assert right.ok and str(right).startswith("✓")


def test_the_teacher_needs_medical_assessment_first(personas, catalog):
    teacher = personas["retired-teacher"]
    assert check_case(teacher, "refer-medical-assessment").ok
    wrong = check_case(teacher, "exercise", plan(catalog, *OFFICE), catalog)
    assert not wrong.ok and "fracture" in str(wrong)


def test_exercise_cases_need_a_plan_that_fits_and_passes_the_critique(personas, catalog):
    office = personas["office-analyst"]
    assert not check_case(office, "exercise").ok  # no plan yet
    assert check_case(office, "exercise", plan(catalog, *OFFICE), catalog).ok
    morning = plan(catalog, "Morning", "morning", "A", OFFICE[3])
    check = check_case(office, "exercise", morning, catalog)
    assert not check.ok and "should be a office routine" in str(check)
    assert not check_case(office, "refer-emergency").ok


def test_sales_rep_equipment_setting_and_length(personas, catalog):
    rep = personas["sales-rep"]
    long = plan(catalog, *HOTEL)
    check = check_case(rep, "exercise", long, catalog)
    assert not check.ok and "must fit in 10 min" in str(check)
    fitted = plan(catalog, *HOTEL, i1={"sets": 1}, i3={"sets": 1})
    assert check_case(rep, "exercise", fitted, catalog).ok
    with_bag = fitted.add(catalog["bag-deadlift"], index=3)
    assert "Needs equipment" in str(check_case(rep, "exercise", with_bag, catalog))


def test_nurse_needs_plan_b_and_the_warehouse_worker_a_hinge(personas, catalog):
    nurse = personas["nurse"]
    ids = ["crocodile-breathing", "supine-knee-sway", "cat-camel", "supine-heel-slide", "walk-break"]
    plan_b = plan(catalog, "Flare day", "morning", "B", ids, i4={"hold_s": 120})
    assert check_case(nurse, "exercise", plan_b, catalog).ok
    assert "plan B" in str(check_case(nurse, "exercise", plan_b.with_plan("A"), catalog))
    worker = personas["warehouse-worker"]
    no_hinge = plan(
        catalog,
        "No hinge",
        "morning",
        "A",
        ["crocodile-breathing", "dead-bug", "split-squat", "supported-child-pose"],
    )
    assert "Include at least one hinge exercise" in str(check_case(worker, "exercise", no_hinge, catalog))


def test_rower_tempo_and_reserve(personas, catalog):
    rower = personas["rower"]
    ids = [
        "crocodile-breathing",
        "hip-hinge-dowel",
        "kettlebell-deadlift",
        "split-squat",
        "supported-child-pose",
    ]
    good = plan(catalog, "Loaded hinge", "morning", "A", ids)
    assert check_case(rower, "exercise", good, catalog).ok
    rushed = good.with_dose(2, tempo="1-0-1-0")
    assert "lower over at least 3 s" in str(check_case(rower, "exercise", rushed, catalog))
    to_failure = good.with_dose(2, reps=12)
    assert "reps in reserve" in str(check_case(rower, "exercise", to_failure, catalog))


def test_an_unknown_decision_is_refused(personas):
    with pytest.raises(InvalidModel, match="decision must be one of"):
        check_case(personas["nurse"], "wait and see")


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda r: r[0].update(age="old"), "record 0 (office-analyst): age"),
        (lambda r: r[5].update(decision="exercise"), "record 5 (courier): decision"),
        (lambda r: r[1].update(red_flags=["sore-back"]), "record 1 (warehouse-worker): red_flags"),
        (lambda r: r[0]["rules"].update(slot="lunch"), "record 0 (office-analyst): rules.slot"),
        (lambda r: r[0]["rules"].update(colour="red"), "rules.colour: unknown rule"),
        (lambda r: r[2].pop("story"), "record 2 (nurse): story: missing field"),
        (lambda r: r[4].update(rules={"plan": "A"}), "record 4 (retired-teacher): rules"),
        (lambda r: r.append(dict(r[0])), "duplicate id"),
    ],
)
def test_a_bad_record_names_file_record_and_field(data_copy, change, words):
    path = data_copy / "personas.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(records)
    path.write_text(yaml.safe_dump(records, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_personas(data_copy)
    assert "data/personas.yaml" in str(err.value) and words in str(err.value)

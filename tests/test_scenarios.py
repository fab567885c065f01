"""coursekit.engine.scenarios: the daily-life scenarios file, matching, pattern marking, coverage."""

from __future__ import annotations

import pytest
import yaml
from tests.factories import make_exercise, synthetic_catalog

from coursekit.content import enums
from coursekit.content.catalog import Catalog
from coursekit.engine.scenarios import (
    CHOICES,
    check_pattern,
    get_scenario,
    load_scenarios,
    match_exercises,
    pattern_choices,
    transfer_coverage,
)
from coursekit.errors import DataFileError, InvalidModel

GOOD = {
    "id": "carry-bag",
    "title": "Carrying a bag",
    "description": "A bag from the shop.",
    "transfer": "carrying",
    "families": ["carry"],
    "tip": "Walk tall.",
}


def _write(tmp_path, records):
    path = tmp_path / "data" / "scenarios.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(records), encoding="utf-8")
    return path


def test_bundled_scenarios_are_valid():
    scenarios = load_scenarios()
    assert 10 <= len(scenarios) <= 14
    assert len({s.id for s in scenarios}) == len(scenarios)
    assert {s.transfer for s in scenarios} <= set(enums.TRANSFERS)
    for s in scenarios:
        assert s.title and s.description and s.tip


def test_bundled_scenarios_each_match_some_catalog_exercise(catalog):
    for s in load_scenarios():
        assert match_exercises(s, catalog), s.id


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"transfer": "juggling"}, "transfer", "must be one of"),
        ({"families": ["flying"]}, "families", "among"),
        ({"families": []}, "families", "at least one"),
        ({"families": ["carry", "carry"]}, "families", "twice"),
        ({"id": "Not A Slug"}, "id", "slug"),
        ({"tip": "  "}, "tip", "non-empty"),
        ({"title": 3}, "title", "must be text"),
        ({"colour": "red"}, "colour", "unknown field"),
        ({"families": "carry, hinge"}, "families", "among"),
    ],
)
def test_bad_record_names_file_record_and_field(tmp_path, change, field, words):
    path = _write(tmp_path, [GOOD, {**GOOD, "id": "second", **change}])
    with pytest.raises(DataFileError, match=words) as info:
        load_scenarios(path)
    err = info.value
    assert err.path == "data/scenarios.yaml" and err.record == 1 and err.field == field
    assert str(err).startswith("data/scenarios.yaml: record 1")


def test_missing_field_duplicate_id_and_bad_shapes(tmp_path):
    record = dict(GOOD)
    del record["tip"]
    with pytest.raises(DataFileError, match="tip: missing field"):
        load_scenarios(_write(tmp_path, [record]))
    with pytest.raises(DataFileError, match="record 1 \\(carry-bag\\): id: duplicate"):
        load_scenarios(_write(tmp_path, [GOOD, GOOD]))
    with pytest.raises(DataFileError, match="non-empty list"):
        load_scenarios(_write(tmp_path, {"a": 1}))
    with pytest.raises(DataFileError, match="mapping"):
        load_scenarios(_write(tmp_path, ["just text"]))


def test_load_from_folder_and_env(tmp_path, monkeypatch):
    _write(tmp_path, [GOOD])
    assert load_scenarios(tmp_path / "data")[0].id == "carry-bag"
    monkeypatch.setenv("COURSEKIT_DATA", str(tmp_path / "data"))
    assert [s.id for s in load_scenarios()] == ["carry-bag"]


def test_get_scenario():
    scenarios = load_scenarios()
    assert get_scenario("lift-laundry-basket", scenarios).transfer == "lifting"
    with pytest.raises(InvalidModel, match="no scenario 'nope'"):
        get_scenario("nope", scenarios)


def test_match_ranks_main_family_then_easiest():
    cat = Catalog(
        [
            make_exercise(
                "heavy-lunge", family="lunge", phase="strengthen", load_level=4, transfers=("stairs",)
            ),
            make_exercise(
                "easy-lunge", family="lunge", phase="organize", load_level=1, transfers=("stairs",)
            ),
            make_exercise("march", family="gait", phase="soften", load_level=0, transfers=("stairs",)),
            make_exercise(
                "carry-it", family="carry", phase="strengthen", load_level=3, transfers=("stairs",)
            ),
            make_exercise("not-stairs", family="lunge", transfers=("walking",)),
        ]
    )
    stairs = get_scenario("stairs-with-bags")  # lunge, carry, gait
    assert [e.id for e in match_exercises(stairs, cat)] == ["easy-lunge", "heavy-lunge", "carry-it", "march"]
    assert [e.id for e in match_exercises(stairs, cat, limit=1)] == ["easy-lunge"]


def test_pattern_choices_are_stable_and_have_one_right_option():
    for s in load_scenarios():
        options = pattern_choices(s)
        assert options == pattern_choices(s)
        assert len(options) == len(set(options)) == CHOICES
        assert [f for f in options if f in s.families] == [s.families[0]]


def test_check_pattern_feedback():
    s = get_scenario("tie-shoelaces")
    right = check_pattern(s, "controlled_flexion")
    assert right.correct and str(right).startswith("Right: ") and s.tip in right.feedback
    wrong = check_pattern(s, "carry")
    assert not wrong.correct and "controlled flexion and the hinge" in wrong.feedback
    assert check_pattern(s, "hinge").correct  # a secondary family counts too
    with pytest.raises(InvalidModel, match="not a movement family"):
        check_pattern(s, "juggling")


def test_transfer_coverage_counts_every_task():
    cat = synthetic_catalog()
    counts = transfer_coverage(cat)
    assert tuple(counts) == enums.TRANSFERS
    assert sum(counts.values()) == sum(len(e.transfers) for e in cat)
    cat2 = Catalog(
        [make_exercise("a", transfers=("lifting", "bending")), make_exercise("b", transfers=("lifting",))]
    )
    assert transfer_coverage(cat2)["lifting"] == 2 and transfer_coverage(cat2)["walking"] == 0


def test_scenario_repr():
    assert repr(get_scenario("walk-to-work")) == "Scenario('walk-to-work': walking, gait/carry)"

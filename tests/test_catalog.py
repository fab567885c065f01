"""The bundled catalog: coverage, ladders, look-ups, filters and clear errors on bad data."""

from collections import Counter

import pytest
import yaml

from coursekit.content import enums
from coursekit.content.catalog import Catalog, load_catalog
from coursekit.errors import DataFileError, InvalidModel


def test_catalog_has_at_least_80_exercises(catalog):
    assert len(catalog) >= 80
    assert repr(catalog) == f"Catalog({len(catalog)} exercises)"


def test_every_family_at_least_three_times(catalog):
    counts = Counter(ex.family for ex in catalog)
    assert {f: counts[f] for f in enums.FAMILIES if counts[f] < 3} == {}


def test_each_phase_at_least_fifteen(catalog):
    counts = Counter(ex.phase for ex in catalog)
    assert all(counts[p] >= 15 for p in enums.PHASES), counts


def test_office_travel_home_at_least_ten_each(catalog):
    counts = Counter(s for ex in catalog for s in ex.settings)
    assert all(counts[s] >= 10 for s in ("office", "travel", "home")), counts


def test_all_flare_up_values_and_positions_from_supine_to_single_leg(catalog):
    assert {ex.flare_up for ex in catalog} == set(enums.FLARE_UP)
    positions = {ex.position for ex in catalog}
    assert {"supine", "single_leg"} <= positions
    assert len(positions) >= 9


def test_every_exercise_is_coachable(catalog):
    for ex in catalog:
        assert ex.cues and ex.quality_markers, ex.id
        assert ex.compensations and all(c.cue for c in ex.compensations), ex.id
        assert ex.references, ex.id


def test_ladders_are_mirrored_and_acyclic(catalog):
    edges = 0
    for ex in catalog:
        for step in catalog.steps_up(ex.id):
            edges += 1
            assert ex in catalog.regressions(step.exercise.id)
            assert step.axis in enums.AXES
    assert edges >= 20
    # walking up from any exercise never comes back to it
    for ex in catalog:
        seen, todo = set(), [ex.id]
        while todo:
            for nxt in catalog.progressions(todo.pop()):
                assert nxt.id != ex.id, f"cycle through {ex.id}"
                if nxt.id not in seen:
                    seen.add(nxt.id)
                    todo.append(nxt.id)


def test_contract_lookups(catalog):
    ex = catalog["bird-dog"]
    assert ex.id == "bird-dog" and ex.family in enums.FAMILIES
    assert isinstance(ex.regions, tuple) and isinstance(ex.settings, tuple)
    assert 0 <= ex.load_level <= 4
    with pytest.raises(KeyError, match="bird-dgo"):
        catalog["bird-dgo"]
    with pytest.raises(KeyError, match="did you mean bird-dog"):
        catalog["bird-dgo"]


def test_ladder_is_ordered_easiest_first(catalog):
    for ex in catalog:
        ladder = catalog.ladder(ex.id)
        assert ex in ladder
        for i, rung in enumerate(ladder):
            for lower in catalog.regressions(rung.id):
                assert ladder.index(lower) < i


def test_filter_combines_criteria(catalog):
    office_breath = catalog.filter(family="breathing", setting="office")
    assert office_breath and all(e.family == "breathing" and "office" in e.settings for e in office_breath)
    soft = catalog.filter(phase=["soften"], flare_up="plan_b_preferred", max_load=1)
    assert soft and all(e.phase == "soften" and e.load_level <= 1 for e in soft)
    assert catalog.filter(text="BIRD") and all(
        "bird" in (e.id + e.name + e.summary + " ".join(e.aliases)).lower()
        for e in catalog.filter(text="bird")
    )
    assert catalog.filter() == list(catalog)
    with pytest.raises(InvalidModel, match="filter family='yoga'"):
        catalog.filter(family="yoga")


def test_to_frame_is_one_row_per_exercise(catalog):
    frame = catalog.to_frame()
    assert len(frame) == len(catalog)
    assert frame.loc["bird-dog", "family"] == catalog["bird-dog"].family
    assert {"family", "phase", "settings", "dose", "tempo"} <= set(frame.columns)


def test_catalog_refuses_duplicates_in_memory(catalog):
    ex = catalog["bird-dog"]
    with pytest.raises(InvalidModel, match="duplicate"):
        Catalog([ex, ex])


# -- bad data files ----------------------------------------------------------------------


def _break(data_copy, mutate):
    path = data_copy / "exercises.yaml"
    records = yaml.safe_load(path.read_text())
    mutate(records)
    path.write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True))
    return data_copy


def _index(records, ex_id):
    return next(i for i, r in enumerate(records) if r["id"] == ex_id)


def test_missing_field_names_file_record_and_field(data_copy):
    def mutate(records):
        del records[_index(records, "bird-dog")]["cues"]

    with pytest.raises(DataFileError) as info:
        load_catalog(_break(data_copy, mutate))
    assert "data/exercises.yaml: record" in str(info.value)
    assert "(bird-dog): cues: missing field" in str(info.value)


def test_wrong_enum_and_bad_tempo_are_both_reported(data_copy):
    def mutate(records):
        records[_index(records, "bird-dog")]["family"] = "yoga"
        records[_index(records, "glute-bridge")]["tempo"] = "3-1-2"

    with pytest.raises(DataFileError) as info:
        load_catalog(_break(data_copy, mutate))
    text = str(info.value)
    assert "(bird-dog): family: Exercise.family must be one of" in text
    assert "(glute-bridge): tempo:" in text and "expected four parts" in text


def test_duplicate_id(data_copy):
    def mutate(records):
        records.append(dict(records[_index(records, "bird-dog")]))

    with pytest.raises(DataFileError, match=r"\(bird-dog\): id: duplicate id"):
        load_catalog(_break(data_copy, mutate))


def test_dangling_progression(data_copy):
    def mutate(records):
        records[_index(records, "bird-dog")]["progressions"].append({"to": "moon-walk", "axis": "load"})

    with pytest.raises(
        DataFileError, match=r"\(bird-dog\): progressions\[\d\]\.to: points to unknown exercise 'moon-walk'"
    ):
        load_catalog(_break(data_copy, mutate))


def test_cycle_is_found(data_copy):
    def mutate(records):
        # find a two-rung ladder and close it into a loop
        for r in records:
            if r["progressions"]:
                up = r["progressions"][0]["to"]
                top = records[_index(records, up)]
                top["progressions"].append({"to": r["id"], "axis": "load"})
                r["regressions"].append({"to": up, "axis": "load"})
                return

    with pytest.raises(DataFileError, match="progressions form a cycle"):
        load_catalog(_break(data_copy, mutate))


def test_broken_yaml_names_the_line(data_copy):
    (data_copy / "exercises.yaml").write_text("- id: a\n  name: [unclosed\n")
    with pytest.raises(DataFileError, match=r"data/exercises.yaml: not valid YAML at line \d+"):
        load_catalog(data_copy)


def test_coursekit_data_points_at_another_folder(data_copy, monkeypatch):
    def mutate(records):
        records[_index(records, "bird-dog")]["name"] = "Bird dog (local edit)"

    _break(data_copy, mutate)
    monkeypatch.setenv("COURSEKIT_DATA", str(data_copy))
    assert load_catalog()["bird-dog"].name == "Bird dog (local edit)"


def test_ladder_depths_on_a_diamond_and_a_cycle_built_in_memory(catalog):
    from dataclasses import replace

    from coursekit.content.models import LadderEdge

    base = catalog["bird-dog"]
    a, b, c, d = (replace(base, id=i, progressions=(), regressions=()) for i in ("a-a", "b-b", "c-c", "d-d"))
    up = lambda ex, *to: replace(ex, progressions=tuple(LadderEdge(to=t, axis="load") for t in to))  # noqa: E731
    diamond = Catalog([up(a, "b-b", "c-c"), up(b, "d-d"), up(c, "d-d"), d])
    assert [e.id for e in diamond.ladder("d-d")] == ["a-a", "b-b", "c-c", "d-d"]
    cycle = Catalog([up(a, "b-b"), up(b, "a-a")])  # only possible in memory: the loader refuses it
    assert {e.id for e in cycle.ladder("a-a")} == {"a-a", "b-b"}

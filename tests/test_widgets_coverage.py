"""The coverage explorer, driven from Python."""

from __future__ import annotations

import pytest

from coursekit.engine.routines import Routine, RoutineItem
from coursekit.widgets.coverage import CoverageExplorer
from factories import synthetic_catalog

CAT = synthetic_catalog()
BACK_ONLY = Routine(
    name="Back <only>",
    slot="evening",
    plan="A",
    items=(RoutineItem(exercise="dead-bug", reps=6), RoutineItem(exercise="pallof-press", reps=8)),
)


@pytest.fixture
def explorer():
    return CoverageExplorer(CAT, routines={"back-only": BACK_ONLY}, figure=False)


def test_starts_empty(explorer):
    assert repr(explorer) == "CoverageExplorer(0 exercises, 13 families, 8 regions missing)"
    assert explorer._repr_mimebundle_()["text/plain"] == repr(explorer)


def test_set_exercises_updates_counts_and_view(explorer):
    explorer.set_exercises(["crocodile-breathing", "bird-dog", "glute-bridge"])
    assert repr(explorer) == "CoverageExplorer(3 exercises, 10 families, 3 regions missing)"
    assert explorer.picker.value == ("crocodile-breathing", "bird-dog", "glute-bridge")
    miss = explorer.missing()
    assert "carry" in miss.families and "thoracic" in miss.regions
    assert "Missing families:</strong> hinge" not in explorer.missing_html.value
    assert "anti rotation" not in explorer.missing_html.value.split("Missing families")[1].split("</p>")[0]


def test_picker_and_routine_menu_call_the_controller(explorer):
    explorer.picker.value = ("cat-camel",)
    assert explorer.exercises == ("cat-camel",)
    explorer.routine_menu.value = "back-only"
    assert explorer.exercises == ("dead-bug", "pallof-press")
    assert explorer.routine_menu.value == ""  # ready for the next choice


def test_use_routine_by_name_and_system_note(explorer):
    explorer.use_routine("Back <only>")
    assert explorer.coverage.items == 2
    assert "feet ankles" in explorer.missing_html.value  # strength outside the back is missing


def test_unknown_ids_show_a_message_and_change_nothing(explorer):
    explorer.set_exercises(["bird-dog"])
    explorer.set_exercises(["bird-dog", "<b>no-such</b>"])
    assert 'role="alert"' in explorer.message.value
    assert "<b>" not in explorer.message.value
    assert explorer.exercises == ("bird-dog",)
    explorer.use_routine("nope")
    assert "no example routine" in explorer.message.value


def test_routine_items_count_twice():
    twice = Routine(
        name="Twice",
        slot="morning",
        plan="A",
        items=(RoutineItem(exercise="cat-camel", reps=6), RoutineItem(exercise="cat-camel", reps=6)),
    )
    explorer = CoverageExplorer(CAT, routines={"twice": twice}, figure=False)
    explorer.use_routine("twice")
    assert explorer.coverage.family_counts["mobility"] == 2
    assert explorer.picker.value == ("cat-camel",)


def test_figure_and_default_catalog():
    explorer = CoverageExplorer(exercises=["bird-dog"], figure=True)
    assert explorer.picture.value.startswith('<img src="data:image/png;base64,')
    assert "Missing families" in explorer.picture.value

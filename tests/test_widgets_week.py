"""The week planner, driven from Python."""

from __future__ import annotations

import pytest

from coursekit.engine.planner import Wardrobe
from coursekit.engine.routines import Routine, RoutineItem
from coursekit.widgets.week import WeekPlanner, example_wardrobe
from factories import synthetic_catalog

CAT = synthetic_catalog()
STRONG = Routine(
    name="Strong morning",
    slot="morning",
    plan="A",
    items=(
        RoutineItem(exercise="crocodile-breathing", breaths=8),
        RoutineItem(exercise="glute-bridge", sets=2, reps=8),
        RoutineItem(exercise="supported-child-pose", hold_s=30),
    ),
)
DESK = Routine(
    name="Desk <break>",
    slot="office",
    plan="A",
    items=(
        RoutineItem(exercise="seated-thoracic-rotation", reps=6),
        RoutineItem(exercise="wall-slide", reps=8),
    ),
)
GENTLE = Routine(
    name="Gentle morning",
    slot="morning",
    plan="B",
    items=(RoutineItem(exercise="crocodile-breathing", breaths=8), RoutineItem(exercise="cat-camel", reps=6)),
)


@pytest.fixture
def planner():
    return WeekPlanner(Wardrobe.of(STRONG, DESK, GENTLE), CAT, figure=False)


def test_default_week(planner):
    assert planner.state.days == ("Mon", "Tue", "Wed", "Thu", "Fri")
    assert [d.kind for d in planner.plan.days] == [
        "demanding",
        "light",
        "demanding",
        "light",
        "demanding",
        "rest",
        "rest",
    ]
    assert repr(planner).startswith("WeekPlanner(5 training days, ")
    assert planner._repr_mimebundle_()["text/plain"] == repr(planner)


def test_set_days_and_checkboxes(planner):
    planner.set_days(["Monday", "thu", "Sat"])
    assert planner.state.days == ("Mon", "Thu", "Sat")
    assert [d for d, b in planner.day_boxes.items() if b.value] == ["Mon", "Thu", "Sat"]
    assert repr(planner).startswith("WeekPlanner(3 training days, ")
    planner.day_boxes["Sun"].value = True
    assert planner.state.days == ("Mon", "Thu", "Sat", "Sun")
    planner.set_days(["Wed"])
    assert repr(planner).startswith("WeekPlanner(1 training day, ")


def test_anchor_moves_the_session_and_is_escaped(planner):
    planner.set_anchor("office", "after the <b>11:00</b> meeting")
    assert planner.anchor_texts["office"].value == "after the <b>11:00</b> meeting"
    html = planner.schedule_html()
    assert "<b>11:00</b>" not in html and "&lt;b&gt;11:00&lt;/b&gt;" in html
    assert "Desk &lt;break&gt;" in html
    assert "after the <b>11:00</b> meeting" in planner.summary()
    planner.set_anchor("office", "  ")
    assert "office" not in planner.state.anchors


def test_anchor_text_control_calls_the_controller(planner):
    planner.anchor_texts["morning"].value = "after the first coffee"
    assert planner.state.anchors == {"morning": "after the first coffee"}
    assert "after the first coffee" in planner.schedule.value


def test_swap_to_plan_b_and_restore(planner):
    before = planner.table()
    planner.swap("Wed")
    day = planner.plan.day("Wed")
    assert day.kind == "flare-up" and day.plan == "B"
    assert day.sessions[0].routine.name == "Gentle morning"
    assert planner.table().loc[2, "kind"] == "flare-up"
    assert planner.table().loc[2, "minutes"] < before.loc[2, "minutes"]
    assert not planner.restore_button.disabled
    planner.restore("Wed")
    assert planner.plan.day("Wed").kind == "demanding"
    planner.swap_menu.value = "Fri"
    assert planner.state.swapped == ("Fri",) and planner.swap_menu.value == ""
    planner.restore_button.click()
    assert planner.state.swapped == ()


def test_dropping_a_swapped_day_drops_the_swap(planner):
    planner.swap("Tue")
    planner.set_days(["Mon", "Wed"])
    assert planner.state.swapped == ()


def test_bad_values_show_messages_and_change_nothing(planner):
    planner.set_days(["Funday"])
    assert "not a weekday" in planner.message.value
    assert planner.state.days == ("Mon", "Tue", "Wed", "Thu", "Fri")
    planner.set_anchor("brunch", "after eggs")
    assert "not a slot" in planner.message.value
    planner.set_anchor("office", "x" * 61)
    assert "at most 60" in planner.message.value
    planner.swap("Someday")
    assert "not a weekday" in planner.message.value
    planner.set_days("Mon")
    assert "not one text" in planner.message.value
    planner.set_days(["Mon", "Tue", "Wed", "Thu", "Fri"])
    assert planner.message.value == ""


def test_table_columns(planner):
    table = planner.table()
    assert list(table.columns) == ["day", "kind", "sessions", "minutes", "load"]
    assert len(table) == 7


def test_example_wardrobe_skips_mistakes(catalog):
    wardrobe = example_wardrobe(catalog)
    assert all(not r.name.startswith("Mistake") for r in wardrobe)
    assert ("morning", "A") in wardrobe


def test_default_planner_has_a_figure():
    planner = WeekPlanner(figure=True)
    assert planner.picture.value.startswith("<svg") and 'role="img"' in planner.picture.value
    assert "minutes of exercise per day" in planner.picture.value
    assert planner.picture.value.count('class="day"') == planner.training_days
    from coursekit.plots.week import week_load_alt

    assert planner.picture.alt == week_load_alt(planner.table())  # the wardrobe's chart says the same

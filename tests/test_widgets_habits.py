"""HabitPlanner: driven from Python, errors shown in the widget, stable repr, escaped anchors."""

from __future__ import annotations

import pytest

from coursekit.engine.habits import example_log
from coursekit.widgets.habits import HabitPlanner

ANCHORS = ["after the first coffee", "back from lunch"]


@pytest.fixture
def planner():
    return HabitPlanner(anchors=ANCHORS, budget=15, log=example_log(7), figure=False)


def test_repr_and_initial_view(planner):
    assert repr(planner) == "HabitPlanner(2 anchors, 15 min budget: 2 micro-sessions, 11 min)"
    assert [b.value for b in planner.anchor_boxes] == [*ANCHORS, "", ""]
    assert planner.budget_slider.value == 15
    assert "after the first coffee" in planner.plan_html.value
    assert "weeks on target" in planner.adherence_html.value
    assert all(b.description for b in planner.anchor_boxes) and planner.budget_slider.description


def test_controller_methods(planner):
    planner.set_anchor(2, "when I close the laptop")
    planner.set_budget(20)
    assert repr(planner) == "HabitPlanner(3 anchors, 20 min budget: 3 micro-sessions, 19 min)"
    assert planner.anchor_boxes[2].value == "when I close the laptop"
    planner.set_anchors(["before bed"])
    assert repr(planner) == "HabitPlanner(1 anchor, 20 min budget: 1 micro-session, 5 min)"
    assert planner.anchor_boxes[1].value == ""
    planner.set_log([])
    assert "No practice" in planner.report()
    assert "No practice logged yet, so no chart" in planner.figure.value


def test_controls_call_the_controller(planner):
    planner.anchor_boxes[2].value = "after dinner"
    assert len(planner.plan.sessions) == 2 and planner.plan.free_anchors == ("after dinner",)
    planner.budget_slider.value = 30
    assert planner.plan.budget_min == 30 and len(planner.plan.sessions) == 3
    planner.anchor_boxes[0].value = ""
    assert repr(planner).startswith("HabitPlanner(2 anchors")


def test_bad_values_show_a_message_and_raise_nothing(planner):
    before = planner.state.habits
    planner.set_budget(90)
    assert "from 5 to 60" in planner.message.text and 'role="alert"' in planner.message.value
    planner.set_anchor(2, "Back from lunch")
    assert "twice" in planner.message.text
    planner.set_anchor(9, "x")
    assert "anchor box" in planner.message.text
    planner.set_anchors(["a", "b", "c", "d", "e"])
    assert "4 anchor boxes" in planner.message.text
    planner.set_log([("not a date", 5)])
    assert "date" in planner.message.text
    assert planner.state.habits == before


def test_learner_text_is_escaped(planner):
    planner.set_anchor(2, "<img src=x onerror=alert(1)>")
    assert "<img src=x" not in planner.plan_html.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in planner.plan_html.value
    planner.set_anchor(3, "<b>dup</b>")
    planner.set_anchor(0, "<b>dup</b>")
    assert "<b>dup</b>" not in planner.message.value


def test_custom_routines_are_escaped():
    p = HabitPlanner({"<i>Stretch</i>": 5}, anchors=["x"], figure=False)
    assert "<i>Stretch</i>" not in p.children[0].value and "&lt;i&gt;Stretch" in p.children[0].value
    assert "&lt;i&gt;Stretch" in p.plan_html.value


def test_figure_is_an_image_with_alt_text(close_figures):
    p = HabitPlanner(anchors=ANCHORS, log=example_log(2), figure=True)
    assert p.figure.value.startswith('<img src="data:image/png;base64,')
    assert 'alt="Adherence chart: days practised per week' in p.figure.value

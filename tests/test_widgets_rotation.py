"""RotationPlanner: driven from Python, errors shown in the widget, stable repr, escaped text."""

from __future__ import annotations

import pytest
from tests.factories import make_exercise, synthetic_catalog

from coursekit.content.catalog import Catalog
from coursekit.widgets.rotation import RotationPlanner

CAT = synthetic_catalog()
CAPSULE = ["crocodile-breathing", "cat-camel", "bird-dog", "glute-bridge", "sit-to-stand", "split-squat"]


@pytest.fixture
def planner():
    return RotationPlanner(CAT, capsule=CAPSULE, days=["Mon", "Wed", "Fri"], figure=False)


def test_repr_and_initial_view(planner):
    assert repr(planner) == "RotationPlanner(6 exercises, 3 days, 6 families)"
    assert "<table>" in planner.table.value and "<caption>" in planner.table.value
    assert "6 of 6 families" in planner.summary.value
    assert planner.capsule_select.value == tuple(CAPSULE)
    assert [d for d, b in planner.day_boxes.items() if b.value] == ["Mon", "Wed", "Fri"]
    assert planner.per_day_slider.value == 3
    assert planner.capsule_select.description and planner.per_day_slider.description


def test_default_capsule_uses_known_ids():
    p = RotationPlanner(CAT, figure=False)
    assert set(p.rotation.capsule) <= set(CAT.ids) and len(p.rotation.capsule) >= 2


def test_controller_methods_change_state_and_view(planner):
    planner.set_days(["Mon", "Tue"])
    assert repr(planner) == "RotationPlanner(6 exercises, 2 days, 6 families)"
    assert planner.day_boxes["Tue"].value and not planner.day_boxes["Wed"].value
    planner.set_per_day(2)
    assert planner.per_day_slider.value == 2
    assert "4 of 6 families" in planner.summary.value and "Not every family" in planner.summary.value
    planner.add("open-book")
    assert "open-book" in planner.rotation.capsule
    planner.remove("split-squat")
    assert "split-squat" not in planner.rotation.capsule
    assert planner.report() == str(planner.rotation)


def test_controls_call_the_controller(planner):
    planner.day_boxes["Sat"].value = True
    assert [d.day for d in planner.rotation.days] == ["Mon", "Wed", "Fri", "Sat"]
    planner.per_day_slider.value = 4
    assert planner.rotation.per_day == 4
    planner.capsule_select.value = ("bird-dog", "glute-bridge")
    assert planner.rotation.capsule == ("bird-dog", "glute-bridge")


def test_bad_values_show_a_message_and_raise_nothing(planner):
    before = planner.rotation
    planner.set_capsule(["bird-dog"])
    assert "2 to 12" in planner.message.text and 'role="alert"' in planner.message.value
    planner.set_days([])
    assert "at least one" in planner.message.text
    planner.set_per_day(9)
    assert "per_day" in planner.message.text
    planner.remove("goblet-squat")
    assert "not in the capsule" in planner.message.text
    planner.add("<script>")
    assert "<script>" not in planner.message.value and "&lt;script&gt;" in planner.message.value
    assert planner.rotation == before
    planner.set_days(["Tue"])
    assert planner.message.text == ""


def test_catalog_text_is_escaped():
    cat = Catalog(
        [
            make_exercise("a", name="A <i>x</i>", family="hinge"),
            make_exercise("b", name="B & co", family="squat"),
        ]
    )
    p = RotationPlanner(cat, capsule=["a", "b"], days=["Mon"], figure=False)
    assert "A &lt;i&gt;x&lt;/i&gt;" in p.table.value and "B &amp; co" in p.table.value


def test_figure_is_an_image_with_alt_text(close_figures):
    p = RotationPlanner(CAT, capsule=CAPSULE, days=["Mon", "Thu"], figure=True)
    assert p.figure.value.startswith('<img src="data:image/png;base64,')
    assert 'alt="Grid of 2 training days by 6 movement families' in p.figure.value

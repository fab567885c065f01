"""ScenarioMatcher: driven from Python, marked in the kernel, stable repr, escaped text."""

from __future__ import annotations

import pytest
from tests.factories import make_exercise, synthetic_catalog

from coursekit.content.catalog import Catalog
from coursekit.engine.scenarios import Scenario, load_scenarios, pattern_choices
from coursekit.widgets.scenarios import ScenarioMatcher

CAT = Catalog(
    [
        make_exercise("hinge-a", name="Hinge A", family="hinge", transfers=("lifting",)),
        make_exercise("squat-b", name="Squat B", family="squat", phase="strengthen", transfers=("lifting",)),
        make_exercise("walk-c", name="Walk C", family="gait", transfers=("walking",)),
    ]
)


@pytest.fixture
def matcher():
    return ScenarioMatcher(CAT, "lift-laundry-basket", figure=False)


def test_repr_and_initial_view(matcher):
    assert repr(matcher) == "ScenarioMatcher('lift-laundry-basket', not answered)"
    assert matcher.scenario_menu.value == "lift-laundry-basket"
    assert [v for _, v in matcher.pattern_choice.options] == list(matcher.choices())
    assert matcher.pattern_choice.value is None
    assert "Lifting a full laundry basket" in matcher.description.value
    assert matcher.exercises_html.value == ""  # the exercises show after answering
    assert matcher.scenario_menu.description and matcher.pattern_choice.description


def test_answers_are_marked_with_feedback(matcher):
    wrong = next(f for f in matcher.choices() if f != "hinge")
    result = matcher.answer(wrong)
    assert not result.correct
    assert repr(matcher) == "ScenarioMatcher('lift-laundry-basket', answered: not quite)"
    assert "Not quite" in matcher.feedback.value
    assert matcher.answer("hinge").correct
    assert repr(matcher) == "ScenarioMatcher('lift-laundry-basket', answered: right)"
    assert "Hinge A" in matcher.exercises_html.value and "Walk C" not in matcher.exercises_html.value
    assert [e.id for e in matcher.exercises()] == ["hinge-a", "squat-b"]
    assert "2 catalog exercises rehearse it" in matcher.report()


def test_answer_key_is_not_in_the_view_before_answering(matcher):
    assert "Right" not in matcher.feedback.value and "Tip:" not in matcher.feedback.value


def test_pick_and_controls(matcher):
    matcher.answer("hinge")
    matcher.pick("walk-to-work")
    assert matcher.result is None and matcher.scenario_menu.value == "walk-to-work"
    matcher.scenario_menu.value = "tie-shoelaces"
    assert matcher.scenario.id == "tie-shoelaces"
    matcher.pattern_choice.value = "controlled_flexion"
    matcher.check_button.click()
    assert matcher.result.correct


def test_bad_values_show_a_message_and_raise_nothing(matcher):
    assert matcher.answer(None) is None
    assert "choose a movement pattern" in matcher.message.text
    outside = next(f for f in ("breathing", "gait", "mobility", "carry") if f not in matcher.choices())
    assert matcher.answer(outside) is None and "not one of the options" in matcher.message.text
    matcher.pick("<b>nope</b>")
    assert "<b>nope</b>" not in matcher.message.value and "&lt;b&gt;nope" in matcher.message.value
    assert repr(matcher) == "ScenarioMatcher('lift-laundry-basket', not answered)"


def test_scenario_text_is_escaped():
    s = Scenario(
        id="odd",
        title="<b>Odd</b> task",
        description="A & B",
        transfer="lifting",
        families=("hinge",),
        tip="<i>tip</i>",
    )
    m = ScenarioMatcher(CAT, scenarios=(s,), figure=False)
    assert "&lt;b&gt;Odd&lt;/b&gt;" in m.description.value and "A &amp; B" in m.description.value
    m.answer("hinge")
    assert "<i>tip</i>" not in m.feedback.value and "&lt;i&gt;tip" in m.feedback.value


def test_figure_is_an_image_with_alt_text(close_figures):
    m = ScenarioMatcher(synthetic_catalog(), scenarios=load_scenarios()[:2], figure=True)
    assert m.figure.value.startswith('<img src="data:image/png;base64,')
    assert 'alt="Bar chart: how many catalog exercises' in m.figure.value
    assert pattern_choices(m.scenario) == m.choices()

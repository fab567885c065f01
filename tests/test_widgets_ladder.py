"""LadderExplorer: driven from Python, errors shown in the widget, stable repr, escaped text."""

from __future__ import annotations

import pytest
from tests.factories import make_exercise, synthetic_catalog

from coursekit.content.catalog import Catalog
from coursekit.widgets.ladder import LadderExplorer

CAT = synthetic_catalog()


@pytest.fixture
def explorer():
    return LadderExplorer(CAT, "dead-bug", figure=False)


def test_repr_and_initial_view(explorer):
    assert repr(explorer) == "LadderExplorer('dead-bug', 2 rungs)"
    assert explorer.proposal is None
    assert "Dead bug" in explorer.ladder_html.value and "◀ current" in explorer.ladder_html.value
    assert explorer.rungs() == [
        "1. Dead bug (organize, load 1): start  <- current",
        "2. Bird dog (organize, load 1): position from Dead bug",
    ]
    assert explorer.exercise_menu.value == "dead-bug"
    assert explorer.exercise_menu.description and explorer.exercise_menu.style.description_width == "initial"


def test_progress_walks_dose_axes_then_the_ladder(explorer):
    axes = [explorer.propose("progress").axis for _ in range(6)]
    assert axes == ["reps", "reps", "reps", "tempo", "sets", "position"]
    assert explorer.exercise == "bird-dog"
    assert explorer.exercise_menu.value == "bird-dog"
    assert repr(explorer) == "LadderExplorer('bird-dog', 2 rungs)"
    assert "Move up the ladder" in explorer.proposal_html.value


def test_repeat_and_regress(explorer):
    assert explorer.propose("repeat").kind == "none"
    p = explorer.propose("regress")
    assert p.action == "regress" and explorer.item.sets == 1
    assert "Regress" in explorer.proposal_html.value


def test_decide_from_pain_scores(explorer):
    p = explorer.decide(during=7, next_morning=2, baseline=2)
    assert p.action == "regress"
    assert "Pain scores say regress" in explorer.message.value
    assert explorer.during_slider.value == 7
    assert explorer.decide(during=3, next_morning=2, baseline=2, clean=False).action == "repeat"


def test_buttons_and_menu_call_the_controller(explorer):
    explorer.buttons["progress"].click()
    assert explorer.proposal.axis == "reps"
    explorer.exercise_menu.value = "bird-dog"
    assert explorer.exercise == "bird-dog" and explorer.proposal is None
    explorer.reset_button.click()
    assert explorer.item.reps == CAT["bird-dog"].dose.reps
    explorer.during_slider.value = 8
    explorer.decide_button.click()
    assert explorer.proposal.action == "regress"


def test_bad_values_show_a_message_and_raise_nothing(explorer):
    assert explorer.propose("leap") is None
    assert 'role="alert"' in explorer.message.value and "progress, repeat, regress" in explorer.message.value
    explorer.choose("no-such")
    assert "no-such" in explorer.message.text
    assert explorer.decide(during=11, next_morning=2, baseline=2) is None
    assert "between 0 and 10" in explorer.message.text
    assert repr(explorer) == "LadderExplorer('dead-bug', 2 rungs)"


def test_catalog_text_is_escaped():
    from coursekit.content.models import LadderEdge

    cat = Catalog(
        [
            make_exercise(
                "low", name="<b>Low</b> & easy", progressions=(LadderEdge(to="high", axis="load"),)
            ),
            make_exercise("high", name="High", regressions=(LadderEdge(to="low", axis="load"),)),
        ]
    )
    e = LadderExplorer(cat, "low", figure=False)
    assert "<b>Low</b>" not in e.ladder_html.value
    assert "&lt;b&gt;Low&lt;/b&gt; &amp; easy" in e.ladder_html.value


def test_figure_is_an_image_with_alt_text(close_figures):
    e = LadderExplorer(CAT, "dead-bug", figure=True)
    assert e.figure.value.startswith('<img src="data:image/png;base64,')
    assert 'alt="Progression ladder of Dead bug' in e.figure.value


def test_unknown_start_exercise_is_refused():
    from coursekit.errors import InvalidModel

    with pytest.raises(InvalidModel, match="not in the catalog"):
        LadderExplorer(CAT, "nope", figure=False)

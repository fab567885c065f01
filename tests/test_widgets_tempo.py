"""The tempo explorer, driven from Python as the notebook cells drive it."""

from __future__ import annotations

import pytest

from coursekit.widgets.tempo import TempoExplorer


@pytest.fixture
def explorer():
    return TempoExplorer(figure=False)


def test_default_repr_and_summary(explorer):
    assert repr(explorer) == "TempoExplorer(3-1-2-0 × 8 = 48 s)"
    assert explorer._repr_mimebundle_()["text/plain"] == "TempoExplorer(3-1-2-0 × 8 = 48 s)"
    text = explorer.summary()
    assert "One rep: 6 s" in text
    assert "Time under tension: 6 s × 8 reps = 48 s" in text
    assert "Legend: eccentric (lowering)" in text


def test_controller_methods_change_state_and_view(explorer):
    explorer.set_tempo("2-0-X-0")
    explorer.set_reps(10)
    assert repr(explorer) == "TempoExplorer(2-0-X-0 × 10 = 30 s)"
    assert explorer.tempo_text.value == "2-0-X-0"
    assert explorer.reps_slider.value == 10
    assert "explosive lifting" in explorer.numbers.value
    explorer.set_per_side(True)
    assert repr(explorer) == "TempoExplorer(2-0-X-0 × 10 per side = 60 s)"
    assert explorer.side_box.value is True


def test_controls_call_the_controller(explorer):
    explorer.tempo_text.value = "4-1-2-1"
    explorer.reps_slider.value = 5
    explorer.side_box.value = True
    assert repr(explorer) == "TempoExplorer(4-1-2-1 × 5 per side = 80 s)"


def test_bad_tempo_shows_a_message_and_keeps_the_last_one(explorer):
    explorer.set_tempo("3-1-2")  # raises nothing
    assert "expected four parts" in explorer.error
    assert 'role="alert"' in explorer.message.value
    assert explorer.tempo_text.value == "3-1-2"  # what was typed stays visible
    assert repr(explorer) == "TempoExplorer(3-1-2-0 × 8 = 48 s)"
    explorer.set_tempo("3-1-2-1")
    assert explorer.error == "" and explorer.message.value == ""


def test_bad_reps_show_a_message(explorer):
    explorer.set_reps(0)
    assert "from 1 to 20" in explorer.error
    explorer.set_reps("eight")
    assert explorer.reps == 8


def test_learner_text_is_escaped(explorer):
    explorer.set_tempo("<script>alert(1)</script>")
    assert "<script>" not in explorer.message.value
    assert "&lt;script&gt;" in explorer.message.value


def test_figure_is_an_image_with_alt_text():
    explorer = TempoExplorer("3-1-2-0", 8, figure=True)
    assert explorer.picture.value.startswith('<img src="data:image/png;base64,')
    assert "48 seconds under tension" in explorer.picture.value

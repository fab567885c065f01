"""The breath pacer, driven from Python as the browser would."""

from __future__ import annotations

from coursekit.widgets.breath import BreathPacer


def test_default_repr_and_plan():
    pacer = BreathPacer()
    assert repr(pacer) == "BreathPacer(3-1-2-0 × 8 reps: 8 breaths, 6 s per breath, comfortably slow)"
    assert pacer.plan().set_s == 48
    assert pacer._repr_mimebundle_()["text/plain"] == repr(pacer)


def test_controller_methods_change_state_and_view():
    pacer = BreathPacer(figure=True)
    before = pacer.summary.value
    pacer.set_tempo("2-1-2-1")
    pacer.set_reps(6)
    assert repr(pacer) == "BreathPacer(2-1-2-1 × 6 reps: 6 breaths, 6 s per breath, comfortably slow)"
    assert pacer.summary.value != before
    assert "6 breaths" in pacer.summary.value
    assert pacer.tempo_text.value == "2-1-2-1" and pacer.reps_slider.value == 6
    assert "<img" in pacer.figure.value and "alt=" in pacer.figure.value
    assert "rep 6:" in pacer.table.value


def test_controls_call_the_controller():
    pacer = BreathPacer()
    pacer.tempo_text.value = "1-0-1-0"
    assert pacer.plan().pace == "too fast"
    assert "too fast" in pacer.summary.value
    pacer.reps_slider.value = 3
    assert pacer.plan().reps == 3


def test_bad_tempo_shows_a_message_and_keeps_the_plan():
    pacer = BreathPacer()
    assert pacer.set_tempo("3-1-2") is None  # no exception
    assert "expected four parts" in pacer.message.value
    assert 'role="alert"' in pacer.message.value
    assert str(pacer.plan().tempo) == "3-1-2-0"
    pacer.set_tempo("0-0-0-0")
    assert "no time to breathe" in pacer.message.value
    pacer.set_tempo("3-1-2-0")
    assert pacer.message.value == ""


def test_bad_reps_show_a_message():
    pacer = BreathPacer()
    pacer.set_reps(0)
    assert "reps must be between 1 and 50" in pacer.message.value
    assert pacer.plan().reps == 8


def test_learner_text_is_escaped():
    pacer = BreathPacer()
    pacer.set_tempo("<b>3</b>-1-2-0")
    assert "<b>" not in pacer.message.value and "&lt;b&gt;" in pacer.message.value


def test_every_control_has_a_description():
    pacer = BreathPacer()
    assert pacer.tempo_text.description and pacer.reps_slider.description

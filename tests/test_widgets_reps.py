"""CleanRepExplorer: marking reps, effort, summary, figure and messages."""

from coursekit import safety
from coursekit.widgets.reps import CleanRepExplorer, summarize_set


def test_default_repr_and_controls():
    e = CleanRepExplorer()
    assert repr(e) == "CleanRepExplorer(8 reps: stop after 8)"
    assert len(e.rep_buttons.children) == 8
    assert e.count.description and e.effort_choice.description
    assert all(b.description.startswith("Rep ") for b in e.rep_buttons.children)


def test_set_fraying_at_rep_nine():
    e = CleanRepExplorer(figure=True)
    e.set_reps([True] * 8 + [False] * 4)
    assert e.advice.stop_after == 8 and e.advice.frayed_at == 9
    text = e.summary()
    assert "technique first frayed at rep 9" in text
    assert "Clean reps that count: 8; reps beyond the stop: 4." in text
    assert "not estimated" in text
    assert repr(e) == "CleanRepExplorer(12 reps: stop after 8)"
    assert len(e.rep_buttons.children) == 12 and e.count.value == 12
    assert (
        '<img src="data:image/png;base64,' in e.figure.value and 'alt="Bar chart of 12 reps' in e.figure.value
    )


def test_effort_gives_a_reserve_estimate():
    e = CleanRepExplorer([True] * 10, effort=9)
    assert e.advice.stop_after == 9  # capacity 11, keep 2 in reserve
    assert "about 1 rep left then, so about 2 in reserve" in e.summary()
    assert repr(e) == "CleanRepExplorer(10 reps, effort 9: stop after 9)"
    assert e.effort_choice.value == 9


def test_mark_and_length_and_clicks():
    e = CleanRepExplorer()
    e.mark(3, False)
    assert e.advice.stop_after == 2
    e.rep_buttons.children[2].value = True  # clicking rep 3 back to clean
    assert e.advice.stop_after == 8
    e.count.value = 5
    assert e.state.reps == (True,) * 5
    e.set_length(7)
    assert e.state.reps == (True,) * 7
    e.effort_choice.value = 10
    assert e.state.effort == 10


def test_bad_values_show_a_message_and_raise_nothing():
    e = CleanRepExplorer()
    for call in (
        lambda: e.set_reps("clean"),
        lambda: e.set_reps([True, "wobbly"]),
        lambda: e.set_reps([True] * 25),
        lambda: e.mark(0, True),
        lambda: e.mark(2, "yes"),
        lambda: e.set_effort(11),
        lambda: e.set_effort(7.5),
        lambda: e.set_length(0),
    ):
        e.message.clear()
        call()
        assert 'role="alert"' in e.message.value
    assert repr(e) == "CleanRepExplorer(8 reps: stop after 8)"


def test_message_text_is_escaped():
    e = CleanRepExplorer()
    e.set_reps([True, "<i>x</i>"])
    assert "<i>x</i>" not in e.message.value


def test_compensation_names_count_as_frayed():
    advice, text = summarize_set([True, True, "rib_flare"])
    assert advice.stop_after == 2 and "rib flare showed" in text


def test_shows_the_halt():
    safety.halt("test")
    assert 'role="alert"' in CleanRepExplorer().halt_notice.value

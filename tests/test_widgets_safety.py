"""RedFlagCheck: driven from Python, it screens, stops, locks, halts and escapes."""

import pytest

from coursekit.engine import red_flags as safety
from coursekit.widgets.safety import RedFlagCheck


@pytest.fixture(autouse=True)
def _not_halted():
    safety.resume()
    yield
    safety.resume()


def answer_all(check, value=False):
    for flag in safety.RED_FLAGS:
        check.answer(flag.id, value)


def test_repr_is_stable_and_counts_answers():
    check = RedFlagCheck()
    assert repr(check) == "RedFlagCheck(6 questions, 0 answered)"
    check.answer("bladder-bowel", False)
    assert repr(check) == "RedFlagCheck(6 questions, 1 answered)"


def test_every_control_has_a_description():
    check = RedFlagCheck()
    assert all(t.description for t in check.toggles.values())
    assert check.check_button.description == "Check"


def test_all_no_continues_and_does_not_halt():
    check = RedFlagCheck()
    answer_all(check, False)
    result = check.result()
    assert not result.stop
    assert repr(check) == "RedFlagCheck(6 questions, 6 answered: continue)"
    assert not safety.is_halted()
    assert check.banner.value == ""
    assert "No red flags reported" in check.outcome.value


def test_a_yes_stops_shows_an_alert_locks_and_halts():
    check = RedFlagCheck()
    check.answer("saddle-numbness", True)
    result = check.result()
    assert result.stop and result.urgency == "emergency today"
    assert 'role="alert"' in check.banner.value and "emergency" in check.banner.value
    assert safety.is_halted() and safety.halt_reason() == result.message
    assert all(t.disabled for t in check.toggles.values()) and check.check_button.disabled
    assert repr(check) == "RedFlagCheck(6 questions, 1 answered: stop, emergency today)"
    check.answer("bladder-bowel", False)  # locked: a message, no exception
    assert "Reset" in check.message.value
    assert "bladder-bowel" not in check.state.answers


def test_toggle_clicks_go_through_the_controller():
    check = RedFlagCheck()
    check.toggles["cancer-signs"].value = True
    assert check.state.answers == {"cancer-signs": True}
    check.check_button.click()
    assert check.result().urgency == "see a doctor soon"


def test_reset_clears_but_keeps_the_session_halt():
    check = RedFlagCheck()
    check.answer("infection-signs", True)
    check.check()
    check.reset()
    assert repr(check) == "RedFlagCheck(6 questions, 0 answered)"
    assert not any(t.disabled for t in check.toggles.values())
    assert safety.is_halted()
    answer_all(check, False)
    check.check()
    assert "still halted" in check.outcome.value


def test_bad_values_show_a_message_and_raise_nothing():
    check = RedFlagCheck()
    check.answer("no-such-flag", True)
    assert "no red flag" in check.message.value
    check.answer("bladder-bowel", "yes")
    assert "must be True" in check.message.value
    assert check.state.answers == {}


def test_partial_answers_warn_without_stopping():
    check = RedFlagCheck()
    check.answer("bladder-bowel", False)
    assert not check.result().stop
    assert "not answered yet" in check.outcome.value


def test_learner_text_is_escaped():
    check = RedFlagCheck()
    check.answer("<b>x</b>", True)
    assert "<b>x</b>" not in check.message.value and "&lt;b&gt;" in check.message.value

"""RedFlagCheck: driven from Python, it screens, stops, locks, halts and escapes."""

import pytest

from coursekit import safety
from coursekit.widgets.safety import RedFlagCheck

N = len(safety.RED_FLAGS)


def answer_all(check, value=False):
    for flag in safety.RED_FLAGS:
        check.answer(flag.id, value)


def test_repr_is_stable_and_counts_answers():
    check = RedFlagCheck()
    assert repr(check) == f"RedFlagCheck({N} questions, 0 answered)"
    check.answer("bladder-bowel", False)
    assert repr(check) == f"RedFlagCheck({N} questions, 1 answered)"


def test_every_control_has_a_description():
    check = RedFlagCheck()
    assert all(t.description for t in check.toggles.values())
    assert check.check_button.description == "Check"


def test_all_no_continues_and_does_not_halt():
    check = RedFlagCheck()
    answer_all(check, False)
    result = check.result()
    assert not result.stop
    assert repr(check) == f"RedFlagCheck({N} questions, {N} answered: continue)"
    assert not safety.is_halted()
    assert check.banner.value == ""
    assert "No red flags reported" in check.outcome.value


def test_a_yes_stops_shows_an_alert_locks_and_records_the_stop():
    check = RedFlagCheck()
    check.answer("saddle-numbness", True)
    result = check.result()
    assert result.stop and result.urgency == "emergency today"
    assert 'role="alert"' in check.banner.value and "emergency" in check.banner.value
    assert safety.is_halted() and safety.halt_reason() == result.message
    assert all(t.disabled for t in check.toggles.values()) and check.check_button.disabled
    assert repr(check) == f"RedFlagCheck({N} questions, 1 answered: stop, emergency today)"
    check.answer("bladder-bowel", False)  # locked: a message, no exception
    assert "Reset" in check.message.value
    assert "bladder-bowel" not in check.state.answers


def test_toggle_clicks_go_through_the_controller():
    check = RedFlagCheck()
    check.toggles["weight-loss-or-cancer-history"].value = True
    assert check.state.answers == {"weight-loss-or-cancer-history": True}
    check.check_button.click()
    assert check.result().urgency == "see a doctor soon"


def test_reset_clears_but_keeps_the_recorded_stop():
    check = RedFlagCheck()
    check.answer("infection-signs", True)
    check.check()
    check.reset()
    assert repr(check) == f"RedFlagCheck({N} questions, 0 answered)"
    assert not any(t.disabled for t in check.toggles.values())
    assert safety.is_halted()
    answer_all(check, False)
    check.check()
    assert "still stands" in check.outcome.value


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


def test_a_demonstration_check_records_nothing():
    check = RedFlagCheck(journal=None)
    check.answer("bladder-bowel", True)
    assert check.result().stop and 'role="alert"' in check.banner.value
    assert "nothing was recorded" in check.outcome.value
    assert not safety.is_halted()


def test_a_stop_is_recorded_with_its_flags_and_urgency():
    from coursekit.journal import Journal

    check = RedFlagCheck()
    check.answer("one-leg-weakness", True)
    check.answer("saddle-numbness", True)
    check.check()
    with Journal.open() as j:
        stop = j.standing_stop()
    assert set(stop.flags) == {"saddle-numbness", "one-leg-weakness"}
    assert stop.urgency == "emergency today" and stop.action == safety.MESSAGES["emergency today"]


def test_journal_must_be_auto_none_or_a_journal():
    from coursekit.errors import InvalidModel

    with pytest.raises(InvalidModel, match="journal"):
        RedFlagCheck(journal="mine")

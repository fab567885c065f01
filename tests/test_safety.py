"""The red-flag screening and the session halt (coursekit.engine.red_flags)."""

import pytest

from coursekit.content.syllabus import load_references
from coursekit.engine import red_flags as safety
from coursekit.errors import InvalidModel


@pytest.fixture(autouse=True)
def _not_halted():
    safety.resume()
    yield
    safety.resume()


def all_no():
    return {flag.id: False for flag in safety.RED_FLAGS}


def test_flags_are_data_with_category_urgency_and_a_known_reference():
    keys = set(load_references())
    assert len(safety.RED_FLAGS) == 6
    assert {f.category for f in safety.RED_FLAGS} == set(safety.CATEGORIES)
    for flag in safety.RED_FLAGS:
        assert flag.urgency in safety.URGENCIES
        assert flag.reference in keys
        assert flag.question.endswith("?")
    cauda = [f for f in safety.RED_FLAGS if f.category == "cauda equina"]
    assert all(f.urgency == "emergency today" and f.reference == "ces" for f in cauda)


def test_all_no_continues():
    result = safety.screen(all_no())
    assert not result.stop and result.urgency is None and result.reasons == ()
    assert result.complete
    assert str(result).startswith("Continue")
    assert repr(result) == "Screening(continue, 0 unanswered)"


@pytest.mark.parametrize("flag", safety.RED_FLAGS, ids=lambda f: f.id)
def test_any_yes_stops_with_its_urgency(flag):
    result = safety.screen({**all_no(), flag.id: True})
    assert result.stop
    assert result.urgency == flag.urgency
    assert result.message == safety.MESSAGES[flag.urgency]
    assert len(result.reasons) == 1 and result.reasons[0].startswith(flag.category)


def test_the_most_urgent_flag_wins():
    result = safety.screen({"cancer-signs": True, "infection-signs": True, "saddle-numbness": True})
    assert result.urgency == "emergency today"
    assert "emergency" in result.message and len(result.reasons) == 3
    assert safety.screen({"cancer-signs": True, "fall-fragile-bone": True}).urgency == "same-day"


def test_a_yes_stops_even_with_questions_unanswered():
    result = safety.screen({"bladder-bowel": True})
    assert result.stop and len(result.unanswered) == 5


def test_unanswered_without_yes_asks_for_the_rest():
    result = safety.screen({"bladder-bowel": False})
    assert not result.stop and not result.complete
    assert "5 of 6 questions are not answered" in result.message


@pytest.mark.parametrize("answers", [{"nope": True}, {"bladder-bowel": "yes"}, {"bladder-bowel": 1}, ["x"]])
def test_bad_answers_raise_invalid_model(answers):
    with pytest.raises(InvalidModel):
        safety.screen(answers)


def test_halt_is_session_state_until_resume():
    assert not safety.is_halted() and safety.halt_reason() is None
    safety.halt("saddle numbness reported")
    assert safety.is_halted() and safety.halt_reason() == "saddle numbness reported"
    safety.resume()
    assert not safety.is_halted()
    with pytest.raises(InvalidModel):
        safety.halt("  ")


def test_red_flag_rejects_unknown_urgency():
    with pytest.raises(InvalidModel, match="urgency"):
        safety.RedFlag(
            id="x",
            label="x",
            question="x?",
            description="x",
            category="fracture",
            urgency="whenever",
            reference="ces",
        )

"""CompensationMatcher: rounds from the catalog, marked in the kernel, driven from Python."""

import pytest
from tests.test_cues import small_catalog

from coursekit import safety
from coursekit.content.catalog import Catalog
from coursekit.widgets.compensation import CompensationMatcher


@pytest.fixture
def matcher():
    return CompensationMatcher(Catalog(small_catalog()), exercise="bird-dog")


def test_repr_is_stable(matcher):
    assert repr(matcher) == "CompensationMatcher('bird-dog', rib_flare: not answered; 0 of 0 right)"


def test_only_cue_texts_reach_the_controls(matcher):
    labels = [label for label, _ in matcher.cue_choice.options]
    assert labels == list(matcher.round.options)
    assert all(c.description for c in (matcher.exercise_choice, matcher.pattern_choice, matcher.cue_choice))


def test_real_catalog_pick_right_and_wrong(catalog):
    m = CompensationMatcher(catalog)
    r = m.choose_exercise("bird-dog")
    assert m.exercise_choice.value == "bird-dog"
    match = m.pick(r.answer)
    assert match.correct and m.result() is match
    assert "1 of 1 right" in repr(m) and "Right" in m.feedback.value
    assert m.cue_choice.disabled and m.check_button.disabled
    m.choose_exercise("bird-dog")
    assert m.result() is None and not m.cue_choice.disabled
    wrong = m.pick((r.answer + 1) % len(r.options))
    assert not wrong.correct and "misconception" in m.feedback.value
    assert repr(m).endswith("wrong; 1 of 2 right)")


def test_choose_pattern_switches_exercise(catalog):
    m = CompensationMatcher(catalog)
    r = m.choose_pattern("rib_flare")
    assert r.pattern == "rib_flare" and m.pattern_choice.value == "rib_flare"
    assert m.exercise_choice.value == r.exercise


def test_dropdowns_go_through_the_controller(catalog):
    m = CompensationMatcher(catalog)
    m.exercise_choice.value = "glute-bridge"
    assert m.round.exercise == "glute-bridge"
    m.cue_choice.value = 0
    m.check_button.click()
    assert m.result() is not None


def test_bad_values_show_a_message_and_raise_nothing(matcher):
    matcher.pick(7)
    assert "choose an option" in matcher.message.value
    matcher.choose_exercise("no-such")
    assert "no exercise" in matcher.message.value
    matcher.choose_pattern("slouch")
    assert "no compensation pattern" in matcher.message.value
    matcher.check()
    assert "Choose a cue" in matcher.message.value
    matcher.pick(0)
    matcher.pick(0)
    assert "already" in matcher.message.value or "marked" in matcher.message.value


def test_text_is_escaped(matcher):
    matcher.choose_exercise("<script>")
    assert "<script>" not in matcher.message.value


def test_shows_the_halt(catalog):
    safety.halt("test")
    m = CompensationMatcher(catalog)
    assert 'role="alert"' in m.halt_notice.value

"""The session orderer, driven from Python as the browser would."""

from __future__ import annotations

import pytest

from coursekit.errors import InvalidModel
from coursekit.widgets.sequence import SessionOrderer
from factories import item, routine, synthetic_catalog


@pytest.fixture
def cat():
    return synthetic_catalog()


def backwards():
    return routine(
        item("glute-bridge", reps=10),
        item("bird-dog", reps=6, per_side=True),
        item("cat-camel", reps=8),
        item("crocodile-breathing", breaths=8),
        name="Backwards <session>",
    )


def codes(orderer):
    return [f.code for f in orderer.findings()]


def test_repr_and_findings(cat):
    orderer = SessionOrderer(backwards(), cat, figure=False)
    assert codes(orderer) == ["phase-order", "no-preparation"]
    assert repr(orderer) == "SessionOrderer('Backwards <session>', 4 items, 2 findings)"
    assert orderer._repr_mimebundle_()["text/plain"] == repr(orderer)


def test_moves_re_render_the_critique(cat):
    orderer = SessionOrderer(backwards(), cat, figure=False)
    assert "phase-order" in orderer.findings_html.value
    orderer.move(3, 0)
    orderer.move(3, 1)
    assert [it.exercise for it in orderer.routine.items] == [
        "crocodile-breathing",
        "cat-camel",
        "glute-bridge",
        "bird-dog",
    ]
    assert codes(orderer) == ["phase-order", "no-recovery"]
    orderer.move(3, 2)
    assert codes(orderer) == ["no-recovery"]
    assert "phase-order" not in orderer.findings_html.value
    assert "no-recovery" in orderer.findings_html.value
    assert repr(orderer) == "SessionOrderer('Backwards <session>', 4 items, 1 finding)"


def test_buttons_follow_the_items(cat):
    orderer = SessionOrderer(backwards(), cat, figure=False)
    label, up, down = orderer.rows[0]
    assert up.description == "Move Glute bridge up" and up.disabled
    assert down.description == "Move Glute bridge down" and not down.disabled
    down.click()  # the browser's click
    assert orderer.routine.items[1].exercise == "glute-bridge"
    assert orderer.rows[0][1].description == "Move Bird dog up"
    assert orderer.rows[-1][2].disabled
    orderer.rows[1][1].click()
    assert orderer.routine.items[0].exercise == "glute-bridge"


def test_up_and_down_at_the_ends_show_a_message(cat):
    orderer = SessionOrderer(backwards(), cat, figure=False)
    orderer.up(0)
    assert "cannot move further up" in orderer.message.value
    orderer.down(3)
    assert "cannot move further down" in orderer.message.value
    assert orderer.routine == backwards()


def test_bad_index_shows_a_message_and_raises_nothing(cat):
    orderer = SessionOrderer(backwards(), cat, figure=False)
    assert orderer.move(9, 0) is None
    assert "there is no item 9" in orderer.message.value
    orderer.move(0, 1)
    assert orderer.message.value == ""


def test_report_lists_items_and_findings(cat):
    orderer = SessionOrderer(backwards(), cat, figure=False)
    report = orderer.report()
    assert report.splitlines()[0] == "Backwards <session> (morning, plan A)"
    assert "  0. Glute bridge [strengthen]" in report
    assert "warning no-preparation" in report and "(see 05_sequencing)" in report


def test_learner_text_is_escaped(cat):
    orderer = SessionOrderer(backwards(), cat, figure=False)
    assert "Backwards &lt;session&gt;" in orderer.title.value
    assert "<session>" not in orderer.title.value


def test_figure_is_an_image_with_alt_text(cat):
    orderer = SessionOrderer(backwards(), cat, figure=True)
    assert (
        "<img" in orderer.figure.value
        and 'alt="Phase strip of Backwards &lt;session&gt;' in orderer.figure.value
    )


def test_unknown_exercise_is_refused(cat):
    with pytest.raises(InvalidModel, match="item 0"):
        SessionOrderer(routine(item("no-such-exercise")), cat)


def test_no_findings_message(cat):
    from factories import good_routine

    orderer = SessionOrderer(good_routine(), cat, figure=False)
    assert orderer.findings() == []
    assert "No findings" in orderer.findings_html.value

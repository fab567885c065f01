"""The pain-monitoring traffic light, driven from Python as the browser would."""

from __future__ import annotations

import pytest

from coursekit.errors import InvalidModel
from coursekit.widgets.pain import PainTrafficLight, Reading


def test_default_repr():
    light = PainTrafficLight()
    assert repr(light) == "PainTrafficLight(during 3, next morning 2, baseline 2: progress)"
    assert light._repr_mimebundle_()["text/plain"] == repr(light)


def test_set_changes_state_and_view():
    light = PainTrafficLight(figure=False)
    light.set(during=6, next_morning=3, baseline=2, clean=True)
    assert repr(light) == "PainTrafficLight(during 6, next morning 3, baseline 2: regress)"
    assert light.zone() == "too-high"
    assert light.step().action == "regress"
    assert "Too high" in light.light.value and "✕" in light.light.value
    assert "Regress" in light.advice.value
    assert light.during_slider.value == 6 and light.morning_slider.value == 3


def test_partial_set_keeps_the_other_values():
    light = PainTrafficLight(figure=False)
    light.set(during=4)
    light.set(clean=False)
    assert repr(light) == "PainTrafficLight(during 4, next morning 2, baseline 2: repeat)"
    assert "Acceptable" in light.light.value and "!" in light.light.value
    assert "not every rep was clean" in light.step().reason


def test_sliders_and_checkbox_call_the_controller():
    light = PainTrafficLight(figure=False)
    light.morning_slider.value = 5
    assert light.step().action == "regress"
    light.morning_slider.value = 2
    light.clean_box.value = False
    assert light.step().action == "repeat"
    light.baseline_slider.value = 0
    assert light.reading().baseline == 0 and light.step().action == "regress"


@pytest.mark.parametrize(
    "kwargs", [{"during": 11}, {"baseline": -1}, {"next_morning": 2.5}, {"clean": "yes"}]
)
def test_bad_value_shows_a_message(kwargs):
    light = PainTrafficLight(figure=False)
    assert light.set(**kwargs) is None
    assert 'role="alert"' in light.message.value
    assert repr(light) == "PainTrafficLight(during 3, next morning 2, baseline 2: progress)"
    light.set(during=2)
    assert light.message.value == ""


def test_zone_is_not_shown_by_colour_alone():
    light = PainTrafficLight(figure=False)
    for during, word, icon in [(2, "Safe", "✓"), (5, "Acceptable", "!"), (8, "Too high", "✕")]:
        light.set(during=during)
        assert word in light.light.value and icon in light.light.value


def test_figure_is_an_image_with_alt_text():
    light = PainTrafficLight(figure=True)
    assert "<img" in light.figure.value and 'alt="Pain scale' in light.figure.value


def test_every_control_has_a_description():
    light = PainTrafficLight(figure=False)
    for control in (light.during_slider, light.morning_slider, light.baseline_slider, light.clean_box):
        assert control.description


def test_reading_model_checks_its_fields():
    with pytest.raises(InvalidModel, match="during"):
        Reading(during=12, next_morning=1, baseline=1, clean=True)
    assert Reading(during=4, next_morning=1, baseline=1, clean=True).zone == "acceptable"

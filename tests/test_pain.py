"""Pain monitoring: zones, next step, weekly trend."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import coursekit.engine.pain as pain
from coursekit.engine.pain import PainTrend, Step, next_step, pain_zone, weekly_trend
from coursekit.errors import InvalidModel


@pytest.mark.parametrize(
    "n, zone",
    [(0, "safe"), (3, "safe"), (4, "acceptable"), (5, "acceptable"), (6, "too-high"), (10, "too-high")],
)
def test_pain_zone(n, zone):
    assert pain_zone(n) == zone


@pytest.mark.parametrize("bad", [-1, 11, 3.0, 2.5, True, "3", None])
def test_pain_zone_rejects_non_scores(bad):
    with pytest.raises(InvalidModel, match="pain score n"):
        pain_zone(bad)


def test_regress_when_pain_during_is_too_high():
    step = next_step(during=6, next_morning=2, baseline=2)
    assert step.action == "regress"
    assert "6/10" in step.reason and "5/10" in step.reason


def test_regress_when_next_morning_is_worse():
    step = next_step(during=3, next_morning=4, baseline=2)
    assert step.action == "regress"
    assert "Next-morning pain (4/10)" in step.reason and "usual 2/10" in step.reason
    both = next_step(during=7, next_morning=4, baseline=2)
    assert both.action == "regress" and "7/10" in both.reason and "4/10" in both.reason


def test_progress_when_everything_settles_and_reps_are_clean():
    step = next_step(during=5, next_morning=2, baseline=2)
    assert step == next_step(during=5, next_morning=2, baseline=2, clean=True)
    assert step.action == "progress"
    assert "one axis" in step.reason


def test_repeat_when_reps_were_not_clean():
    step = next_step(during=2, next_morning=1, baseline=2, clean=False)
    assert step.action == "repeat"
    assert "not every rep was clean" in step.reason


def test_regress_wins_over_unclean_reps():
    assert next_step(during=8, next_morning=2, baseline=2, clean=False).action == "regress"


@pytest.mark.parametrize("arg", ["during", "next_morning", "baseline"])
@pytest.mark.parametrize("bad", [-1, 11, 4.5, True, "4"])
def test_next_step_names_the_bad_argument(arg, bad):
    kwargs = {"during": 3, "next_morning": 2, "baseline": 2, arg: bad}
    with pytest.raises(InvalidModel, match=rf"^{arg} must be"):
        next_step(**kwargs)


def test_next_step_checks_clean_and_is_keyword_only():
    with pytest.raises(InvalidModel, match="clean"):
        next_step(during=3, next_morning=2, baseline=2, clean="yes")
    with pytest.raises(TypeError):
        next_step(3, 2, 2)  # type: ignore[misc]


def test_step_text_and_validation():
    step = next_step(during=2, next_morning=1, baseline=2, clean=False)
    assert str(step) == f"repeat: {step.reason}"
    with pytest.raises(InvalidModel, match="action"):
        Step(action="stop", reason="x")


scores = st.integers(0, 10)


@given(scores, scores, scores, st.booleans())
def test_next_step_is_total_and_follows_the_rules(during, morning, baseline, clean):
    step = next_step(during=during, next_morning=morning, baseline=baseline, clean=clean)
    if during > 5 or morning > baseline:
        expected = "regress"
    elif clean:
        expected = "progress"
    else:
        expected = "repeat"
    assert step.action == expected
    assert step.reason.endswith(".") and step.reason[0].isupper()


# -- weekly trend ----------------------------------------------------------------------

MONDAY = date(2024, 1, 1)  # ISO week 2024-W01


def week(n: int, *values: int) -> list[tuple[date, int]]:
    return [(MONDAY + timedelta(weeks=n, days=i), v) for i, v in enumerate(values)]


def test_weekly_means_by_iso_week():
    trend = weekly_trend(week(0, 2, 4) + week(1, 3, 3, 3))
    assert [(w.week, w.mean, w.days) for w in trend.weeks] == [("2024-W01", 3.0, 2), ("2024-W02", 3.0, 3)]
    assert not trend.rising


def test_two_rises_in_a_row_raise_the_flag():
    trend = weekly_trend(week(0, 2) + week(1, 3) + week(2, 4))
    assert trend.rising
    assert "Rising for 2 weeks in a row (2.0 -> 3.0 -> 4.0)" in trend.text


def test_one_rise_or_an_old_rise_does_not():
    assert not weekly_trend(week(0, 2) + week(1, 3)).rising
    assert not weekly_trend(week(0, 2) + week(1, 3) + week(2, 3)).rising
    assert not weekly_trend(week(0, 1) + week(1, 2) + week(2, 3) + week(3, 1)).rising  # fell since


def test_trend_text_is_a_heuristic_not_a_diagnosis():
    for trend in (weekly_trend([]), weekly_trend(week(0, 2) + week(1, 3) + week(2, 4))):
        assert "teaching heuristic, not a diagnosis" in trend.text
        assert str(trend) == trend.text
    assert isinstance(weekly_trend([]), PainTrend)
    assert weekly_trend([]).weeks == ()


def test_trend_accepts_strings_and_datetimes_in_any_order():
    entries = [("2024-01-09", 4), (datetime(2024, 1, 2, 7, 30), 2)]
    assert [w.week for w in weekly_trend(entries).weeks] == ["2024-W01", "2024-W02"]


def test_trend_names_the_bad_entry():
    with pytest.raises(InvalidModel, match=r"entries\[1\]: next-morning pain must be"):
        weekly_trend([(MONDAY, 2), (MONDAY, 12)])
    with pytest.raises(InvalidModel, match=r"entries\[0\]: date"):
        weekly_trend([("yesterday", 2)])
    with pytest.raises(InvalidModel, match=r"entries\[0\]: must be a \(date, pain\) pair"):
        weekly_trend([MONDAY])


def test_module_cites_the_source_and_its_limits():
    doc = pain.__doc__
    assert "silbernagel2007" in doc
    assert "not** in back pain" in doc or "not in back pain" in doc

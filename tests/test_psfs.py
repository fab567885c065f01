"""The patient-specific functional scale method: activities, mean, change beyond error."""

from __future__ import annotations

import pytest

import coursekit.engine.psfs as psfs
from coursekit.engine.psfs import PSFS, Activity, change
from coursekit.errors import InvalidModel

BEFORE = PSFS.from_scores({"Lifting my toddler": 3, "Sitting through a film": 4, "Gardening": 2})


def test_mean_and_text():
    assert BEFORE.mean == 3.0
    assert BEFORE.score("lifting  my TODDLER") == 3
    assert str(BEFORE) == (
        "PSFS mean 3.0/10 over 3 activities\n  Lifting my toddler: 3/10\n"
        "  Sitting through a film: 4/10\n  Gardening: 2/10"
    )
    assert repr(BEFORE) == "PSFS(mean 3.0, 3 activities)"
    assert PSFS.from_scores([("a", 1), ("b", 2), ("c", 2)]).mean == 1.67


@pytest.mark.parametrize(
    "scores, match",
    [
        ({"a": 1, "b": 2}, "3 to 5 activities"),
        ({c: 1 for c in "abcdef"}, "3 to 5 activities"),
        ({"a": 1, "b": 2, "c": 11}, "between 0 and 10"),
        ({"a": 1, "b": 2, "c": 2.5}, "whole number"),
        ({"a": 1, "b": 2, "c": True}, "whole number"),
        ({"a": 1, "b": 2, " ": 3}, "non-empty"),
    ],
)
def test_validation(scores, match):
    with pytest.raises(InvalidModel, match=match):
        PSFS.from_scores(scores)


def test_duplicate_activities_are_rejected():
    with pytest.raises(InvalidModel, match="listed twice"):
        PSFS(
            activities=(
                Activity(name="Walking", score=2),
                Activity(name="walking", score=3),
                Activity(name="Stairs", score=4),
            )
        )


def test_change_of_two_points_on_the_mean_exceeds_error():
    after = PSFS.from_scores({"Lifting my toddler": 5, "Sitting through a film": 6, "Gardening": 4})
    c = change(BEFORE, after)
    assert (c.before_mean, c.after_mean, c.difference, c.exceeds_error) == (3.0, 5.0, 2.0, True)
    assert "likely a real improvement [psfs]" in c.text
    assert all(not a.exceeds_error for a in c.activities)  # +2 on one activity is within its error


def test_smaller_change_is_within_error():
    after = PSFS.from_scores({"Lifting my toddler": 4, "Sitting through a film": 5, "Gardening": 4})
    c = change(BEFORE, after)
    assert c.difference == pytest.approx(1.33)
    assert not c.exceeds_error
    assert "within the measurement error of about 2 points" in str(c)


def test_single_activity_needs_three_points():
    after = PSFS.from_scores({"Lifting my toddler": 6, "Sitting through a film": 4, "Gardening": 2})
    c = change(BEFORE, after)
    assert not c.exceeds_error
    toddler = c.activities[0]
    assert (toddler.difference, toddler.exceeds_error) == (3, True)
    assert str(toddler) == (
        "Lifting my toddler: 3 → 6 (+3), beyond the error of about 3 points for one activity"
    )


def test_worsening_is_reported_too():
    after = PSFS.from_scores({"Lifting my toddler": 1, "Sitting through a film": 1, "Gardening": 1})
    assert "real worsening" in change(BEFORE, after).text


def test_change_needs_the_same_activities():
    other = PSFS.from_scores({"Lifting my toddler": 3, "Running": 4, "Gardening": 2})
    with pytest.raises(InvalidModel, match="only before: Sitting through a film; only after: Running"):
        change(BEFORE, other)
    with pytest.raises(InvalidModel, match="after must be a PSFS"):
        change(BEFORE, {"a": 1})


def test_own_wording_and_citation():
    assert "psfs" in psfs.__doc__
    assert psfs.INSTRUCTIONS.startswith("Name three to five everyday activities")

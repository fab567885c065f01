"""Effort and reps in reserve; the clean-rep set explorer."""

from __future__ import annotations

import pytest

import coursekit.engine.effort as effort
from coursekit.engine.effort import MIN_RESERVE, clean_set, effort_from_reserve, reps_in_reserve
from coursekit.errors import InvalidModel


@pytest.mark.parametrize("score, reserve", [(10, 0), (8, 2), (7, 3), (9.5, 0.5)])
def test_reps_in_reserve(score, reserve):
    assert reps_in_reserve(score) == reserve
    assert effort_from_reserve(reserve) == score


@pytest.mark.parametrize("bad", [-1, 11, True, "8", None])
def test_effort_must_be_a_score(bad):
    with pytest.raises(InvalidModel, match="effort"):
        reps_in_reserve(bad)


def test_stop_at_the_last_clean_rep():
    advice = clean_set([True] * 6 + [False, True])
    assert (advice.stop_after, advice.total_reps, advice.frayed_at, advice.fault) == (6, 8, 7, "frayed")
    assert advice.extra_reps == 2
    assert str(advice) == (
        "Stop after rep 6 of 8: on rep 7 technique frayed; the reps after that add "
        "volume, not skill. Count 6 clean reps."
    )


def test_named_compensations_are_quality_flags():
    advice = clean_set(["clean", "clean", "clean", "rib_flare", "clean"])
    assert (advice.stop_after, advice.fault) == (3, "rib_flare")
    assert "rib flare showed" in advice.reason


def test_stop_before_the_reserve_runs_out():
    advice = clean_set([True] * 10, capacity=10)
    assert MIN_RESERVE == 2
    assert (advice.stop_after, advice.reserve_left) == (8, 2)
    assert "fewer than 2 in reserve" in advice.reason and "teaching heuristic" in advice.reason
    assert clean_set([True] * 10, capacity=10, keep_in_reserve=3).stop_after == 7


def test_the_earlier_limit_wins():
    assert clean_set([True] * 4 + [False], capacity=12).stop_after == 4
    assert clean_set([True] * 9 + [False], capacity=10).stop_after == 8


def test_all_clean():
    assert (
        clean_set([True] * 5).reason
        == "all 5 reps were clean; add a rep next time if effort stayed at 8 or below."
    )
    assert clean_set([True] * 5, capacity=10).reason.endswith("with 5 in reserve; add a rep next time.")
    assert clean_set([True] * 8, capacity=10).reason.endswith("with 2 in reserve; keep this length for now.")


@pytest.mark.parametrize(
    "reps, kw, match",
    [
        ([], {}, "at least one rep"),
        ("clean", {}, "at least one rep"),
        ([True, "wobbly"], {}, r"reps\[1\]"),
        ([True], {"capacity": 0}, "capacity"),
        ([True], {"keep_in_reserve": 9}, "keep_in_reserve"),
    ],
)
def test_bad_input(reps, kw, match):
    with pytest.raises(InvalidModel, match=match):
        clean_set(reps, **kw)


def test_docstring_cites_rir_and_labels_the_heuristic():
    assert "[rir]" in effort.__doc__ and "teaching heuristic" in effort.__doc__

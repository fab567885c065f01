"""The breath-pattern figure: data first, draws on the given Axes, labelled."""

from __future__ import annotations

import pytest

from coursekit import plots
from coursekit.engine.breath import breath_plan


@pytest.fixture(autouse=True)
def _close(close_figures):
    yield


def test_one_bar_per_phase_on_each_track():
    plan = breath_plan("3-1-2-0", 8)
    ax = plots.breath_pattern(plan)
    # 3 non-zero parts per rep, drawn once on the breath track and once on the tempo track
    assert len(ax.patches) == 2 * 3 * 8
    assert ax.get_xlabel() == "Time in the set (s)"
    assert ax.get_ylabel()
    assert "3-1-2-0" in ax.get_title()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["tempo part", "breath"]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:2] == ["inhale", "exhale"] and "lowering" in labels


def test_draws_on_the_given_axes_and_returns_it():
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert plots.breath_pattern(breath_plan("2-1-2-1", 3), ax=ax) is ax
    assert len(ax.patches) == 2 * 4 * 3


def test_max_reps_shows_the_first_reps_only():
    ax = plots.breath_pattern(breath_plan("3-1-2-0", 8), max_reps=2)
    assert len(ax.patches) == 2 * 3 * 2
    assert ax.get_xlim()[1] == 12
    assert "first 2 of 8" in ax.get_title()


def test_needs_a_breath_plan():
    with pytest.raises(TypeError, match="BreathPlan"):
        plots.breath_pattern("3-1-2-0")

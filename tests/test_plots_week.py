"""The weekly load chart."""

from __future__ import annotations

import pytest

from coursekit.errors import InvalidModel
from coursekit.plots.week import KIND_COLOURS, week_bars, week_load

ROWS = [
    {"day": "Mon", "kind": "demanding", "sessions": 1, "minutes": 18.3, "load": 15.0},
    {"day": "Tue", "kind": "light", "sessions": 1, "minutes": 5.3, "load": 4.2},
    {"day": "Wed", "kind": "flare-up", "sessions": 1, "minutes": 7.2, "load": 5.8},
    {"day": "Thu", "kind": "rest", "sessions": 0, "minutes": 0.0, "load": 0.0},
]


def test_week_bars_reads_rows_and_frames():
    import pandas as pd

    bars = week_bars(ROWS)
    assert [b.kind for b in bars] == ["demanding", "light", "flare-up", "rest"]
    assert week_bars(pd.DataFrame(ROWS)) == bars


def test_week_bars_rejects_bad_tables():
    with pytest.raises(InvalidModel, match="load is missing"):
        week_bars([{"day": "Mon", "kind": "light", "minutes": 3}])
    with pytest.raises(InvalidModel, match="kind"):
        week_bars([{"day": "Mon", "kind": "heavy", "minutes": 3, "load": 1}])
    with pytest.raises(InvalidModel):
        week_bars("Mon")


def test_week_load_draws_a_bar_per_day(close_figures):
    import matplotlib.colors as mc

    ax = week_load(ROWS)
    assert len(ax.patches) == 4
    assert mc.to_hex(ax.patches[0].get_facecolor()) == KIND_COLOURS["demanding"].lower()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Mon", "Tue", "Wed", "Thu"]
    assert ax.get_xlabel() == "day" and ax.get_ylabel() == "minutes of exercise"
    texts = [t.get_text() for t in ax.texts]
    assert "load 15" in texts and "rest" in texts
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["demanding day", "lighter day", "flare-up day (plan B)", "rest / active recovery"]
    assert ax.get_title() == "Weekly load: 31 min, 25 load-minutes"


def test_week_load_uses_the_given_axes_and_the_planner_table(catalog, close_figures):
    import matplotlib.pyplot as plt

    from coursekit.planner import plan_week, weekly_load
    from coursekit.widgets.week import example_wardrobe

    plan = plan_week(example_wardrobe(catalog), catalog, days=["Mon", "Wed", "Fri"])
    fig, ax = plt.subplots()
    assert week_load(weekly_load(plan, catalog), ax=ax, annotate=False) is ax
    assert len(ax.patches) == 7 and not ax.texts

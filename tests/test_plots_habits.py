"""plots.adherence: days practised vs the target line, or minutes vs the 10-20 band."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from coursekit import plots  # noqa: E402
from coursekit.engine.habits import TARGET_DAYS, adherence, example_log  # noqa: E402

WEEKS = adherence(
    [
        ("2026-01-05", 10),
        ("2026-01-06", 12),
        ("2026-01-07", 11),
        ("2026-01-08", 10),
        ("2026-01-09", 15),
        ("2026-01-13", 5),
    ]
)


@pytest.fixture(autouse=True)
def _close(close_figures):
    yield


def test_days_view_bars_and_target_line():
    _, ax = plt.subplots()
    out = plots.adherence(WEEKS, ax=ax)
    assert out is ax
    assert len(ax.patches) == 2
    assert [p.get_height() for p in ax.patches] == [5, 1]
    assert [p.get_hatch() for p in ax.patches] == [None, "//"] or [p.get_hatch() for p in ax.patches] == [
        "",
        "//",
    ]
    assert any(line.get_ydata()[0] == TARGET_DAYS for line in ax.get_lines())
    assert ax.get_xlabel() == "ISO week" and ax.get_ylabel() == "Days practised"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["W02", "W03"]


def test_minutes_view_and_band():
    ax = plots.adherence(WEEKS.weeks, view="minutes")
    heights = [p.get_height() for p in ax.patches if p.get_height() > 0 and p.get_width() < 1]
    assert heights == [11.6, 5.0]
    assert ax.get_ylabel() == "Minutes per practised day"
    assert "10-20" in ax.get_legend().get_texts()[0].get_text()


def test_bad_view_and_empty():
    with pytest.raises(ValueError, match="view"):
        plots.adherence(WEEKS, view="hours")
    ax = plots.adherence(adherence([]))
    assert len(ax.patches) == 0 and ax.get_ylabel()


def test_seeded_log_draws_every_week():
    a = adherence(example_log(1))
    ax = plots.adherence(a)
    assert len(ax.patches) == len(a.weeks)

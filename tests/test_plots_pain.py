"""The pain-zone and pain-trend figures."""

from __future__ import annotations

import pytest

from coursekit import plots
from coursekit.errors import InvalidModel
from coursekit.plots.style import ZONE_COLOURS


@pytest.fixture(autouse=True)
def _close(close_figures):
    yield


def test_pain_zones_draws_eleven_cells_coloured_by_zone():
    from matplotlib.colors import to_hex

    ax = plots.pain_zones({"during": 4, "next morning": 2})
    assert len(ax.patches) == 11
    colours = [to_hex(p.get_facecolor()).lower() for p in ax.patches]
    assert colours[3] == ZONE_COLOURS["safe"].lower()
    assert colours[4] == colours[5] == ZONE_COLOURS["acceptable"].lower()
    assert colours[6] == ZONE_COLOURS["too-high"].lower()
    assert ax.patches[6].get_hatch() == "xx"
    assert "Pain score" in ax.get_xlabel() and ax.get_ylabel() == "Zone"
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["during: 4", "next morning: 2"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "safe (0-3)",
        "acceptable (4-5)",
        "too high (6-10)",
    ]


def test_pain_zones_accepts_a_list_and_an_axes():
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert plots.pain_zones([1, 7], ax=ax) is ax
    assert [t.get_text() for t in ax.texts] == ["1: 1", "7: 7"]


def test_pain_zones_rejects_bad_scores():
    with pytest.raises(InvalidModel):
        plots.pain_zones({"during": 12})


ENTRIES = [
    ("2024-03-04", 2),
    ("2024-03-06", 2),
    ("2024-03-08", 3),
    ("2024-03-11", 2),
    ("2024-03-13", 3),
    ("2024-03-15", 3),
    ("2024-03-18", 3),
    ("2024-03-20", 4),
    ("2024-03-22", 4),
]


def test_pain_trend_draws_days_and_weekly_means():
    ax = plots.pain_trend(ENTRIES)
    lines = ax.get_lines()
    assert len(lines) == 1 + 3  # the daily dots, then one line per week
    assert list(lines[0].get_ydata()) == [s for _, s in ENTRIES]
    assert lines[3].get_ydata()[0] == pytest.approx(3.67)
    assert "rising 2 weeks in a row" in ax.get_title() and "teaching heuristic" in ax.get_title()
    assert ax.get_xlabel() == "Day" and "Pain" in ax.get_ylabel()


def test_pain_trend_not_rising():
    ax = plots.pain_trend(list(reversed(ENTRIES)))  # order does not matter
    assert "rising 2 weeks" in ax.get_title()
    falling = [("2024-03-04", 4), ("2024-03-11", 3), ("2024-03-18", 2)]
    assert "not rising" in plots.pain_trend(falling).get_title()


def test_pain_trend_rejects_bad_entries():
    with pytest.raises(InvalidModel):
        plots.pain_trend([("2024-03-04", 11)])

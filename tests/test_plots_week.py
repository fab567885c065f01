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

    from coursekit.engine.planner import plan_week, weekly_load
    from coursekit.widgets.week import example_wardrobe

    plan = plan_week(example_wardrobe(catalog), catalog, days=["Mon", "Wed", "Fri"])
    fig, ax = plt.subplots()
    assert week_load(weekly_load(plan, catalog), ax=ax, annotate=False) is ax
    assert len(ax.patches) == 7 and not ax.texts


# -- the SVG chart (what the wardrobe and the week planner show live)

SVG_NS = {"svg": "http://www.w3.org/2000/svg"}


def _svg_root(text: str):
    import xml.etree.ElementTree as ET

    return ET.fromstring(text)


def test_week_load_svg_draws_a_bar_per_day_with_minutes():
    from coursekit.plots.week import week_load_alt, week_load_svg

    text = week_load_svg(ROWS)
    root = _svg_root(text)
    assert root.get("role") == "img" and root.get("aria-label") == week_load_alt(ROWS)
    assert root.find("svg:title", SVG_NS).text == week_load_alt(ROWS)
    days = root.findall(".//svg:rect[@class='day']", SVG_NS)
    assert len(days) == 3  # the rest day has no minutes, so no bar, and says "rest"
    heights = [float(r.get("height")) for r in days]
    assert heights[0] > heights[2] > heights[1]  # 18.3 > 7.2 > 5.3 minutes
    words = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "load 15" in words and "rest" in words and "Mon" in words and "Thu" in words
    assert "Weekly load: 31 min, 25 load-minutes" in words
    legend = [w for w in words if w and w.endswith(("day", "(plan B)", "recovery"))]
    assert legend == ["demanding day", "lighter day", "flare-up day (plan B)", "rest / active recovery"]
    assert "Mon demanding day, 18.3 min, load 15" in week_load_alt(ROWS)


def test_week_load_svg_is_deterministic_and_escapes_text():
    from coursekit.plots.week import week_load_svg

    assert week_load_svg(ROWS) == week_load_svg(ROWS)
    text = week_load_svg(ROWS, title="<b>mine</b> & yours", id_prefix="w1")
    assert "<b>" not in text and "&lt;b&gt;mine&lt;/b&gt; &amp; yours" in text
    assert 'id="w1-demanding"' in text and "url(#w1-light)" in text
    _svg_root(text)


@pytest.mark.parametrize(
    "kwargs, match",
    [({"width": 100}, "width"), ({"height": 5}, "height"), ({"id_prefix": "1bad"}, "id_prefix")],
)
def test_week_load_svg_rejects_bad_sizes(kwargs, match):
    from coursekit.plots.week import week_load_svg

    with pytest.raises(InvalidModel, match=match):
        week_load_svg(ROWS, **kwargs)


def test_week_load_svg_needs_no_matplotlib():
    import subprocess
    import sys

    code = (
        "import sys\nfrom coursekit.plots.week import week_load_svg\n"
        f"week_load_svg({ROWS!r})\n"
        "print('matplotlib' in sys.modules, 'pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.split() == ["False", "False"]

"""plots.ladder: rungs as boxes bottom to top, axis labels on edges, current rung bold."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from tests.factories import synthetic_catalog  # noqa: E402

from coursekit import plots  # noqa: E402
from coursekit.plots.ladders import ladder, ladder_layout  # noqa: E402

CAT = synthetic_catalog()


@pytest.fixture(autouse=True)
def _close(close_figures):
    yield


def test_layout_levels_and_edges():
    layout = ladder_layout(CAT, "sit-to-stand")
    assert layout.rungs == ("sit-to-stand", "goblet-squat")
    assert layout.level == {"sit-to-stand": 0, "goblet-squat": 1}
    assert layout.edges == (("sit-to-stand", "goblet-squat", "load"),)


def test_draws_one_box_per_rung_with_axis_labels():
    _, ax = plt.subplots()
    out = ladder(CAT, "dead-bug", ax=ax)
    assert out is ax
    boxes = [p for p in ax.patches if p.get_gid() in ("dead-bug", "bird-dog")]
    assert len(boxes) == 2
    texts = [t.get_text() for t in ax.texts]
    assert "position" in texts
    assert any("Dead bug" in t for t in texts)
    assert ax.get_xlabel() and ax.get_ylabel() == "Rung (easiest at the bottom)"
    assert ax.get_title() == "Progression ladder of Dead bug"


def test_current_rung_is_highlighted():
    _, ax = plt.subplots()
    ladder(CAT, "dead-bug", ax=ax, current="bird-dog")
    widths = {p.get_gid(): p.get_linewidth() for p in ax.patches if p.get_gid()}
    assert widths["bird-dog"] > widths["dead-bug"]
    assert any(t.get_text().startswith("▶ Bird dog") for t in ax.texts)


def test_single_rung_and_new_axes():
    ax = ladder(CAT, "wall-slide")
    assert len([p for p in ax.patches if p.get_gid()]) == 1
    assert ax.figure is not None


def test_reexported_and_callable_through_the_package():
    ax = plots.ladder(CAT, "dead-bug", title="My ladder")
    assert ax.get_title() == "My ladder"


def test_unknown_exercise_raises_key_error():
    with pytest.raises(KeyError, match="nope"):
        ladder(CAT, "nope")

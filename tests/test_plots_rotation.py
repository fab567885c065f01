"""plots.rotation_grid: a filled square per (day, family) used, labelled axes."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from tests.factories import synthetic_catalog  # noqa: E402

from coursekit import plots  # noqa: E402
from coursekit.engine.rotation import weekly_rotation  # noqa: E402

CAT = synthetic_catalog()
CAPSULE = ["crocodile-breathing", "cat-camel", "bird-dog", "glute-bridge", "sit-to-stand", "split-squat"]


@pytest.fixture(autouse=True)
def _close(close_figures):
    yield


def test_one_filled_square_per_session_item():
    r = weekly_rotation(CAPSULE, CAT, days=["Mon", "Wed", "Fri"], per_day=2)
    _, ax = plt.subplots()
    out = plots.rotation_grid(r, ax=ax)
    assert out is ax
    filled = [p for p in ax.patches if p.get_gid()]
    assert len(filled) == 6
    assert len(ax.patches) == 3 * 6  # every cell drawn, empty ones dotted
    assert {p.get_gid() for p in filled} == {f"{d.day}:{f}" for d in r.days for f in d.families}


def test_labels_and_ticks():
    r = weekly_rotation(CAPSULE, CAT, days=["Tue", "Thu"], per_day=3)
    ax = plots.rotation_grid(r)
    assert ax.get_xlabel() == "Training day" and ax.get_ylabel() == "Movement family"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Tue", "Thu"]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "breathing"
    assert "6 of 6 families" in ax.get_title()
    assert any(t.get_text() == "bird-dog" for t in ax.texts)


def test_title_can_be_set():
    r = weekly_rotation(CAPSULE, CAT, days=["Mon"], per_day=1)
    assert plots.rotation_grid(r, title="Week 1").get_title() == "Week 1"

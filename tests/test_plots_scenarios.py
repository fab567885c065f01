"""plots.transfer_coverage: one bar per daily task, counts at the bar ends."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from tests.factories import make_exercise  # noqa: E402

from coursekit import plots  # noqa: E402
from coursekit.content import enums  # noqa: E402
from coursekit.content.catalog import Catalog  # noqa: E402

CAT = Catalog(
    [make_exercise("a", transfers=("lifting", "bending")), make_exercise("b", transfers=("lifting",))]
)


@pytest.fixture(autouse=True)
def _close(close_figures):
    yield


def test_one_bar_per_task_with_counts():
    _, ax = plt.subplots()
    out = plots.transfer_coverage(CAT, ax=ax)
    assert out is ax
    assert len(ax.patches) == len(enums.TRANSFERS)
    widths = {t.get_text(): p.get_width() for t, p in zip(ax.get_yticklabels(), ax.patches)}
    assert widths["lifting"] == 2 and widths["bending"] == 1 and widths["walking"] == 0
    assert sorted(t.get_text() for t in ax.texts) == sorted(["2", "0", "0", "0", "0", "1", "0", "0", "0"])
    assert ax.get_xlabel() == "Number of exercises" and ax.get_ylabel() == "Daily task"


def test_highlight_marks_one_bar():
    ax = plots.transfer_coverage(CAT, highlight="bending")
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 1
    assert ax.get_title()


def test_real_catalog_draws(catalog):
    ax = plots.transfer_coverage(catalog)
    assert sum(p.get_width() for p in ax.patches) == sum(len(e.transfers) for e in catalog)

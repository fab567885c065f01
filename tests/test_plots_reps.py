"""rep_quality: one bar per rep, clean vs frayed, a stop line."""

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402

from coursekit import plots  # noqa: E402
from coursekit.errors import InvalidModel  # noqa: E402
from coursekit.plots.reps import CLEAN_COLOUR, FRAYED_HATCH  # noqa: E402

pytestmark = pytest.mark.usefixtures("close_figures")


def test_one_bar_per_rep_and_a_stop_line():
    ax = plots.rep_quality([True] * 8 + [False] * 4)
    assert len(ax.patches) == 12
    assert [p.get_hatch() for p in ax.patches].count(FRAYED_HATCH) == 4
    assert matplotlib.colors.to_hex(ax.patches[0].get_facecolor()) == CLEAN_COLOUR.lower()
    assert ax.lines[0].get_xdata()[0] == 8.5
    assert ax.get_xlabel() == "Rep number" and ax.get_ylabel() and ax.get_title() == "8 clean reps of 12"


def test_efforts_set_heights_and_given_axes():
    import matplotlib.pyplot as plt

    _, given = plt.subplots()
    ax = plots.rep_quality([True, True, True], efforts=[5, 6, 8], ax=given)
    assert ax is given
    assert [p.get_height() for p in ax.patches] == [5, 6, 8]
    assert ax.get_ylabel() == "Effort (0-10)"


def test_capacity_moves_the_stop():
    ax = plots.rep_quality([True] * 10, capacity=10)
    assert ax.lines[0].get_xdata()[0] == 8.5


def test_bad_input_raises():
    with pytest.raises(InvalidModel):
        plots.rep_quality([True, True], efforts=[5])
    with pytest.raises(InvalidModel):
        plots.rep_quality([])

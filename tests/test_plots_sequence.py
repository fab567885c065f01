"""The phase strip of a routine."""

from __future__ import annotations

import pytest

from coursekit import plots
from coursekit.errors import InvalidModel
from coursekit.plots.style import PHASE_COLOURS, PHASE_HATCHES
from factories import good_routine, item, routine, synthetic_catalog


@pytest.fixture(autouse=True)
def _close(close_figures):
    yield


def test_one_block_per_item_in_order():
    from matplotlib.colors import to_hex

    cat = synthetic_catalog()
    r = good_routine()
    ax = plots.phase_strip(r, cat)
    assert len(ax.patches) == len(r.items)
    phases = [it.phase_in(cat) for it in r.items]
    for patch, phase in zip(ax.patches, phases):
        assert to_hex(patch.get_facecolor()).lower() == PHASE_COLOURS[phase].lower()
        assert patch.get_hatch() in (PHASE_HATCHES[phase], None) or not PHASE_HATCHES[phase]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["soften", "organize", "strengthen"]
    assert ax.get_xlabel() and ax.get_ylabel() == "Phase"
    assert "Test routine" in ax.get_title()
    assert ax.texts[0].get_text().replace("\n", " ") == cat[r.items[0].exercise].name


def test_item_phase_overrides_the_catalog():
    from matplotlib.colors import to_hex

    cat = synthetic_catalog()
    r = routine(item("glute-bridge", phase="organize"))
    ax = plots.phase_strip(r, cat, labels=False)
    assert to_hex(ax.patches[0].get_facecolor()).lower() == PHASE_COLOURS["organize"].lower()
    assert ax.texts == [] or len(ax.texts) == 0


def test_draws_on_the_given_axes():
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert plots.phase_strip(good_routine(), synthetic_catalog(), ax=ax) is ax


def test_unknown_exercise_names_the_item():
    with pytest.raises(InvalidModel, match="item 0"):
        plots.phase_strip(routine(item("no-such-exercise")), synthetic_catalog())


def test_needs_a_routine():
    with pytest.raises(TypeError, match="Routine"):
        plots.phase_strip({"items": []}, synthetic_catalog())

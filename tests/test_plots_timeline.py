"""The routine and tempo timelines: pure segments, then drawn artists."""

from __future__ import annotations

import pytest

from coursekit.errors import InvalidModel
from coursekit.plots import timeline
from coursekit.plots._style import PHASE_COLOURS
from coursekit.routines import TRANSITION_S
from coursekit.tempo import Tempo
from factories import IDS, good_routine, item, routine, synthetic_catalog

CAT = synthetic_catalog()


def test_module_imports_no_matplotlib():
    import subprocess
    import sys

    code = "import sys, coursekit.plots.timeline; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "False"


def test_segments_add_up_to_the_routine_duration():
    r = good_routine()
    segs = timeline.routine_segments(r, CAT)
    assert segs[-1].end_s == pytest.approx(r.duration_s(CAT))
    assert sum(s.duration_s for s in segs) == pytest.approx(r.duration_s(CAT))
    for a, b in zip(segs, segs[1:]):
        assert a.end_s == b.start_s


def test_segments_kinds_phases_and_transitions():
    r = routine(
        item("crocodile-breathing", breaths=8), item("bird-dog", sets=2, reps=6, per_side=True, rest_s=30)
    )
    segs = timeline.routine_segments(r, CAT)
    assert [s.kind for s in segs] == ["work", "transition", "work", "rest", "work"]
    index, kind, start, end, phase = segs[1]  # unpacks like a tuple
    assert (index, kind, end - start, phase) == (1, "transition", TRANSITION_S, None)
    assert segs[0].phase == "soften" and segs[2].phase == "organize"
    # bird-dog: 6 reps × 3-1-2-1 (7 s) × 2 sides per set
    assert segs[2].duration_s == 6 * 7 * 2
    assert segs[3].duration_s == 30


def test_item_phase_overrides_the_catalog_phase():
    r = routine(item("glute-bridge", reps=8, phase="organize"))
    assert timeline.routine_segments(r, CAT)[0].phase == "organize"


def test_empty_routine_has_no_segments_and_unknown_exercise_is_named():
    assert timeline.routine_segments(routine(), CAT) == []
    with pytest.raises(InvalidModel, match="item 0"):
        timeline.routine_segments(routine(item("no-such-thing", reps=5)), CAT)


def test_tempo_segments_match_time_under_tension():
    segs = timeline.tempo_segments("3-1-2-0", 8)
    assert sum(s.duration_s for s in segs) == Tempo.parse("3-1-2-0").time_under_tension(8) == 48
    assert {s.part for s in segs} == {"eccentric", "bottom", "concentric"}  # 0 s top left out
    assert segs[-1].rep == 8
    both = timeline.tempo_segments("2-0-X-0", 10, per_side=True)
    assert sum(s.duration_s for s in both) == 60
    assert {s.side for s in both} == {1, 2}
    assert any(s.explosive for s in both)


def test_tempo_segments_reject_bad_input():
    with pytest.raises(InvalidModel):
        timeline.tempo_segments("3-1-2", 8)
    with pytest.raises(InvalidModel):
        timeline.tempo_segments("3-1-2-0", -1)


def test_routine_timeline_draws_one_bar_per_segment(close_figures):
    r = good_routine()
    ax = timeline.routine_timeline(r, CAT)
    assert len(ax.patches) == len(timeline.routine_segments(r, CAT))
    assert ax.get_xlabel() == "minutes"
    assert ax.get_title().startswith("Test routine")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "1. Crocodile breathing" and len(labels) == 5
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"soften", "organize", "strengthen", "rest", "transition"} <= set(legend)


def test_routine_timeline_work_bars_use_phase_colours(close_figures):
    import matplotlib.colors as mc

    ax = timeline.routine_timeline(routine(item("glute-bridge", reps=8)), CAT)
    (bar,) = ax.patches
    assert mc.to_hex(bar.get_facecolor()) == PHASE_COLOURS["strengthen"].lower()
    assert bar.get_hatch() == "xx"


@pytest.mark.parametrize("n", [0, 1, 20])
def test_routine_timeline_handles_empty_one_and_twenty_items(n, close_figures):
    ids = [i for i in IDS if CAT[i].dose.type == "reps"]
    items = [item(ids[k % len(ids)], reps=6) for k in range(n)]
    ax = timeline.routine_timeline(routine(*items), CAT)
    assert len(ax.get_yticks()) == n
    assert ax.get_xlabel() == "minutes"
    if n == 0:
        assert "No exercises yet" in " ".join(t.get_text() for t in ax.texts)
    ax.figure.canvas.draw()  # lays out without error


def test_routine_timeline_draws_on_the_given_axes(close_figures):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 2.5))
    assert timeline.routine_timeline(good_routine(), CAT, ax=ax, title="Card") is ax
    assert ax.get_title() == "Card"


def test_long_names_are_shortened(close_figures):
    from coursekit.catalog import Catalog
    from factories import make_exercise

    cat = Catalog([make_exercise("long-one", name="A very long exercise name that goes on and on")])
    ax = timeline.routine_timeline(routine(item("long-one", reps=5)), cat)
    assert ax.get_yticklabels()[0].get_text().endswith("…")


def test_tempo_timeline_parts_and_legend(close_figures):
    ax = timeline.tempo_timeline("3-1-2-0", 8)
    assert len(ax.patches) == 8 * 3
    assert ax.get_xlabel() == "seconds"
    assert ax.get_ylabel() == "set"
    assert ax.get_title() == "Tempo 3-1-2-0 × 8: 48 s under tension"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "eccentric (lowering): 3 s",
        "pause at the bottom: 1 s",
        "concentric (lifting): 2 s",
        "pause at the top: 0 s",
    ]
    colours = {p.get_facecolor() for p in ax.patches}
    assert len(colours) == 3


def test_tempo_timeline_per_side_and_explosive(close_figures):
    ax = timeline.tempo_timeline(Tempo.parse("2-0-X-0"), 10, per_side=True)
    assert len(ax.patches) == 2 * 10 * 2
    assert ax.get_ylabel() == "side"
    assert "X" in [t.get_text() for t in ax.texts]
    assert ax.get_xlim()[1] == 60

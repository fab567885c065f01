"""The routine and tempo timelines: pure segments, then drawn artists."""

from __future__ import annotations

import pytest

from coursekit.content.tempo import Tempo
from coursekit.engine.routines import TRANSITION_S
from coursekit.errors import InvalidModel
from coursekit.plots import timeline
from coursekit.plots.style import PHASE_COLOURS
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
    from coursekit.content.catalog import Catalog
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


# -- the SVG timeline (the routine builder's live view) -------------------------------------

SVG_NS = {"svg": "http://www.w3.org/2000/svg"}
XSS = "<img src=x onerror=alert(1)>"


def _svg(r, **kwargs):
    import xml.etree.ElementTree as ET

    text = timeline.routine_timeline_svg(r, CAT, **kwargs)
    return text, ET.fromstring(text)


def _texts(root):
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_svg_has_one_bar_per_work_segment_and_lighter_rest_and_transitions():
    r = good_routine()
    text, root = _svg(r)
    assert text.startswith("<svg") and text.endswith("</svg>")
    segs = timeline.routine_segments(r, CAT)
    by_kind = {k: [s for s in segs if s.kind == k] for k in timeline.SEGMENT_KINDS}
    for kind in timeline.SEGMENT_KINDS:
        assert len(root.findall(f".//svg:rect[@class='{kind}']", SVG_NS)) == len(by_kind[kind])
    work = root.findall(".//svg:rect[@class='work']", SVG_NS)
    rest = root.findall(".//svg:rect[@class='rest']", SVG_NS)
    transition = root.findall(".//svg:rect[@class='transition']", SVG_NS)
    assert rest and transition
    # rest and transitions are thinner than work bars and drawn in pale / grey
    assert max(float(b.get("height")) for b in rest + transition) < min(float(b.get("height")) for b in work)
    assert {b.get("fill") for b in rest} == {timeline.REST_COLOUR}
    assert {b.get("fill") for b in transition} == {timeline.TRANSITION_COLOUR}
    # bars sit left to right in time order and stay inside the svg
    xs = [float(b.get("x")) for b in work]
    assert xs == sorted(xs) and max(float(b.get("x")) + float(b.get("width")) for b in work) <= 720


def test_svg_work_bars_use_phase_colours_and_patterns():
    from coursekit.plots.style import PHASE_HATCHES

    r = good_routine()
    text, root = _svg(r)
    patterns = {p.get("id"): p for p in root.findall(".//svg:pattern", SVG_NS)}
    work = root.findall(".//svg:rect[@class='work']", SVG_NS)
    phases = [s.phase for s in timeline.routine_segments(r, CAT) if s.kind == "work"]
    assert {"soften", "organize", "strengthen"} <= set(phases)
    for bar, phase in zip(work, phases, strict=True):
        fill = bar.get("fill")
        if PHASE_HATCHES[phase]:
            assert fill.startswith("url(#") and fill.endswith(f"-{phase})")
            pattern = patterns[fill[5:-1]]  # the pattern it names is in this svg
            assert pattern.find("svg:rect", SVG_NS).get("fill") == PHASE_COLOURS[phase]
            assert pattern.find("svg:path", SVG_NS) is not None  # the hatch
        else:
            assert fill == PHASE_COLOURS[phase]
    legend = [t for t in _texts(root)]
    assert {"soften", "organize", "strengthen", "rest", "transition"} <= set(legend)


def test_svg_names_axis_title_and_alt_text():
    r = good_routine()
    text, root = _svg(r)
    texts = _texts(root)
    assert "1. Crocodile breathing" in texts and "minutes" in texts
    assert "0" in texts  # the minutes axis starts at 0 and has more ticks after it
    ticks = [float(t) for t in texts if t.replace(".", "", 1).isdigit()]
    assert len(ticks) >= 3 and ticks == sorted(ticks)
    assert texts[0].startswith("Test routine: ")  # the title
    assert root.get("role") == "img"
    alt = root.get("aria-label")
    assert alt == root.find("svg:title", SVG_NS).text == timeline.routine_timeline_alt(r, CAT)
    assert "Crocodile breathing (soften)" in alt and "coloured by phase" in alt
    _, custom = _svg(r, title="Card", alt="My own words")
    assert _texts(custom)[0] == "Card" and custom.get("aria-label") == "My own words"


def test_svg_escapes_learner_and_data_text():
    from coursekit.content.catalog import Catalog
    from factories import make_exercise

    cat = Catalog([make_exercise("x", name=XSS)])
    r = routine(item("x", reps=5)).renamed(XSS + ' & "quotes"')
    text = timeline.routine_timeline_svg(r, cat)
    assert "<img" not in text and "onerror=alert(1)&gt;" in text
    import xml.etree.ElementTree as ET

    root = ET.fromstring(text)
    assert any(XSS in t for t in _texts(root))  # shown as text, never as markup
    assert XSS in root.get("aria-label")
    assert not root.findall(".//svg:img", SVG_NS) and not list(root.iter("img"))


def test_svg_drops_characters_xml_cannot_hold():
    r = good_routine().renamed("Bell\x07 and\x1b tab")
    text, root = _svg(r)
    assert "\x07" not in text and "Bell and tab" in root.get("aria-label")


def test_empty_routine_gives_a_small_valid_svg():
    text, root = _svg(routine())
    assert "no exercises yet" in " ".join(_texts(root)).lower()
    assert "no exercises yet" in root.get("aria-label").lower()
    assert int(root.get("height")) < 120 and not root.findall(".//svg:rect[@class='work']", SVG_NS)


def test_svg_is_deterministic_and_pattern_ids_are_unique_per_picture():
    r = good_routine()
    first = timeline.routine_timeline_svg(r, CAT)
    assert timeline.routine_timeline_svg(r, CAT) == first
    other = timeline.routine_timeline_svg(r.renamed("Another"), CAT)
    _, a = _svg(r)
    _, b = _svg(r.renamed("Another"))
    ids_a = {p.get("id") for p in a.findall(".//svg:pattern", SVG_NS)}
    ids_b = {p.get("id") for p in b.findall(".//svg:pattern", SVG_NS)}
    assert ids_a and not ids_a & ids_b and other != first
    _, c = _svg(r, id_prefix="card-1")
    assert {p.get("id") for p in c.findall(".//svg:pattern", SVG_NS)} == {
        "card-1-organize",
        "card-1-strengthen",
    }
    with pytest.raises(InvalidModel):
        timeline.routine_timeline_svg(r, CAT, id_prefix='x" onload="alert(1)')


@pytest.mark.parametrize("n", [1, 20])
def test_svg_sizes_and_long_names(n):
    ids = [i for i in IDS if CAT[i].dose.type == "reps"]
    items = [item(ids[k % len(ids)], reps=6) for k in range(n)]
    text, root = _svg(routine(*items), width=480, row_height=18)
    assert root.get("width") == "480" and root.get("viewBox").startswith("0 0 480 ")
    assert len(root.findall(".//svg:rect[@class='work']", SVG_NS)) == n
    assert int(root.get("height")) > n * 18
    with pytest.raises(InvalidModel):
        timeline.routine_timeline_svg(routine(*items), CAT, width=10)
    with pytest.raises(InvalidModel):
        timeline.routine_timeline_svg(routine(*items), CAT, row_height=0)


def test_svg_shortens_long_names_and_keeps_the_full_name_as_a_tooltip():
    from coursekit.content.catalog import Catalog
    from factories import make_exercise

    long_name = "A very long exercise name that goes on and on"
    cat = Catalog([make_exercise("long-one", name=long_name)])
    import xml.etree.ElementTree as ET

    root = ET.fromstring(timeline.routine_timeline_svg(routine(item("long-one", reps=5)), cat))
    label = next(t for t in root.iter("{http://www.w3.org/2000/svg}text") if "…" in "".join(t.itertext()))
    assert label.find("svg:title", SVG_NS).text == long_name


def test_svg_is_fast_and_imports_no_matplotlib():
    import subprocess
    import sys

    code = (
        "import sys, time\n"
        "from coursekit.content.catalog import load_catalog\n"
        "from coursekit.plots.timeline import routine_timeline_svg\n"
        "from coursekit.engine.routines import Routine\n"
        "cat = load_catalog()\n"
        "r = Routine.empty('Twenty', 'custom')\n"
        "for ex in list(cat)[:20]: r = r.add(ex)\n"
        "t = time.perf_counter(); routine_timeline_svg(r, cat)\n"
        "print('matplotlib' in sys.modules, time.perf_counter() - t)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    imported, seconds = out.stdout.split()
    assert imported == "False" and float(seconds) < 0.1

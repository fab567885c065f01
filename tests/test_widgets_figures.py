"""Every widget that draws a figure draws it only when someone can see it (``figure=``).

``True`` draws on every render, ``False`` never, ``"auto"`` (the default) only while a
browser shows the figure: ipywidgets counts the views of a widget whose ``_view_count`` is
a number, and a test plays the browser by setting it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from coursekit.errors import InvalidModel
from coursekit.widgets._base import FigureSlot, check_figure_mode


@dataclass(frozen=True)
class Case:
    make: Callable[[Any, Any], Any]  # (catalog, figure mode) -> widget
    slot: str  # attribute holding the FigureSlot
    edit: Callable[[Any], Any]  # a change a learner makes


def _routine(catalog: Any) -> Any:
    from coursekit.engine.routines import load_example_routines

    return load_example_routines(catalog)["morning-flow"]


def _make_breath(catalog, figure):
    from coursekit.widgets.breath import BreathPacer

    return BreathPacer(figure=figure)


def _make_pain(catalog, figure):
    from coursekit.widgets.pain import PainTrafficLight

    return PainTrafficLight(figure=figure)


def _make_sequence(catalog, figure):
    from coursekit.widgets.sequence import SessionOrderer

    return SessionOrderer(_routine(catalog), catalog, figure=figure)


def _make_tempo(catalog, figure):
    from coursekit.widgets.tempo import TempoExplorer

    return TempoExplorer(figure=figure)


def _make_coverage(catalog, figure):
    from coursekit.widgets.coverage import CoverageExplorer

    return CoverageExplorer(catalog, ["bird-dog"], figure=figure)


def _make_week(catalog, figure):
    from coursekit.widgets.week import WeekPlanner

    return WeekPlanner(catalog=catalog, figure=figure)


def _make_reps(catalog, figure):
    from coursekit.widgets.reps import CleanRepExplorer

    return CleanRepExplorer(figure=figure)


def _make_ladder(catalog, figure):
    from coursekit.widgets.ladder import LadderExplorer

    return LadderExplorer(catalog, "dead-bug", figure=figure)


def _make_rotation(catalog, figure):
    from coursekit.widgets.rotation import RotationPlanner

    return RotationPlanner(catalog, figure=figure)


def _make_habits(catalog, figure):
    from coursekit.engine.habits import example_log
    from coursekit.widgets.habits import HabitPlanner

    return HabitPlanner(anchors=["after the first coffee"], log=example_log(3), figure=figure)


def _make_scenarios(catalog, figure):
    from coursekit.widgets.scenarios import ScenarioMatcher

    return ScenarioMatcher(catalog, figure=figure)


def _make_builder(catalog, figure):
    from coursekit.widgets.builder import RoutineBuilder

    return RoutineBuilder(catalog, _routine(catalog), journal=None, figure=figure)


def _make_wardrobe(catalog, figure):
    from coursekit.widgets.builder import RoutineBuilder, WardrobeBuilder

    builder = RoutineBuilder(catalog, journal=None, figure=False)
    return WardrobeBuilder(builder, [_routine(catalog)], figure=figure)


CASES = {
    "breath": Case(_make_breath, "figure", lambda w: w.set_reps(6)),
    "pain": Case(_make_pain, "figure", lambda w: w.set(during=6)),
    "sequence": Case(_make_sequence, "figure", lambda w: w.move(2, 0)),
    "tempo": Case(_make_tempo, "picture", lambda w: w.set_reps(6)),
    "coverage": Case(_make_coverage, "picture", lambda w: w.set_exercises(["bird-dog", "glute-bridge"])),
    "week": Case(_make_week, "picture", lambda w: w.set_days(["Mon", "Wed", "Fri"])),
    "reps": Case(_make_reps, "figure", lambda w: w.set_reps([True] * 6 + [False] * 2)),
    "ladder": Case(_make_ladder, "figure", lambda w: w.choose("bird-dog")),
    "rotation": Case(_make_rotation, "figure", lambda w: w.set_days(["Mon", "Thu"])),
    "habits": Case(_make_habits, "figure", lambda w: w.set_budget(20)),
    "scenarios": Case(_make_scenarios, "figure", lambda w: w.answer(w.choices()[0])),
    "builder": Case(_make_builder, "timeline_html", lambda w: w.set_dose(1, sets=3)),
    "wardrobe": Case(_make_wardrobe, "chart_html", lambda w: w.set_days(["Mon", "Wed"])),
}


@pytest.fixture
def draws(monkeypatch):
    """Count the drawings the widgets ask their figure slots for (matplotlib or SVG)."""
    calls: list[str] = []
    update = FigureSlot.update

    def counting(self, draw, *, alt=None):
        def counted():
            calls.append(alt or "")
            return draw()

        update(self, counted, alt=alt)

    monkeypatch.setattr(FigureSlot, "update", counting)
    return calls


def _is_figure(html: str) -> bool:
    return html.startswith("<img") or html.startswith("<svg")


@pytest.mark.parametrize("name", CASES)
def test_figure_true_draws_on_every_render(name, catalog, close_figures):
    case = CASES[name]
    widget = case.make(catalog, True)
    slot = getattr(widget, case.slot)
    assert isinstance(slot, FigureSlot) and slot.mode is True
    assert _is_figure(slot.value) and slot.alt
    assert ("alt=" in slot.value) or ("aria-label=" in slot.value)
    case.edit(widget)
    assert widget.message.value == "", widget.message.value
    assert _is_figure(slot.value)


@pytest.mark.parametrize("name", CASES)
def test_figure_auto_waits_for_a_view(name, catalog, draws, close_figures):
    case = CASES[name]
    widget = case.make(catalog, "auto")
    slot = getattr(widget, case.slot)
    assert slot.mode == "auto" and slot._view_count == 0
    case.edit(widget)
    assert widget.message.value == "", widget.message.value
    assert slot.value == "" and draws == []  # nobody sees it: nothing drawn at all
    assert slot.alt  # what a screen reader will be told is known already
    slot._view_count = 1  # the browser shows it
    assert _is_figure(slot.value) and len(draws) == 1
    case.edit(widget)  # while it is shown, every render draws
    assert _is_figure(slot.value)


@pytest.mark.parametrize("name", CASES)
def test_figure_false_never_draws(name, catalog, draws):
    case = CASES[name]
    widget = case.make(catalog, False)
    slot = getattr(widget, case.slot)
    case.edit(widget)
    slot._view_count = 1
    case.edit(widget)
    assert not _is_figure(slot.value) and draws == []


def _widget_classes() -> list[type]:
    from coursekit.widgets.breath import BreathPacer
    from coursekit.widgets.builder import RoutineBuilder, WardrobeBuilder
    from coursekit.widgets.coverage import CoverageExplorer
    from coursekit.widgets.habits import HabitPlanner
    from coursekit.widgets.ladder import LadderExplorer
    from coursekit.widgets.pain import PainTrafficLight
    from coursekit.widgets.reps import CleanRepExplorer
    from coursekit.widgets.rotation import RotationPlanner
    from coursekit.widgets.scenarios import ScenarioMatcher
    from coursekit.widgets.sequence import SessionOrderer
    from coursekit.widgets.tempo import TempoExplorer
    from coursekit.widgets.week import WeekPlanner

    return [
        BreathPacer,
        PainTrafficLight,
        SessionOrderer,
        TempoExplorer,
        CoverageExplorer,
        WeekPlanner,
        CleanRepExplorer,
        LadderExplorer,
        RotationPlanner,
        HabitPlanner,
        ScenarioMatcher,
        RoutineBuilder,
        WardrobeBuilder,
    ]


@pytest.mark.parametrize("cls", _widget_classes(), ids=lambda c: c.__name__)
def test_figure_auto_is_the_default(cls):
    parameter = inspect.signature(cls).parameters["figure"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default == "auto"


def test_every_widget_that_draws_uses_a_figure_slot():
    """No widget module embeds a figure any other way (a new widget gets a slot too)."""
    import coursekit.widgets as package

    folder = Path(package.__file__).parent
    for path in sorted(folder.glob("*.py")):
        if path.name == "_base.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "figure_html(" not in text or path.name == "builder.py", path.name
        if "matplotlib" in text:
            assert "FigureSlot(" in text, path.name


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("bad", ["always", "", None, 1, 0, "True"])
def test_a_bad_figure_mode_is_refused(name, bad, catalog):
    with pytest.raises(InvalidModel, match="figure must be True, False or 'auto'"):
        CASES[name].make(catalog, bad)


def test_show_figure_keeps_working(catalog, close_figures):
    from coursekit.widgets.pain import PainTrafficLight

    light = PainTrafficLight()
    assert light.show_figure == "auto" and light.figure.value == ""
    light.show_figure = True  # switching on draws the current state
    assert light.figure.value.startswith("<img") and 'alt="Pain scale' in light.figure.value
    light.show_figure = False
    assert light.figure.value == ""
    with pytest.raises(InvalidModel):
        light.show_figure = "sometimes"


# -- the slot itself ----------------------------------------------------------------------


def test_check_figure_mode():
    assert check_figure_mode(True) is True and check_figure_mode(False) is False
    assert check_figure_mode("auto") == "auto"
    for bad in ("Auto", 1, None, [], "yes"):
        with pytest.raises(InvalidModel):
            check_figure_mode(bad)


def test_slot_auto_draws_the_latest_update_on_the_first_view():
    slot = FigureSlot("auto")
    drawn = []

    def draw(n):
        def inner():
            drawn.append(n)
            return f"<svg>{n}</svg>"

        return inner

    slot.update(draw(1), alt="one")
    slot.update(draw(2), alt="two")
    assert slot.value == "" and slot.pending and slot.alt == "two" and drawn == []
    slot._view_count = 1
    assert slot.value == "<svg>2</svg>" and drawn == [2] and not slot.pending
    slot._view_count = 2  # a second view: the picture is already current
    assert drawn == [2]
    slot.update(draw(3))
    assert slot.value == "<svg>3</svg>" and slot.alt == "two"
    slot._view_count = 0  # every view closed
    slot.update(draw(4))
    assert slot.value == "" and drawn == [2, 3]  # no stale picture kept, nothing drawn
    slot._view_count = 1
    assert slot.value == "<svg>4</svg>"


def test_slot_embeds_a_figure_with_its_alt_text(close_figures):
    from matplotlib.figure import Figure

    def draw():
        fig = Figure(figsize=(2, 1))
        fig.subplots().plot([0, 1], [1, 0])
        return fig

    slot = FigureSlot(True)
    slot.update(draw, alt='A line going "down" <fast>')
    assert slot.value.startswith('<img src="data:image/png;base64,')
    assert 'alt="A line going &quot;down&quot; &lt;fast&gt;"' in slot.value


def test_slot_show_and_mode_switches():
    slot = FigureSlot(False)
    slot.update(lambda: "<svg/>", alt="x")
    assert slot.value == "" and slot.pending
    slot.mode = True
    assert slot.value == "<svg/>"
    slot.show("<p>nothing logged yet</p>")  # a note, shown in any mode
    assert slot.value == "<p>nothing logged yet</p>" and slot.alt == "" and not slot.pending
    slot.mode = False
    assert slot.value == "<p>nothing logged yet</p>"
    slot.redraw()  # nothing to redraw
    with pytest.raises(InvalidModel):
        FigureSlot("never")
    with pytest.raises(InvalidModel):
        slot.mode = "never"


def test_slot_switched_off_and_on_draws_again():
    drawn = []
    slot = FigureSlot(True)
    slot.update(lambda: drawn.append(1) or "<svg/>")
    slot.mode = True  # already current: not drawn twice
    assert drawn == [1]
    slot.mode = False
    assert slot.value == "" and slot.pending
    slot.mode = "auto"
    assert slot.value == "" and drawn == [1]
    slot._view_count = 1
    assert slot.value == "<svg/>" and drawn == [1, 1]

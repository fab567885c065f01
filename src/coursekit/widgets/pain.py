"""The pain-monitoring traffic light of notebook 04.

Four controls (pain during, next-morning pain, usual pain, every rep clean) feed
:func:`coursekit.engine.pain.next_step`; the widget shows the zone of the pain during exercise as
a traffic light (colour, word and icon, so never colour alone) and the next step with its
reason. Driven from Python exactly as from the browser::

    light = PainTrafficLight()
    light.set(during=6, next_morning=3, baseline=2, clean=True)
    print(light.step())
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import traitlets

from coursekit.engine.pain import HEURISTIC_NOTE, Step, check_score, next_step, pain_zone
from coursekit.errors import InvalidModel
from coursekit.plots.style import ZONE_COLOURS
from coursekit.widgets import _shared as w
from coursekit.widgets._base import (
    CourseWidget,
    FigureSlot,
    MessageArea,
    check_figure_mode,
    escape,
    pain_slider,
    reports_errors,
)

__all__ = ["PainTrafficLight", "Reading"]

_INITIAL = {"description_width": "initial"}
#: Word, icon and text colour of each zone (the background is the zone colour).
ZONE_LOOK = {
    "safe": ("Safe", "✓", "#000000"),
    "acceptable": ("Acceptable", "!", "#000000"),
    "too-high": ("Too high", "✕", "#ffffff"),
}
ACTION_LOOK = {"progress": ("Progress", "↑"), "repeat": ("Repeat", "↻"), "regress": ("Regress", "↓")}


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """One session's pain scores (0-10) and whether every rep was clean."""

    during: int
    next_morning: int
    baseline: int
    clean: bool

    def __post_init__(self) -> None:
        check_score(self.during, "during")
        check_score(self.next_morning, "next_morning")
        check_score(self.baseline, "baseline")
        if not isinstance(self.clean, bool):
            raise InvalidModel(f"clean must be true or false, got {self.clean!r}")

    @property
    def zone(self) -> str:
        return pain_zone(self.during)

    def step(self) -> Step:
        return next_step(
            during=self.during, next_morning=self.next_morning, baseline=self.baseline, clean=self.clean
        )


class LightState(traitlets.HasTraits):
    """The widget's state: the current reading (replaced, never mutated)."""

    reading = traitlets.Instance(Reading)


class PainTrafficLight(CourseWidget):
    """Pain during, next-morning pain and usual pain in; a traffic light and the next step out."""

    def __init__(
        self,
        during: int = 3,
        next_morning: int = 2,
        baseline: int = 2,
        clean: bool = True,
        *,
        figure: bool | str = "auto",
    ) -> None:
        super().__init__(layout=w.Layout(width="auto"))
        check_figure_mode(figure)
        self.state = LightState(
            reading=Reading(during=during, next_morning=next_morning, baseline=baseline, clean=clean)
        )
        self.message = MessageArea()
        self.during_slider = pain_slider(during, "Pain during the exercise (0-10):")
        self.morning_slider = pain_slider(next_morning, "Pain the next morning (0-10):")
        self.baseline_slider = pain_slider(baseline, "Your usual morning pain (0-10):")
        self.clean_box = w.Checkbox(
            value=clean, description="Every rep was clean", indent=False, style=_INITIAL
        )
        self.during_slider.observe(lambda c: self.set(during=c["new"]), names="value")
        self.morning_slider.observe(lambda c: self.set(next_morning=c["new"]), names="value")
        self.baseline_slider.observe(lambda c: self.set(baseline=c["new"]), names="value")
        self.clean_box.observe(lambda c: self.set(clean=c["new"]), names="value")
        self.light = w.HTML()
        self.advice = w.HTML()
        self.figure = FigureSlot(figure)
        self.children = (
            w.HTML('<h4 style="margin:4px 0">Pain-monitoring traffic light</h4>'),
            self.during_slider,
            self.morning_slider,
            self.baseline_slider,
            self.clean_box,
            self.message,
            self.light,
            self.advice,
            self.figure,
            w.HTML(f'<p style="margin:2px 0;font-size:90%">{escape(HEURISTIC_NOTE)}</p>'),
        )
        self.state.observe(self._render, names=["reading"])
        self._render()

    # -- controller

    @reports_errors
    def set(
        self,
        *,
        during: int | None = None,
        next_morning: int | None = None,
        baseline: int | None = None,
        clean: bool | None = None,
    ) -> None:
        """Change any of the scores (0-10) or the clean flag; a bad value shows a message."""
        old = self.state.reading
        self.state.reading = Reading(
            during=old.during if during is None else during,
            next_morning=old.next_morning if next_morning is None else next_morning,
            baseline=old.baseline if baseline is None else baseline,
            clean=old.clean if clean is None else clean,
        )
        self.message.clear()

    def reading(self) -> Reading:
        return self.state.reading

    def zone(self) -> str:
        """The zone of the pain during exercise: safe, acceptable or too-high."""
        return self.state.reading.zone

    def step(self) -> Step:
        """What to do next session, and why."""
        return self.state.reading.step()

    # -- view

    def _render(self, change: Any = None) -> None:
        r = self.state.reading
        self.during_slider.value = r.during
        self.morning_slider.value = r.next_morning
        self.baseline_slider.value = r.baseline
        self.clean_box.value = r.clean
        zone = r.zone
        word, icon, fg = ZONE_LOOK[zone]
        self.light.value = (
            f'<div role="status" aria-live="polite" style="display:flex;align-items:center;gap:10px;margin:6px 0">'
            f'<span aria-hidden="true" style="display:inline-block;width:2.2em;height:2.2em;border-radius:50%;'
            f"background:{ZONE_COLOURS[zone]};color:{fg};text-align:center;line-height:2.2em;"
            f'font-size:120%;border:2px solid #000">{icon}</span>'
            f"<span><strong>{escape(word)}</strong>: pain during the exercise was {r.during}/10 "
            f"({escape(zone)} zone).</span></div>"
        )
        step = r.step()
        name, arrow = ACTION_LOOK[step.action]
        self.advice.value = (
            f'<p style="margin:4px 0"><strong>{arrow} Next step: {escape(name)}.</strong> '
            f"{escape(step.reason)}</p>"
        )
        self.figure.update(lambda: _figure(r), alt=_alt(r))

    def __repr__(self) -> str:
        r = self.state.reading
        return (
            f"PainTrafficLight(during {r.during}, next morning {r.next_morning}, "
            f"baseline {r.baseline}: {r.step().action})"
        )


def _alt(r: Reading) -> str:
    return (
        f"Pain scale from 0 to 10 in three zones; pain during the exercise {r.during} "
        f"({r.zone}) and next-morning pain {r.next_morning} are marked."
    )


def _figure(r: Reading) -> Any:
    from matplotlib.figure import Figure

    from coursekit.plots.pain import pain_zones

    fig = Figure(figsize=(8.0, 2.4))
    # Fixed margins instead of a layout engine: several times faster on every redraw.
    fig.subplots_adjust(left=0.05, right=0.78, bottom=0.22, top=0.86)
    pain_zones(
        {"during": r.during, "next morning": r.next_morning},
        ax=fig.subplots(),
        title="Where your scores sit on the 0-10 scale",
    )
    return fig

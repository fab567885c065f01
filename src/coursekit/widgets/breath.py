"""The breath pacer of notebook 03: pace one breath to each rep of a tempo.

Driven from Python exactly as from the browser::

    pacer = BreathPacer()
    pacer.set_tempo("3-1-2-0")
    pacer.set_reps(8)
    print(pacer.plan())
"""

from __future__ import annotations

from typing import Any

import traitlets

from coursekit.content.tempo import LEGEND, Tempo
from coursekit.engine.breath import MAX_REPS, MIN_REPS, BreathPlan, breath_plan, check_reps
from coursekit.widgets import _shared as w
from coursekit.widgets._base import (
    CourseWidget,
    FigureSlot,
    MessageArea,
    check_figure_mode,
    escape,
    reports_errors,
)

__all__ = ["BreathPacer"]

_INITIAL = {"description_width": "initial"}
#: Reps drawn in the widget's figure; the pattern repeats after that.
FIGURE_REPS = 4
_PACE_KIND = {"comfortably slow": "ok", "too fast": "warning", "too long for one breath": "warning"}


class PacerState(traitlets.HasTraits):
    """The pacer's state: the current breath plan (a frozen model, replaced on every change)."""

    plan = traitlets.Instance(BreathPlan)


class BreathPacer(CourseWidget):
    """Choose a tempo and a number of reps; see when to inhale and exhale in every rep."""

    def __init__(self, tempo: str = "3-1-2-0", reps: int = 8, *, figure: bool | str = "auto") -> None:
        super().__init__(layout=w.Layout(width="auto"))
        check_figure_mode(figure)
        self.state = PacerState(plan=breath_plan(tempo, reps))
        self.message = MessageArea()
        self.tempo_text = w.Text(
            value=str(self.state.plan.tempo),
            description="Tempo (e.g. 3-1-2-0):",
            continuous_update=False,
            style=_INITIAL,
        )
        self.reps_slider = w.IntSlider(
            value=reps,
            min=MIN_REPS,
            max=MAX_REPS,
            description="Reps in the set:",
            continuous_update=False,
            style=_INITIAL,
        )
        self.tempo_text.observe(lambda change: self.set_tempo(change["new"]), names="value")
        self.reps_slider.observe(lambda change: self.set_reps(change["new"]), names="value")
        self.legend = w.HTML(f'<p style="margin:2px 0;font-size:90%">Tempo: {escape(LEGEND)}.</p>')
        self.summary = w.HTML()
        self.table = w.HTML()
        self.figure = FigureSlot(figure)
        self.children = (
            w.HTML('<h4 style="margin:4px 0">Breath pacer</h4>'),
            w.HBox([self.tempo_text, self.reps_slider], layout=w.Layout(flex_flow="row wrap")),
            self.legend,
            self.message,
            self.summary,
            self.table,
            self.figure,
        )
        self.state.observe(self._render, names=["plan"])
        self._render()

    # -- controller: what the controls call, and what tests and notebooks call

    @reports_errors
    def set_tempo(self, text: str | Tempo) -> None:
        """Use a new tempo (``"3-1-2-0"``); a bad one shows a message and keeps the last plan."""
        self.state.plan = breath_plan(Tempo.parse(text), self.state.plan.reps)
        self.message.clear()

    @reports_errors
    def set_reps(self, reps: int) -> None:
        """Use a new number of reps (1-50); a bad number shows a message."""
        check_reps(reps)
        self.state.plan = breath_plan(self.state.plan.tempo, reps)
        self.message.clear()

    def plan(self) -> BreathPlan:
        """The breath plan shown now."""
        return self.state.plan

    # -- view

    def _render(self, change: Any = None) -> None:
        plan = self.state.plan
        # Echo the plan into the controls; equal plans are silent, so this never loops.
        self.tempo_text.value = str(plan.tempo)
        self.reps_slider.value = plan.reps
        kind = _PACE_KIND[plan.pace]
        icon = "✓" if kind == "ok" else "!"
        self.summary.value = (
            '<div role="status" style="margin:4px 0">'
            f'<p style="margin:2px 0"><strong>Each rep:</strong> {escape(plan.rep_cue())}.</p>'
            f'<p style="margin:2px 0"><strong>{plan.breaths} breaths</strong> in the set '
            f"({plan.set_s:g} s under tension), <strong>{plan.cycle_s:g} s per breath</strong> "
            f"({plan.breaths_per_minute:.1f} a minute).</p>"
            f'<p style="margin:2px 0"><strong>{icon} Pace: {escape(plan.pace)}</strong> '
            f"(teaching heuristic: 4-10 s per breath is comfortably slow). {escape(plan.advice())}</p></div>"
        )
        rows = "".join(f"<li>{escape(line)}</li>" for line in plan.rep_lines())
        self.table.value = (
            "<details><summary>Inhale and exhale, rep by rep</summary>"
            f'<ul style="margin:2px 0 4px 1.2em;padding:0;font-family:monospace">{rows}</ul></details>'
        )
        self.figure.update(lambda: _figure(plan), alt=_alt(plan))

    def __repr__(self) -> str:
        plan = self.state.plan
        return (
            f"BreathPacer({plan.tempo} × {plan.reps} reps: {plan.breaths} breaths, "
            f"{plan.cycle_s:g} s per breath, {plan.pace})"
        )


def _alt(plan: BreathPlan) -> str:
    shown = min(plan.reps, FIGURE_REPS)
    return (
        f"Timeline of the first {shown} reps at tempo {plan.tempo}: in each rep the breath "
        f"is an inhale of {plan.inhale_s:g} s while lowering and an exhale of "
        f"{plan.exhale_s:g} s through the effort."
    )


def _figure(plan: BreathPlan) -> Any:
    from matplotlib.figure import Figure

    from coursekit.plots.breath import breath_pattern

    fig = Figure(figsize=(8.0, 2.8))
    # Fixed margins instead of a layout engine: several times faster on every redraw.
    fig.subplots_adjust(left=0.16, right=0.76, bottom=0.2, top=0.86)
    breath_pattern(plan, ax=fig.subplots(), max_reps=FIGURE_REPS)
    return fig

"""Tempo explorer: type a tempo, pick the reps, see time under tension and a timeline.

Driven from Python exactly as from the browser::

    explorer = TempoExplorer()
    explorer.set_tempo("3-1-2-0"); explorer.set_reps(8)
    print(explorer.summary())          # rep seconds, time under tension, the legend
"""

from __future__ import annotations

from typing import Any

import traitlets

from coursekit.content.tempo import LEGEND, Tempo
from coursekit.errors import InvalidModel
from coursekit.widgets import _shared as w
from coursekit.widgets._base import (
    CourseWidget,
    FigureSlot,
    MessageArea,
    check_figure_mode,
    escape,
    reports_errors,
)

__all__ = ["TempoExplorer"]

#: Reps the slider offers: enough for any therapeutic set, few enough to read the timeline.
MIN_REPS, MAX_REPS = 1, 20
_INITIAL = {"description_width": "initial"}


class _Messages(MessageArea):
    """A message area that also remembers its message as plain text."""

    text = ""

    def show(self, kind: str, text: str, *, escaped: bool = False) -> None:
        self.text = text
        super().show(kind, text, escaped=escaped)

    def clear(self) -> None:
        self.text = ""
        super().clear()


class TempoState(traitlets.HasTraits):
    """The explorer's state: a valid tempo, the reps, and whether the set is done per side."""

    tempo = traitlets.Instance(Tempo)
    reps = traitlets.Int(8)
    per_side = traitlets.Bool(False)


class TempoExplorer(CourseWidget):
    """A tempo, a number of reps and a per-side switch, with time under tension and a timeline.

    A tempo that does not parse shows the reason in the widget and keeps the last valid one.
    """

    def __init__(
        self,
        tempo: Tempo | str = "3-1-2-0",
        reps: int = 8,
        *,
        per_side: bool = False,
        figure: bool | str = "auto",
    ) -> None:
        super().__init__(layout=w.Layout(width="auto"))
        check_figure_mode(figure)
        self.state = TempoState(tempo=Tempo.parse(tempo), reps=8, per_side=bool(per_side))
        self.message = _Messages()
        self.tempo_text = w.Text(
            value=str(self.state.tempo),
            description="Tempo (e.g. 3-1-2-0)",
            placeholder="3-1-2-0",
            continuous_update=False,
            style=_INITIAL,
            tooltip="eccentric - bottom pause - concentric - top pause, seconds or X",
        )
        self.reps_slider = w.IntSlider(
            value=8, min=MIN_REPS, max=MAX_REPS, description="Reps", continuous_update=False, style=_INITIAL
        )
        self.side_box = w.Checkbox(
            value=self.state.per_side,
            description="Done on each side (counts twice)",
            indent=False,
            style=_INITIAL,
        )
        self.numbers = w.HTML()
        self.picture = FigureSlot(figure)
        self._syncing = False  # True while the view writes back to its own controls
        self.tempo_text.observe(lambda ch: self._from_control(self.set_tempo, ch), names="value")
        self.reps_slider.observe(lambda ch: self._from_control(self.set_reps, ch), names="value")
        self.side_box.observe(lambda ch: self._from_control(self.set_per_side, ch), names="value")
        self.state.observe(self._render, names=["tempo", "reps", "per_side"])
        self.children = (
            w.HTML('<h4 style="margin:4px 0">Tempo explorer</h4>'),
            w.HBox([self.tempo_text, self.reps_slider, self.side_box], layout=w.Layout(flex_flow="row wrap")),
            self.message,
            self.numbers,
            self.picture,
        )
        self.set_reps(reps)
        self._render()

    def _from_control(self, method: Any, change: dict[str, Any]) -> None:
        if not self._syncing:
            method(change["new"])

    def _sync(self, control: w.Widget, value: Any) -> None:
        self._syncing = True
        try:
            control.value = value
        finally:
            self._syncing = False

    # -- controller: what the controls call, and what tests and notebooks call

    @reports_errors
    def set_tempo(self, text: Tempo | str) -> None:
        """Read a tempo like ``"3-1-2-0"``; a bad one shows why in the widget."""
        if isinstance(text, str):
            self._sync(self.tempo_text, text)  # show what was typed, valid or not
        tempo = Tempo.parse(text)
        self.message.clear()
        self.state.tempo = tempo
        self._sync(self.tempo_text, str(tempo))

    @reports_errors
    def set_reps(self, reps: int) -> None:
        """Reps in the set, from 1 to 20."""
        if isinstance(reps, bool) or not isinstance(reps, int) or not MIN_REPS <= reps <= MAX_REPS:
            raise InvalidModel(f"reps must be a whole number from {MIN_REPS} to {MAX_REPS}, got {reps!r}")
        self.message.clear()
        self.state.reps = reps
        self._sync(self.reps_slider, reps)

    def set_per_side(self, per_side: bool) -> None:
        """Whether the set is done on each side (time under tension counts both sides)."""
        self.state.per_side = bool(per_side)
        self._sync(self.side_box, bool(per_side))

    # -- reading

    @property
    def tempo(self) -> Tempo:
        return self.state.tempo

    @property
    def reps(self) -> int:
        return self.state.reps

    @property
    def time_under_tension(self) -> float:
        """Seconds under tension of the set (both sides when done per side)."""
        return self.state.tempo.time_under_tension(self.state.reps, per_side=self.state.per_side)

    @property
    def error(self) -> str:
        """The message shown for the last bad value, as text, or ''."""
        return self.message.text

    def _lines(self) -> list[tuple[str, str]]:
        t, reps = self.state.tempo, self.state.reps
        sides = " per side (both sides counted)" if self.state.per_side else ""
        return [
            ("Tempo", f"{t}: {t.explain()}"),
            ("One rep", f"{t.rep_seconds:g} s"),
            (
                "Time under tension",
                f"{t.rep_seconds:g} s × {reps} reps{sides} = {self.time_under_tension:g} s",
            ),
            ("Legend", LEGEND),
        ]

    def summary(self) -> str:
        """What the widget shows, as text."""
        return "\n".join(f"{k}: {v}" for k, v in self._lines())

    # -- view

    def _render(self, change: dict[str, Any] | None = None) -> None:
        rows = "".join(f"<li><strong>{escape(k)}:</strong> {escape(v)}</li>" for k, v in self._lines())
        self.numbers.value = f'<ul style="margin:4px 0 4px 1.2em;padding:0">{rows}</ul>'
        tempo, reps, per_side = self.state.tempo, self.state.reps, self.state.per_side
        self.picture.update(
            lambda: _figure(tempo, reps, per_side),
            alt=(
                f"Timeline of one set at tempo {tempo}: {reps} repetitions, "
                f"each split into lowering, bottom pause, lifting and top pause; "
                f"{self.time_under_tension:g} seconds under tension."
            ),
        )

    def __repr__(self) -> str:
        sides = " per side" if self.state.per_side else ""
        return f"TempoExplorer({self.state.tempo} × {self.state.reps}{sides} = {self.time_under_tension:g} s)"


def _figure(tempo: Tempo, reps: int, per_side: bool) -> Any:
    from matplotlib.figure import Figure

    from coursekit.plots.timeline import tempo_timeline

    fig = Figure(figsize=(7, 2.4 if per_side else 1.9), layout="constrained")
    tempo_timeline(tempo, reps, per_side=per_side, ax=fig.subplots())
    return fig

"""The clean-rep set explorer: mark each rep clean or frayed, see where the set should end.

Where to stop is :func:`coursekit.engine.effort.clean_set`; the reserve estimate uses
:func:`coursekit.engine.effort.reps_in_reserve` on the effort felt after the last rep (effort 10 =
0 in reserve, 8 ≈ 2). Keeping 2-3 reps in reserve is a teaching heuristic. Driven from
Python exactly as from the browser::

    explorer = CleanRepExplorer()
    explorer.set_reps([True] * 8 + [False] * 4)
    explorer.set_effort(9)
    print(explorer.summary())
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import traitlets

from coursekit.engine.effort import SetAdvice, clean_set, reps_in_reserve
from coursekit.errors import InvalidModel
from coursekit.widgets import _shared as w
from coursekit.widgets._base import (
    CourseWidget,
    FigureSlot,
    MessageArea,
    check_figure_mode,
    escape,
    message_html,
    reports_errors,
    standing_stop,
)

__all__ = ["CleanRepExplorer", "summarize_set"]

MAX_REPS = 20
_INITIAL = {"description_width": "initial"}


def _flag(value: bool | str) -> str:
    return "clean" if value is True or value == "clean" else ("frayed" if value is False else value)


def summarize_set(reps: Sequence[bool | str], *, effort: int | None = None) -> tuple[SetAdvice, str]:
    """Advice for a set and its summary text; ``effort`` is felt after the last rep (0-10)."""
    capacity = None if effort is None else len(reps) + int(reps_in_reserve(effort))
    advice = clean_set(reps, capacity=capacity)
    flags = [_flag(r) for r in reps]
    clean = sum(f == "clean" for f in flags)
    lines = [
        f"Set of {advice.total_reps} reps: {clean} marked clean"
        + (f", technique first frayed at rep {advice.frayed_at}" if advice.frayed_at else ", none frayed")
        + "."
    ]
    lines.append(f"Clean reps that count: {advice.stop_after}; reps beyond the stop: {advice.extra_reps}.")
    lines.append(str(advice))
    if effort is None:
        lines.append("Reserve: not estimated (rate your effort after the last rep, 0-10).")
    else:
        left = capacity - advice.total_reps
        lines.append(
            f"Reserve: effort {effort} after rep {advice.total_reps} means about "
            f"{left} {'rep' if left == 1 else 'reps'} left then, so about "
            f"{advice.reserve_left} in reserve at the stop."
        )
    return advice, "\n".join(lines)


class SetState(traitlets.HasTraits):
    """The set as marked: one quality per rep, and the effort after the last rep."""

    reps = traitlets.Tuple()
    effort = traitlets.Any(None)  # int 0-10 or None


class CleanRepExplorer(CourseWidget):
    """Mark each rep of a set clean or frayed; see the stop point, clean reps and reserve."""

    def __init__(
        self,
        reps: Sequence[bool | str] | None = None,
        *,
        effort: int | None = None,
        figure: bool | str = "auto",
    ) -> None:
        super().__init__(layout=w.Layout(width="auto"))
        check_figure_mode(figure)
        self.state = SetState(reps=(True,) * 8)
        self.message = MessageArea()
        self.halt_notice = w.HTML()
        self._syncing = False
        self.count = w.BoundedIntText(
            value=8,
            min=1,
            max=MAX_REPS,
            description="Reps in the set:",
            style=_INITIAL,
            layout=w.Layout(width="14em"),
        )
        self.count.observe(self._on_count, names="value")
        self.effort_choice = w.Dropdown(
            options=[("not rated", None)] + [(str(n), n) for n in range(11)],
            value=None,
            description="Effort after the last rep (0-10):",
            style=_INITIAL,
            layout=w.Layout(width="auto"),
        )
        self.effort_choice.observe(self._on_effort, names="value")
        self.rep_buttons = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self.summary_html = w.HTML()
        self.figure = FigureSlot(figure)
        self.children = (
            self.halt_notice,
            w.HTML(
                '<h3 style="margin:4px 0">Clean-rep set explorer</h3>'
                '<p style="margin:2px 0">Click a rep to mark it clean or frayed.</p>'
            ),
            w.HBox([self.count, self.effort_choice], layout=w.Layout(flex_flow="row wrap")),
            self.rep_buttons,
            self.message,
            self.summary_html,
            self.figure,
        )
        self.state.observe(self._render, names=["reps", "effort"])
        if reps is not None:
            self.set_reps(reps)
        if effort is not None:
            self.set_effort(effort)
        self._render()

    # -- controller

    @reports_errors
    def set_reps(self, reps: Sequence[bool | str]) -> None:
        """Describe the whole set: True/"clean" or False/"frayed" (or a compensation) per rep."""
        if isinstance(reps, (str, bytes)) or not isinstance(reps, Sequence):
            raise InvalidModel("reps must be a list, e.g. [True, True, False]")
        if len(reps) > MAX_REPS:
            raise InvalidModel(f"a set here has at most {MAX_REPS} reps, got {len(reps)}")
        clean_set(reps)  # validates every value
        self.message.clear()
        self.state.reps = tuple(reps)

    @reports_errors
    def mark(self, rep: int, clean: bool) -> None:
        """Mark rep number ``rep`` (counted from 1) clean (True) or frayed (False)."""
        n = len(self.state.reps)
        if isinstance(rep, bool) or not isinstance(rep, int) or not 1 <= rep <= n:
            raise InvalidModel(f"rep must be a number from 1 to {n}, got {rep!r}")
        if not isinstance(clean, bool):
            raise InvalidModel(f"clean must be True or False, got {clean!r}")
        reps = list(self.state.reps)
        reps[rep - 1] = clean
        self.message.clear()
        self.state.reps = tuple(reps)

    @reports_errors
    def set_length(self, n: int) -> None:
        """Change the number of reps; new reps start clean."""
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_REPS:
            raise InvalidModel(f"a set has 1 to {MAX_REPS} reps, got {n!r}")
        reps = self.state.reps[:n] + (True,) * max(n - len(self.state.reps), 0)
        self.message.clear()
        self.state.reps = reps

    @reports_errors
    def set_effort(self, effort: int | None) -> None:
        """The effort felt after the last rep, 0-10 (10 = nothing left), or None."""
        if effort is not None:
            if isinstance(effort, bool) or not isinstance(effort, int):
                raise InvalidModel(f"effort must be a whole number from 0 to 10, got {effort!r}")
            reps_in_reserve(effort)  # validates the range
        self.message.clear()
        self.state.effort = effort

    @property
    def advice(self) -> SetAdvice:
        return summarize_set(self.state.reps, effort=self.state.effort)[0]

    def summary(self) -> str:
        """Where the set should have ended, clean reps counted, and the reserve estimate."""
        return summarize_set(self.state.reps, effort=self.state.effort)[1]

    def _on_count(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self.set_length(change["new"])

    def _on_effort(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self.set_effort(change["new"])

    # -- view

    def _rep_button(self, number: int, flag: str) -> w.ToggleButton:
        clean = flag == "clean"
        label = "clean" if clean else ("frayed" if flag == "frayed" else flag.replace("_", " "))
        button = w.ToggleButton(
            value=clean,
            description=f"Rep {number}: {label}",
            tooltip=f"Rep {number} is {label}; click to change",
            icon="check" if clean else "times",
            button_style="success" if clean else "danger",
            layout=w.Layout(width="auto"),
        )
        button.observe(lambda change, n=number: self._syncing or self.mark(n, change["new"]), names="value")
        return button

    def _render(self, change: Any = None) -> None:
        reps = self.state.reps
        self._syncing = True
        try:
            self.count.value = len(reps)
            self.effort_choice.value = self.state.effort
            self.rep_buttons.children = tuple(self._rep_button(i, _flag(r)) for i, r in enumerate(reps, 1))
        finally:
            self._syncing = False
        advice, text = summarize_set(reps, effort=self.state.effort)
        self.summary_html.value = message_html(
            "ok" if advice.extra_reps == 0 else "warning",
            "<br>".join(escape(line) for line in text.splitlines()),
            escaped=True,
        )
        alt = (
            f"Bar chart of {advice.total_reps} reps: {advice.stop_after} clean before the stop line, "
            f"{advice.extra_reps} after it."
        )
        self.figure.update(lambda: _figure(reps, advice), alt=alt)
        self.halt_notice.value = (
            message_html(
                "stop", "The course is halted by a red-flag answer: get medical care before exercising."
            )
            if standing_stop() is not None
            else ""
        )

    def __repr__(self) -> str:
        advice = self.advice
        effort = "" if self.state.effort is None else f", effort {self.state.effort}"
        return f"CleanRepExplorer({advice.total_reps} reps{effort}: stop after {advice.stop_after})"


def _figure(reps: Sequence[bool | str], advice: SetAdvice) -> Any:
    from matplotlib.figure import Figure

    from coursekit.plots.reps import rep_quality

    fig = Figure(figsize=(6.5, 3.2), layout="constrained")
    rep_quality(reps, advice=advice, ax=fig.subplots())
    return fig

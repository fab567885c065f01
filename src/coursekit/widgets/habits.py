"""The habit-anchor planner of notebook 11, with an adherence chart.

Type your anchor moments ("after the first coffee"), set a daily budget, and see which
micro-sessions land where (:func:`coursekit.engine.habits.pack_micro_sessions`). Below, an
adherence chart (:func:`coursekit.plots.adherence`) shows days practised per week against
the 5-day target, and minutes per practised day. Driven from Python::

    planner = HabitPlanner(anchors=["after the first coffee"], budget=15, log=example_log(3))
    planner.set_anchor(1, "before lunch")
    print(planner.report())

Anchor text is the learner's own: it is escaped wherever it is shown as HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import traitlets

from coursekit.engine.habits import (
    BUDGET_RANGE,
    EXAMPLE_MICRO_SESSIONS,
    Adherence,
    HabitPlan,
    adherence,
    check_anchors,
    pack_micro_sessions,
)
from coursekit.errors import InvalidModel
from coursekit.widgets import _shared as w
from coursekit.widgets._base import (
    CourseWidget,
    FigureSlot,
    TextMessage,
    check_figure_mode,
    escape,
    reports_errors,
)

__all__ = ["HabitPlanner"]

_INITIAL = {"description_width": "initial"}
#: Text boxes shown for anchors (the planner accepts up to MAX_ANCHORS).
ANCHOR_BOXES = 4


@dataclass(frozen=True, slots=True)
class Habits:
    """Everything the view shows: anchors as typed, the packed plan and the adherence."""

    anchors: tuple[str, ...]
    budget: int
    plan: HabitPlan
    adherence: Adherence


class HabitState(traitlets.HasTraits):
    """The widget's state: one frozen :class:`Habits`, replaced on every change."""

    habits = traitlets.Instance(Habits)


class HabitPlanner(CourseWidget):
    """Anchor moments and a daily budget in; micro-sessions and an adherence chart out."""

    def __init__(
        self,
        routines: Mapping[str, float] | None = None,
        *,
        anchors: Iterable[str] = (),
        budget: int = 15,
        log: Iterable[tuple[date | str, float]] = (),
        figure: bool | str = "auto",
    ) -> None:
        super().__init__(layout=w.Layout(width="auto"))
        check_figure_mode(figure)
        self.routines = dict(EXAMPLE_MICRO_SESSIONS if routines is None else routines)
        self._syncing = False
        self._log = list(log)
        self.message = TextMessage()
        typed = tuple(anchors)
        self.state = HabitState(habits=self._build(typed, budget, self._log))
        self.anchor_boxes = [
            w.Text(
                value="",
                placeholder="e.g. after the first coffee",
                description=f"Anchor moment {i + 1}:",
                continuous_update=False,
                style=_INITIAL,
                layout=w.Layout(width="30em"),
            )
            for i in range(max(ANCHOR_BOXES, len(typed)))
        ]
        for i, box in enumerate(self.anchor_boxes):
            box.observe(lambda c, i=i: self._from_control(self.set_anchor, i, c["new"]), names="value")
        self.budget_slider = w.IntSlider(
            min=BUDGET_RANGE[0],
            max=BUDGET_RANGE[1],
            step=1,
            description="Daily budget (minutes):",
            continuous_update=False,
            style=_INITIAL,
            layout=w.Layout(width="30em"),
        )
        self.budget_slider.observe(lambda c: self._from_control(self.set_budget, c["new"]), names="value")
        self.plan_html = w.HTML()
        self.adherence_html = w.HTML()
        self.figure = FigureSlot(figure)
        self.children = (
            w.HTML(
                '<h4 style="margin:4px 0">Habit-anchor planner</h4>'
                "<p style='margin:2px 0'>Micro-sessions on offer: "
                + "; ".join(f"{escape(n)} ({m:g} min)" for n, m in self.routines.items())
                + "</p>"
            ),
            *self.anchor_boxes,
            self.budget_slider,
            self.message,
            self.plan_html,
            self.adherence_html,
            self.figure,
        )
        self.state.observe(self._render, names=["habits"])
        self._render()

    def _build(self, anchors: tuple[str, ...], budget: int, log: list[Any]) -> Habits:
        plan = pack_micro_sessions(self.routines, anchors, budget)
        return Habits(anchors=anchors, budget=budget, plan=plan, adherence=adherence(log))

    def _from_control(self, method: Any, *args: Any) -> None:
        if not self._syncing:
            method(*args)

    # -- controller

    @property
    def plan(self) -> HabitPlan:
        return self.state.habits.plan

    @property
    def adherence(self) -> Adherence:
        return self.state.habits.adherence

    @reports_errors
    def set_anchors(self, anchors: Iterable[str]) -> None:
        """Replace every anchor moment (blank ones are ignored)."""
        anchors = tuple(anchors)
        if len(anchors) > len(self.anchor_boxes):
            raise InvalidModel(
                f"the planner has {len(self.anchor_boxes)} anchor boxes; got {len(anchors)} anchors"
            )
        h = self.state.habits
        self.state.habits = self._build(anchors, h.budget, self._log)
        self.message.clear()

    @reports_errors
    def set_anchor(self, index: int, text: str) -> None:
        """Type one anchor moment into box ``index`` (0 is the first)."""
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.anchor_boxes):
            raise InvalidModel(f"anchor box must be 0 to {len(self.anchor_boxes) - 1}, got {index!r}")
        typed = list(self.state.habits.anchors) + [""] * len(self.anchor_boxes)
        typed[index] = text
        while typed and not (isinstance(typed[-1], str) and typed[-1].strip()):
            typed.pop()
        h = self.state.habits
        self.state.habits = self._build(tuple(typed), h.budget, self._log)
        self.message.clear()

    @reports_errors
    def set_budget(self, minutes: int) -> None:
        """Minutes a day for micro-sessions (5 to 60)."""
        h = self.state.habits
        self.state.habits = self._build(h.anchors, minutes, self._log)
        self.message.clear()

    @reports_errors
    def set_log(self, log: Iterable[tuple[date | str, float]]) -> None:
        """Show adherence for this log of (date, minutes), e.g. from ``log_from_sessions``."""
        log = list(log)
        h = self.state.habits
        self.state.habits = self._build(h.anchors, h.budget, log)
        self._log = log
        self.message.clear()

    def report(self) -> str:
        """The packed plan and the adherence summary, as plain text."""
        return f"{self.plan}\n{self.adherence}"

    # -- view

    def _render(self, change: Any = None) -> None:
        h = self.state.habits
        self._syncing = True
        try:
            for i, box in enumerate(self.anchor_boxes):
                box.value = h.anchors[i] if i < len(h.anchors) else ""
            self.budget_slider.value = h.budget
        finally:
            self._syncing = False
        plan = h.plan
        rows = "".join(
            f"<li><b>{escape(s.anchor)}</b> → {escape(s.routine)} ({s.minutes:g} min)</li>"
            for s in plan.sessions
        )
        extra = ""
        if plan.unplaced:
            extra += f"<p>Not placed: {escape(', '.join(plan.unplaced))}</p>"
        if plan.free_anchors:
            extra += f"<p>Free anchors: {escape(', '.join(plan.free_anchors))}</p>"
        self.plan_html.value = (
            f'<div role="status" aria-live="polite"><p><b>Your day</b>: {plan.minutes:g} of '
            f"{plan.budget_min} minutes</p><ul>{rows}</ul>{extra}<p>{escape(plan.message)}</p></div>"
        )
        a = h.adherence
        self.adherence_html.value = f"<p><b>Adherence</b>: {escape(a.message)}</p>"
        if a.weeks:
            days = ", ".join(f"{w.week} {w.days} days" for w in a.weeks)
            self.figure.update(
                lambda: _figure(a),
                alt=(
                    f"Adherence chart: days practised per week against a "
                    f"target of 5 ({days}); minutes per practised day "
                    "against 10 to 20."
                ),
            )
        else:
            self.figure.show("<p><i>No practice logged yet, so no chart.</i></p>")

    def __repr__(self) -> str:
        p = self.plan
        n = len(check_anchors(self.state.habits.anchors))
        return (
            f"HabitPlanner({n} anchor{'s' if n != 1 else ''}, {p.budget_min} min budget: "
            f"{len(p.sessions)} micro-session{'s' if len(p.sessions) != 1 else ''}, {p.minutes:g} min)"
        )


def _figure(a: Adherence) -> Any:
    from matplotlib.figure import Figure

    from coursekit.plots.habits import adherence as draw

    fig = Figure(figsize=(10.0, 3.2), layout="constrained")
    left, right = fig.subplots(1, 2)
    draw(a, ax=left, view="days")
    draw(a, ax=right, view="minutes")
    return fig

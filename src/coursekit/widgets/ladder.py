"""The progression ladder explorer of notebook 09.

Choose an exercise, see its ladder (easiest rung first, the axis of each step), then ask for
the next step — progress, repeat or regress, or let pain scores decide through
:func:`coursekit.engine.pain.next_step` — and see the item :func:`coursekit.engine.progression.propose`
suggests, with its one-sentence reason. The explorer *adopts* each proposal, so pressing
"Progress" again and again walks up the dose axes and then the ladder, one axis at a time::

    explorer = LadderExplorer(load_catalog(), "dead-bug")
    print(explorer.propose("progress"))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import traitlets

from coursekit.content.catalog import Catalog
from coursekit.engine.pain import next_step
from coursekit.engine.progression import ACTIONS, Proposal, propose
from coursekit.engine.routines import RoutineItem
from coursekit.errors import InvalidModel
from coursekit.widgets import _shared as w
from coursekit.widgets._base import (
    CourseWidget,
    FigureSlot,
    TextMessage,
    check_figure_mode,
    default_catalog,
    escape,
    pain_slider,
    reports_errors,
)

__all__ = ["LadderExplorer"]

_INITIAL = {"description_width": "initial"}
_ARROWS = {"progress": "↑", "repeat": "↻", "regress": "↓"}


@dataclass(frozen=True, slots=True)
class Position:
    """Where the learner stands: the current item and the proposal that led there."""

    item: RoutineItem
    proposal: Proposal | None = None


class ExplorerState(traitlets.HasTraits):
    """The widget's state: one frozen position, replaced on every step."""

    position = traitlets.Instance(Position)


class LadderExplorer(CourseWidget):
    """An exercise's ladder, and the next small step from a next-step decision."""

    def __init__(
        self, catalog: Catalog | None = None, exercise_id: str = "dead-bug", *, figure: bool | str = "auto"
    ) -> None:
        super().__init__(layout=w.Layout(width="auto"))
        check_figure_mode(figure)
        self.catalog = default_catalog(catalog)
        if exercise_id not in self.catalog:
            raise InvalidModel(f"LadderExplorer: {exercise_id!r} is not in the catalog")
        self._syncing = False
        self._drawn: str | None = None
        self.message = TextMessage()
        choices = sorted(
            (ex for ex in self.catalog if len(self.catalog.ladder(ex.id)) > 1), key=lambda ex: ex.name.lower()
        )
        options = [(f"{ex.name} ({ex.id})", ex.id) for ex in choices]
        if exercise_id not in [v for _, v in options]:
            options.append((f"{self.catalog[exercise_id].name} ({exercise_id})", exercise_id))
        self.exercise_menu = w.Dropdown(
            options=options,
            value=exercise_id,
            description="Exercise:",
            style=_INITIAL,
            layout=w.Layout(width="32em"),
        )
        self.exercise_menu.observe(self._on_menu, names="value")
        self.buttons = {}
        for action in ACTIONS:
            b = w.Button(
                description=action.capitalize(),
                icon="",
                tooltip=f"Ask for a {action} step",
                layout=w.Layout(width="auto"),
            )
            b.on_click(lambda _b, a=action: self.propose(a))
            self.buttons[action] = b
        self.reset_button = w.Button(description="Back to the default dose", layout=w.Layout(width="auto"))
        self.reset_button.on_click(lambda _b: self.choose(self.exercise))
        self.during_slider = pain_slider(3, "Pain during (0-10):", width="26em")
        self.morning_slider = pain_slider(2, "Pain next morning (0-10):", width="26em")
        self.baseline_slider = pain_slider(2, "Usual morning pain (0-10):", width="26em")
        self.clean_box = w.Checkbox(
            value=True, description="Every rep was clean", indent=False, style=_INITIAL
        )
        self.decide_button = w.Button(description="Decide from pain scores", layout=w.Layout(width="auto"))
        self.decide_button.on_click(
            lambda _b: self.decide(
                during=self.during_slider.value,
                next_morning=self.morning_slider.value,
                baseline=self.baseline_slider.value,
                clean=self.clean_box.value,
            )
        )
        self.ladder_html = w.HTML()
        self.item_html = w.HTML()
        self.proposal_html = w.HTML()
        self.figure = FigureSlot(figure)
        self.state = ExplorerState(position=Position(self._default_item(exercise_id)))
        self.children = (
            w.HTML('<h4 style="margin:4px 0">Progression ladder explorer</h4>'),
            self.exercise_menu,
            self.ladder_html,
            self.item_html,
            w.HBox(
                [w.HTML("<b>Next step:</b>"), *self.buttons.values(), self.reset_button],
                layout=w.Layout(align_items="center"),
            ),
            w.HTML(
                "<b>…or let the pain scores decide</b> (a teaching heuristic borrowed from "
                "tendon pain [silbernagel2007]):"
            ),
            self.during_slider,
            self.morning_slider,
            self.baseline_slider,
            self.clean_box,
            self.decide_button,
            self.message,
            self.proposal_html,
            self.figure,
        )
        self.state.observe(self._render, names=["position"])
        self._render()

    def _default_item(self, exercise_id: str) -> RoutineItem:
        return RoutineItem.from_exercise(self.catalog[exercise_id])

    def _on_menu(self, change: Any) -> None:
        if not self._syncing:
            self.choose(change["new"])

    # -- controller

    @property
    def exercise(self) -> str:
        """The id of the current rung."""
        return self.state.position.item.exercise

    @property
    def item(self) -> RoutineItem:
        return self.state.position.item

    @property
    def proposal(self) -> Proposal | None:
        return self.state.position.proposal

    @reports_errors
    def choose(self, exercise_id: str) -> None:
        """Start from this exercise at its catalog default dose."""
        if exercise_id not in self.catalog:
            raise InvalidModel(f"{exercise_id!r} is not an exercise in the catalog")
        self.state.position = Position(self._default_item(exercise_id))
        self.message.clear()

    @reports_errors
    def propose(self, action: str) -> Proposal | None:
        """One small step (progress, repeat or regress) from the current item; adopt it."""
        if action not in ACTIONS:
            raise InvalidModel(f"the next step must be one of {', '.join(ACTIONS)}; got {action!r}")
        proposal = propose(self.item, action, self.catalog)
        self.state.position = Position(proposal.item, proposal)
        self.message.clear()
        return proposal

    @reports_errors
    def decide(self, *, during: int, next_morning: int, baseline: int, clean: bool = True) -> Proposal | None:
        """Let the pain scores pick the action (``next_step``), then propose that step."""
        step = next_step(during=during, next_morning=next_morning, baseline=baseline, clean=clean)
        self._syncing = True
        try:
            self.during_slider.value, self.morning_slider.value = during, next_morning
            self.baseline_slider.value, self.clean_box.value = baseline, clean
        finally:
            self._syncing = False
        proposal = self.propose(step.action)
        if proposal is not None:
            self.message.show("info", f"Pain scores say {step.action}: {step.reason}")
        return proposal

    def rungs(self) -> list[str]:
        """The ladder as lines, easiest first, each with the axis that leads to it."""
        lines = []
        for n, ex in enumerate(self.catalog.ladder(self.exercise), start=1):
            downs = self.catalog.steps_down(ex.id)
            how = (
                "start"
                if not downs
                else "; ".join(f"{s.axis.replace('_', ' ')} from {s.exercise.name}" for s in downs)
            )
            here = "  <- current" if ex.id == self.exercise else ""
            lines.append(f"{n}. {ex.name} ({ex.phase}, load {ex.load_level}): {how}{here}")
        return lines

    def report(self) -> str:
        """The current item and the last proposal, as plain text."""
        ex = self.catalog[self.exercise]
        lines = [f"Current: {ex.name}, {self.item.dose_text()}"]
        if self.proposal is not None:
            lines.append(f"Last step: {self.proposal}")
        return "\n".join(lines)

    # -- view

    def _render(self, change: Any = None) -> None:
        item = self.item
        ex = self.catalog[item.exercise]
        self._syncing = True
        try:
            if item.exercise not in [v for _, v in self.exercise_menu.options]:
                self.exercise_menu.options = [*self.exercise_menu.options, (f"{ex.name} ({ex.id})", ex.id)]
            self.exercise_menu.value = item.exercise
        finally:
            self._syncing = False
        items = []
        for line in self.rungs():
            text = line.split(". ", 1)[1]
            bold = text.endswith("<- current")
            text = escape(text.replace("  <- current", " ◀ current"))
            items.append(f"<li><b>{text}</b></li>" if bold else f"<li>{text}</li>")
        rows = "".join(items)
        self.ladder_html.value = (
            f'<p style="margin:4px 0"><b>Ladder</b> (easiest first; each rung '
            f"names the one axis that changes to reach it):</p><ol>{rows}</ol>"
        )
        self.item_html.value = f"<p><b>Current rung:</b> {escape(ex.name)}, {escape(item.dose_text())}</p>"
        p = self.proposal
        if p is None:
            self.proposal_html.value = "<p><i>Choose a next step to see the proposal.</i></p>"
        else:
            self.proposal_html.value = (
                f'<div role="status" aria-live="polite" style="border-left:4px solid #0072B2;'
                f'padding:4px 10px;margin:4px 0"><b>{_ARROWS[p.action]} {escape(p.action.capitalize())}'
                f"</b> ({escape(p.kind)}{'' if p.axis is None else ', ' + escape(p.axis) + ' axis'}): "
                f"{escape(p.explanation)}</div>"
            )
        if self._drawn != item.exercise:  # redraw only when the rung changes
            self._drawn = item.exercise
            self.figure.update(
                lambda: _figure(self.catalog, item.exercise),
                alt=(
                    f"Progression ladder of {ex.name}, current rung "
                    f"highlighted, {len(self.catalog.ladder(item.exercise))} rungs."
                ),
            )

    def __repr__(self) -> str:
        return f"LadderExplorer({self.exercise!r}, {len(self.catalog.ladder(self.exercise))} rungs)"


def _figure(catalog: Catalog, exercise_id: str) -> Any:
    from matplotlib.figure import Figure

    from coursekit.plots.ladders import ladder, ladder_layout

    levels = 1 + max(ladder_layout(catalog, exercise_id).level.values())
    fig = Figure(figsize=(8.0, max(3.0, 0.9 * levels + 1.0)), layout="constrained")
    ladder(catalog, exercise_id, ax=fig.subplots(), current=exercise_id)
    return fig

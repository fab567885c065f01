"""The compensation → cue matcher: see a compensation, choose the cue that corrects it.

Rounds are built and marked in the kernel by :mod:`coursekit.engine.cues`; only the cue texts
reach the browser before the learner picks. Driven from Python exactly as from the
browser::

    matcher = CompensationMatcher(load_catalog())
    matcher.choose_exercise("bird-dog")
    matcher.pick(1)
    print(matcher.result())
"""

from __future__ import annotations

from typing import Any

import traitlets

from coursekit.content.catalog import Catalog
from coursekit.engine.cues import (
    PATTERNS,
    Match,
    Round,
    build_round,
    mark_round,
    pattern_label,
    round_for_pattern,
)
from coursekit.errors import InvalidModel
from coursekit.widgets import _shared as w
from coursekit.widgets._base import (
    CourseWidget,
    MessageArea,
    escape,
    message_html,
    reports_errors,
    standing_stop,
)

__all__ = ["CompensationMatcher"]

_INITIAL = {"description_width": "initial"}


class MatchState(traitlets.HasTraits):
    """The round on show, its marked choice (None until picked) and the running tally."""

    round = traitlets.Any()
    match = traitlets.Any(None)
    tally = traitlets.Tuple((0, 0))  # (right, tried)


class CompensationMatcher(CourseWidget):
    """Pick an exercise or a compensation, then the cue that corrects it; marked in the kernel."""

    def __init__(
        self, catalog: Catalog, *, exercise: str | None = None, options: int = 3, seed: int | str = 0
    ) -> None:
        super().__init__(layout=w.Layout(width="auto"))
        self.catalog = catalog
        self.options = options
        self.seed = seed
        first = exercise if exercise is not None else catalog.ids[0]
        self.state = MatchState(round=build_round(catalog, first, options=options, seed=seed))
        self.message = MessageArea()
        self.halt_notice = w.HTML()
        self._syncing = False
        self.exercise_choice = w.Dropdown(
            options=[(ex.name, ex.id) for ex in catalog],
            description="Exercise:",
            style=_INITIAL,
            layout=w.Layout(width="auto"),
        )
        present = {c.pattern for ex in catalog for c in ex.compensations}
        self.pattern_choice = w.Dropdown(
            options=[(pattern_label(p), p) for p in PATTERNS if p in present],
            description="Compensation:",
            style=_INITIAL,
            layout=w.Layout(width="auto"),
        )
        self.exercise_choice.observe(self._on_exercise, names="value")
        self.pattern_choice.observe(self._on_pattern, names="value")
        self.shown = w.HTML()
        self.cue_choice = w.RadioButtons(
            options=[],
            value=None,
            description="Correcting cue:",
            style=_INITIAL,
            layout=w.Layout(width="auto"),
        )
        self.check_button = w.Button(
            description="Check",
            button_style="primary",
            tooltip="Check the cue you chose",
            layout=w.Layout(width="auto"),
        )
        self.check_button.on_click(lambda _b: self.check())
        self.feedback = w.HTML()
        self.children = (
            self.halt_notice,
            w.HTML('<h3 style="margin:4px 0">Compensation → cue matcher</h3>'),
            w.HBox([self.exercise_choice, self.pattern_choice], layout=w.Layout(flex_flow="row wrap")),
            self.shown,
            self.cue_choice,
            self.check_button,
            self.message,
            self.feedback,
        )
        self.state.observe(self._render, names=["round", "match", "tally"])
        self._render()

    # -- controller

    @reports_errors
    def choose_exercise(self, exercise_id: str, pattern: str | None = None) -> Round:
        """Show a round for an exercise's compensation (its first, or ``pattern``)."""
        if exercise_id not in self.catalog:
            raise InvalidModel(f"no exercise {exercise_id!r} in the catalog")
        round_ = build_round(self.catalog, exercise_id, pattern=pattern, options=self.options, seed=self.seed)
        self._show(round_)
        return round_

    @reports_errors
    def choose_pattern(self, pattern: str) -> Round:
        """Show a round for a compensation pattern, in the first exercise that lists it."""
        round_ = round_for_pattern(self.catalog, pattern, options=self.options, seed=self.seed)
        self._show(round_)
        return round_

    def _show(self, round_: Round) -> None:
        self.message.clear()
        self.state.match = None
        self.state.round = round_

    @reports_errors
    def pick(self, choice: int) -> Match:
        """Choose a cue by its position (0 is the first shown) and mark it."""
        if self.state.match is not None:
            raise InvalidModel("This round is marked: choose another exercise or compensation to go on.")
        match = mark_round(self.state.round, choice)
        right, tried = self.state.tally
        self.message.clear()
        self.state.tally = (right + match.correct, tried + 1)
        self.state.match = match
        return match

    @reports_errors
    def check(self) -> Match:
        """The Check button: mark the cue selected in the list."""
        if self.cue_choice.value is None:
            raise InvalidModel("Choose a cue before checking.")
        return self.pick(self.cue_choice.value)

    @property
    def round(self) -> Round:
        return self.state.round

    def result(self) -> Match | None:
        """The marked choice of the round on show, or None before a pick."""
        return self.state.match

    def _on_exercise(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self.choose_exercise(change["new"])

    def _on_pattern(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self.choose_pattern(change["new"])

    # -- view

    def _render(self, change: Any = None) -> None:
        round_ = self.state.round
        match = self.state.match
        self._syncing = True
        try:
            self.exercise_choice.value = round_.exercise
            self.pattern_choice.value = round_.pattern
            options = [(text, i) for i, text in enumerate(round_.options)]
            if list(self.cue_choice.options) != options:
                self.cue_choice.options = options
            self.cue_choice.value = None if match is None else match.chosen
        finally:
            self._syncing = False
        self.shown.value = (
            f'<div style="border-left:4px solid #0b4f6c;background:#f4f8fb;padding:4px 10px;margin:4px 0">'
            f"<strong>{escape(round_.exercise_name)}</strong>: {escape(pattern_label(round_.pattern))}.<br>"
            f"{escape(round_.description)}</div>"
        )
        marked = match is not None
        self.cue_choice.disabled = marked
        self.check_button.disabled = marked
        right, tried = self.state.tally
        if marked:
            self.feedback.value = message_html(
                "ok" if match.correct else "warning", f"{match} (So far: {right} of {tried} right.)"
            )
        else:
            self.feedback.value = ""
        self.halt_notice.value = (
            message_html(
                "stop", "The course is halted by a red-flag answer: get medical care before exercising."
            )
            if standing_stop() is not None
            else ""
        )

    def __repr__(self) -> str:
        match = self.state.match
        status = "not answered" if match is None else ("right" if match.correct else "wrong")
        right, tried = self.state.tally
        return (
            f"CompensationMatcher({self.state.round.exercise!r}, {self.state.round.pattern}: "
            f"{status}; {right} of {tried} right)"
        )

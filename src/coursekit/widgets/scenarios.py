"""The daily-life scenario → movement pattern matcher of notebook 12.

Pick a scenario ("lifting a full laundry basket"), choose the movement pattern it mostly
uses from a few options (marked in the kernel, with feedback), then see the catalog
exercises that rehearse that daily task, easiest first. A bar chart
(:func:`coursekit.plots.transfer_coverage`) shows how many exercises rehearse each task.
Driven from Python::

    matcher = ScenarioMatcher(load_catalog())
    matcher.pick("lift-laundry-basket")
    print(matcher.answer("hinge"))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import traitlets

from coursekit.content.catalog import Catalog
from coursekit.content.models import Exercise
from coursekit.engine.scenarios import (
    PatternResult,
    Scenario,
    check_pattern,
    get_scenario,
    load_scenarios,
    match_exercises,
    pattern_choices,
)
from coursekit.errors import InvalidModel
from coursekit.widgets import _shared as w
from coursekit.widgets._base import (
    CourseWidget,
    FigureSlot,
    TextMessage,
    check_figure_mode,
    default_catalog,
    escape,
    reports_errors,
)

__all__ = ["ScenarioMatcher"]

_INITIAL = {"description_width": "initial"}
#: How many matching exercises the widget lists.
SHOWN = 6


@dataclass(frozen=True, slots=True)
class Matching:
    """The chosen scenario and the learner's marked answer (None until answered)."""

    scenario: Scenario
    result: PatternResult | None = None


class MatcherState(traitlets.HasTraits):
    matching = traitlets.Instance(Matching)


class ScenarioMatcher(CourseWidget):
    """A daily-life scenario in; its movement pattern (marked) and matching exercises out."""

    def __init__(
        self,
        catalog: Catalog | None = None,
        scenario_id: str | None = None,
        *,
        scenarios: tuple[Scenario, ...] | None = None,
        figure: bool | str = "auto",
    ) -> None:
        super().__init__(layout=w.Layout(width="auto"))
        check_figure_mode(figure)
        self.catalog = default_catalog(catalog)
        self.scenarios = load_scenarios() if scenarios is None else tuple(scenarios)
        first = self.scenarios[0] if scenario_id is None else get_scenario(scenario_id, self.scenarios)
        self._syncing = False
        self.message = TextMessage()
        self.state = MatcherState(matching=Matching(first))
        self.scenario_menu = w.Dropdown(
            options=[(s.title, s.id) for s in self.scenarios],
            description="Daily task:",
            style=_INITIAL,
            layout=w.Layout(width="34em"),
        )
        self.scenario_menu.observe(lambda c: None if self._syncing else self.pick(c["new"]), names="value")
        self.description = w.HTML()
        self.pattern_choice = w.RadioButtons(
            options=[], description="Main movement pattern:", style=_INITIAL, layout=w.Layout(width="auto")
        )
        self.check_button = w.Button(
            description="Check", tooltip="Mark your choice", layout=w.Layout(width="auto")
        )
        self.check_button.on_click(lambda _b: self.answer(self.pattern_choice.value))
        self.feedback = w.HTML()
        self.exercises_html = w.HTML()
        self.figure = FigureSlot(figure)
        self.children = (
            w.HTML('<h4 style="margin:4px 0">Daily-life scenario → movement pattern</h4>'),
            self.scenario_menu,
            self.description,
            self.pattern_choice,
            self.check_button,
            self.message,
            self.feedback,
            self.exercises_html,
            self.figure,
        )
        self.state.observe(self._render, names=["matching"])
        self._render()
        # The chart is of the whole catalog: drawn once (for the first view, in "auto").
        self.figure.update(
            self._draw_figure, alt="Bar chart: how many catalog exercises rehearse each daily task."
        )

    # -- controller

    @property
    def scenario(self) -> Scenario:
        return self.state.matching.scenario

    @property
    def result(self) -> PatternResult | None:
        return self.state.matching.result

    def choices(self) -> tuple[str, ...]:
        """The movement families offered for the current scenario."""
        return pattern_choices(self.scenario)

    @reports_errors
    def pick(self, scenario_id: str) -> None:
        """Show this scenario (its answer is cleared)."""
        self.state.matching = Matching(get_scenario(scenario_id, self.scenarios))
        self.message.clear()

    @reports_errors
    def answer(self, family: str | None) -> PatternResult | None:
        """Mark a movement family as the scenario's main pattern; the feedback says why."""
        if family is None:
            raise InvalidModel("choose a movement pattern first")
        if family not in self.choices():
            raise InvalidModel(f"{family!r} is not one of the options: {', '.join(self.choices())}")
        result = check_pattern(self.scenario, family)
        self.state.matching = Matching(self.scenario, result)
        self.message.clear()
        return result

    def exercises(self, limit: int | None = SHOWN) -> list[Exercise]:
        """Catalog exercises that rehearse the scenario's daily task, easiest first."""
        return match_exercises(self.scenario, self.catalog, limit=limit)

    def report(self) -> str:
        """The scenario, the marked answer and the matching exercises, as plain text."""
        s = self.scenario
        found = match_exercises(s, self.catalog)
        lines = [f"{s.title} (daily task: {s.transfer.replace('_', ' ')})"]
        if self.result is not None:
            lines.append(str(self.result))
        lines.append(f"{len(found)} catalog exercises rehearse it; the first {min(SHOWN, len(found))}:")
        lines += [
            f"  {ex.name} ({ex.family.replace('_', ' ')}, {ex.phase}, load {ex.load_level})"
            for ex in found[:SHOWN]
        ]
        return "\n".join(lines)

    # -- view

    def _render(self, change: Any = None) -> None:
        s = self.scenario
        self._syncing = True
        try:
            self.scenario_menu.value = s.id
            options = [(f.replace("_", " "), f) for f in self.choices()]
            if list(self.pattern_choice.options) != options:
                self.pattern_choice.options = options
            self.pattern_choice.value = None if self.result is None else self.result.family
        finally:
            self._syncing = False
        self.description.value = f"<p><b>{escape(s.title)}.</b> {escape(s.description)}</p>"
        r = self.result
        if r is None:
            self.feedback.value = (
                "<p><i>Which movement pattern does this task mostly use? Choose and press Check.</i></p>"
            )
            self.exercises_html.value = ""
            return
        colour, word = ("#0f5132", "✓ Right") if r.correct else ("#842029", "✗ Not quite")
        self.feedback.value = (
            f'<div role="status" aria-live="polite" style="border-left:4px solid {colour};'
            f'padding:4px 10px"><b>{word}.</b> {escape(r.feedback)}</div>'
        )
        found = match_exercises(s, self.catalog)
        rows = "".join(
            f"<li>{escape(ex.name)} <i>({escape(ex.family.replace('_', ' '))}, {escape(ex.phase)}, "
            f"load {ex.load_level})</i></li>"
            for ex in found[:SHOWN]
        )
        self.exercises_html.value = (
            f"<p><b>Exercises that rehearse {escape(s.transfer.replace('_', ' '))}</b> "
            f"({len(found)} in the catalog; its main pattern first, then easiest first):</p><ol>{rows}</ol>"
        )

    def _draw_figure(self) -> Any:
        from matplotlib.figure import Figure

        from coursekit.plots.scenarios import transfer_coverage

        fig = Figure(figsize=(7.0, 3.6), layout="constrained")
        transfer_coverage(self.catalog, ax=fig.subplots())
        return fig

    def __repr__(self) -> str:
        r = self.result
        state = "not answered" if r is None else ("answered: right" if r.correct else "answered: not quite")
        return f"ScenarioMatcher({self.scenario.id!r}, {state})"

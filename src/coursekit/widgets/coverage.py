"""Coverage explorer: pick exercises (or an example routine), see which families and regions they train.

Driven from Python exactly as from the browser::

    explorer = CoverageExplorer()
    explorer.use_routine("morning-flow")          # or explorer.set_exercises([...ids...])
    print(explorer.missing())                     # families and regions nothing trains
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import traitlets

from coursekit.content import enums
from coursekit.engine.coverage import Coverage, Missing, coverage
from coursekit.engine.routines import Routine
from coursekit.errors import InvalidModel
from coursekit.widgets import _shared as w
from coursekit.widgets._base import (
    CourseWidget,
    FigureSlot,
    MessageArea,
    check_figure_mode,
    default_catalog,
    escape,
    reports_errors,
)

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog

__all__ = ["CoverageExplorer"]

_INITIAL = {"description_width": "initial"}


def _words(name: str) -> str:
    return name.replace("_", " ")


class CoverageState(traitlets.HasTraits):
    """The chosen exercise ids (a routine may list one twice; each item counts)."""

    exercises = traitlets.Tuple()


class CoverageExplorer(CourseWidget):
    """Counts per movement family and body region of the chosen exercises, with what is missing."""

    def __init__(
        self,
        catalog: Catalog | None = None,
        exercises: Iterable[str] = (),
        *,
        routines: Mapping[str, Routine] | None = None,
        figure: bool | str = "auto",
    ) -> None:
        super().__init__(layout=w.Layout(width="auto"))
        check_figure_mode(figure)
        catalog = default_catalog(catalog)
        if routines is None:
            from coursekit.engine.routines import load_example_routines

            routines = load_example_routines(catalog)
        self.catalog = catalog
        self.routines = dict(routines)
        self._syncing = False
        self.message = MessageArea()
        ordered = sorted(catalog, key=lambda ex: (enums.FAMILIES.index(ex.family), ex.name))
        self.picker = w.SelectMultiple(
            options=[(f"{ex.name} ({_words(ex.family)})", ex.id) for ex in ordered],
            value=(),
            rows=12,
            description="Exercises (Ctrl/Cmd-click for several)",
            style=_INITIAL,
            layout=w.Layout(width="max-content"),
        )
        self.picker.observe(self._on_picker, names="value")
        self.routine_menu = w.Dropdown(
            options=[("choose a routine", "")] + [(r.name, stem) for stem, r in self.routines.items()],
            value="",
            description="Start from an example routine",
            style=_INITIAL,
        )
        self.routine_menu.observe(self._on_routine_menu, names="value")
        self.clear_button = w.Button(
            description="Clear", icon="eraser", tooltip="Remove every exercise", layout=w.Layout(width="auto")
        )
        self.clear_button.on_click(lambda _b: self.set_exercises([]))
        self.missing_html = w.HTML()
        self.picture = FigureSlot(figure)
        self.state = CoverageState()
        self.state.observe(self._render, names=["exercises"])
        self.children = (
            w.HTML('<h4 style="margin:4px 0">Family and region coverage</h4>'),
            w.HBox([self.routine_menu, self.clear_button], layout=w.Layout(flex_flow="row wrap")),
            self.picker,
            self.message,
            self.missing_html,
            self.picture,
        )
        self.set_exercises(list(exercises))
        self._render()

    # -- plumbing

    def _on_picker(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self.set_exercises(list(change["new"]))

    def _on_routine_menu(self, change: dict[str, Any]) -> None:
        if not self._syncing and change["new"]:
            self.use_routine(change["new"])

    # -- controller: what the controls call, and what tests and notebooks call

    @reports_errors
    def set_exercises(self, exercise_ids: Iterable[str]) -> None:
        """Choose exercises by catalog id; an unknown id shows a message and changes nothing."""
        if isinstance(exercise_ids, str):
            exercise_ids = [exercise_ids]
        ids = tuple(exercise_ids)
        coverage(list(ids), self.catalog)  # raises InvalidModel naming an unknown id
        self.message.clear()
        self.state.exercises = ids

    @reports_errors
    def use_routine(self, name: str) -> None:
        """Start from an example routine (its file stem, e.g. ``"morning-flow"``, or its name)."""
        routine = self.routines.get(name) or next((r for r in self.routines.values() if r.name == name), None)
        if routine is None:
            raise InvalidModel(f"no example routine {name!r}; the routines are {', '.join(self.routines)}")
        self.set_exercises([it.exercise for it in routine.items])

    # -- reading

    @property
    def exercises(self) -> tuple[str, ...]:
        return self.state.exercises

    @property
    def coverage(self) -> Coverage:
        return coverage(list(self.state.exercises), self.catalog)

    def missing(self) -> Missing:
        """The families and regions none of the chosen exercises trains."""
        return self.coverage.missing

    def summary(self) -> str:
        """The counts and what is missing, as text."""
        return str(self.coverage)

    # -- view

    def _render(self, change: dict[str, Any] | None = None) -> None:
        self._syncing = True
        try:
            self.picker.value = tuple(dict.fromkeys(self.state.exercises))
            self.routine_menu.value = ""
        finally:
            self._syncing = False
        cov = self.coverage
        miss = cov.missing
        fams = ", ".join(_words(f) for f in miss.families) or "none"
        regs = ", ".join(_words(r) for r in miss.regions) or "none"
        outside = [r for r in enums.SYSTEM_REGIONS if r in miss.regions]
        note = ""
        if cov.items and outside:
            note = (
                f"<p style='margin:2px 0'>Nothing here trains {escape(', '.join(_words(r) for r in outside))}: "
                "the spine works as a system, so add something for the hips, feet and ankles or "
                "the upper back.</p>"
            )
        self.missing_html.value = (
            f"<p style='margin:2px 0'><strong>{cov.items} exercise{'s' if cov.items != 1 else ''} chosen.</strong></p>"
            f"<p style='margin:2px 0'><strong>Missing families:</strong> {escape(fams)}</p>"
            f"<p style='margin:2px 0'><strong>Missing regions:</strong> {escape(regs)}</p>{note}"
        )
        self.picture.update(
            lambda: _figure(cov),
            alt=(
                f"Bar chart of items per movement family and body region for {cov.items} exercises. "
                f"Missing families: {fams}. Missing regions: {regs}."
            ),
        )

    def __repr__(self) -> str:
        miss = self.missing()
        n, f, r = len(self.state.exercises), len(miss.families), len(miss.regions)
        return (
            f"CoverageExplorer({n} exercise{'s' if n != 1 else ''}, {f} famil{'ies' if f != 1 else 'y'}, "
            f"{r} region{'s' if r != 1 else ''} missing)"
        )


def _figure(cov: Coverage) -> Any:
    from matplotlib.figure import Figure

    from coursekit.plots.coverage import coverage_chart

    fig = Figure(figsize=(7, 5.6), layout="constrained")
    coverage_chart(cov, ax=fig.subplots())
    return fig

"""The weekly rotation planner of notebook 10.

Pick a capsule of exercises, the training days and how many families each session draws;
see the rotation as a table and as a day × family grid (:func:`coursekit.plots.rotation_grid`).
Driven from Python exactly as from the browser::

    planner = RotationPlanner(load_catalog(), capsule=["cat-camel", "bird-dog", "glute-bridge"])
    planner.set_days(["Mon", "Wed", "Fri"])
    print(planner.report())
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import traitlets

from coursekit.content.catalog import Catalog
from coursekit.engine.rotation import (
    DEFAULT_DAYS,
    MAX_PER_DAY,
    WEEKDAYS,
    Rotation,
    check_capsule,
    check_days,
    weekly_rotation,
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

__all__ = ["RotationPlanner"]

_INITIAL = {"description_width": "initial"}
DEFAULT_CAPSULE = (
    "crocodile-breathing",
    "cat-camel",
    "dead-bug",
    "bird-dog",
    "glute-bridge",
    "sit-to-stand",
    "split-squat",
    "suitcase-carry",
    "open-book",
    "hip-hinge-dowel",
)


class PlannerState(traitlets.HasTraits):
    """The current rotation (a frozen model, replaced on every change)."""

    rotation = traitlets.Instance(Rotation)


class RotationPlanner(CourseWidget):
    """Capsule, days and families per session in; a rotation table and grid chart out."""

    def __init__(
        self,
        catalog: Catalog | None = None,
        capsule: Iterable[str] | None = None,
        *,
        days: Iterable[str] = DEFAULT_DAYS,
        per_day: int = 3,
        figure: bool | str = "auto",
    ) -> None:
        super().__init__(layout=w.Layout(width="auto"))
        check_figure_mode(figure)
        self.catalog = default_catalog(catalog)
        if capsule is None:
            capsule = [i for i in DEFAULT_CAPSULE if i in self.catalog]
        self._syncing = False
        self.message = TextMessage()
        self.state = PlannerState(rotation=weekly_rotation(capsule, self.catalog, days=days, per_day=per_day))
        options = sorted(
            ((f"{ex.name} ({ex.family.replace('_', ' ')})", ex.id) for ex in self.catalog),
            key=lambda o: o[0].lower(),
        )
        self.capsule_select = w.SelectMultiple(
            options=options,
            rows=10,
            description="Capsule exercises:",
            style=_INITIAL,
            layout=w.Layout(width="34em"),
        )
        self.day_boxes = {
            d: w.Checkbox(description=d, indent=False, style=_INITIAL, layout=w.Layout(width="5em"))
            for d in WEEKDAYS
        }
        self.per_day_slider = w.IntSlider(
            min=1,
            max=MAX_PER_DAY,
            description="Families per session:",
            continuous_update=False,
            style=_INITIAL,
            layout=w.Layout(width="26em"),
        )
        self.capsule_select.observe(lambda c: self._from_control(self.set_capsule, c["new"]), names="value")
        for box in self.day_boxes.values():
            box.observe(lambda c: self._from_control(self.set_days, self._checked_days()), names="value")
        self.per_day_slider.observe(lambda c: self._from_control(self.set_per_day, c["new"]), names="value")
        self.table = w.HTML()
        self.summary = w.HTML()
        self.figure = FigureSlot(figure)
        self.children = (
            w.HTML('<h4 style="margin:4px 0">Weekly rotation of a capsule collection</h4>'),
            self.capsule_select,
            w.HBox(
                [w.HTML("<b>Training days:</b>"), *self.day_boxes.values()],
                layout=w.Layout(align_items="center"),
            ),
            self.per_day_slider,
            self.message,
            self.summary,
            self.table,
            self.figure,
        )
        self.state.observe(self._render, names=["rotation"])
        self._render()

    def _checked_days(self) -> list[str]:
        return [d for d, box in self.day_boxes.items() if box.value]

    def _from_control(self, method: Any, value: Any) -> None:
        if not self._syncing:
            method(value)

    # -- controller

    @property
    def rotation(self) -> Rotation:
        return self.state.rotation

    def _rebuild(self, **changes: Any) -> None:
        r = self.state.rotation
        values = dict(capsule=r.capsule, days=tuple(d.day for d in r.days), per_day=r.per_day)
        values.update(changes)
        capsule = values.pop("capsule")
        self.state.rotation = weekly_rotation(capsule, self.catalog, **values)
        self.message.clear()

    @reports_errors
    def set_capsule(self, exercise_ids: Iterable[str]) -> None:
        """Use these exercises as the capsule (2 to 12, from the catalog)."""
        self._rebuild(capsule=check_capsule(exercise_ids, self.catalog))

    @reports_errors
    def add(self, exercise_id: str) -> None:
        """Add one exercise to the capsule."""
        self._rebuild(capsule=check_capsule((*self.rotation.capsule, exercise_id), self.catalog))

    @reports_errors
    def remove(self, exercise_id: str) -> None:
        """Take one exercise out of the capsule."""
        if exercise_id not in self.rotation.capsule:
            raise InvalidModel(f"{exercise_id!r} is not in the capsule")
        self._rebuild(capsule=[i for i in self.rotation.capsule if i != exercise_id])

    @reports_errors
    def set_days(self, days: Iterable[str]) -> None:
        """Train on these weekdays (``"Mon"`` or ``"Monday"``)."""
        self._rebuild(days=check_days(days))

    @reports_errors
    def set_per_day(self, n: int) -> None:
        """How many families each session draws (1 to 5)."""
        self._rebuild(per_day=n)

    def report(self) -> str:
        """The rotation and its variety, as plain text."""
        return str(self.rotation)

    # -- view

    def _render(self, change: Any = None) -> None:
        r = self.rotation
        self._syncing = True
        try:
            self.capsule_select.value = tuple(r.capsule)
            for d, box in self.day_boxes.items():
                box.value = d in {x.day for x in r.days}
            self.per_day_slider.value = r.per_day
        finally:
            self._syncing = False
        v = r.variety
        note = ""
        if v.families_used < v.families_total:
            note = " Not every family fits this week: add a training day or a family per session."
        elif v.back_to_back:
            note = " Some families fall on two days in a row: that is fine, but spacing them is easy with a rest day between."
        self.summary.value = f'<p role="status" aria-live="polite">{escape(str(v) + note)}</p>'
        head = (
            "<tr><th scope='col' style='text-align:left;padding:2px 8px'>Day</th>"
            "<th scope='col' style='text-align:left;padding:2px 8px'>Session (soften → strengthen)</th></tr>"
        )
        rows = "".join(
            f"<tr><th scope='row' style='text-align:left;padding:2px 8px'>{escape(d.day)}</th>"
            f"<td style='padding:2px 8px'>"
            + "; ".join(
                f"{escape(self.catalog[e].name)} <i>({escape(f.replace('_', ' '))})</i>"
                for e, f in zip(d.exercises, d.families, strict=True)
            )
            + "</td></tr>"
            for d in r.days
        )
        self.table.value = f"<table><caption>Rotation of the week</caption>{head}{rows}</table>"
        self.figure.update(
            lambda: _figure(r),
            alt=f"Grid of {len(r.days)} training days by {len(r.families)} movement families; {v}",
        )

    def __repr__(self) -> str:
        r = self.rotation
        return f"RotationPlanner({len(r.capsule)} exercises, {len(r.days)} days, {len(r.families)} families)"


def _figure(r: Rotation) -> Any:
    from matplotlib.figure import Figure

    from coursekit.plots.rotation import rotation_grid

    fig = Figure(
        figsize=(max(5.0, 1.3 * len(r.days) + 2.5), max(2.5, 0.55 * len(r.families) + 1.2)),
        layout="constrained",
    )
    rotation_grid(r, ax=fig.subplots())
    return fig

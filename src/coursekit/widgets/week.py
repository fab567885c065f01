"""Week planner: choose your training days and anchor moments, see the week and its load.

Driven from Python exactly as from the browser::

    planner = WeekPlanner()                       # the example wardrobe of data/routines/
    planner.set_days(["Mon", "Tue", "Thu", "Fri", "Sat"])
    planner.set_anchor("office", "after the 11:00 meeting")
    planner.swap("Thu")                           # a flare-up day: plan B
    print(planner.table())                        # minutes and load per day
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import traitlets

from coursekit.content.days import weekday, weekdays
from coursekit.engine.planner import (
    DEFAULT_MOMENTS,
    WEEKDAYS,
    Wardrobe,
    WeekPlan,
    plan_week,
    swap_to_plan_b,
    weekly_load,
    weekly_load_rows,
)
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
    import pandas as pd

    from coursekit.content.catalog import Catalog

__all__ = ["WeekPlanner", "example_wardrobe"]

#: The longest anchor moment the planner accepts (it is printed in the schedule).
MAX_ANCHOR = 60
DEFAULT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
_INITIAL = {"description_width": "initial"}
_KIND_BACKGROUND = {"demanding": "#fbe3d6", "light": "#dcf1ea", "flare-up": "#e1f1fb", "rest": "#f0f0f0"}


def example_wardrobe(
    catalog: Catalog | None = None, routines: Mapping[str, Routine] | None = None
) -> Wardrobe:
    """A wardrobe from the example routines: the first per slot and plan, "mistake-" files left out."""
    if routines is None:
        from coursekit.engine.routines import load_example_routines

        routines = load_example_routines(catalog)
    chosen: dict[tuple[str, str], Routine] = {}
    for stem, routine in routines.items():
        if stem.startswith("mistake"):
            continue
        chosen.setdefault((routine.slot, routine.plan), routine)
    return Wardrobe(routines=tuple(chosen.values()))


@dataclass(frozen=True, slots=True, kw_only=True)
class WeekChoices:
    """What the learner chose: training days, anchor moments by slot, days swapped to plan B."""

    days: tuple[str, ...] = ()
    anchors: tuple[tuple[str, str], ...] = ()
    swapped: tuple[str, ...] = ()


class WeekState(traitlets.HasTraits):
    """The planner's state: one frozen set of choices, replaced (never mutated) on each change."""

    choices = traitlets.Instance(WeekChoices)

    @property
    def days(self) -> tuple[str, ...]:
        return self.choices.days

    @property
    def anchors(self) -> dict[str, str]:
        return dict(self.choices.anchors)

    @property
    def swapped(self) -> tuple[str, ...]:
        return self.choices.swapped


class WeekPlanner(CourseWidget):
    """A week laid over a wardrobe: demanding and lighter days alternate, rest on the others."""

    def __init__(
        self,
        wardrobe: Wardrobe | Iterable[Routine] | None = None,
        catalog: Catalog | None = None,
        *,
        days: Sequence[str] = DEFAULT_DAYS,
        anchors: Mapping[str, str] | None = None,
        figure: bool | str = "auto",
    ) -> None:
        super().__init__(layout=w.Layout(width="auto"))
        check_figure_mode(figure)
        catalog = default_catalog(catalog)
        if wardrobe is None:
            wardrobe = example_wardrobe(catalog)
        elif not isinstance(wardrobe, Wardrobe):
            wardrobe = Wardrobe(routines=tuple(wardrobe))
        self.catalog = catalog
        self.wardrobe = wardrobe
        clean_days = weekdays(days)
        clean_anchors = {k: v.strip() for k, v in dict(anchors or {}).items() if v and v.strip()}
        self._plan = self._make(clean_days, clean_anchors, ())  # raises on a bad start
        self.state = WeekState(choices=WeekChoices(days=clean_days, anchors=tuple(clean_anchors.items())))
        self.message = MessageArea()
        self._syncing = False

        self.day_boxes = {
            d: w.Checkbox(
                value=d in clean_days,
                description=d,
                indent=False,
                layout=w.Layout(width="auto"),
                style=_INITIAL,
            )
            for d in WEEKDAYS
        }
        for box in self.day_boxes.values():
            box.observe(self._on_day_box, names="value")
        slots = list(dict.fromkeys(r.slot for r in wardrobe))
        self.anchor_texts = {}
        for slot in slots:
            text = w.Text(
                value=clean_anchors.get(slot, ""),
                description=f"{slot.capitalize()} anchor",
                placeholder=f"e.g. {DEFAULT_MOMENTS[slot]}",
                continuous_update=False,
                style=_INITIAL,
            )
            text.observe(
                lambda ch, slot=slot: self._from_control(self.set_anchor, slot, ch["new"]), names="value"
            )
            self.anchor_texts[slot] = text
        self.swap_menu = w.Dropdown(
            options=[("choose a day", "")] + [(d, d) for d in WEEKDAYS],
            value="",
            description="Swap a day to plan B (flare-up)",
            style=_INITIAL,
        )
        self.swap_menu.observe(self._on_swap_menu, names="value")
        self.restore_button = w.Button(
            description="Back to plan A",
            icon="undo",
            tooltip="Undo every swap to plan B",
            layout=w.Layout(width="auto"),
        )
        self.restore_button.on_click(lambda _b: self.restore())
        self.schedule = w.HTML()
        self.picture = FigureSlot(figure)
        self.state.observe(self._render, names=["choices"])
        self.children = (
            w.HTML(
                '<h4 style="margin:4px 0">Week planner</h4>'
                '<p style="margin:2px 0">Tick the days you can train:</p>'
            ),
            w.HBox(list(self.day_boxes.values()), layout=w.Layout(flex_flow="row wrap")),
            *self.anchor_texts.values(),
            w.HBox([self.swap_menu, self.restore_button], layout=w.Layout(flex_flow="row wrap")),
            self.message,
            self.schedule,
            self.picture,
        )
        self._render()

    # -- plumbing

    def _make(self, days: tuple[str, ...], anchors: Mapping[str, str], swapped: tuple[str, ...]) -> WeekPlan:
        plan = plan_week(self.wardrobe, self.catalog, days=list(days), anchors=anchors)
        for day in swapped:
            plan = swap_to_plan_b(plan, day)
        return plan

    def _commit(self, **changes: Any) -> None:
        """Build the plan with the changes first (a bad value raises), then store them."""
        if "anchors" in changes:
            changes["anchors"] = tuple(changes["anchors"].items())
        choices = replace(self.state.choices, **changes)
        self._plan = self._make(choices.days, dict(choices.anchors), choices.swapped)
        self.message.clear()
        self.state.choices = choices  # one assignment, one render

    def _from_control(self, method: Any, *args: Any) -> None:
        if not self._syncing:
            method(*args)

    def _on_day_box(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self.set_days([d for d, box in self.day_boxes.items() if box.value])

    def _on_swap_menu(self, change: dict[str, Any]) -> None:
        if not self._syncing and change["new"]:
            self.swap(change["new"])

    # -- controller: what the controls call, and what tests and notebooks call

    @reports_errors
    def set_days(self, days: Iterable[str]) -> None:
        """The weekdays the learner can train (``["Mon", "Wed", "Fri"]``); the others rest."""
        chosen = weekdays(days)
        self._commit(days=chosen, swapped=tuple(d for d in self.state.swapped if d in chosen))

    @reports_errors
    def set_anchor(self, slot: str, moment: str) -> None:
        """Hang a slot's session on a daily moment (``"after the first coffee"``); '' removes it."""
        if not isinstance(moment, str):
            raise InvalidModel(f"an anchor moment must be text, got {type(moment).__name__}")
        moment = " ".join(moment.split())
        if len(moment) > MAX_ANCHOR:
            raise InvalidModel(f"an anchor moment must be at most {MAX_ANCHOR} characters, got {len(moment)}")
        anchors = dict(self.state.anchors)
        if moment:
            anchors[slot] = moment
        else:
            anchors.pop(slot, None)
        self._commit(anchors=anchors)

    @reports_errors
    def swap(self, day: str) -> None:
        """Make ``day`` a flare-up day: each session uses its slot's plan-B routine."""
        name = weekday(day)
        if name not in self.state.swapped:
            self._commit(swapped=self.state.swapped + (name,))

    @reports_errors
    def restore(self, day: str | None = None) -> None:
        """Put ``day`` (or every swapped day) back on plan A."""
        if day is None:
            self._commit(swapped=())
        else:
            name = weekday(day)
            self._commit(swapped=tuple(d for d in self.state.swapped if d != name))

    # -- reading

    @property
    def plan(self) -> WeekPlan:
        """The week as planned now (with any plan-B swaps)."""
        return self._plan

    def table(self) -> pd.DataFrame:
        """Minutes and load per day: the table behind the load chart."""
        return weekly_load(self._plan, self.catalog)

    @property
    def training_days(self) -> int:
        return 7 - self._plan.count("rest")

    @property
    def minutes(self) -> float:
        """Minutes of exercise in the week."""
        return sum(d.minutes for d in self._plan.days)

    def summary(self) -> str:
        """The week as text: one line per day."""
        return str(self._plan)

    # -- view

    def schedule_html(self) -> str:
        """The seven days as an HTML table; every routine name and anchor is escaped."""
        loads = weekly_load_rows(self._plan, self.catalog)
        head = "".join(
            f'<th scope="col" style="text-align:left;padding:3px 8px">{h}</th>'
            for h in ("Day", "Kind", "Plan", "Sessions", "Minutes", "Load")
        )
        rows = []
        for d, row in zip(self._plan.days, loads, strict=True):
            if d.sessions:
                body = "<br>".join(
                    f"{escape(s.routine.name)} <em>({escape(s.moment)}, {s.minutes:.0f} min)</em>"
                    for s in d.sessions
                )
                if d.kind == "flare-up":
                    body += f'<br><span style="font-size:90%">{escape(d.note)}</span>'
            else:
                body = escape(d.note)
            cells = (
                f'<th scope="row" style="text-align:left;padding:3px 8px">{d.day}</th>',
                f'<td style="padding:3px 8px">{escape(d.kind)}</td>',
                f'<td style="padding:3px 8px">{escape(d.plan or "-")}</td>',
                f'<td style="padding:3px 8px">{body}</td>',
                f'<td style="padding:3px 8px;text-align:right">{row["minutes"]:g}</td>',
                f'<td style="padding:3px 8px;text-align:right">{row["load"]:g}</td>',
            )
            rows.append(f'<tr style="background:{_KIND_BACKGROUND[d.kind]}">{"".join(cells)}</tr>')
        return (
            '<table style="border-collapse:collapse;margin:6px 0">'
            f'<caption style="text-align:left;font-weight:bold">{escape(self.summary().splitlines()[0])}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def _render(self, change: dict[str, Any] | None = None) -> None:
        self._syncing = True
        try:
            for d, box in self.day_boxes.items():
                box.value = d in self.state.days
            for slot, text in self.anchor_texts.items():
                text.value = self.state.anchors.get(slot, "")
            self.swap_menu.value = ""
            self.restore_button.disabled = not self.state.swapped
        finally:
            self._syncing = False
        self.schedule.value = self.schedule_html()
        from coursekit.plots.week import week_load_alt

        self.picture.update(
            self._figure_of_week, alt=week_load_alt(weekly_load_rows(self._plan, self.catalog))
        )

    def _figure_of_week(self) -> str:
        # an inline SVG: milliseconds per change, where a matplotlib PNG takes a few hundred
        from coursekit.plots.week import week_load_svg

        return week_load_svg(weekly_load_rows(self._plan, self.catalog))

    def __repr__(self) -> str:
        n = self.training_days
        return f"WeekPlanner({n} training day{'s' if n != 1 else ''}, {self.minutes:.0f} min)"

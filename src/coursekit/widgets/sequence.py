"""The session orderer of notebook 05: reorder a routine and watch the critique change.

Each item has Up and Down buttons; after every move the critique findings, and a phase
strip figure, are drawn again. Driven from Python exactly as from the browser::

    orderer = SessionOrderer(routine, catalog)
    orderer.move(3, 0)
    print(orderer.report())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import traitlets

from coursekit.engine.critique import Finding, critique, format_findings
from coursekit.engine.routines import Routine
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

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog

__all__ = ["SessionOrderer"]

_PHASE_BADGE = {"soften": "#d8effa", "organize": "#d5f0e6", "strengthen": "#fbe0cf"}
_SEVERITY_ICON = {"warning": "⚠", "info": "ℹ"}


class OrdererState(traitlets.HasTraits):
    """The orderer's state: the routine (a frozen model, replaced on every move)."""

    routine = traitlets.Instance(Routine)


class SessionOrderer(CourseWidget):
    """A routine's items with Up / Down buttons, its live critique and its phase strip."""

    def __init__(self, routine: Routine, catalog: Catalog, *, figure: bool | str = "auto") -> None:
        super().__init__(layout=w.Layout(width="auto"))
        check_figure_mode(figure)
        if not isinstance(routine, Routine):
            raise InvalidModel(f"SessionOrderer needs a Routine, got {type(routine).__name__}")
        routine.check(catalog)
        self.catalog = catalog
        self.state = OrdererState(routine=routine)
        self.message = MessageArea()
        # Rows are fixed (one per position); their labels and button descriptions follow the items.
        self.rows: list[tuple[w.HTML, w.Button, w.Button]] = []
        for pos in range(len(routine.items)):
            label = w.HTML(layout=w.Layout(flex="1 1 auto"))
            up = w.Button(icon="arrow-up", layout=w.Layout(width="auto"))
            down = w.Button(icon="arrow-down", layout=w.Layout(width="auto"))
            up.on_click(lambda _b, pos=pos: self.up(pos))
            down.on_click(lambda _b, pos=pos: self.down(pos))
            self.rows.append((label, up, down))
        self.title = w.HTML()
        self.findings_html = w.HTML()
        self.figure = FigureSlot(figure)
        self.children = (
            self.title,
            w.VBox([w.HBox(list(row), layout=w.Layout(align_items="center")) for row in self.rows]),
            self.message,
            self.findings_html,
            self.figure,
        )
        self.state.observe(self._render, names=["routine"])
        self._render()

    # -- controller

    @reports_errors
    def move(self, index: int, new_index: int) -> None:
        """Move item ``index`` so that it ends up at ``new_index`` (numbered from 0)."""
        self.state.routine = self.state.routine.move(index, new_index)
        self.message.clear()

    def up(self, index: int) -> None:
        """Move item ``index`` one place earlier (what its Up button does)."""
        if index == 0:
            self.message.show("info", "The first item cannot move further up.")
            return
        self.move(index, index - 1)

    def down(self, index: int) -> None:
        """Move item ``index`` one place later (what its Down button does)."""
        if index == len(self.state.routine.items) - 1:
            self.message.show("info", "The last item cannot move further down.")
            return
        self.move(index, index + 1)

    @property
    def routine(self) -> Routine:
        return self.state.routine

    def findings(self) -> list[Finding]:
        """The critique of the routine in its current order."""
        return critique(self.state.routine, self.catalog)

    def report(self) -> str:
        """The routine in its current order and its findings, as printable text."""
        return f"{self._listing()}\n{format_findings(self.findings())}"

    # -- view

    def _listing(self) -> str:
        r = self.state.routine
        lines = [f"{r.name} ({r.slot}, plan {r.plan})"]
        for i, (it, ex) in enumerate(zip(r.items, r.exercises_in(self.catalog), strict=True)):
            lines.append(f"  {i}. {ex.name} [{it.phase_in(self.catalog)}]")
        return "\n".join(lines)

    def _render(self, change: Any = None) -> None:
        r = self.state.routine
        exercises = r.exercises_in(self.catalog)
        self.title.value = f'<h4 style="margin:4px 0">Put the session in order: {escape(r.name)}</h4>'
        last = len(r.items) - 1
        for pos, ((label, up, down), it, ex) in enumerate(zip(self.rows, r.items, exercises, strict=True)):
            phase = it.phase_in(self.catalog)
            label.value = (
                f"{pos}. <strong>{escape(ex.name)}</strong> "
                f'<span style="background:{_PHASE_BADGE[phase]};border:1px solid #555;'
                f'border-radius:3px;padding:0 4px;font-size:90%">{escape(phase)}</span> '
                f'<span style="color:#444;font-size:90%">{escape(it.dose_text())}</span>'
            )
            up.description = f"Move {ex.name} up"
            down.description = f"Move {ex.name} down"
            up.tooltip, down.tooltip = up.description, down.description
            up.disabled = pos == 0
            down.disabled = pos == last
        findings = critique(r, self.catalog)
        if not findings:
            body = f'<p style="margin:4px 0">✓ {escape(format_findings([]))}</p>'
        else:
            items = "".join(
                f'<li style="margin:2px 0">{_SEVERITY_ICON[f.severity]} <strong>{escape(f.severity)} '
                f"{escape(f.code)}</strong>: {escape(f.message)} "
                f"<em>(principle: {escape(f.principle)}; see {escape(f.notebook)})</em></li>"
                for f in findings
            )
            body = f'<ul style="margin:2px 0 4px 1.2em;padding:0">{items}</ul>'
        self.findings_html.value = (
            f'<div role="status" aria-live="polite"><p style="margin:4px 0"><strong>Critique '
            f"({len(findings)} finding{'' if len(findings) == 1 else 's'})</strong></p>{body}</div>"
        )
        self.figure.update(lambda: _figure(r, self.catalog), alt=_alt(r, self.catalog))

    def __repr__(self) -> str:
        r = self.state.routine
        n = len(self.findings())
        return f"SessionOrderer({r.name!r}, {len(r.items)} items, {n} finding{'' if n == 1 else 's'})"


def _alt(routine: Routine, catalog: Catalog) -> str:
    order = ", ".join(
        f"{ex.name} ({it.phase_in(catalog)})"
        for it, ex in zip(routine.items, routine.exercises_in(catalog), strict=True)
    )
    return f"Phase strip of {routine.name}, in order: {order}."


def _figure(routine: Routine, catalog: Catalog) -> Any:
    from matplotlib.figure import Figure

    from coursekit.plots.sequence import phase_strip

    width = max(4.0, 1.6 * len(routine.items) + 2.0)
    fig = Figure(figsize=(width, 2.4))
    # Fixed margins instead of a layout engine: several times faster on every redraw.
    fig.subplots_adjust(left=0.6 / width, right=1 - 1.5 / width, bottom=0.22, top=0.86)
    phase_strip(routine, catalog, ax=fig.subplots())
    return fig

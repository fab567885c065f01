"""The routine builder and the movement wardrobe: the capstone widgets (notebook 13, app mode).

Driven from Python exactly as from the browser::

    builder = RoutineBuilder()
    builder.rename("Morning three")
    builder.add("crocodile-breathing"); builder.add("bird-dog"); builder.add("glute-bridge")
    builder.set_dose(1, sets=2, reps=8)
    builder.set_tempo(1, "3-1-2-0")
    print(builder.report())                 # duration, time under tension, critique
    builder.export_json("my_routines")      # my_routines/morning-three.json
    builder.handout("handouts")             # HTML + PDF routine card

    wardrobe = WardrobeBuilder(builder)
    wardrobe.add_current()                  # the builder's routine goes to (slot, plan)
    print(wardrobe.week())                  # the week plan of coursekit.engine.planner

Every control calls one of these public methods; a wrong value (a bad tempo, 0 sets, two
dose kinds) shows a message inside the widget instead of raising. The state is a traitlets
object holding the frozen :class:`~coursekit.engine.routines.Routine`; one observer re-renders.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import traitlets

from coursekit.content import enums
from coursekit.engine.critique import ceiling_min, critique, format_findings
from coursekit.engine.routines import Routine, load_routine
from coursekit.errors import CourseKitError, InvalidModel
from coursekit.widgets import _shared as w
from coursekit.widgets._base import (
    CourseWidget,
    FigureSlot,
    MessageArea,
    check_figure_mode,
    default_catalog,
    escape,
    figure_html,
)

__all__ = ["RoutineBuilder", "WardrobeBuilder", "WARDROBE_SLOTS", "duration_text"]

ANY = "any"
#: The slots a wardrobe holds (a custom routine is built but not worn in the wardrobe).
WARDROBE_SLOTS = ("morning", "office", "travel", "evening")
#: The catalog filters, in the order the dropdowns show them, with their choices.
FILTERS: dict[str, tuple[str, ...]] = {
    "family": enums.FAMILIES,
    "phase": enums.PHASES,
    "setting": enums.SETTINGS,
    "position": enums.POSITIONS,
    "flare_up": enums.FLARE_UP,
}
_FILTER_LABELS = {
    "family": "Movement family",
    "phase": "Phase",
    "setting": "Setting",
    "position": "Position",
    "flare_up": "Flare-up use",
}
_KIND_LABELS = {"reps": "reps", "hold_s": "hold (s)", "breaths": "breaths"}
_INITIAL = {"description_width": "initial"}
_SEVERITY_STYLE = {"warning": ("#664d03", "#fff4d6"), "info": ("#0b4f6c", "#e8f1f8")}


def duration_text(seconds: float) -> str:
    """``'11 min 20 s'`` (whole seconds; ``'45 s'`` under a minute)."""
    total = int(round(seconds))
    minutes, secs = divmod(total, 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min" + (f" {secs} s" if secs else "")


def _plain(text: str) -> str:
    """Learner text safe for a matplotlib title: a ``$`` would start mathtext."""
    return text.replace("$", r"\$")


def _count(n: int) -> str:
    return "no items" if n == 0 else f"{n} item" + ("" if n == 1 else "s")


def _parse_tempo(routine: Routine, index: int, text: str) -> Any:
    """A tempo from text ('' means the exercise's own); errors name the item."""
    from coursekit.content.tempo import Tempo

    if not text.strip():
        return None
    try:
        return Tempo.parse(text)
    except InvalidModel as err:
        n = len(routine.items)
        where = f"item {index % n}: " if n and -n <= index < n else ""
        raise InvalidModel(f"{where}{err}") from None


class _Messages(MessageArea):
    """The builder's message area; remembers the last message as plain text."""

    text = traitlets.Unicode("")

    def show(self, kind: str, text: str, *, escaped: bool = False) -> None:
        self.text = text
        super().show(kind, text, escaped=escaped)

    def clear(self) -> None:
        self.text = ""
        super().clear()


def _reported(method: Any) -> Any:
    """A controller method: a kit error (or unknown id) becomes a message in the widget."""
    import functools

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            result = method(self, *args, **kwargs)
        except (CourseKitError, KeyError) as err:
            text = err.args[0] if isinstance(err, KeyError) and err.args else str(err)
            self.message.show("error", str(text))
            return None
        except OSError as err:  # a folder that cannot be written, a file that cannot be read
            self.message.show(
                "error", f"{getattr(err, 'filename', '') or ''}: {err.strerror or err}".lstrip(": ")
            )
            return None
        return result

    return wrapper


def _control(widget: w.Widget, css: str) -> w.Widget:
    widget.add_class(css)
    return widget


class BuilderState(traitlets.HasTraits):
    """What the builder shows: the routine, the selected item, and the catalog filters."""

    routine = traitlets.Instance(Routine)
    selected = traitlets.Int(-1)
    filters = traitlets.Dict()


class RoutineBuilder(CourseWidget):
    """Browse the catalog, build a routine, see its duration, critique and timeline live."""

    def __init__(
        self,
        catalog: Any = None,
        routine: Routine | None = None,
        *,
        journal: Any = "auto",
        figure: bool | str = "auto",
        folder: str = "my_routines",
    ) -> None:
        super().__init__(layout=w.Layout(width="auto"))
        self.add_class("ck-routine-builder")
        catalog = default_catalog(catalog)
        if not (journal is None or journal == "auto" or callable(getattr(journal, "save_routine", None))):
            raise InvalidModel("RoutineBuilder.journal must be 'auto', None or an object with save_routine()")
        check_figure_mode(figure)
        routine = routine if routine is not None else Routine.empty()
        routine.check(catalog)
        self.catalog = catalog
        self._journal = journal
        self._figure = figure
        self._syncing = False
        self._batch = False
        self.message = _Messages()
        self.message.add_class("ck-message")
        self.state = BuilderState(routine=routine, selected=len(routine.items) - 1, filters={})
        self._build_controls(folder)
        self.state.observe(self._render, names=["routine", "selected", "filters"])
        self._refresh_saved(quiet=True)
        self._render()

    # -- layout -------------------------------------------------------------------------

    def _build_controls(self, folder: str) -> None:
        r = self.state.routine
        # routine-level
        self.name_text = _control(
            w.Text(value=r.name, description="Routine name", continuous_update=False, style=_INITIAL),
            "ck-routine-name",
        )
        self.name_text.observe(lambda ch: self._from_control(self.rename, ch["new"]), names="value")
        self.slot_menu = _control(
            w.Dropdown(options=list(enums.SLOTS), value=r.slot, description="Slot", style=_INITIAL), "ck-slot"
        )
        self.slot_menu.observe(lambda ch: self._from_control(self.set_slot, ch["new"]), names="value")
        self.plan_toggle = _control(
            w.ToggleButtons(
                options=[("Plan A (normal day)", "A"), ("Plan B (flare-up day)", "B")],
                value=r.plan,
                description="Plan",
                style=_INITIAL,
                tooltips=["normal day", "flare-up day"],
            ),
            "ck-plan",
        )
        self.plan_toggle.observe(lambda ch: self._from_control(self.set_plan, ch["new"]), names="value")
        # catalog browser
        self.filter_menus: dict[str, w.Dropdown] = {}
        for key, values in FILTERS.items():
            menu = w.Dropdown(
                options=[ANY, *values],
                value=ANY,
                description=_FILTER_LABELS[key],
                style=_INITIAL,
                layout=w.Layout(width="auto"),
            )
            menu.add_class(f"ck-filter-{key.replace('_', '-')}")
            menu.observe(lambda ch: self._from_control(self._filter_from_controls), names="value")
            self.filter_menus[key] = menu
        self.search_text = _control(
            w.Text(
                value="",
                description="Search",
                placeholder="name or alias",
                continuous_update=False,
                style=_INITIAL,
            ),
            "ck-search",
        )
        self.search_text.observe(lambda ch: self._from_control(self._filter_from_controls), names="value")
        self.matches_list = _control(
            w.Select(
                options=[],
                rows=8,
                description="Exercises",
                style=_INITIAL,
                layout=w.Layout(width="auto", min_width="22em"),
            ),
            "ck-matches",
        )
        self.add_button = _control(
            w.Button(
                description="Add", icon="plus", tooltip="Add the chosen exercise", button_style="primary"
            ),
            "ck-add",
        )
        self.add_button.on_click(lambda _b: self._add_from_controls())
        # items
        self.items_list = _control(
            w.Select(
                options=[],
                rows=8,
                description="Routine",
                style=_INITIAL,
                layout=w.Layout(width="auto", min_width="26em"),
            ),
            "ck-items",
        )
        self.items_list.observe(lambda ch: self._from_control(self.select, ch["new"]), names="value")
        self.remove_button = _control(
            w.Button(description="Remove", icon="trash", tooltip="Remove the selected item"), "ck-remove"
        )
        self.remove_button.on_click(lambda _b: self.remove(self.state.selected))
        self.up_button = _control(
            w.Button(description="Up", icon="arrow-up", tooltip="Move the selected item up"), "ck-up"
        )
        self.up_button.on_click(lambda _b: self.move(self.state.selected, self.state.selected - 1))
        self.down_button = _control(
            w.Button(description="Down", icon="arrow-down", tooltip="Move the selected item down"), "ck-down"
        )
        self.down_button.on_click(lambda _b: self.move(self.state.selected, self.state.selected + 1))
        # item editor
        self.sets_box = _control(
            w.IntText(value=1, description="Sets", style=_INITIAL, layout=w.Layout(width="9em")), "ck-sets"
        )
        self.kind_menu = _control(
            w.Dropdown(
                options=[(v, k) for k, v in _KIND_LABELS.items()],
                value="reps",
                description="Dose",
                style=_INITIAL,
                layout=w.Layout(width="11em"),
            ),
            "ck-dose-kind",
        )
        self.amount_box = _control(
            w.IntText(value=1, description="Amount", style=_INITIAL, layout=w.Layout(width="10em")),
            "ck-amount",
        )
        self.tempo_text = _control(
            w.Text(
                value="",
                description="Tempo",
                placeholder="3-1-2-0",
                style=_INITIAL,
                layout=w.Layout(width="12em"),
            ),
            "ck-tempo",
        )
        self.rest_box = _control(
            w.IntText(value=0, description="Rest (s)", style=_INITIAL, layout=w.Layout(width="10em")),
            "ck-rest",
        )
        self.side_box = _control(
            w.Checkbox(
                value=False,
                description="Per side",
                indent=False,
                style=_INITIAL,
                layout=w.Layout(width="auto"),
            ),
            "ck-per-side",
        )
        self.apply_button = _control(
            w.Button(description="Apply dose", icon="check", tooltip="Apply this dose to the selected item"),
            "ck-apply",
        )
        self.apply_button.on_click(lambda _b: self._edit_from_controls())
        # journal and files
        self.save_button = _control(
            w.Button(description="Save to journal", icon="save", tooltip="Save this routine in your journal"),
            "ck-save",
        )
        self.save_button.on_click(lambda _b: self.save())
        self.saved_menu = _control(
            w.Dropdown(
                options=[("(no saved routines)", "")], value="", description="Saved routines", style=_INITIAL
            ),
            "ck-load-select",
        )
        self.load_button = _control(
            w.Button(description="Load", icon="folder-open", tooltip="Load the chosen saved routine"),
            "ck-load",
        )
        self.load_button.on_click(lambda _b: self.load(self.saved_menu.value))
        self.folder_text = _control(w.Text(value=folder, description="Folder", style=_INITIAL), "ck-folder")
        self.export_button = _control(
            w.Button(
                description="Export JSON",
                icon="download",
                tooltip="Write the routine as JSON into the folder",
            ),
            "ck-export",
        )
        self.export_button.on_click(lambda _b: self.export_json(self.folder_text.value))
        self.import_text = _control(
            w.Text(value="", description="JSON file", placeholder="my_routines/x.json", style=_INITIAL),
            "ck-import-path",
        )
        self.import_button = _control(
            w.Button(description="Import JSON", icon="upload", tooltip="Read a routine from a JSON file"),
            "ck-import",
        )
        self.import_button.on_click(lambda _b: self.import_json(self.import_text.value))
        self.handout_button = _control(
            w.Button(
                description="Make handout",
                icon="print",
                tooltip="Write the routine card (HTML and PDF) into the folder",
            ),
            "ck-handout",
        )
        self.handout_button.on_click(lambda _b: self.handout(self.folder_text.value))
        # views
        self.title_html = _control(w.HTML(), "ck-title")
        self.duration_html = _control(w.HTML(), "ck-duration")
        self.critique_html = _control(w.HTML(), "ck-critique")
        self.timeline_html = _control(FigureSlot(self._figure), "ck-timeline")
        self.files_html = _control(w.HTML(), "ck-files")

        row = w.Layout(flex_flow="row wrap", align_items="center")
        self.children = (
            self.title_html,
            w.HBox([self.name_text, self.slot_menu], layout=row),
            self.plan_toggle,
            w.HTML('<h4 style="margin:6px 0 2px">1. Choose exercises from the catalog</h4>'),
            w.HBox(list(self.filter_menus.values()) + [self.search_text], layout=row),
            w.HBox([self.matches_list, self.add_button], layout=row),
            w.HTML('<h4 style="margin:6px 0 2px">2. Order and dose them</h4>'),
            w.HBox(
                [self.items_list, w.VBox([self.up_button, self.down_button, self.remove_button])], layout=row
            ),
            w.HBox(
                [
                    self.sets_box,
                    self.kind_menu,
                    self.amount_box,
                    self.tempo_text,
                    self.rest_box,
                    self.side_box,
                    self.apply_button,
                ],
                layout=row,
            ),
            self.message,
            w.HTML('<h4 style="margin:6px 0 2px">3. Check it</h4>'),
            self.duration_html,
            self.critique_html,
            self.timeline_html,
            w.HTML('<h4 style="margin:6px 0 2px">4. Keep it</h4>'),
            w.HBox([self.save_button, self.saved_menu, self.load_button], layout=row),
            w.HBox([self.folder_text, self.export_button, self.handout_button], layout=row),
            w.HBox([self.import_text, self.import_button], layout=row),
            self.files_html,
        )

    # -- plumbing -----------------------------------------------------------------------

    def _from_control(self, method: Any, *args: Any) -> None:
        if not self._syncing:
            method(*args)

    def _commit(self, routine: Routine, *, selected: int | None = None) -> None:
        """Store a new routine (already valid) and the selection; the observer re-renders."""
        self.message.clear()
        n = len(routine.items)
        if selected is None:
            selected = self.state.selected
        selected = min(max(selected, 0 if n else -1), n - 1)
        self._batch = True  # two traits change; render once
        try:
            self.state.routine = routine
            self.state.selected = selected
        finally:
            self._batch = False
        self._render()

    def _filter_from_controls(self) -> None:
        values = {k: m.value for k, m in self.filter_menus.items()}
        self.filter(**values, text=self.search_text.value)

    def _add_from_controls(self) -> None:
        if not self.matches_list.value:
            self.message.show("error", "Choose an exercise in the list first, then press Add.")
            return
        self.add(self.matches_list.value)

    def _edit_from_controls(self) -> None:
        i = self.state.selected
        if i < 0:
            self.message.show("error", "Add an exercise and select it before changing its dose.")
            return
        kind = self.kind_menu.value
        changes: dict[str, Any] = {
            "sets": self.sets_box.value,
            kind: self.amount_box.value,
            "rest_s": self.rest_box.value,
            "per_side": self.side_box.value,
        }
        if kind == "reps":
            changes["tempo"] = self.tempo_text.value.strip() or None
        elif self.tempo_text.value.strip():
            self.message.show(
                "error", f"A tempo only goes with reps; clear the tempo box for a {_KIND_LABELS[kind]} dose."
            )
            return
        self.set_dose(i, **changes)

    # -- controller: what the controls call, and what tests and notebooks call ---------

    @property
    def routine(self) -> Routine:
        """The routine as built so far (a frozen Routine)."""
        return self.state.routine

    @_reported
    def add(self, exercise_id: str, **dose: Any) -> None:
        """Add an exercise with its catalog dose (``add("bird-dog")``); ``dose`` overrides it."""
        exercise = self.catalog[exercise_id]
        routine = self.routine.add(exercise, **dose)
        self._commit(routine, selected=len(routine.items) - 1)

    @_reported
    def remove(self, index: int) -> None:
        """Remove item ``index`` (items are numbered from 0)."""
        self._commit(self.routine.without(index))

    @_reported
    def move(self, index: int, new_index: int) -> None:
        """Move item ``index`` to ``new_index``; the moved item stays selected."""
        routine = self.routine.move(index, new_index)
        self._commit(routine, selected=new_index % len(routine.items))

    @_reported
    def select(self, index: int) -> None:
        """Select item ``index`` for the dose editor."""
        if index is None:
            return
        n = len(self.routine.items)
        if not -n <= index < n:
            raise InvalidModel(
                f"there is no item {index}: items are numbered 0 to {n - 1}"
                if n
                else "the routine has no items yet"
            )
        self.state.selected = index % n

    @_reported
    def set_dose(self, index: int, **changes: Any) -> None:
        """Change an item's dose: sets, reps / hold_s / breaths, tempo, rest_s, per_side."""
        if isinstance(changes.get("tempo"), str):
            changes["tempo"] = _parse_tempo(self.routine, index, changes["tempo"])
        self._commit(self.routine.with_dose(index, **changes), selected=index)

    @_reported
    def set_tempo(self, index: int, tempo: str | None) -> None:
        """Set a reps item's tempo (``"3-1-2-0"``); ``""`` or None uses the exercise's own."""
        if isinstance(tempo, str):
            tempo = _parse_tempo(self.routine, index, tempo)
        self._commit(self.routine.with_dose(index, tempo=tempo), selected=index)

    @_reported
    def rename(self, name: str) -> None:
        """Give the routine a name (printed on the handout and in the journal)."""
        if isinstance(name, str):
            name = " ".join(name.split())
        self._commit(self.routine.renamed(name))

    @_reported
    def set_slot(self, slot: str) -> None:
        """The moment of the day: morning, office, travel, evening or custom."""
        self._commit(self.routine.with_slot(slot))

    @_reported
    def set_plan(self, plan: str) -> None:
        """Plan A (a normal day) or plan B (a flare-up day)."""
        self._commit(self.routine.with_plan(plan))

    @_reported
    def set_routine(self, routine: Routine) -> None:
        """Replace the whole routine (every exercise must be in the catalog)."""
        if not isinstance(routine, Routine):
            raise InvalidModel(f"set_routine needs a Routine, got {type(routine).__name__}")
        self._commit(routine.check(self.catalog), selected=len(routine.items) - 1)

    @_reported
    def clear(self) -> None:
        """Start again: the same name, slot and plan, no items."""
        self._commit(Routine.empty(self.routine.name, self.routine.slot, self.routine.plan), selected=-1)

    @_reported
    def filter(
        self,
        *,
        family: str | None = None,
        phase: str | None = None,
        setting: str | None = None,
        position: str | None = None,
        flare_up: str | None = None,
        text: str | None = None,
    ) -> None:
        """Narrow the exercise list; ``None`` or ``"any"`` leaves a filter open."""
        given = {
            "family": family,
            "phase": phase,
            "setting": setting,
            "position": position,
            "flare_up": flare_up,
        }
        filters = {k: v for k, v in given.items() if v not in (None, "", ANY)}
        if text and text.strip():
            filters["text"] = text.strip()
        self.catalog.filter(**filters)  # a value outside the vocabulary raises here
        self.state.filters = filters

    @property
    def matches(self) -> list[Any]:
        """The catalog exercises that pass the current filters."""
        return self.catalog.filter(**self.state.filters)

    # -- journal, files, handout --------------------------------------------------------

    def _open_journal(self) -> Any:
        if self._journal is None:
            raise InvalidModel(
                "this builder has no journal (journal=None); export the routine as JSON instead"
            )
        if self._journal == "auto":
            from coursekit.journal.store import Journal

            return Journal.open()
        return self._journal

    def _close_journal(self, journal: Any) -> None:
        if self._journal == "auto":
            journal.close()

    def saved_names(self) -> list[str]:
        """Names of the routines saved in the journal."""
        journal = self._open_journal()
        try:
            return [s.name for s in journal.routines()]
        finally:
            self._close_journal(journal)

    def _refresh_saved(self, *, quiet: bool = False) -> None:
        if self._journal is None:
            names: list[str] = []
        elif quiet and self._journal == "auto":
            from coursekit.journal.store import journal_path

            try:
                names = self.saved_names() if journal_path().exists() else []
            except CourseKitError:
                names = []
        else:
            names = self.saved_names()
        options = [(n, n) for n in names] or [("(no saved routines)", "")]
        self._syncing = True
        try:
            self.saved_menu.options = options
            self.saved_menu.value = options[0][1]
        finally:
            self._syncing = False

    @_reported
    def save(self) -> None:
        """Save the routine in the learner journal (a routine of the same name is replaced)."""
        journal = self._open_journal()
        try:
            journal.save_routine(self.routine)
        finally:
            self._close_journal(journal)
        self._refresh_saved()
        self.saved_menu.value = self.routine.name
        self.message.show("ok", f"Saved {self.routine.name!r} in your journal.")

    @_reported
    def load(self, name: str) -> None:
        """Load a routine saved in the journal by its name."""
        if not name:
            raise InvalidModel("choose a saved routine first")
        journal = self._open_journal()
        try:
            saved = {s.name: s for s in journal.routines()}
        finally:
            self._close_journal(journal)
        if name not in saved:
            known = ", ".join(repr(n) for n in saved) or "none yet"
            raise InvalidModel(f"no saved routine named {name!r}; saved routines: {known}")
        routine = Routine.from_dict(saved[name].data, self.catalog)
        self._commit(routine, selected=len(routine.items) - 1)

    @_reported
    def export_json(self, folder: str | os.PathLike[str]) -> Path:
        """Write the routine in the exchange format to ``folder/<slug of the name>.json``."""
        from coursekit.handouts.cards import confined_path

        path = confined_path(folder, self.routine.name, ".json")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.routine.to_json(), encoding="utf-8")
        self._show_files("Exported", [path])
        return path

    @_reported
    def import_json(self, path: str | os.PathLike[str]) -> None:
        """Read a routine from a JSON file in the exchange format."""
        if not str(path).strip():
            raise InvalidModel("type the path of a routine JSON file first")
        routine = load_routine(Path(path), self.catalog)
        self._commit(routine, selected=len(routine.items) - 1)

    @_reported
    def handout(self, folder: str | os.PathLike[str], *, pdf: bool = True) -> tuple[Path, Path | None]:
        """Write the routine card as HTML and PDF into ``folder``; returns both paths.

        This is what the Handout button calls. ``pdf=False`` writes the HTML card only (the
        PDF path is then None): it takes milliseconds, where the PDF takes about a second.
        """
        from coursekit.handouts.cards import write_routine_card

        card = write_routine_card(self.routine, self.catalog, folder, pdf=pdf)
        self._show_files("Handout written", [p for p in (card.html, card.pdf) if p is not None])
        return card.html, card.pdf

    def _show_files(self, what: str, paths: Iterable[Path]) -> None:
        items = "".join(f"<li><code>{escape(p)}</code></li>" for p in paths)
        self.files_html.value = (
            f'<div role="status">{escape(what)}:<ul style="margin:2px 0">{items}</ul></div>'
        )

    # -- reading ------------------------------------------------------------------------

    @property
    def duration_s(self) -> float:
        return self.routine.duration_s(self.catalog)

    @property
    def minutes(self) -> float:
        return self.routine.minutes(self.catalog)

    @property
    def time_under_tension_s(self) -> float:
        return self.routine.time_under_tension_s(self.catalog)

    def findings(self) -> list[Any]:
        """The critique of the routine (empty when it follows every rule)."""
        return critique(self.routine, self.catalog)

    def item_label(self, index: int) -> str:
        """``'[1] Bird dog: 2 × 6 reps per side, tempo 3-1-2-0'`` (numbered from 0, as in the critique)."""
        item = self.routine.items[index]
        return f"[{index}] {self.catalog[item.exercise].name}: {item.dose_text()}"

    def report(self) -> str:
        """The routine as text: items, duration, time under tension and the critique."""
        r = self.routine
        lines = [f"{r.name} ({r.slot}, plan {r.plan}, {_count(len(r.items))})"]
        lines += [f"  {self.item_label(i)}" for i in range(len(r.items))]
        lines.append(
            f"Duration: {duration_text(self.duration_s)} (ceiling {ceiling_min(r)} min); "
            f"time under tension: {duration_text(self.time_under_tension_s)}"
        )
        lines.append(format_findings(self.findings()))
        return "\n".join(lines)

    # -- view ---------------------------------------------------------------------------

    def critique_html_text(self, findings: Sequence[Any]) -> str:
        """The findings as an accessible list; every text escaped."""
        if not findings:
            return message_ok("No findings: this routine follows every rule the course teaches.")
        rows = []
        for f in findings:
            fg, bg = _SEVERITY_STYLE[f.severity]
            rows.append(
                f'<li style="color:{fg};background:{bg};padding:4px 8px;margin:3px 0;border-radius:4px">'
                f"<strong>{escape(f.severity)} · {escape(f.code)}</strong>: {escape(f.message)} "
                f"<em>(principle: {escape(f.principle)}; taught in notebook {escape(f.notebook)})</em></li>"
            )
        return (
            f'<div role="status"><strong>Critique: {len(findings)} finding'
            f'{"s" if len(findings) != 1 else ""}</strong><ul style="list-style:none;padding:0;margin:2px 0">'
            + "".join(rows)
            + "</ul></div>"
        )

    def _render(self, change: Mapping[str, Any] | None = None) -> None:
        if self._batch:
            return
        with w.held(*w.descendants(self)):  # one update per control, in the order shown
            self._render_held()

    def _render_held(self) -> None:
        r = self.routine
        n = len(r.items)
        sel = self.state.selected
        self._syncing = True
        try:
            self.name_text.value = r.name
            self.slot_menu.value = r.slot
            self.plan_toggle.value = r.plan
            filters = self.state.filters
            for key, menu in self.filter_menus.items():
                menu.value = filters.get(key, ANY)
            self.search_text.value = filters.get("text", "")
            matches = self.matches
            current = self.matches_list.value
            self.matches_list.options = [
                (f"{ex.name} ({ex.phase}, {ex.family.replace('_', ' ')})", ex.id) for ex in matches
            ]
            ids = [ex.id for ex in matches]
            self.matches_list.value = current if current in ids else (ids[0] if ids else None)
            self.add_button.disabled = not ids
            self.items_list.options = [(self.item_label(i), i) for i in range(n)]
            self.items_list.value = sel if 0 <= sel < n else None
            for button in (self.remove_button, self.apply_button):
                button.disabled = sel < 0
            self.up_button.disabled = sel <= 0
            self.down_button.disabled = sel < 0 or sel >= n - 1
            if 0 <= sel < n:
                item = r.items[sel]
                self.sets_box.value = item.sets
                self.kind_menu.value = item.kind
                self.amount_box.value = item.amount
                self.tempo_text.value = "" if item.tempo is None else str(item.tempo)
                self.tempo_text.placeholder = str(item.tempo_in(self.catalog) or "no tempo")
                self.rest_box.value = item.rest_s
                self.side_box.value = item.per_side
        finally:
            self._syncing = False
        self.title_html.value = (
            f'<h3 style="margin:4px 0">Routine builder: {escape(r.name)}</h3>'
            f'<p style="margin:2px 0">{escape(r.slot)} · plan {escape(r.plan)} · '
            f"{_count(n)} · {len(matches)} matching exercise{'s' if len(matches) != 1 else ''} in the catalog</p>"
        )
        ceiling = ceiling_min(r)
        over = self.duration_s > ceiling * 60
        self.duration_html.value = (
            f'<p role="status" style="margin:4px 0"><strong>Duration:</strong> {duration_text(self.duration_s)} '
            f"(ceiling for this slot and plan: {ceiling} min{', over it' if over else ''}) · "
            f"<strong>Time under tension:</strong> {duration_text(self.time_under_tension_s)}</p>"
        )
        self.critique_html.value = self.critique_html_text(self.findings())
        self._draw_timeline()

    def _draw_timeline(self) -> None:
        # The live timeline is an inline SVG: a few milliseconds, where a PNG takes hundreds.
        self.timeline_html.update(self.timeline_svg, alt=self.timeline_alt())

    def timeline_alt(self) -> str:
        """The alt text of the timeline: its length and every exercise with its phase."""
        r = self.routine
        phases = ", ".join(
            f"{self.catalog[it.exercise].name} ({it.phase_in(self.catalog)})" for it in r.items
        )
        return (
            f"Timeline of the routine over {duration_text(self.duration_s)}: "
            + (phases or "no exercises yet")
            + ". Bars are coloured by phase."
        )

    def timeline_svg(self) -> str:
        """The routine's timeline as an inline <svg> (what the builder shows live)."""
        from coursekit.plots.timeline import routine_timeline_svg

        r = self.routine
        title = f"{r.name}: {duration_text(self.duration_s)}" if r.items else r.name
        return routine_timeline_svg(r, self.catalog, title=title, alt=self.timeline_alt())

    def timeline_figure_html(self) -> str:
        """The routine's timeline, coloured by phase, as an <img> with alt text (matplotlib)."""
        from matplotlib.figure import Figure

        from coursekit.plots.timeline import routine_timeline

        r = self.routine
        n = len(r.items)
        fig = Figure(figsize=(7.0, 1.6 + 0.32 * max(n, 2)), layout="constrained")
        title = f"{_plain(r.name)}: {duration_text(self.duration_s)}" if n else _plain(r.name)
        routine_timeline(r, self.catalog, ax=fig.subplots(), title=title)
        return figure_html(fig, self.timeline_alt())

    def __repr__(self) -> str:
        r = self.routine
        return f"RoutineBuilder({r.name!r}, {r.slot}, plan {r.plan}, {_count(len(r.items))}, {self.minutes:.0f} min)"


def message_ok(text: str) -> str:
    from coursekit.widgets._base import message_html

    return message_html("ok", text)


# ---------------------------------------------------------------------------------------
# The wardrobe: one routine per (slot, plan), and its week plan


class WardrobeState(traitlets.HasTraits):
    """The wardrobe's routines by (slot, plan), the training days and the anchor moments."""

    routines = traitlets.Dict()
    days = traitlets.Tuple()
    anchors = traitlets.Dict()


class WardrobeBuilder(CourseWidget):
    """A wardrobe of routines for morning, office, travel and evening, plan A and plan B."""

    DEFAULT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")

    def __init__(
        self,
        builder: RoutineBuilder | None = None,
        routines: Iterable[Routine] = (),
        *,
        catalog: Any = None,
        days: Sequence[str] = DEFAULT_DAYS,
        anchors: Mapping[str, str] | None = None,
        figure: bool | str = "auto",
    ) -> None:
        super().__init__(layout=w.Layout(width="auto"))
        self.add_class("ck-wardrobe")
        check_figure_mode(figure)
        if builder is None:
            builder = RoutineBuilder(catalog, figure=figure)
        self.builder = builder
        self.catalog = builder.catalog
        self._figure = figure
        self.message = _Messages()
        self.message.add_class("ck-message")
        self.state = WardrobeState(routines={}, days=(), anchors={})
        self.add_button = _control(
            w.Button(
                description="Add current routine to wardrobe",
                icon="plus",
                tooltip="Put the builder's routine in its slot and plan",
                layout=w.Layout(width="auto"),
            ),
            "ck-wardrobe-add",
        )
        self.add_button.on_click(lambda _b: self.add_current())
        self.table_html = _control(w.HTML(), "ck-wardrobe-table")
        self.week_html = _control(w.HTML(), "ck-week")
        self.chart_html = _control(FigureSlot(figure), "ck-week-chart")
        self.children = (
            w.HTML('<h3 style="margin:4px 0">Your movement wardrobe</h3>'),
            self.add_button,
            self.message,
            self.table_html,
            self.week_html,
            self.chart_html,
        )
        self.state.observe(self._render, names=["routines", "days", "anchors"])
        for routine in routines:
            self.put(routine)
        self.set_days(days)
        if anchors:
            self.state.anchors = dict(anchors)
        self._render()

    # -- controller

    @_reported
    def put(self, routine: Routine) -> None:
        """Put a routine in the wardrobe under its (slot, plan), replacing what was there."""
        if not isinstance(routine, Routine):
            raise InvalidModel(f"a wardrobe holds Routines, got {type(routine).__name__}")
        if routine.slot not in WARDROBE_SLOTS:
            raise InvalidModel(
                f"the wardrobe has slots {', '.join(WARDROBE_SLOTS)}; "
                f"{routine.name!r} is a {routine.slot} routine: choose one of those slots first"
            )
        routine.check(self.catalog)
        routines = dict(self.state.routines)
        routines[(routine.slot, routine.plan)] = routine
        self.message.clear()
        self.state.routines = routines

    def add_current(self) -> None:
        """Put the builder's current routine in the wardrobe."""
        self.put(self.builder.routine)

    @_reported
    def remove(self, slot: str, plan: str = "A") -> None:
        """Take the routine of (slot, plan) out of the wardrobe."""
        if (slot, plan) not in self.state.routines:
            raise InvalidModel(f"the wardrobe has no {slot} plan {plan} routine")
        routines = dict(self.state.routines)
        del routines[(slot, plan)]
        self.message.clear()
        self.state.routines = routines

    @_reported
    def edit(self, slot: str, plan: str = "A") -> None:
        """Load the routine of (slot, plan) into the builder to change it."""
        if (slot, plan) not in self.state.routines:
            raise InvalidModel(f"the wardrobe has no {slot} plan {plan} routine")
        self.builder.set_routine(self.state.routines[(slot, plan)])

    @_reported
    def set_days(self, days: Sequence[str]) -> None:
        """The weekdays the learner can train; the others are rest days."""
        from coursekit.content.days import weekdays

        self.state.days = weekdays(days)

    @_reported
    def set_anchor(self, slot: str, moment: str) -> None:
        """Hang a slot's session on a daily moment ('after the first coffee'); '' removes it."""
        anchors = dict(self.state.anchors)
        moment = " ".join(str(moment).split())
        if moment:
            anchors[slot] = moment
        else:
            anchors.pop(slot, None)
        self.wardrobe_plan(anchors=anchors)  # check first
        self.state.anchors = anchors

    # -- reading

    @property
    def wardrobe(self) -> Any:
        """The routines as a :class:`coursekit.engine.planner.Wardrobe`."""
        from coursekit.engine.planner import Wardrobe

        return Wardrobe(routines=tuple(self.state.routines.values()))

    def get(self, slot: str, plan: str = "A") -> Routine | None:
        return self.state.routines.get((slot, plan))

    def pairs(self) -> list[tuple[str, str]]:
        """The (slot, plan) pairs filled, in slot order (``keys`` is taken by ipywidgets)."""
        return list(self.wardrobe.keys())

    def wardrobe_plan(self, *, anchors: Mapping[str, str] | None = None) -> Any:
        from coursekit.engine.planner import plan_week

        return plan_week(
            self.wardrobe,
            self.catalog,
            days=list(self.state.days),
            anchors=self.state.anchors if anchors is None else anchors,
        )

    def week(self) -> Any:
        """The week plan of the wardrobe (``coursekit.engine.planner.plan_week``)."""
        return self.wardrobe_plan()

    def load_table(self) -> Any:
        """Minutes and load per day, as a pandas table (``coursekit.engine.planner.weekly_load``)."""
        from coursekit.engine.planner import weekly_load

        return weekly_load(self.week(), self.catalog)

    def load_rows(self) -> list[dict[str, Any]]:
        """Minutes and load per day, one mapping per day: what the weekly load chart draws.

        The same numbers as :meth:`load_table`, without importing pandas.
        """
        from coursekit.engine.planner import weekly_load_rows

        return weekly_load_rows(self.week(), self.catalog)

    def missing(self) -> list[tuple[str, str]]:
        """The (slot, plan) pairs still empty."""
        return [(s, p) for s in WARDROBE_SLOTS for p in enums.PLANS if (s, p) not in self.state.routines]

    def report(self) -> str:
        """Each routine of the wardrobe with its minutes and number of findings."""
        lines = [repr(self)]
        for slot, plan in self.pairs():
            r = self.state.routines[(slot, plan)]
            found = critique(r, self.catalog)
            verdict = (
                "passes the critique"
                if not found
                else f"{len(found)} finding{'s' if len(found) != 1 else ''}"
            )
            lines.append(f"  {slot:<8} plan {plan}: {r.name} ({r.minutes(self.catalog):.0f} min, {verdict})")
        empty = self.missing()
        if empty:
            lines.append("  still empty: " + ", ".join(f"{s} {p}" for s, p in empty))
        return "\n".join(lines)

    # -- view

    def _render(self, change: Mapping[str, Any] | None = None) -> None:
        head = "".join(
            f'<th scope="col" style="padding:3px 8px;text-align:left">{h}</th>'
            for h in ("Slot", "Plan A (normal day)", "Plan B (flare-up day)")
        )
        rows = []
        for slot in WARDROBE_SLOTS:
            cells = [f'<th scope="row" style="padding:3px 8px;text-align:left">{slot}</th>']
            for plan in enums.PLANS:
                r = self.state.routines.get((slot, plan))
                if r is None:
                    cells.append('<td style="padding:3px 8px;color:#555">(empty)</td>')
                    continue
                n = len(critique(r, self.catalog))
                verdict = "passes the critique" if not n else f"{n} finding{'s' if n != 1 else ''}"
                cells.append(
                    f'<td style="padding:3px 8px">{escape(r.name)} '
                    f"<em>({r.minutes(self.catalog):.0f} min, {verdict})</em></td>"
                )
            rows.append(f"<tr>{''.join(cells)}</tr>")
        self.table_html.value = (
            '<table style="border-collapse:collapse;margin:4px 0">'
            f'<caption style="text-align:left">{escape(repr(self))}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
        try:
            plan = self.week()
        except CourseKitError as err:
            self.week_html.value = ""
            self.chart_html.show("")
            self.message.show("error", str(err))
            return
        lines = "".join(f"<li>{escape(str(d))}</li>" for d in plan.days)
        self.week_html.value = (
            f'<div role="status"><strong>{escape(str(plan).splitlines()[0])}</strong>'
            f'<ul style="font-family:monospace;list-style:none;padding:0;margin:2px 0">{lines}</ul></div>'
        )
        self._draw_chart(plan)

    def _draw_chart(self, plan: Any) -> None:
        if not self.state.routines:
            self.chart_html.show("")
            return
        from coursekit.plots.week import week_load_alt

        self.chart_html.update(self.chart_svg, alt=week_load_alt(self.load_rows()))

    def chart_svg(self) -> str:
        """The weekly load chart as an inline <svg> (what the wardrobe shows live)."""
        from coursekit.plots.week import week_load_svg

        return week_load_svg(self.load_rows())

    def __repr__(self) -> str:
        keys = self.pairs()
        if not keys:
            return "WardrobeBuilder(empty)"
        return (
            f"WardrobeBuilder({len(keys)} routine{'s' if len(keys) != 1 else ''}: "
            + ", ".join(f"{s} {p}" for s, p in keys)
            + ")"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = super()._repr_mimebundle_(**kwargs)
        if isinstance(data, dict):
            data["text/plain"] = repr(self)
        return data

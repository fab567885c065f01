"""Routines: an ordered list of dosed exercises for one moment of the day, plan A or B.

A :class:`Routine` is frozen; every edit (``add``, ``without``, ``move``, ``with_dose``,
...) returns a new routine, so a widget can swap its state in one assignment.

The exchange format (DESIGN.md §4) is what the routine builder exports and
:meth:`Routine.from_dict` reads::

    {"name": "Morning three", "slot": "morning", "plan": "A",
     "items": [{"exercise": "crocodile-breathing", "phase": null, "sets": 1,
                "reps": null, "hold_s": null, "breaths": 8, "tempo": null,
                "rest_s": 0, "per_side": false}]}

Items are numbered from 0, as in Python, in error messages, listings and critique.
A catalog dose of type ``time`` (a timed walk or carry) becomes ``hold_s`` in a routine:
a routine item counts work in reps, seconds or breaths, and seconds of continuous work are
a hold for timing purposes.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coursekit.content import enums
from coursekit.content.data import data_dir, display_path
from coursekit.content.models import SLUG, Exercise
from coursekit.content.tempo import Tempo
from coursekit.errors import DataFileError, InvalidModel

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog

__all__ = [
    "BREATH_S",
    "TRANSITION_S",
    "DEFAULT_REP_S",
    "MAX_NAME",
    "ITEM_BOUNDS",
    "ITEM_KEYS",
    "ROUTINE_KEYS",
    "DOSE_KINDS",
    "ROUTINES_FOLDER",
    "RoutineItem",
    "Routine",
    "load_routine",
    "load_example_routines",
]

#: Seconds one breath takes in a breathing drill: a slow, relaxed breath of about
#: 10 breaths a minute (inhale ~2-3 s, long exhale ~3-4 s).
BREATH_S = 6.0
#: Seconds between two exercises: an unhurried change of position (no transition after
#: the last item).
TRANSITION_S = 15
#: Seconds per repetition when neither the item nor its exercise gives a tempo: a
#: controlled 2-0-2-0 repetition.
DEFAULT_REP_S = 4.0
#: Longest routine name (it is printed on handouts and widget titles).
MAX_NAME = 80

#: What a routine item accepts. Wider than ``models.DOSE_BOUNDS`` on purpose: a learner
#: may build a routine with too many reps so that the critique can explain why; the
#: engine itself never proposes a dose outside ``DOSE_BOUNDS``. ``hold_s`` reaches 30 min
#: because a timed catalog dose (a brisk walk) becomes a hold.
ITEM_BOUNDS = {
    "sets": (1, 10),
    "reps": (1, 50),
    "hold_s": (1, 1800),
    "breaths": (1, 60),
    "rest_s": (0, 600),
}
#: Keys of an item in the exchange format, in the order ``to_dict`` writes them.
ITEM_KEYS = ("exercise", "phase", "sets", "reps", "hold_s", "breaths", "tempo", "rest_s", "per_side")
#: Keys of a routine in the exchange format.
ROUTINE_KEYS = ("name", "slot", "plan", "items")
DOSE_KINDS = ("reps", "hold_s", "breaths")
# Keys an item may leave out of the exchange format, with the value they then take.
_OPTIONAL_ITEM_KEYS = {
    "phase": None,
    "reps": None,
    "hold_s": None,
    "breaths": None,
    "tempo": None,
    "rest_s": 0,
    "per_side": False,
}
# Fields that ``with_dose`` may change.
_DOSE_FIELDS = ("sets", "reps", "hold_s", "breaths", "tempo", "rest_s", "per_side")
ROUTINES_FOLDER = "routines"


class _ItemError(InvalidModel):
    """An item problem that knows its field, so a routine can prefix the item index."""

    def __init__(self, field: str, rule: str) -> None:
        self.field = field
        self.rule = rule
        super().__init__(f"RoutineItem.{field} {rule}")

    def at(self, index: int) -> InvalidModel:
        """The same problem, named by item index: ``item 2: sets must be ...``."""
        return InvalidModel(f"item {index}: {self.field} {self.rule}")


def _whole(field: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _ItemError(field, f"must be a whole number between {low} and {high}, got {value!r}")
    if not low <= value <= high:
        raise _ItemError(field, f"must be between {low} and {high}, got {value}")


@dataclass(frozen=True, slots=True, kw_only=True)
class RoutineItem:
    """One exercise in a routine with its dose: sets of reps, holds (s) or breaths."""

    exercise: str
    phase: str | None = None  # None: the exercise's own phase
    sets: int = 1
    reps: int | None = None
    hold_s: int | None = None
    breaths: int | None = None
    tempo: Tempo | None = None  # None: the exercise's own tempo (reps only)
    rest_s: int = 0
    per_side: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.exercise, str) or not SLUG.match(self.exercise):
            raise _ItemError("exercise", f"must be a catalog id like 'bird-dog', got {self.exercise!r}")
        if self.phase is not None and self.phase not in enums.PHASES:
            raise _ItemError(
                "phase", f"must be one of {', '.join(enums.PHASES)} or empty, got {self.phase!r}"
            )
        _whole("sets", self.sets, *ITEM_BOUNDS["sets"])
        given = [k for k in DOSE_KINDS if getattr(self, k) is not None]
        if not given:
            raise _ItemError("reps", "is empty and so are hold_s and breaths: give exactly one of them")
        if len(given) > 1:
            raise _ItemError(
                given[1], f"must be empty when {given[0]} is set: give exactly one of reps, hold_s or breaths"
            )
        kind = given[0]
        _whole(kind, getattr(self, kind), *ITEM_BOUNDS[kind])
        if self.tempo is not None:
            if not isinstance(self.tempo, Tempo):
                raise _ItemError("tempo", f"must be a Tempo or empty, got {self.tempo!r}")
            if kind != "reps":
                raise _ItemError(
                    "tempo", f"must be empty for {kind} (a tempo only goes with reps), got '{self.tempo}'"
                )
        _whole("rest_s", self.rest_s, *ITEM_BOUNDS["rest_s"])
        if not isinstance(self.per_side, bool):
            raise _ItemError("per_side", f"must be true or false, got {self.per_side!r}")

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_exercise(cls, exercise: Exercise, **overrides: Any) -> RoutineItem:
        """An item with the exercise's catalog defaults (a timed dose becomes ``hold_s``)."""
        dose = exercise.dose
        values: dict[str, Any] = dict(
            exercise=exercise.id, sets=dose.sets, rest_s=dose.rest_s, per_side=dose.per_side
        )
        if dose.type == "reps":
            values.update(reps=dose.reps, tempo=exercise.tempo)
        elif dose.type == "hold":
            values["hold_s"] = dose.hold_s
        elif dose.type == "time":
            values["hold_s"] = dose.time_s
        else:
            values["breaths"] = dose.breaths
        return _apply(cls(**values), overrides)

    @classmethod
    def from_dict(cls, data: Any, *, index: int = 0) -> RoutineItem:
        """Read one item of the exchange format; errors name ``item <index>`` and the field."""
        if not isinstance(data, Mapping):
            raise InvalidModel(f"item {index}: must be a mapping of item fields, got {type(data).__name__}")
        for key in data:
            if key not in ITEM_KEYS:
                raise InvalidModel(
                    f"item {index}: {key!s} is not an item key; the keys are {', '.join(ITEM_KEYS)}"
                )
        for key in ITEM_KEYS:
            if key not in data and key not in _OPTIONAL_ITEM_KEYS:
                raise InvalidModel(
                    f"item {index}: {key} is missing (every item needs exercise, sets and one of reps, hold_s or breaths)"
                )
        values = {**_OPTIONAL_ITEM_KEYS, **data}
        tempo = values["tempo"]
        if tempo is not None and not isinstance(tempo, Tempo):
            if not isinstance(tempo, str):
                raise InvalidModel(f"item {index}: tempo must be text like '3-1-2-0' or null, got {tempo!r}")
            try:
                values["tempo"] = Tempo.parse(tempo)
            except InvalidModel as err:
                raise InvalidModel(f"item {index}: {err}") from None
        try:
            return cls(**values)
        except _ItemError as err:
            raise err.at(index) from None

    def to_dict(self) -> dict[str, Any]:
        """The item in the exchange format (every key, tempo as text)."""
        return {
            "exercise": self.exercise,
            "phase": self.phase,
            "sets": self.sets,
            "reps": self.reps,
            "hold_s": self.hold_s,
            "breaths": self.breaths,
            "tempo": None if self.tempo is None else str(self.tempo),
            "rest_s": self.rest_s,
            "per_side": self.per_side,
        }

    # -- reading ------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        """Which dose this item uses: ``reps``, ``hold_s`` or ``breaths``."""
        return next(k for k in DOSE_KINDS if getattr(self, k) is not None)

    @property
    def amount(self) -> int:
        """The number that goes with the dose kind."""
        return getattr(self, self.kind)

    @property
    def sides(self) -> int:
        """2 when the dose is done on each side, else 1."""
        return 2 if self.per_side else 1

    def phase_in(self, catalog: Catalog) -> str:
        """The item's phase: its own if set, else the exercise's phase in the catalog."""
        return self.phase if self.phase is not None else catalog[self.exercise].phase

    def tempo_in(self, catalog: Catalog | None) -> Tempo | None:
        """The tempo that applies to a reps item: the item's, else the exercise's."""
        if self.reps is None:
            return None
        if self.tempo is not None:
            return self.tempo
        return catalog[self.exercise].tempo if catalog is not None else None

    def work_s(self, catalog: Catalog | None = None) -> float:
        """Seconds of work in one set on one side (reps × tempo, the hold, or the breaths)."""
        if self.reps is not None:
            tempo = self.tempo_in(catalog)
            return self.reps * (tempo.rep_seconds if tempo is not None else DEFAULT_REP_S)
        if self.hold_s is not None:
            return float(self.hold_s)
        return self.breaths * BREATH_S

    def duration_s(self, catalog: Catalog | None = None) -> float:
        """Seconds the item takes: sets × work × sides + rest between sets."""
        return self.sets * self.work_s(catalog) * self.sides + (self.sets - 1) * self.rest_s

    def time_under_tension_s(self, catalog: Catalog | None = None) -> float:
        """Seconds under tension: reps and holds count, relaxed breathing does not."""
        if self.breaths is not None:
            return 0.0
        return self.sets * self.work_s(catalog) * self.sides

    def dose_text(self) -> str:
        """The dose as printed on a card: ``2 × 6 reps per side, tempo 3-1-2-0, rest 30 s``."""
        unit = {"reps": "reps", "hold_s": "s hold", "breaths": "breaths"}[self.kind]
        text = f"{self.sets} × {self.amount} {unit}"
        if self.per_side:
            text += " per side"
        if self.tempo is not None:
            text += f", tempo {self.tempo}"
        if self.rest_s:
            text += f", rest {self.rest_s} s"
        return text

    def __str__(self) -> str:
        phase = f" ({self.phase})" if self.phase else ""
        return f"{self.exercise}{phase}: {self.dose_text()}"

    def __repr__(self) -> str:
        phase = f", phase {self.phase}" if self.phase else ""
        return f"RoutineItem('{self.exercise}', {self.dose_text()}{phase})"


def _apply(item: RoutineItem, changes: Mapping[str, Any]) -> RoutineItem:
    """A copy of ``item`` with ``changes``; setting one dose kind clears the others.

    Switching away from reps also clears the tempo unless a tempo is given.
    """
    if not changes:
        return item
    allowed = ("phase",) + _DOSE_FIELDS
    for key in changes:
        if key not in allowed:
            raise _ItemError(key, f"cannot be changed here; the fields are {', '.join(allowed)}")
    values = dict(changes)
    if isinstance(values.get("tempo"), str):
        try:
            values["tempo"] = Tempo.parse(values["tempo"])
        except InvalidModel as err:
            raise _ItemError("tempo", str(err)) from None
    new_kinds = [k for k in DOSE_KINDS if values.get(k) is not None]
    if len(new_kinds) == 1:
        for other in DOSE_KINDS:
            values.setdefault(other, None)
        if new_kinds[0] != "reps":
            values.setdefault("tempo", None)
    return dataclasses.replace(item, **values)


def _check_index(items: tuple[RoutineItem, ...], index: Any, *, insert: bool = False) -> int:
    """A valid item index (negative counts from the end), or InvalidModel."""
    n = len(items) + (1 if insert else 0)
    if isinstance(index, bool) or not isinstance(index, int):
        raise InvalidModel(f"item index must be a whole number, got {index!r}")
    if not -n <= index < n:
        if n == 0:
            raise InvalidModel(f"the routine has no items, so there is no item {index}")
        raise InvalidModel(f"there is no item {index}: items are numbered 0 to {n - 1}")
    return index % n


@dataclass(frozen=True, slots=True, kw_only=True)
class Routine:
    """A named routine for one slot of the day (morning, office, ...), plan A or B."""

    name: str
    slot: str
    plan: str
    items: tuple[RoutineItem, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidModel(f"Routine.name must be non-empty text, got {self.name!r}")
        if len(self.name) > MAX_NAME:
            raise InvalidModel(f"Routine.name must be at most {MAX_NAME} characters, got {len(self.name)}")
        if self.slot not in enums.SLOTS:
            raise InvalidModel(f"Routine.slot must be one of {', '.join(enums.SLOTS)}; got {self.slot!r}")
        if self.plan not in enums.PLANS:
            raise InvalidModel(f"Routine.plan must be A (normal day) or B (flare-up day); got {self.plan!r}")
        if isinstance(self.items, list):  # accept a list, store a tuple (immutable, comparable)
            object.__setattr__(self, "items", tuple(self.items))
        if not isinstance(self.items, tuple):
            raise InvalidModel(f"Routine.items must be a list of items, got {type(self.items).__name__}")
        for i, it in enumerate(self.items):
            if not isinstance(it, RoutineItem):
                raise InvalidModel(f"item {i}: must be a RoutineItem, got {type(it).__name__}")

    # -- construction -------------------------------------------------------------------
    @classmethod
    def empty(cls, name: str = "My routine", slot: str = "morning", plan: str = "A") -> Routine:
        """A routine with no items yet."""
        return cls(name=name, slot=slot, plan=plan, items=())

    @classmethod
    def from_dict(cls, data: Any, catalog: Catalog | None = None) -> Routine:
        """Read the exchange format; with a catalog, every exercise id must be in it.

        Errors are :class:`InvalidModel` naming the routine field or ``item <index>`` and
        the item field. Items must give exercise, sets and exactly one of reps / hold_s /
        breaths; phase, tempo, rest_s, per_side may be left out (null, null, 0, false).
        """
        if not isinstance(data, Mapping):
            raise InvalidModel(
                f"a routine must be a mapping with {', '.join(ROUTINE_KEYS)}; got {type(data).__name__}"
            )
        for key in data:
            if key not in ROUTINE_KEYS:
                raise InvalidModel(
                    f"Routine: {key!s} is not a routine key; the keys are {', '.join(ROUTINE_KEYS)}"
                )
        for key in ROUTINE_KEYS:
            if key not in data:
                raise InvalidModel(f"Routine: {key} is missing (a routine needs {', '.join(ROUTINE_KEYS)})")
        raw_items = data["items"]
        if not isinstance(raw_items, (list, tuple)):
            raise InvalidModel(f"Routine.items must be a list of items, got {type(raw_items).__name__}")
        items = tuple(RoutineItem.from_dict(d, index=i) for i, d in enumerate(raw_items))
        routine = cls(name=data["name"], slot=data["slot"], plan=data["plan"], items=items)
        if catalog is not None:
            routine.check(catalog)
        return routine

    def to_dict(self) -> dict[str, Any]:
        """The routine in the exchange format (JSON-ready)."""
        return {
            "name": self.name,
            "slot": self.slot,
            "plan": self.plan,
            "items": [it.to_dict() for it in self.items],
        }

    def to_json(self) -> str:
        """The exchange format as indented JSON text."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def check(self, catalog: Catalog) -> Routine:
        """Return the routine if every exercise is in the catalog, else InvalidModel."""
        self.exercises_in(catalog)
        return self

    def exercises_in(self, catalog: Catalog) -> tuple[Exercise, ...]:
        """The catalog exercise of each item; an unknown id names its item and field."""
        out = []
        for i, it in enumerate(self.items):
            ex = catalog.get(it.exercise)
            if ex is None:
                close = difflib.get_close_matches(it.exercise, catalog.ids, n=3)
                hint = f"; did you mean {', '.join(close)}?" if close else ""
                raise InvalidModel(f"item {i}: exercise {it.exercise!r} is not in the catalog{hint}")
            out.append(ex)
        return tuple(out)

    # -- edits (each returns a new routine) ---------------------------------------------
    def add(
        self, item_or_exercise: RoutineItem | Exercise | str, *, index: int | None = None, **overrides: Any
    ) -> Routine:
        """Insert an item (at the end, or before ``index``).

        An :class:`Exercise` becomes an item with its catalog dose, tempo, rest and sides; an
        id string needs its dose in ``overrides`` (``add("bird-dog", reps=6)``).
        """
        position = len(self.items) if index is None else _check_index(self.items, index, insert=True)
        try:
            if isinstance(item_or_exercise, RoutineItem):
                new = _apply(item_or_exercise, overrides)
            elif isinstance(item_or_exercise, Exercise):
                new = RoutineItem.from_exercise(item_or_exercise, **overrides)
            elif isinstance(item_or_exercise, str):
                new = RoutineItem(exercise=item_or_exercise, **overrides)
            else:
                raise _ItemError(
                    "exercise",
                    f"must be a RoutineItem, an Exercise or an id, got {type(item_or_exercise).__name__}",
                )
        except _ItemError as err:
            raise err.at(position) from None
        except TypeError as err:  # an unknown keyword
            raise InvalidModel(f"item {position}: {err}") from None
        items = list(self.items)
        items.insert(position, new)
        return dataclasses.replace(self, items=tuple(items))

    def without(self, index: int) -> Routine:
        """The routine without item ``index``."""
        i = _check_index(self.items, index)
        return dataclasses.replace(self, items=self.items[:i] + self.items[i + 1 :])

    def move(self, index: int, new_index: int) -> Routine:
        """Move item ``index`` so that it ends up at ``new_index``."""
        i = _check_index(self.items, index)
        j = _check_index(self.items, new_index)
        items = list(self.items)
        items.insert(j, items.pop(i))
        return dataclasses.replace(self, items=tuple(items))

    def with_dose(self, index: int, **changes: Any) -> Routine:
        """Change the dose of item ``index`` (sets, reps, hold_s, breaths, tempo, rest_s, per_side).

        Setting one dose kind clears the others (``with_dose(0, hold_s=30)`` turns reps into
        a hold); leaving reps also clears the tempo unless one is given.
        """
        i = _check_index(self.items, index)
        bad = [k for k in changes if k not in _DOSE_FIELDS]
        if bad:
            raise InvalidModel(
                f"item {i}: {bad[0]} is not a dose field; the dose fields are {', '.join(_DOSE_FIELDS)}"
            )
        return self.with_item(i, self.items[i], **changes)

    def with_phase(self, index: int, phase: str | None) -> Routine:
        """Set the phase of item ``index`` (``None``: the exercise's own)."""
        i = _check_index(self.items, index)
        return self.with_item(i, self.items[i], phase=phase)

    def with_item(self, index: int, item: RoutineItem, **changes: Any) -> Routine:
        """Replace item ``index`` with ``item`` (and optional changes)."""
        i = _check_index(self.items, index)
        if not isinstance(item, RoutineItem):
            raise InvalidModel(f"item {i}: must be a RoutineItem, got {type(item).__name__}")
        try:
            new = _apply(item, changes)
        except _ItemError as err:
            raise err.at(i) from None
        return dataclasses.replace(self, items=self.items[:i] + (new,) + self.items[i + 1 :])

    def renamed(self, name: str) -> Routine:
        """The same routine with another name."""
        return dataclasses.replace(self, name=name)

    def with_slot(self, slot: str) -> Routine:
        """The same routine for another slot of the day."""
        return dataclasses.replace(self, slot=slot)

    def with_plan(self, plan: str) -> Routine:
        """The same routine as plan A (normal day) or plan B (flare-up day)."""
        return dataclasses.replace(self, plan=plan)

    # -- timing -------------------------------------------------------------------------
    def duration_s(self, catalog: Catalog | None = None) -> float:
        """Estimated seconds: each item's sets × work × sides and rest, plus transitions.

        Work is reps × tempo seconds (item tempo, else the exercise's, else
        :data:`DEFAULT_REP_S`), the hold, or breaths × :data:`BREATH_S`; a transition of
        :data:`TRANSITION_S` separates consecutive items. With a catalog, an unknown
        exercise raises InvalidModel naming the item.
        """
        if catalog is not None:
            self.exercises_in(catalog)
        total = sum(it.duration_s(catalog) for it in self.items)
        return float(total + TRANSITION_S * max(len(self.items) - 1, 0))

    def time_under_tension_s(self, catalog: Catalog | None = None) -> float:
        """Seconds under tension: reps and holds, without rest, transitions or breathing drills."""
        if catalog is not None:
            self.exercises_in(catalog)
        return float(sum(it.time_under_tension_s(catalog) for it in self.items))

    def minutes(self, catalog: Catalog | None = None) -> float:
        """Estimated duration in minutes."""
        return self.duration_s(catalog) / 60

    # -- text ---------------------------------------------------------------------------
    def _count(self) -> str:
        n = len(self.items)
        return "no items" if n == 0 else f"{n} item" + ("" if n == 1 else "s")

    def __str__(self) -> str:
        lines = [f"{self.name} ({self.slot}, plan {self.plan}, {self._count()})"]
        lines += [f"  [{i}] {it}" for i, it in enumerate(self.items)]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"Routine({self.name!r}, {self.slot}, plan {self.plan}, {self._count()})"


# ---------------------------------------------------------------------------------------
# Loading routines from JSON files


def load_routine(path: str | os.PathLike[str], catalog: Catalog | None = None) -> Routine:
    """Read one routine JSON file; problems raise DataFileError naming the file."""
    path = Path(path)
    name = display_path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(name, "file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(name, f"cannot read the file ({err})") from None
    except json.JSONDecodeError as err:
        raise DataFileError(
            name, f"not valid JSON at line {err.lineno}, column {err.colno}: {err.msg}"
        ) from None
    try:
        return Routine.from_dict(data, catalog)
    except InvalidModel as err:
        raise DataFileError(name, str(err)) from None


def load_example_routines(
    catalog: Catalog | None = None, path: str | os.PathLike[str] | None = None
) -> dict[str, Routine]:
    """The example routines of ``data/routines/*.json``, keyed by file stem, sorted."""
    folder = data_dir(path) / ROUTINES_FOLDER
    return {file.stem: load_routine(file, catalog) for file in sorted(folder.glob("*.json"))}

"""Frozen, validated models of the catalog: an exercise, its dose, its ladder edges.

Models never see raw YAML: ``exercise_from_record`` (the loader) turns a record into an
:class:`Exercise` and reports any problem as a :class:`DataFileError` naming file, record
and field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from coursekit.content import enums
from coursekit.content.tempo import Tempo
from coursekit.errors import DataFileError, InvalidModel

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Sensible bounds for a dose; the engine never proposes a step outside them.
DOSE_BOUNDS = {
    "sets": (1, 5),
    "reps": (1, 20),
    "hold_s": (5, 120),
    "breaths": (3, 20),
    "time_s": (30, 900),
    "rest_s": (0, 180),
}
_DOSE_FIELD = {"reps": "reps", "hold": "hold_s", "breaths": "breaths", "time": "time_s"}


def _between(owner: str, field: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidModel(f"{owner}.{field} must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise InvalidModel(f"{owner}.{field} must be between {low} and {high}, got {value}")


def _one_of(owner: str, field: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise InvalidModel(f"{owner}.{field} must be one of {', '.join(allowed)}; got {value!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Dose:
    """A novice default dose: sets of reps, holds, breaths or timed work."""

    type: str
    sets: int = 1
    reps: int | None = None
    hold_s: int | None = None
    breaths: int | None = None
    time_s: int | None = None
    rest_s: int = 30
    per_side: bool = False

    def __post_init__(self) -> None:
        _one_of("Dose", "type", self.type, enums.DOSE_TYPES)
        _between("Dose", "sets", self.sets, *DOSE_BOUNDS["sets"])
        _between("Dose", "rest_s", self.rest_s, *DOSE_BOUNDS["rest_s"])
        if not isinstance(self.per_side, bool):
            raise InvalidModel(f"Dose.per_side must be true or false, got {self.per_side!r}")
        wanted = _DOSE_FIELD[self.type]
        for field in _DOSE_FIELD.values():
            value = getattr(self, field)
            if field == wanted:
                if value is None:
                    raise InvalidModel(f"Dose of type {self.type} needs {field}")
                _between("Dose", field, value, *DOSE_BOUNDS[field])
            elif value is not None:
                raise InvalidModel(f"Dose of type {self.type} must not set {field} (one dose kind only)")

    @property
    def amount(self) -> int:
        """The number that goes with the type: reps, seconds held, breaths or seconds."""
        return getattr(self, _DOSE_FIELD[self.type])

    def __str__(self) -> str:
        unit = {"reps": "reps", "hold": "s hold", "breaths": "breaths", "time": "s"}[self.type]
        side = " per side" if self.per_side else ""
        return f"{self.sets} × {self.amount} {unit}{side}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Compensation:
    """A common way the movement goes wrong, and the cue that corrects it."""

    pattern: str
    cue: str

    def __post_init__(self) -> None:
        _one_of("Compensation", "pattern", self.pattern, enums.COMPENSATIONS)
        if not isinstance(self.cue, str) or not self.cue.strip():
            raise InvalidModel("Compensation.cue must be a non-empty sentence")


@dataclass(frozen=True, slots=True, kw_only=True)
class LadderEdge:
    """One step on a progression ladder: to another exercise, along one axis."""

    to: str
    axis: str

    def __post_init__(self) -> None:
        if not isinstance(self.to, str) or not SLUG.match(self.to):
            raise InvalidModel(f"LadderEdge.to must be an exercise id, got {self.to!r}")
        _one_of("LadderEdge", "axis", self.axis, enums.AXES)


@dataclass(frozen=True, slots=True, kw_only=True)
class Exercise:
    """One catalog exercise (see DESIGN.md §3 for the meaning of each field)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    summary: str
    family: str
    phase: str
    position: str
    regions: tuple[str, ...]
    load_level: int
    equipment: tuple[str, ...]
    settings: tuple[str, ...]
    dose: Dose
    tempo: Tempo | None
    breathing: str
    cues: tuple[str, ...]
    quality_markers: tuple[str, ...]
    compensations: tuple[Compensation, ...]
    regressions: tuple[LadderEdge, ...]
    progressions: tuple[LadderEdge, ...]
    flare_up: str
    transfers: tuple[str, ...]
    cautions: tuple[str, ...]
    nice_category: str
    references: tuple[str, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not SLUG.match(self.id):
            raise InvalidModel(f"Exercise.id must be a slug like 'bird-dog', got {self.id!r}")
        for field in ("name", "summary", "breathing"):
            value = getattr(self, field)
            if not isinstance(value, str) or not value.strip():
                raise InvalidModel(f"Exercise.{field} must be non-empty text")
        _one_of("Exercise", "family", self.family, enums.FAMILIES)
        _one_of("Exercise", "phase", self.phase, enums.PHASES)
        _one_of("Exercise", "position", self.position, enums.POSITIONS)
        _one_of("Exercise", "flare_up", self.flare_up, enums.FLARE_UP)
        _one_of("Exercise", "nice_category", self.nice_category, enums.NICE_CATEGORIES)
        _between("Exercise", "load_level", self.load_level, 0, 4)
        for field, allowed, non_empty in (
            ("regions", enums.REGIONS, True),
            ("equipment", enums.EQUIPMENT, True),
            ("settings", enums.SETTINGS, True),
            ("transfers", enums.TRANSFERS, False),
        ):
            values = getattr(self, field)
            if non_empty and not values:
                raise InvalidModel(f"Exercise.{field} must list at least one value")
            for v in values:
                _one_of("Exercise", field, v, allowed)
            if len(set(values)) != len(values):
                raise InvalidModel(f"Exercise.{field} lists a value twice: {list(values)}")
        for field, minimum in (("cues", 1), ("quality_markers", 1), ("compensations", 1)):
            if len(getattr(self, field)) < minimum:
                raise InvalidModel(f"Exercise.{field} must have at least {minimum} entry")
        if self.dose.type == "reps" and self.tempo is None:
            raise InvalidModel("Exercise.tempo is required when the dose is counted in reps")
        if self.dose.type != "reps" and self.tempo is not None:
            raise InvalidModel(
                f"Exercise.tempo must be empty for a {self.dose.type} dose (tempo is for reps)"
            )
        for field in ("regressions", "progressions"):
            seen: set[str] = set()
            for edge in getattr(self, field):
                if edge.to == self.id:
                    raise InvalidModel(f"Exercise.{field} points to the exercise itself")
                if edge.to in seen:
                    raise InvalidModel(f"Exercise.{field} lists {edge.to!r} twice")
                seen.add(edge.to)

    @property
    def per_side(self) -> bool:
        return self.dose.per_side

    def __repr__(self) -> str:
        return f"Exercise('{self.id}': {self.name}, {self.family}, {self.phase})"


# ---------------------------------------------------------------------------------------
# Loader: YAML record -> Exercise, errors naming file, record and field.

EXERCISE_FIELDS = (
    "id",
    "name",
    "aliases",
    "summary",
    "family",
    "phase",
    "position",
    "regions",
    "load_level",
    "equipment",
    "settings",
    "dose",
    "tempo",
    "breathing",
    "cues",
    "quality_markers",
    "compensations",
    "regressions",
    "progressions",
    "flare_up",
    "transfers",
    "cautions",
    "nice_category",
    "references",
)
_LIST_OF_TEXT = ("aliases", "cues", "quality_markers", "cautions", "references")
_LIST_OF_ENUM = ("regions", "equipment", "settings", "transfers")
_DOSE_KEYS = ("type", "sets", "reps", "hold_s", "breaths", "time_s", "rest_s", "per_side")


def _field_error(path: str, index: int, record_id: str | None, field: str, message: str) -> DataFileError:
    return DataFileError(path, message, record=index, record_id=record_id, field=field)


def exercise_from_record(record: Any, *, path: str = "data/exercises.yaml", index: int = 0) -> Exercise:
    """Build an :class:`Exercise` from one YAML record; raise ``DataFileError`` naming the field."""
    if not isinstance(record, dict):
        raise DataFileError(
            path, f"each record must be a mapping of fields, got {type(record).__name__}", record=index
        )
    rid = record.get("id") if isinstance(record.get("id"), str) else None

    def fail(field: str, message: str) -> DataFileError:
        return _field_error(path, index, rid, field, message)

    missing = [f for f in EXERCISE_FIELDS if f not in record]
    if missing:
        raise fail(
            missing[0],
            "missing field" + (f" (also missing: {', '.join(missing[1:])})" if missing[1:] else ""),
        )
    unknown = sorted(set(record) - set(EXERCISE_FIELDS))
    if unknown:
        raise fail(unknown[0], f"unknown field; the fields are {', '.join(EXERCISE_FIELDS)}")

    values: dict[str, Any] = {}
    for field in _LIST_OF_TEXT + _LIST_OF_ENUM:
        value = record[field]
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(field, f"must be a list of text values, got {value!r}")
        values[field] = tuple(value)
    for field in (
        "id",
        "name",
        "summary",
        "family",
        "phase",
        "position",
        "breathing",
        "flare_up",
        "nice_category",
    ):
        value = record[field]
        if not isinstance(value, str):
            raise fail(field, f"must be text, got {value!r}")
        values[field] = value
    values["load_level"] = record["load_level"]

    # dose
    dose = record["dose"]
    if not isinstance(dose, dict):
        raise fail("dose", f"must be a mapping with type, sets and one amount, got {dose!r}")
    bad_keys = sorted(set(dose) - set(_DOSE_KEYS))
    if bad_keys:
        raise fail(f"dose.{bad_keys[0]}", f"unknown dose field; dose fields are {', '.join(_DOSE_KEYS)}")
    try:
        values["dose"] = Dose(**dose)
    except InvalidModel as err:
        raise fail("dose", str(err)) from None
    except TypeError as err:
        raise fail("dose", f"cannot read the dose ({err})") from None

    # tempo
    tempo = record["tempo"]
    try:
        values["tempo"] = (
            None if tempo is None else Tempo.parse(str(tempo) if isinstance(tempo, int) else tempo)
        )
    except InvalidModel as err:
        raise fail("tempo", str(err)) from None

    # compensations
    comps = record["compensations"]
    if not isinstance(comps, list):
        raise fail("compensations", "must be a list of {pattern, cue}")
    built = []
    for i, comp in enumerate(comps):
        if not isinstance(comp, dict) or set(comp) != {"pattern", "cue"}:
            raise fail(f"compensations[{i}]", f"must have exactly the keys pattern and cue, got {comp!r}")
        try:
            built.append(Compensation(**comp))
        except InvalidModel as err:
            raise fail(f"compensations[{i}]", str(err)) from None
    values["compensations"] = tuple(built)

    # ladder edges
    for field in ("regressions", "progressions"):
        edges = record[field] or []
        if not isinstance(edges, list):
            raise fail(field, "must be a list of {to, axis}")
        out = []
        for i, edge in enumerate(edges):
            if not isinstance(edge, dict) or set(edge) != {"to", "axis"}:
                raise fail(f"{field}[{i}]", f"must have exactly the keys to and axis, got {edge!r}")
            try:
                out.append(LadderEdge(**edge))
            except InvalidModel as err:
                raise fail(f"{field}[{i}]", str(err)) from None
        values[field] = tuple(out)

    try:
        return Exercise(**values)
    except InvalidModel as err:
        message = str(err)
        m = re.match(r"^Exercise\.(\w+) ", message)
        field = m.group(1) if m else "record"
        raise fail(field, message) from None

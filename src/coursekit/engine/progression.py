"""Micro-progressions: one small step along one axis at a time.

``propose(item, action, catalog)`` turns a next-step decision (``progress``, ``repeat``,
``regress``; see :func:`coursekit.engine.pain.next_step`) into a concrete change of one routine
item. The rule is deterministic:

* **progress** walks the dose axes of the item's kind in order and takes the first one
  that is below its cap — reps work: reps (+2, cap 12), then tempo (lower 1 s slower,
  cap 4 s), then sets (+1, cap 3); holds: hold (+5 s, cap 60 s) then sets; timed work
  (a walk): duration (+60 s) then sets; breathing drills: breaths (+2) then sets. When
  every dose axis is at its cap, it climbs to the next ladder rung (``catalog.steps_up``,
  the first listed) at that exercise's default dose.
* **regress** is the mirror: the same axes in reverse order, each stepping down to its
  floor, then the rung below (``catalog.steps_down``).
* **repeat** changes nothing.

No step goes past :data:`coursekit.content.models.DOSE_BOUNDS` or the caps and floors below.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coursekit.content.models import DOSE_BOUNDS, Exercise
from coursekit.engine.routines import RoutineItem
from coursekit.errors import InvalidModel

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog
    from coursekit.engine.pain import Step

__all__ = [
    "ACTIONS",
    "KINDS",
    "Proposal",
    "total_work_s",
    "propose",
]

ACTIONS = ("progress", "repeat", "regress")
KINDS = ("dose", "ladder", "none")

#: Reps go up in steps of 2 to a cap of 12 (ACSM's novice 8-12 range, [acsm2009]).
REPS_STEP, REPS_CAP, REPS_FLOOR = 2, 12, 4
#: Holds go up 5 s at a time to 60 s; a regress never goes below 10 s.
HOLD_STEP_S, HOLD_CAP_S, HOLD_FLOOR_S = 5, 60, 10
#: Timed work (a catalog dose of type ``time``) goes up a minute at a time.
TIME_STEP_S, TIME_CAP_S, TIME_FLOOR_S = 60, DOSE_BOUNDS["time_s"][1], 120
#: Breathing drills add 2 breaths at a time.
BREATHS_STEP, BREATHS_CAP, BREATHS_FLOOR = 2, DOSE_BOUNDS["breaths"][1], 4
#: Tempo slows the lowering by 1 s to 4 s; it never speeds up below 2 s (rushed).
ECCENTRIC_STEP_S, ECCENTRIC_CAP_S, ECCENTRIC_FLOOR_S = 1, 4, 2
#: Sets go up one at a time to 3.
SETS_CAP, SETS_FLOOR = 3, DOSE_BOUNDS["sets"][0]

# Dose axes per kind of work, in progress order (regress uses the reverse).
_ORDER = {
    "reps": ("reps", "tempo", "sets"),
    "hold": ("hold", "sets"),
    "time": ("duration", "sets"),
    "breaths": ("breaths", "sets"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposal:
    """The proposed item, the one axis that changed, whether by dose or ladder, and why."""

    item: RoutineItem
    axis: str | None  # None when nothing changes
    kind: str  # "dose" | "ladder" | "none"
    explanation: str
    action: str = "repeat"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidModel(f"Proposal.kind must be one of {', '.join(KINDS)}; got {self.kind!r}")
        if self.action not in ACTIONS:
            raise InvalidModel(f"Proposal.action must be one of {', '.join(ACTIONS)}; got {self.action!r}")

    def __str__(self) -> str:
        return (
            f"{self.action} ({self.kind}{'' if self.axis is None else ', ' + self.axis}): {self.explanation}"
        )


def total_work_s(item: RoutineItem, catalog: Catalog) -> float:
    """Seconds of work in the item: sets × work per set × sides (no rest)."""
    return item.sets * item.work_s(catalog) * item.sides


def _work_kind(item: RoutineItem, ex: Exercise) -> str:
    if item.reps is not None:
        return "reps"
    if item.breaths is not None:
        return "breaths"
    return "time" if ex.dose.type == "time" else "hold"


# Each axis: (item, exercise, catalog, up) -> (new item, sentence) or None when capped.
_AxisStep = Callable[[RoutineItem, Exercise, "Catalog", bool], "tuple[RoutineItem, str] | None"]


def _counted(field: str, step: int, cap: int, floor: int, high: int, axis: str, unit: str) -> _AxisStep:
    """An axis that adds or removes ``step`` of an amount within [floor, cap].

    A regress from above ``high`` (the DOSE_BOUNDS maximum, which a learner's own routine
    may exceed) lands on ``high``, so the engine never proposes a dose out of bounds.
    """

    def move(item: RoutineItem, ex: Exercise, catalog: Catalog, up: bool) -> tuple[RoutineItem, str] | None:
        old = getattr(item, field)
        if up:
            if old >= cap:
                return None
            new = min(old + step, cap)
            sentence = (
                f"Add {new - old}{unit} ({axis} axis): {old} → {new}{unit}, within the cap of {cap}{unit}."
            )
        else:
            if old <= floor:
                return None
            new = min(max(old - step, floor), high)
            sentence = f"Take off {old - new}{unit} ({axis} axis): {old} → {new}{unit}."
        return dataclasses.replace(item, **{field: new}), sentence

    return move


def _tempo(item: RoutineItem, ex: Exercise, catalog: Catalog, up: bool) -> tuple[RoutineItem, str] | None:
    tempo = item.tempo_in(catalog)
    if tempo is None:
        return None
    ecc = tempo.eccentric
    if up:
        current = 1 if ecc is None else ecc  # an explosive lowering counts as about 1 s
        if current >= ECCENTRIC_CAP_S:
            return None
        new = tempo.with_part("eccentric", current + ECCENTRIC_STEP_S)
        sentence = f"Lower one second more slowly (tempo axis): {tempo} → {new}, the same reps and sets."
    else:
        if ecc is None or ecc <= ECCENTRIC_FLOOR_S:
            return None
        new = tempo.with_part("eccentric", ecc - ECCENTRIC_STEP_S)
        sentence = f"Lower one second faster (tempo axis): {tempo} → {new}, the same reps and sets."
    return dataclasses.replace(item, tempo=new), sentence


def _n_sets(n: int) -> str:
    return f"{n} set" + ("" if n == 1 else "s")


def _sets(item: RoutineItem, ex: Exercise, catalog: Catalog, up: bool) -> tuple[RoutineItem, str] | None:
    if up:
        if item.sets >= SETS_CAP:
            return None
        new = item.sets + 1
        return dataclasses.replace(
            item, sets=new
        ), f"Add one set (sets axis): {item.sets} → {_n_sets(new)}, within the cap of {SETS_CAP} sets."
    if item.sets <= SETS_FLOOR:
        return None
    new = min(item.sets - 1, DOSE_BOUNDS["sets"][1])
    return dataclasses.replace(item, sets=new), f"Drop one set (sets axis): {item.sets} → {_n_sets(new)}."


_AXES: dict[str, _AxisStep] = {
    "reps": _counted("reps", REPS_STEP, REPS_CAP, REPS_FLOOR, DOSE_BOUNDS["reps"][1], "reps", " reps"),
    "hold": _counted("hold_s", HOLD_STEP_S, HOLD_CAP_S, HOLD_FLOOR_S, DOSE_BOUNDS["hold_s"][1], "hold", " s"),
    "duration": _counted(
        "hold_s", TIME_STEP_S, TIME_CAP_S, TIME_FLOOR_S, DOSE_BOUNDS["time_s"][1], "duration", " s"
    ),
    "breaths": _counted(
        "breaths", BREATHS_STEP, BREATHS_CAP, BREATHS_FLOOR, DOSE_BOUNDS["breaths"][1], "breaths", " breaths"
    ),
    "tempo": _tempo,
    "sets": _sets,
}


def _action_of(action: str | Step) -> str:
    value = getattr(action, "action", action)
    if value not in ACTIONS:
        raise InvalidModel(f"action must be one of {', '.join(ACTIONS)} (or a Step); got {value!r}")
    return value


def propose(item: RoutineItem, action: str | Step, catalog: Catalog) -> Proposal:
    """One small step for ``item``: a dose step or a ladder rung, on one axis (see module doc)."""
    if not isinstance(item, RoutineItem):
        raise InvalidModel(f"propose needs a RoutineItem, got {type(item).__name__}")
    act = _action_of(action)
    ex = catalog.get(item.exercise)
    if ex is None:
        raise InvalidModel(f"exercise {item.exercise!r} is not in the catalog")
    if act == "repeat":
        return Proposal(
            item=item,
            axis=None,
            kind="none",
            action=act,
            explanation=(
                f"Repeat the same dose of {ex.name} next time (no axis changes) until every rep "
                "is clean and pain settles by the next morning."
            ),
        )
    up = act == "progress"
    order = _ORDER[_work_kind(item, ex)]
    for axis in order if up else tuple(reversed(order)):
        moved = _AXES[axis](item, ex, catalog, up)
        if moved is not None:
            new, sentence = moved
            return Proposal(item=new, axis=axis, kind="dose", action=act, explanation=sentence)
    steps = catalog.steps_up(ex.id) if up else catalog.steps_down(ex.id)
    if steps:
        step = steps[0]
        new = RoutineItem.from_exercise(step.exercise, phase=item.phase)
        where = "Move up" if up else "Step down"
        return Proposal(
            item=new,
            axis=step.axis,
            kind="ladder",
            action=act,
            explanation=(
                f"{where} the ladder along the {step.axis} axis, from {ex.name} to "
                f"{step.exercise.name}, at its default dose of {new.dose_text()}."
            ),
        )
    if up:
        sentence = (
            f"No small step is left for {ex.name}: the dose is at its caps and the "
            "ladder has no higher rung, so keep this dose (no axis changes) and vary "
            "the setting instead."
        )
    else:
        sentence = (
            f"No smaller step is left for {ex.name}: the dose is at its floors and the "
            "ladder has no lower rung, so keep this dose (no axis changes) or swap to "
            "a gentler plan-B exercise."
        )
    return Proposal(item=item, axis=None, kind="none", action=act, explanation=sentence)

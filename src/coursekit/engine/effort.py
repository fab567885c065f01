"""Effort, reps in reserve and clean sets: the engine of the clean-rep set explorer (notebook 01).

Reps in reserve (RIR) are the reps left before failure. On a 0-10 effort scale, effort 10
means 0 in reserve and effort 8 about 2 [rir]. Estimates are better close to failure and in
short sets. Keeping at least 2-3 reps in reserve for motor-control work, and stopping a set
when technique frays, is a **teaching heuristic** of this course, not a tested rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coursekit.content import enums
from coursekit.errors import InvalidModel

#: Reps to keep in reserve in control work (a teaching heuristic: 2-3, [rir]).
MIN_RESERVE = 2
MAX_EFFORT = 10
#: Per-rep quality flags: "clean", "frayed", or the name of the compensation that showed.
QUALITY_FLAGS = ("clean", "frayed") + enums.COMPENSATIONS


def _number(value: object, name: str, low: float, high: float) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidModel(f"{name} must be a number from {low:g} to {high:g}, got {value!r}")
    if not low <= value <= high:
        raise InvalidModel(f"{name} must be between {low:g} and {high:g}, got {value}")
    return value


def reps_in_reserve(effort: int | float) -> int | float:
    """Reps left before failure for an effort score 0-10: 10 → 0, 8 → 2 [rir].

    Below an effort of about 6 the answer only means "plenty left": the estimate is poor far
    from failure.
    """
    _number(effort, "effort", 0, MAX_EFFORT)
    return MAX_EFFORT - effort


def effort_from_reserve(reserve: int | float) -> int | float:
    """The effort score that leaves ``reserve`` reps in reserve (0 → 10, 2 → 8)."""
    _number(reserve, "reps in reserve", 0, MAX_EFFORT)
    return MAX_EFFORT - reserve


def _quality(value: object, index: int) -> str:
    """Normalise one rep's quality to "clean" or a fault name."""
    if value is True:
        return "clean"
    if value is False:
        return "frayed"
    if isinstance(value, str) and value in QUALITY_FLAGS:
        return value
    raise InvalidModel(
        f"reps[{index}] must be true/false or one of clean, frayed or a "
        f"compensation name (e.g. rib_flare), got {value!r}"
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class SetAdvice:
    """Where to end a set, and why: at the last clean rep, with reps kept in reserve."""

    stop_after: int  # reps worth doing (all clean)
    total_reps: int  # reps the learner described
    frayed_at: int | None  # first rep (counted from 1) whose technique frayed
    fault: str | None  # what frayed: "frayed" or a compensation name
    reserve_left: int | None  # reps in reserve at the stop, when capacity is known
    reason: str

    @property
    def extra_reps(self) -> int:
        """Reps beyond the stop point: volume, not skill."""
        return self.total_reps - self.stop_after

    def __str__(self) -> str:
        return f"Stop after rep {self.stop_after} of {self.total_reps}: {self.reason}"


def clean_set(
    reps: Sequence[bool | str], *, capacity: int | None = None, keep_in_reserve: int = MIN_RESERVE
) -> SetAdvice:
    """Where to stop a set, from the quality of each rep (True/"clean" or a fault).

    Stop after the last clean rep before technique first frays; when ``capacity`` (the reps
    possible before failure) is known, also stop before fewer than ``keep_in_reserve`` reps
    would remain in reserve (2-3 is a teaching heuristic [rir]).
    """
    if isinstance(reps, (str, bytes)) or not isinstance(reps, Sequence) or not reps:
        raise InvalidModel("reps must list the quality of at least one rep, e.g. [True, True, False]")
    flags = [_quality(v, i) for i, v in enumerate(reps)]
    if (
        isinstance(keep_in_reserve, bool)
        or not isinstance(keep_in_reserve, int)
        or not 0 <= keep_in_reserve <= 5
    ):
        raise InvalidModel(f"keep_in_reserve must be a whole number from 0 to 5, got {keep_in_reserve!r}")
    if capacity is not None and (isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1):
        raise InvalidModel(f"capacity must be a whole number of reps (1 or more), got {capacity!r}")

    first_fault = next((i for i, f in enumerate(flags) if f != "clean"), None)
    by_quality = len(flags) if first_fault is None else first_fault
    by_reserve = None if capacity is None else max(capacity - keep_in_reserve, 0)
    stop = by_quality if by_reserve is None else min(by_quality, by_reserve)
    reserve_left = None if capacity is None else capacity - stop
    fault = None if first_fault is None else flags[first_fault]
    frayed_at = None if first_fault is None else first_fault + 1

    if by_reserve is not None and by_reserve < by_quality:
        reason = (
            f"with about {capacity} reps possible, going on would leave fewer than "
            f"{keep_in_reserve} in reserve (keeping 2-3 is a teaching heuristic)."
        )
    elif first_fault is not None:
        what = "technique frayed" if fault == "frayed" else f"{fault.replace('_', ' ')} showed"
        reason = (
            f"on rep {frayed_at} {what}; the reps after that add volume, not skill. Count {stop} clean reps."
        )
    else:
        reason = f"all {len(flags)} reps were clean"
        if reserve_left is None:
            reason += "; add a rep next time if effort stayed at 8 or below."
        elif reserve_left > keep_in_reserve:
            reason += f" with {reserve_left} in reserve; add a rep next time."
        else:
            reason += f" with {reserve_left} in reserve; keep this length for now."
    return SetAdvice(
        stop_after=stop,
        total_reps=len(flags),
        frayed_at=frayed_at,
        fault=fault,
        reserve_left=reserve_left,
        reason=reason,
    )

"""The training loop: from logged sessions to one proposed change per routine item.

A learner practises a routine and logs each session (sets, reps, clean reps and effort per
exercise; pain before and during, and the next morning's pain on the next open). For every
item of the routine, :func:`suggest_changes` decides with :func:`coursekit.engine.pain.next_step`
and turns the decision into one small step on one axis with
:func:`coursekit.engine.progression.propose`:

* **pain during** is the latest session's; **usual pain** (the baseline) is its pain before;
* **next-morning pain** is the latest session's if it was logged, else the one logged after
  the session before it (how this routine usually settles). With none logged yet the kit does
  not progress: it asks for the next-morning score first;
* a set is **clean** when every rep was clean and effort stayed at 8/10 or less (at least two
  reps in reserve, [rir]); a progression needs the item clean in the **last two** sessions that
  logged it, so that one good day is not mistaken for a pattern (a teaching heuristic);
* pain above 5/10 during the session regresses at once, and suggests the routine's plan B for
  that slot (:func:`plan_b_for`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from coursekit.engine.pain import MAX_DURING, Step, next_step
from coursekit.engine.progression import Proposal, propose
from coursekit.engine.routines import Routine
from coursekit.errors import InvalidModel

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog

__all__ = [
    "MAX_CLEAN_EFFORT",
    "LoggedExercise",
    "LoggedSession",
    "Suggestion",
    "apply_changes",
    "plan_b_for",
    "suggest_changes",
]

#: Effort 8/10 leaves about two reps in reserve [rir]: above it, a set is not counted clean.
MAX_CLEAN_EFFORT = 8
#: How many sessions running an item must be clean before it progresses.
CLEAN_SESSIONS = 2


class LoggedExercise(Protocol):
    """What the loop needs of one exercise log (``coursekit.journal.ExerciseLog`` fits)."""

    exercise: str
    sets: int
    reps: int
    clean_reps: int
    effort: int


class LoggedSession(Protocol):
    """What the loop needs of one logged session (``coursekit.journal.Session`` fits)."""

    @property
    def day(self) -> date: ...
    @property
    def exercises(self) -> Sequence[LoggedExercise]: ...
    @property
    def pain_before(self) -> int | None: ...
    @property
    def pain_during(self) -> int | None: ...
    @property
    def pain_next_morning(self) -> int | None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Suggestion:
    """The proposed change of one routine item: its index, the action and the proposed item."""

    index: int
    action: str  # progress | repeat | regress
    reason: str  # why, in a sentence (from the pain and the clean reps)
    proposal: Proposal  # the one-axis step (its item is the proposed item)

    @property
    def item(self) -> object:
        return self.proposal.item

    @property
    def changes(self) -> bool:
        """Whether accepting it changes the routine."""
        return self.proposal.kind != "none"

    def __str__(self) -> str:
        return f"[{self.index}] {self.action}: {self.proposal.explanation}"

    def __repr__(self) -> str:
        axis = self.proposal.axis or "no axis"
        return f"Suggestion({self.index}, {self.action}, {axis})"


def _is_clean(log: LoggedExercise) -> bool:
    return log.clean_reps >= log.sets * log.reps and log.effort <= MAX_CLEAN_EFFORT


def _morning(history: Sequence[LoggedSession]) -> int | None:
    """The latest session's next-morning pain, else the latest one logged before it."""
    for session in reversed(history):
        if session.pain_next_morning is not None:
            return session.pain_next_morning
    return None


def _decide(logs: Sequence[LoggedExercise], history: Sequence[LoggedSession]) -> Step:
    latest = history[-1]
    during = latest.pain_during if latest.pain_during is not None else 0
    baseline = latest.pain_before if latest.pain_before is not None else 0
    if during > MAX_DURING:
        return next_step(during=during, next_morning=baseline, baseline=baseline, clean=False)
    morning = _morning(history)
    if morning is None:
        return Step(
            action="repeat",
            reason="No next-morning pain is logged yet: repeat this dose, and log tomorrow morning's pain first.",
        )
    recent = logs[-CLEAN_SESSIONS:]
    clean = len(recent) == CLEAN_SESSIONS and all(_is_clean(log) for log in recent)
    step = next_step(during=during, next_morning=morning, baseline=baseline, clean=clean)
    if step.action == "repeat" and all(_is_clean(log) for log in recent):
        return Step(
            action="repeat", reason="Clean in one session so far: repeat it once more before stepping up."
        )
    return step


def suggest_changes(
    routine: Routine, sessions: Iterable[LoggedSession], catalog: Catalog
) -> list[Suggestion]:
    """One proposal per item of ``routine`` from its logged ``sessions`` (oldest first or any order).

    An item that no session logged yet is repeated (nothing to go on). The sessions should be
    the ones of this routine; exercises not in the routine are ignored.
    """
    if not isinstance(routine, Routine):
        raise InvalidModel(f"suggest_changes needs a Routine, got {type(routine).__name__}")
    history = sorted(sessions, key=lambda s: s.day)
    out = []
    for index, item in enumerate(routine.items):
        logs = [log for s in history for log in s.exercises if log.exercise == item.exercise]
        mine = [s for s in history if any(log.exercise == item.exercise for log in s.exercises)]
        if not logs:
            step = Step(action="repeat", reason="Not logged yet: practise it and log the session first.")
        else:
            step = _decide(logs, mine)
        out.append(
            Suggestion(
                index=index, action=step.action, reason=step.reason, proposal=propose(item, step, catalog)
            )
        )
    return out


def apply_changes(routine: Routine, accepted: Iterable[Suggestion]) -> Routine:
    """The routine with the accepted suggestions applied (each replaces its item)."""
    items = list(routine.items)
    for s in accepted:
        if not 0 <= s.index < len(items) or items[s.index].exercise != routine.items[s.index].exercise:
            raise InvalidModel(f"suggestion {s.index} does not belong to this routine")
        items[s.index] = s.proposal.item  # type: ignore[assignment]
    return dataclasses.replace(routine, items=tuple(items))


def plan_b_for(routine: Routine, routines: Iterable[Routine]) -> Routine | None:
    """The plan-B routine for the same slot as ``routine`` (a flare-up day's version), if saved."""
    for other in routines:
        if other.plan == "B" and other.slot == routine.slot and other.name != routine.name:
            return other
    return None

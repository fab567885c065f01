"""Consistency and ritual: micro-sessions at anchor moments, and adherence week by week.

* ``pack_micro_sessions(routines, anchors, daily_budget_min)`` places short sessions (5-10
  minutes) at the learner's anchor moments ("after the first coffee") without going over a
  daily budget. Attaching a new habit to an existing one is a teaching heuristic.
* ``adherence(log)`` turns a log of (date, minutes) into weeks: days practised and minutes,
  against a target of about 5 days a week at 10-20 minutes a day (a teaching heuristic built
  on prevention evidence: exercise with education lowered the risk of a new episode, and the
  effect faded after a year once people stopped [steffens2016]).
* ``log_from_sessions(journal.sessions())`` reads the same log from the learner journal;
  ``example_log(seed)`` invents a seeded log for teaching (no journal is touched).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from coursekit.content.days import as_date
from coursekit.errors import InvalidModel

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog

#: A micro-session lasts at most this many minutes (and at least MICRO_MIN_MIN).
MICRO_MAX_MIN = 10
MICRO_MIN_MIN = 1
#: The daily budget a learner may set, in minutes.
BUDGET_RANGE = (5, 60)
#: Targets of the adherence view (a teaching heuristic, see the module doc).
TARGET_DAYS = 5
TARGET_MIN_MINUTES = 10
TARGET_MAX_MINUTES = 20
MAX_ANCHORS = 6
MAX_ANCHOR_LEN = 60
#: Invented micro-sessions for the notebook and the planner widget (minutes).
EXAMPLE_MICRO_SESSIONS = {
    "Wake-up breath and cat-camel": 5,
    "Desk hinge and wall slide": 6,
    "Walk-and-breathe break": 8,
    "Evening soften": 7,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class MicroSession:
    """One short session attached to one anchor moment."""

    anchor: str
    routine: str
    minutes: float

    def __str__(self) -> str:
        return f"{self.anchor} → {self.routine} ({self.minutes:g} min)"


@dataclass(frozen=True, slots=True, kw_only=True)
class HabitPlan:
    """Micro-sessions placed at anchors within a daily budget, and what did not fit."""

    sessions: tuple[MicroSession, ...]
    budget_min: int
    free_anchors: tuple[str, ...]
    unplaced: tuple[str, ...]

    @property
    def minutes(self) -> float:
        return sum(s.minutes for s in self.sessions)

    @property
    def message(self) -> str:
        """A plain sentence on the day's total against 10-20 minutes."""
        total = self.minutes
        if not self.sessions:
            return "Nothing is placed yet: add an anchor moment and a budget of at least 5 minutes."
        if total < TARGET_MIN_MINUTES:
            return (
                f"{total:g} minutes a day: a good start. Aim for {TARGET_MIN_MINUTES}-"
                f"{TARGET_MAX_MINUTES} minutes by adding an anchor or raising the budget."
            )
        if total <= TARGET_MAX_MINUTES:
            return (
                f"{total:g} minutes a day, inside the {TARGET_MIN_MINUTES}-{TARGET_MAX_MINUTES} "
                f"minute target. Keep it up about {TARGET_DAYS} days a week."
            )
        return (
            f"{total:g} minutes a day, above {TARGET_MAX_MINUTES}: fine if it feels easy to keep, "
            "but a shorter plan you keep beats a long one you drop."
        )

    def __str__(self) -> str:
        lines = [
            f"Daily plan: {len(self.sessions)} micro-session"
            f"{'s' if len(self.sessions) != 1 else ''}, {self.minutes:g} of "
            f"{self.budget_min} min budget"
        ]
        lines += [f"  {s}" for s in self.sessions]
        if self.unplaced:
            lines.append(f"  Not placed (over budget or no free anchor): {', '.join(self.unplaced)}")
        if self.free_anchors:
            lines.append(f"  Free anchors: {', '.join(self.free_anchors)}")
        lines.append(self.message)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"HabitPlan({len(self.sessions)} micro-sessions, {self.minutes:g} min)"


def check_anchors(anchors: Iterable[Any]) -> tuple[str, ...]:
    """Anchor moments as stripped text: blanks dropped, no repeats, at most MAX_ANCHORS."""
    if isinstance(anchors, str):
        anchors = [anchors]
    out: list[str] = []
    for i, a in enumerate(anchors):
        if not isinstance(a, str):
            raise InvalidModel(f"anchor {i} must be text such as 'after the first coffee', got {a!r}")
        text = " ".join(a.split())
        if not text:
            continue
        if len(text) > MAX_ANCHOR_LEN:
            raise InvalidModel(f"anchor {i} is longer than {MAX_ANCHOR_LEN} characters; keep it short")
        if text.lower() in (o.lower() for o in out):
            raise InvalidModel(f"anchor {text!r} is listed twice")
        out.append(text)
    if len(out) > MAX_ANCHORS:
        raise InvalidModel(f"at most {MAX_ANCHORS} anchors a day, got {len(out)}")
    return tuple(out)


def _routine_minutes(routines: Any, catalog: Catalog | None) -> list[tuple[str, float]]:
    if isinstance(routines, Mapping):
        pairs = list(routines.items())
    else:
        pairs = []
        for r in routines:
            if hasattr(r, "duration_s") and hasattr(r, "name"):
                if catalog is None:
                    raise InvalidModel("routines given as Routine objects need catalog= to time them")
                pairs.append((r.name, round(r.duration_s(catalog) / 60, 1)))
            elif isinstance(r, (tuple, list)) and len(r) == 2:
                pairs.append((r[0], r[1]))
            else:
                raise InvalidModel(f"each routine must be a Routine or a (name, minutes) pair, got {r!r}")
    out = []
    for name, minutes in pairs:
        if not isinstance(name, str) or not name.strip():
            raise InvalidModel(f"a routine needs a name, got {name!r}")
        if isinstance(minutes, bool) or not isinstance(minutes, (int, float)):
            raise InvalidModel(f"{name}: minutes must be a number, got {minutes!r}")
        if not MICRO_MIN_MIN <= minutes <= MICRO_MAX_MIN:
            raise InvalidModel(
                f"{name}: a micro-session lasts {MICRO_MIN_MIN} to {MICRO_MAX_MIN} minutes, got {minutes:g}"
            )
        out.append((name.strip(), float(minutes)))
    return out


def pack_micro_sessions(
    routines: Mapping[str, float] | Iterable[Any],
    anchors: Iterable[str],
    daily_budget_min: int,
    *,
    catalog: Catalog | None = None,
) -> HabitPlan:
    """Place micro-sessions at anchors, in the order given, within the daily budget.

    ``routines`` is a mapping of name to minutes, (name, minutes) pairs, or Routine objects
    (then ``catalog`` times them). Each anchor takes at most one session; a session that
    would go over the budget is skipped and the next, perhaps shorter, one is tried.
    """
    items = _routine_minutes(routines, catalog)
    moments = check_anchors(anchors)
    if (
        isinstance(daily_budget_min, bool)
        or not isinstance(daily_budget_min, int)
        or not BUDGET_RANGE[0] <= daily_budget_min <= BUDGET_RANGE[1]
    ):
        raise InvalidModel(
            f"daily budget must be a whole number of minutes from {BUDGET_RANGE[0]} "
            f"to {BUDGET_RANGE[1]}, got {daily_budget_min!r}"
        )
    placed: list[MicroSession] = []
    unplaced: list[str] = []
    total = 0.0
    free = list(moments)
    for name, minutes in items:
        if free and total + minutes <= daily_budget_min:
            placed.append(MicroSession(anchor=free.pop(0), routine=name, minutes=minutes))
            total += minutes
        else:
            unplaced.append(name)
    return HabitPlan(
        sessions=tuple(placed),
        budget_min=daily_budget_min,
        free_anchors=tuple(free),
        unplaced=tuple(unplaced),
    )


# ---------------------------------------------------------------------------------------
# Adherence


@dataclass(frozen=True, slots=True, kw_only=True)
class WeekAdherence:
    """One ISO week: days practised and total minutes, against the targets."""

    week: str  # e.g. "2026-W02"
    days: int
    minutes: float

    @property
    def minutes_per_day(self) -> float:
        return self.minutes / self.days if self.days else 0.0

    @property
    def days_met(self) -> bool:
        return self.days >= TARGET_DAYS

    @property
    def minutes_met(self) -> bool:
        return self.days > 0 and TARGET_MIN_MINUTES <= round(self.minutes_per_day, 1)

    def __str__(self) -> str:
        mark = "on target" if self.days_met and self.minutes_met else "below target"
        return (
            f"{self.week}: {self.days} day{'s' if self.days != 1 else ''}, "
            f"{self.minutes:g} min ({self.minutes_per_day:.1f} min a day) - {mark}"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Adherence:
    """Weeks of practice, gap weeks included, and a plain message with a suggestion."""

    weeks: tuple[WeekAdherence, ...]

    @property
    def message(self) -> str:
        if not self.weeks:
            return "No practice logged yet. Start with one 5-minute micro-session at an anchor moment."
        met = sum(w.days_met and w.minutes_met for w in self.weeks)
        last = self.weeks[-1]
        head = f"{met} of {len(self.weeks)} weeks on target ({TARGET_DAYS} days, {TARGET_MIN_MINUTES}-{TARGET_MAX_MINUTES} min a day)."
        if last.days == 0:
            tip = (
                "Last week had no practice. Restart small: plan B, five minutes at your "
                "easiest anchor, counts."
            )
        elif not last.days_met:
            tip = (
                f"Last week: {last.days} days. Attach a micro-session to one more anchor "
                "moment, and use plan B on hard days rather than skipping."
            )
        elif not last.minutes_met:
            tip = (
                f"Last week: {last.days} days at about {last.minutes_per_day:.0f} min a day. "
                "Add a second micro-session to reach 10 minutes."
            )
        else:
            tip = (
                "Last week was on target. Keep going: the protective effect of exercise "
                "fades when people stop."
            )
        return f"{head} {tip}"

    def __str__(self) -> str:
        return "\n".join(
            [f"Adherence over {len(self.weeks)} week{'s' if len(self.weeks) != 1 else ''}"]
            + [f"  {w}" for w in self.weeks]
            + [self.message]
        )

    def __repr__(self) -> str:
        return f"Adherence({len(self.weeks)} weeks)"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def adherence(log: Iterable[tuple[date | str, float]]) -> Adherence:
    """Days practised and minutes per ISO week, from (date, minutes) pairs in any order.

    Entries on the same day add up; a day counts as practised when its minutes are above 0.
    Weeks with no entries between the first and last week are shown as 0 days.
    """
    per_day: dict[date, float] = {}
    for i, entry in enumerate(log):
        if not isinstance(entry, (tuple, list)) or len(entry) != 2:
            raise InvalidModel(f"log[{i}]: must be a (date, minutes) pair, got {entry!r}")
        day = as_date(entry[0], f"log[{i}]")
        minutes = entry[1]
        if isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or not 0 <= minutes <= 240:
            raise InvalidModel(f"log[{i}]: minutes must be a number from 0 to 240, got {minutes!r}")
        per_day[day] = per_day.get(day, 0.0) + float(minutes)
    if not per_day:
        return Adherence(weeks=())
    first, last = _monday(min(per_day)), _monday(max(per_day))
    weeks = []
    monday = first
    while monday <= last:
        days = [per_day.get(monday + timedelta(days=k), 0.0) for k in range(7)]
        year, week, _ = monday.isocalendar()
        weeks.append(
            WeekAdherence(
                week=f"{year}-W{week:02d}", days=sum(m > 0 for m in days), minutes=round(sum(days), 1)
            )
        )
        monday += timedelta(days=7)
    return Adherence(weeks=tuple(weeks))


def log_from_sessions(sessions: Iterable[Any]) -> list[tuple[date, float]]:
    """(day, minutes) pairs from the journal's sessions (``Journal.sessions()``)."""
    return [(s.day, float(s.minutes)) for s in sessions]


def example_log(seed: int = 0, *, weeks: int = 6, start: date = date(2026, 1, 5)) -> list[tuple[date, float]]:
    """An invented, seeded log for teaching: a keen start, a dip mid-way, a recovery.

    Each week has a chance of practice per day; minutes are 5-20. Same seed, same log.
    """
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 52:
        raise InvalidModel(f"weeks must be a whole number from 1 to 52, got {weeks!r}")
    start = _monday(start)
    chance = [0.85, 0.75, 0.45, 0.3, 0.65, 0.8]
    out = []
    for w in range(weeks):
        p = chance[w % len(chance)]
        for d in range(7):
            rng = random.Random(f"{seed}:{w}:{d}")
            if rng.random() < p:
                out.append((start + timedelta(days=7 * w + d), float(rng.choice([5, 8, 10, 12, 15, 20]))))
    return out

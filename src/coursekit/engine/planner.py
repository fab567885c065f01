"""Weekly planning: a wardrobe of routines laid out over a week of demanding and lighter days.

``plan_week(wardrobe, catalog, days=..., anchors=...)`` builds a Monday-to-Sunday plan:

* Training days (the days the learner has) alternate a **demanding** day (a routine with
  strengthen items) and a **lighter** day (soften/organize routines or micro-sessions).
  A day is demanding when the calendar day before it was not, and at most
  :data:`MAX_DEMANDING_DAYS` days a week are demanding (strength work 2-3 days a week,
  [acsm2009]). Demanding and lighter routines rotate in slot order across the week.
* **Micro-sessions** — plan-A routines without strengthen work of at most
  :data:`MICRO_MAX_MIN` minutes whose slot has an anchor — go at their anchor moment on
  every training day ("after the first coffee").
* Days the learner does not have are **rest** days: active recovery, no routine.

``swap_to_plan_b(plan, day)`` turns one day into a flare-up day using the plan-B routine
of each session's slot. ``weekly_load(plan, catalog)`` is the table behind the load chart,
as pandas; ``weekly_load_rows`` gives the same rows without pandas.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coursekit.content import enums
from coursekit.content.days import WEEKDAYS, weekday
from coursekit.engine.routines import Routine
from coursekit.errors import InvalidModel

if TYPE_CHECKING:
    import pandas as pd

    from coursekit.content.catalog import Catalog

DAY_KINDS = ("demanding", "light", "rest", "flare-up")
#: At most this many demanding (strength) days a week ([acsm2009]: 2-3 days a week).
MAX_DEMANDING_DAYS = 3
#: A routine of at most this many minutes counts as a micro-session (CONTENT.md: 5-10 min).
MICRO_MAX_MIN = 10
#: When a slot has no anchor, its session is placed at this moment.
DEFAULT_MOMENTS = {
    "morning": "in the morning",
    "office": "during the working day",
    "travel": "on the road",
    "evening": "in the evening",
    "custom": "at a time you choose",
}
ACTIVE_RECOVERY = "Rest or active recovery: an easy 20-30 minute walk and some relaxed breathing."
_NOTES = {
    "demanding": "Strength day: the full routine, leaving 2-3 clean reps in reserve.",
    "light": "Lighter day: soften and organize, micro-sessions at your anchors.",
}


def _slot_order(routine: Routine) -> tuple[int, str]:
    return (enums.SLOTS.index(routine.slot), routine.plan)


@dataclass(frozen=True, slots=True, kw_only=True)
class Wardrobe:
    """A small set of routines, at most one per (slot, plan): morning A, morning B, office A..."""

    routines: tuple[Routine, ...] = ()

    def __post_init__(self) -> None:
        routines = self.routines
        if isinstance(routines, Mapping):
            for key, r in routines.items():
                if isinstance(r, Routine) and tuple(key) != (r.slot, r.plan):
                    raise InvalidModel(
                        f"Wardrobe: key {key!r} does not match routine {r.name!r} ({r.slot}, plan {r.plan})"
                    )
            routines = tuple(routines.values())
        routines = tuple(routines)
        seen: dict[tuple[str, str], str] = {}
        for i, r in enumerate(routines):
            if not isinstance(r, Routine):
                raise InvalidModel(f"Wardrobe.routines[{i}] must be a Routine, got {type(r).__name__}")
            key = (r.slot, r.plan)
            if key in seen:
                raise InvalidModel(
                    f"Wardrobe: {r.name!r} and {seen[key]!r} are both the {r.slot} plan {r.plan} routine; keep one per slot and plan"
                )
            seen[key] = r.name
        object.__setattr__(self, "routines", tuple(sorted(routines, key=_slot_order)))

    @classmethod
    def of(cls, *routines: Routine) -> Wardrobe:
        """A wardrobe of the given routines."""
        return cls(routines=routines)

    def get(self, slot: str, plan: str = "A") -> Routine | None:
        """The routine for ``slot`` and ``plan``, or None."""
        return next((r for r in self.routines if r.slot == slot and r.plan == plan), None)

    def __getitem__(self, key: tuple[str, str]) -> Routine:
        found = self.get(*key)
        if found is None:
            raise KeyError(f"the wardrobe has no routine for {key[0]}, plan {key[1]}")
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and len(key) == 2 and self.get(*key) is not None

    def keys(self) -> tuple[tuple[str, str], ...]:
        """The (slot, plan) pairs, in slot order."""
        return tuple((r.slot, r.plan) for r in self.routines)

    def __iter__(self) -> Iterator[Routine]:
        return iter(self.routines)

    def __repr__(self) -> str:
        keys = ", ".join(f"{s} {p}" for s, p in self.keys())
        return f"Wardrobe({len(self.routines)} routines: {keys})" if keys else "Wardrobe(empty)"


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    """One routine at one moment of a day, with its estimated minutes."""

    routine: Routine
    moment: str
    minutes: float

    def __str__(self) -> str:
        return f"{self.routine.name} ({self.moment}, {self.minutes:.0f} min)"


@dataclass(frozen=True, slots=True, kw_only=True)
class DayPlan:
    """One day of the week: its kind, plan (A, B, or None on rest days), sessions and a note."""

    day: str
    kind: str
    plan: str | None
    sessions: tuple[Session, ...]
    note: str

    def __post_init__(self) -> None:
        if self.day not in WEEKDAYS:
            raise InvalidModel(f"DayPlan.day must be one of {', '.join(WEEKDAYS)}; got {self.day!r}")
        if self.kind not in DAY_KINDS:
            raise InvalidModel(f"DayPlan.kind must be one of {', '.join(DAY_KINDS)}; got {self.kind!r}")

    @property
    def minutes(self) -> float:
        return sum(s.minutes for s in self.sessions)

    def __str__(self) -> str:
        body = "; ".join(str(s) for s in self.sessions)
        if not self.sessions:
            body = self.note
        elif self.kind == "flare-up":  # say what was swapped or dropped
            body += f". {self.note}"
        return f"{self.day:<4}{self.kind:<10} {self.plan or '-'}  {body}"


@dataclass(frozen=True, slots=True, kw_only=True)
class WeekPlan:
    """Seven :class:`DayPlan` (Mon..Sun) made from a wardrobe."""

    days: tuple[DayPlan, ...]
    wardrobe: Wardrobe
    catalog: Catalog | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if tuple(d.day for d in self.days) != WEEKDAYS:
            raise InvalidModel("WeekPlan.days must be the seven days Mon to Sun, in order")

    def day(self, name: str) -> DayPlan:
        """The plan of one day (``"Mon"`` or ``"Monday"``)."""
        return self.days[WEEKDAYS.index(weekday(name))]

    def count(self, kind: str) -> int:
        """How many days are of this kind."""
        return sum(d.kind == kind for d in self.days)

    def __str__(self) -> str:
        training = 7 - self.count("rest")
        parts = [f"{self.count(k)} {k}" for k in ("demanding", "light", "flare-up") if self.count(k)]
        head = f"Week plan: {training} training day{'s' if training != 1 else ''}"
        head += f" ({', '.join(parts)})" if parts else ""
        head += f", {self.count('rest')} rest"
        return "\n".join([head] + [str(d) for d in self.days])

    def __repr__(self) -> str:
        return f"WeekPlan({' '.join(f'{d.day}:{d.kind}' for d in self.days)})"


def _has_strength(routine: Routine, catalog: Catalog) -> bool:
    return any(it.phase_in(catalog) == "strengthen" for it in routine.items)


def _check(routine: Routine, catalog: Catalog) -> None:
    try:
        routine.exercises_in(catalog)
    except InvalidModel as err:
        raise InvalidModel(f"routine {routine.name!r}: {err}") from None


def plan_week(
    wardrobe: Wardrobe | Iterable[Routine],
    catalog: Catalog,
    *,
    days: Sequence[str],
    anchors: Mapping[str, str] | None = None,
) -> WeekPlan:
    """Lay a wardrobe over Mon..Sun: demanding and lighter days alternate, rest on the others.

    ``days`` are the weekdays the learner has (``["Mon", "Tue", "Thu"]``); ``anchors`` maps a
    slot to the daily moment its session hangs on (``{"office": "after the 11:00 meeting"}``).
    """
    if not isinstance(wardrobe, Wardrobe):
        wardrobe = Wardrobe(routines=tuple(wardrobe))
    if isinstance(days, str):
        raise InvalidModel("days must be a list of weekdays like ['Mon', 'Wed'], not one text")
    available = {weekday(d) for d in days}
    anchors = dict(anchors or {})
    for slot, moment in anchors.items():
        if slot not in enums.SLOTS:
            raise InvalidModel(f"anchors: {slot!r} is not a slot; slots are {', '.join(enums.SLOTS)}")
        if not isinstance(moment, str) or not moment.strip():
            raise InvalidModel(f"anchors[{slot!r}] must be a moment in words, like 'after the first coffee'")
    for r in wardrobe:
        _check(r, catalog)

    plan_a = [r for r in wardrobe if r.plan == "A"]
    demanding = [r for r in plan_a if _has_strength(r, catalog)]
    lighter = [r for r in plan_a if not _has_strength(r, catalog)]
    micro = [r for r in lighter if r.slot in anchors and r.minutes(catalog) <= MICRO_MAX_MIN]
    light_main = [r for r in lighter if r not in micro]

    def session(r: Routine) -> Session:
        return Session(
            routine=r,
            moment=anchors.get(r.slot, DEFAULT_MOMENTS[r.slot]),
            minutes=round(r.minutes(catalog), 1),
        )

    out: list[DayPlan] = []
    previous_demanding = False
    n_demanding = n_light = 0
    for day in WEEKDAYS:
        if day not in available:
            out.append(DayPlan(day=day, kind="rest", plan=None, sessions=(), note=ACTIVE_RECOVERY))
            previous_demanding = False
            continue
        if demanding and not previous_demanding and n_demanding < MAX_DEMANDING_DAYS:
            kind, main = "demanding", demanding[n_demanding % len(demanding)]
            n_demanding += 1
        else:
            kind = "light"
            main = light_main[n_light % len(light_main)] if light_main else None
            n_light += 1
        chosen = ([main] if main is not None else []) + [
            r for r in micro if main is None or r.slot != main.slot
        ]
        sessions = tuple(session(r) for r in sorted(chosen, key=_slot_order))
        note = (
            _NOTES[kind]
            if sessions
            else "No lighter routine in the wardrobe yet: " + ACTIVE_RECOVERY[0].lower() + ACTIVE_RECOVERY[1:]
        )
        out.append(DayPlan(day=day, kind=kind, plan="A", sessions=sessions, note=note))
        previous_demanding = kind == "demanding"
    return WeekPlan(days=tuple(out), wardrobe=wardrobe, catalog=catalog)


def swap_to_plan_b(plan: WeekPlan, day: str) -> WeekPlan:
    """The same week with ``day`` as a flare-up day: each session uses its slot's plan-B routine.

    A slot without a plan-B routine is dropped from the day and the note says so; a rest
    day stays a rest day with a note on moving gently.
    """
    name = weekday(day)
    index = WEEKDAYS.index(name)
    today = plan.days[index]
    if today.kind == "rest":
        new = dataclasses.replace(
            today,
            note=(
                "Already a rest day: on a flare-up day keep moving gently, with short easy walks "
                "and relaxed breathing."
            ),
        )
    else:
        swapped: list[Session] = []
        missing: list[str] = []
        for s in today.sessions:
            b = plan.wardrobe.get(s.routine.slot, "B")
            if b is None:
                missing.append(s.routine.slot)
            elif all(x.routine != b for x in swapped):
                minutes = b.minutes(plan.catalog)
                swapped.append(Session(routine=b, moment=s.moment, minutes=round(minutes, 1)))
        if missing:
            names = list(dict.fromkeys(missing))
            slots = " and ".join(names)
            word = "slot" if len(names) == 1 else "slots"
            note = (
                f"No plan-B routine for the {slots} {word} in the wardrobe: on this flare-up "
                "day take short easy walks and relaxed breathing instead, and add a plan-B "
                f"routine for {'it' if len(names) == 1 else 'each'} to your wardrobe."
            )
        elif swapped:
            note = "Flare-up day: plan B, gentle and short; keep moving."
        else:
            note = "Flare-up day with no routine planned: short easy walks and relaxed breathing."
        new = DayPlan(day=name, kind="flare-up", plan="B", sessions=tuple(swapped), note=note)
    days = plan.days[:index] + (new,) + plan.days[index + 1 :]
    return dataclasses.replace(plan, days=days)


def session_load(routine: Routine, catalog: Catalog) -> float:
    """Load of one routine: minutes × mean exercise load level (0-4), in load-minutes."""
    exercises = routine.exercises_in(catalog)
    if not exercises:
        return 0.0
    mean_level = sum(ex.load_level for ex in exercises) / len(exercises)
    return routine.minutes(catalog) * mean_level


def weekly_load_rows(plan: WeekPlan, catalog: Catalog) -> list[dict[str, Any]]:
    """One mapping per day: day, kind, sessions, minutes and load (no pandas needed).

    Load is a teaching measure in load-minutes: each session's minutes times the mean
    catalog load level (0 unloaded … 4 moderate external load) of its exercises, summed
    over the day. Like session-RPE it multiplies time by intensity; it is not a validated
    training-load scale.
    """
    return [
        {
            "day": d.day,
            "kind": d.kind,
            "sessions": len(d.sessions),
            "minutes": round(sum(s.routine.minutes(catalog) for s in d.sessions), 1),
            "load": round(sum(session_load(s.routine, catalog) for s in d.sessions), 1),
        }
        for d in plan.days
    ]


def weekly_load(plan: WeekPlan, catalog: Catalog) -> pd.DataFrame:
    """:func:`weekly_load_rows` as a pandas table, one row per day (imports pandas)."""
    import pandas as pd

    rows = weekly_load_rows(plan, catalog)
    return pd.DataFrame(rows, columns=["day", "kind", "sessions", "minutes", "load"])

"""Strategic variability: a capsule of exercises rotated across the training days of a week.

``weekly_rotation(capsule, catalog, days=..., per_day=...)`` lays a small, well-chosen set
of exercises (a *capsule collection*, a teaching heuristic) over the learner's training
days so that movement families take turns. The rule is deterministic:

* Each day draws ``per_day`` different families. The families are ranked by: not used on
  the calendar day before (no family two days in a row when avoidable), then least used
  so far this week, then the order they first appear in the capsule. A family not used
  yet always outranks one already used, so when ``days × per_day`` is at least the
  number of families, every family of the capsule appears at least once a week.
* Within a family, its exercises take turns (first use: the first listed, and so on).
* Each day's items are ordered soften → organize → strengthen (notebook 05).

``Rotation.variety`` measures the week: family coverage, exercises used, and the number of
back-to-back repeats (a family on two calendar days in a row).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coursekit.content import enums
from coursekit.content.days import WEEKDAYS, weekday
from coursekit.errors import InvalidModel

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog

#: A capsule is small on purpose: at least 2 and at most this many exercises.
MAX_CAPSULE = 12
#: Families per session: 1 to this many.
MAX_PER_DAY = 5
DEFAULT_DAYS = ("Mon", "Tue", "Thu", "Fri", "Sat")


def check_days(days: Iterable[object]) -> tuple[str, ...]:
    """Training days as short names in calendar order; at least one, no repeats."""
    if isinstance(days, str):
        days = [days]
    names = [weekday(d) for d in days]
    if not names:
        raise InvalidModel("choose at least one training day")
    if len(set(names)) != len(names):
        raise InvalidModel(f"a training day is listed twice: {', '.join(names)}")
    return tuple(sorted(names, key=WEEKDAYS.index))


@dataclass(frozen=True, slots=True, kw_only=True)
class RotationDay:
    """One training day: the exercises of its session and their families."""

    day: str
    exercises: tuple[str, ...]
    families: tuple[str, ...]

    def __str__(self) -> str:
        items = ", ".join(f"{e} ({f})" for e, f in zip(self.exercises, self.families, strict=True))
        return f"{self.day}: {items}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Variety:
    """How varied a week is: families covered, exercises used, back-to-back repeats."""

    families_used: int
    families_total: int
    exercises_used: int
    exercises_total: int
    back_to_back: int

    @property
    def coverage(self) -> float:
        """Share of the capsule's families that appear this week (0 to 1)."""
        return self.families_used / self.families_total if self.families_total else 0.0

    def __str__(self) -> str:
        repeats = (
            "no family on two days in a row"
            if self.back_to_back == 0
            else f"{self.back_to_back} back-to-back repeat{'s' if self.back_to_back != 1 else ''}"
        )
        return (
            f"Variety: {self.families_used} of {self.families_total} families "
            f"({self.coverage:.0%}), {self.exercises_used} of {self.exercises_total} "
            f"exercises used, {repeats}."
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Rotation:
    """A week of sessions drawn from a capsule, one :class:`RotationDay` per training day."""

    capsule: tuple[str, ...]
    families: tuple[str, ...]  # the capsule's families, in order of first appearance
    days: tuple[RotationDay, ...]
    per_day: int = 3  # families each session draws (fewer when the capsule has fewer)

    @property
    def variety(self) -> Variety:
        used_fam = {f for d in self.days for f in d.families}
        used_ex = {e for d in self.days for e in d.exercises}
        back = 0
        by_day = {d.day: set(d.families) for d in self.days}
        for d in self.days:
            i = WEEKDAYS.index(d.day)
            if i > 0 and WEEKDAYS[i - 1] in by_day:
                back += len(by_day[WEEKDAYS[i - 1]] & set(d.families))
        return Variety(
            families_used=len(used_fam),
            families_total=len(self.families),
            exercises_used=len(used_ex),
            exercises_total=len(self.capsule),
            back_to_back=back,
        )

    def grid(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str | None, ...], ...]]:
        """Days, families and, per day and family, the exercise drawn (or None): the chart data."""
        days = tuple(d.day for d in self.days)
        cells = tuple(
            tuple(dict(zip(d.families, d.exercises, strict=True)).get(f) for f in self.families)
            for d in self.days
        )
        return days, self.families, cells

    def __str__(self) -> str:
        lines = [f"Rotation of {len(self.capsule)} exercises over {len(self.days)} days"]
        lines += [f"  {d}" for d in self.days]
        lines.append(str(self.variety))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"Rotation({len(self.capsule)} exercises, {len(self.days)} days, {len(self.families)} families)"
        )


def check_capsule(capsule: Iterable[str], catalog: Catalog) -> tuple[str, ...]:
    """The capsule as a tuple of known, distinct ids (2 to MAX_CAPSULE)."""
    if isinstance(capsule, str):
        capsule = [capsule]
    ids = tuple(capsule)
    for i in ids:
        if i not in catalog:
            raise InvalidModel(f"capsule: {i!r} is not an exercise in the catalog")
    if len(set(ids)) != len(ids):
        raise InvalidModel("capsule: an exercise is listed twice")
    if not 2 <= len(ids) <= MAX_CAPSULE:
        raise InvalidModel(f"a capsule holds 2 to {MAX_CAPSULE} exercises, got {len(ids)}")
    return ids


def weekly_rotation(
    capsule: Iterable[str], catalog: Catalog, *, days: Iterable[str] = DEFAULT_DAYS, per_day: int = 3
) -> Rotation:
    """Rotate the capsule's families over the training days (see the module doc for the rule)."""
    ids = check_capsule(capsule, catalog)
    day_names = check_days(days)
    if isinstance(per_day, bool) or not isinstance(per_day, int) or not 1 <= per_day <= MAX_PER_DAY:
        raise InvalidModel(f"per_day must be a whole number from 1 to {MAX_PER_DAY}, got {per_day!r}")
    members: dict[str, list[str]] = {}
    for i in ids:
        members.setdefault(catalog[i].family, []).append(i)
    families = tuple(members)
    count = dict.fromkeys(families, 0)
    previous: tuple[str, int] | None = None  # (families of the last session, its weekday index)
    out = []
    for name in day_names:
        index = WEEKDAYS.index(name)
        yesterday = set(previous[0]) if previous and previous[1] == index - 1 else set()
        ranked = sorted(families, key=lambda f: (f in yesterday, count[f], families.index(f)))
        chosen = ranked[: min(per_day, len(families))]
        picks = []
        for f in chosen:
            group = members[f]
            picks.append(group[count[f] % len(group)])
            count[f] += 1
        picks.sort(key=lambda e: (enums.PHASES.index(catalog[e].phase), ids.index(e)))
        day_families = tuple(catalog[e].family for e in picks)
        out.append(RotationDay(day=name, exercises=tuple(picks), families=day_families))
        previous = (day_families, index)
    return Rotation(capsule=ids, families=families, days=tuple(out), per_day=per_day)

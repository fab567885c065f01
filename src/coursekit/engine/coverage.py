"""Coverage: which movement families and body regions a routine (or a week) trains.

Counts are per item: each item adds 1 to its exercise's family and 1 to each of its
regions. Families and regions come out in the order of :mod:`coursekit.content.enums`, zeros
included, so a chart always has the same bars in the same place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coursekit.content import enums
from coursekit.content.models import Exercise
from coursekit.engine.routines import Routine, RoutineItem
from coursekit.errors import InvalidModel

if TYPE_CHECKING:
    import pandas as pd

    from coursekit.content.catalog import Catalog


@dataclass(frozen=True, slots=True, kw_only=True)
class Missing:
    """The families and regions nothing covers."""

    families: tuple[str, ...]
    regions: tuple[str, ...]

    def __str__(self) -> str:
        fam = ", ".join(f.replace("_", " ") for f in self.families) or "none"
        reg = ", ".join(r.replace("_", " ") for r in self.regions) or "none"
        return f"Missing families: {fam}\nMissing regions: {reg}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Coverage:
    """Item counts per movement family and per body region (enum order, zeros included)."""

    families: tuple[tuple[str, int], ...]
    regions: tuple[tuple[str, int], ...]
    items: int

    @property
    def family_counts(self) -> dict[str, int]:
        return dict(self.families)

    @property
    def region_counts(self) -> dict[str, int]:
        return dict(self.regions)

    @property
    def missing(self) -> Missing:
        """Families and regions with a count of zero."""
        return Missing(
            families=tuple(f for f, n in self.families if n == 0),
            regions=tuple(r for r, n in self.regions if n == 0),
        )

    def to_frame(self) -> pd.DataFrame:
        """A long table (axis, name, count) for the coverage chart."""
        import pandas as pd

        rows = [("family", f, n) for f, n in self.families] + [("region", r, n) for r, n in self.regions]
        return pd.DataFrame(rows, columns=["axis", "name", "count"])

    def __str__(self) -> str:
        fam = ", ".join(f"{f} {n}" for f, n in self.families if n)
        reg = ", ".join(f"{r} {n}" for r, n in self.regions if n)
        return (
            f"Coverage of {self.items} item{'s' if self.items != 1 else ''}\n"
            f"Families: {fam or 'none'}\nRegions: {reg or 'none'}\n{self.missing}"
        )

    def __repr__(self) -> str:
        m = self.missing

        def n(count: int, word: str) -> str:
            return f"{count} {word}" + ("" if count == 1 else "s")

        return (
            f"Coverage({n(self.items, 'item')}, "
            f"{n(len(enums.FAMILIES) - len(m.families), 'family').replace('familys', 'families')}, "
            f"{n(len(enums.REGIONS) - len(m.regions), 'region')})"
        )


def _exercise_ids(source: Any) -> list[str]:
    """Exercise ids of a routine, items, exercises, ids, routines, or a week plan."""
    if isinstance(source, Routine):
        return [it.exercise for it in source.items]
    if isinstance(source, RoutineItem):
        return [source.exercise]
    if isinstance(source, Exercise):
        return [source.id]
    if isinstance(source, str):
        return [source]
    days = getattr(source, "days", None)
    if days is not None and not isinstance(source, Iterable):  # a WeekPlan
        return [i for d in days for s in d.sessions for i in _exercise_ids(s.routine)]
    if isinstance(source, Iterable):
        return [i for part in source for i in _exercise_ids(part)]
    raise InvalidModel(f"coverage needs a routine, items or a list of routines, got {type(source).__name__}")


def coverage(source: Routine | Iterable[Any], catalog: Catalog) -> Coverage:
    """Count families and regions over a routine, its items, or several routines (a week)."""
    ids = _exercise_ids(source)
    families = dict.fromkeys(enums.FAMILIES, 0)
    regions = dict.fromkeys(enums.REGIONS, 0)
    for n, exercise_id in enumerate(ids):
        ex = catalog.get(exercise_id)
        if ex is None:
            raise InvalidModel(f"coverage: item {n}: exercise {exercise_id!r} is not in the catalog")
        families[ex.family] += 1
        for region in ex.regions:
            regions[region] += 1
    return Coverage(families=tuple(families.items()), regions=tuple(regions.items()), items=len(ids))

"""Observed practice: checklists generated from the catalog, ratings, and agreement between raters.

A physiotherapy student is assessed on what they can see as much as on what they know: can
they watch a movement, spot the compensation and give a cue that fixes it? An
:class:`ObservationChecklist` is built from an exercise's own data: the set-up, each quality
marker (met or not met), each compensation the catalog lists (seen or not seen, with its
correcting cue), the cue the observer gave and whether it corrected the fault, and the clean
reps of the total. An :class:`Observation` is one observer's rating of one performance.

When two observers rate the same performance, :func:`agreement` says how far they agree:
percent agreement and Cohen's kappa, which discounts the agreement expected by chance from
each observer's own rates [cohen1960]. Its plain-language reading uses the Landis and Koch
bands [landis1977], a convention for talking about kappa, not a test.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from coursekit.errors import InvalidModel

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog
    from coursekit.content.models import Exercise
    from coursekit.engine.routines import Routine

__all__ = [
    "KINDS",
    "RATINGS",
    "ROLES",
    "Agreement",
    "ChecklistItem",
    "Observation",
    "ObservationChecklist",
    "agreement",
    "agreement_per_item",
    "reading",
]

#: The kinds of checklist item and the ratings each takes (the first is the good finding).
RATINGS: dict[str, tuple[str, str]] = {
    "setup": ("met", "not met"),
    "marker": ("met", "not met"),
    "compensation": ("not seen", "seen"),
}
KINDS = tuple(RATINGS)
ROLES = ("peer", "tutor")

# Landis and Koch (1977): the upper bound of each band from 0 up, and its name (below 0: poor).
_BANDS = ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial"))


def _words(text: str) -> str:
    return text.replace("_", " ")


@dataclass(frozen=True, slots=True, kw_only=True)
class ChecklistItem:
    """One thing to watch: what it is, the ratings it takes, and for a fault the cue that fixes it."""

    id: str
    kind: str
    text: str
    cue: str = ""

    def __post_init__(self) -> None:
        if self.kind not in RATINGS:
            raise InvalidModel(f"ChecklistItem.kind must be one of {', '.join(KINDS)}, got {self.kind!r}")

    @property
    def ratings(self) -> tuple[str, str]:
        return RATINGS[self.kind]

    def is_fault(self, rating: str) -> bool:
        """Whether ``rating`` records a fault (a marker not met, a compensation seen)."""
        return rating == self.ratings[1]


@dataclass(frozen=True, slots=True, kw_only=True)
class ObservationChecklist:
    """What to watch when someone performs one exercise, in the order an observer looks."""

    exercise: str
    name: str
    dose: str
    items: tuple[ChecklistItem, ...]
    cues: tuple[str, ...]  # the cues a coach may give (the exercise's cues, then the corrections)

    @classmethod
    def for_exercise(cls, exercise: Exercise) -> ObservationChecklist:
        """The checklist of one catalog exercise: set-up, quality markers, compensations."""
        setup = f"Set-up: starts {_words(exercise.position)}"
        kit = [e for e in exercise.equipment if e != "none"]
        if kit:
            setup += f" with {', '.join(_words(e) for e in kit)}"
        items = [ChecklistItem(id="setup", kind="setup", text=setup + ", as described.")]
        items += [
            ChecklistItem(id=f"marker-{n}", kind="marker", text=marker)
            for n, marker in enumerate(exercise.quality_markers, start=1)
        ]
        items += [
            ChecklistItem(id=c.pattern, kind="compensation", text=_words(c.pattern).capitalize(), cue=c.cue)
            for c in exercise.compensations
        ]
        cues = tuple(dict.fromkeys((*exercise.cues, *(c.cue for c in exercise.compensations))))
        return cls(
            exercise=exercise.id, name=exercise.name, dose=str(exercise.dose), items=tuple(items), cues=cues
        )

    @classmethod
    def for_routine(cls, routine: Routine, catalog: Catalog) -> tuple[ObservationChecklist, ...]:
        """One checklist per distinct exercise of a routine, in the routine's order."""
        ids = dict.fromkeys(item.exercise for item in routine.items)
        return tuple(cls.for_exercise(catalog[i]) for i in ids)

    def item(self, item_id: str) -> ChecklistItem:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(f"{self.exercise} has no checklist item {item_id!r}; items: {', '.join(self.ids)}")

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(it.id for it in self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __str__(self) -> str:
        lines = [f"Observation checklist: {self.name} ({self.dose})"]
        for it in self.items:
            choice = " / ".join(it.ratings)
            cue = f"  (cue: {it.cue})" if it.cue else ""
            lines.append(f"  [ ] {it.text} - {choice}{cue}")
        lines.append("  Cue given: ____________________   Did it correct the fault? yes / no / not needed")
        lines.append("  Clean reps: ____ of ____")
        return "\n".join(lines)

    def __repr__(self) -> str:
        kinds = Counter(it.kind for it in self.items)
        return (
            f"ObservationChecklist({self.exercise!r}: {kinds['marker']} markers, "
            f"{kinds['compensation']} compensations)"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Observation:
    """One observer's rating of one performance of one exercise."""

    checklist: ObservationChecklist
    observer: str
    performer: str
    role: str
    ratings: Mapping[str, str]
    cue: str = ""
    corrected: bool | None = None  # did the cue correct the fault? None: no cue was needed
    clean_reps: int | None = None
    total_reps: int | None = None
    when: datetime | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        for name in ("observer", "performer"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip() or len(value) > 80:
                raise InvalidModel(f"Observation.{name} must be a name of 1 to 80 characters, got {value!r}")
        if self.role not in ROLES:
            raise InvalidModel(f"Observation.role must be one of {', '.join(ROLES)}, got {self.role!r}")
        self._check_ratings()
        self._check_reps()
        if self.corrected is not None and not isinstance(self.corrected, bool):
            raise InvalidModel(f"Observation.corrected must be True, False or None, got {self.corrected!r}")
        if not isinstance(self.cue, str) or len(self.cue) > 300:
            raise InvalidModel("Observation.cue must be a text of at most 300 characters")

    def _check_ratings(self) -> None:
        if not isinstance(self.ratings, Mapping):
            raise InvalidModel(f"Observation.ratings must map item ids to ratings, got {self.ratings!r}")
        missing = [i for i in self.checklist.ids if i not in self.ratings]
        if missing:
            raise InvalidModel(f"Observation.ratings has no rating for {', '.join(missing)}")
        for item_id, rating in self.ratings.items():
            try:
                item = self.checklist.item(item_id)
            except KeyError as err:
                raise InvalidModel(f"Observation.ratings: {err.args[0]}") from None
            if rating not in item.ratings:
                raise InvalidModel(
                    f"Observation.ratings[{item_id!r}] must be {' or '.join(item.ratings)}, got {rating!r}"
                )

    def _check_reps(self) -> None:
        for name in ("clean_reps", "total_reps"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 500
            ):
                raise InvalidModel(f"Observation.{name} must be a whole number from 0 to 500, got {value!r}")
        if (self.clean_reps is None) != (self.total_reps is None):
            raise InvalidModel("Observation needs both clean_reps and total_reps, or neither")
        if self.clean_reps is not None and self.total_reps is not None and self.clean_reps > self.total_reps:
            raise InvalidModel(
                f"Observation.clean_reps must be at most total_reps ({self.total_reps}), got {self.clean_reps}"
            )

    @property
    def faults(self) -> tuple[str, ...]:
        """The ids of the items rated as a fault, in checklist order."""
        return tuple(i.id for i in self.checklist.items if i.is_fault(self.ratings[i.id]))

    @property
    def passed(self) -> bool:
        """A clean performance: no fault, or every fault corrected by the cue given."""
        return not self.faults or self.corrected is True

    def row(self) -> tuple[str, ...]:
        """The ratings in checklist order (what :func:`agreement` compares)."""
        return tuple(self.ratings[i] for i in self.checklist.ids)

    def __repr__(self) -> str:
        return (
            f"Observation({self.checklist.exercise!r} by {self.observer} ({self.role}) of {self.performer}: "
            f"{len(self.faults)} fault(s))"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Agreement:
    """How far two raters agree: the share of equal ratings and Cohen's kappa."""

    n: int
    agreed: int
    observed: float  # proportion of equal ratings, 0-1
    expected: float  # agreement expected by chance from each rater's own rates
    kappa: float | None  # None when undefined (both raters used one and the same rating only)

    @property
    def percent(self) -> float:
        return 100.0 * self.observed

    @property
    def reading(self) -> str:
        return reading(self)

    def __str__(self) -> str:
        kappa = "undefined" if self.kappa is None else f"{self.kappa:.2f}"
        return (
            f"{self.agreed} of {self.n} ratings agree ({self.percent:.0f} %), kappa {kappa}: {self.reading}"
        )

    def __repr__(self) -> str:
        kappa = "None" if self.kappa is None else f"{self.kappa:.3f}"
        return f"Agreement(n={self.n}, percent={self.percent:.1f}, kappa={kappa})"


def agreement(ratings_a: Sequence[Hashable], ratings_b: Sequence[Hashable]) -> Agreement:
    """Percent agreement and Cohen's kappa of two equal-length sequences of categorical ratings.

    kappa = (p_o - p_e) / (1 - p_e), where p_o is the observed share of equal ratings and
    p_e the share expected by chance: the sum over categories of the product of the two
    raters' proportions [cohen1960].
    """
    a, b = list(ratings_a), list(ratings_b)
    if len(a) != len(b):
        raise InvalidModel(f"agreement needs two equally long lists of ratings, got {len(a)} and {len(b)}")
    if not a:
        raise InvalidModel("agreement needs at least one pair of ratings")
    n = len(a)
    agreed = sum(x == y for x, y in zip(a, b, strict=True))
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[c] * count_b[c] for c in count_a) / (n * n)
    observed = agreed / n
    kappa = None if expected == 1.0 else (observed - expected) / (1.0 - expected)
    return Agreement(n=n, agreed=agreed, observed=observed, expected=expected, kappa=kappa)


def agreement_per_item(pairs: Iterable[tuple[Observation, Observation]]) -> dict[str, Agreement]:
    """For performances rated by two observers each, the agreement on every checklist item.

    ``pairs`` holds, for each performance, the two observers' ratings of the same checklist.
    The key ``"overall"`` pools every item of every performance.
    """
    columns: dict[str, tuple[list[str], list[str]]] = {}
    pooled: tuple[list[str], list[str]] = ([], [])
    for first, second in pairs:
        if first.checklist.exercise != second.checklist.exercise:
            raise InvalidModel(
                f"a pair must rate the same exercise, got {first.checklist.exercise!r} and "
                f"{second.checklist.exercise!r}"
            )
        for item_id in first.checklist.ids:
            col = columns.setdefault(item_id, ([], []))
            for side, obs in enumerate((first, second)):
                col[side].append(obs.ratings[item_id])
                pooled[side].append(obs.ratings[item_id])
    if not pooled[0]:
        raise InvalidModel("agreement_per_item needs at least one pair of observations")
    out = {item_id: agreement(a, b) for item_id, (a, b) in columns.items()}
    out["overall"] = agreement(*pooled)
    return out


def reading(result: Agreement) -> str:
    """A plain-language reading of an agreement, after the Landis and Koch bands [landis1977]."""
    if result.kappa is None:
        return (
            "kappa cannot be computed: both observers gave one and the same rating throughout; "
            "look at the percent agreement and rate a performance with a visible fault"
        )
    if result.kappa < 0:
        return "poor agreement: less than chance would give; compare what each of you looked for"
    band = next((name for upper, name in _BANDS if result.kappa <= upper + 1e-12), "almost perfect")
    return f"{band} agreement beyond chance"

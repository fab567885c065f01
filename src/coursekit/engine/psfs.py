"""The patient-specific functional scale method: the person's own activities, rated 0-10.

The person names three to five everyday activities that matter to them and that their back
makes hard, and rates each from 0 (cannot do it) to 10 (as well as before the problem). The
score is the mean. A change of about 2 points on the mean, or 3 points on a single
activity, is larger than measurement error [psfs]. The method is free to use; the wording
here is the course's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coursekit.errors import InvalidModel

MIN_ACTIVITIES, MAX_ACTIVITIES = 3, 5
#: Change on the mean score that exceeds measurement error (about 2 points, [psfs]).
MEAN_ERROR = 2.0
#: Change on one activity's score that exceeds measurement error (about 3 points, [psfs]).
ACTIVITY_ERROR = 3.0
MAX_NAME = 80
#: How the kit asks for the ratings (the course's own words).
INSTRUCTIONS = (
    "Name three to five everyday activities that matter to you and that your back makes "
    "hard at the moment. Rate each from 0 (you cannot do it at all) to 10 (you do it as "
    "well as before the problem)."
)


def _key(name: str) -> str:
    return " ".join(name.lower().split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Activity:
    """One activity the person named, with its 0-10 rating."""

    name: str
    score: int

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidModel(f"Activity.name must be non-empty text, got {self.name!r}")
        if len(self.name) > MAX_NAME:
            raise InvalidModel(f"Activity.name must be at most {MAX_NAME} characters, got {len(self.name)}")
        if isinstance(self.score, bool) or not isinstance(self.score, int):
            raise InvalidModel(
                f"Activity.score of {self.name!r} must be a whole number from 0 to 10, got {self.score!r}"
            )
        if not 0 <= self.score <= 10:
            raise InvalidModel(f"Activity.score of {self.name!r} must be between 0 and 10, got {self.score}")

    def __str__(self) -> str:
        return f"{self.name}: {self.score}/10"


@dataclass(frozen=True, slots=True, kw_only=True)
class PSFS:
    """One rating: 3-5 activities, each 0-10; the score is their mean."""

    activities: tuple[Activity, ...]

    def __post_init__(self) -> None:
        acts = tuple(self.activities)
        object.__setattr__(self, "activities", acts)
        if not MIN_ACTIVITIES <= len(acts) <= MAX_ACTIVITIES:
            raise InvalidModel(
                f"PSFS.activities must list {MIN_ACTIVITIES} to {MAX_ACTIVITIES} activities, got {len(acts)}"
            )
        seen: set[str] = set()
        for i, a in enumerate(acts):
            if not isinstance(a, Activity):
                raise InvalidModel(f"PSFS.activities[{i}] must be an Activity, got {type(a).__name__}")
            if _key(a.name) in seen:
                raise InvalidModel(f"PSFS.activities[{i}]: {a.name!r} is listed twice")
            seen.add(_key(a.name))

    @classmethod
    def from_scores(cls, scores: Mapping[str, int] | Iterable[tuple[str, int]]) -> PSFS:
        """Build from ``{"Lifting my toddler": 3, ...}`` or (name, score) pairs."""
        pairs = scores.items() if isinstance(scores, Mapping) else scores
        return cls(activities=tuple(Activity(name=n, score=s) for n, s in pairs))

    @property
    def mean(self) -> float:
        """The PSFS score: the mean rating, rounded to 2 decimals."""
        return round(sum(a.score for a in self.activities) / len(self.activities), 2)

    def score(self, name: str) -> int:
        """The rating of one activity (names match ignoring case and spacing)."""
        for a in self.activities:
            if _key(a.name) == _key(name):
                return a.score
        raise KeyError(
            f"no activity {name!r}; the activities are {', '.join(a.name for a in self.activities)}"
        )

    def __str__(self) -> str:
        lines = [f"PSFS mean {self.mean:.1f}/10 over {len(self.activities)} activities"]
        lines += [f"  {a}" for a in self.activities]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"PSFS(mean {self.mean:.1f}, {len(self.activities)} activities)"


def _signed(x: float) -> str:
    return f"{x:+.1f}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ActivityChange:
    """The change of one activity's rating between two occasions."""

    name: str
    before: int
    after: int

    @property
    def difference(self) -> int:
        return self.after - self.before

    @property
    def exceeds_error(self) -> bool:
        """True when the change is at least :data:`ACTIVITY_ERROR` points either way."""
        return abs(self.difference) >= ACTIVITY_ERROR

    def __str__(self) -> str:
        verdict = "beyond" if self.exceeds_error else "within"
        return (
            f"{self.name}: {self.before} → {self.after} ({self.difference:+d}), {verdict} "
            f"the error of about {ACTIVITY_ERROR:.0f} points for one activity"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class PSFSChange:
    """The change of the mean score, and of each activity, between two ratings."""

    before_mean: float
    after_mean: float
    activities: tuple[ActivityChange, ...]

    @property
    def difference(self) -> float:
        return round(self.after_mean - self.before_mean, 2)

    @property
    def exceeds_error(self) -> bool:
        """True when the mean moved at least :data:`MEAN_ERROR` points either way."""
        return abs(self.difference) >= MEAN_ERROR

    @property
    def text(self) -> str:
        """A plain summary: does the change exceed measurement error? [psfs]"""
        d = self.difference
        head = f"Mean {self.before_mean:.1f} → {self.after_mean:.1f} ({_signed(d)} points): "
        if self.exceeds_error:
            direction = "improvement" if d > 0 else "worsening"
            head += (
                f"larger than the measurement error of about {MEAN_ERROR:.0f} points on the "
                f"mean, so this is likely a real {direction} [psfs]."
            )
        else:
            head += (
                f"within the measurement error of about {MEAN_ERROR:.0f} points on the mean, "
                "so it may be noise; keep rating the same activities [psfs]."
            )
        return "\n".join([head] + [f"  {a}" for a in self.activities])

    def __str__(self) -> str:
        return self.text


def change(before: PSFS, after: PSFS) -> PSFSChange:
    """Compare two ratings of the same activities (matched by name, ignoring case)."""
    for label, value in (("before", before), ("after", after)):
        if not isinstance(value, PSFS):
            raise InvalidModel(f"change: {label} must be a PSFS rating, got {type(value).__name__}")
    names_before = {_key(a.name) for a in before.activities}
    names_after = {_key(a.name) for a in after.activities}
    if names_before != names_after:
        only_before = sorted(a.name for a in before.activities if _key(a.name) not in names_after)
        only_after = sorted(a.name for a in after.activities if _key(a.name) not in names_before)
        raise InvalidModel(
            "change: rate the same activities both times; only before: "
            f"{', '.join(only_before) or '-'}; only after: {', '.join(only_after) or '-'}"
        )
    acts = tuple(
        ActivityChange(name=a.name, before=a.score, after=after.score(a.name)) for a in before.activities
    )
    return PSFSChange(before_mean=before.mean, after_mean=after.mean, activities=acts)

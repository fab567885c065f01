"""Pain monitoring: zones, the next step after a session, and a weekly trend.

The rules follow the pain-monitoring model of Silbernagel et al. [silbernagel2007]: pain
during exercise may reach but not exceed 5/10 and should settle by the next morning; if
next-morning pain or stiffness is worse than usual, reduce the load. Zones: 0-3 safe,
4-5 acceptable, above 5 too high.

The model was tested in Achilles tendinopathy, **not** in back pain (a similar model was used in
patellofemoral pain [thomee1997] - not this source); the course uses it for the back as a reasoned
extrapolation and says so. Scores are whole
numbers on a generic 0-10 scale (0 = no pain, 10 = worst imaginable).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from coursekit.content.days import as_date
from coursekit.errors import InvalidModel

__all__ = [
    "MAX_DURING",
    "SAFE_MAX",
    "ACCEPTABLE_MAX",
    "ZONES",
    "ACTIONS",
    "RISES_TO_FLAG",
    "HEURISTIC_NOTE",
    "check_score",
    "pain_zone",
    "Step",
    "next_step",
    "WeekMean",
    "PainTrend",
    "weekly_trend",
]

#: Highest pain during exercise that still counts as acceptable.
MAX_DURING = 5
#: Upper end of each zone (inclusive).
SAFE_MAX = 3
ACCEPTABLE_MAX = 5
ZONES = ("safe", "acceptable", "too-high")
ACTIONS = ("progress", "repeat", "regress")
#: How many week-on-week rises in a row raise the trend flag.
RISES_TO_FLAG = 2

HEURISTIC_NOTE = (
    "This is a teaching heuristic, not a diagnosis: it borrows a pain-monitoring model "
    "tested in Achilles tendon pain [silbernagel2007]. Pain that keeps rising, or any red "
    "flag, is a reason to see a clinician."
)


def check_score(value: object, name: str) -> int:
    """Return ``value`` if it is a whole pain score 0-10, else InvalidModel naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidModel(f"{name} must be a whole number from 0 to 10, got {value!r}")
    if not 0 <= value <= 10:
        raise InvalidModel(f"{name} must be between 0 and 10, got {value}")
    return value


def pain_zone(n: int) -> str:
    """The zone of a pain score: ``safe`` (0-3), ``acceptable`` (4-5) or ``too-high`` (6-10)."""
    check_score(n, "pain score n")
    if n <= SAFE_MAX:
        return "safe"
    if n <= ACCEPTABLE_MAX:
        return "acceptable"
    return "too-high"


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """What to do next session (progress, repeat or regress) and why, in one sentence."""

    action: str
    reason: str

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise InvalidModel(f"Step.action must be one of {', '.join(ACTIONS)}; got {self.action!r}")
        if not isinstance(self.reason, str) or not self.reason.strip():
            raise InvalidModel("Step.reason must be a non-empty sentence")

    def __str__(self) -> str:
        return f"{self.action}: {self.reason}"


def next_step(*, during: int, next_morning: int, baseline: int, clean: bool = True) -> Step:
    """Progress, repeat or regress from pain during exercise, the next morning and usual pain.

    Regress if pain during > 5 or next-morning pain > baseline; progress if pain during
    <= 5, next morning <= baseline and every rep was clean; otherwise repeat.
    """
    check_score(during, "during")
    check_score(next_morning, "next_morning")
    check_score(baseline, "baseline")
    if not isinstance(clean, bool):
        raise InvalidModel(f"clean must be true or false, got {clean!r}")
    too_high = during > MAX_DURING
    worse = next_morning > baseline
    if too_high and worse:
        return Step(
            action="regress",
            reason=(
                f"Pain during the exercise reached {during}/10, above the acceptable {MAX_DURING}/10, "
                f"and next-morning pain ({next_morning}/10) was above your usual {baseline}/10, so "
                "step back to an easier rung or a smaller dose and keep moving."
            ),
        )
    if too_high:
        return Step(
            action="regress",
            reason=(
                f"Pain during the exercise reached {during}/10, above the acceptable {MAX_DURING}/10, "
                "so step back to an easier rung or a smaller dose and keep moving."
            ),
        )
    if worse:
        return Step(
            action="regress",
            reason=(
                f"Next-morning pain ({next_morning}/10) was above your usual {baseline}/10, so the "
                "load was a little too much for now: reduce it, but keep moving."
            ),
        )
    if clean:
        return Step(
            action="progress",
            reason=(
                f"Pain stayed at {during}/10 during the exercise and settled by the next morning "
                f"({next_morning}/10, usual {baseline}/10), and every rep was clean, so take one "
                "small step forward on one axis."
            ),
        )
    return Step(
        action="repeat",
        reason=(
            f"Pain was fine ({during}/10 during, {next_morning}/10 the next morning), but not "
            "every rep was clean, so repeat this dose until it is before you progress."
        ),
    )


# ---------------------------------------------------------------------------------------
# Weekly trend of next-morning pain


@dataclass(frozen=True, slots=True, kw_only=True)
class WeekMean:
    """Mean next-morning pain over one ISO week."""

    week: str  # ISO week, e.g. "2024-W03"
    mean: float
    days: int  # how many entries the mean is over

    def __str__(self) -> str:
        return f"{self.week}: {self.mean:.1f}/10 ({self.days} day{'s' if self.days != 1 else ''})"


@dataclass(frozen=True, slots=True, kw_only=True)
class PainTrend:
    """Weekly means of next-morning pain, and whether they are rising."""

    weeks: tuple[WeekMean, ...]
    rising: bool

    @property
    def text(self) -> str:
        """A plain summary that says it is a teaching heuristic, not a diagnosis."""
        if not self.weeks:
            return "No next-morning pain scores yet. " + HEURISTIC_NOTE
        lines = ["Next-morning pain, mean per week:"]
        lines += [f"  {w}" for w in self.weeks]
        if self.rising:
            last = self.weeks[-RISES_TO_FLAG - 1 :]
            path = " -> ".join(f"{w.mean:.1f}" for w in last)
            lines.append(
                f"Rising for {RISES_TO_FLAG} weeks in a row ({path}): reduce the load "
                "a step and review the plan; keep moving."
            )
        else:
            lines.append(
                f"Not rising for {RISES_TO_FLAG} weeks in a row: keep following the session-by-session rules."
            )
        lines.append(HEURISTIC_NOTE)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text


def weekly_trend(entries: Iterable[tuple[date | str, int]]) -> PainTrend:
    """Mean next-morning pain per ISO week, flagged when it rose two weeks in a row.

    ``entries`` are (date, next-morning pain) pairs in any order. Weeks without entries are
    skipped: each week is compared with the previous week that has scores. The flag looks
    at the latest weeks only (the last two comparisons both rose), because it asks "what
    should I do now?", not "did it ever rise?".
    """
    sums: dict[tuple[int, int], list[int]] = {}
    for i, entry in enumerate(entries):
        if not isinstance(entry, (tuple, list)) or len(entry) != 2:
            raise InvalidModel(f"entries[{i}]: must be a (date, pain) pair, got {entry!r}")
        day = as_date(entry[0], f"entries[{i}]")
        pain = check_score(entry[1], f"entries[{i}]: next-morning pain")
        year, week, _ = day.isocalendar()
        sums.setdefault((year, week), []).append(pain)
    weeks = tuple(
        WeekMean(week=f"{y}-W{w:02d}", mean=round(sum(v) / len(v), 2), days=len(v))
        for (y, w), v in sorted(sums.items())
    )
    means = [w.mean for w in weeks]
    recent = means[-RISES_TO_FLAG - 1 :]
    rising = len(recent) == RISES_TO_FLAG + 1 and all(b > a for a, b in zip(recent, recent[1:], strict=False))
    return PainTrend(weeks=weeks, rising=rising)

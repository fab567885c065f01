"""Figures of notebook 04: the pain scale coloured by zone, and a weekly pain trend."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from coursekit.engine.pain import PainTrend, check_score, pain_zone, weekly_trend
from coursekit.plots.style import OKABE_ITO, ZONE_COLOURS, axes, finish

__all__ = ["pain_zones", "pain_trend"]

ZONE_HATCHES = {"safe": "", "acceptable": "//", "too-high": "xx"}
ZONE_WORDS = {"safe": "safe (0-3)", "acceptable": "acceptable (4-5)", "too-high": "too high (6-10)"}


def _marks(marks: Mapping[str, int] | Iterable[int] | None) -> list[tuple[str, int]]:
    if marks is None:
        return []
    if isinstance(marks, Mapping):
        pairs = list(marks.items())
    else:
        pairs = [(str(score), score) for score in marks]
    for label, score in pairs:
        check_score(score, f"mark {label!r}")
    return [(str(label), score) for label, score in pairs]


def pain_zones(
    marks: Mapping[str, int] | Iterable[int] | None = None, *, ax: Any = None, title: str | None = None
) -> Any:
    """The 0-10 pain scale, one cell per score coloured and hatched by zone, with scores marked.

    ``marks`` is a mapping of label to score (``{"during": 4}``) or a list of scores.
    """
    pairs = _marks(marks)
    ax = axes(ax, figsize=(8.0, 2.6))
    seen: set[str] = set()
    for score in range(11):
        zone = pain_zone(score)
        ax.bar(
            score,
            1.0,
            width=0.95,
            bottom=0.0,
            color=ZONE_COLOURS[zone],
            hatch=ZONE_HATCHES[zone],
            edgecolor="black",
            linewidth=0.6,
            label=None if zone in seen else ZONE_WORDS[zone],
        )
        seen.add(zone)
    for n, (label, score) in enumerate(pairs):
        y = 1.25 + 0.45 * (n % 2)  # alternate heights so neighbouring labels do not collide
        ax.annotate(
            f"{label}: {score}",
            xy=(score, 1.0),
            xytext=(score, y),
            ha="center",
            va="bottom",
            fontsize=9,
            arrowprops={"arrowstyle": "->", "color": OKABE_ITO["black"]},
        )
    ax.set_xticks(range(11))
    ax.set_xlim(-0.6, 10.6)
    ax.set_ylim(0, 2.3 if pairs else 1.3)
    ax.set_yticks([])
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False, title="Zone")
    return finish(
        ax,
        title=title or "Pain during exercise: the three zones",
        xlabel="Pain score (0 = none, 10 = worst imaginable)",
        ylabel="Zone",
    )


def pain_trend(entries: Iterable[tuple[date | str, int]], *, ax: Any = None, title: str | None = None) -> Any:
    """Daily next-morning pain scores (dots) and their weekly means (steps), with the trend flag.

    The flag (rising two weeks in a row) is a teaching heuristic, and the title says so.
    """
    entries = list(entries)
    trend: PainTrend = weekly_trend(entries)  # validates every entry
    days = [date.fromisoformat(d) if isinstance(d, str) else d for d, _ in entries]
    scores = [s for _, s in entries]
    ax = axes(ax, figsize=(8.0, 3.2))
    ax.plot(
        days, scores, linestyle="none", marker="o", color=OKABE_ITO["blue"], label="next-morning pain (day)"
    )
    for week in trend.weeks:
        year, number = week.week.split("-W")
        monday = date.fromisocalendar(int(year), int(number), 1)
        sunday = date.fromisocalendar(int(year), int(number), 7)
        ax.plot(
            [monday, sunday],
            [week.mean, week.mean],
            color=OKABE_ITO["vermillion"],
            linewidth=2.5,
            label="weekly mean" if week is trend.weeks[0] else None,
        )
    ax.set_ylim(0, 10)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.tick_params(axis="x", labelrotation=30)
    flag = "rising 2 weeks in a row" if trend.rising else "not rising 2 weeks in a row"
    default = f"Next-morning pain: {flag} (teaching heuristic)"
    return finish(ax, title=title or default, xlabel="Day", ylabel="Pain score (0-10)")

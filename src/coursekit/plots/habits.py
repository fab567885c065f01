"""Adherence week by week: days practised against the 5-day target, or minutes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coursekit.engine.habits import (
    TARGET_DAYS,
    TARGET_MAX_MINUTES,
    TARGET_MIN_MINUTES,
    Adherence,
    WeekAdherence,
)
from coursekit.plots.style import OKABE_ITO, axes, finish

__all__ = ["adherence"]

VIEWS = ("days", "minutes")


def adherence(
    weeks: Adherence | Sequence[WeekAdherence], *, ax: Any = None, view: str = "days", **style: Any
) -> Any:
    """Bars per week: days practised vs the target line (``view="days"``), or minutes per
    practised day vs the 10-20 minute band (``view="minutes"``). Weeks on target are solid."""
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}, got {view!r}")
    rows = list(weeks.weeks if isinstance(weeks, Adherence) else weeks)
    ax = axes(ax, figsize=(7.0, 3.2))
    labels = [w.week.split("-")[1] for w in rows]
    x = range(len(rows))
    if view == "days":
        values = [w.days for w in rows]
        met = [w.days_met for w in rows]
        ax.axhline(
            TARGET_DAYS, color=OKABE_ITO["black"], ls="--", lw=1.2, label=f"target: {TARGET_DAYS} days"
        )
        ax.set_ylim(0, 7.5)
        ylabel, title = "Days practised", "Days practised per week"
    else:
        values = [round(w.minutes_per_day, 1) for w in rows]
        met = [w.minutes_met for w in rows]
        ax.axhspan(
            TARGET_MIN_MINUTES,
            TARGET_MAX_MINUTES,
            color=OKABE_ITO["bluish_green"],
            alpha=0.15,
            label=f"target: {TARGET_MIN_MINUTES}-{TARGET_MAX_MINUTES} min a day",
        )
        ax.set_ylim(0, max([TARGET_MAX_MINUTES + 5, *values]))
        ylabel, title = "Minutes per practised day", "Minutes per practised day, by week"
    for i, (value, ok) in enumerate(zip(values, met, strict=True)):
        ax.bar(
            i,
            value,
            width=0.7,
            color=OKABE_ITO["blue"] if ok else "white",
            edgecolor=OKABE_ITO["blue"],
            hatch="" if ok else "//",
            lw=1.2,
        )
    ax.set_xticks(list(x), labels)
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    return finish(
        ax, title=style.get("title", title + " (solid = on target)"), xlabel="ISO week", ylabel=ylabel
    )

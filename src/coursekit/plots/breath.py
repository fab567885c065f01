"""Figure of notebook 03: a breath pattern over a set, aligned with the tempo parts."""

from __future__ import annotations

from typing import Any

from coursekit.engine.breath import PART_WORDS, BreathPlan
from coursekit.plots.style import OKABE_ITO, axes, finish

__all__ = ["breath_pattern"]

BREATH_COLOURS = {"inhale": OKABE_ITO["sky_blue"], "exhale": OKABE_ITO["orange"]}
BREATH_HATCHES = {"inhale": "", "exhale": "//"}
PART_COLOURS = {
    "eccentric": OKABE_ITO["blue"],
    "bottom": OKABE_ITO["grey"],
    "concentric": OKABE_ITO["reddish_purple"],
    "top": OKABE_ITO["yellow"],
}
_ROWS = {"breath": 1.0, "tempo": 0.0}
_HEIGHT = 0.7


def breath_pattern(
    plan: BreathPlan, *, ax: Any = None, title: str | None = None, max_reps: int | None = None
) -> Any:
    """Two aligned timelines: inhale / exhale on top, the tempo part of each second below.

    ``max_reps`` shows only the first reps of a long set (the pattern repeats).
    """
    if not isinstance(plan, BreathPlan):
        raise TypeError(
            f"breath_pattern needs a BreathPlan (coursekit.engine.breath.breath_plan), got {type(plan).__name__}"
        )
    ax = axes(ax, figsize=(8.0, 2.8))
    phases = [p for p in plan.phases if max_reps is None or p.rep <= max_reps]
    seen: set[str] = set()
    for p in phases:
        label = p.breath if p.breath not in seen else None
        seen.add(p.breath)
        ax.barh(
            _ROWS["breath"],
            p.seconds,
            left=p.start_s,
            height=_HEIGHT,
            color=BREATH_COLOURS[p.breath],
            hatch=BREATH_HATCHES[p.breath],
            edgecolor="black",
            linewidth=0.6,
            label=label,
        )
    for p in phases:
        label = PART_WORDS[p.part] if p.part not in seen else None
        seen.add(p.part)
        ax.barh(
            _ROWS["tempo"],
            p.seconds,
            left=p.start_s,
            height=_HEIGHT,
            color=PART_COLOURS[p.part],
            edgecolor="black",
            linewidth=0.6,
            alpha=0.85,
            label=label,
        )
    reps_shown = max((p.rep for p in phases), default=0)
    for rep in range(1, reps_shown + 1):
        start = min(p.start_s for p in phases if p.rep == rep)
        ax.axvline(start, color="black", linewidth=0.5, linestyle=":")
        ax.text(start + plan.cycle_s / 2, 1.5, f"rep {rep}", ha="center", va="bottom", fontsize=8)
    end = max((p.end_s for p in phases), default=plan.cycle_s)
    ax.set_xlim(0, end)
    ax.set_ylim(-0.6, 1.9)
    ax.set_yticks([_ROWS["tempo"], _ROWS["breath"]], ["tempo part", "breath"])
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    shown = f", first {reps_shown} of {plan.reps} reps" if reps_shown < plan.reps else ""
    default = f"Breathing through {plan.reps} reps at tempo {plan.tempo}{shown}"
    return finish(ax, title=title or default, xlabel="Time in the set (s)", ylabel="Breath and tempo part")

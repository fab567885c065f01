"""Figure of one set: each rep clean or frayed, and a line where the set should have ended.

Where to stop is :func:`coursekit.engine.effort.clean_set`; this module only draws it. Clean and
frayed reps differ in colour *and* hatch; reps after the stop are drawn faded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coursekit.engine.effort import MAX_EFFORT, SetAdvice, clean_set
from coursekit.errors import InvalidModel
from coursekit.plots.style import OKABE_ITO, axes, finish

__all__ = ["rep_quality"]

CLEAN_COLOUR = OKABE_ITO["bluish_green"]
FRAYED_COLOUR = OKABE_ITO["vermillion"]
FRAYED_HATCH = "xx"


def rep_quality(
    reps: Sequence[bool | str],
    *,
    efforts: Sequence[float] | None = None,
    advice: SetAdvice | None = None,
    capacity: int | None = None,
    ax: Any = None,
) -> Any:
    """Bars per rep (height = effort 0-10 when given, else 1), coloured clean/frayed.

    A dashed line marks where the set should end (``advice``, or ``clean_set(reps,
    capacity=capacity)``).
    """
    advice = advice or clean_set(reps, capacity=capacity)
    flags = ["clean" if r is True or r == "clean" else "frayed" for r in reps]
    if efforts is not None:
        efforts = list(efforts)
        if len(efforts) != len(flags):
            raise InvalidModel(f"efforts must give one value per rep ({len(flags)}), got {len(efforts)}")
    heights = efforts if efforts is not None else [1] * len(flags)
    ax = axes(ax, figsize=(6.5, 3.2))
    xs = list(range(1, len(flags) + 1))
    for x, flag, height in zip(xs, flags, heights, strict=True):
        clean = flag == "clean"
        ax.bar(
            x,
            height,
            color=CLEAN_COLOUR if clean else FRAYED_COLOUR,
            hatch="" if clean else FRAYED_HATCH,
            edgecolor="#333333",
            linewidth=0.6,
            alpha=1.0 if x <= advice.stop_after else 0.45,
        )
    ax.axvline(advice.stop_after + 0.5, color=OKABE_ITO["black"], linestyle="--", linewidth=1.5)
    top = MAX_EFFORT if efforts is not None else 1
    ax.text(
        advice.stop_after + 0.5,
        top * 1.02,
        f" stop after rep {advice.stop_after}",
        ha="left",
        va="bottom",
        fontsize=9,
    )
    ax.set_ylim(0, top * 1.3)
    ax.set_xticks(xs)
    # proxy artists for the legend: one entry per quality, whatever the set holds
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Patch(facecolor=CLEAN_COLOUR, edgecolor="#333333", label="clean"),
            Patch(facecolor=FRAYED_COLOUR, hatch=FRAYED_HATCH, edgecolor="#333333", label="frayed"),
        ],
        frameon=False,
        loc="upper left",
        ncols=2,
    )
    ylabel = "Effort (0-10)" if efforts is not None else "Rep (one bar each)"
    if efforts is None:
        ax.set_yticks([])
    return finish(
        ax, title=f"{advice.stop_after} clean reps of {advice.total_reps}", xlabel="Rep number", ylabel=ylabel
    )

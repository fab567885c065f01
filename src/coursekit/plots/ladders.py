"""The progression ladder of an exercise: rungs as boxes, easiest at the bottom.

``ladder_layout(catalog, exercise_id)`` is the pure part (positions and edges);
``ladder(catalog, exercise_id, *, ax=None, current=None)`` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coursekit.plots.style import OKABE_ITO, PHASE_COLOURS, PHASE_HATCHES, axes, finish

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog

__all__ = ["ladder", "ladder_layout"]


@dataclass(frozen=True, slots=True)
class LadderLayout:
    """Rung positions (level from the bottom, slot within the level) and axis-labelled edges."""

    rungs: tuple[str, ...]  # easiest first, as catalog.ladder
    level: dict[str, int]
    slot: dict[str, int]
    width: dict[int, int]  # rungs per level
    edges: tuple[tuple[str, str, str], ...]  # (easier, harder, axis)


def ladder_layout(catalog: Catalog, exercise_id: str) -> LadderLayout:
    """Where each rung of the exercise's ladder goes, and the edges between rungs."""
    rungs = tuple(ex.id for ex in catalog.ladder(exercise_id))
    level: dict[str, int] = {}
    for rid in rungs:  # easiest first, so every easier rung already has its level
        below = [level[s.exercise.id] for s in catalog.steps_down(rid) if s.exercise.id in level]
        level[rid] = max(below, default=-1) + 1
    slot: dict[str, int] = {}
    width: dict[int, int] = {}
    for rid in rungs:
        slot[rid] = width.get(level[rid], 0)
        width[level[rid]] = slot[rid] + 1
    edges = tuple((rid, s.exercise.id, s.axis) for rid in rungs for s in catalog.steps_up(rid))
    return LadderLayout(rungs=rungs, level=level, slot=slot, width=width, edges=edges)


def ladder(
    catalog: Catalog, exercise_id: str, *, ax: Any = None, current: str | None = None, **style: Any
) -> Any:
    """Draw the ladder of ``exercise_id``: boxes by phase, the axis on each edge, ``current`` bold."""
    layout = ladder_layout(catalog, exercise_id)
    current = exercise_id if current is None else current
    levels = max(layout.level.values()) + 1
    ax = axes(ax, figsize=(8.0, max(3.0, 0.9 * levels + 1.0)))
    span = max(layout.width.values())

    def centre(rid: str) -> tuple[float, float]:
        n = layout.width[layout.level[rid]]
        return (layout.slot[rid] + 0.5) * span / n, float(layout.level[rid])

    for low, high, axis in layout.edges:
        (x0, y0), (x1, y1) = centre(low), centre(high)
        ax.annotate(
            "",
            xy=(x1, y1 - 0.22),
            xytext=(x0, y0 + 0.22),
            arrowprops=dict(arrowstyle="->", color=OKABE_ITO["grey"], lw=1.2),
        )
        ax.text(
            (x0 + x1) / 2,
            (y0 + y1) / 2,
            axis.replace("_", " "),
            ha="center",
            va="center",
            fontsize=7,
            color=OKABE_ITO["black"],
            bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none"),
        )
    box_w = min(0.9 * span / max(layout.width.values()), 2.6)
    from matplotlib.patches import FancyBboxPatch

    for rid in layout.rungs:
        ex = catalog[rid]
        x, y = centre(rid)
        here = rid == current
        patch = FancyBboxPatch(
            (x - box_w / 2, y - 0.2),
            box_w,
            0.4,
            boxstyle="round,pad=0.02",
            fc=PHASE_COLOURS[ex.phase],
            hatch=PHASE_HATCHES[ex.phase],
            ec=OKABE_ITO["black"],
            lw=2.5 if here else 0.6,
            alpha=1.0 if here else 0.55,
            gid=rid,
        )
        ax.add_patch(patch)
        label = ex.name if len(ex.name) <= 24 else ex.name[:23] + "…"
        ax.text(
            x,
            y,
            ("▶ " if here else "") + label,
            ha="center",
            va="center",
            fontsize=8,
            fontweight="bold" if here else "normal",
            bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.85),
        )
    from matplotlib.patches import Patch

    shown = [p for p in PHASE_COLOURS if any(catalog[r].phase == p for r in layout.rungs)]
    ax.legend(
        handles=[
            Patch(fc=PHASE_COLOURS[p], hatch=PHASE_HATCHES[p], ec=OKABE_ITO["black"], label=p) for p in shown
        ],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        title="phase",
        frameon=False,
    )
    ax.set_xlim(0, span)
    ax.set_ylim(-0.6, levels - 0.4)
    ax.set_yticks(range(levels))
    ax.set_xticks([])
    name = catalog[exercise_id].name
    return finish(
        ax,
        title=style.get("title", f"Progression ladder of {name}"),
        xlabel="Rungs at the same level (boxes coloured by phase)",
        ylabel="Rung (easiest at the bottom)",
    )

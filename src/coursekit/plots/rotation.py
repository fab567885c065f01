"""The weekly rotation as a grid: training days across, movement families down."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coursekit.plots.style import OKABE_ITO, PALETTE, axes, finish

if TYPE_CHECKING:
    from coursekit.engine.rotation import Rotation

__all__ = ["rotation_grid"]


def rotation_grid(rotation: Rotation, *, ax: Any = None, **style: Any) -> Any:
    """One filled square per (day, family) the rotation uses, labelled with the exercise."""
    days, families, cells = rotation.grid()
    ax = axes(ax, figsize=(max(5.0, 1.3 * len(days) + 2.5), max(2.5, 0.55 * len(families) + 1.2)))
    from matplotlib.patches import Rectangle

    for x, row in enumerate(cells):
        for y, exercise in enumerate(row):
            if exercise is None:
                ax.add_patch(
                    Rectangle((x - 0.45, y - 0.4), 0.9, 0.8, fc="none", ec=OKABE_ITO["grey"], lw=0.5, ls=":")
                )
                continue
            colour = PALETTE[y % len(PALETTE)]
            ax.add_patch(
                Rectangle(
                    (x - 0.45, y - 0.4),
                    0.9,
                    0.8,
                    fc=colour,
                    ec=OKABE_ITO["black"],
                    lw=0.6,
                    alpha=0.85,
                    gid=f"{days[x]}:{families[y]}",
                )
            )
            label = exercise if len(exercise) <= 16 else exercise[:15] + "…"
            ax.text(
                x,
                y,
                label,
                ha="center",
                va="center",
                fontsize=6.5,
                bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.85),
            )
    ax.set_xlim(-0.6, len(days) - 0.4)
    ax.set_ylim(len(families) - 0.5, -0.5)
    ax.set_xticks(range(len(days)), days)
    ax.set_yticks(range(len(families)), [f.replace("_", " ") for f in families])
    v = rotation.variety
    return finish(
        ax,
        title=style.get(
            "title",
            f"Weekly rotation: {v.families_used} of "
            f"{v.families_total} families, {v.back_to_back} back-to-back",
        ),
        xlabel="Training day",
        ylabel="Movement family",
    )

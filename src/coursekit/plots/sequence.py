"""Figure of notebook 05: the phase strip of a routine, one block per item in order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coursekit.content import enums
from coursekit.engine.routines import Routine
from coursekit.plots.style import PHASE_COLOURS, PHASE_HATCHES, axes, finish

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog

__all__ = ["phase_strip"]


def phase_strip(
    routine: Routine, catalog: Catalog, *, ax: Any = None, title: str | None = None, labels: bool = True
) -> Any:
    """One block per item, left to right in routine order, coloured and hatched by phase.

    Each block is labelled with its position and exercise name; the legend names the
    phases in teaching order (soften, organize, strengthen).
    """
    if not isinstance(routine, Routine):
        raise TypeError(f"phase_strip needs a Routine, got {type(routine).__name__}")
    exercises = routine.exercises_in(catalog)
    phases = [it.phase_in(catalog) for it in routine.items]
    ax = axes(ax, figsize=(max(4.0, 1.6 * len(phases) + 2.0), 2.4))
    for i, (phase, ex) in enumerate(zip(phases, exercises, strict=True)):
        ax.bar(
            i,
            1.0,
            width=0.92,
            color=PHASE_COLOURS[phase],
            hatch=PHASE_HATCHES[phase],
            edgecolor="black",
            linewidth=0.8,
        )
        if labels:
            ax.text(
                i,
                0.5,
                ex.name.replace(" ", "\n", 2),
                ha="center",
                va="center",
                fontsize=8,
                bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.5},
            )
    # One legend entry per phase, in teaching order, even when a phase is absent.
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=PHASE_COLOURS[p], hatch=PHASE_HATCHES[p], edgecolor="black", label=p)
        for p in enums.PHASES
    ]
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False, title="Phase"
    )
    ax.set_xticks(range(len(phases)), [str(i) for i in range(len(phases))])
    ax.set_xlim(-0.6, max(len(phases), 1) - 0.4)
    ax.set_ylim(0, 1.05)
    ax.set_yticks([])
    return finish(
        ax,
        title=title or f"Phases of '{routine.name}', in order",
        xlabel="Position in the session (item number)",
        ylabel="Phase",
    )

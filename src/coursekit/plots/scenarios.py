"""How many catalog exercises rehearse each daily task (the catalog's transfers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coursekit.engine.scenarios import transfer_coverage as _coverage
from coursekit.plots.style import OKABE_ITO, axes, finish

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog

__all__ = ["transfer_coverage"]


def transfer_coverage(catalog: Catalog, *, ax: Any = None, highlight: str | None = None, **style: Any) -> Any:
    """Horizontal bars, one per daily task, with the count at the end; ``highlight`` one task."""
    counts = _coverage(catalog)
    ax = axes(ax, figsize=(7.0, 3.6))
    names = list(counts)
    for y, name in enumerate(names):
        chosen = name == highlight
        ax.barh(
            y,
            counts[name],
            height=0.65,
            color=OKABE_ITO["orange"] if chosen else OKABE_ITO["blue"],
            hatch="//" if chosen else "",
            edgecolor=OKABE_ITO["black"],
            lw=0.6,
        )
        ax.text(counts[name] + 0.3, y, str(counts[name]), va="center", fontsize=8)
    ax.set_yticks(range(len(names)), [n.replace("_", " ") for n in names])
    ax.invert_yaxis()
    ax.set_xlim(0, max(counts.values(), default=0) * 1.15 + 1)
    return finish(
        ax,
        title=style.get("title", "Catalog exercises that rehearse each daily task"),
        xlabel="Number of exercises",
        ylabel="Daily task",
    )

"""The coverage chart: how many items train each movement family and each body region.

``coverage_rows`` is pure (no matplotlib): it lays a :class:`coursekit.engine.coverage.Coverage`
out as rows, families first, then regions; ``coverage_chart`` only draws them. Missing
families and regions keep their row, with a dashed empty box and the word "missing", so a
gap is seen (and read by a screen reader in the alt text) rather than guessed from absence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coursekit.errors import InvalidModel
from coursekit.plots.style import OKABE_ITO, axes, finish

__all__ = ["coverage_chart", "coverage_rows", "CoverageRow"]

GROUP_COLOURS = {"family": OKABE_ITO["blue"], "region": OKABE_ITO["bluish_green"]}
GROUP_HATCHES = {"family": "", "region": "//"}
MISSING_COLOUR = OKABE_ITO["vermillion"]
_GROUP_TITLES = {"family": "Movement families", "region": "Body regions"}


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """One row of the chart: a family or a region, its item count, and whether it is missing."""

    group: str  # family | region
    name: str
    count: int

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")

    @property
    def missing(self) -> bool:
        return self.count == 0


def coverage_rows(coverage: Any) -> list[CoverageRow]:
    """Families then regions, in the coverage's (enum) order, zeros included."""
    families = getattr(coverage, "families", None)
    regions = getattr(coverage, "regions", None)
    if families is None or regions is None:
        raise InvalidModel(
            f"coverage_chart needs a Coverage (coursekit.engine.coverage.coverage), got {type(coverage).__name__}"
        )
    return [CoverageRow("family", name, int(n)) for name, n in families] + [
        CoverageRow("region", name, int(n)) for name, n in regions
    ]


def coverage_chart(coverage: Any, *, ax: Any = None, title: str | None = None, **style: Any) -> Any:
    """Horizontal bars of items per family and per region; missing ones marked in words.

    Families (blue) come first, regions (green, hatched) after a gap; a missing row gets a
    dashed empty box and "missing". ``style`` goes to the bars (e.g. ``height``).
    """
    from matplotlib.patches import Patch

    rows = coverage_rows(coverage)
    ax = axes(ax, figsize=(7.0, 6.0))
    height = style.pop("height", 0.7)
    top = max((r.count for r in rows), default=0) or 1
    positions: list[float] = []
    y = 0.0
    previous = None
    for row in rows:
        if previous is not None and row.group != previous:
            y += 1.2  # a gap between families and regions
        positions.append(y)
        previous = row.group
        y += 1
    for pos, row in zip(positions, rows, strict=True):
        if row.missing:
            ax.barh(
                pos,
                top * 0.25,
                height=height,
                facecolor="none",
                edgecolor=MISSING_COLOUR,
                linestyle="--",
                linewidth=1.0,
            )
            ax.text(
                top * 0.27,
                pos,
                "missing",
                va="center",
                ha="left",
                fontsize=8,
                color=MISSING_COLOUR,
                fontstyle="italic",
            )
        else:
            ax.barh(
                pos,
                row.count,
                height=height,
                color=GROUP_COLOURS[row.group],
                hatch=GROUP_HATCHES[row.group],
                edgecolor="#333333",
                linewidth=0.6,
                **style,
            )
            ax.text(row.count + top * 0.02, pos, str(row.count), va="center", ha="left", fontsize=8)
    ax.set_yticks(positions, [r.label for r in rows], fontsize=9)
    for tick, row in zip(ax.get_yticklabels(), rows, strict=True):
        if row.missing:
            tick.set_color(MISSING_COLOUR)
    ax.set_ylim(y - 0.4, -0.6)
    ax.set_xlim(0, top * 1.15 + 0.3)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.5)
    ax.set_axisbelow(True)
    handles = [
        Patch(
            facecolor=GROUP_COLOURS[g],
            hatch=GROUP_HATCHES[g],
            edgecolor="#333333",
            label=_GROUP_TITLES[g].lower(),
        )
        for g in ("family", "region")
    ]
    handles.append(Patch(facecolor="none", edgecolor=MISSING_COLOUR, linestyle="--", label="missing"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    if title is None:
        fams = sum(1 for r in rows if r.group == "family" and not r.missing)
        regs = sum(1 for r in rows if r.group == "region" and not r.missing)
        n_f = sum(1 for r in rows if r.group == "family")
        n_r = len(rows) - n_f
        items = getattr(coverage, "items", None)
        lead = f"{items} item{'s' if items != 1 else ''}: " if items is not None else ""
        title = f"Coverage of {lead}{fams} of {n_f} families, {regs} of {n_r} regions"
    return finish(ax, title=title, xlabel="number of items", ylabel="families (top) and regions (bottom)")

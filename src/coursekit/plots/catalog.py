"""Figures of the catalog: exercises per family by phase, and how often each compensation appears.

Counting is pure (``family_phase_counts`` here, ``coursekit.cues.pattern_counts``); the
plotting functions only draw. Phases are told apart by colour *and* hatch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from coursekit import enums
from coursekit.cues import pattern_counts, pattern_label
from coursekit.errors import InvalidModel
from coursekit.plots._style import OKABE_ITO, PHASE_COLOURS, PHASE_HATCHES, axes, finish

__all__ = ["catalog_counts", "compensation_counts", "family_phase_counts"]


def family_phase_counts(data: Any) -> dict[str, dict[str, int]]:
    """Exercises per family and phase, families in enum order, only those present.

    ``data`` is a catalog (or any iterable of exercises), or a table already counted: a
    mapping ``{family: {phase: n}}`` or a pandas cross-table with families as rows.
    """
    if hasattr(data, "to_dict") and hasattr(data, "index"):  # a pandas cross-table
        data = {fam: {ph: int(n) for ph, n in row.items()} for fam, row in data.to_dict("index").items()}
    if isinstance(data, Mapping):
        table = {str(fam): {ph: int(row.get(ph, 0)) for ph in enums.PHASES} for fam, row in data.items()}
    else:
        table = {}
        for ex in data:
            row = table.setdefault(ex.family, dict.fromkeys(enums.PHASES, 0))
            row[ex.phase] += 1
    order = {fam: i for i, fam in enumerate(enums.FAMILIES)}
    return {fam: table[fam] for fam in sorted(table, key=lambda f: (order.get(f, len(order)), f))}


def catalog_counts(data: Any, *, ax: Any = None, horizontal: bool = True) -> Any:
    """Stacked bars: exercises per movement family, stacked by phase (colour and hatch)."""
    table = family_phase_counts(data)
    if not table:
        raise InvalidModel("catalog_counts needs at least one exercise")
    ax = axes(ax, figsize=(7.5, 4.5))
    families = list(table)
    labels = [pattern_label(f) for f in families]
    positions = range(len(families))
    base = [0] * len(families)
    for phase in enums.PHASES:
        values = [table[f][phase] for f in families]
        style = dict(
            label=phase,
            color=PHASE_COLOURS[phase],
            hatch=PHASE_HATCHES[phase],
            edgecolor="#333333",
            linewidth=0.6,
        )
        if horizontal:
            ax.barh(positions, values, left=base, **style)
        else:
            ax.bar(positions, values, bottom=base, **style)
        base = [b + v for b, v in zip(base, values, strict=True)]
    if horizontal:
        ax.set_yticks(list(positions), labels)
        ax.invert_yaxis()  # first family at the top
        xlabel, ylabel = "Number of exercises", "Movement family"
    else:
        ax.set_xticks(list(positions), labels, rotation=45, ha="right")
        xlabel, ylabel = "Movement family", "Number of exercises"
    ax.legend(title="Phase", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return finish(ax, title="Exercises per movement family, by phase", xlabel=xlabel, ylabel=ylabel)


def compensation_counts(
    data: Iterable[Any] | Mapping[str, int], *, ax: Any = None, color: str = OKABE_ITO["blue"]
) -> Any:
    """Horizontal bars: how many exercises list each compensation pattern, most common on top.

    ``data`` is a catalog (or iterable of exercises) or a mapping ``{pattern: count}``.
    """
    counts = dict(data) if isinstance(data, Mapping) else pattern_counts(data)
    if not counts:
        raise InvalidModel("compensation_counts needs at least one compensation")
    counts = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    ax = axes(ax, figsize=(7.0, 4.5))
    patterns = list(counts)
    bars = ax.barh(
        range(len(patterns)), list(counts.values()), color=color, edgecolor="#333333", linewidth=0.6
    )
    ax.bar_label(bars, padding=2, fontsize=8)
    ax.set_yticks(range(len(patterns)), [pattern_label(p) for p in patterns])
    ax.invert_yaxis()
    return finish(
        ax,
        title="How often each compensation appears in the catalog",
        xlabel="Number of exercises that list it",
        ylabel="Compensation",
    )

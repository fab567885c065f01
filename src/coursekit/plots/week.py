"""The weekly load chart: minutes per day coloured by the kind of day, load written above.

``week_bars`` is pure (no matplotlib): it reads the table of
:func:`coursekit.planner.weekly_load` (a DataFrame or a list of row mappings) into bars;
``week_load`` only draws them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coursekit.errors import InvalidModel
from coursekit.plots._style import OKABE_ITO, axes, finish

__all__ = ["week_bars", "week_load", "DayBar"]

KIND_ORDER = ("demanding", "light", "flare-up", "rest")
KIND_COLOURS = {
    "demanding": OKABE_ITO["vermillion"],
    "light": OKABE_ITO["bluish_green"],
    "flare-up": OKABE_ITO["sky_blue"],
    "rest": OKABE_ITO["grey"],
}
# A second channel for print in grey and colour blindness, as for the phases.
KIND_HATCHES = {"demanding": "xx", "light": "//", "flare-up": "..", "rest": ""}
KIND_LABELS = {
    "demanding": "demanding day",
    "light": "lighter day",
    "flare-up": "flare-up day (plan B)",
    "rest": "rest / active recovery",
}
_COLUMNS = ("day", "kind", "minutes", "load")


@dataclass(frozen=True, slots=True)
class DayBar:
    """One bar of the chart: a day, its kind, its minutes and its load (load-minutes)."""

    day: str
    kind: str
    minutes: float
    load: float


def _rows(table: Any) -> list[Mapping[str, Any]]:
    if hasattr(table, "to_dict") and hasattr(table, "columns"):  # a pandas DataFrame
        return list(table.to_dict("records"))
    if isinstance(table, Iterable) and not isinstance(table, (str, bytes, Mapping)):
        return list(table)
    raise InvalidModel(
        f"week_load needs the weekly_load table or a list of day rows, got {type(table).__name__}"
    )


def week_bars(table: Any) -> list[DayBar]:
    """The bars of the chart, one per row of the weekly load table."""
    bars = []
    for i, row in enumerate(_rows(table)):
        if not isinstance(row, Mapping):
            raise InvalidModel(
                f"row {i}: must be a mapping with {', '.join(_COLUMNS)}, got {type(row).__name__}"
            )
        missing = [c for c in _COLUMNS if c not in row]
        if missing:
            raise InvalidModel(f"row {i}: {missing[0]} is missing (each row needs {', '.join(_COLUMNS)})")
        if row["kind"] not in KIND_COLOURS:
            raise InvalidModel(f"row {i}: kind must be one of {', '.join(KIND_ORDER)}; got {row['kind']!r}")
        bars.append(DayBar(str(row["day"]), str(row["kind"]), float(row["minutes"]), float(row["load"])))
    return bars


def week_load(
    table: Any, *, ax: Any = None, title: str | None = None, annotate: bool = True, **style: Any
) -> Any:
    """Bars of minutes per day coloured (and hatched) by day kind, each labelled with its load.

    Load is the planner's teaching measure, minutes × mean load level (load-minutes);
    ``style`` goes to the bars (e.g. ``width``).
    """
    from matplotlib.patches import Patch

    bars = week_bars(table)
    ax = axes(ax, figsize=(7.0, 3.4))
    width = style.pop("width", 0.7)
    top = max((b.minutes for b in bars), default=0.0) or 10.0
    for x, b in enumerate(bars):
        ax.bar(
            x,
            b.minutes,
            width=width,
            color=KIND_COLOURS[b.kind],
            hatch=KIND_HATCHES[b.kind],
            edgecolor="#333333",
            linewidth=0.6,
            **style,
        )
        if annotate:
            text = "rest" if b.kind == "rest" and not b.minutes else f"load {b.load:g}"
            ax.text(x, b.minutes + top * 0.02, text, ha="center", va="bottom", fontsize=8, color="#333333")
    ax.set_xticks(range(len(bars)), [b.day for b in bars])
    ax.set_xlim(-0.6, max(len(bars), 1) - 0.4)
    ax.set_ylim(0, top * 1.18)
    kinds = [k for k in KIND_ORDER if any(b.kind == k for b in bars)]
    if kinds:
        handles = [
            Patch(facecolor=KIND_COLOURS[k], hatch=KIND_HATCHES[k], edgecolor="#333333", label=KIND_LABELS[k])
            for k in kinds
        ]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    if title is None:
        minutes = sum(b.minutes for b in bars)
        load = sum(b.load for b in bars)
        title = f"Weekly load: {minutes:.0f} min, {load:.0f} load-minutes"
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.5)
    ax.set_axisbelow(True)
    return finish(ax, title=title, xlabel="day", ylabel="minutes of exercise")

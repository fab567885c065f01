"""The weekly load chart: minutes per day coloured by the kind of day, load written above.

``week_bars`` is pure (no matplotlib): it reads the table of
:func:`coursekit.engine.planner.weekly_load` (a DataFrame or a list of row mappings) into bars;
``week_load`` draws them with matplotlib, ``week_load_svg`` as a self-contained SVG string
(what the wardrobe builder shows live, in milliseconds and without matplotlib).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coursekit.errors import InvalidModel
from coursekit.plots import _svg as svg
from coursekit.plots.style import OKABE_ITO, axes, finish

__all__ = ["week_bars", "week_load", "week_load_svg", "week_load_alt", "DayBar"]

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


def week_load_alt(table: Any) -> str:
    """The text a screen reader is told about the chart: every day, its kind, minutes and load."""
    return _alt(week_bars(table))


def _alt(bars: list[DayBar]) -> str:
    days = "; ".join(
        f"{b.day} {KIND_LABELS[b.kind]}"
        + ("" if b.kind == "rest" and not b.minutes else f", {b.minutes:g} min, load {b.load:g}")
        for b in bars
    )
    return (
        f"Bar chart of minutes of exercise per day: {days or 'no days'}. "
        "Bars are coloured and patterned by the kind of day; the load is written above each bar."
    )


def week_load_svg(
    table: Any,
    *,
    width: int = 640,
    height: int = 190,
    title: str | None = None,
    alt: str | None = None,
    id_prefix: str | None = None,
) -> str:
    """The picture of :func:`week_load` as an inline, self-contained ``<svg>`` string.

    Bars of minutes per day, coloured and patterned by the kind of day, the load written
    above each bar, a minutes axis and a legend. ``height`` is that of the plot area. The
    SVG has ``role="img"``, an ``aria-label`` and a ``<title>`` holding ``alt`` (by default
    :func:`week_load_alt`); every text is escaped. No matplotlib is imported.
    """
    svg.check_size(width, minimum=240, id_prefix=id_prefix)
    if isinstance(height, bool) or not isinstance(height, int) or not 60 <= height <= 1000:
        raise InvalidModel(f"height must be a whole number of pixels from 60 to 1000; got {height!r}")
    bars = week_bars(table)
    if alt is None:
        alt = _alt(bars)
    if title is None:
        title = (
            f"Weekly load: {sum(b.minutes for b in bars):.0f} min, "
            f"{sum(b.load for b in bars):.0f} load-minutes"
        )
    pad = 8
    out: list[str] = []
    add = out.append
    top = pad + (26 if title else 6)
    if title:
        add(svg.title(title, width=width, pad=pad))
    x0, x1 = pad + 56, width - pad
    axis_y = top + height
    most = max((b.minutes for b in bars), default=0.0) or 10.0
    step = svg.tick_step(most * 1.18, 5)
    span = step * (int(most * 1.18 / step) + 1)
    scale = height / span  # pixels per minute
    ticks = [k * step for k in range(int(span / step) + 1)]
    grid = " ".join(f"M{svg.n(x0)},{svg.n(axis_y - t * scale)}H{svg.n(x1)}" for t in ticks[1:])
    if grid:
        add(f'<path d="{grid}" fill="none" stroke="{svg.GRID}" stroke-width="0.6"/>')
    slot = (x1 - x0) / max(len(bars), 1)
    bar_w = slot * 0.7
    for i, b in enumerate(bars):
        cx = x0 + slot * (i + 0.5)
        h = b.minutes * scale
        about = f"{b.day}: {KIND_LABELS[b.kind]}, {b.minutes:g} min, load {b.load:g}"
        if h > 0:
            add(
                f'<rect class="day" x="{svg.n(cx - bar_w / 2)}" y="{svg.n(axis_y - h)}" width="{svg.n(bar_w)}" '
                f'height="{svg.n(h)}" fill="{_kind_fill(b.kind)}" stroke="{svg.EDGE}" stroke-width="0.6">'
                f"<title>{svg.x(about)}</title></rect>"
            )
        label = "rest" if b.kind == "rest" and not b.minutes else f"load {b.load:g}"
        add(
            f'<text x="{svg.n(cx)}" y="{svg.n(axis_y - h - 4)}" text-anchor="middle" font-size="11">'
            f"{svg.x(label)}</text>"
            f'<text x="{svg.n(cx)}" y="{axis_y + 16}" text-anchor="middle" font-size="12">{svg.x(b.day)}</text>'
        )
    marks = " ".join(f"M{svg.n(x0)},{svg.n(axis_y - t * scale)}h-4" for t in ticks)
    add(f'<path d="M{svg.n(x0)},{top}V{axis_y}H{svg.n(x1)} {marks}" fill="none" stroke="{svg.EDGE}"/>')
    for t in ticks:
        add(
            f'<text x="{svg.n(x0 - 7)}" y="{svg.n(axis_y - t * scale + 4)}" text-anchor="end" '
            f'font-size="11">{t:g}</text>'
        )
    mid = top + height / 2
    add(
        f'<text x="{pad + 12}" y="{svg.n(mid)}" text-anchor="middle" font-size="12" '
        f'transform="rotate(-90 {pad + 12} {svg.n(mid)})">minutes of exercise</text>'
    )
    kinds = [k for k in KIND_ORDER if any(b.kind == k for b in bars)]
    entries = [(KIND_LABELS[k], _kind_fill(k), svg.EDGE) for k in kinds]
    markup, y = svg.legend(entries, width=width, pad=pad, y=axis_y + 28)
    add(markup)
    defs = svg.patterns({k: (KIND_COLOURS[k], KIND_HATCHES[k]) for k in KIND_ORDER})
    return svg.document(width, int(y + 4), alt, defs, "".join(out), id_prefix, seed="ckwl")


def _kind_fill(kind: str) -> str:
    return svg.fill(kind, KIND_COLOURS[kind], KIND_HATCHES[kind])

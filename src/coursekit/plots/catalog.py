"""Figures of the catalog: exercises per family by phase, and how often each compensation appears.

Counting is pure (``family_phase_counts`` here, ``coursekit.engine.cues.pattern_counts``); the
plotting functions only draw. Phases are told apart by colour *and* hatch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from coursekit.content import enums
from coursekit.engine.cues import pattern_counts, pattern_label
from coursekit.errors import InvalidModel
from coursekit.plots import _svg as svg
from coursekit.plots.style import OKABE_ITO, PHASE_COLOURS, PHASE_HATCHES, axes, finish

__all__ = [
    "catalog_counts",
    "catalog_counts_svg",
    "catalog_counts_alt",
    "compensation_counts",
    "family_phase_counts",
]


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


def catalog_counts_alt(data: Any) -> str:
    """The text a screen reader is told about the catalog chart: every family, by phase."""
    table = family_phase_counts(data)
    rows = "; ".join(
        f"{pattern_label(fam)}: " + ", ".join(f"{row[ph]} {ph}" for ph in enums.PHASES if row[ph])
        for fam, row in table.items()
    )
    return f"Stacked bar chart of exercises per movement family, split by phase: {rows}."


def catalog_counts_svg(
    data: Any,
    *,
    width: int = 720,
    title: str | None = None,
    alt: str | None = None,
    id_prefix: str | None = None,
) -> str:
    """The picture of :func:`catalog_counts` (horizontal) as a self-contained ``<svg>`` string.

    One row per family (enum order, first on top), stacked by phase in the phase colour and
    pattern, the total at the end of each bar, a count axis and a legend; each segment has a
    ``<title>`` (a tooltip). ``role="img"``, ``aria-label`` and ``<title>`` hold ``alt`` (by
    default :func:`catalog_counts_alt`); every text is escaped. No matplotlib is imported.
    """
    table = family_phase_counts(data)
    if not table:
        raise InvalidModel("catalog_counts_svg needs at least one exercise")
    svg.check_size(width, minimum=320, id_prefix=id_prefix)
    if alt is None:
        alt = catalog_counts_alt(table)
    if title is None:
        title = "Exercises per movement family, by phase"
    pad, row_h, size = 8, 24, 12
    labels = {fam: pattern_label(fam) for fam in table}
    label_w = max(len(v) for v in labels.values()) * size * svg.CHAR_W + 12
    x0, x1 = pad + label_w, width - pad - 28  # room for the totals
    top = pad + 26
    totals = {fam: sum(row.values()) for fam, row in table.items()}
    most = max(totals.values()) or 1
    step = svg.tick_step(most, max(2, min(8, int((x1 - x0) / 60))))
    span = step * (int(most / step) + (0 if most % step == 0 else 1))
    scale = (x1 - x0) / span
    axis_y = top + row_h * len(table)
    out: list[str] = []
    add = out.append
    add(svg.title(title, width=width, pad=pad))
    ticks = [k * step for k in range(int(span / step) + 1)]
    grid = " ".join(f"M{svg.n(x0 + t * scale)},{top}V{axis_y}" for t in ticks[1:])
    if grid:
        add(f'<path d="{grid}" fill="none" stroke="{svg.GRID}" stroke-width="0.6"/>')
    bar = row_h * 0.68
    for i, (fam, row) in enumerate(table.items()):
        cy = top + (i + 0.5) * row_h
        x = x0
        for phase in enums.PHASES:
            count = row[phase]
            if not count:
                continue
            wd = count * scale
            add(
                f'<rect class="segment" x="{svg.n(x)}" y="{svg.n(cy - bar / 2)}" width="{svg.n(wd)}" '
                f'height="{svg.n(bar)}" fill="{svg.phase_fill(phase)}" stroke="{svg.EDGE}" stroke-width="0.6">'
                f"<title>{svg.x(labels[fam])}: {count} {phase}</title></rect>"
            )
            x += wd
        add(
            f'<text x="{svg.n(x0 - 6)}" y="{svg.n(cy + size * 0.35)}" text-anchor="end" '
            f'font-size="{size}">{svg.x(labels[fam])}</text>'
            f'<text x="{svg.n(x + 4)}" y="{svg.n(cy + 4)}" font-size="11">{totals[fam]}</text>'
        )
    marks = " ".join(f"M{svg.n(x0 + t * scale)},{axis_y}v4" for t in ticks)
    add(f'<path d="M{svg.n(x0)},{top}V{axis_y}H{svg.n(x1)} {marks}" fill="none" stroke="{svg.EDGE}"/>')
    for t in ticks:
        add(
            f'<text x="{svg.n(x0 + t * scale)}" y="{axis_y + 16}" text-anchor="middle" font-size="11">{t:g}</text>'
        )
    add(
        f'<text x="{svg.n((x0 + x1) / 2)}" y="{axis_y + 32}" text-anchor="middle" font-size="12">'
        "Number of exercises</text>"
    )
    entries = [(ph, svg.phase_fill(ph), svg.EDGE) for ph in enums.PHASES]
    markup, y = svg.legend(entries, width=width, pad=pad, y=axis_y + 44)
    add(markup)
    return svg.document(width, int(y + 4), alt, svg.phase_patterns(), "".join(out), id_prefix, seed="ckcc")

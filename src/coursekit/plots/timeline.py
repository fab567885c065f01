"""Timelines: a whole routine over minutes, and one set's repetitions over seconds.

``routine_segments`` and ``tempo_segments`` are pure (no matplotlib): they turn a routine or
a tempo into timed segments whose lengths add up exactly to ``Routine.duration_s`` and
``Tempo.time_under_tension``. ``routine_timeline`` and ``tempo_timeline`` only draw them.
The routine timeline is shared by notebook 06, the routine builder and the routine card,
so it stays readable from an empty routine up to twenty items and at a small size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coursekit.content.tempo import EXPLOSIVE_S, Tempo
from coursekit.engine.routines import TRANSITION_S
from coursekit.errors import InvalidModel
from coursekit.plots import _svg as svg
from coursekit.plots.style import OKABE_ITO, PHASE_COLOURS, PHASE_HATCHES, axes, finish

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog
    from coursekit.engine.routines import Routine

__all__ = [
    "routine_segments",
    "routine_timeline",
    "routine_timeline_svg",
    "tempo_segments",
    "tempo_timeline",
    "Segment",
    "TempoSegment",
]

SEGMENT_KINDS = ("work", "rest", "transition")
TEMPO_PARTS = ("eccentric", "bottom", "concentric", "top")
#: How each tempo part is named in a legend.
TEMPO_PART_LABELS = {
    "eccentric": "eccentric (lowering)",
    "bottom": "pause at the bottom",
    "concentric": "concentric (lifting)",
    "top": "pause at the top",
}
#: One colour and one hatch per tempo part (Okabe-Ito; the hatch is a second channel).
TEMPO_PART_COLOURS = {
    "eccentric": OKABE_ITO["blue"],
    "bottom": OKABE_ITO["orange"],
    "concentric": OKABE_ITO["bluish_green"],
    "top": OKABE_ITO["reddish_purple"],
}
TEMPO_PART_HATCHES = {"eccentric": "", "bottom": "..", "concentric": "//", "top": "\\\\"}
REST_COLOUR = "#E8E8E8"
TRANSITION_COLOUR = OKABE_ITO["grey"]
EDGE_COLOUR = "#333333"
#: Longest exercise name on the y axis before it is shortened with an ellipsis.
MAX_LABEL = 26


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a routine: work or rest of item ``index``, or the transition into it."""

    index: int
    kind: str  # work | rest | transition
    start_s: float
    end_s: float
    phase: str | None  # the item's phase; None for a transition

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    def __iter__(self):  # unpack like a tuple: index, kind, start, end, phase
        return iter((self.index, self.kind, self.start_s, self.end_s, self.phase))


@dataclass(frozen=True, slots=True)
class TempoSegment:
    """One part of one repetition: ``rep`` counts from 1, ``side`` is 1 or 2."""

    rep: int
    side: int
    part: str  # eccentric | bottom | concentric | top
    start_s: float
    end_s: float
    explosive: bool = False

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


def routine_segments(routine: Routine, catalog: Catalog) -> list[Segment]:
    """The routine as timed segments, in order; their total equals ``routine.duration_s``.

    Each set is one work segment (work × sides), rest separates sets of an item, and a
    transition of :data:`~coursekit.engine.routines.TRANSITION_S` leads into every item but the
    first (it carries the index of the item it leads into).
    """
    routine.exercises_in(catalog)  # an unknown exercise raises InvalidModel naming the item
    out: list[Segment] = []
    t = 0.0
    for i, item in enumerate(routine.items):
        phase = item.phase_in(catalog)
        if i > 0:
            out.append(Segment(i, "transition", t, t + TRANSITION_S, None))
            t += TRANSITION_S
        work = item.work_s(catalog) * item.sides
        for s in range(item.sets):
            if s > 0 and item.rest_s:
                out.append(Segment(i, "rest", t, t + item.rest_s, phase))
                t += item.rest_s
            out.append(Segment(i, "work", t, t + work, phase))
            t += work
    return out


def tempo_segments(
    tempo: Tempo | str, reps: int, *, per_side: bool = False, explosive_s: float = EXPLOSIVE_S
) -> list[TempoSegment]:
    """One set as timed tempo parts (parts of 0 s are left out); sides follow each other."""
    tempo = Tempo.parse(tempo)
    if isinstance(reps, bool) or not isinstance(reps, int) or reps < 0:
        raise InvalidModel(f"reps must be a whole number of at least 0, got {reps!r}")
    out: list[TempoSegment] = []
    t = 0.0
    for side in (1, 2) if per_side else (1,):
        for rep in range(1, reps + 1):
            for part, value in zip(TEMPO_PARTS, tempo.parts, strict=True):
                length = explosive_s if value is None else float(value)
                if length > 0:
                    out.append(TempoSegment(rep, side, part, t, t + length, value is None))
                t += length
    return out


# -- drawing ------------------------------------------------------------------------------


def _short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _minutes_text(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def _legend_below(ax: Any, handles: list[Any], *, fontsize: float, entry_in: float = 1.15) -> Any:
    """A one-row legend a fixed distance under the x axis label, whatever the axes height."""
    from matplotlib.transforms import offset_copy

    below = offset_copy(ax.transAxes, fig=ax.figure, y=-(1.2 * fontsize + 17), units="points")
    # about entry_in inch per entry, so a small figure wraps the legend instead of clipping it
    ncol = max(1, min(len(handles), int(ax.figure.get_figwidth() / entry_in)))
    return ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=below,
        ncol=ncol,
        fontsize=fontsize,
        frameon=False,
        handlelength=1.5,
        columnspacing=0.9,
        handletextpad=0.4,
    )


def routine_timeline(
    routine: Routine,
    catalog: Catalog,
    *,
    ax: Any = None,
    title: str | None = None,
    fontsize: float | None = None,
    legend: bool = True,
    **style: Any,
) -> Any:
    """Draw a routine as a timeline over minutes: one row per item, work coloured by phase.

    Work bars carry the phase colour and hatch (PHASE_COLOURS, PHASE_HATCHES); rest between
    sets is a pale bar, the transition into an item a thin grey bar. ``style`` goes to the
    work bars (e.g. ``height``); ``fontsize`` sets the item labels (smaller for long routines).
    """
    from matplotlib.patches import Patch

    segments = routine_segments(routine, catalog)
    n = len(routine.items)
    ax = axes(ax, figsize=(7.0, 1.3 + 0.3 * max(n, 2)))
    total_s = segments[-1].end_s if segments else 0.0
    height = style.pop("height", 0.62)
    size = fontsize if fontsize is not None else (9 if n <= 10 else 8 if n <= 16 else 7)
    for seg in segments:
        left, width = seg.start_s / 60, seg.duration_s / 60
        if seg.kind == "work":
            ax.barh(
                seg.index,
                width,
                left=left,
                height=height,
                color=PHASE_COLOURS[seg.phase],
                hatch=PHASE_HATCHES[seg.phase],
                edgecolor=EDGE_COLOUR,
                linewidth=0.6,
                **style,
            )
        elif seg.kind == "rest":
            ax.barh(
                seg.index,
                width,
                left=left,
                height=height * 0.45,
                color=REST_COLOUR,
                edgecolor=OKABE_ITO["grey"],
                linewidth=0.6,
            )
        else:
            ax.barh(seg.index, width, left=left, height=height * 0.18, color=TRANSITION_COLOUR, linewidth=0)
    if n:
        names = [f"{i + 1}. {_short(catalog[it.exercise].name)}" for i, it in enumerate(routine.items)]
        ax.set_yticks(range(n), names, fontsize=size)
        ax.set_ylim(n - 0.5, -0.5)  # first item on top
        ax.set_xlim(0, total_s / 60 * 1.02)
    else:
        ax.set_yticks([])
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.text(
            0.5,
            0.5,
            "No exercises yet: add one to see its timeline",
            ha="center",
            va="center",
            transform=ax.transAxes,
            color=EDGE_COLOUR,
        )
    ax.tick_params(axis="x", labelsize=size)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.5)
    ax.set_axisbelow(True)
    if legend:
        kinds = {s.kind for s in segments}
        phases = [p for p in PHASE_COLOURS if any(s.phase == p and s.kind == "work" for s in segments)]
        handles = [
            Patch(facecolor=PHASE_COLOURS[p], hatch=PHASE_HATCHES[p], edgecolor=EDGE_COLOUR, label=p)
            for p in (phases or list(PHASE_COLOURS))
        ]
        if "rest" in kinds:
            handles.append(Patch(facecolor=REST_COLOUR, edgecolor=OKABE_ITO["grey"], label="rest"))
        if "transition" in kinds:
            handles.append(Patch(facecolor=TRANSITION_COLOUR, label="transition"))
        _legend_below(ax, handles, fontsize=size)
    if title is None:
        name = routine.name.replace("$", r"\$")  # a $ would start mathtext
        title = f"{name}: {_minutes_text(total_s)}" if n else name
    return finish(ax, title=title, xlabel="minutes", ylabel="")


# -- the same picture as an inline SVG ---------------------------------------------------------
#
# The routine builder redraws its timeline after every edit; matplotlib and a PNG take a few
# hundred milliseconds for that, a string of SVG well under one. The SVG is self-contained
# (no script, no external reference): it goes straight into an HTML widget or a page.

_PHASE_WORDS = {"soften": "plain", "organize": "striped", "strengthen": "cross-hatched"}


def routine_timeline_alt(routine: Routine, catalog: Catalog) -> str:
    """The alt text of a routine timeline: its length and every item with its phase."""
    segments = routine_segments(routine, catalog)
    if not segments:
        return f"Timeline of the routine {routine.name}: no exercises yet."
    items = ", ".join(
        f"{i + 1}. {catalog[it.exercise].name} ({it.phase_in(catalog)})" for i, it in enumerate(routine.items)
    )
    return (
        f"Timeline of the routine {routine.name} over {_minutes_text(segments[-1].end_s)}: {items}. "
        "Work bars are coloured by phase (soften plain, organize striped, strengthen cross-hatched); "
        "rest between sets is a pale bar and the move into the next item a thin grey bar."
    )


def routine_timeline_svg(
    routine: Routine,
    catalog: Catalog,
    *,
    width: int = 720,
    row_height: int = 22,
    title: str | None = None,
    alt: str | None = None,
    id_prefix: str | None = None,
) -> str:
    """The picture of :func:`routine_timeline` as an inline, self-contained ``<svg>`` string.

    One row per item (first on top), work bars in the phase colour with a pattern for the
    hatched phases, pale rest bars, thin grey transitions, numbered exercise names on the
    left, a minutes axis with ticks and a legend. The SVG has ``role="img"``, an
    ``aria-label`` and a ``<title>`` holding ``alt`` (by default
    :func:`routine_timeline_alt`). Every text is escaped. The output depends only on the
    arguments: pattern ids start with ``id_prefix``, by default a hash of the content, so
    two different timelines on one page never share an id. No matplotlib is imported.
    """
    svg.check_size(width, minimum=240, id_prefix=id_prefix)
    if isinstance(row_height, bool) or not isinstance(row_height, int) or not 8 <= row_height <= 200:
        raise InvalidModel(f"row_height must be a whole number of pixels from 8 to 200; got {row_height!r}")
    segments = routine_segments(routine, catalog)
    n = len(routine.items)
    total_s = segments[-1].end_s if segments else 0.0
    if title is None:
        title = f"{routine.name}: {_minutes_text(total_s)}" if n else routine.name
    if alt is None:
        alt = routine_timeline_alt(routine, catalog)
    size = 12 if n <= 10 else 11 if n <= 16 else 10
    pad = 8
    top = pad + (24 if title else 0)
    out: list[str] = []
    add = out.append
    if title:
        add(svg.title(title, width=width, pad=pad))
    if not n:
        height = top + 48
        add(
            f'<rect x="{pad}" y="{top}" width="{width - 2 * pad}" height="40" fill="none" '
            f'stroke="{svg.GRID}"/>'
            f'<text x="{svg.n(width / 2)}" y="{top + 25}" text-anchor="middle" font-size="13">'
            "No exercises yet: add one to see its timeline</text>"
        )
        return svg.document(width, height, alt, "", "".join(out), id_prefix, seed="cktl")

    names = [catalog[it.exercise].name for it in routine.items]
    labels = [f"{i + 1}. {_short(name)}" for i, name in enumerate(names)]
    label_w = min(width * 0.4, max(len(lb) for lb in labels) * size * svg.CHAR_W + 10)
    x0 = pad + label_w
    x1 = width - pad - 10  # room for the last tick label
    span_min = max(total_s / 60 * 1.02, 1e-9)
    scale = (x1 - x0) / (span_min * 60)  # pixels per second
    plot_h = n * row_height
    axis_y = top + plot_h
    step = svg.tick_step(span_min, max(2, min(10, int((x1 - x0) / 56))))
    # grid and ticks first, so the bars draw over them
    ticks = []
    k = 0
    while k * step <= span_min + 1e-9:
        ticks.append(k * step)
        k += 1
    grid = " ".join(f"M{svg.n(x0 + t * 60 * scale)},{top}V{axis_y}" for t in ticks)
    add(f'<path d="{grid}" fill="none" stroke="{svg.GRID}" stroke-width="0.6"/>')
    # bars
    bar = row_height * 0.62
    for seg in segments:
        xs = x0 + seg.start_s * scale
        ws = max(seg.duration_s * scale, 0.5)
        cy = top + (seg.index + 0.5) * row_height
        if seg.kind == "work":
            add(
                f'<rect class="work" x="{svg.n(xs)}" y="{svg.n(cy - bar / 2)}" width="{svg.n(ws)}" '
                f'height="{svg.n(bar)}" fill="{svg.phase_fill(seg.phase)}" stroke="{EDGE_COLOUR}" '
                f'stroke-width="0.6"><title>{svg.x(names[seg.index])}: {seg.phase}, '
                f"{_minutes_text(seg.duration_s)}</title></rect>"
            )
        elif seg.kind == "rest":
            h = bar * 0.45
            add(
                f'<rect class="rest" x="{svg.n(xs)}" y="{svg.n(cy - h / 2)}" width="{svg.n(ws)}" height="{svg.n(h)}" '
                f'fill="{REST_COLOUR}" stroke="{TRANSITION_COLOUR}" stroke-width="0.6"/>'
            )
        else:
            h = max(bar * 0.18, 2.0)
            add(
                f'<rect class="transition" x="{svg.n(xs)}" y="{svg.n(cy - h / 2)}" width="{svg.n(ws)}" '
                f'height="{svg.n(h)}" fill="{TRANSITION_COLOUR}"/>'
            )
    # item names
    for i, (label, name) in enumerate(zip(labels, names, strict=True)):
        cy = top + (i + 0.5) * row_height
        full = f"<title>{svg.x(name)}</title>" if label != f"{i + 1}. {name}" else ""
        add(
            f'<text x="{svg.n(x0 - 6)}" y="{svg.n(cy + size * 0.35)}" text-anchor="end" '
            f'font-size="{size}">{full}{svg.x(label)}</text>'
        )
    # minutes axis
    marks = " ".join(f"M{svg.n(x0 + t * 60 * scale)},{axis_y}v4" for t in ticks)
    add(
        f'<path d="M{svg.n(x0)},{axis_y}H{svg.n(x1)} M{svg.n(x0)},{top}V{axis_y} {marks}" fill="none" stroke="{EDGE_COLOUR}"/>'
    )
    for t in ticks:
        add(
            f'<text x="{svg.n(x0 + t * 60 * scale)}" y="{axis_y + 16}" text-anchor="middle" '
            f'font-size="11">{t:g}</text>'
        )
    add(
        f'<text x="{svg.n((x0 + x1) / 2)}" y="{axis_y + 32}" text-anchor="middle" font-size="12">minutes</text>'
    )
    # legend, centred under the axis; it wraps onto more rows when it is wider than the svg
    kinds = {s.kind for s in segments}
    entries = [
        (p, svg.phase_fill(p), EDGE_COLOUR)
        for p in PHASE_COLOURS
        if any(s.kind == "work" and s.phase == p for s in segments)
    ]
    if "rest" in kinds:
        entries.append(("rest", REST_COLOUR, TRANSITION_COLOUR))
    if "transition" in kinds:
        entries.append(("transition", TRANSITION_COLOUR, "none"))
    markup, y = svg.legend(entries, width=width, pad=pad, y=axis_y + 44)
    add(markup)
    return svg.document(width, int(y + 4), alt, svg.phase_patterns(), "".join(out), id_prefix, seed="cktl")


def tempo_timeline(
    tempo: Tempo | str,
    reps: int,
    *,
    ax: Any = None,
    per_side: bool = False,
    title: str | None = None,
    legend: bool = True,
    **style: Any,
) -> Any:
    """Draw one set over seconds: each repetition split into its four tempo parts.

    Eccentric, bottom pause, concentric and top pause each get their own colour and hatch;
    explosive (X) parts count :data:`~coursekit.content.tempo.EXPLOSIVE_S` and are marked "X".
    ``per_side`` adds a second row for the other side, which starts when the first ends.
    """
    from matplotlib.patches import Patch

    tempo = Tempo.parse(tempo)
    segments = tempo_segments(tempo, reps, per_side=per_side)
    sides = 2 if per_side else 1
    ax = axes(ax, figsize=(7.0, 1.6 + 0.5 * sides))
    height = style.pop("height", 0.6)
    for seg in segments:
        row = seg.side - 1
        ax.barh(
            row,
            seg.duration_s,
            left=seg.start_s,
            height=height,
            color=TEMPO_PART_COLOURS[seg.part],
            hatch=TEMPO_PART_HATCHES[seg.part],
            edgecolor=EDGE_COLOUR,
            linewidth=0.5,
            **style,
        )
        if seg.explosive:
            ax.text(
                seg.start_s + seg.duration_s / 2,
                row,
                "X",
                ha="center",
                va="center",
                fontsize=8,
                color="white",
                fontweight="bold",
            )
    rep_s = tempo.rep_seconds
    total = rep_s * reps * sides
    if reps and rep_s:
        for side in range(sides):
            for rep in range(1, reps):
                x = (side * reps + rep) * rep_s
                ax.plot(
                    [x, x],
                    [side - height / 2 - 0.08, side + height / 2 + 0.08],
                    color=EDGE_COLOUR,
                    linewidth=1.2,
                )
            if reps <= 15:
                for rep in range(reps):
                    centre = (side * reps + rep + 0.5) * rep_s
                    ax.text(
                        centre,
                        side + height / 2 + 0.12,
                        str(rep + 1),
                        ha="center",
                        va="bottom",
                        fontsize=7,
                        color=EDGE_COLOUR,
                    )
        ax.set_xlim(0, total)
    else:
        ax.set_xlim(0, 1)
        ax.text(
            0.5,
            0.5,
            "No repetitions to show",
            ha="center",
            va="center",
            transform=ax.transAxes,
            color=EDGE_COLOUR,
        )
    labels = ["first side", "second side"] if per_side else [f"{reps} reps"]
    ax.set_yticks(range(sides), labels)
    ax.set_ylim(sides - 0.5 + 0.15, -0.5 - 0.05)
    if legend:
        handles = [
            Patch(
                facecolor=TEMPO_PART_COLOURS[p],
                hatch=TEMPO_PART_HATCHES[p],
                edgecolor=EDGE_COLOUR,
                label=f"{TEMPO_PART_LABELS[p]}: {'X' if v is None else f'{v} s'}",
            )
            for p, v in zip(TEMPO_PARTS, tempo.parts, strict=True)
        ]
        _legend_below(ax, handles, fontsize=8, entry_in=1.7)
    if title is None:
        side_text = " per side" if per_side else ""
        title = f"Tempo {tempo} × {reps}{side_text}: {total:g} s under tension"
    return finish(ax, title=title, xlabel="seconds", ylabel="side" if per_side else "set")

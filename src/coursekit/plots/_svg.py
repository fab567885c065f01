"""Small helpers for the kit's hand-written SVG pictures (no matplotlib).

The routine builder redraws its timeline after every edit, and the wardrobe its weekly load
chart; matplotlib and a PNG take a few hundred milliseconds for that, a string of SVG well
under one. Every picture is self-contained (no script, no external reference) and depends
only on its arguments: it goes straight into an HTML widget, a page or a notebook output.
"""

from __future__ import annotations

import hashlib
import html
import re

#: Characters XML 1.0 does not allow; they are dropped from learner text before escaping.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ID_TOKEN = "\x00"  # stands for the pattern id prefix until the content is hashed
SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
NICE_STEPS = (0.25, 0.5, 1, 2, 5, 10, 15, 20, 30, 60, 120, 240)
CHAR_W = 0.56  # rough width of a character in a sans-serif font, in font sizes
EDGE = "#333333"
TEXT = EDGE
GRID = "#DDDDDD"
#: How a matplotlib hatch is drawn in an SVG pattern tile of 6 × 6 user units.
HATCH_PATHS = {
    "/": "M0,6 L6,0 M-1.5,1.5 L1.5,-1.5 M4.5,7.5 L7.5,4.5",
    "\\": "M0,0 L6,6 M-1.5,4.5 L1.5,7.5 M4.5,-1.5 L7.5,1.5",
    ".": "M2.5,3 a0.6,0.6 0 1,0 1.2,0 a0.6,0.6 0 1,0 -1.2,0",
}


def x(text: object) -> str:
    """Learner or data text, safe inside SVG text and attribute values."""
    return html.escape(NOT_XML.sub("", str(text)), quote=True)


def n(value: float) -> str:
    """A coordinate with one decimal, without a trailing '.0'."""
    out = f"{value:.1f}"
    return out[:-2] if out.endswith(".0") else out


def hatch_path(hatch: str) -> str:
    """The path of a matplotlib-style hatch ('/', '\\', 'x', '.') in a 6 × 6 tile."""
    parts = []
    if "/" in hatch or "x" in hatch:
        parts.append(HATCH_PATHS["/"])
    if "\\" in hatch or "x" in hatch:
        parts.append(HATCH_PATHS["\\"])
    if "." in hatch:
        parts.append(HATCH_PATHS["."])
    return " ".join(parts)


def pattern(name: str, colour: str, hatch: str) -> str:
    """A pattern tile ``<ID>-name``: the colour with the hatch drawn over it."""
    return (
        f'<pattern id="{ID_TOKEN}-{name}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{colour}"/>'
        f'<path d="{hatch_path(hatch)}" fill="{EDGE}" stroke="{EDGE}" stroke-width="0.7"/>'
        "</pattern>"
    )


def tick_step(span: float, max_ticks: int) -> float:
    """A round step that puts at most ``max_ticks`` ticks on an axis of length ``span``."""
    for step in NICE_STEPS:
        if span / step <= max_ticks:
            return step
    return NICE_STEPS[-1] * (int(span / (NICE_STEPS[-1] * max_ticks)) + 1)


def document(
    width: int, height: int, alt: str, defs: str, body: str, id_prefix: str | None, *, seed: str
) -> str:
    """The ``<svg>`` element: role img, ``aria-label`` and ``<title>`` holding ``alt``.

    Pattern ids start with ``id_prefix``, by default ``seed`` and a hash of the content, so
    two different pictures on one page never share an id.
    """
    text = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{x(alt)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" fill="{TEXT}" '
        f'style="max-width:100%;height:auto"><title>{x(alt)}</title>{defs}{body}</svg>'
    )
    if ID_TOKEN not in text:
        return text
    prefix = id_prefix or seed + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return text.replace(ID_TOKEN, prefix)


def check_size(width: object, *, minimum: int, id_prefix: object = None) -> None:
    """Refuse a width below ``minimum`` pixels (or not a whole number) and an unsafe id prefix."""
    from coursekit.errors import InvalidModel

    if isinstance(width, bool) or not isinstance(width, int) or width < minimum:
        raise InvalidModel(f"width must be a whole number of pixels, at least {minimum}; got {width!r}")
    if id_prefix is not None and not (isinstance(id_prefix, str) and SAFE_ID.fullmatch(id_prefix)):
        raise InvalidModel(f"id_prefix must be a letter then letters, digits, '-' or '_'; got {id_prefix!r}")


def title(text: str, *, width: int, pad: int) -> str:
    """The bold title centred at the top of a picture."""
    return (
        f'<text x="{n(width / 2)}" y="{pad + 14}" text-anchor="middle" font-size="14" '
        f'font-weight="bold">{x(text)}</text>'
    )


def fill(name: str, colour: str, hatch: str) -> str:
    """The fill of a swatch: the pattern ``<ID>-name`` when hatched, else the plain colour."""
    return f"url(#{ID_TOKEN}-{name})" if hatch else colour


def patterns(styles: dict[str, tuple[str, str]]) -> str:
    """``<defs>`` with a pattern tile for every hatched ``name: (colour, hatch)``."""
    tiles = "".join(pattern(name, colour, hatch) for name, (colour, hatch) in styles.items() if hatch)
    return f"<defs>{tiles}</defs>" if tiles else ""


def legend(entries: list[tuple[str, str, str]], *, width: int, pad: int, y: float) -> tuple[str, float]:
    """Swatches with their labels, ``(label, fill, stroke)``, centred in rows from ``y`` down.

    A row wraps when it would be wider than the picture. Returns the markup and the y below
    the last row.
    """
    widths = [16 + 5 + len(label) * 11 * CHAR_W + 14 for label, _, _ in entries]
    rows: list[list[int]] = []
    used = 0.0
    for j, wd in enumerate(widths):
        if not rows or (rows[-1] and used + wd > width - 2 * pad):
            rows.append([])
            used = 0.0
        rows[-1].append(j)
        used += wd
    out = []
    for row in rows:
        left = (width - sum(widths[j] for j in row) + 14) / 2
        for j in row:
            label, swatch, stroke = entries[j]
            out.append(
                f'<rect class="legend" x="{n(left)}" y="{n(y)}" width="16" height="11" fill="{swatch}" '
                f'stroke="{stroke}" stroke-width="0.6"/>'
                f'<text x="{n(left + 21)}" y="{n(y + 9.5)}" font-size="11">{x(label)}</text>'
            )
            left += widths[j]
        y += 18
    return "".join(out), y


def phase_fill(phase: str) -> str:
    """The fill of a phase: its colour, with its pattern when the phase is hatched."""
    from coursekit.plots.style import PHASE_COLOURS, PHASE_HATCHES

    return fill(phase, PHASE_COLOURS[phase], PHASE_HATCHES[phase])


def phase_patterns() -> str:
    """The ``<defs>`` of every hatched phase (all of them: a legend may show any)."""
    from coursekit.plots.style import PHASE_COLOURS, PHASE_HATCHES

    return patterns({p: (PHASE_COLOURS[p], PHASE_HATCHES[p]) for p in PHASE_COLOURS})

"""Shared look of every figure: a colour-blind-safe palette (Okabe-Ito) and helpers.

Plots follow ``name(data, *, ax=None, **style) -> Axes``: data first, the rest keyword-only;
they draw on the given Axes (or a new one) and return it. They never call ``plt.show()``.
"""

from __future__ import annotations

from typing import Any

# Okabe & Ito (2008), safe for the common colour-vision deficiencies.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
PALETTE = [
    OKABE_ITO[k]
    for k in ("blue", "orange", "bluish_green", "vermillion", "sky_blue", "reddish_purple", "yellow", "black")
]
PHASE_COLOURS = {
    "soften": OKABE_ITO["sky_blue"],
    "organize": OKABE_ITO["bluish_green"],
    "strengthen": OKABE_ITO["vermillion"],
}
# Hatches repeat the phase in a second channel, for print in grey and for colour blindness.
PHASE_HATCHES = {"soften": "", "organize": "//", "strengthen": "xx"}
ZONE_COLOURS = {
    "safe": OKABE_ITO["bluish_green"],
    "acceptable": OKABE_ITO["orange"],
    "too-high": OKABE_ITO["vermillion"],
}


def axes(ax: Any = None, *, figsize: tuple[float, float] = (7.0, 3.5)) -> Any:
    """The given Axes, or a new figure's Axes (matplotlib is imported here, not at import)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def finish(ax: Any, *, title: str | None = None, xlabel: str | None = None, ylabel: str | None = None) -> Any:
    """Label the axes and tidy the frame; every course figure has labelled axes."""
    if title:
        ax.set_title(title)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax

"""Figures for the course: ``coursekit.plots.<name>(data, *, ax=None, **style) -> Axes``.

Each topic lives in its own module (``plots/timeline.py``, ``plots/week.py``, ...) and lists
its public functions in ``__all__``; they are re-exported here lazily, so importing
``coursekit.plots`` does not import matplotlib until a figure is drawn.
"""

from coursekit._lazy import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, __path__, "figure")

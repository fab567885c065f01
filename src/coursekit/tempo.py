"""Tempo: eccentric, pause, concentric, pause, in seconds (``3-1-2-0``; X = explosive).

The public face of :mod:`coursekit.content.tempo` (DESIGN.md §4): import from here in notebooks and outside code.
"""

from coursekit.content.tempo import *  # noqa: F403
from coursekit.content.tempo import __all__ as _all

__all__ = list(_all)

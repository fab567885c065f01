"""Routines: named, ordered exercise items with a dose; the routine exchange format.

The public face of :mod:`coursekit.engine.routines` (DESIGN.md §4): import from here in notebooks and outside code.
"""

from coursekit.engine.routines import *  # noqa: F403
from coursekit.engine.routines import __all__ as _all

__all__ = list(_all)

"""Observed practice: checklists from the catalog, ratings, and agreement between two observers.

The public face of :mod:`coursekit.engine.observation` (DESIGN.md §4): import from here in notebooks and outside code.
"""

from coursekit.engine.observation import *  # noqa: F403
from coursekit.engine.observation import __all__ as _all

__all__ = list(_all)

"""Pain monitoring: zones, the next step, and the weekly trend.

The public face of :mod:`coursekit.engine.pain` (DESIGN.md §4): import from here in notebooks and outside code.
"""

from coursekit.engine.pain import *  # noqa: F403
from coursekit.engine.pain import __all__ as _all

__all__ = list(_all)

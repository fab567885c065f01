"""Safety first: the red flags, the self-check, and the stop that halts the course.

The public face of :mod:`coursekit.engine.red_flags` (DESIGN.md §4): import from here in notebooks and outside code.
"""

from coursekit.engine.red_flags import *  # noqa: F403
from coursekit.engine.red_flags import __all__ as _all

__all__ = list(_all)

"""The exercise catalog: load, look up, filter, walk the ladders.

The public face of :mod:`coursekit.content.catalog` (DESIGN.md §4): import from here in notebooks and outside code.
"""

from coursekit.content.catalog import *  # noqa: F403
from coursekit.content.catalog import __all__ as _all

__all__ = list(_all)

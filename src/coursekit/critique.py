"""The routine critique: the course's rules, each naming its principle and notebook.

The public face of :mod:`coursekit.engine.critique` (DESIGN.md §4): import from here in notebooks and outside code.
"""

from coursekit.engine.critique import *  # noqa: F403
from coursekit.engine.critique import __all__ as _all

__all__ = list(_all)

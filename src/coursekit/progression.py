"""Micro-progressions: one step on one axis, from the ladders and the logged sessions.

The public face of :mod:`coursekit.engine.progression` (DESIGN.md §4): import from here in notebooks and outside code.
"""

from coursekit.engine.progression import *  # noqa: F403
from coursekit.engine.progression import __all__ as _all

__all__ = list(_all)

# The training loop (logged sessions -> one proposal per item) lives beside the ladders.
from coursekit.engine.training import Suggestion, apply_changes, plan_b_for, suggest_changes  # noqa: E402

__all__ += ["Suggestion", "apply_changes", "plan_b_for", "suggest_changes"]

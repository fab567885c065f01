"""The learner journal: attempts, routines, sessions and pain in SQLite, their summaries, and the
instructor's gradebook. ``from coursekit.journal import Journal`` is the public way in."""

from coursekit.journal.store import *  # noqa: F403
from coursekit.journal.store import __all__ as _store_all

__all__ = list(_store_all)

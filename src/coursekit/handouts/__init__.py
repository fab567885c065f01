"""Handouts: one-page routine cards and principle sheets, as HTML (Jinja2 + print CSS) and PDF."""

from coursekit.handouts.cards import *  # noqa: F403
from coursekit.handouts.cards import __all__ as _cards_all

__all__ = list(_cards_all)

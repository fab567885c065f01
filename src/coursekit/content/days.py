"""Weekdays as the planners write them: ``"Mon"`` to ``"Sun"``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from coursekit.errors import InvalidModel

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday(value: object) -> str:
    """``"Mon"`` from ``"Mon"``, ``"mon"`` or ``"Monday"``; InvalidModel otherwise."""
    if isinstance(value, str):
        text = value.strip().lower()
        for short, full in zip(WEEKDAYS, _FULL_NAMES, strict=True):
            if text in (short.lower(), full):
                return short
    raise InvalidModel(f"day {value!r} is not a weekday; use {', '.join(WEEKDAYS)}")


def weekdays(days: Iterable[object]) -> tuple[str, ...]:
    """Several days as short names in calendar order, each once; a bare text is refused."""
    if isinstance(days, str):
        raise InvalidModel("days must be a list of weekdays like ['Mon', 'Wed'], not one text")
    wanted = {weekday(d) for d in days}
    return tuple(d for d in WEEKDAYS if d in wanted)


def as_date(value: object, where: str) -> date:
    """A date from a ``date``, a ``datetime`` or ``'YYYY-MM-DD'``; ``where`` names the field."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidModel(f"{where}: date must be a date or 'YYYY-MM-DD', got {value!r}")

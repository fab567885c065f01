"""The red-flag stop, kept in the learner's journal so that it holds across the whole course.

Every notebook runs in its own kernel, and the Voila app in yet another: a stop that lived in
one kernel's memory stopped nothing elsewhere. Here a "yes" in the red-flag self-check is
recorded in the journal (when, which flags, how urgent, what to do), and every widget reads
it when it is created. Lifting it is a deliberate act that records who lifted it, when, and
the reason they gave ("a clinician has assessed me").

:func:`current_stop` reads the learner's journal without ever creating or changing it: a
learner who has not used the kit yet has no journal and no stop.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from coursekit.errors import InvalidModel, JournalError

if TYPE_CHECKING:
    from coursekit.journal.store import Journal

__all__ = ["MIN_STATEMENT", "Stop", "current_stop", "lift_stop", "record_stop", "stops"]

#: A statement that lifts a stop must say something: a few words at least.
MIN_STATEMENT = 10
_STOP_SCHEMA = 4  # the journal schema version that added the safety_stops table


@dataclass(frozen=True, slots=True, kw_only=True)
class Stop:
    """One recorded red-flag stop; ``lifted_at`` is None while it stands."""

    id: int
    started_at: datetime
    flags: tuple[str, ...]
    urgency: str
    action: str
    lifted_at: datetime | None = None
    lifted_by: str | None = None
    statement: str | None = None

    @property
    def standing(self) -> bool:
        return self.lifted_at is None

    def __str__(self) -> str:
        head = f"Red-flag stop since {self.started_at:%Y-%m-%d %H:%M} ({self.urgency})"
        if self.lifted_at is not None:
            head += f", lifted {self.lifted_at:%Y-%m-%d %H:%M} by {self.lifted_by}: {self.statement}"
        return head

    def __repr__(self) -> str:
        state = "standing" if self.standing else "lifted"
        return f"Stop({self.urgency}, {len(self.flags)} flag(s), {state})"


_COLUMNS = "id, started_at, flags, urgency, action, lifted_at, lifted_by, statement"


def _stop(row: Sequence[object]) -> Stop:
    sid, started, flags, urgency, action, lifted, by, statement = row
    try:
        return Stop(
            id=int(sid),  # type: ignore[call-overload]
            started_at=datetime.fromisoformat(str(started)),
            flags=tuple(str(f) for f in json.loads(str(flags))),
            urgency=str(urgency),
            action=str(action),
            lifted_at=None if lifted is None else datetime.fromisoformat(str(lifted)),
            lifted_by=None if by is None else str(by),
            statement=None if statement is None else str(statement),
        )
    except (TypeError, ValueError) as exc:
        raise JournalError(f"safety_stops: row {sid}: cannot be read ({exc})") from exc


def _check_text(name: str, value: object, *, min_len: int = 1) -> str:
    if not isinstance(value, str) or len(value.strip()) < min_len:
        raise InvalidModel(f"{name} must be a text of at least {min_len} characters, got {value!r}")
    return value.strip()


def record_stop(
    journal: Journal,
    *,
    flags: Sequence[str],
    urgency: str,
    action: str,
    when: datetime | None = None,
) -> Stop:
    """Record a stop (what a "yes" in the self-check does); an earlier standing stop stays."""
    if isinstance(flags, str) or not all(isinstance(f, str) and f for f in flags):
        raise InvalidModel(f"a stop's flags must be a list of flag ids, got {flags!r}")
    urgency = _check_text("a stop's urgency", urgency)
    action = _check_text("a stop's action", action)
    started = when or datetime.now().astimezone()

    def work(c: sqlite3.Connection) -> int:
        cur = c.execute(
            "INSERT INTO safety_stops (started_at, flags, urgency, action) VALUES (?, ?, ?, ?)",
            (started.isoformat(), json.dumps(list(flags)), urgency, action),
        )
        return int(cur.lastrowid or 0)

    sid = journal._write(work)
    return Stop(id=sid, started_at=started, flags=tuple(flags), urgency=urgency, action=action)


def stops(journal: Journal) -> list[Stop]:
    """Every stop recorded, oldest first, lifted or standing."""
    if journal.schema_version < _STOP_SCHEMA:
        return []
    return [_stop(r) for r in journal._read(f"SELECT {_COLUMNS} FROM safety_stops ORDER BY id")]


def standing_stop(journal: Journal) -> Stop | None:
    """The most recent stop that has not been lifted, or None."""
    if journal.schema_version < _STOP_SCHEMA:
        return None
    rows = journal._read(
        f"SELECT {_COLUMNS} FROM safety_stops WHERE lifted_at IS NULL ORDER BY id DESC LIMIT 1"
    )
    return _stop(rows[0]) if rows else None


def lift_stop(journal: Journal, statement: str, *, by: str, when: datetime | None = None) -> int:
    """Lift every standing stop, recording who, when and the stated reason; returns how many."""
    statement = _check_text("the statement that lifts a stop", statement, min_len=MIN_STATEMENT)
    by = _check_text("who lifts the stop", by)
    lifted = (when or datetime.now().astimezone()).isoformat()

    def work(c: sqlite3.Connection) -> int:
        cur = c.execute(
            "UPDATE safety_stops SET lifted_at = ?, lifted_by = ?, statement = ? WHERE lifted_at IS NULL",
            (lifted, by, statement),
        )
        return int(cur.rowcount)

    return journal._write(work)


def current_stop(path: str | os.PathLike[str] | None = None) -> Stop | None:
    """The standing stop in the learner's journal (``path`` or the default one), or None.

    Reads without creating or changing anything: no journal yet means no stop. A journal
    that cannot be read raises :class:`JournalError` (the caller decides how to say so).
    """
    from coursekit.journal.store import Journal, journal_path

    where = Path(path).expanduser() if path is not None else journal_path()
    try:
        if not where.is_file() or where.stat().st_size == 0:
            return None
    except OSError:
        return None
    with Journal.open(where, readonly=True) as journal:
        return standing_stop(journal)

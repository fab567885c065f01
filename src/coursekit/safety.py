"""Safety first: the red flags, the self-check, and the stop that halts the whole course.

The public face of :mod:`coursekit.engine.red_flags` (screening), :mod:`coursekit.content.red_flags`
(the data) and :mod:`coursekit.journal.stop` (the stop, kept in the learner's journal so that
every notebook, the builder and the app honour it)::

    from coursekit import safety
    safety.RED_FLAGS                 # the questions of the self-check, from data/red_flags.yaml
    safety.halt(reason)              # record a stop (what a "yes" in the self-check does)
    safety.is_halted()               # True while a stop stands, in any kernel
    safety.halt_reason()             # what to do, or None
    safety.resume(statement)         # lift it: a deliberate act with a stated reason, recorded
    safety.reminder()                # the one-line status each notebook opens with

Lifting a stop is for a learner whom a clinician has assessed; the course never shows how.
"""

from __future__ import annotations

import html
import warnings
from datetime import datetime
from typing import Any

from coursekit.content.red_flags import NotRedFlag, RedFlagData, Urgency
from coursekit.engine import red_flags as _engine
from coursekit.engine.red_flags import (
    CATEGORIES,
    CONTINUE_MESSAGE,
    URGENCIES,
    RedFlag,
    Screening,
    check_answers,
    red_flag_data,
    screen,
)
from coursekit.errors import InvalidModel, JournalError
from coursekit.journal.stop import MIN_STATEMENT, Stop, current_stop
from coursekit.journal.store import Journal, journal_path

__all__ = [
    "CATEGORIES",
    "CONTINUE_MESSAGE",
    "FLAGS_BY_ID",  # noqa: F822 - read from the data on first use (__getattr__)
    "MESSAGES",  # noqa: F822
    "RED_FLAGS",  # noqa: F822
    "URGENCIES",
    "NotRedFlag",
    "RedFlag",
    "RedFlagData",
    "RedFlagTable",
    "Reminder",
    "Screening",
    "Stop",
    "Urgency",
    "check_answers",
    "current_stop",
    "halt",
    "halt_reason",
    "is_halted",
    "red_flag_data",
    "reminder",
    "resume",
    "screen",
    "summary",
    "table",
]

# A stop this kernel could not write to the journal (a read-only home, a locked file): it
# still halts this kernel, and the warning says that other notebooks cannot see it.
_kernel_stop: Stop | None = None


def __getattr__(name: str) -> Any:
    if name in ("RED_FLAGS", "FLAGS_BY_ID", "MESSAGES"):
        return getattr(_engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def halt(reason: str, *, flags: tuple[str, ...] = (), urgency: str | None = None) -> Stop:
    """Record a red-flag stop in the learner's journal; every widget honours it until lifted.

    ``reason`` is what the learner should do (the screening's message); ``flags`` the ids of
    the flags answered yes; ``urgency`` defaults to the most urgent of those flags, or same-day.
    """
    global _kernel_stop
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidModel("safety.halt needs a reason, e.g. the screening message")
    by_id = {flag.id: flag for flag in red_flag_data().flags}
    unknown = [f for f in flags if f not in by_id]
    if unknown:
        raise InvalidModel(f"no red flag {unknown[0]!r}; the flags are {', '.join(by_id)}")
    if urgency is None:
        urgency = min((by_id[f].urgency for f in flags), key=URGENCIES.index, default="same-day")
    if urgency not in URGENCIES:
        raise InvalidModel(f"urgency must be one of {', '.join(URGENCIES)}; got {urgency!r}")
    try:
        with Journal.open() as journal:
            return journal.record_stop(flags=flags, urgency=urgency, action=reason)
    except JournalError as err:
        _kernel_stop = Stop(
            id=0, started_at=datetime.now().astimezone(), flags=flags, urgency=urgency, action=reason
        )
        warnings.warn(
            f"The stop could not be saved in your journal ({err}); it holds in this notebook only.",
            stacklevel=2,
        )
        return _kernel_stop


def _standing() -> Stop | None:
    try:
        stop = current_stop()
    except JournalError:
        stop = None
    return stop or _kernel_stop


def is_halted() -> bool:
    """True while a red-flag stop stands (recorded in any kernel, until it is lifted)."""
    return _standing() is not None


def halt_reason() -> str | None:
    """What the standing stop tells the learner to do, or None."""
    stop = _standing()
    return None if stop is None else stop.action


def resume(statement: str | None = None) -> int:
    """Lift the stop: only with a stated reason, which is recorded with who lifted it and when.

    Returns how many standing stops were lifted. Without a statement nothing is lifted.
    """
    global _kernel_stop
    if statement is None or not isinstance(statement, str) or len(statement.strip()) < MIN_STATEMENT:
        raise InvalidModel(
            "Lifting the red-flag stop is a deliberate act: give the reason in a sentence, such as "
            "who assessed you and what they said. Nothing was lifted."
        )
    lifted = 0
    if journal_path().is_file():
        with Journal.open() as journal:
            lifted = journal.lift_stop(statement)
    if _kernel_stop is not None:
        _kernel_stop, lifted = None, lifted + 1
    return lifted


class Reminder:
    """The one-line safety status a notebook opens with (text and HTML, stable for nbval)."""

    def __init__(self, stop: Stop | None) -> None:
        self.stop = stop

    def __str__(self) -> str:
        if self.stop is None:
            return (
                "Safety: no red-flag stop is recorded. If a red flag applies to you (notebook 00 "
                "lists them), stop and get care before you go on."
            )
        return (
            f"STOP: a red-flag stop stands since {self.stop.started_at:%Y-%m-%d} "
            f"({self.stop.urgency}). {self.stop.action}"
        )

    __repr__ = __str__

    def _repr_html_(self) -> str:
        role, kind = ("alert", "stop") if self.stop is not None else ("note", "ok")
        return f'<p class="ck-reminder ck-reminder-{kind}" role="{role}">{html.escape(str(self))}</p>'


def reminder() -> Reminder:
    """The safety status for the top of a notebook: no stop, or the stop and what to do."""
    return Reminder(_standing())


class RedFlagTable:
    """The red flags grouped by urgency, as notebook 00, README and the docs show them.

    Rendered from ``data/red_flags.yaml`` only, so every page says the same thing: the text
    form is a Markdown table (README and docs carry it, and a test compares them), the HTML
    form is what a notebook shows.
    """

    def __init__(self, data: RedFlagData) -> None:
        self.data = data

    def rows(self) -> list[tuple[str, tuple[str, ...], str]]:
        """(urgency heading, the flags' descriptions, the action) for each urgency, most urgent first."""
        groups = self.data.flags_by_urgency()
        return [
            (u.heading, tuple(f.description for f in groups[u.id]), u.action)
            for u in self.data.urgencies
            if groups[u.id]
        ]

    def markdown(self) -> str:
        lines = ["| How soon | Warning signs (with back or leg pain) | What to do |", "|---|---|---|"]
        for heading, signs, action in self.rows():
            lines.append(f"| **{heading}** | {'<br>'.join(signs)} | {action} |")
        lines.append("")
        for n in self.data.not_red_flags:
            lines.append(f"*Not a red flag:* {n.label.rstrip('?')}. {n.description} {n.advice}")
        return "\n".join(lines)

    __str__ = markdown

    def __repr__(self) -> str:
        return self.markdown()

    def _repr_html_(self) -> str:
        esc = html.escape
        body = "".join(
            f'<tr><th scope="row">{esc(heading)}</th><td><ul>'
            + "".join(f"<li>{esc(s)}</li>" for s in signs)
            + f"</ul></td><td>{esc(action)}</td></tr>"
            for heading, signs, action in self.rows()
        )
        notes = "".join(
            f"<p><em>Not a red flag:</em> {esc(n.label.rstrip('?'))}. {esc(n.description)} {esc(n.advice)}</p>"
            for n in self.data.not_red_flags
        )
        return (
            '<table class="ck-red-flags"><caption>Red flags: when to stop and get care</caption>'
            '<thead><tr><th scope="col">How soon</th><th scope="col">Warning signs (with back or leg pain)'
            f'</th><th scope="col">What to do</th></tr></thead><tbody>{body}</tbody></table>{notes}'
        )


def table() -> RedFlagTable:
    """The red flags grouped by urgency (notebook 00's table; README and docs carry its Markdown)."""
    return RedFlagTable(red_flag_data())


def summary() -> str:
    """The one-paragraph safety summary (README, the handouts' safety line), from the data."""
    return red_flag_data().summary

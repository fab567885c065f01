"""Red-flag screening: what a learner's yes/no answers to the self-check mean.

The kit teaches; it never diagnoses. A red flag is a reason to stop the course and get a
clinician to look, not a diagnosis: single red flags have little diagnostic accuracy on
their own and belong inside clinical reasoning, not on a tick-list [finucane2020]. The
self-check is therefore deliberately cautious: **any** "yes" stops the flow and points to
care, the most urgent flag deciding how soon [ces].

The questions, urgencies and actions are data (:mod:`coursekit.content.red_flags`, from
``data/red_flags.yaml``); a stop is recorded in the learner's journal
(:mod:`coursekit.journal.stop`) so that it holds in every notebook, the builder and the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coursekit.content.red_flags import CATEGORIES, URGENCIES, RedFlag, RedFlagData, load_red_flags
from coursekit.errors import InvalidModel

__all__ = [
    "CATEGORIES",
    "CONTINUE_MESSAGE",
    "FLAGS_BY_ID",  # noqa: F822 - read from the data on first use (__getattr__)
    "MESSAGES",  # noqa: F822
    "RED_FLAGS",  # noqa: F822
    "URGENCIES",
    "RedFlag",
    "Screening",
    "check_answers",
    "red_flag_data",
    "screen",
]

CONTINUE_MESSAGE = (
    "No red flags reported: you can go on with the course. This check teaches; it does not "
    "diagnose. If anything changes, or you are unsure, stop and ask a clinician."
)


def red_flag_data() -> RedFlagData:
    """The bundled red flags (``data/red_flags.yaml``, or ``$COURSEKIT_DATA``)."""
    return load_red_flags()


def __getattr__(name: str) -> Any:
    """``RED_FLAGS``, ``FLAGS_BY_ID`` and ``MESSAGES`` are read from the data on first use."""
    if name not in ("RED_FLAGS", "FLAGS_BY_ID", "MESSAGES"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    data = red_flag_data()
    if name == "RED_FLAGS":
        return data.flags
    if name == "FLAGS_BY_ID":
        return {flag.id: flag for flag in data.flags}
    return {u.id: u.action for u in data.urgencies}


@dataclass(frozen=True, slots=True, kw_only=True)
class Screening:
    """The outcome of the self-check: stop or go on, how urgently, and why."""

    stop: bool
    urgency: str | None  # the most urgent flag answered yes; None when going on
    reasons: tuple[str, ...]  # the flags answered yes, as "category: description"
    message: str
    unanswered: tuple[str, ...] = ()  # flag ids not answered yet
    flags: tuple[str, ...] = ()  # the ids of the flags answered yes

    @property
    def complete(self) -> bool:
        return not self.unanswered

    def __str__(self) -> str:
        head = f"STOP ({self.urgency})" if self.stop else "Continue"
        lines = [head]
        lines += [f"  - {reason}" for reason in self.reasons]
        lines.append(self.message)
        return "\n".join(lines)

    def __repr__(self) -> str:
        if self.stop:
            return f"Screening(stop, {self.urgency}, {len(self.reasons)} flag(s))"
        return f"Screening(continue, {len(self.unanswered)} unanswered)"


def check_answers(answers: Mapping[str, bool], data: RedFlagData | None = None) -> dict[str, bool]:
    """Validate a mapping of flag id to yes/no; unknown ids and non-booleans raise InvalidModel."""
    flags = {flag.id for flag in (data or red_flag_data()).flags}
    if not isinstance(answers, Mapping):
        raise InvalidModel(f"answers must map a red-flag id to True or False, got {type(answers).__name__}")
    out: dict[str, bool] = {}
    for flag_id, value in answers.items():
        if flag_id not in flags:
            raise InvalidModel(f"no red flag {flag_id!r}; the flags are {', '.join(sorted(flags))}")
        if not isinstance(value, bool):
            raise InvalidModel(f"the answer to {flag_id!r} must be True (yes) or False (no), got {value!r}")
        out[flag_id] = value
    return out


def screen(answers: Mapping[str, bool], data: RedFlagData | None = None) -> Screening:
    """Screen yes/no answers: any yes stops the flow, the most urgent flag sets the urgency.

    Unanswered flags do not count as yes, but the message asks for them when nothing else
    stops the flow.
    """
    data = data or red_flag_data()
    answers = check_answers(answers, data)
    yes = [flag for flag in data.flags if answers.get(flag.id) is True]
    unanswered = tuple(flag.id for flag in data.flags if flag.id not in answers)
    if yes:
        urgency = min((flag.urgency for flag in yes), key=URGENCIES.index)
        return Screening(
            stop=True,
            urgency=urgency,
            reasons=tuple(f"{flag.category}: {flag.description}" for flag in yes),
            message=data.urgency(urgency).action,
            unanswered=unanswered,
            flags=tuple(flag.id for flag in yes),
        )
    if unanswered:
        message = (
            f"{len(unanswered)} of {len(data.flags)} questions are not answered yet: "
            "answer every one before going on."
        )
        return Screening(stop=False, urgency=None, reasons=(), message=message, unanswered=unanswered)
    return Screening(stop=False, urgency=None, reasons=(), message=CONTINUE_MESSAGE)

"""Safety first: the red flags as data, a screening function, and the session halt.

The kit teaches; it never diagnoses. A red flag is a reason to stop the course and get a
clinician to look, not a diagnosis: single red flags have little diagnostic accuracy on
their own and belong inside clinical reasoning, not on a tick-list [finucane2020]. The
self-check is therefore deliberately cautious: **any** "yes" stops the flow and points to
care, the most urgent flag deciding how soon [ces].

The halt is module-level session state, shared by every widget in one kernel::

    from coursekit.engine import red_flags as safety
    safety.halt("Saddle numbness reported")   # what RedFlagCheck calls on a "yes"
    safety.is_halted()                        # True: other widgets may show a stop notice
    safety.halt_reason()                      # "Saddle numbness reported"
    safety.resume()                           # lift it (a clinician has checked you)

It lives only as long as the kernel: a restarted kernel starts un-halted, so the check is
meant to be answered at the start of each session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coursekit.errors import InvalidModel

__all__ = [
    "URGENCIES",
    "CATEGORIES",
    "RedFlag",
    "RED_FLAGS",
    "FLAGS_BY_ID",
    "MESSAGES",
    "CONTINUE_MESSAGE",
    "Screening",
    "check_answers",
    "screen",
    "halt",
    "is_halted",
    "halt_reason",
    "resume",
]

#: How soon to get care, most urgent first.
URGENCIES = ("emergency today", "same-day", "see a doctor soon")
CATEGORIES = ("cauda equina", "fracture", "malignancy", "infection")


@dataclass(frozen=True, slots=True, kw_only=True)
class RedFlag:
    """One question of the self-check: what to ask, what it may point to, how soon to act."""

    id: str
    label: str  # a short name for a control
    question: str  # asked of the learner, answered yes or no
    description: str  # what it covers, in plain words
    category: str
    urgency: str
    reference: str

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise InvalidModel(
                f"RedFlag.category must be one of {', '.join(CATEGORIES)}; got {self.category!r}"
            )
        if self.urgency not in URGENCIES:
            raise InvalidModel(f"RedFlag.urgency must be one of {', '.join(URGENCIES)}; got {self.urgency!r}")

    def __repr__(self) -> str:
        return f"RedFlag({self.id!r}, {self.category}, {self.urgency})"


#: The self-check, in the order it is asked (the kit's own wording, after [ces] and [finucane2020]).
RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        id="bladder-bowel",
        label="Bladder or bowel change?",
        question="Since your back or leg pain began, has control of your bladder or bowel changed "
        "(trouble starting to pass urine, leaking, or not feeling when you need to go)?",
        description="A new (under two weeks) or worsening change in passing urine or stools.",
        category="cauda equina",
        urgency="emergency today",
        reference="ces",
    ),
    RedFlag(
        id="saddle-numbness",
        label="Saddle numbness?",
        question="Do you have numbness or pins and needles between your legs or around your "
        "bottom, where a bike saddle would touch?",
        description="Altered feeling in the saddle area, new or getting worse.",
        category="cauda equina",
        urgency="emergency today",
        reference="ces",
    ),
    RedFlag(
        id="both-legs",
        label="Weakness in both legs?",
        question="Are both of your legs getting weaker, or has your sexual function changed "
        "since the pain began?",
        description="Weakness in both legs that is getting worse, or new sexual dysfunction.",
        category="cauda equina",
        urgency="emergency today",
        reference="ces",
    ),
    RedFlag(
        id="fall-fragile-bone",
        label="Pain after a fall, with fragile bones?",
        question="Did the pain start after a fall or a knock, even a minor one, while you take "
        "long-term steroid tablets, have osteoporosis, or are in older age?",
        description="A minor injury on a background of weaker bone can mean a fracture.",
        category="fracture",
        urgency="same-day",
        reference="finucane2020",
    ),
    RedFlag(
        id="infection-signs",
        label="Fever or infection risk?",
        question="Do you have a fever or feel unwell, have you had an infection recently, is "
        "your immune system weakened, or do you inject drugs?",
        description="Signs of, or a raised risk of, an infection in the spine.",
        category="infection",
        urgency="same-day",
        reference="finucane2020",
    ),
    RedFlag(
        id="cancer-signs",
        label="Cancer history, weight loss or night pain?",
        question="Have you had cancer, lost weight without trying, or do you have constant pain "
        "at night that rest and changing position do not ease?",
        description="Features that call for a doctor to rule out a tumour.",
        category="malignancy",
        urgency="see a doctor soon",
        reference="finucane2020",
    ),
)
FLAGS_BY_ID = {flag.id: flag for flag in RED_FLAGS}

MESSAGES = {
    "emergency today": (
        "STOP: do not exercise. Get emergency medical care today: go to an emergency "
        "department or call your local emergency number. These signs can mean pressure on "
        "the nerves at the base of the spine (cauda equina syndrome), which needs same-day "
        "care."
    ),
    "same-day": (
        "STOP: do not start the exercises. Contact a doctor or an urgent-care service today "
        "for a medical assessment, and come back to the course only once they have checked "
        "you."
    ),
    "see a doctor soon": (
        "STOP the course for now. Book an appointment with a doctor soon (within days) and "
        "tell them what you answered; come back once a clinician has checked you."
    ),
}
CONTINUE_MESSAGE = (
    "No red flags reported: you can go on with the course. This check teaches; it does not "
    "diagnose. If anything changes, or you are unsure, stop and ask a clinician."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Screening:
    """The outcome of the self-check: stop or go on, how urgently, and why."""

    stop: bool
    urgency: str | None  # the most urgent flag answered yes; None when going on
    reasons: tuple[str, ...]  # the flags answered yes, as "category: description"
    message: str
    unanswered: tuple[str, ...] = ()  # flag ids not answered yet

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


def check_answers(answers: Mapping[str, bool]) -> dict[str, bool]:
    """Validate a mapping of flag id to yes/no; unknown ids and non-booleans raise InvalidModel."""
    if not isinstance(answers, Mapping):
        raise InvalidModel(f"answers must map a red-flag id to True or False, got {type(answers).__name__}")
    out: dict[str, bool] = {}
    for flag_id, value in answers.items():
        if flag_id not in FLAGS_BY_ID:
            raise InvalidModel(f"no red flag {flag_id!r}; the flags are {', '.join(FLAGS_BY_ID)}")
        if not isinstance(value, bool):
            raise InvalidModel(f"the answer to {flag_id!r} must be True (yes) or False (no), got {value!r}")
        out[flag_id] = value
    return out


def screen(answers: Mapping[str, bool]) -> Screening:
    """Screen yes/no answers: any yes stops the flow, the most urgent flag sets the urgency.

    Unanswered flags do not count as yes, but the message asks for them when nothing else
    stops the flow.
    """
    answers = check_answers(answers)
    yes = [flag for flag in RED_FLAGS if answers.get(flag.id) is True]
    unanswered = tuple(flag.id for flag in RED_FLAGS if flag.id not in answers)
    if yes:
        urgency = min((flag.urgency for flag in yes), key=URGENCIES.index)
        reasons = tuple(f"{flag.category}: {flag.description}" for flag in yes)
        return Screening(
            stop=True, urgency=urgency, reasons=reasons, message=MESSAGES[urgency], unanswered=unanswered
        )
    if unanswered:
        message = (
            f"{len(unanswered)} of {len(RED_FLAGS)} questions are not answered yet: "
            "answer every one before going on."
        )
        return Screening(stop=False, urgency=None, reasons=(), message=message, unanswered=unanswered)
    return Screening(stop=False, urgency=None, reasons=(), message=CONTINUE_MESSAGE)


# ---------------------------------------------------------------------------------------
# Session state: is the course halted in this kernel?

_halt_reason: str | None = None


def halt(reason: str) -> None:
    """Halt the course for this session (what a "yes" in the red-flag check does)."""
    global _halt_reason
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidModel("safety.halt needs a reason, e.g. the screening message")
    _halt_reason = reason


def is_halted() -> bool:
    """True after a red-flag "yes" until :func:`resume` is called."""
    return _halt_reason is not None


def halt_reason() -> str | None:
    """Why the course is halted, or None."""
    return _halt_reason


def resume() -> None:
    """Lift the halt: for a learner, only once a clinician has checked the red flag."""
    global _halt_reason
    _halt_reason = None

"""Spaced review, calibration and quiz scores: pure functions over quiz attempts.

Nothing here touches SQLite; :mod:`coursekit.journal.store` stores the state and calls these
functions, so the scheduling rules can be tested on plain values.

The review schedule is a Leitner system: boxes 1–5, reviewed after 1, 2, 4, 8 and 16 days, and
the learner's confidence shapes it (the rule is in :func:`schedule`):

=============  =====================================  ==========================================
answer         right                                  wrong
=============  =====================================  ==========================================
certain        up two boxes                           box 1, due **the same day** (a confident
                                                      error is the one most worth correcting)
fairly sure    up one box                             box 1, due tomorrow
guess          box 1, due tomorrow (a lucky guess     box 1, due in two days (the learner knew
               is not knowledge yet)                  they did not know; the feedback was read)
=============  =====================================  ==========================================

So a confidently wrong answer comes back sooner than a guessed wrong one, and a guessed right
answer sooner than a certain right one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from coursekit.errors import InvalidModel

__all__ = [
    "CONFIDENCES",
    "INTERVALS",
    "FIRST_BOX",
    "LAST_BOX",
    "AnsweredQuestion",
    "check_confidence",
    "RIGHT_STEPS",
    "WRONG_DAYS",
    "next_box",
    "schedule",
    "ReviewItem",
    "due_items",
    "next_due",
    "Calibration",
    "calibration",
    "calibration_from_counts",
    "RunScore",
    "QuizScore",
    "run_scores",
    "quiz_scores",
]

CONFIDENCES = ("guess", "fairly_sure", "certain")
# Days until the next review for each Leitner box.
INTERVALS = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}
FIRST_BOX = 1
LAST_BOX = 5

# How each confidence level reads inside a sentence.
_SAID = {"guess": "guessed", "fairly_sure": "said fairly sure", "certain": "said certain"}
_QUOTED = {"guess": "a guess", "fairly_sure": "“fairly sure”", "certain": "“certain”"}


class AnsweredQuestion(Protocol):
    """What these functions need from an attempt (``coursekit.journal.store.Attempt`` fits)."""

    quiz: str
    question: str
    correct: bool
    confidence: str
    score: float
    run: str
    when: datetime


def check_confidence(confidence: object) -> str:
    """Return ``confidence`` if it is one of :data:`CONFIDENCES`, else raise InvalidModel."""
    if not isinstance(confidence, str) or confidence not in CONFIDENCES:
        raise InvalidModel(f"confidence must be one of {', '.join(CONFIDENCES)}, got {confidence!r}")
    return confidence


#: How many boxes a right answer moves up, by confidence.
RIGHT_STEPS = {"guess": 0, "fairly_sure": 1, "certain": 2}
#: Days until a wrong answer comes back, by confidence: the surer the error, the sooner.
WRONG_DAYS = {"certain": 0, "fairly_sure": 1, "guess": 2}


def next_box(box: int | None, *, correct: bool, confidence: str) -> int:
    """The Leitner box after one answer; ``box=None`` is a question never seen before.

    A new question counts as sitting in box 1. A wrong answer or a right guess goes back to
    box 1; a right answer moves up one box ("fairly sure") or two ("certain").
    """
    check_confidence(confidence)
    if box is not None and (type(box) is not int or box not in INTERVALS):
        raise InvalidModel(f"box must be between {FIRST_BOX} and {LAST_BOX}, got {box!r}")
    if not correct or RIGHT_STEPS[confidence] == 0:
        return FIRST_BOX
    return min((box or FIRST_BOX) + RIGHT_STEPS[confidence], LAST_BOX)


def schedule(box: int | None, *, correct: bool, confidence: str, day: date) -> tuple[int, date]:
    """The new box and due date after answering on ``day`` (the rule in the module docstring)."""
    new = next_box(box, correct=correct, confidence=confidence)
    days = INTERVALS[new] if correct else WRONG_DAYS[confidence]
    return new, day + timedelta(days=days)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewItem:
    """One question in the review schedule: its Leitner box and the day it is due."""

    quiz: str
    question: str
    box: int
    due: date

    def __str__(self) -> str:
        return f"{self.quiz} / {self.question} (box {self.box}, due {self.due.isoformat()})"


def _order(item: ReviewItem) -> tuple[date, str, str]:
    return (item.due, item.quiz, item.question)


def due_items(items: Iterable[ReviewItem], today: date) -> list[ReviewItem]:
    """Items due on or before ``today``, oldest due date first, then by quiz and question."""
    return sorted((i for i in items if i.due <= today), key=_order)


def next_due(items: Iterable[ReviewItem], today: date) -> date | None:
    """The first due date after ``today``, or None when nothing is scheduled later."""
    later = [i.due for i in items if i.due > today]
    return min(later) if later else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Calibration:
    """How often the learner was right at one confidence level."""

    confidence: str
    n: int
    n_correct: int
    fraction: float | None
    comment: str


def _comment(confidence: str, n: int, n_correct: int) -> str:
    if n == 0:
        return f"You have not answered with {_QUOTED[confidence]} yet."
    times = "time" if n == 1 else "times"
    line = f"When you {_SAID[confidence]} you were right {n_correct} of {n} {times}."
    fraction = n_correct / n
    # A nudge only once there are a few answers; with two answers it would be noise.
    if n >= 4 and confidence == "certain" and fraction < 0.75:
        line += " Certainty ran ahead of accuracy: slow down on those."
    elif n >= 4 and confidence == "guess" and fraction >= 0.75:
        line += " You know more than you think."
    return line


def calibration(attempts: Iterable[AnsweredQuestion]) -> dict[str, Calibration]:
    """Per confidence level (in the order guess, fairly_sure, certain): how often right."""
    counts = {c: [0, 0] for c in CONFIDENCES}
    for attempt in attempts:
        n_and_correct = counts[check_confidence(attempt.confidence)]
        n_and_correct[0] += 1
        n_and_correct[1] += bool(attempt.correct)
    return calibration_from_counts({c: (n, k) for c, (n, k) in counts.items()})


def calibration_from_counts(counts: Mapping[str, tuple[int, int]]) -> dict[str, Calibration]:
    """:func:`calibration` from (answers, right answers) per confidence level; a level not
    in ``counts`` has none."""
    result = {}
    for c in CONFIDENCES:
        n, k = counts.get(c, (0, 0))
        result[c] = Calibration(
            confidence=c, n=n, n_correct=k, fraction=(k / n if n else None), comment=_comment(c, n, k)
        )
    return result


@dataclass(frozen=True, slots=True, kw_only=True)
class RunScore:
    """The score of one sitting of a quiz (0–1) and when it ended."""

    quiz: str
    run: str
    score: float
    questions: int
    ended: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class QuizScore:
    """Best and last run score of one quiz."""

    quiz: str
    runs: int
    best: float
    last: float
    last_at: datetime

    def __str__(self) -> str:
        runs = "run" if self.runs == 1 else "runs"
        return (
            f"{self.quiz}: best {self.best:.0%}, last {self.last:.0%} "
            f"({self.runs} {runs}, last on {self.last_at.date().isoformat()})"
        )


def run_scores(attempts: Iterable[AnsweredQuestion]) -> list[RunScore]:
    """Score every run: sum of question scores / number of distinct questions in the run.

    Attempts are taken in the order given (chronological); when a question was answered
    twice within one run, its last answer counts, so a run never scores above 1.
    """
    runs: dict[tuple[str, str], dict[str, float]] = {}
    ended: dict[tuple[str, str], tuple[int, datetime]] = {}
    for position, a in enumerate(attempts):
        key = (a.quiz, a.run)
        runs.setdefault(key, {})[a.question] = float(a.score)
        # The run's end is its last attempt in log order (times may be given out of order).
        ended[key] = (position, a.when)
    result = [
        RunScore(
            quiz=quiz,
            run=run,
            score=sum(scores.values()) / len(scores),
            questions=len(scores),
            ended=ended[(quiz, run)][1],
        )
        for (quiz, run), scores in runs.items()
    ]
    order = {key: pos for key, (pos, _) in ended.items()}
    return sorted(result, key=lambda r: (r.quiz, order[(r.quiz, r.run)]))


def quiz_scores(attempts: Iterable[AnsweredQuestion]) -> list[QuizScore]:
    """Per quiz, sorted by quiz id: number of runs, best run score, last run score."""
    by_quiz: dict[str, list[RunScore]] = {}
    for r in run_scores(attempts):
        by_quiz.setdefault(r.quiz, []).append(r)
    return [
        QuizScore(
            quiz=quiz,
            runs=len(rs),
            best=max(r.score for r in rs),
            last=rs[-1].score,
            last_at=rs[-1].ended,
        )
        for quiz, rs in sorted(by_quiz.items())
    ]

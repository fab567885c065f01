"""Item analysis of a class's answers: what a lecturer needs to see what the class misunderstands.

Pure functions over plain values (the journal layer reads the learners' first attempts and
calls these). Only **first attempts** count: a retry after reading the feedback measures the
feedback, not what the learner knew.

* **n**: the learners who answered the item.
* **difficulty**: the proportion correct among them (the mean score, for partial credit).
* **discrimination**: the corrected item-total point-biserial correlation: over the learners who
  answered the item, the correlation of their score on it with their total on the *other*
  items of the same bank, where an unanswered item counts 0.
* **KR-20** per bank: internal consistency of the bank's right/wrong scores over the learners
  who started it (unanswered counts wrong).

Items to revise are flagged when difficulty is below 0.3 or above 0.95 or discrimination is
below 0.2; these thresholds are common rules of thumb in item analysis, not laws.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from coursekit.errors import InvalidModel

__all__ = [
    "HARD",
    "EASY",
    "LOW_DISCRIMINATION",
    "ItemStats",
    "Response",
    "item_stats",
    "kr20",
    "pearson",
    "revision_reasons",
]

HARD = 0.3
EASY = 0.95
LOW_DISCRIMINATION = 0.2


@dataclass(frozen=True, slots=True, kw_only=True)
class Response:
    """A learner's first answer to one question: score 0-1, the options chosen, the confidence."""

    learner: str
    quiz: str
    question: str
    score: float
    options: tuple[str, ...] = ()
    confidence: str = ""

    def __post_init__(self) -> None:
        if (
            isinstance(self.score, bool)
            or not isinstance(self.score, (int, float))
            or not 0 <= self.score <= 1
        ):
            raise InvalidModel(f"Response.score must be a number from 0 to 1, got {self.score!r}")

    @property
    def correct(self) -> bool:
        return self.score == 1


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemStats:
    """The statistics of one question of one bank."""

    quiz: str
    question: str
    n: int
    difficulty: float | None  # None when nobody answered
    discrimination: float | None  # None when it cannot be computed (too few learners, no spread)
    options: Mapping[str, int]  # how often each option was chosen, on first attempts
    reasons: tuple[str, ...]  # why the item should be revised ('' when it is fine)

    @property
    def flagged(self) -> bool:
        return bool(self.reasons)


def pearson(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Pearson's correlation of two equal-length sequences; None with fewer than 2 or no spread."""
    if len(x) != len(y):
        raise InvalidModel(f"pearson needs two equally long sequences, got {len(x)} and {len(y)}")
    n = len(x)
    if n < 2:
        return None
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def revision_reasons(difficulty: float | None, discrimination: float | None) -> tuple[str, ...]:
    """Why an item should be revised, after the usual rules of thumb."""
    reasons = []
    if difficulty is not None and difficulty < HARD:
        reasons.append(f"hard: only {difficulty:.0%} right (below {HARD:.0%}): check the key and the wording")
    if difficulty is not None and difficulty > EASY:
        reasons.append(f"easy: {difficulty:.0%} right (above {EASY:.0%}): it tells learners apart little")
    if discrimination is not None and discrimination < LOW_DISCRIMINATION:
        reasons.append(
            f"low discrimination ({discrimination:.2f}, below {LOW_DISCRIMINATION}): strong learners "
            "do no better on it than weak ones; look for an ambiguous option"
        )
    return tuple(reasons)


def _by_learner(responses: Iterable[Response]) -> dict[str, dict[str, Response]]:
    """First responses per learner and question of one bank (a later duplicate is ignored)."""
    out: dict[str, dict[str, Response]] = {}
    for r in responses:
        out.setdefault(r.learner, {}).setdefault(r.question, r)
    return out


def item_stats(quiz: str, questions: Sequence[str], responses: Iterable[Response]) -> list[ItemStats]:
    """Statistics of every question of one bank, in the bank's order.

    ``responses`` are the first attempts of the learners who started the bank (any quiz other
    than ``quiz`` is ignored); a learner who started the bank and skipped a question has a rest
    score that counts it 0.
    """
    table = _by_learner(r for r in responses if r.quiz == quiz and r.question in questions)
    out = []
    for q in questions:
        answered = [(learner, rows[q]) for learner, rows in table.items() if q in rows]
        scores = [float(r.score) for _, r in answered]
        rest = [sum(float(r.score) for k, r in table[learner].items() if k != q) for learner, _ in answered]
        difficulty = sum(scores) / len(scores) if scores else None
        discrimination = pearson(scores, rest)
        counts: dict[str, int] = {}
        for _, r in answered:
            for option in r.options:
                counts[option] = counts.get(option, 0) + 1
        out.append(
            ItemStats(
                quiz=quiz,
                question=q,
                n=len(answered),
                difficulty=difficulty,
                discrimination=discrimination,
                options=dict(sorted(counts.items())),
                reasons=revision_reasons(difficulty, discrimination),
            )
        )
    return out


def kr20(quiz: str, questions: Sequence[str], responses: Iterable[Response]) -> float | None:
    """Kuder-Richardson 20 of one bank over the learners who started it; None when undefined.

    KR-20 = k / (k - 1) * (1 - sum(p_i * q_i) / var(total)), with right/wrong item scores
    (unanswered counts wrong) and the population variance of the learners' totals.
    """
    k = len(questions)
    table = _by_learner(r for r in responses if r.quiz == quiz and r.question in questions)
    n = len(table)
    if k < 2 or n < 2:
        return None
    matrix = [[1.0 if q in rows and rows[q].correct else 0.0 for q in questions] for rows in table.values()]
    totals = [sum(row) for row in matrix]
    mean = sum(totals) / n
    variance = sum((t - mean) ** 2 for t in totals) / n
    if variance <= 1e-12:
        return None
    pq = 0.0
    for j in range(k):
        p = sum(row[j] for row in matrix) / n
        pq += p * (1 - p)
    return k / (k - 1) * (1 - pq / variance)

"""Marking: a pure function from a question and an answer to a :class:`~coursekit.quiz.models.Result`.

Nothing here imports ipywidgets: the quiz widget only displays what these functions return, so
the answer key stays in the kernel until the learner answers.
"""

from __future__ import annotations

import math
import numbers
import random
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from coursekit.errors import InvalidModel
from coursekit.quiz.models import (
    TYPES,
    Bank,
    FeedbackLine,
    Question,
    Result,
    Summary,
    _number,
)

__all__ = [
    "mark",
    "shuffled",
    "summary",
]


def _bad(question: Question, message: str) -> InvalidModel:
    return InvalidModel(f"Question {question.id!r}: {message}")


def mark(question: Question, answer: Any) -> Result:
    """Mark ``answer`` to ``question``; a malformed answer raises :class:`InvalidModel`.

    single and case: one option id. multiple (and case with ``multiple: true``): a collection
    of option ids, scored (right picks - wrong picks) / number correct, floored at 0, and
    correct only if exactly right. numeric: a number within the tolerance. order: a sequence
    of every item id, correct only in the right order.
    """
    if not isinstance(question, Question):
        raise InvalidModel(f"mark() needs a Question, got {type(question).__name__}")
    kind = question.kind
    if kind == "single":
        return _mark_single(question, answer)
    if kind == "multiple":
        return _mark_multiple(question, answer)
    if kind == "numeric":
        return _mark_numeric(question, answer)
    return _mark_order(question, answer)


def _result(
    question: Question, answer: Any, score: float, correct: bool, lines: Iterable[FeedbackLine]
) -> Result:
    return Result(
        question=question.id,
        type=question.type,
        answer=answer,
        score=float(score),
        correct=correct,
        feedback=tuple(lines),
        explanation=question.explanation,
    )


def _check_option_id(question: Question, value: Any) -> str:
    if not isinstance(value, str):
        raise _bad(
            question, f"an answer is an option id (one of {', '.join(question.option_ids)}), got {value!r}"
        )
    if value not in question.option_ids:
        raise _bad(question, f"no option {value!r}; the options are {', '.join(question.option_ids)}")
    return value


def _mark_single(question: Question, answer: Any) -> Result:
    chosen = _check_option_id(question, answer)
    lines = []
    for o in question.options:
        if o.id == chosen:
            lines.append(
                FeedbackLine(status="right" if o.correct else "wrong", label=o.text, text=o.feedback)
            )
        elif o.correct:
            lines.append(FeedbackLine(status="missed", label=o.text, text=o.feedback))
    right = question.option(chosen).correct
    return _result(question, chosen, 1.0 if right else 0.0, right, lines)


def _mark_multiple(question: Question, answer: Any) -> Result:
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Iterable):
        raise _bad(
            question,
            "tick every option that applies: the answer is a list of option ids "
            f"(from {', '.join(question.option_ids)}), got {answer!r}",
        )
    chosen = {_check_option_id(question, v) for v in answer}
    lines = []
    right_picks = wrong_picks = n_correct = 0
    for o in question.options:
        n_correct += o.correct
        if o.id in chosen:
            right_picks += o.correct
            wrong_picks += not o.correct
            lines.append(
                FeedbackLine(status="right" if o.correct else "wrong", label=o.text, text=o.feedback)
            )
        elif o.correct:
            lines.append(FeedbackLine(status="missed", label=o.text, text=o.feedback))
    score = max(0.0, (right_picks - wrong_picks) / n_correct)
    exact = right_picks == n_correct and wrong_picks == 0
    ordered = tuple(o.id for o in question.options if o.id in chosen)
    return _result(question, ordered, 1.0 if exact else score, exact, lines)


def _mark_numeric(question: Question, answer: Any) -> Result:
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real) or not math.isfinite(answer):
        raise _bad(question, f"the answer is a number, got {answer!r}")
    value = float(answer)
    assert question.answer is not None  # guaranteed by the model
    # A hair of slack so that 0.1 + 0.2 counts as 0.3.
    right = abs(value - question.answer) <= question.tolerance + 1e-9 * max(1.0, abs(question.answer))
    label = f"Your answer: {_number(value)}{' ' + question.unit if question.unit else ''}"
    line = FeedbackLine(
        status="right" if right else "wrong",
        label=label,
        text=question.feedback_correct if right else question.feedback_incorrect,
    )
    return _result(question, value, 1.0 if right else 0.0, right, [line])


def _mark_order(question: Question, answer: Any) -> Result:
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, (list, tuple)):
        raise _bad(
            question,
            "the answer is a list of item ids in your order "
            f"(each of {', '.join(question.item_ids)} once), got {answer!r}",
        )
    ids = set(question.item_ids)
    unknown = [v for v in answer if not isinstance(v, str) or v not in ids]
    if unknown:
        raise _bad(question, f"no item {unknown[0]!r}; the items are {', '.join(question.item_ids)}")
    twice = sorted({v for v in answer if answer.count(v) > 1})
    if twice:
        raise _bad(question, f"item {twice[0]!r} is listed twice; list each item once")
    missing = [i for i in question.item_ids if i not in answer]
    if missing:
        raise _bad(question, f"item {missing[0]!r} is missing; list each item once")
    order = tuple(answer)
    right = order == question.solution
    in_place = sum(a == b for a, b in zip(order, question.solution, strict=True))
    text_of = {i.id: i.text for i in question.items}
    label = "Your order: " + " → ".join(text_of[i] for i in order)
    text = (
        question.feedback_correct
        if right
        else (f"{question.feedback_incorrect} ({in_place} of {len(order)} in the right place.)")
    )
    line = FeedbackLine(status="right" if right else "wrong", label=label, text=text)
    return _result(question, order, 1.0 if right else 0.0, right, [line])


def shuffled(question: Question, seed: int | str = 0) -> Question:
    """The question with its options (or order items) in a seeded, stable order.

    The same seed gives the same order in every process (``random.Random`` seeded with a
    string, never the global generator). An order question never starts in its solution.
    """
    rng = random.Random(f"{seed}:{question.id}")
    if question.options:
        options = list(question.options)
        rng.shuffle(options)
        return replace(question, options=tuple(options))
    if question.items:
        items = list(question.items)
        for _ in range(20):
            rng.shuffle(items)
            if tuple(i.id for i in items) != question.solution:
                break
        else:  # vanishingly unlikely with 3+ items; rotate so it is still not the solution
            by_id = {i.id: i for i in question.items}
            items = [by_id[i] for i in question.solution[1:] + question.solution[:1]]
        return replace(question, items=tuple(items))
    return question


def summary(bank: Bank) -> Summary:
    """Count the bank's questions per type and compare its objectives with the notebook's."""
    by_type = {t: sum(q.type == t for q in bank.questions) for t in TYPES}
    used = {q.objective for q in bank.questions}
    objectives = bank.objectives or tuple(sorted(used))
    return Summary(
        notebook=bank.notebook,
        questions=len(bank.questions),
        by_type={t: n for t, n in by_type.items() if n},
        objectives=tuple(objectives),
        covered=tuple(o for o in objectives if o in used),
    )

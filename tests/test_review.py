"""Spaced review, calibration and run scores: the pure functions of coursekit.quiz.review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.errors import InvalidModel
from coursekit.quiz.review import (
    CONFIDENCES,
    INTERVALS,
    Calibration,
    ReviewItem,
    calibration,
    calibration_from_counts,
    check_confidence,
    due_items,
    next_box,
    next_due,
    quiz_scores,
    run_scores,
    schedule,
)

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class A:
    """A stand-in attempt: the functions only read these attributes."""

    quiz: str = "01"
    question: str = "q1"
    correct: bool = True
    confidence: str = "certain"
    score: float = 1.0
    run: str = "r1"
    when: datetime = T0


def test_intervals_are_the_leitner_doubling():
    assert INTERVALS == {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}
    assert CONFIDENCES == ("guess", "fairly_sure", "certain")


@pytest.mark.parametrize(
    ("box", "correct", "confidence", "expected"),
    [
        (None, True, "certain", 3),
        (None, True, "fairly_sure", 2),
        (None, True, "guess", 1),
        (None, False, "certain", 1),
        (1, True, "certain", 3),
        (2, True, "fairly_sure", 3),
        (3, True, "certain", 5),
        (4, True, "certain", 5),
        (5, True, "certain", 5),
        (5, True, "guess", 1),
        (5, False, "fairly_sure", 1),
        (3, False, "guess", 1),
    ],
)
def test_next_box(box, correct, confidence, expected):
    assert next_box(box, correct=correct, confidence=confidence) == expected


def test_schedule_gives_the_due_date():
    day = date(2025, 3, 3)
    assert schedule(None, correct=False, confidence="certain", day=day) == (1, date(2025, 3, 3))
    assert schedule(None, correct=False, confidence="fairly_sure", day=day) == (1, date(2025, 3, 4))
    assert schedule(None, correct=False, confidence="guess", day=day) == (1, date(2025, 3, 5))
    assert schedule(2, correct=True, confidence="certain", day=day) == (4, date(2025, 3, 11))
    assert schedule(2, correct=True, confidence="fairly_sure", day=day) == (3, date(2025, 3, 7))
    assert schedule(2, correct=True, confidence="guess", day=day) == (1, date(2025, 3, 4))
    assert schedule(5, correct=True, confidence="certain", day=day) == (5, date(2025, 3, 19))


@pytest.mark.parametrize("box", [None, 1, 2, 3, 4, 5])
def test_confidence_shapes_the_schedule(box):
    """A confident error comes back sooner than a guessed one; a lucky guess sooner than a sure answer."""
    day = date(2025, 3, 3)

    def due(correct, confidence):
        return schedule(box, correct=correct, confidence=confidence, day=day)[1]

    assert due(False, "certain") < due(False, "fairly_sure") < due(False, "guess")
    assert due(True, "guess") <= due(True, "fairly_sure") <= due(True, "certain")
    assert due(True, "guess") < due(True, "certain")


@pytest.mark.parametrize("box", [0, 6, True, "2", 2.0])
def test_next_box_rejects_a_bad_box(box):
    with pytest.raises(InvalidModel, match=f"box must be between 1 and 5, got {box!r}"):
        next_box(box, correct=True, confidence="certain")


@pytest.mark.parametrize("confidence", ["sure", "", None, "Certain", 1])
def test_bad_confidence_names_the_value(confidence):
    with pytest.raises(InvalidModel, match="confidence must be one of guess, fairly_sure, certain, got"):
        check_confidence(confidence)
    with pytest.raises(InvalidModel, match="confidence"):
        next_box(1, correct=True, confidence=confidence)
    with pytest.raises(InvalidModel, match="confidence"):
        calibration([A(confidence=confidence)])


@given(st.lists(st.tuples(st.booleans(), st.sampled_from(CONFIDENCES)), max_size=40))
def test_any_answer_sequence_keeps_the_box_in_range_and_due_soon(answers):
    box: int | None = None
    day = date(2025, 1, 1)
    for correct, confidence in answers:
        previous = box or 1
        box, due = schedule(box, correct=correct, confidence=confidence, day=day)
        assert 1 <= box <= 5
        if correct:
            assert (due - day).days == INTERVALS[box]
            assert box == 1 or box == min(previous + (2 if confidence == "certain" else 1), 5)
        else:
            assert 0 <= (due - day).days <= 2
        if not correct or confidence == "guess":
            assert box == 1
        day = due


def _item(quiz, question, due, box=1):
    return ReviewItem(quiz=quiz, question=question, box=box, due=due)


def test_due_items_sorted_by_due_then_quiz_then_question():
    items = [
        _item("b", "q1", date(2025, 3, 4)),
        _item("a", "q2", date(2025, 3, 4)),
        _item("a", "q1", date(2025, 3, 4)),
        _item("z", "q9", date(2025, 3, 1)),
        _item("a", "q0", date(2025, 3, 5)),
    ]
    got = due_items(items, date(2025, 3, 4))
    assert [(i.quiz, i.question) for i in got] == [("z", "q9"), ("a", "q1"), ("a", "q2"), ("b", "q1")]
    assert due_items(items, date(2025, 2, 1)) == []
    assert due_items(list(reversed(items)), date(2025, 3, 4)) == got  # input order irrelevant


def test_next_due():
    items = [
        _item("a", "q", date(2025, 3, 4)),
        _item("a", "r", date(2025, 3, 9)),
        _item("a", "s", date(2025, 3, 6)),
    ]
    assert next_due(items, date(2025, 3, 4)) == date(2025, 3, 6)
    assert next_due(items, date(2025, 3, 9)) is None
    assert next_due([], date(2025, 3, 9)) is None


def test_calibration_counts_and_comments():
    attempts = (
        [A(confidence="certain")] * 9
        + [A(confidence="certain", correct=False)]
        + [A(confidence="guess", correct=False)]
    )
    cal = calibration(attempts)
    assert list(cal) == ["guess", "fairly_sure", "certain"]
    assert cal["certain"] == Calibration(
        confidence="certain",
        n=10,
        n_correct=9,
        fraction=0.9,
        comment="When you said certain you were right 9 of 10 times.",
    )
    assert cal["guess"].comment == "When you guessed you were right 0 of 1 time."
    assert (cal["fairly_sure"].n, cal["fairly_sure"].n_correct) == (0, 0)
    assert cal["fairly_sure"].fraction is None
    assert cal["fairly_sure"].comment == "You have not answered with “fairly sure” yet."


def test_calibration_from_counts_equals_calibration_over_the_attempts():
    # What Journal.calibration uses: counts per level from SQL, levels with no answer absent.
    attempts = [A(confidence="certain", correct=i % 3 != 0) for i in range(7)]
    attempts += [A(confidence="guess", correct=False)] * 4
    got = calibration_from_counts({"certain": (7, 4), "guess": (4, 0)})
    assert got == calibration(attempts)
    assert list(got) == list(CONFIDENCES)
    assert calibration_from_counts({}) == calibration([])


def test_calibration_of_nothing():
    cal = calibration([])
    assert all(c.n == 0 and c.fraction is None for c in cal.values())
    assert cal["guess"].comment == "You have not answered with a guess yet."


def test_calibration_nudges_over_and_under_confidence():
    over = calibration([A(correct=i < 2) for i in range(4)])["certain"]
    assert over.comment == (
        "When you said certain you were right 2 of 4 times. "
        "Certainty ran ahead of accuracy: slow down on those."
    )
    under = calibration([A(confidence="guess")] * 4)["guess"]
    assert under.comment == ("When you guessed you were right 4 of 4 times. You know more than you think.")
    few = calibration([A(correct=False)] * 3)["certain"]  # too few answers for a nudge
    assert few.comment == "When you said certain you were right 0 of 3 times."


def test_run_score_is_sum_over_distinct_questions_with_the_last_answer_counting():
    attempts = [
        A(question="q1", score=1.0),
        A(question="q2", score=0.5),
        A(question="q3", score=0.0),
        A(question="q3", score=1.0, when=T0 + timedelta(minutes=5)),  # retried in the run
        A(run="r2", question="q1", score=0.0, when=T0 + timedelta(days=1)),
    ]
    r1, r2 = run_scores(attempts)
    assert (r1.run, r1.score, r1.questions, r1.ended) == ("r1", 2.5 / 3, 3, T0 + timedelta(minutes=5))
    assert (r2.run, r2.score, r2.questions) == ("r2", 0.0, 1)


def test_quiz_scores_best_and_last_per_quiz_sorted():
    attempts = [
        A(quiz="02", run="x", score=0.25),
        A(quiz="01", run="a", score=1.0),
        A(quiz="01", run="b", score=0.0, when=T0 + timedelta(days=2)),
        A(quiz="02", run="y", score=0.75, when=T0 + timedelta(days=3)),
    ]
    q1, q2 = quiz_scores(attempts)
    assert (q1.quiz, q1.runs, q1.best, q1.last, q1.last_at) == ("01", 2, 1.0, 0.0, T0 + timedelta(days=2))
    assert (q2.quiz, q2.runs, q2.best, q2.last) == ("02", 2, 0.75, 0.75)
    assert str(q1) == "01: best 100%, last 0% (2 runs, last on 2025-03-05)"
    assert quiz_scores([]) == []


def test_last_run_is_the_last_one_recorded_even_when_times_go_backwards():
    # A run resumed later with an earlier clock still counts as the latest in log order.
    attempts = [A(run="a", score=1.0, when=T0 + timedelta(days=5)), A(run="b", score=0.0)]
    [q] = quiz_scores(attempts)
    assert (q.last, q.last_at) == (0.0, T0)

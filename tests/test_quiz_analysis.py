"""Item analysis: difficulty, corrected item-total discrimination and KR-20, computed independently."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.errors import InvalidModel
from coursekit.quiz.analysis import Response, item_stats, kr20, pearson, revision_reasons

QUESTIONS = ["q1", "q2", "q3", "q4"]

# Five learners, four questions, right (1) or wrong (0); None: not answered.
CLASS = {
    "ann": [1, 1, 1, 0],
    "ben": [1, 0, 1, 0],
    "cat": [1, 1, 0, None],
    "dev": [0, 0, 1, 0],
    "eli": [1, 1, 1, 1],
}


def responses(table=CLASS, quiz="01_x"):
    return [
        Response(learner=learner, quiz=quiz, question=q, score=float(s), options=("a",) if s else ("b",))
        for learner, row in table.items()
        for q, s in zip(QUESTIONS, row, strict=True)
        if s is not None
    ]


def test_difficulty_is_the_share_right_among_those_who_answered():
    stats = {s.question: s for s in item_stats("01_x", QUESTIONS, responses())}
    assert stats["q1"].n == 5 and stats["q1"].difficulty == pytest.approx(4 / 5)
    assert stats["q4"].n == 4 and stats["q4"].difficulty == pytest.approx(1 / 4)
    assert stats["q1"].options == {"a": 4, "b": 1}


def test_discrimination_is_the_corrected_point_biserial_computed_by_hand():
    # q1 over the five learners: item scores 1,1,1,0,1; rest scores (q2+q3+q4, unanswered = 0):
    # ann 2, ben 1, cat 1, dev 1, eli 3.
    item = np.array([1, 1, 1, 0, 1], dtype=float)
    rest = np.array([2, 1, 1, 1, 3], dtype=float)
    expected = np.corrcoef(item, rest)[0, 1]
    stats = {s.question: s for s in item_stats("01_x", QUESTIONS, responses())}
    assert stats["q1"].discrimination == pytest.approx(expected)
    # q4 is answered by four learners only (cat skipped it): ann 0, ben 0, dev 0, eli 1;
    # rests: ann 3, ben 2, dev 1, eli 3.
    expected4 = np.corrcoef([0, 0, 0, 1], [3, 2, 1, 3])[0, 1]
    assert stats["q4"].discrimination == pytest.approx(expected4)


def test_kr20_by_hand():
    matrix = np.array([[1 if s == 1 else 0 for s in row] for row in CLASS.values()], dtype=float)
    k = matrix.shape[1]
    p = matrix.mean(axis=0)
    var = matrix.sum(axis=1).var()  # population variance, as KR-20 uses
    expected = k / (k - 1) * (1 - (p * (1 - p)).sum() / var)
    assert kr20("01_x", QUESTIONS, responses()) == pytest.approx(expected)


def test_only_the_first_answer_counts():
    first = responses()
    later = [Response(learner="dev", quiz="01_x", question="q1", score=1.0, options=("a",))]
    assert item_stats("01_x", QUESTIONS, first + later) == item_stats("01_x", QUESTIONS, first)


def test_other_quizzes_are_ignored():
    other = responses(quiz="02_y")
    assert item_stats("01_x", QUESTIONS, responses() + other) == item_stats("01_x", QUESTIONS, responses())


def test_undefined_cases_are_none():
    nobody = item_stats("01_x", QUESTIONS, [])
    assert all(s.n == 0 and s.difficulty is None and s.discrimination is None for s in nobody)
    same = {"a": [1, 1, 1, 1], "b": [1, 1, 1, 1]}
    assert kr20("01_x", QUESTIONS, responses(same)) is None  # no spread in totals
    assert pearson([1.0], [2.0]) is None
    with pytest.raises(InvalidModel):
        pearson([1.0, 2.0], [1.0])


def test_revision_flags_name_their_reason():
    assert revision_reasons(0.2, 0.5)[0].startswith("hard: only 20% right")
    assert revision_reasons(0.97, 0.5)[0].startswith("easy: 97% right")
    assert revision_reasons(0.6, 0.1)[0].startswith("low discrimination (0.10")
    assert revision_reasons(0.6, 0.4) == ()
    assert revision_reasons(None, None) == ()


def test_a_response_score_is_checked():
    with pytest.raises(InvalidModel, match="score must be a number from 0 to 1"):
        Response(learner="a", quiz="q", question="x", score=1.5)


@settings(max_examples=60)
@given(
    st.lists(
        st.lists(st.sampled_from([0, 1, None]), min_size=4, max_size=4),
        min_size=2,
        max_size=25,
    )
)
def test_matches_numpy_on_random_classes(rows):
    table = {f"l{i}": row for i, row in enumerate(rows) if any(s is not None for s in row)}
    stats = item_stats("01_x", QUESTIONS, responses(table))
    for j, s in enumerate(stats):
        answered = [(learner, row) for learner, row in table.items() if row[j] is not None]
        assert s.n == len(answered)
        if not answered:
            continue
        item = np.array([row[j] for _, row in answered], dtype=float)
        rest = np.array(
            [sum(v or 0 for k, v in enumerate(row) if k != j) for _, row in answered], dtype=float
        )
        assert s.difficulty == pytest.approx(item.mean())
        if len(item) >= 2 and item.std() > 0 and rest.std() > 0:
            assert s.discrimination == pytest.approx(np.corrcoef(item, rest)[0, 1])
        else:
            assert s.discrimination is None

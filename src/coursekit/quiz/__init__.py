"""Quizzes: question banks (models, loading, marking), the misconception glossary, spaced review
and item analysis.

Marking is a pure function in the kernel; the answer key never reaches the browser before the
learner answers. ``from coursekit.quiz import load_bank, mark`` is the public way in;
``load_misconceptions`` reads the glossary that every wrong answer is tagged with.
"""

from coursekit.quiz.loading import check_bank, check_banks, list_banks, load_bank
from coursekit.quiz.marking import mark, shuffled, summary
from coursekit.quiz.misconceptions import (
    Misconception,
    check_misconceptions,
    load_misconceptions,
    misconceptions_in,
)
from coursekit.quiz.models import (
    LISTS,
    MISSED,
    QUIZZES_DIR,
    RIGHT,
    TYPES,
    WRONG,
    Bank,
    FeedbackLine,
    Item,
    Option,
    Question,
    Result,
    Summary,
)

__all__ = [
    "LISTS",
    "MISSED",
    "QUIZZES_DIR",
    "RIGHT",
    "TYPES",
    "WRONG",
    "Bank",
    "FeedbackLine",
    "Item",
    "Misconception",
    "Option",
    "Question",
    "Result",
    "Summary",
    "check_bank",
    "check_banks",
    "check_misconceptions",
    "list_banks",
    "load_bank",
    "load_misconceptions",
    "mark",
    "misconceptions_in",
    "shuffled",
    "summary",
]

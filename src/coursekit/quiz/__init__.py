"""Quizzes: question banks (models, loading, marking), spaced review and item analysis.

Marking is a pure function in the kernel; the answer key never reaches the browser before the
learner answers. ``from coursekit.quiz import load_bank, mark`` is the public way in.
"""

from coursekit.quiz.loading import check_bank, check_banks, list_banks, load_bank
from coursekit.quiz.marking import mark, shuffled, summary
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
    "Option",
    "Question",
    "Result",
    "Summary",
    "check_bank",
    "check_banks",
    "list_banks",
    "load_bank",
    "mark",
    "shuffled",
    "summary",
]

"""Quizzes: question banks (models, loading, marking) and spaced review.

Marking is a pure function in the kernel; the answer key never reaches the browser before the
learner answers. ``from coursekit.quiz import load_bank, mark`` is the public way in.
"""

from coursekit.quiz.bank import *  # noqa: F403
from coursekit.quiz.bank import __all__ as _bank_all

__all__ = list(_bank_all)

"""``coursekit review``: which quiz questions are due for spaced review today."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from coursekit.cli.commands._common import add_journal_options
from coursekit.errors import CourseKitError
from coursekit.journal.store import Journal, journal_path
from coursekit.quiz.review import due_items, next_due

NAME = "review"
HELP = "List the quiz questions due for spaced review today."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options: --journal, --today."""
    add_journal_options(parser, today_help="the day to check (default: today)")


def run(args: argparse.Namespace) -> int:
    """Print the questions due, or one friendly line when none is; 1 on a CourseKitError."""
    path = args.journal or journal_path()
    today = args.today or date.today()
    try:
        if not path.exists():
            print("Nothing to review yet: answer a quiz first.")
            return 0
        with Journal.open(path, readonly=True) as journal:
            schedule = journal.review_schedule()
    except (CourseKitError, OSError) as exc:
        print(f"coursekit: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1
    due = due_items(schedule, today)
    if not schedule:
        print("Nothing to review yet: answer a quiz first.")
    elif not due:
        # Nothing is due, so every item is due later: there is a next date.
        later = next_due(schedule, today)
        print(f"Nothing to review on {today.isoformat()}, well done. Next review on {later}.")
    else:
        noun = "question is" if len(due) == 1 else "questions are"
        print(f"{len(due)} {noun} due for review on {today.isoformat()}:")
        for item in due:
            print(f"  {item}")
    return 0

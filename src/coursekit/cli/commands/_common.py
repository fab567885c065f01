"""Options shared by the learner commands (``progress``, ``review``)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path


def day(text: str) -> date:
    """An ``argparse`` type: a date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def add_journal_options(parser: argparse.ArgumentParser, *, today_help: str) -> None:
    """``--journal PATH`` and ``--today YYYY-MM-DD``."""
    parser.add_argument(
        "--journal",
        type=Path,
        default=None,
        metavar="PATH",
        help="journal file (default: $COURSEKIT_HOME/journal.sqlite3)",
    )
    parser.add_argument("--today", type=day, default=None, metavar="YYYY-MM-DD", help=today_help)

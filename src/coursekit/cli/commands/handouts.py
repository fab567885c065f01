"""``coursekit handouts``: build every principle sheet and example routine card (HTML + PDF)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "handouts"
HELP = "Build the principle sheets and example routine cards as HTML and PDF into a folder."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--out (required); --data for another course data folder."""
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder to write into (principles/ and routines/ are made inside)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="DIR",
        help="course data folder (default: the bundled data or $COURSEKIT_DATA)",
    )


def run(args: argparse.Namespace) -> int:
    """Write the handouts with a progress bar on stderr, then print a summary."""
    from tqdm import tqdm  # noqa: PLC0415 - only this command needs it

    from coursekit.handouts.cards import build_all, summary

    def progress(jobs):
        return tqdm(jobs, desc="handouts", unit="file", file=sys.stderr)

    handouts = build_all(args.out, data=args.data, progress=progress)
    print(summary(handouts, args.out))
    return 0

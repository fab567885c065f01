"""``coursekit check-data [DIR]``: validate every data file and list every problem."""

from __future__ import annotations

import argparse

NAME = "check-data"
HELP = "validate every course data file and list every problem (exit 1 if any)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "folder", nargs="?", default=None, help="data folder (default: $COURSEKIT_DATA or the bundled data)"
    )


def run(args: argparse.Namespace) -> int:
    from coursekit.content.data import data_dir
    from coursekit.course.validate import check_data

    folder = data_dir(args.folder)
    problems = check_data(folder)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {folder}")
        return 1
    print(f"All data files in {folder} are valid.")
    return 0

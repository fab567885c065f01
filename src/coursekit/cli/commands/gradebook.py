"""``coursekit gradebook``: merge learners' journals into one CSV for the instructor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.errors import CourseKitError
from coursekit.journal.gradebook import gradebook, write_csv
from coursekit.journal.store import FILENAME

NAME = "gradebook"
HELP = "Merge learners' journals (files or folders searched recursively) into one CSV."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Positional journals or folders; --out (required), --strict."""
    parser.add_argument(
        "sources",
        nargs="+",
        type=Path,
        metavar="DIR_OR_FILE",
        help=f"a journal file, or a folder searched for {FILENAME} files",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="CSV", help="where to write the CSV")
    parser.add_argument("--strict", action="store_true", help="stop at the first file that is not a journal")


def find_journals(sources: list[Path]) -> list[Path]:
    """The journal files named or found (recursively) under ``sources``, each once, in order."""
    found: list[Path] = []
    seen: set[Path] = set()
    for source in sources:
        if source.is_dir():
            candidates = sorted(p for p in source.rglob(FILENAME) if p.is_file())
        elif source.exists():
            candidates = [source]
        else:
            raise CourseKitError(f"{source}: no such file or folder")
        for path in candidates:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                found.append(path)
    return found


def run(args: argparse.Namespace) -> int:
    """Write the CSV and print a one-line summary; 1 on a CourseKitError."""
    try:
        paths = find_journals(args.sources)
        if not paths:
            raise CourseKitError(f"no {FILENAME} found in {', '.join(str(s) for s in args.sources)}")
        from tqdm import tqdm  # only this command shows a progress bar

        bar = tqdm(paths, desc="journals", unit="file", file=sys.stderr, disable=len(paths) <= 1)
        try:
            rows = gradebook(bar, strict=args.strict)
        finally:
            bar.close()
        for skipped in rows.skipped:
            print(f"coursekit: warning: {' '.join(str(skipped).split())}", file=sys.stderr)
        count = write_csv(rows, args.out)
    except (CourseKitError, OSError) as exc:
        print(f"coursekit: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1
    learners = len({r.journal for r in rows})
    quizzes = len({r.quiz for r in rows})
    journals = len(paths) - len(rows.skipped)
    line = (
        f"Wrote {_count(count, 'row')} ({_count(learners, 'learner')}, "
        f"{_count(quizzes, 'quiz', 'quizzes')}) from {_count(journals, 'journal')} to {args.out}"
    )
    if rows.skipped:
        n = len(rows.skipped)
        line += f"; skipped {_count(n, 'file')} that {'is not a journal' if n == 1 else 'are not journals'}"
    print(line + ".")
    return 0


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"

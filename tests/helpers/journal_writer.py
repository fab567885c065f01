"""Test helper: a separate process that writes to one journal (concurrency and kill tests).

    python journal_writer.py PATH WORKER COUNT [--go FILE] [--exercises N] [--sessions-only]

Makes COUNT writes, alternating an attempt (even i) and a session (odd i), or only sessions;
each row is tagged with the worker number and index so the parent test can check every row
by identity.
COUNT 0 means "loop until killed". Prints nothing; a failure exits non-zero with a traceback.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta
from pathlib import Path

from coursekit.journal.store import ExerciseLog, Journal


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("worker", type=int)
    parser.add_argument("count", type=int)
    parser.add_argument("--go", type=Path, help="wait for this file before writing")
    parser.add_argument("--exercises", type=int, default=3)
    parser.add_argument("--sessions-only", action="store_true")
    args = parser.parse_args()

    with Journal.open(args.path) as journal:
        if args.go is not None:
            deadline = time.monotonic() + 60
            while not args.go.exists():  # a start line, so all writers overlap
                if time.monotonic() > deadline:
                    raise SystemExit("the go file never appeared")
                time.sleep(0.005)
        i = 0
        while args.count == 0 or i < args.count:
            w = args.worker
            if not args.sessions_only and i % 2 == 0:
                journal.record_attempt(
                    "concurrency",
                    f"w{w}-q{i}",
                    {"worker": w, "i": i},
                    i % 4 == 0,
                    ("guess", "fairly_sure", "certain")[i % 3],
                    run=f"w{w}",
                )
                i += 1
                continue
            journal.log_session(
                day=date(2025, 1, 6) + timedelta(days=i % 60),
                routine=f"worker {w}",
                plan="AB"[i % 2],
                minutes=10 + i % 7,
                exercises=[ExerciseLog(f"ex-{w}-{i}-{k}", 2, 8, 12, 5) for k in range(args.exercises)],
                pain_before=i % 4,
                pain_during=i % 5,
                note=f"w{w}-s{i}",
            )
            i += 1


if __name__ == "__main__":
    main()

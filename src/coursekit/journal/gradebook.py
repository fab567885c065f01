"""The instructor's gradebook: merge many learners' journals into one table (and a CSV).

Journals are opened read-only: the gradebook never writes to a learner's file, and for a
journal nobody has open it does not even create SQLite's ``-wal``/``-shm`` files beside it.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coursekit.errors import JournalError
from coursekit.journal.store import Journal
from coursekit.quiz.review import QuizScore

__all__ = [
    "CSV_COLUMNS",
    "GradeRow",
    "Skipped",
    "GradeRows",
    "learner_name",
    "gradebook",
    "write_csv",
]

CSV_COLUMNS = ("learner", "quiz", "runs", "best_score", "last_score", "last_attempt", "journal")
# Reads of one journal that changes while it is read (a learner's kernel writing).
_READS = 3
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True, kw_only=True)
class GradeRow:
    """One learner's results on one quiz (scores 0–1)."""

    learner: str
    quiz: str
    runs: int
    best: float
    last: float
    last_attempt: date
    journal: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """A file given to the gradebook that is not a readable journal, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return self.reason if self.reason.startswith(self.path) else f"{self.path}: {self.reason}"


class GradeRows(list[GradeRow]):
    """The gradebook's rows (a plain list) plus the files it skipped, in ``skipped``."""

    skipped: tuple[Skipped, ...]

    def __init__(self, rows: Iterable[GradeRow] = (), skipped: Iterable[Skipped] = ()) -> None:
        super().__init__(rows)
        self.skipped = tuple(skipped)


def learner_name(journal: Journal) -> str:
    """The journal's learner name, else the folder it sits in (the one above ``.coursekit``)."""
    if journal.learner:
        return journal.learner
    folder = journal.path.resolve().parent
    # ~/.coursekit/journal.sqlite3 would name every learner ".coursekit": use the home folder.
    if folder.name == ".coursekit" and folder.parent.name:
        folder = folder.parent
    return folder.name


def gradebook(paths: Iterable[str | os.PathLike[str]], *, strict: bool = False) -> GradeRows:
    """One row per learner and quiz, sorted by learner, quiz and journal path.

    A file that is not a journal is skipped and listed in ``rows.skipped``; with
    ``strict=True`` it raises the JournalError instead. ``paths`` may be a progress bar
    wrapping the list: it is iterated once.
    """
    rows: list[GradeRow] = []
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        try:
            learner, scores = _read(path)
        except JournalError as exc:
            if strict:
                raise
            skipped.append(Skipped(path=str(path), reason=str(exc)))
            continue
        rows.extend(
            GradeRow(
                learner=learner,
                quiz=s.quiz,
                runs=s.runs,
                best=s.best,
                last=s.last,
                last_attempt=s.last_at.date(),
                journal=str(path),
            )
            for s in scores
        )
    rows.sort(key=lambda r: (r.learner.casefold(), r.learner, r.quiz, r.journal))
    return GradeRows(rows, skipped)


def _read(path: Path) -> tuple[str, list[QuizScore]]:
    """Learner name and quiz scores of one journal, read again if it changed meanwhile."""
    for attempt in range(_READS):
        try:
            with Journal.open(path, readonly=True) as journal:
                learner = learner_name(journal)
                scores = journal.quiz_scores()
                changed = journal.changed_since_open()
        except JournalError:
            if attempt + 1 < _READS and _changing(path):
                continue
            raise
        if not changed:
            return learner, scores
    raise JournalError(f"{path}: kept changing while it was read; run the gradebook again")


def _changing(path: Path) -> bool:
    # A learner's kernel that is writing leaves a -wal file beside the journal.
    return Path(f"{path}-wal").exists()


def _cell(text: str) -> str:
    # A learner can type any name; never let it become a spreadsheet formula.
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(rows: Iterable[GradeRow], path: str | os.PathLike[str]) -> int:
    """Write the rows as CSV (UTF-8, header first, scores with 3 decimals); returns the count."""
    count = 0
    with Path(path).open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(CSV_COLUMNS)
        for r in rows:
            out.writerow(
                [
                    _cell(r.learner),
                    _cell(r.quiz),
                    r.runs,
                    f"{r.best:.3f}",
                    f"{r.last:.3f}",
                    r.last_attempt.isoformat(),
                    _cell(r.journal),
                ]
            )
            count += 1
    return count

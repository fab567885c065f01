"""The instructor's gradebook: read-only merging of learners' journals into one CSV."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coursekit.errors import JournalError
from coursekit.journal.gradebook import CSV_COLUMNS, GradeRow, GradeRows, gradebook, write_csv
from coursekit.journal.store import Journal
from coursekit.quiz.review import quiz_scores

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_HOME", str(tmp_path / "home"))


def _journal(path: Path, learner: str, runs: dict[str, list[list[bool]]]) -> Path:
    """A journal where runs[quiz] is a list of runs, each a list of right/wrong answers."""
    with Journal.open(path) as j:
        if learner:
            j.set_learner(learner)
        day = 0
        for quiz, quiz_runs in runs.items():
            for r, answers in enumerate(quiz_runs):
                for q, ok in enumerate(answers):
                    j.record_attempt(
                        quiz, f"q{q}", q, ok, "certain", run=f"{quiz}-{r}", when=T0 + timedelta(days=day)
                    )
                day += 1
    return path


@pytest.fixture
def classroom(tmp_path) -> Path:
    room = tmp_path / "class"
    _journal(
        room / "alice" / ".coursekit" / "journal.sqlite3",
        "Alice",
        {"01": [[True, False], [True, True]], "02": [[False, False, True, True]]},
    )
    _journal(room / "bob" / ".coursekit" / "journal.sqlite3", "", {"01": [[True, True]]})
    _journal(room / "carol" / "journal.sqlite3", "", {"02": [[True], [False]]})
    _journal(room / "dan" / "journal.sqlite3", "Dan", {})  # nothing answered yet
    (room / "eve").mkdir()
    (room / "eve" / "journal.sqlite3").write_text("not a journal")
    return room


def _files(room: Path) -> list[Path]:
    return sorted(room.rglob("journal.sqlite3"))


def _snapshot(room: Path) -> dict[str, bytes]:
    return {str(p.relative_to(room)): p.read_bytes() for p in sorted(room.rglob("*")) if p.is_file()}


def test_one_row_per_learner_and_quiz_in_a_stable_order(classroom):
    rows = gradebook(_files(classroom))
    assert isinstance(rows, GradeRows) and isinstance(rows, list)
    got = [(r.learner, r.quiz, r.runs, r.best, r.last, r.last_attempt.isoformat()) for r in rows]
    assert got == [
        ("Alice", "01", 2, 1.0, 1.0, "2025-03-04"),
        ("Alice", "02", 1, 0.5, 0.5, "2025-03-05"),
        ("bob", "01", 1, 1.0, 1.0, "2025-03-03"),  # folder above .coursekit
        ("carol", "02", 2, 1.0, 0.0, "2025-03-04"),  # folder of the journal
    ]
    assert rows[0].journal == str(classroom / "alice" / ".coursekit" / "journal.sqlite3")
    assert gradebook(list(reversed(_files(classroom)))) == rows


def test_files_that_are_not_journals_are_skipped_and_listed(classroom):
    rows = gradebook(_files(classroom))
    [skipped] = rows.skipped
    assert skipped.path == str(classroom / "eve" / "journal.sqlite3")
    assert "is not a SQLite database" in skipped.reason
    assert str(skipped).startswith(skipped.path + ": ")


def test_strict_mode_raises_on_the_first_bad_file(classroom):
    with pytest.raises(JournalError, match="eve.*not a SQLite database"):
        gradebook(_files(classroom), strict=True)
    assert gradebook(_files(classroom)[:2], strict=True).skipped == ()


def test_gradebook_never_writes_to_learners_files(classroom):
    before = _snapshot(classroom)
    gradebook(_files(classroom))
    # Same bytes and no new files (no -wal / -shm left beside a journal nobody has open).
    assert _snapshot(classroom) == before


def test_gradebook_reads_a_journal_a_learner_has_open(tmp_path):
    path = tmp_path / "zoe" / "journal.sqlite3"
    with Journal.open(path) as live:
        live.set_learner("Zoe")
        live.record_attempt("01", "q1", 1, True, "certain", when=T0)  # still in the WAL
        [row] = gradebook([path])
        assert (row.learner, row.quiz, row.best) == ("Zoe", "01", 1.0)
        live.record_attempt("01", "q2", 1, True, "certain", when=T0)  # kernel still writes


def test_scores_equal_the_python_run_scores_with_partial_credit_and_retries(tmp_path):
    # The gradebook reads Journal.quiz_scores (aggregated in SQLite): the same values as
    # review.quiz_scores over every attempt, including partial credit and a retried question.
    path = tmp_path / "yan" / "journal.sqlite3"
    answers = [("r1", "c", 0.1), ("r1", "b", 0.2), ("r1", "a", 0.3), ("r2", "a", 1.0), ("r2", "a", 0.0)]
    answers += [("r3", "a", 1.0), ("r3", "b", 0.0), ("r3", "c", 1.0)]
    with Journal.open(path) as j:
        for i, (run, question, score) in enumerate(answers):
            j.record_attempt("01", question, i, score == 1.0, "certain", score=score, run=run, when=T0)
        expected = quiz_scores(j.attempts())
    [row] = gradebook([path])
    [score] = expected
    assert (row.runs, row.best, row.last, row.last_attempt) == (3, score.best, score.last, T0.date())
    assert (row.best, row.last) == (2 / 3, 2 / 3)


def test_an_iterable_such_as_a_progress_bar_is_read_once(classroom):
    rows = gradebook(iter(_files(classroom)))
    assert len(rows) == 4


def test_write_csv(tmp_path, classroom):
    rows = gradebook(_files(classroom))
    out = tmp_path / "grades.csv"
    assert write_csv(rows, out) == 4
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(CSV_COLUMNS)
    assert lines[1] == (
        f"Alice,01,2,1.000,1.000,2025-03-04,{classroom / 'alice' / '.coursekit' / 'journal.sqlite3'}"
    )
    assert [line.split(",")[:6] for line in lines[2:]] == [
        ["Alice", "02", "1", "0.500", "0.500", "2025-03-05"],
        ["bob", "01", "1", "1.000", "1.000", "2025-03-03"],
        ["carol", "02", "2", "1.000", "0.000", "2025-03-04"],
    ]


def test_write_csv_quotes_and_defuses_formulas(tmp_path):
    row = GradeRow(
        learner='=HYPERLINK("http://x","Ann, B")',
        quiz="01",
        runs=1,
        best=1 / 3,
        last=0.0,
        last_attempt=date(2025, 3, 3),
        journal="/j",
    )
    out = tmp_path / "grades.csv"
    write_csv([row], out)
    with out.open(newline="", encoding="utf-8") as f:
        header, values = list(csv.reader(f))
    assert values == ['\'=HYPERLINK("http://x","Ann, B")', "01", "1", "0.333", "0.000", "2025-03-03", "/j"]


def test_write_csv_of_no_rows_writes_the_header(tmp_path):
    out = tmp_path / "grades.csv"
    assert write_csv([], out) == 0
    assert out.read_bytes() == (",".join(CSV_COLUMNS) + "\r\n").encode()  # RFC 4180 endings


def test_a_journal_that_changes_while_read_is_read_again(classroom, monkeypatch):
    answers = iter([True, False])
    monkeypatch.setattr(Journal, "changed_since_open", lambda self: next(answers))
    rows = gradebook([classroom / "bob" / ".coursekit" / "journal.sqlite3"])
    assert [(r.learner, r.quiz) for r in rows] == [("bob", "01")]
    assert rows.skipped == ()


def test_a_journal_that_never_settles_is_skipped(classroom, monkeypatch):
    monkeypatch.setattr(Journal, "changed_since_open", lambda self: True)
    rows = gradebook([classroom / "bob" / ".coursekit" / "journal.sqlite3"])
    assert list(rows) == []
    [skipped] = rows.skipped
    assert "kept changing while it was read" in skipped.reason

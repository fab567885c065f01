"""The learner journal: storage, validation, migrations and refusing files it does not own."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coursekit.errors import CourseKitError, InvalidModel, JournalError
from coursekit.journal import store as journal_mod
from coursekit.journal.store import (
    APPLICATION_ID,
    MIGRATIONS,
    PAIN_HEURISTIC,
    SCHEMA_VERSION,
    ExerciseLog,
    Journal,
    Session,
    WeekPain,
    journal_path,
    pain_rising,
    weekly_pain,
)
from coursekit.quiz.review import ReviewItem

SRC = Path(__file__).resolve().parents[1] / "src"
T0 = datetime(2025, 3, 3, 9, 30, tzinfo=timezone.utc)  # a Monday
ROUTINE = {
    "name": "Morning three",
    "slot": "morning",
    "plan": "A",
    "items": [
        {
            "exercise": "crocodile-breathing",
            "phase": "soften",
            "sets": 1,
            "reps": None,
            "hold_s": None,
            "breaths": 10,
            "tempo": None,
            "rest_s": 0,
            "per_side": False,
        }
    ],
}


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    # Never touch the real ~/.coursekit, even through a default path.
    monkeypatch.setenv("COURSEKIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))


@pytest.fixture
def jpath(tmp_path) -> Path:
    return tmp_path / "learner" / "journal.sqlite3"


@pytest.fixture
def journal(jpath):
    with Journal.open(jpath) as j:
        yield j


def _session(j: Journal, **overrides) -> int:
    kwargs = dict(
        day=date(2025, 3, 3),
        routine="Morning three",
        plan="A",
        minutes=12.5,
        exercises=[ExerciseLog("bird-dog", 2, 8, 15, 6), ExerciseLog("glute-bridge", 3, 10, 30, 5)],
        pain_before=2,
        pain_during=3,
    )
    kwargs.update(overrides)
    return j.log_session(**kwargs)


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ------------------------------------------------------------------ paths and opening


def test_journal_path_defaults_to_home_dot_coursekit(monkeypatch, tmp_path):
    monkeypatch.delenv("COURSEKIT_HOME")
    assert journal_path() == tmp_path / "user" / ".coursekit" / "journal.sqlite3"


def test_journal_path_follows_coursekit_home(tmp_path):
    assert journal_path() == tmp_path / "home" / "journal.sqlite3"


def test_open_without_path_creates_the_folder_under_coursekit_home(tmp_path):
    with Journal.open() as j:
        assert j.path == tmp_path / "home" / "journal.sqlite3"
    assert (tmp_path / "home" / "journal.sqlite3").is_file()
    assert not (tmp_path / "user").exists()


def test_open_sets_the_pragmas_and_schema(journal):
    db = journal._db()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    versions = [r[0] for r in db.execute("SELECT version FROM schema_version ORDER BY 1")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert journal.schema_version == SCHEMA_VERSION == 4


def test_reopening_keeps_data_and_does_not_migrate_again(jpath):
    with Journal.open(jpath) as j:
        j.record_attempt("q", "a", 1, True, "certain", when=T0)
    with Journal.open(jpath) as j:
        assert len(j.attempts()) == 1
        rows = j._db().execute("SELECT count(*) FROM schema_version").fetchone()[0]
        assert rows == SCHEMA_VERSION


def test_context_manager_closes_and_closed_journal_refuses(jpath):
    with Journal.open(jpath) as j:
        assert repr(j) == f"Journal({str(jpath)!r}, schema 4)"
    assert repr(j) == f"Journal({str(jpath)!r}, closed)"
    j.close()  # twice is fine
    with pytest.raises(JournalError, match="closed"):
        j.attempts()
    with pytest.raises(JournalError, match="closed"):
        j.record_attempt("q", "a", 1, True, "certain")


def test_errors_belong_to_the_kit_hierarchy():
    assert issubclass(JournalError, CourseKitError)
    assert issubclass(InvalidModel, ValueError)


def test_empty_file_and_empty_sqlite_database_are_adopted(tmp_path):
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    with Journal.open(empty) as j:
        j.record_attempt("q", "a", 1, True, "certain")
    blank = tmp_path / "blank.sqlite3"
    sqlite3.connect(blank).execute("PRAGMA user_version = 0").connection.close()
    with Journal.open(blank) as j:
        assert j.attempts() == []


# ------------------------------------------------------------------------ attempts


def test_record_attempt_round_trip(journal):
    row = journal.record_attempt("01_why", "q1", {"choice": "b"}, True, "certain", run="r1", when=T0)
    assert row == 1
    [a] = journal.attempts()
    assert (a.id, a.quiz, a.question, a.answer, a.correct, a.confidence, a.score, a.run, a.when) == (
        1,
        "01_why",
        "q1",
        {"choice": "b"},
        True,
        "certain",
        1.0,
        "r1",
        T0,
    )
    assert hash(a) == hash(a)  # usable in sets even though the answer is a dict
    assert repr(a) == (
        "Attempt(id=1, quiz='01_why', question='q1', answer={'choice': 'b'}, correct=True, "
        "confidence='certain', score=1.0, run='r1', "
        "when=datetime.datetime(2025, 3, 3, 9, 30, tzinfo=datetime.timezone.utc))"
    )


def test_record_attempt_defaults(journal):
    journal.record_attempt("quiz", "q1", "x", False, "guess")
    journal.record_attempt("quiz", "q2", "y", True, "fairly_sure")
    a, b = journal.attempts()
    assert (a.score, b.score) == (0.0, 1.0)
    assert a.run != b.run and len(a.run) == 32  # a fresh run id per call
    assert a.when.tzinfo is not None
    assert abs((datetime.now().astimezone() - a.when).total_seconds()) < 60


def test_answer_is_stored_as_json_with_sets_sorted(journal):
    journal.record_attempt("q", "multi", {"c", "a", "b"}, True, "certain", score=0.5)
    raw = journal._db().execute("SELECT answer, score FROM attempts").fetchone()
    assert raw == ('["a", "b", "c"]', 0.5)
    assert journal.attempts()[0].answer == ["a", "b", "c"]


def test_attempts_filter_by_quiz_in_recorded_order(journal):
    for quiz, q in [("b", "1"), ("a", "1"), ("b", "2")]:
        journal.record_attempt(quiz, q, q, True, "certain", when=T0)
    assert [(a.quiz, a.question) for a in journal.attempts()] == [("b", "1"), ("a", "1"), ("b", "2")]
    assert [a.question for a in journal.attempts("b")] == ["1", "2"]
    assert journal.attempts("nope") == []


@pytest.mark.parametrize(
    ("args", "kwargs", "field"),
    [
        (("", "q", 1, True, "certain"), {}, "quiz"),
        (("quiz", None, 1, True, "certain"), {}, "question"),
        (("quiz", "q", 1, 1, "certain"), {}, "correct"),
        (("quiz", "q", 1, True, "sure"), {}, "confidence"),
        (("quiz", "q", 1, True, None), {}, "confidence"),
        (("quiz", "q", 1, True, "certain"), {"score": 1.5}, "score"),
        (("quiz", "q", 1, True, "certain"), {"score": True}, "score"),
        (("quiz", "q", 1, True, "certain"), {"score": float("nan")}, "score"),
        (("quiz", "q", 1, True, "certain"), {"run": ""}, "run"),
        (("quiz", "q", 1, True, "certain"), {"when": date(2025, 1, 1)}, "when"),
        (("quiz", "q", object(), True, "certain"), {}, "answer"),
        (("quiz", "q", float("inf"), True, "certain"), {}, "answer"),
    ],
)
def test_record_attempt_rejects_bad_arguments(journal, args, kwargs, field):
    with pytest.raises(InvalidModel, match=field):
        journal.record_attempt(*args, **kwargs)
    assert journal.attempts() == []
    assert journal.review_schedule() == []


def test_review_boxes_follow_the_leitner_rules(journal):
    def answer(correct, confidence, day):
        when = T0 + timedelta(days=day)
        journal.record_attempt("01", "q", "x", correct, confidence, when=when)
        [item] = journal.review_schedule()
        return item.box, (item.due - T0.date()).days

    assert answer(True, "certain", 0) == (3, 4)  # certain and right: up two boxes
    assert answer(True, "fairly_sure", 4) == (4, 4 + 8)
    assert answer(True, "certain", 12) == (5, 12 + 16)
    assert answer(True, "certain", 28) == (5, 28 + 16)  # the last box stays
    assert answer(True, "guess", 44) == (1, 44 + 1)  # a lucky guess starts again
    assert answer(True, "certain", 45) == (3, 45 + 4)
    assert answer(False, "certain", 49) == (1, 49)  # a confident error: again the same day
    assert answer(False, "guess", 49) == (1, 49 + 2)  # a guessed error: in two days


def test_due_items_are_sorted_and_limited_to_today(journal):
    journal.record_attempt("b", "q2", 1, False, "certain", when=T0)  # due 03-03
    journal.record_attempt("a", "q9", 1, False, "guess", when=T0)  # due 03-05
    journal.record_attempt("a", "q1", 1, True, "certain", when=T0)  # box 3, due 03-07
    journal.record_attempt("c", "q1", 1, False, "guess", when=T0 - timedelta(days=1))  # due 03-04
    got = journal.due_items(date(2025, 3, 4))
    assert [(i.quiz, i.question, i.box, i.due.isoformat()) for i in got] == [
        ("b", "q2", 1, "2025-03-03"),
        ("c", "q1", 1, "2025-03-04"),
    ]
    assert journal.due_items(date(2025, 3, 2)) == []
    assert len(journal.due_items(date(2025, 3, 5))) == 3
    assert len(journal.due_items(date(2025, 3, 7))) == 4
    assert isinstance(journal.due_items(), list)


def test_calibration_through_the_journal(journal):
    for correct in (True, True, False):
        journal.record_attempt("q", "x", 1, correct, "certain")
    cal = journal.calibration()
    assert (cal["certain"].n, cal["certain"].n_correct) == (3, 2)
    assert cal["guess"].fraction is None


# ------------------------------------------------------------------------ routines


class _RoutineLike:
    def to_dict(self):
        return dict(ROUTINE, name="Office reset", slot="office", plan="B")


def test_save_and_list_routines(journal):
    when = datetime(2025, 3, 1, 8, 0, tzinfo=timezone.utc)
    saved = journal.save_routine(ROUTINE, when=when)
    journal.save_routine(_RoutineLike(), when=when)
    assert [r.name for r in journal.routines()] == ["Morning three", "Office reset"]
    first = journal.routines()[0]
    assert first == saved
    assert first.data == ROUTINE
    assert (first.slot, first.plan, first.saved_at) == ("morning", "A", when)
    assert repr(first) == (
        "SavedRoutine(name='Morning three', slot='morning', plan='A', "
        "items=1, saved_at='2025-03-01T08:00:00+00:00')"
    )


def test_saving_the_same_name_replaces_and_keeps_history(journal):
    journal.save_routine(ROUTINE)
    journal.save_routine(dict(ROUTINE, plan="B", items=[]))
    [only] = journal.routines()
    assert only.plan == "B" and only.data["items"] == []
    [old] = journal.routine_history("Morning three")
    assert old.plan == "A" and old.data == ROUTINE


def test_delete_routine(journal):
    journal.save_routine(ROUTINE)
    journal.delete_routine("Morning three")
    assert journal.routines() == []
    assert [r.name for r in journal.routine_history()] == ["Morning three"]
    with pytest.raises(KeyError, match="Morning three"):
        journal.delete_routine("Morning three")


@pytest.mark.parametrize(
    ("routine", "field"),
    [
        ("Morning three", "routine must be a Routine or a dict"),
        (dict(ROUTINE, name=""), "routine.name"),
        (dict(ROUTINE, slot="noon"), "routine.slot"),
        (dict(ROUTINE, plan="C"), "routine.plan"),
        (dict(ROUTINE, items=None), "routine.items"),
        (dict(ROUTINE, extra=object()), "routine must be JSON-serialisable"),
    ],
)
def test_save_routine_rejects_bad_input(journal, routine, field):
    with pytest.raises(InvalidModel, match=field):
        journal.save_routine(routine)
    assert journal.routines() == []


def test_a_saved_routine_object_comes_back_with_to_routine(journal):
    routines = pytest.importorskip("coursekit.engine.routines")
    routine = routines.Routine.from_dict(ROUTINE)
    journal.save_routine(routine)
    [saved] = journal.routines()
    assert saved.data == routine.to_dict()
    assert saved.to_routine() == routine


# ------------------------------------------------------------------------ sessions


def test_log_session_round_trip(journal):
    sid = _session(journal, pain_next_morning=1, note="felt <good>")
    [s] = journal.sessions()
    assert isinstance(s, Session)
    assert (s.id, s.day, s.routine, s.plan, s.minutes) == (sid, date(2025, 3, 3), "Morning three", "A", 12.5)
    assert s.exercises == (ExerciseLog("bird-dog", 2, 8, 15, 6), ExerciseLog("glute-bridge", 3, 10, 30, 5))
    assert (s.pain_before, s.pain_during, s.pain_next_morning, s.note) == (2, 3, 1, "felt <good>")
    declared = journal._db().execute("SELECT n_exercises FROM sessions").fetchone()[0]
    assert declared == 2


def test_exercises_may_be_dicts_and_sessions_sort_by_day(journal):
    later = _session(
        journal,
        day=date(2025, 3, 5),
        exercises=[{"exercise": "dead-bug", "sets": 1, "reps": 6, "clean_reps": 6, "effort": 4}],
    )
    earlier = _session(journal, day=date(2025, 3, 1), exercises=[])
    assert [s.id for s in journal.sessions()] == [earlier, later]
    assert journal.sessions()[1].exercises == (ExerciseLog("dead-bug", 1, 6, 6, 4),)
    assert journal.sessions()[0].exercises == ()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (("", 1, 1, 1, 1), "ExerciseLog.exercise"),
        (("x", 0, 1, 0, 1), "ExerciseLog.sets must be a whole number from 1 to 20, got 0"),
        (("x", 1, 0, 0, 1), "ExerciseLog.reps"),
        (("x", 2, 5, 11, 1), "ExerciseLog.clean_reps must be a whole number from 0 to 10, got 11"),
        (("x", 2, 5, -1, 1), "ExerciseLog.clean_reps"),
        (("x", 1, 5, 5, 11), "ExerciseLog.effort must be a whole number from 0 to 10, got 11"),
        (("x", 1, 5, 5, 2.5), "ExerciseLog.effort"),
        (("x", True, 5, 5, 2), "ExerciseLog.sets"),
    ],
)
def test_exercise_log_validation(values, message):
    with pytest.raises(InvalidModel, match=message):
        ExerciseLog(*values)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"day": "2025-03-03"}, "session.day"),
        ({"day": datetime(2025, 3, 3)}, "session.day"),
        ({"routine": ""}, "session.routine"),
        ({"plan": "C"}, "session.plan"),
        ({"minutes": -1}, "session.minutes"),
        ({"minutes": float("inf")}, "session.minutes"),
        ({"pain_before": 11}, "session.pain_before"),
        ({"pain_during": -1}, "session.pain_during"),
        ({"pain_during": 2.5}, "session.pain_during"),
        ({"pain_next_morning": 12}, "session.pain_next_morning"),
        ({"note": None}, "session.note"),
        ({"exercises": ["bird-dog"]}, "session.exercises"),
        ({"exercises": [{"exercise": "x"}]}, "ExerciseLog"),
    ],
)
def test_log_session_rejects_bad_arguments(journal, overrides, field):
    with pytest.raises(InvalidModel, match=field):
        _session(journal, **overrides)
    assert journal.sessions() == []


def test_set_next_morning_pain(journal):
    sid = _session(journal)
    journal.set_next_morning_pain(sid, 4)
    assert journal.sessions()[0].pain_next_morning == 4
    with pytest.raises(KeyError, match="no session with id 99"):
        journal.set_next_morning_pain(99, 1)
    with pytest.raises(InvalidModel, match="pain_next_morning"):
        journal.set_next_morning_pain(sid, 11)
    assert journal.sessions()[0].pain_next_morning == 4


def test_a_failing_exercise_row_leaves_no_partial_session(journal):
    # Make the third exercise row fail inside the transaction: the session row must go too.
    journal._db().execute(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.session_exercises "
        "WHEN NEW.exercise = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    with pytest.raises(JournalError, match="boom"):
        _session(
            journal,
            exercises=[
                ExerciseLog("a", 1, 1, 1, 1),
                ExerciseLog("b", 1, 1, 1, 1),
                ExerciseLog("boom", 1, 1, 1, 1),
            ],
        )
    db = journal._db()
    assert db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM session_exercises").fetchone()[0] == 0
    assert not db.in_transaction
    _session(journal)  # the journal still works
    assert len(journal.sessions()) == 1


# ------------------------------------------------------------------ learner, progress


def test_learner_name(journal):
    assert journal.learner == ""
    journal.set_learner("  Ana Núñez ")
    assert journal.learner == "Ana Núñez"
    journal.set_learner("Ana")
    assert journal.learner == "Ana"
    for bad in (None, "x" * 81, "line\nbreak"):
        with pytest.raises(InvalidModel, match="learner"):
            journal.set_learner(bad)
    assert journal.learner == "Ana"


def test_progress_scores_runs_reviews_sessions_and_pain(journal):
    journal.set_learner("Ana")
    day = T0
    # Quiz 01, run r1 scores 2/3; run r2 scores 1/3 because q3's last answer counts.
    for q, ok in [("q1", True), ("q2", True), ("q3", False)]:
        journal.record_attempt("01", q, 1, ok, "certain", run="r1", when=day)
    for q, ok in [("q1", True), ("q2", False), ("q3", True), ("q3", False)]:
        journal.record_attempt("01", q, 1, ok, "fairly_sure", run="r2", when=day + timedelta(days=1))
    journal.record_attempt("02", "q1", 1, True, "guess", score=0.5, run="x", when=day + timedelta(days=2))
    for week, pain in [(0, 2), (0, 3), (1, 4)]:
        sid = _session(journal, day=date(2025, 3, 3) + timedelta(weeks=week), minutes=10)
        journal.set_next_morning_pain(sid, pain)
    _session(journal, day=date(2025, 3, 12), minutes=7.5)  # no next-morning score yet

    p = journal.progress(date(2025, 3, 5))
    assert p.quizzes_done == 2
    q01, q02 = p.quizzes
    assert (q01.quiz, q01.runs, q01.best, q01.last) == ("01", 2, pytest.approx(2 / 3), pytest.approx(1 / 3))
    assert q01.last_at == day + timedelta(days=1)
    assert (q02.runs, q02.best, q02.last) == (1, 0.5, 0.5)
    # Due on 03-05: 01/q2 and 01/q3 (wrong on 03-04); 01/q1 moved up to box 3 (due 03-08)
    # and 02/q1 was a guess on 03-05 (due 03-06).
    assert p.due_reviews == 2
    assert p.next_review == date(2025, 3, 6)
    assert (p.sessions, p.minutes) == (4, 37.5)
    assert p.pain_weeks == (
        WeekPain(week="2025-W10", mean=2.5, sessions=2),
        WeekPain(week="2025-W11", mean=4.0, sessions=1),
    )
    assert p.pain_rising is True
    assert PAIN_HEURISTIC in p.pain_note()
    assert str(p) == "\n".join(
        [
            "Learner: Ana",
            "Quizzes done: 2",
            "  01: best 67%, last 33% (2 runs, last on 2025-03-04)",
            "  02: best 50%, last 50% (1 run, last on 2025-03-05)",
            "Calibration:",
            "  When you guessed you were right 1 of 1 time.",
            "  When you said fairly sure you were right 2 of 4 times.",
            "  When you said certain you were right 2 of 3 times.",
            "Reviews due on 2025-03-05: 2",
            "Sessions logged: 4 (37.5 min in total)",
            "Next-morning pain by week: 2025-W10 2.5, 2025-W11 4.0",
            "Next-morning pain rose from 2.5 (2025-W10) to 4.0 (2025-W11): consider a plan-B day "
            "or a smaller dose — a teaching heuristic, not a diagnosis.",
        ]
    )


def test_progress_of_an_empty_journal(journal):
    p = journal.progress(date(2025, 3, 5))
    assert (p.quizzes_done, p.due_reviews, p.next_review, p.sessions, p.minutes) == (0, 0, None, 0, 0)
    assert p.pain_rising is False
    assert str(p) == "\n".join(
        [
            "Learner: (no name set)",
            "Quizzes done: 0",
            "Reviews due on 2025-03-05: 0",
            "Sessions logged: 0 (0 min in total)",
            "No next-morning pain recorded yet.",
        ]
    )


def test_weekly_pain_and_rising_flag_are_pure():
    def s(day, pain):
        return Session(
            id=1,
            day=day,
            routine="r",
            plan="A",
            minutes=1,
            exercises=(),
            pain_before=None,
            pain_during=None,
            pain_next_morning=pain,
            note="",
            logged_at=T0,
        )

    sessions = [
        s(date(2025, 1, 6), 3),
        s(date(2025, 1, 13), 2),
        s(date(2024, 12, 30), 5),
        s(date(2025, 1, 1), 3),
        s(date(2025, 1, 14), None),
    ]
    weeks = weekly_pain(sessions)
    # Monday 2024-12-30 belongs to ISO week 1 of 2025.
    assert [(w.week, w.mean, w.sessions) for w in weeks] == [
        ("2025-W01", 4.0, 2),
        ("2025-W02", 3.0, 1),
        ("2025-W03", 2.0, 1),
    ]
    assert pain_rising(weeks) is False
    assert pain_rising(weeks[::-1]) is True
    assert pain_rising(weeks[:1]) is False
    assert pain_rising([]) is False


# -------------------------------------------------------------- locking and retries


def test_a_write_waits_for_another_writer_to_finish(journal, jpath):
    other = sqlite3.connect(jpath, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
    start = time.monotonic()
    journal.record_attempt("q", "a", 1, True, "certain")
    assert time.monotonic() - start >= 0.25
    assert len(journal.attempts()) == 1
    other.close()


def test_busy_errors_are_retried_with_backoff(jpath, monkeypatch):
    monkeypatch.setattr(journal_mod, "BUSY_TIMEOUT_S", 0.01)  # make SQLite give up at once
    with Journal.open(jpath) as j:
        other = sqlite3.connect(jpath, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        threading.Timer(0.2, lambda: other.execute("COMMIT")).start()
        j.record_attempt("q", "a", 1, True, "certain")  # succeeds on a retry
        assert len(j.attempts()) == 1
        other.close()


@pytest.mark.parametrize(("retries", "budget"), [(2, 10.0), (100, 0.3)])
def test_a_lock_that_never_clears_raises_journal_error(jpath, monkeypatch, retries, budget):
    monkeypatch.setattr(journal_mod, "BUSY_TIMEOUT_S", 0.01)
    monkeypatch.setattr(journal_mod, "WRITE_RETRIES", retries)
    monkeypatch.setattr(journal_mod, "RETRY_BUDGET_S", budget)
    with Journal.open(jpath) as j:
        other = sqlite3.connect(jpath, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        start = time.monotonic()
        with pytest.raises(JournalError, match="locked") as info:
            j.record_attempt("q", "a", 1, True, "certain")
        assert time.monotonic() - start < 2  # gives up by count or by time budget
        assert str(jpath) in str(info.value)
        other.execute("ROLLBACK")
        other.close()
        assert j.attempts() == []


# ------------------------------------------------------------------ read-only mode


def test_readonly_journal_reads_and_refuses_writes(jpath):
    with Journal.open(jpath) as j:
        j.set_learner("Ana")
        j.record_attempt("q", "a", 1, True, "certain")
    before = _listing(jpath.parent)
    with Journal.open(jpath, readonly=True) as j:
        assert repr(j) == f"Journal({str(jpath)!r}, schema 4, read-only)"
        assert (j.learner, len(j.attempts())) == ("Ana", 1)
        with pytest.raises(JournalError, match="read-only"):
            j.record_attempt("q", "b", 1, True, "certain")
        with pytest.raises(JournalError, match="read-only"):
            j.set_learner("Bo")
    # No -wal/-shm created beside a journal nobody has open.
    assert _listing(jpath.parent) == before


def test_readonly_sees_rows_still_in_the_wal(jpath):
    with Journal.open(jpath) as writer:
        writer.record_attempt("q", "a", 1, True, "certain")
        assert Path(f"{jpath}-wal").exists()
        with Journal.open(jpath, readonly=True) as reader:
            assert len(reader.attempts()) == 1


def test_changed_since_open_notices_a_writer(jpath):
    Journal.open(jpath).close()
    with Journal.open(jpath, readonly=True) as reader:
        assert reader.changed_since_open() is False
        with Journal.open(jpath) as writer:
            writer.record_attempt("q", "a", 1, True, "certain")
            assert writer.changed_since_open() is False  # only read-only journals track it
            assert reader.changed_since_open() is True


def test_a_file_that_changes_during_the_check_is_looked_at_again(jpath, monkeypatch):
    Journal.open(jpath).close()
    real_inspect = journal_mod._inspect
    calls = []

    def flaky_inspect(conn, path):
        calls.append(path)
        if len(calls) == 1:  # as if a checkpoint by another kernel tore the first read
            raise JournalError(f"{path}: is corrupt (simulated torn read)")
        return real_inspect(conn, path)

    stamps = iter(range(100))
    monkeypatch.setattr(journal_mod, "_inspect", flaky_inspect)
    monkeypatch.setattr(journal_mod, "_fingerprint", lambda path: (next(stamps), 0, False))
    with Journal.open(jpath) as j:
        assert j.schema_version == SCHEMA_VERSION
    assert len(calls) == 2


def test_readonly_refuses_missing_or_empty_files(tmp_path):
    with pytest.raises(JournalError, match="no journal here"):
        Journal.open(tmp_path / "missing.sqlite3", readonly=True)
    assert not (tmp_path / "missing.sqlite3").exists()
    blank = tmp_path / "blank.sqlite3"
    sqlite3.connect(blank).execute("PRAGMA user_version = 0").connection.close()
    with pytest.raises(JournalError, match="not a journal yet"):
        Journal.open(blank, readonly=True)


# --------------------------------------------------------- refusing files not ours


def _real_journal(path: Path, n: int = 40) -> Path:
    with Journal.open(path) as j:
        j.set_learner("Ana")
        for i in range(n):
            j.record_attempt("01", f"q{i}", {"text": "x" * 1500, "i": i}, i % 2 == 0, "certain")
    return path


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "journal.sqlite3"
    path.write_text("These are my notes, not a database.\n" * 20)
    return path


def _truncated_copy(tmp_path: Path) -> Path:
    real = _real_journal(tmp_path / "real" / "journal.sqlite3")
    data = real.read_bytes()
    assert len(data) > 8 * 4096
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(data[: len(data) // 2])
    return path


def _truncated_header(tmp_path: Path) -> Path:
    real = _real_journal(tmp_path / "real" / "journal.sqlite3", n=1)
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(real.read_bytes()[:60])
    return path


def _foreign(tmp_path: Path) -> Path:
    path = tmp_path / "journal.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA application_id = 1234")
    db.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    db.execute("INSERT INTO recipes VALUES ('porridge', 5)")
    db.commit()
    db.close()
    return path


def _foreign_wal_no_app_id(tmp_path: Path) -> Path:
    path = tmp_path / "journal.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("CREATE TABLE attempts (x)")  # even a table with one of our names
    db.commit()
    db.close()
    return path


def _corrupt(tmp_path: Path) -> Path:
    path = _real_journal(tmp_path / "journal.sqlite3")
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):  # scribble over b-tree pages
        data[start : start + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    return path


def _newer(tmp_path: Path) -> Path:
    path = _real_journal(tmp_path / "journal.sqlite3", n=2)
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_version VALUES (?, '2099-01-01')", (SCHEMA_VERSION + 1,))
    db.commit()
    db.close()
    return path


def _ours_without_schema_version(tmp_path: Path) -> Path:
    path = tmp_path / "journal.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("CREATE TABLE attempts (x)")
    db.commit()
    db.close()
    return path


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (_text_file, "is not a SQLite database"),
        (_truncated_copy, "is corrupt"),
        (_truncated_header, "is truncated"),
        (_foreign, "another program (application_id 0x4d2, tables: recipes)"),
        (_foreign_wal_no_app_id, "another program (application_id 0x0, tables: attempts)"),
        (_corrupt, "is corrupt"),
        (_newer, "newer coursekit (journal schema 5; this kit reads up to 4)"),
        (_ours_without_schema_version, "no schema_version table"),
    ],
)
@pytest.mark.parametrize("readonly", [False, True])
def test_files_that_are_not_our_journal_are_refused_and_left_byte_for_byte(tmp_path, make, problem, readonly):
    path = make(tmp_path)
    shutil.rmtree(tmp_path / "real", ignore_errors=True)
    before = _listing(tmp_path)
    with pytest.raises(JournalError) as info:
        Journal.open(path, readonly=readonly)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert message.endswith("the file was left untouched")
    assert "\n" not in message
    # The same bytes, and no -wal, -shm or -journal file left beside it.
    assert _listing(tmp_path) == before


def test_a_directory_is_refused(tmp_path):
    folder = tmp_path / "journal.sqlite3"
    folder.mkdir()
    with pytest.raises(JournalError, match="not a regular file"):
        Journal.open(folder)


# ---------------------------------------------------------------------- migrations


def _v1_journal(path: Path) -> Path:
    """A journal as the first release wrote it: only MIGRATIONS[0] applied."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("BEGIN")
    for statement in journal_mod._statements(MIGRATIONS[0]):
        db.execute(statement)
    db.execute("INSERT INTO schema_version VALUES (1, '2025-01-01T00:00:00+00:00')")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("INSERT INTO meta VALUES ('learner', 'Old Timer')")
    db.execute(
        "INSERT INTO routines VALUES ('Old', 'evening', 'A', ?, '2025-01-01T00:00:00+00:00')",
        (json.dumps(dict(ROUTINE, name="Old")),),
    )
    db.execute(
        "INSERT INTO attempts (quiz, question, answer, correct, confidence, score, "
        "run, answered_at) VALUES ('01', 'q1', '\"b\"', 1, 'certain', 1.0, 'r', "
        "'2025-01-01T10:00:00+00:00')"
    )
    db.execute("COMMIT")
    db.close()
    return path


def _indexes(db: sqlite3.Connection) -> set[str]:
    return {
        r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    }


def test_a_v1_journal_is_migrated_and_keeps_its_data(tmp_path):
    path = _v1_journal(tmp_path / "journal.sqlite3")
    with Journal.open(path) as j:
        assert j.schema_version == 4
        assert j.learner == "Old Timer"
        assert [a.answer for a in j.attempts()] == ["b"]
        versions = [r[0] for r in j._db().execute("SELECT version FROM schema_version")]
        assert versions == [1, 2, 3, 4]
        # Version 3 replaced attempts_run (version 2) with attempts_scores, which starts with it.
        assert _indexes(j._db()) == {
            "attempts_quiz",
            "attempts_scores",
            "attempts_confidence",
            "review_due",
            "sessions_day",
        }
        j.save_routine(dict(ROUTINE, name="Old", slot="morning"))  # uses routine_history
        assert [r.slot for r in j.routine_history("Old")] == ["evening"]


def test_a_v1_journal_opened_readonly_is_read_but_not_migrated(tmp_path):
    path = _v1_journal(tmp_path / "journal.sqlite3")
    before = _listing(tmp_path)
    with Journal.open(path, readonly=True) as j:
        assert j.schema_version == 1
        assert j.learner == "Old Timer"
        assert len(j.attempts()) == 1
        assert [r.name for r in j.routines()] == ["Old"]
        assert j.progress(date(2025, 1, 2)).quizzes_done == 1
    assert _listing(tmp_path) == before


def test_a_failing_migration_rolls_back_completely(tmp_path, monkeypatch):
    path = _v1_journal(tmp_path / "journal.sqlite3")
    broken = MIGRATIONS + ("CREATE TABLE extra (x);\nTHIS IS NOT SQL;",)
    monkeypatch.setattr(journal_mod, "MIGRATIONS", broken)
    monkeypatch.setattr(journal_mod, "SCHEMA_VERSION", len(broken))
    with pytest.raises(JournalError, match="syntax error"):
        Journal.open(path)
    db = sqlite3.connect(path)
    assert [r[0] for r in db.execute("SELECT version FROM schema_version")] == [1]
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "extra" not in tables and "routine_history" not in tables
    db.close()


def test_migration_scripts_split_into_statements():
    assert journal_mod._statements("CREATE TABLE a (x);\nCREATE TABLE b (\n y\n);\n") == [
        "CREATE TABLE a (x);",
        "CREATE TABLE b (\n y\n);",
    ]
    with pytest.raises(ValueError, match="incomplete"):
        journal_mod._statements("CREATE TABLE a (x")
    for script in MIGRATIONS:
        assert journal_mod._statements(script)


# ------------------------------------------------------------------------ layering


def test_importing_the_journal_loads_no_ui_or_pandas():
    code = (
        "import sys, coursekit.journal.store, coursekit.quiz.review, coursekit.journal.gradebook, "
        "coursekit.cli.commands.progress, coursekit.cli.commands.review, "
        "coursekit.cli.commands.gradebook; "
        "bad = {'ipywidgets', 'matplotlib', 'pandas', 'tqdm'} & set(sys.modules); "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(SRC)})


def test_review_item_repr_is_stable():
    item = ReviewItem(quiz="01", question="q1", box=2, due=date(2025, 3, 5))
    assert repr(item) == ("ReviewItem(quiz='01', question='q1', box=2, due=datetime.date(2025, 3, 5))")
    assert str(item) == "01 / q1 (box 2, due 2025-03-05)"

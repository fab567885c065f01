"""The journal's summaries, aggregated in SQLite, equal the plain Python computation.

``Journal.progress``, ``quiz_scores``, ``calibration``, ``due_items`` and ``review_schedule``
read aggregates from SQL. Each test fills a journal (random, from hypothesis or a seeded
generator) and compares every result, field by field and repr by repr, with what the
pure functions of :mod:`coursekit.quiz.review` compute over every stored attempt: the way the
journal computed them before it aggregated in SQL.
"""

from __future__ import annotations

import json
import random
import sqlite3
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursekit.journal import store as journal_mod
from coursekit.journal.store import MIGRATIONS, Journal, Progress, pain_rising, weekly_pain
from coursekit.quiz import review
from coursekit.quiz.review import CONFIDENCES, ReviewItem

T0 = datetime(2025, 3, 3, 9, 30, tzinfo=timezone.utc)
TODAY = date(2025, 3, 20)
# Quiz and question ids whose text order differs from a naive one: upper case, accents, digits.
QUIZZES = ("01", "02", "10", "Zed", "a", "é", "ü-quiz")
QUESTIONS = ("q1", "q2", "q10", "Q3", "ä", "q 4")
RUNS = ("r1", "r2", "r3", "R", "x")
# Scores whose sums depend on the order of adding (0.1 + 0.2 + 0.3), and 0 or 1 (most runs).
SCORES = (0.0, 1.0, 0.0, 1.0, 1.0, 0.5, 0.25, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 0.7)


def reference_schedule(j: Journal) -> list[ReviewItem]:
    rows = j._read("SELECT quiz, question, box, due FROM review")
    items = [ReviewItem(quiz=q, question=k, box=b, due=date.fromisoformat(d)) for q, k, b, d in rows]
    return sorted(items, key=lambda i: (i.due, i.quiz, i.question))


def reference_progress(j: Journal, today: date) -> Progress:
    """``Journal.progress`` as it was: every attempt and session built, then Python."""
    attempts = j.attempts()
    schedule = reference_schedule(j)
    sessions = j.sessions()
    weeks = weekly_pain(sessions)
    return Progress(
        learner=j.learner,
        today=today,
        quizzes=tuple(review.quiz_scores(attempts)),
        calibration=tuple(review.calibration(attempts).values()),
        due_reviews=len(review.due_items(schedule, today)),
        next_review=review.next_due(schedule, today),
        sessions=len(sessions),
        minutes=sum(s.minutes for s in sessions),
        pain_weeks=tuple(weeks),
        pain_rising=pain_rising(weeks),
    )


def fill(path: Path, attempts, reviews, sessions) -> None:
    """Create a journal with Journal.open, then insert rows directly (as bench/scaling.py does)."""
    Journal.open(path).close()
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.executemany(
            "INSERT INTO attempts (quiz, question, answer, correct, confidence, score, run, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (quiz, question, json.dumps([question, n]), int(correct), confidence, score, run, when)
                for n, (quiz, question, correct, confidence, score, run, when) in enumerate(attempts)
            ],
        )
        db.executemany("INSERT INTO review (quiz, question, box, due) VALUES (?, ?, ?, ?)", reviews)
        db.executemany(
            "INSERT INTO sessions (day, routine, plan, minutes, pain_before, pain_during,"
            " pain_next_morning, note, n_exercises, logged_at) VALUES (?, 'r', 'A', ?, 2, 3, ?, '', 0, ?)",
            [(day, minutes, pain, T0.isoformat()) for day, minutes, pain in sessions],
        )
        db.execute("COMMIT")
    finally:
        db.close()


def assert_same(j: Journal, today: date) -> None:
    attempts = j.attempts()
    expected = reference_progress(j, today)
    got = j.progress(today)
    assert got == expected
    assert repr(got) == repr(expected)  # the same types too (1.0 stays 1.0, 0 stays 0)
    assert str(got) == str(expected)
    assert j.quiz_scores() == review.quiz_scores(attempts)
    assert repr(j.quiz_scores()) == repr(review.quiz_scores(attempts))
    assert j.calibration() == review.calibration(attempts)
    schedule = reference_schedule(j)
    assert j.review_schedule() == schedule
    for day in (today, today - timedelta(days=400), today + timedelta(days=400), *(i.due for i in schedule)):
        assert j.due_items(day) == review.due_items(schedule, day)
        assert j.progress(day) == reference_progress(j, day)


# ---------------------------------------------------------------------------- hypothesis

_attempt = st.tuples(
    st.sampled_from(QUIZZES),
    st.sampled_from(QUESTIONS),
    st.booleans(),
    st.sampled_from(CONFIDENCES),
    st.one_of(st.sampled_from(SCORES), st.floats(0, 1)),
    st.sampled_from(RUNS),
    # Times may go backwards: the last run is the last one recorded, not the latest clock.
    st.integers(-3, 30).map(lambda d: (T0 + timedelta(days=d)).isoformat()),
)
_review_row = st.tuples(
    st.sampled_from(QUIZZES),
    st.sampled_from(QUESTIONS),
    st.integers(1, 5),
    st.integers(-40, 40).map(lambda d: (TODAY + timedelta(days=d)).isoformat()),
)
_session = st.tuples(
    st.integers(-60, 10).map(lambda d: (TODAY + timedelta(days=d)).isoformat()),
    st.one_of(st.sampled_from((0.0, 12.5, 0.1, 0.2, 7.3)), st.floats(0, 1440)),
    st.one_of(st.none(), st.integers(0, 10)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    attempts=st.lists(_attempt, max_size=60),
    reviews=st.lists(_review_row, max_size=20, unique_by=lambda r: (r[0], r[1])),
    sessions=st.lists(_session, max_size=12),
    today=st.integers(-45, 45).map(lambda d: TODAY + timedelta(days=d)),
)
def test_sql_aggregates_equal_the_python_computation(attempts, reviews, sessions, today):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "journal.sqlite3"
        fill(path, attempts, reviews, sessions)
        with Journal.open(path, readonly=True) as j:
            assert_same(j, today)


# ------------------------------------------------------------------------ seeded, larger


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_larger_random_journal_matches_too(tmp_path, seed):
    rng = random.Random(seed)
    attempts = []
    for r in range(400):  # sittings of a few questions, some answered again, some partial credit
        quiz, run = rng.choice(QUIZZES), f"run{r % 150}"  # a run id may come back later
        partial = rng.random() < 0.3
        n = rng.randint(1, 10)
        # Half the sittings answer each question once, in a random order; the others may repeat.
        questions = rng.sample(QUESTIONS, min(n, len(QUESTIONS))) if rng.random() < 0.5 else None
        for k in range(n if questions is None else len(questions)):
            question = rng.choice(QUESTIONS) if questions is None else questions[k]
            score = rng.choice(SCORES) if partial else float(rng.random() < 0.7)
            when = (T0 + timedelta(minutes=rng.randint(-500, 50_000))).isoformat()
            attempts.append((quiz, question, score == 1.0, rng.choice(CONFIDENCES), score, run, when))
    pairs = sorted({(a[0], a[1]) for a in attempts})
    reviews = [
        (q, k, rng.randint(1, 5), (TODAY + timedelta(days=rng.randint(-30, 30))).isoformat())
        for q, k in pairs
    ]
    sessions = [
        (
            (TODAY - timedelta(days=rng.randint(0, 90))).isoformat(),
            rng.choice((12.5, 0.1, 7.3, rng.uniform(0, 90))),
            rng.choice((None, rng.randint(0, 10))),
        )
        for _ in range(60)
    ]
    path = tmp_path / "journal.sqlite3"
    fill(path, attempts, reviews, sessions)
    for readonly in (True, False):
        with Journal.open(path, readonly=readonly) as j:
            assert_same(j, TODAY)


def test_partial_scores_are_added_in_the_order_the_questions_were_first_answered(tmp_path):
    # 0.1 + 0.2 + 0.3 is 0.6000000000000001 added left to right, 0.6 added the other way (or
    # by a compensated sum); the questions' ids sort the other way round from their order.
    path = tmp_path / "journal.sqlite3"
    rows = [
        ("01", q, False, "certain", s, "r", T0.isoformat()) for q, s in (("c", 0.1), ("b", 0.2), ("a", 0.3))
    ]
    fill(path, rows, [], [])
    with Journal.open(path, readonly=True) as j:
        [score] = j.quiz_scores()
        assert score.last == score.best == (0.1 + 0.2 + 0.3) / 3 != 0.6 / 3
        assert_same(j, TODAY)


def test_attempts_recorded_through_the_api_match(tmp_path):
    rng = random.Random(11)
    with Journal.open(tmp_path / "journal.sqlite3") as j:
        for i in range(120):
            score = rng.choice(SCORES)
            j.record_attempt(
                rng.choice(QUIZZES[:3]),
                rng.choice(QUESTIONS),
                {"pick": [i]},
                score == 1.0,
                rng.choice(CONFIDENCES),
                score=score,
                run=f"r{i // 7}",
                when=T0 + timedelta(hours=i),
            )
        for day in range(5):
            j.log_session(
                day=TODAY - timedelta(days=day),
                routine="r",
                plan="A",
                minutes=0.1,
                exercises=[],
                pain_before=None,
                pain_during=None,
                pain_next_morning=day % 3 or None,
            )
        assert_same(j, TODAY)


def test_an_empty_journal(tmp_path):
    with Journal.open(tmp_path / "journal.sqlite3") as j:
        assert_same(j, TODAY)
        assert j.quiz_scores() == []
        assert j.progress(TODAY).minutes == 0 and isinstance(j.progress(TODAY).minutes, int)


# ------------------------------------------------------------------- what is read, and how


def _columns_read(j: Journal, work) -> set[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()

    def authorizer(action, table, column, _db, _trigger):
        if action == sqlite3.SQLITE_READ:
            seen.add((table, column))
        return sqlite3.SQLITE_OK

    db = j._db()
    db.set_authorizer(authorizer)
    try:
        work()
    finally:
        db.set_authorizer(None)
    return seen


def test_the_summary_never_reads_the_answers(tmp_path):
    path = tmp_path / "journal.sqlite3"
    fill(path, [("01", "q1", True, "certain", 0.5, "r", T0.isoformat())], [], [])
    with Journal.open(path, readonly=True) as j:
        for work in (lambda: j.progress(TODAY), j.quiz_scores, j.calibration, lambda: j.due_items(TODAY)):
            read = _columns_read(j, work)
            assert ("attempts", "answer") not in read
        assert ("attempts", "answer") in _columns_read(j, j.attempts)  # the check does see reads


def _plan(j: Journal, sql: str, params=()) -> str:
    return " | ".join(r[-1] for r in j._db().execute("EXPLAIN QUERY PLAN " + sql, params))


def test_queries_use_the_version_3_indexes(tmp_path):
    path = tmp_path / "journal.sqlite3"
    fill(path, [("01", "q1", True, "certain", 1.0, "r", T0.isoformat())], [("01", "q1", 1, "2025-03-01")], [])
    with Journal.open(path, readonly=True) as j:
        due = _plan(
            j,
            "SELECT quiz, question, box, due FROM review WHERE due <= ? ORDER BY due, quiz, question",
            ("x",),
        )
        assert "review_due" in due and "TEMP B-TREE" not in due
        assert "review_due" in _plan(j, journal_mod._DUE_SQL, ("x",))
        runs = _plan(j, journal_mod._QUIZ_SCORES_SQL)
        assert "COVERING INDEX attempts_scores" in runs
        calibration = _plan(j, journal_mod._CALIBRATION_SQL)
        assert "COVERING INDEX attempts_confidence" in calibration and "TEMP B-TREE" not in calibration


def test_left_over_runs_are_read_only_up_to_what_the_first_query_saw(tmp_path, monkeypatch):
    # A kernel that records an answer between the two queries of quiz_scores must not change
    # a run score already read: the second query stops at the last id the first one saw.
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as j:
        j.record_attempt("01", "q1", 1, False, "certain", score=0.5, run="r", when=T0)
        j.record_attempt("01", "q2", 1, True, "certain", run="r", when=T0)
        expected = j.quiz_scores()
        real_read = Journal._read
        calls = []

        def read(self, sql, params=()):
            calls.append(sql)
            if sql == journal_mod._LEFT_OVER_RUNS_SQL:
                with Journal.open(path) as other:
                    other.record_attempt("01", "q3", 1, False, "certain", score=0.25, run="r", when=T0)
            return real_read(self, sql, params)

        monkeypatch.setattr(Journal, "_read", read)
        assert j.quiz_scores() == expected
        assert journal_mod._LEFT_OVER_RUNS_SQL in calls
        monkeypatch.undo()
        [score] = j.quiz_scores()
        assert score.last == pytest.approx((0.5 + 1 + 0.25) / 3)


def test_a_version_2_journal_reads_the_same_before_and_after_migrating(tmp_path, monkeypatch):
    path = tmp_path / "journal.sqlite3"
    with monkeypatch.context() as m:
        m.setattr(journal_mod, "MIGRATIONS", MIGRATIONS[:2])
        m.setattr(journal_mod, "SCHEMA_VERSION", 2)
        with Journal.open(path) as j:
            assert j.schema_version == 2
            for i in range(30):
                j.record_attempt(
                    QUIZZES[i % 3],
                    QUESTIONS[i % 4],
                    i,
                    i % 3 != 0,
                    CONFIDENCES[i % 3],
                    score=SCORES[i % len(SCORES)],
                    run=f"r{i // 5}",
                    when=T0 + timedelta(days=i % 9),
                )
            j.log_session(
                day=date(2025, 3, 3),
                routine="r",
                plan="A",
                minutes=12.5,
                exercises=[],
                pain_before=1,
                pain_during=2,
                pain_next_morning=3,
            )
    with Journal.open(path, readonly=True) as j:  # read-only: read as version 2, not migrated
        assert j.schema_version == 2
        assert "attempts_scores" not in _plan(j, journal_mod._QUIZ_SCORES_SQL)
        assert_same(j, TODAY)
        before = (j.progress(TODAY), j.quiz_scores(), j.review_schedule(), j.due_items(TODAY))
    with Journal.open(path) as j:
        assert j.schema_version == 4
        assert [r[0] for r in j._db().execute("SELECT version FROM schema_version ORDER BY 1")] == [
            1,
            2,
            3,
            4,
        ]
        assert (j.progress(TODAY), j.quiz_scores(), j.review_schedule(), j.due_items(TODAY)) == before
        assert_same(j, TODAY)

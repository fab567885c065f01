"""The learner journal: quiz attempts, saved routines, training sessions and pain, in SQLite.

One file per learner (``~/.coursekit/journal.sqlite3``; ``$COURSEKIT_HOME`` moves the
folder). The journal never loses a row and never damages a file it does not own:

* before anything writes (even switching to WAL mode writes), the file is checked through a
  read-only connection; a file that is not SQLite, is truncated or corrupt, belongs to
  another program or comes from a newer kit is refused with a :class:`JournalError` and left
  byte-for-byte untouched;
* every write is one ``BEGIN IMMEDIATE`` … ``COMMIT`` transaction, retried with backoff when
  another kernel holds the lock, so two notebooks can write at once and a killed process
  leaves a consistent file (a session and its exercise rows land together or not at all).

``synchronous=FULL``: in WAL mode NORMAL already survives a killed process, but a power cut
or an OS crash can drop the last commits. A learner writes at the pace of clicks, so one
fsync per commit (well under a millisecond on a laptop SSD) buys "a saved answer stays saved".
"""

from __future__ import annotations

import json
import math
import os
import random
import sqlite3
import stat
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from coursekit.content.enums import PLANS, SLOTS
from coursekit.errors import InvalidModel, JournalError
from coursekit.journal import stop as _stop
from coursekit.quiz import review as _review
from coursekit.quiz.review import Calibration, QuizScore, ReviewItem, check_confidence

__all__ = [
    "ENV_HOME",
    "FILENAME",
    "APPLICATION_ID",
    "BUSY_TIMEOUT_S",
    "WRITE_RETRIES",
    "RETRY_BUDGET_S",
    "PAIN_HEURISTIC",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "journal_path",
    "ExerciseLog",
    "Attempt",
    "Session",
    "SavedRoutine",
    "WeekPain",
    "weekly_pain",
    "pain_rising",
    "Progress",
    "Journal",
]

ENV_HOME = "COURSEKIT_HOME"
FILENAME = "journal.sqlite3"
# "CKjr" in ASCII: marks a SQLite file as a coursekit journal (PRAGMA application_id).
APPLICATION_ID = 0x434B6A72
# How long SQLite itself waits for another writer (PRAGMA busy_timeout).
BUSY_TIMEOUT_S = 30.0
# SQLite sometimes reports "locked" without waiting (WAL recovery, a lock upgrade it could not
# wait for): retry those with backoff, up to WRITE_RETRIES times within RETRY_BUDGET_S. An
# attempt that already waited the full busy timeout uses up the budget, so a stuck lock
# fails after about BUSY_TIMEOUT_S rather than retries × BUSY_TIMEOUT_S.
WRITE_RETRIES = 8
RETRY_BUDGET_S = 10.0
PAIN_HEURISTIC = "a teaching heuristic, not a diagnosis"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_LEFT_ALONE = "the file was left untouched"
# How many times to look at a file that changes while it is being checked.
_LOOKS = 3

# Ordered migrations: MIGRATIONS[i] takes a journal from schema version i to i + 1.
# Never edit a released script; append a new one.
MIGRATIONS: tuple[str, ...] = (
    # 1: the first journal.
    """
    CREATE TABLE schema_version (
        version    INTEGER PRIMARY KEY,
        applied_at TEXT NOT NULL
    );
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE attempts (
        id          INTEGER PRIMARY KEY,
        quiz        TEXT NOT NULL,
        question    TEXT NOT NULL,
        answer      TEXT NOT NULL,
        correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
        confidence  TEXT NOT NULL CHECK (confidence IN ('guess', 'fairly_sure', 'certain')),
        score       REAL NOT NULL CHECK (score >= 0 AND score <= 1),
        run         TEXT NOT NULL,
        answered_at TEXT NOT NULL
    );
    CREATE INDEX attempts_quiz ON attempts (quiz, id);
    CREATE TABLE review (
        quiz     TEXT NOT NULL,
        question TEXT NOT NULL,
        box      INTEGER NOT NULL CHECK (box BETWEEN 1 AND 5),
        due      TEXT NOT NULL,
        PRIMARY KEY (quiz, question)
    ) WITHOUT ROWID;
    CREATE TABLE routines (
        name     TEXT PRIMARY KEY,
        slot     TEXT NOT NULL,
        plan     TEXT NOT NULL,
        data     TEXT NOT NULL,
        saved_at TEXT NOT NULL
    );
    CREATE TABLE sessions (
        id                INTEGER PRIMARY KEY,
        day               TEXT NOT NULL,
        routine           TEXT NOT NULL,
        plan              TEXT NOT NULL CHECK (plan IN ('A', 'B')),
        minutes           REAL NOT NULL CHECK (minutes >= 0),
        pain_before       INTEGER CHECK (pain_before BETWEEN 0 AND 10),
        pain_during       INTEGER CHECK (pain_during BETWEEN 0 AND 10),
        pain_next_morning INTEGER CHECK (pain_next_morning BETWEEN 0 AND 10),
        note              TEXT NOT NULL DEFAULT '',
        n_exercises       INTEGER NOT NULL CHECK (n_exercises >= 0),
        logged_at         TEXT NOT NULL
    );
    CREATE TABLE session_exercises (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        exercise   TEXT NOT NULL,
        sets       INTEGER NOT NULL,
        reps       INTEGER NOT NULL,
        clean_reps INTEGER NOT NULL,
        effort     INTEGER NOT NULL CHECK (effort BETWEEN 0 AND 10),
        PRIMARY KEY (session_id, position)
    ) WITHOUT ROWID;
    """,
    # 2: keep replaced and deleted routines; indexes for per-run scores and the session log.
    """
    CREATE TABLE routine_history (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        slot        TEXT NOT NULL,
        plan        TEXT NOT NULL,
        data        TEXT NOT NULL,
        saved_at    TEXT NOT NULL,
        replaced_at TEXT NOT NULL
    );
    CREATE INDEX attempts_run ON attempts (quiz, run);
    CREATE INDEX sessions_day ON sessions (day, id);
    """,
    # 3: indexes for the summary, which aggregates in SQL: reviews by due date (due_items, the
    # due count, the next due date); attempts by run with what the run scores read (replaces
    # attempts_run, a prefix of it); answers by confidence (the calibration counts).
    """
    CREATE INDEX review_due ON review (due, quiz, question, box);
    CREATE INDEX attempts_scores ON attempts (quiz, run, question, score);
    CREATE INDEX attempts_confidence ON attempts (confidence, correct);
    DROP INDEX attempts_run;
    """,
    # 4: the red-flag stop, kept with the learner so that every kernel, the builder and the
    # app honour it; lifting it records who, when and the stated reason (coursekit.safety).
    """
    CREATE TABLE safety_stops (
        id         INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        flags      TEXT NOT NULL,
        urgency    TEXT NOT NULL,
        action     TEXT NOT NULL,
        lifted_at  TEXT,
        lifted_by  TEXT,
        statement  TEXT,
        CHECK ((lifted_at IS NULL) = (statement IS NULL))
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

T = TypeVar("T")


def journal_path() -> Path:
    """Where the learner's journal lives: ``$COURSEKIT_HOME/journal.sqlite3`` or ``~/.coursekit``."""
    home = os.environ.get(ENV_HOME)
    folder = Path(home).expanduser() if home else Path.home() / ".coursekit"
    return folder / FILENAME


# ---------------------------------------------------------------------------- models


def _check_int(owner: str, name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidModel(f"{owner}.{name} must be a whole number from {low} to {high}, got {value!r}")
    return value


def _check_text(owner: str, name: str, value: object, *, max_len: int = 200) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidModel(f"{owner}.{name} must be a non-empty string, got {value!r}")
    if len(value) > max_len:
        raise InvalidModel(f"{owner}.{name} must be at most {max_len} characters, got {len(value)}")
    return value


def _check_pain(owner: str, name: str, value: object) -> int | None:
    return None if value is None else _check_int(owner, name, value, 0, 10)


@dataclass(frozen=True, slots=True)
class ExerciseLog:
    """What was done of one exercise in a session: sets × reps, how many clean, effort 0–10."""

    exercise: str
    sets: int
    reps: int
    clean_reps: int
    effort: int

    def __post_init__(self) -> None:
        _check_text("ExerciseLog", "exercise", self.exercise)
        _check_int("ExerciseLog", "sets", self.sets, 1, 20)
        _check_int("ExerciseLog", "reps", self.reps, 1, 500)
        _check_int("ExerciseLog", "effort", self.effort, 0, 10)
        total = self.sets * self.reps
        _check_int("ExerciseLog", "clean_reps", self.clean_reps, 0, total)

    def __str__(self) -> str:
        return f"{self.exercise}: {self.sets} × {self.reps}, {self.clean_reps} clean, effort {self.effort}/10"


@dataclass(frozen=True, slots=True, kw_only=True)
class Attempt:
    """One answer to one quiz question, as stored."""

    id: int
    quiz: str
    question: str
    answer: Any = field(hash=False)  # JSON: may be a list or dict
    correct: bool
    confidence: str
    score: float
    run: str
    when: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    """One logged training session with its exercise logs and pain scores."""

    id: int
    day: date
    routine: str
    plan: str
    minutes: float
    exercises: tuple[ExerciseLog, ...]
    pain_before: int | None
    pain_during: int | None
    pain_next_morning: int | None
    note: str
    logged_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedRoutine:
    """A routine saved in the journal, in the exchange format of the routine builder."""

    name: str
    slot: str
    plan: str
    saved_at: datetime
    data: dict[str, Any] = field(compare=True, hash=False)

    def __repr__(self) -> str:
        items = len(self.data.get("items") or ())
        return (
            f"SavedRoutine(name={self.name!r}, slot={self.slot!r}, plan={self.plan!r}, "
            f"items={items}, saved_at={self.saved_at.isoformat()!r})"
        )

    def to_routine(self) -> Any:
        """Build a :class:`coursekit.engine.routines.Routine` from the stored dict."""
        from coursekit.engine.routines import Routine  # loaded on use: a sibling core module

        return Routine.from_dict(self.data)


@dataclass(frozen=True, slots=True, kw_only=True)
class WeekPain:
    """Mean next-morning pain of one ISO week (``2025-W07``)."""

    week: str
    mean: float
    sessions: int


def weekly_pain(sessions: Iterable[Session]) -> list[WeekPain]:
    """Mean next-morning pain per ISO week, oldest first; sessions without it are skipped."""
    return _weekly_pain((s.day, s.pain_next_morning) for s in sessions)


def _weekly_pain(days: Iterable[tuple[date, int | None]]) -> list[WeekPain]:
    """:func:`weekly_pain` over (day, next-morning pain) pairs."""
    weeks: dict[tuple[int, int], list[int]] = {}
    for day, pain in days:
        if pain is not None:
            year, week, _ = day.isocalendar()
            weeks.setdefault((year, week), []).append(pain)
    return [
        WeekPain(week=f"{y}-W{w:02d}", mean=sum(v) / len(v), sessions=len(v))
        for (y, w), v in sorted(weeks.items())
    ]


def pain_rising(weeks: list[WeekPain]) -> bool:
    """True when the latest week's mean next-morning pain is above the week before it."""
    return len(weeks) >= 2 and weeks[-1].mean > weeks[-2].mean


@dataclass(frozen=True, slots=True, kw_only=True)
class Progress:
    """A learner's summary: quiz scores, calibration, reviews due, sessions and pain trend."""

    learner: str
    today: date
    quizzes: tuple[QuizScore, ...]
    calibration: tuple[Calibration, ...]
    due_reviews: int
    next_review: date | None
    sessions: int
    minutes: float
    pain_weeks: tuple[WeekPain, ...]
    pain_rising: bool

    @property
    def quizzes_done(self) -> int:
        """How many different quizzes have at least one answer."""
        return len(self.quizzes)

    def pain_note(self) -> str:
        """One sentence on the next-morning pain trend."""
        if not self.pain_weeks:
            return "No next-morning pain recorded yet."
        last = self.pain_weeks[-1]
        if self.pain_rising:
            before = self.pain_weeks[-2]
            return (
                f"Next-morning pain rose from {before.mean:.1f} ({before.week}) to "
                f"{last.mean:.1f} ({last.week}): consider a plan-B day or a smaller dose "
                f"— {PAIN_HEURISTIC}."
            )
        return f"Next-morning pain is not rising week on week (latest {last.mean:.1f} in {last.week})."

    def __str__(self) -> str:
        lines = [f"Learner: {self.learner or '(no name set)'}", f"Quizzes done: {self.quizzes_done}"]
        lines += [f"  {q}" for q in self.quizzes]
        if any(c.n for c in self.calibration):
            lines.append("Calibration:")
            lines += [f"  {c.comment}" for c in self.calibration]
        due = f"Reviews due on {self.today.isoformat()}: {self.due_reviews}"
        if not self.due_reviews and self.next_review is not None:
            due += f" (next on {self.next_review.isoformat()})"
        lines.append(due)
        lines.append(f"Sessions logged: {self.sessions} ({self.minutes:g} min in total)")
        if self.pain_weeks:
            lines.append(
                "Next-morning pain by week: " + ", ".join(f"{w.week} {w.mean:.1f}" for w in self.pain_weeks)
            )
        lines.append(self.pain_note())
        return "\n".join(lines)


# ------------------------------------------------------------------- file checks


def _refuse(path: Path, problem: str) -> JournalError:
    return JournalError(f"{path}: {problem}; {_LEFT_ALONE}")


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would COMMIT our transaction)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL at the end of a migration: {current.strip()!r}")
    return statements


def _read_header(path: Path) -> bytes | None:
    """The first 100 bytes of a SQLite file, or None for a missing or empty file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise JournalError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(path, "is not a regular file")
    if info.st_size == 0:
        return None  # SQLite treats an empty file as an empty database
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise JournalError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not header.startswith(_SQLITE_MAGIC):
        raise _refuse(path, "is not a SQLite database (it lacks the SQLite header)")
    if len(header) < 100:
        raise _refuse(path, f"is truncated: only {len(header)} bytes of a SQLite header")
    return header


def _fingerprint(path: Path) -> tuple[int, int, bool]:
    """Size, modification time and WAL presence: what changes when another program writes."""
    try:
        info = path.stat()
    except OSError:
        return (-1, -1, False)
    return (info.st_size, info.st_mtime_ns, Path(f"{path}-wal").exists())


def _connect_readonly(path: Path, header: bytes) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` (nor create files next to it if avoidable)."""
    uri = path.resolve().as_uri()
    wal_mode = header[18] == 2
    if wal_mode and not Path(f"{path}-wal").exists():
        # Nothing is in flight: the whole database is in the main file. immutable=1 reads it
        # without creating -wal/-shm files, which mode=ro would leave in a learner's folder.
        uri += "?immutable=1"
    else:
        uri += "?mode=ro"
    conn = None
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.execute("PRAGMA query_only = ON")  # a second lock on the door: this one only reads
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise _refuse(path, f"cannot be opened for reading ({exc})") from exc
    return conn


def _schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _inspect(conn: sqlite3.Connection, path: Path) -> int:
    """Schema version of the database behind ``conn`` (0: empty); refuse what is not ours."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        if app_id != APPLICATION_ID:
            if app_id == 0 and not tables:
                version = 0  # an empty SQLite database: ours to set up
            else:
                shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
                raise _refuse(
                    path,
                    f"is a SQLite database of another program (application_id "
                    f"{app_id:#x}, tables: {shown or 'none'}), not a coursekit "
                    f"journal",
                )
        elif "schema_version" not in tables:
            raise _refuse(path, "is marked as a coursekit journal but has no schema_version table")
        else:
            version = _schema_version(conn)
        check = [r[0] for r in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, f"is corrupt or not a SQLite database ({exc})") from exc
    if check != ["ok"]:
        raise _refuse(path, f"is corrupt (quick_check: {check[0]})")
    if version > SCHEMA_VERSION:
        raise _refuse(
            path,
            f"was written by a newer coursekit (journal schema {version}; this "
            f"kit reads up to {SCHEMA_VERSION}): update coursekit to open it",
        )
    return version


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED (and their extended codes)
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _now() -> datetime:
    return datetime.now().astimezone()


def _iso(when: datetime) -> str:
    return when.isoformat()


def _check_when(name: str, when: object) -> datetime:
    if when is None:
        return _now()
    if not isinstance(when, datetime):
        raise InvalidModel(f"{name} must be a datetime, got {when!r}")
    return when


def _json_default(value: object) -> Any:
    # Multiple-choice answers are often sets; store them sorted so the JSON is stable.
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


def _to_json(name: str, value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default)
    except (TypeError, ValueError) as exc:
        raise InvalidModel(f"{name} must be JSON-serialisable, got {value!r} ({exc})") from exc


# ---------------------------------------------------------------- summary queries

# review.run_scores scores a run as the sum of its questions' scores over the number of
# distinct questions; a question answered twice in the run counts with its last answer, and
# the scores are added in the order the questions were first answered. SQLite scores a run
# itself only when that order cannot change the result: every question answered once and every
# score 0 or 1, so the sum is a whole number however it is added (SQLite's sum() need not add
# like Python's). The other runs (partial credit, a question answered again) are scored in
# Python from their rows, exactly as run_scores does. The ``attempts_scores`` index covers
# both scans.
_EXACT_RUN = "count(*) = count(DISTINCT question) AND total(score NOT IN (0.0, 1.0)) = 0"
# One row per quiz: its runs, its best run score among the runs SQLite scored (NULL if none),
# how many runs are left to Python, and its last run (the run of its last answer, by id) with
# that run's score (NULL: left to Python) and the time of that answer.
_QUIZ_SCORES_SQL = f"""
WITH runs AS (
    SELECT quiz, run, max(id) AS last_id,
           CASE WHEN {_EXACT_RUN} THEN total(score) / count(*) END AS score
    FROM attempts
    GROUP BY quiz, run
),
quizzes AS (
    SELECT quiz, count(*) AS runs, max(score) AS best, count(*) - count(score) AS left_over,
           max(last_id) AS last_id
    FROM runs
    GROUP BY quiz
)
SELECT q.quiz, q.runs, q.best, q.left_over, q.last_id, r.run, r.score, a.answered_at
FROM quizzes AS q
JOIN runs AS r ON r.last_id = q.last_id
JOIN attempts AS a ON a.id = q.last_id
ORDER BY q.quiz
"""
# The answers of the runs SQLite did not score, up to a given id (the last one the query
# above saw), in the order they were recorded.
_LEFT_OVER_RUNS_SQL = f"""
SELECT a.quiz, a.run, a.question, a.score
FROM (SELECT quiz, run FROM attempts GROUP BY quiz, run HAVING NOT ({_EXACT_RUN})) AS r
JOIN attempts AS a ON a.quiz = r.quiz AND a.run = r.run
WHERE a.id <= ?
ORDER BY a.quiz, a.run, a.id
"""
# Answers and right answers per confidence level (one pass over attempts_confidence).
_CALIBRATION_SQL = "SELECT confidence, count(*), sum(correct) FROM attempts GROUP BY confidence"
# Reviews due on or before a day (ISO dates sort as text), and the first due date after it.
_DUE_SQL = (
    "SELECT (SELECT count(*) FROM review WHERE due <= ?1), (SELECT min(due) FROM review WHERE due > ?1)"
)


def _left_over_run_scores(rows: Iterable[tuple[str, str, str, float]]) -> dict[str, dict[str, float]]:
    """Per quiz and run, the run score of :func:`coursekit.quiz.review.run_scores` (rows in id order)."""
    answers: dict[tuple[str, str], dict[str, float]] = {}
    for quiz, run, question, score in rows:
        answers.setdefault((quiz, run), {})[question] = float(score)
    scores: dict[str, dict[str, float]] = {}
    for (quiz, run), by_question in answers.items():
        scores.setdefault(quiz, {})[run] = sum(by_question.values()) / len(by_question)
    return scores


# ------------------------------------------------------------------------ journal


class Journal:
    """An open learner journal; use :meth:`Journal.open`, ideally in a ``with`` block."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        readonly: bool,
        version: int,
        fingerprint: tuple[int, int, bool] | None = None,
    ) -> None:
        self.path = path
        self.readonly = readonly
        self._version = version
        self._fingerprint = fingerprint
        self._conn: sqlite3.Connection | None = conn

    # -- opening and closing

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, readonly: bool = False) -> Journal:
        """Open (creating or migrating if needed) the journal at ``path`` or :func:`journal_path`.

        ``readonly=True`` never writes to the file nor creates one (the gradebook uses it).
        A foreign, corrupt, truncated or newer file raises JournalError and stays untouched.
        """
        path = Path(path).expanduser() if path is not None else journal_path()
        # Check through a read-only connection first: even switching to WAL mode writes.
        for attempt in range(_LOOKS):
            header = _read_header(path)
            if header is None:
                if readonly:
                    raise JournalError(f"{path}: no journal here (missing or empty file)")
                break
            seen = _fingerprint(path)
            conn = _connect_readonly(path, header)
            try:
                version = _inspect(conn, path)
                if readonly and version == 0:
                    raise JournalError(f"{path}: an empty database, not a journal yet")
            except JournalError:
                conn.close()
                # An immutable read races with a checkpoint another kernel started after we
                # looked: if the file moved under us, look again before calling it broken.
                if attempt + 1 < _LOOKS and _fingerprint(path) != seen:
                    continue
                raise
            except BaseException:
                conn.close()
                raise
            if readonly:
                return cls(path, conn, readonly=True, version=version, fingerprint=seen)
            conn.close()
            break
        return cls(path, cls._connect_writable(path), readonly=False, version=SCHEMA_VERSION)

    @staticmethod
    def _connect_writable(path: Path) -> sqlite3.Connection:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise JournalError(f"{path}: cannot open the journal ({exc})") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            mode = _retry(path, lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
            if mode.lower() != "wal":
                raise JournalError(f"{path}: cannot switch the journal to WAL mode (got {mode})")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            _transaction(path, conn, lambda c: _migrate(c, path))
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = ", read-only" if self.readonly else ""
        state = "closed" if self._conn is None else f"schema {self._version}{mode}"
        return f"Journal({str(self.path)!r}, {state})"

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        return self._version

    def changed_since_open(self) -> bool:
        """Whether the file changed on disk since a read-only open (then read it again).

        A read-only journal nobody else had open is read without locks (``immutable``), so
        a program that starts writing meanwhile could make what was read inconsistent.
        """
        return self._fingerprint is not None and _fingerprint(self.path) != self._fingerprint

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise JournalError(f"{self.path}: the journal is closed")
        return self._conn

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        if self.readonly:
            raise JournalError(f"{self.path}: the journal was opened read-only")
        return _transaction(self.path, self._db(), work)

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._db().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise JournalError(f"{self.path}: cannot read the journal ({exc})") from exc

    # -- learner

    @property
    def learner(self) -> str:
        """The learner's name ('' until set)."""
        rows = self._read("SELECT value FROM meta WHERE key = 'learner'")
        return rows[0][0] if rows else ""

    def set_learner(self, name: str) -> None:
        """Store the learner's name (shown in progress reports and the gradebook)."""
        if not isinstance(name, str) or len(name.strip()) > 80 or not name.isprintable():
            raise InvalidModel(f"learner must be a printable name of at most 80 characters, got {name!r}")
        self._write(
            lambda c: c.execute(
                "INSERT INTO meta (key, value) VALUES ('learner', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (name.strip(),),
            )
        )

    # -- quiz attempts and review

    def record_attempt(
        self,
        quiz: str,
        question: str,
        answer: Any,
        correct: bool,
        confidence: str,
        *,
        score: float | None = None,
        run: str | None = None,
        when: datetime | None = None,
    ) -> int:
        """Store one answer and move its question in the review schedule; returns the row id."""
        _check_text("attempt", "quiz", quiz)
        _check_text("attempt", "question", question)
        if not isinstance(correct, bool):
            raise InvalidModel(f"attempt.correct must be True or False, got {correct!r}")
        check_confidence(confidence)
        if score is None:
            score = 1.0 if correct else 0.0
        elif (
            isinstance(score, bool)
            or not isinstance(score, (int, float))
            or not math.isfinite(score)
            or not 0 <= score <= 1
        ):
            raise InvalidModel(f"attempt.score must be a number from 0 to 1, got {score!r}")
        run = uuid.uuid4().hex if run is None else _check_text("attempt", "run", run)
        when = _check_when("attempt.when", when)
        answer_json = _to_json("attempt.answer", answer)

        def work(c: sqlite3.Connection) -> int:
            cur = c.execute(
                "INSERT INTO attempts (quiz, question, answer, correct, confidence, score, run,"
                " answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (quiz, question, answer_json, int(correct), confidence, float(score), run, _iso(when)),
            )
            row = c.execute(
                "SELECT box FROM review WHERE quiz = ? AND question = ?", (quiz, question)
            ).fetchone()
            box, due = _review.schedule(
                row[0] if row else None, correct=correct, confidence=confidence, day=when.date()
            )
            c.execute(
                "INSERT INTO review (quiz, question, box, due) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (quiz, question) DO UPDATE SET box = excluded.box, "
                "due = excluded.due",
                (quiz, question, box, due.isoformat()),
            )
            return int(cur.lastrowid)

        return self._write(work)

    def attempts(self, quiz: str | None = None) -> list[Attempt]:
        """All stored answers (of one quiz if given), in the order they were recorded."""
        sql = "SELECT id, quiz, question, answer, correct, confidence, score, run, answered_at FROM attempts"
        rows = (
            self._read(sql + " ORDER BY id")
            if quiz is None
            else self._read(sql + " WHERE quiz = ? ORDER BY id", (quiz,))
        )
        return [
            Attempt(
                id=r[0],
                quiz=r[1],
                question=r[2],
                answer=json.loads(r[3]),
                correct=bool(r[4]),
                confidence=r[5],
                score=r[6],
                run=r[7],
                when=datetime.fromisoformat(r[8]),
            )
            for r in rows
        ]

    def review_schedule(self) -> list[ReviewItem]:
        """Every question answered so far with its box and due date, soonest first."""
        # ISO dates sort as text; BINARY collation sorts text as Python sorts str.
        rows = self._read("SELECT quiz, question, box, due FROM review ORDER BY due, quiz, question")
        return [ReviewItem(quiz=q, question=k, box=b, due=date.fromisoformat(d)) for q, k, b, d in rows]

    def due_items(self, today: date | None = None) -> list[ReviewItem]:
        """Questions due for review on or before ``today`` (default: the local date)."""
        today = today or date.today()
        rows = self._read(
            "SELECT quiz, question, box, due FROM review WHERE due <= ? ORDER BY due, quiz, question",
            (today.isoformat(),),
        )
        return [ReviewItem(quiz=q, question=k, box=b, due=date.fromisoformat(d)) for q, k, b, d in rows]

    def calibration(self) -> dict[str, Calibration]:
        """How often the learner was right at each confidence level."""
        counts = {c: (n, k) for c, n, k in self._read(_CALIBRATION_SQL)}
        return _review.calibration_from_counts(counts)

    def quiz_scores(self) -> list[QuizScore]:
        """Per quiz, by quiz id: runs, best and last run score (see :func:`review.quiz_scores`).

        The same values as ``review.quiz_scores(journal.attempts())``, aggregated in SQLite
        without reading the answers.
        """
        rows = self._read(_QUIZ_SCORES_SQL)
        left_over: dict[str, dict[str, float]] = {}
        if any(row[3] for row in rows):
            up_to = max(row[4] for row in rows)
            left_over = _left_over_run_scores(self._read(_LEFT_OVER_RUNS_SQL, (up_to,)))
        scores = []
        for quiz, runs, best, n_left_over, _last_id, last_run, last, answered_at in rows:
            if n_left_over:
                theirs = left_over[quiz]
                best = max(theirs.values()) if best is None else max(best, *theirs.values())
                if last is None:
                    last = theirs[last_run]
            scores.append(
                QuizScore(
                    quiz=quiz,
                    runs=runs,
                    best=float(best),
                    last=float(last),
                    last_at=datetime.fromisoformat(answered_at),
                )
            )
        return scores

    # -- routines

    def save_routine(self, routine: Any, *, when: datetime | None = None) -> SavedRoutine:
        """Save a routine (a Routine or its exchange dict); the same name replaces the old one.

        The replaced version is kept in the routine history.
        """
        data = routine.to_dict() if hasattr(routine, "to_dict") else routine
        if not isinstance(data, Mapping):
            raise InvalidModel(
                f"routine must be a Routine or a dict in the exchange format, got {type(routine).__name__}"
            )
        data = dict(data)
        name = _check_text("routine", "name", data.get("name"))
        slot, plan = data.get("slot"), data.get("plan")
        if slot not in SLOTS:
            raise InvalidModel(f"routine.slot must be one of {', '.join(SLOTS)}, got {slot!r}")
        if plan not in PLANS:
            raise InvalidModel(f"routine.plan must be one of {', '.join(PLANS)}, got {plan!r}")
        if not isinstance(data.get("items"), list):
            raise InvalidModel(f"routine.items must be a list, got {data.get('items')!r}")
        text = _to_json("routine", data)
        saved = SavedRoutine(
            name=name, slot=slot, plan=plan, saved_at=_check_when("routine.when", when), data=json.loads(text)
        )

        def work(c: sqlite3.Connection) -> None:
            _archive_routine(c, name, saved.saved_at)
            c.execute(
                "INSERT INTO routines (name, slot, plan, data, saved_at) VALUES (?, ?, ?, ?, ?)",
                (name, slot, plan, text, _iso(saved.saved_at)),
            )

        self._write(work)
        return saved

    def routines(self) -> list[SavedRoutine]:
        """The saved routines, by name."""
        rows = self._read("SELECT name, slot, plan, data, saved_at FROM routines ORDER BY name")
        return [_saved_routine(r) for r in rows]

    def routine_history(self, name: str | None = None) -> list[SavedRoutine]:
        """Replaced or deleted versions of routines (of one name if given), oldest first."""
        sql = "SELECT name, slot, plan, data, saved_at FROM routine_history"
        rows = (
            self._read(sql + " ORDER BY id")
            if name is None
            else self._read(sql + " WHERE name = ? ORDER BY id", (name,))
        )
        return [_saved_routine(r) for r in rows]

    def delete_routine(self, name: str) -> None:
        """Delete a saved routine (kept in the history); KeyError when there is none by that name."""

        def work(c: sqlite3.Connection) -> None:
            if not _archive_routine(c, name, _now()):
                raise KeyError(f"no saved routine named {name!r}")

        self._write(work)

    # -- training sessions

    def log_session(
        self,
        *,
        day: date,
        routine: str,
        plan: str,
        minutes: float,
        exercises: Iterable[ExerciseLog | Mapping[str, Any]],
        pain_before: int | None,
        pain_during: int | None,
        pain_next_morning: int | None = None,
        note: str = "",
    ) -> int:
        """Store a session and all its exercise logs in one transaction; returns its id."""
        if not isinstance(day, date) or isinstance(day, datetime):
            raise InvalidModel(f"session.day must be a date, got {day!r}")
        _check_text("session", "routine", routine)
        if plan not in PLANS:
            raise InvalidModel(f"session.plan must be one of {', '.join(PLANS)}, got {plan!r}")
        if (
            isinstance(minutes, bool)
            or not isinstance(minutes, (int, float))
            or not math.isfinite(minutes)
            or not 0 <= minutes <= 24 * 60
        ):
            raise InvalidModel(f"session.minutes must be a number from 0 to 1440, got {minutes!r}")
        logs = tuple(e if isinstance(e, ExerciseLog) else _exercise_log(e) for e in exercises)
        before = _check_pain("session", "pain_before", pain_before)
        during = _check_pain("session", "pain_during", pain_during)
        morning = _check_pain("session", "pain_next_morning", pain_next_morning)
        if not isinstance(note, str):
            raise InvalidModel(f"session.note must be a string, got {note!r}")

        def work(c: sqlite3.Connection) -> int:
            cur = c.execute(
                "INSERT INTO sessions (day, routine, plan, minutes, pain_before, pain_during,"
                " pain_next_morning, note, n_exercises, logged_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    day.isoformat(),
                    routine,
                    plan,
                    float(minutes),
                    before,
                    during,
                    morning,
                    note,
                    len(logs),
                    _iso(_now()),
                ),
            )
            session_id = int(cur.lastrowid)
            c.executemany(
                "INSERT INTO session_exercises (session_id, position, exercise, sets, reps,"
                " clean_reps, effort) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (session_id, i, e.exercise, e.sets, e.reps, e.clean_reps, e.effort)
                    for i, e in enumerate(logs)
                ],
            )
            return session_id

        return self._write(work)

    def set_next_morning_pain(self, session_id: int, value: int) -> None:
        """Record the next-morning pain (0–10) of a logged session."""
        _check_int("session", "id", session_id, 1, 2**63 - 1)
        _check_pain("session", "pain_next_morning", value)

        def work(c: sqlite3.Connection) -> None:
            cur = c.execute("UPDATE sessions SET pain_next_morning = ? WHERE id = ?", (value, session_id))
            if cur.rowcount == 0:
                raise KeyError(f"no session with id {session_id}")

        self._write(work)

    def sessions(self) -> list[Session]:
        """Every logged session with its exercises, by day then by log order."""
        logs: dict[int, list[ExerciseLog]] = {}
        for r in self._read(
            "SELECT session_id, exercise, sets, reps, clean_reps, effort "
            "FROM session_exercises ORDER BY session_id, position"
        ):
            logs.setdefault(r[0], []).append(ExerciseLog(*r[1:]))
        rows = self._read(
            "SELECT id, day, routine, plan, minutes, pain_before, pain_during,"
            " pain_next_morning, note, logged_at FROM sessions ORDER BY day, id"
        )
        return [
            Session(
                id=r[0],
                day=date.fromisoformat(r[1]),
                routine=r[2],
                plan=r[3],
                minutes=r[4],
                exercises=tuple(logs.get(r[0], ())),
                pain_before=r[5],
                pain_during=r[6],
                pain_next_morning=r[7],
                note=r[8],
                logged_at=datetime.fromisoformat(r[9]),
            )
            for r in rows
        ]

    # -- summary

    # -- the red-flag stop (coursekit.safety is the learner's face of it)

    def record_stop(
        self, *, flags: Sequence[str], urgency: str, action: str, when: datetime | None = None
    ) -> _stop.Stop:
        """Record a red-flag stop: every widget of the course honours it until it is lifted."""
        return _stop.record_stop(self, flags=flags, urgency=urgency, action=action, when=when)

    def standing_stop(self) -> _stop.Stop | None:
        """The red-flag stop that stands now, or None."""
        return _stop.standing_stop(self)

    def lift_stop(self, statement: str, *, by: str | None = None, when: datetime | None = None) -> int:
        """Lift the standing stop with a stated reason; records who (default: the learner) and when."""
        return _stop.lift_stop(self, statement, by=by or self.learner or "learner", when=when)

    def stops(self) -> list[_stop.Stop]:
        """Every red-flag stop recorded, oldest first."""
        return _stop.stops(self)

    def progress(self, today: date | None = None) -> Progress:
        """The learner's summary as of ``today`` (default: the local date)."""
        today = today or date.today()
        [(due, next_due)] = self._read(_DUE_SQL, (today.isoformat(),))
        # Minutes are added in the order of sessions(), as a sum over its sessions would.
        sessions = self._read("SELECT day, minutes, pain_next_morning FROM sessions ORDER BY day, id")
        weeks = _weekly_pain((date.fromisoformat(day), pain) for day, _, pain in sessions if pain is not None)
        return Progress(
            learner=self.learner,
            today=today,
            quizzes=tuple(self.quiz_scores()),
            calibration=tuple(self.calibration().values()),
            due_reviews=due,
            next_review=date.fromisoformat(next_due) if next_due is not None else None,
            sessions=len(sessions),
            minutes=sum(minutes for _, minutes, _ in sessions),
            pain_weeks=tuple(weeks),
            pain_rising=pain_rising(weeks),
        )


# ------------------------------------------------------------ transaction helpers


def _retry(path: Path, step: Callable[[], T]) -> T:
    """Run ``step``, retrying with exponential backoff while the database is locked."""
    delay = 0.05
    start = time.monotonic()
    for attempt in range(WRITE_RETRIES + 1):
        try:
            return step()
        except sqlite3.OperationalError as exc:
            give_up = attempt == WRITE_RETRIES or time.monotonic() - start + delay > RETRY_BUDGET_S
            if not _is_busy(exc) or give_up:
                raise JournalError(f"{path}: cannot write to the journal ({exc})") from exc
        except sqlite3.Error as exc:
            raise JournalError(f"{path}: cannot write to the journal ({exc})") from exc
        # Jitter so that two kernels that collided do not collide again in lockstep.
        time.sleep(delay * (1 + random.random()))
        delay = min(delay * 2, 2.0)
    raise AssertionError("unreachable")  # pragma: no cover


def _transaction(path: Path, conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]) -> T:
    """Run ``work`` inside one BEGIN IMMEDIATE … COMMIT, retried while the file is locked."""

    def once() -> T:
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = work(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # the original error says more than a failed rollback
            raise
        return result

    return _retry(path, once)


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to :data:`SCHEMA_VERSION` (runs inside the open transaction)."""
    # Re-read inside the lock: another kernel may have created or migrated the file since.
    version = _inspect_in_transaction(conn, path)
    for number in range(version + 1, SCHEMA_VERSION + 1):
        for statement in _statements(MIGRATIONS[number - 1]):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (number, _iso(_now())))
    if version < SCHEMA_VERSION:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _inspect_in_transaction(conn: sqlite3.Connection, path: Path) -> int:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        version = _schema_version(conn)
        if version > SCHEMA_VERSION:
            raise _refuse(
                path,
                f"was written by a newer coursekit (journal schema {version}; "
                f"this kit reads up to {SCHEMA_VERSION}): update coursekit",
            )
        return version
    if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise _refuse(path, "changed into another program's database while opening")
    return 0


def _archive_routine(c: sqlite3.Connection, name: str, when: datetime) -> bool:
    """Move the saved routine ``name`` into the history; False when there was none."""
    cur = c.execute(
        "INSERT INTO routine_history (name, slot, plan, data, saved_at, replaced_at) "
        "SELECT name, slot, plan, data, saved_at, ? FROM routines WHERE name = ?",
        (_iso(when), name),
    )
    if cur.rowcount == 0:
        return False
    c.execute("DELETE FROM routines WHERE name = ?", (name,))
    return True


def _saved_routine(row: tuple[Any, ...]) -> SavedRoutine:
    name, slot, plan, data, saved_at = row
    return SavedRoutine(
        name=name, slot=slot, plan=plan, saved_at=datetime.fromisoformat(saved_at), data=json.loads(data)
    )


def _exercise_log(record: object) -> ExerciseLog:
    if not isinstance(record, Mapping):
        raise InvalidModel(f"session.exercises must hold ExerciseLog objects or dicts, got {record!r}")
    try:
        return ExerciseLog(**record)
    except TypeError as exc:
        raise InvalidModel(f"ExerciseLog: {exc}") from exc

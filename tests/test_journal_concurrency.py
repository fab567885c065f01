"""The journal under real concurrency: several writer processes at once, and SIGKILL.

Each writer process alternates attempts and sessions (each one transaction): 4 processes ×
500 writes at once, and 20 cycles of SIGKILL mid-write. ``COURSEKIT_STRESS=0`` runs a
lighter 3 × 300 and 5 cycles. With synchronous=FULL each commit is an fsync, so the time
depends on the disk: about 5 s here when the machine is quiet.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coursekit.journal.store import Journal

STRESS = os.environ.get("COURSEKIT_STRESS", "1") != "0"
PROCESSES, WRITES = (4, 500) if STRESS else (3, 300)
KILL_CYCLES = 20 if STRESS else 5
EXERCISES_PER_SESSION = 5
WRITER = Path(__file__).resolve().parent / "helpers" / "journal_writer.py"
SRC = Path(__file__).resolve().parents[1] / "src"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_HOME", str(tmp_path / "home"))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def _writer(path: Path, worker: int, count: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(path), str(worker), str(count), *extra],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_writer_processes_at_once_lose_no_row(tmp_path):
    path = tmp_path / "shared" / "journal.sqlite3"
    Journal.open(path).close()  # created once; the writers race on writes, not on creation
    go = tmp_path / "go"
    writers = [_writer(path, w, WRITES, "--go", str(go)) for w in range(PROCESSES)]
    go.touch()  # all writers start together
    for p in writers:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err

    with Journal.open(path, readonly=True) as j:
        attempts = j.attempts()
        sessions = j.sessions()
    expected_attempts = {(w, i) for w in range(PROCESSES) for i in range(0, WRITES, 2)}
    expected_sessions = {(w, i) for w in range(PROCESSES) for i in range(1, WRITES, 2)}
    assert len(attempts) + len(sessions) == PROCESSES * WRITES
    assert len(attempts) == len(expected_attempts)
    assert {(a.answer["worker"], a.answer["i"]) for a in attempts} == expected_attempts
    assert all(
        a.question == f"w{a.answer['worker']}-q{a.answer['i']}" == f"{a.run}-q{a.answer['i']}"
        for a in attempts
    )
    assert len(sessions) == len(expected_sessions)
    ids = {tuple(int(x) for x in s.note[1:].split("-s")) for s in sessions}
    assert ids == expected_sessions
    for s in sessions:
        w, i = s.note[1:].split("-s")
        assert [e.exercise for e in s.exercises] == [f"ex-{w}-{i}-{k}" for k in range(3)]
    # Each attempt moved its question into the review schedule in the same transaction.
    with Journal.open(path, readonly=True) as j:
        assert len(j.review_schedule()) == len(expected_attempts)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    db.close()


def _count_sessions(path: Path) -> int:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return db.execute("SELECT count(*) FROM sessions").fetchone()[0]
    finally:
        db.close()


def _partial_sessions(path: Path) -> list[tuple[int, int, int]]:
    db = sqlite3.connect(path, timeout=30)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return db.execute(
            "SELECT s.id, s.n_exercises, count(e.session_id) FROM sessions s "
            "LEFT JOIN session_exercises e ON e.session_id = s.id "
            "GROUP BY s.id HAVING count(e.session_id) != s.n_exercises"
        ).fetchall()
    finally:
        db.close()


def test_killed_writers_leave_a_consistent_journal(tmp_path):
    path = tmp_path / "killed" / "journal.sqlite3"
    Journal.open(path).close()
    rng = random.Random("kill-test")  # varied but repeatable kill timing
    seen = 0
    for cycle in range(KILL_CYCLES):
        writer = _writer(path, cycle, 0, "--sessions-only", "--exercises", str(EXERCISES_PER_SESSION))
        target = seen + rng.randint(5, 40)
        deadline = time.monotonic() + 30
        while (count := _count_sessions(path)) < target:
            assert writer.poll() is None, writer.stderr.read()
            assert time.monotonic() < deadline, "the writer made no progress"
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.02))  # land the kill at a random point of a write
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stderr.close()
        assert writer.returncode == -signal.SIGKILL

        assert _partial_sessions(path) == [], f"cycle {cycle}"
        after = _count_sessions(path)
        assert after >= count  # every session committed before the kill survived
        seen = after
        # The journal opens normally again (no refusal, no repair needed).
        with Journal.open(path) as j:
            sessions = j.sessions()
        assert len(sessions) == after
        assert all(len(s.exercises) == EXERCISES_PER_SESSION for s in sessions)
    assert seen >= KILL_CYCLES * 5

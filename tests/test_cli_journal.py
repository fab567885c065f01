"""The journal's commands: ``coursekit progress``, ``coursekit review``, ``coursekit gradebook``."""

from __future__ import annotations

import argparse
import base64
import csv
import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coursekit.cli.commands import gradebook as gradebook_cmd
from coursekit.cli.commands import progress as progress_cmd
from coursekit.cli.commands import review as review_cmd
from coursekit.journal.store import ExerciseLog, Journal

SRC = Path(__file__).resolve().parents[1] / "src"
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)  # Monday of ISO week 10


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_HOME", str(tmp_path / "home"))


def call(module, argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog=f"coursekit {module.NAME}")
    module.add_arguments(parser)
    return module.run(parser.parse_args(argv))


def _fill(path: Path, learner: str = "Ana <b>&</b>") -> Path:
    with Journal.open(path) as j:
        j.set_learner(learner)
        j.record_attempt("01_why", "q1", "a", True, "certain", run="r1", when=T0)
        j.record_attempt("01_why", "q2", "b", False, "fairly_sure", run="r1", when=T0)
        j.record_attempt("02_<tempo>", "q1", "c", True, "guess", run="r2", when=T0)
        for week, pain in [(0, 2), (1, 4)]:
            sid = j.log_session(
                day=T0.date() + timedelta(weeks=week),
                routine="Morning",
                plan="A",
                minutes=12,
                exercises=[ExerciseLog("bird-dog", 2, 8, 16, 5)],
                pain_before=2,
                pain_during=3,
                note="<script>x</script>",
            )
            j.set_next_morning_pain(sid, pain)
    return path


@pytest.fixture
def jfile(tmp_path) -> Path:
    return _fill(tmp_path / "home" / "journal.sqlite3")


def test_modules_define_the_command_interface():
    for module, name in [(progress_cmd, "progress"), (review_cmd, "review"), (gradebook_cmd, "gradebook")]:
        assert module.NAME == name
        assert isinstance(module.HELP, str) and "\n" not in module.HELP
        assert callable(module.add_arguments) and callable(module.run)


# ------------------------------------------------------------------------ progress


def test_progress_prints_the_summary(jfile, capsys):
    assert call(progress_cmd, ["--today", "2025-03-04"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "Learner: Ana <b>&</b>",
        "Quizzes done: 2",
        "  01_why: best 50%, last 50% (1 run, last on 2025-03-03)",
        "  02_<tempo>: best 100%, last 100% (1 run, last on 2025-03-03)",
        "Calibration:",
        "  When you guessed you were right 1 of 1 time.",
        "  When you said fairly sure you were right 0 of 1 time.",
        "  When you said certain you were right 1 of 1 time.",
        "Reviews due on 2025-03-04: 2",
        "Sessions logged: 2 (24 min in total)",
        "Next-morning pain by week: 2025-W10 2.0, 2025-W11 4.0",
        "Next-morning pain rose from 2.0 (2025-W10) to 4.0 (2025-W11): consider a plan-B day "
        "or a smaller dose — a teaching heuristic, not a diagnosis.",
    ]


def test_progress_with_an_explicit_journal_does_not_write_to_it(jfile, tmp_path, capsys):
    before = jfile.read_bytes()
    assert call(progress_cmd, ["--journal", str(jfile), "--today", "2025-03-04"]) == 0
    assert "Quizzes done: 2" in capsys.readouterr().out
    assert jfile.read_bytes() == before


def test_progress_without_a_journal_says_how_to_start(tmp_path, capsys):
    assert call(progress_cmd, []) == 0
    assert capsys.readouterr().out.startswith("No journal yet at ")
    assert not (tmp_path / "home" / "journal.sqlite3").exists()


def test_progress_html_report(jfile, tmp_path, capsys):
    import matplotlib.pyplot as plt

    report = tmp_path / "report.html"
    assert call(progress_cmd, ["--today", "2025-03-04", "--html", str(report)]) == 0
    assert f"Wrote the report to {report}" in capsys.readouterr().out
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # Learner text is escaped everywhere, never injected.
    assert "<b>&</b>" not in page and "<tempo>" not in page
    assert "Progress report: Ana &lt;b&gt;&amp;&lt;/b&gt;" in page
    assert "02_&lt;tempo&gt;" in page
    assert "a teaching heuristic, not a diagnosis" in page
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)">', page)
    assert len(images) == 3  # scores, calibration, pain
    for data, alt in images:
        assert base64.b64decode(data).startswith(b"\x89PNG\r\n\x1a\n")
        assert len(alt) > 20
    alts = [alt for _, alt in images]
    assert alts[0] == (
        "Bar chart of quiz scores: 01_why best 50%, last 50%; 02_&lt;tempo&gt; best 100%, last 100%."
    )
    assert alts[2] == ("Line chart of mean next-morning pain per ISO week: 2025-W10 2.0; 2025-W11 4.0.")
    assert "http" not in page.replace("http-equiv", "")  # self-contained: nothing fetched
    assert plt.get_fignums() == []  # no figure left open


def test_progress_html_of_an_empty_journal_has_no_plots(tmp_path):
    path = tmp_path / "j.sqlite3"
    Journal.open(path).close()
    report = tmp_path / "r.html"
    assert call(progress_cmd, ["--journal", str(path), "--html", str(report)]) == 0
    page = report.read_text(encoding="utf-8")
    assert "<img" not in page
    assert "No quiz answered yet." in page and "Nothing to review yet." in page


def test_progress_reports_a_foreign_file_as_one_line(tmp_path, capsys):
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("hello")
    assert call(progress_cmd, ["--journal", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"coursekit: error: {bad}: is not a SQLite database")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert bad.read_text() == "hello"


def test_progress_rejects_a_bad_date(capsys):
    with pytest.raises(SystemExit) as info:
        call(progress_cmd, ["--today", "04/03/2025"])
    assert info.value.code == 2
    assert "expected a date as YYYY-MM-DD, got '04/03/2025'" in capsys.readouterr().err


def test_progress_html_to_an_unwritable_place_is_one_line(jfile, tmp_path, capsys):
    assert call(progress_cmd, ["--html", str(tmp_path / "missing" / "r.html")]) == 1
    assert capsys.readouterr().err.startswith("coursekit: error: ")


# -------------------------------------------------------------------------- review


def test_review_lists_due_items(jfile, capsys):
    assert call(review_cmd, ["--today", "2025-03-04"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2 questions are due for review on 2025-03-04:",
        "  01_why / q2 (box 1, due 2025-03-04)",
        "  02_<tempo> / q1 (box 1, due 2025-03-04)",
    ]


def test_review_one_item_and_nothing_due(tmp_path, capsys):
    path = tmp_path / "j.sqlite3"
    with Journal.open(path) as j:
        j.record_attempt("01", "q1", 1, True, "certain", when=T0)  # box 3, due 2025-03-07
    assert call(review_cmd, ["--journal", str(path), "--today", "2025-03-06"]) == 0
    assert capsys.readouterr().out == (
        "Nothing to review on 2025-03-06, well done. Next review on 2025-03-07.\n"
    )
    assert call(review_cmd, ["--journal", str(path), "--today", "2025-03-07"]) == 0
    assert capsys.readouterr().out == (
        "1 question is due for review on 2025-03-07:\n  01 / q1 (box 3, due 2025-03-07)\n"
    )


def test_review_without_answers(tmp_path, capsys):
    assert call(review_cmd, []) == 0
    path = tmp_path / "empty.sqlite3"
    Journal.open(path).close()
    assert call(review_cmd, ["--journal", str(path)]) == 0
    assert capsys.readouterr().out == ("Nothing to review yet: answer a quiz first.\n" * 2)


def test_review_error_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 30)
    assert call(review_cmd, ["--journal", str(bad)]) == 1
    err = capsys.readouterr().err
    assert re.fullmatch(r"coursekit: error: .*is truncated.*left untouched\n", err)


# ----------------------------------------------------------------------- gradebook


@pytest.fixture
def classroom(tmp_path) -> Path:
    room = tmp_path / "class"
    for name in ("amy", "ben", "cal"):
        with Journal.open(room / name / ".coursekit" / "journal.sqlite3") as j:
            j.record_attempt("01", "q1", 1, name != "ben", "certain", when=T0)
            j.record_attempt("02", "q1", 1, True, "certain", when=T0)
    (room / "dee").mkdir()
    (room / "dee" / "journal.sqlite3").write_text("oops")
    return room


def test_gradebook_command_writes_the_csv(classroom, tmp_path, capsys):
    out = tmp_path / "grades.csv"
    assert call(gradebook_cmd, [str(classroom), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == (
        f"Wrote 6 rows (3 learners, 2 quizzes) from 3 journals to {out}; "
        f"skipped 1 file that is not a journal.\n"
    )
    assert "coursekit: warning: " in captured.err and "dee" in captured.err
    assert "journals: 100%" in captured.err  # the tqdm progress bar, on stderr
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["learner"], r["quiz"], r["best_score"]) for r in rows] == [
        ("amy", "01", "1.000"),
        ("amy", "02", "1.000"),
        ("ben", "01", "0.000"),
        ("ben", "02", "1.000"),
        ("cal", "01", "1.000"),
        ("cal", "02", "1.000"),
    ]


def test_gradebook_command_single_file_has_no_progress_bar(classroom, tmp_path, capsys):
    out = tmp_path / "g.csv"
    one = classroom / "amy" / ".coursekit" / "journal.sqlite3"
    # The same file twice (as a file and inside its folder) is read once.
    assert call(gradebook_cmd, [str(one), str(classroom / "amy"), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"Wrote 2 rows (1 learner, 2 quizzes) from 1 journal to {out}.\n"
    assert captured.err == ""


def test_gradebook_command_strict_and_missing_sources(classroom, tmp_path, capsys):
    out = tmp_path / "g.csv"
    assert call(gradebook_cmd, [str(classroom), "--out", str(out), "--strict"]) == 1
    assert "coursekit: error: " in capsys.readouterr().err
    assert not out.exists()
    assert call(gradebook_cmd, [str(tmp_path / "nowhere"), "--out", str(out)]) == 1
    assert capsys.readouterr().err == f"coursekit: error: {tmp_path / 'nowhere'}: no such file or folder\n"
    (tmp_path / "emptydir").mkdir()
    assert call(gradebook_cmd, [str(tmp_path / "emptydir"), "--out", str(out)]) == 1
    assert "no journal.sqlite3 found" in capsys.readouterr().err


def test_gradebook_needs_out(capsys):
    with pytest.raises(SystemExit):
        call(gradebook_cmd, ["somewhere"])


# --------------------------------------------------------------- through the CLI


def test_commands_through_coursekit_cli(jfile, classroom, tmp_path, capsys):
    cli = pytest.importorskip("coursekit.cli.main")
    assert cli.main(["review", "--today", "2025-03-04"]) == 0
    assert "2 questions are due" in capsys.readouterr().out
    assert cli.main(["progress", "--today", "2025-03-04"]) == 0
    assert "Quizzes done: 2" in capsys.readouterr().out
    assert cli.main(["gradebook", str(classroom), "--out", str(tmp_path / "g.csv")]) == 0
    assert "Wrote 6 rows" in capsys.readouterr().out
    help_text = subprocess.run(
        [sys.executable, "-m", "coursekit.cli.main", "--help"],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC)},
    ).stdout
    for name in ("progress", "review", "gradebook"):
        assert name in help_text


def test_today_defaults_to_the_real_date(jfile, capsys):
    assert call(review_cmd, []) == 0
    out = capsys.readouterr().out
    assert date.today().isoformat() in out

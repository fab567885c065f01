"""coursekit.engine.habits: micro-sessions packed at anchors, and adherence per week."""

from __future__ import annotations

from datetime import date

import pytest
from tests.factories import item, routine, synthetic_catalog

from coursekit.engine.habits import (
    EXAMPLE_MICRO_SESSIONS,
    adherence,
    check_anchors,
    example_log,
    log_from_sessions,
    pack_micro_sessions,
)
from coursekit.errors import InvalidModel

ANCHORS = ["after the first coffee", "back from lunch", "when I close the laptop"]


def test_packs_in_order_within_budget():
    plan = pack_micro_sessions(EXAMPLE_MICRO_SESSIONS, ANCHORS, 15)
    assert [(s.anchor, s.routine) for s in plan.sessions] == [
        ("after the first coffee", "Wake-up breath and cat-camel"),
        ("back from lunch", "Desk hinge and wall slide"),
    ]
    assert plan.minutes == 11
    assert plan.unplaced == ("Walk-and-breathe break", "Evening soften")
    assert plan.free_anchors == ("when I close the laptop",)
    assert "inside the 10-20 minute target" in plan.message
    assert repr(plan) == "HabitPlan(2 micro-sessions, 11 min)"


def test_a_shorter_session_fills_a_gap_the_longer_one_could_not():
    plan = pack_micro_sessions([("a", 5), ("b", 9), ("c", 4)], ANCHORS, 10)
    assert [s.routine for s in plan.sessions] == ["a", "c"]
    assert plan.unplaced == ("b",)


def test_one_session_per_anchor():
    plan = pack_micro_sessions(EXAMPLE_MICRO_SESSIONS, ["after coffee"], 60)
    assert len(plan.sessions) == 1 and len(plan.unplaced) == 3


def test_messages_below_and_above_target():
    assert "good start" in pack_micro_sessions({"a": 5}, ANCHORS, 15).message
    assert "above 20" in pack_micro_sessions({"a": 8, "b": 8, "c": 8}, ANCHORS, 30).message
    assert "Nothing is placed" in pack_micro_sessions({"a": 5}, [], 15).message


def test_routines_timed_with_the_catalog():
    r = routine(
        item("crocodile-breathing", breaths=8),
        item("cat-camel", reps=8),
        item("glute-bridge", sets=2, reps=10, rest_s=30),
        name="Breath",
    )
    plan = pack_micro_sessions([r], ANCHORS, 15, catalog=synthetic_catalog())
    assert plan.sessions[0].routine == "Breath" and 0 < plan.sessions[0].minutes <= 10
    with pytest.raises(InvalidModel, match="catalog"):
        pack_micro_sessions([r], ANCHORS, 15)


def test_anchor_text_is_cleaned_and_checked():
    assert check_anchors(["  after   coffee ", "", "lunch"]) == ("after coffee", "lunch")
    with pytest.raises(InvalidModel, match="twice"):
        check_anchors(["Lunch", "lunch"])
    with pytest.raises(InvalidModel, match="longer than"):
        check_anchors(["x" * 61])
    with pytest.raises(InvalidModel, match="text"):
        check_anchors([3])
    with pytest.raises(InvalidModel, match="at most 6"):
        check_anchors([f"a{i}" for i in range(7)])


@pytest.mark.parametrize(
    "routines, budget, words",
    [
        ({"long": 25}, 30, "1 to 10"),
        ({"": 5}, 30, "name"),
        ({"a": "5"}, 30, "number"),
        ({"a": 5}, 4, "budget"),
        ({"a": 5}, 61, "budget"),
        ({"a": 5}, 10.5, "budget"),
        (["nonsense"], 10, "pair"),
    ],
)
def test_bad_input(routines, budget, words):
    with pytest.raises(InvalidModel, match=words):
        pack_micro_sessions(routines, ANCHORS, budget)


def test_adherence_per_week_with_gap_weeks():
    log = [("2026-01-05", 10), ("2026-01-05", 5), (date(2026, 1, 6), 12), ("2026-01-21", 20)]
    a = adherence(log)
    assert [w.week for w in a.weeks] == ["2026-W02", "2026-W03", "2026-W04"]
    assert [(w.days, w.minutes) for w in a.weeks] == [(2, 27.0), (0, 0.0), (1, 20.0)]
    assert a.weeks[0].minutes_per_day == 13.5
    assert not a.weeks[0].days_met and a.weeks[0].minutes_met
    assert str(a.weeks[1]) == "2026-W03: 0 days, 0 min (0.0 min a day) - below target"


def test_adherence_on_target_and_messages():
    full = [(date(2026, 1, 5 + d), 12) for d in range(5)]
    a = adherence(full)
    assert a.weeks[0].days_met and a.weeks[0].minutes_met
    assert "1 of 1 weeks on target" in a.message and "Keep going" in a.message
    assert "No practice" in adherence([]).message
    short = adherence([(date(2026, 1, 5 + d), 6) for d in range(5)])
    assert "second micro-session" in short.message
    zero = adherence([("2026-01-05", 10), ("2026-01-12", 0)])
    assert "no practice" in zero.message
    assert repr(a) == "Adherence(1 weeks)"


@pytest.mark.parametrize(
    "log, words",
    [
        ([("2026-13-01", 5)], "date"),
        ([("2026-01-01", -1)], "minutes"),
        ([("2026-01-01", True)], "minutes"),
        ([("2026-01-01",)], "pair"),
    ],
)
def test_adherence_bad_log(log, words):
    with pytest.raises(InvalidModel, match=words):
        adherence(log)


def test_example_log_is_seeded_and_plausible():
    assert example_log(7) == example_log(7)
    assert example_log(7) != example_log(8)
    log = example_log(3, weeks=4)
    assert all(5 <= m <= 20 for _, m in log)
    assert len(adherence(log).weeks) <= 4
    with pytest.raises(InvalidModel):
        example_log(weeks=0)


def test_log_from_journal_sessions(tmp_path):
    from coursekit.journal.store import Journal

    with Journal.open(tmp_path / "j.sqlite3") as j:
        j.log_session(
            day=date(2026, 1, 5),
            routine="Morning",
            plan="A",
            minutes=12,
            exercises=[],
            pain_before=None,
            pain_during=None,
        )
        log = log_from_sessions(j.sessions())
    assert log == [(date(2026, 1, 5), 12.0)]

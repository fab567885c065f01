"""The training loop: logged sessions -> one proposal per item (coursekit.progression.suggest_changes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from coursekit.errors import InvalidModel
from coursekit.journal import ExerciseLog, Journal
from coursekit.progression import apply_changes, plan_b_for, suggest_changes
from coursekit.routines import Routine

DAY = date(2026, 3, 2)


@pytest.fixture
def routine(catalog):
    return Routine.from_dict(
        {
            "name": "Morning three",
            "slot": "morning",
            "plan": "A",
            "items": [
                {"exercise": "crocodile-breathing", "sets": 1, "breaths": 8},
                {"exercise": "dead-bug", "sets": 2, "reps": 6, "tempo": "3-1-2-1", "per_side": True},
                {"exercise": "glute-bridge", "sets": 2, "reps": 8, "tempo": "3-1-2-2"},
            ],
        },
        catalog=catalog,
    )


@dataclass(frozen=True)
class S:
    day: date
    exercises: tuple
    pain_before: int | None = 2
    pain_during: int | None = 2
    pain_next_morning: int | None = 2


def logs(routine, *, clean=True, effort=6):
    out = []
    for item in routine.items:
        reps = item.reps or item.breaths or 1
        out.append(ExerciseLog(item.exercise, item.sets, reps, item.sets * reps if clean else 0, effort))
    return tuple(out)


def test_three_clean_low_pain_sessions_progress_every_item_one_axis(routine, catalog):
    sessions = [S(DAY + timedelta(days=d), logs(routine)) for d in range(3)]
    got = suggest_changes(routine, sessions, catalog)
    assert [s.index for s in got] == [0, 1, 2]
    assert all(s.action == "progress" and s.changes for s in got)
    for s, item in zip(got, routine.items, strict=True):
        assert s.proposal.axis is not None and s.proposal.item != item
    new = apply_changes(routine, got[1:2])
    assert new.items[1] == got[1].proposal.item and new.items[0] == routine.items[0]


def test_one_clean_session_is_not_yet_a_pattern(routine, catalog):
    got = suggest_changes(routine, [S(DAY, logs(routine))], catalog)
    assert {s.action for s in got} == {"repeat"}
    assert "repeat it once more" in got[1].reason


def test_pain_seven_regresses_every_item(routine, catalog):
    sessions = [
        S(DAY, logs(routine)),
        S(DAY + timedelta(days=1), logs(routine), pain_during=7, pain_next_morning=None),
    ]
    got = suggest_changes(routine, sessions, catalog)
    assert {s.action for s in got} == {"regress"}
    assert "7/10" in got[0].reason


def test_no_next_morning_pain_yet_means_repeat(routine, catalog):
    sessions = [
        S(DAY, logs(routine), pain_next_morning=None),
        S(DAY + timedelta(days=1), logs(routine), pain_next_morning=None),
    ]
    got = suggest_changes(routine, sessions, catalog)
    assert {s.action for s in got} == {"repeat"}
    assert "next-morning" in got[0].reason


def test_worse_next_morning_regresses(routine, catalog):
    sessions = [
        S(DAY, logs(routine)),
        S(DAY + timedelta(days=1), logs(routine), pain_before=2, pain_next_morning=4),
    ]
    assert {s.action for s in suggest_changes(routine, sessions, catalog)} == {"regress"}


def test_frayed_reps_or_high_effort_repeat(routine, catalog):
    frayed = [S(DAY, logs(routine)), S(DAY + timedelta(days=1), logs(routine, clean=False))]
    assert {s.action for s in suggest_changes(routine, frayed, catalog)} == {"repeat"}
    hard = [S(DAY, logs(routine)), S(DAY + timedelta(days=1), logs(routine, effort=9))]
    assert {s.action for s in suggest_changes(routine, hard, catalog)} == {"repeat"}


def test_an_item_never_logged_is_repeated(routine, catalog):
    only_first = (logs(routine)[0],)
    got = suggest_changes(routine, [S(DAY, only_first), S(DAY + timedelta(days=1), only_first)], catalog)
    assert got[0].action == "progress" and got[1].action == got[2].action == "repeat"
    assert "Not logged yet" in got[2].reason


def test_journal_sessions_fit(routine, catalog, tmp_path):
    with Journal.open(tmp_path / "j.sqlite3") as j:
        for d in range(3):
            j.log_session(
                day=DAY + timedelta(days=d),
                routine=routine.name,
                plan="A",
                minutes=8,
                exercises=logs(routine),
                pain_before=1,
                pain_during=2,
                pain_next_morning=1,
            )
        got = suggest_changes(routine, j.sessions(), catalog)
    assert [s.action for s in got] == ["progress"] * 3


def test_plan_b_for_the_same_slot(routine, catalog):
    b = Routine.from_dict(
        {"name": "Flare morning", "slot": "morning", "plan": "B", "items": []}, catalog=catalog
    )
    other = Routine.from_dict(
        {"name": "Office B", "slot": "office", "plan": "B", "items": []}, catalog=catalog
    )
    assert plan_b_for(routine, [other, b]) == b
    assert plan_b_for(routine, [other]) is None


def test_bad_input(routine, catalog):
    with pytest.raises(InvalidModel, match="needs a Routine"):
        suggest_changes({"name": "x"}, [], catalog)

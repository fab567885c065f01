"""Weekly planning: wardrobe, alternating days, anchors, load table and plan B."""

from __future__ import annotations

import pytest

from coursekit.engine.planner import (
    ACTIVE_RECOVERY,
    MAX_DEMANDING_DAYS,
    WEEKDAYS,
    DayPlan,
    Wardrobe,
    plan_week,
    session_load,
    swap_to_plan_b,
    weekly_load,
    weekly_load_rows,
)
from coursekit.engine.routines import Routine
from coursekit.errors import InvalidModel
from factories import good_routine, item, routine, synthetic_catalog

CAT = synthetic_catalog()

MORNING = good_routine(name="Morning flow")  # has strengthen work: demanding, 8.6 min
OFFICE = routine(
    item("seated-thoracic-rotation", reps=6, per_side=True),
    item("wall-slide"),
    item("standing-hip-hinge-wall"),
    name="Office reset",
    slot="office",
)
EVENING = routine(
    item("crocodile-breathing", breaths=8),
    item("cat-camel"),
    item("dead-bug", sets=2, reps=6, per_side=True),
    item("supported-child-pose", hold_s=30),
    name="Evening ease",
    slot="evening",
)
FLARE = routine(
    item("crocodile-breathing", breaths=8),
    item("cat-camel"),
    item("supported-child-pose", hold_s=30),
    name="Flare day",
    slot="morning",
    plan="B",
)
WARDROBE = Wardrobe.of(MORNING, OFFICE, EVENING, FLARE)
ANCHORS = {"morning": "after the first coffee", "office": "after the 11:00 meeting"}
DAYS = ["Mon", "Tue", "Thu", "Fri", "Sat"]


def week(**kw):
    return plan_week(WARDROBE, CAT, days=kw.pop("days", DAYS), anchors=kw.pop("anchors", ANCHORS), **kw)


def test_wardrobe_is_keyed_by_slot_and_plan():
    assert WARDROBE.keys() == (("morning", "A"), ("morning", "B"), ("office", "A"), ("evening", "A"))
    assert WARDROBE["morning", "B"] is FLARE
    assert WARDROBE.get("travel") is None
    assert ("office", "A") in WARDROBE and ("office", "B") not in WARDROBE
    assert repr(WARDROBE) == "Wardrobe(4 routines: morning A, morning B, office A, evening A)"
    assert Wardrobe(routines={("office", "A"): OFFICE}).get("office") is OFFICE
    with pytest.raises(KeyError, match="travel"):
        WARDROBE["travel", "A"]


def test_wardrobe_rejects_two_routines_for_one_slot_and_plan():
    with pytest.raises(InvalidModel, match="both the morning plan A routine"):
        Wardrobe.of(MORNING, MORNING.renamed("Other"))
    with pytest.raises(InvalidModel, match="does not match"):
        Wardrobe(routines={("office", "A"): MORNING})
    with pytest.raises(InvalidModel, match="must be a Routine"):
        Wardrobe.of("morning")


def test_week_has_seven_days_and_alternates():
    plan = week()
    assert tuple(d.day for d in plan.days) == WEEKDAYS
    assert [d.kind for d in plan.days] == [
        "demanding",
        "light",
        "rest",
        "demanding",
        "light",
        "demanding",
        "rest",
    ]
    assert plan.count("demanding") == 3 and plan.count("rest") == 2


def test_demanding_days_use_the_strength_routine_and_light_days_do_not():
    plan = week()
    for d in plan.days:
        names = [s.routine.name for s in d.sessions]
        if d.kind == "demanding":
            assert "Morning flow" in names
        elif d.kind == "light":
            assert "Morning flow" not in names and names
            assert all(
                not any(it.phase_in(CAT) == "strengthen" for it in s.routine.items) for s in d.sessions
            )
        else:
            assert d.sessions == () and d.note == ACTIVE_RECOVERY and d.plan is None


def test_micro_sessions_sit_at_their_anchor_every_training_day():
    plan = week()
    for d in plan.days:
        if d.kind != "rest":
            office = [s for s in d.sessions if s.routine is OFFICE]
            assert len(office) == 1 and office[0].moment == "after the 11:00 meeting"
    mon = plan.day("Monday")
    assert [(s.routine.name, s.moment) for s in mon.sessions] == [
        ("Morning flow", "after the first coffee"),
        ("Office reset", "after the 11:00 meeting"),
    ]
    assert plan.day("tue").sessions[1].moment == "in the evening"  # no anchor: the slot's default


def test_no_more_than_three_demanding_days_and_never_two_in_a_row():
    plan = week(days=list(WEEKDAYS))
    kinds = [d.kind for d in plan.days]
    assert kinds.count("demanding") == MAX_DEMANDING_DAYS
    assert all(not (a == b == "demanding") for a, b in zip(kinds, kinds[1:]))
    gap = week(days=["Mon", "Wed", "Thu"])  # Tuesday's rest separates Monday and Wednesday
    assert [d.kind for d in gap.days if d.kind != "rest"] == ["demanding", "demanding", "light"]


def test_a_wardrobe_without_strength_work_plans_light_days_only():
    plan = plan_week(Wardrobe.of(OFFICE, EVENING), CAT, days=DAYS, anchors=ANCHORS)
    assert {d.kind for d in plan.days} == {"light", "rest"}
    empty = plan_week(Wardrobe(), CAT, days=["Mon"], anchors={})
    assert empty.day("Mon").sessions == () and "No lighter routine" in empty.day("Mon").note


def test_bad_days_and_anchors():
    with pytest.raises(InvalidModel, match="'Funday' is not a weekday"):
        week(days=["Mon", "Funday"])
    with pytest.raises(InvalidModel, match="not one text"):
        week(days="Mon")
    with pytest.raises(InvalidModel, match="'lunch' is not a slot"):
        week(anchors={"lunch": "at noon"})
    with pytest.raises(InvalidModel, match="moment in words"):
        week(anchors={"office": ""})
    with pytest.raises(InvalidModel, match="routine 'Bad': item 0: exercise 'nope'"):
        plan_week([routine(item("nope"), name="Bad")], CAT, days=DAYS)


def test_text_is_a_stable_table():
    text = str(week())
    lines = text.splitlines()
    assert lines[0] == "Week plan: 5 training days (3 demanding, 2 light), 2 rest"
    assert lines[1] == (
        "Mon demanding  A  Morning flow (after the first coffee, 9 min); "
        "Office reset (after the 11:00 meeting, 3 min)"
    )
    assert lines[3] == f"Wed rest       -  {ACTIVE_RECOVERY}"
    assert len(lines) == 8
    assert repr(week()).startswith("WeekPlan(Mon:demanding Tue:light Wed:rest")


def test_weekly_load_table():
    table = weekly_load(week(), CAT)
    assert list(table.columns) == ["day", "kind", "sessions", "minutes", "load"]
    assert list(table["day"]) == list(WEEKDAYS)
    mon = table.iloc[0]
    assert mon["sessions"] == 2
    assert mon["minutes"] == round(MORNING.minutes(CAT) + OFFICE.minutes(CAT), 1)
    assert mon["load"] == round(session_load(MORNING, CAT) + session_load(OFFICE, CAT), 1)
    assert table.loc[table["kind"] == "rest", "load"].eq(0).all()
    assert table.iloc[0]["load"] > table.iloc[1]["load"]  # demanding days carry more load


def test_weekly_load_rows_are_the_table_without_pandas():
    rows = weekly_load_rows(week(), CAT)
    assert rows == weekly_load(week(), CAT).to_dict("records")
    assert [r["day"] for r in rows] == list(WEEKDAYS)


def test_weekly_load_rows_and_the_load_charts_need_no_pandas():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from coursekit.content.catalog import load_catalog\n"
        "from coursekit.engine.planner import Wardrobe, plan_week, weekly_load_rows\n"
        "from coursekit.engine.routines import load_example_routines\n"
        "from coursekit.widgets.builder import RoutineBuilder, WardrobeBuilder\n"
        "from coursekit.widgets.week import WeekPlanner\n"
        "cat = load_catalog(); ex = load_example_routines(cat)\n"
        "w = Wardrobe.of(ex['morning-flow'], ex['office-reset'], ex['flare-day'])\n"
        "weekly_load_rows(plan_week(w, cat, days=['Mon', 'Wed']), cat)\n"
        "p = WeekPlanner(w, cat, figure=True)\n"
        "b = WardrobeBuilder(RoutineBuilder(cat, figure=False), figure=True)\n"
        "b.put(ex['morning-flow']); b.load_rows()\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "False"


def test_session_load_is_minutes_times_mean_load_level():
    levels = [CAT[it.exercise].load_level for it in MORNING.items]
    assert session_load(MORNING, CAT) == pytest.approx(MORNING.minutes(CAT) * sum(levels) / len(levels))
    assert session_load(Routine.empty(), CAT) == 0


def test_swap_to_plan_b_uses_the_same_slot():
    plan = week()
    swapped = swap_to_plan_b(plan, "Mon")
    mon = swapped.day("Mon")
    assert (mon.kind, mon.plan) == ("flare-up", "B")
    assert [s.routine.name for s in mon.sessions] == ["Flare day"]
    assert mon.sessions[0].moment == "after the first coffee"
    assert "No plan-B routine for the office slot" in mon.note
    assert "No plan-B routine for the office slot" in str(mon)
    assert swapped.days[1:] == plan.days[1:]
    assert plan.day("Mon").kind == "demanding"  # the original is untouched


def test_swap_explains_when_there_is_no_plan_b():
    tue = swap_to_plan_b(week(), "Tue").day("Tue")
    assert tue.sessions == ()
    assert "office and evening slots" in tue.note and "add a plan-B routine for each" in tue.note
    rest = swap_to_plan_b(week(), "Wed").day("Wed")
    assert rest.kind == "rest" and "Already a rest day" in rest.note


def test_day_plan_validation():
    with pytest.raises(InvalidModel, match="day"):
        DayPlan(day="Funday", kind="rest", plan=None, sessions=(), note="")
    with pytest.raises(InvalidModel, match="kind"):
        DayPlan(day="Mon", kind="heavy", plan=None, sessions=(), note="")

"""Every quiz key that the kit can compute agrees with the kit.

Where an answer rests on the course's own rules (the critique, the pain-monitoring rule, the
duration, tempo, breathing and progression maths, the planner, the catalog's data), the test
recomputes it with the kit, reading the numbers from the question text where it can, and
asserts that the options marked correct are exactly the ones the kit gives. A key that
disagrees with the kit fails here before a learner is marked wrong for being right.
"""

from __future__ import annotations

import dataclasses
import itertools
import re

import pytest

from coursekit.content import enums
from coursekit.content.catalog import load_catalog
from coursekit.content.tempo import Tempo
from coursekit.engine.breath import breath_plan
from coursekit.engine.coverage import coverage
from coursekit.engine.critique import CEILING_MIN, MAX_ITEMS, PLAN_B_CEILING_MIN, critique
from coursekit.engine.effort import clean_set, effort_from_reserve, reps_in_reserve
from coursekit.engine.habits import pack_micro_sessions
from coursekit.engine.pain import next_step, pain_zone
from coursekit.engine.personas import check_case, load_personas
from coursekit.engine.planner import MAX_DEMANDING_DAYS, Wardrobe, plan_week, session_load
from coursekit.engine.progression import propose
from coursekit.engine.routines import TRANSITION_S, Routine, RoutineItem, load_example_routines
from coursekit.engine.scenarios import get_scenario, load_scenarios
from coursekit.quiz import Question, load_bank

CATALOG = load_catalog()
EXAMPLES = load_example_routines(CATALOG)
SCENARIOS = load_scenarios()
PERSONAS = load_personas()


def question(notebook: str, qid: str) -> Question:
    """A card question or a practice question of a bank."""
    bank = load_bank(notebook)
    return bank[qid] if qid in bank.ids else bank.practice_question(qid)


def correct(q: Question) -> set[str]:
    return {o.id for o in q.options if o.correct}


def option_by_text(q: Question, start: str) -> str:
    found = [o.id for o in q.options if o.text.startswith(start)]
    assert len(found) == 1, f"{q.id}: no single option starting {start!r}"
    return found[0]


def number_in(text: str, pattern: str) -> int:
    m = re.search(pattern, text)
    assert m, f"{pattern!r} not in {text!r}"
    return int(m.group(1))


def routine_of(*ids: str, slot: str = "morning", plan: str = "A") -> Routine:
    items = tuple(RoutineItem.from_exercise(CATALOG[i]) for i in ids)
    return Routine(name="Quiz check", slot=slot, plan=plan, items=items)


def codes(routine: Routine) -> set[str]:
    return {f.code for f in critique(routine, CATALOG)}


# ------------------------------------------------------------------------------------ 01: effort


def test_01_reserve_and_effort():
    q = question("01_precision_over_volume", "reserve-at-eight")
    assert q.answer == reps_in_reserve(number_in(q.prompt, r"effort (\d+) out of 10"))
    q = question("01_precision_over_volume", "reserve-at-nine")
    assert q.answer == reps_in_reserve(number_in(q.prompt, r"rep (\d+) out of 10"))
    q = question("01_precision_over_volume", "effort-for-three")
    effort = effort_from_reserve(number_in(q.prompt, r"keep (\d+) reps in reserve"))
    assert correct(q) == {option_by_text(q, f"About {effort} out of 10")}


def test_01_where_sets_end():
    q = question("01_precision_over_volume", "clean-reps-count")
    total = number_in(q.prompt, r"has (\d+) reps")
    frays = number_in(q.prompt, r"frays on rep (\d+)")
    advice = clean_set([True] * (frays - 1) + [False] * (total - frays + 1))
    assert q.answer == advice.stop_after
    q = question("01_precision_over_volume", "where-to-stop")
    advice = clean_set([True] * 8 + [False] * 4)  # "Reps 1 to 8 look smooth", 12 in the set
    assert number_in(q.vignette, r"set of (\d+)") == 12 and "Reps 1 to 8" in q.vignette
    assert correct(q) == {option_by_text(q, f"After rep {advice.stop_after},")}
    q = question("01_precision_over_volume", "frayed-on-five")
    frays, total = number_in(q.vignette, r"On rep (\d+)"), number_in(q.vignette, r"set of (\d+)")
    advice = clean_set([True] * (frays - 1) + [False] * (total - frays + 1))
    words = {4: "Four"}[advice.stop_after]
    assert correct(q) == {
        option_by_text(q, f"{words} clean reps; the set ends after rep {advice.stop_after}")
    }


# ------------------------------------------------------------------------------------ 03: breath


def test_03_breath_lengths():
    for qid in ("breaths-in-a-set", "breath-in-a-long-rep"):
        q = question("03_breathing", qid)
        tempo = re.search(r"tempo (\d-\d-\d-\d)", q.prompt).group(1)
        assert q.answer == breath_plan(tempo, reps=8).cycle_s, qid


def test_03_comfortable_pace():
    q = question("03_breathing", "comfortable-pace")
    comfortable = {o.id for o in q.options if breath_plan(o.text, reps=8).comfortable}
    assert correct(q) == comfortable


# ------------------------------------------------------------------------------------ 04: pain


def test_04_zones():
    q = question("04_nervous_system_and_pain", "zone-of-four")
    zone = pain_zone(number_in(q.prompt, r"rises to (\d+) out of 10"))
    assert zone == "acceptable" and correct(q) == {option_by_text(q, "Acceptable")}
    q = question("04_nervous_system_and_pain", "highest-acceptable")
    assert q.answer == max(n for n in range(11) if pain_zone(n) == "acceptable")
    q = question("04_nervous_system_and_pain", "top-of-safe")
    assert q.answer == max(n for n in range(11) if pain_zone(n) == "safe")


def test_04_morning_after():
    q = question("04_nervous_system_and_pain", "morning-after")
    step = next_step(
        during=number_in(q.vignette, r"pain was (\d+) out of"),
        next_morning=number_in(q.vignette, r"Tuesday morning\s+her back was at (\d+)"),
        baseline=number_in(q.vignette, r"stiffness is (\d+) out of"),
    )
    assert correct(q) == {option_by_text(q, step.action.capitalize())}


def test_04_earns_progress_matches_next_step():
    q = question("04_nervous_system_and_pain", "earns-progress")
    baseline = number_in(q.prompt, r"usual morning pain of (\d+)")
    progress = set()
    for o in q.options:
        step = next_step(
            during=number_in(o.text, r"Pain (\d+) during"),
            next_morning=number_in(o.text, r"next morning (\d+)"),
            baseline=baseline,
            clean="lost their form" not in o.text,
        )
        if step.action == "progress":
            progress.add(o.id)
    assert correct(q) == progress


# ------------------------------------------------------------------------------------ 05: sequencing


def test_05_bridge_first_agrees_with_the_critique():
    q = question("05_sequencing", "bridge-first")
    assert CATALOG["glute-bridge"].phase == "organize" and "organize work" in q.vignette
    assert CATALOG["cat-camel"].phase == "soften" and CATALOG["bird-dog"].phase == "organize"
    as_written = critique(routine_of("glute-bridge", "cat-camel", "bird-dog"), CATALOG)
    phase = [(f.code, f.item) for f in as_written if f.code in ("phase-order", "no-preparation")]
    assert phase == [("phase-order", 1)]  # the cat-camel (item 1), and no strengthen item at all
    fixed = codes(routine_of("cat-camel", "glute-bridge", "bird-dog"))
    assert not fixed & {"phase-order", "no-preparation"}
    assert correct(q) == {option_by_text(q, "The cat-camel")}


def test_05_lifter_order_is_the_default_order():
    q = question("05_sequencing", "lifter-order")
    ids = {"breathe": "crocodile-breathing", "rehearse": "hip-hinge-dowel", "load": "bag-deadlift"}
    ids["close"] = "supported-child-pose"
    phases = [CATALOG[ids[i]].phase for i in q.solution]
    assert phases == ["soften", "organize", "strengthen", "soften"]
    solved = routine_of(*(ids[i] for i in q.solution))
    assert not codes(solved) & {"phase-order", "no-preparation", "no-recovery"}
    for order in itertools.permutations(q.solution):
        if order.index("load") < order.index("rehearse"):  # loading before the rehearsal
            broken = codes(routine_of(*(ids[i] for i in order)))
            assert broken & {"phase-order", "no-preparation"}, order


# ------------------------------------------------------------------------------------ 06: tempo


def test_06_reading_a_tempo():
    q = question("06_tempo", "read-the-three")
    tempo = Tempo.parse(re.search(r"tempo (\d-\d-\d-\d)", q.prompt).group(1))
    assert tempo.concentric == 3 and correct(q) == {option_by_text(q, "Take 3 seconds for the lifting")}
    q = question("06_tempo", "order-of-parts")
    assert [i.text.split(" ")[0] for i in q.items] == ["Lowering", "Pause", "Lifting", "Pause"]
    assert Tempo.parse("3-1-2-0").explain().startswith("3 s lowering, 1 s pause at the bottom, 2 s lifting")


def test_06_time_under_tension():
    q = question("06_tempo", "tut-of-a-set")
    tempo = re.search(r"tempo (\d-\d-\d-\d)", q.prompt).group(1)
    assert q.answer == Tempo.parse(tempo).time_under_tension(number_in(q.prompt, r"set of (\d+)"))
    q = question("06_tempo", "explosive-set")
    tut = Tempo.parse("2-0-X-0").time_under_tension(number_in(q.prompt, r"does (\d+) reps"))
    assert correct(q) == {option_by_text(q, f"{tut:g} s")}
    q = question("06_tempo", "tut-per-side")
    reps = number_in(q.prompt, r"(\d+) reps on each side")
    assert q.answer == Tempo.parse("2-1-2-1").time_under_tension(reps, per_side=True)


def test_06_hotel_room_progress_changes_one_tempo_number():
    q = question("06_tempo", "hotel-room-progress")
    (key,) = correct(q)
    start = Tempo.parse(re.search(r"squats at (\d-\d-\d-\d)", q.vignette).group(1))
    new = Tempo.parse(re.search(r"(\d-\d-\d-\d)", q.option(key).text).group(1))
    changed = [a != b for a, b in zip(start.parts, new.parts, strict=True)]
    assert sum(changed) == 1, "one change at a time"
    reps = number_in(q.vignette, r"for (\d+) reps")
    before, after = start.time_under_tension(reps), new.time_under_tension(reps)
    assert f"from {before:g} s to {after:g} s" in q.option(key).feedback
    # the kit's own tempo step is the same: one second more on the lowering
    item = RoutineItem(exercise="goblet-squat", sets=2, reps=12, tempo=start)
    assert propose(item, "progress", CATALOG).item.tempo == new


def test_06_transitions_and_controlled_lowering():
    q = question("06_tempo", "unhurried-transitions")
    assert number_in(q.prompt, r"adds (\d+) seconds") == TRANSITION_S
    q = question("06_tempo", "controlled-lowering")
    accepted = set()
    for o in q.options:
        r = routine_of(
            "crocodile-breathing", "hip-hinge-dowel", "kettlebell-deadlift", "supported-child-pose"
        )
        r = r.with_dose(2, tempo=o.text)
        if "rushed-tempo" not in codes(r):
            accepted.add(o.id)
    assert CATALOG["kettlebell-deadlift"].phase == "strengthen"
    assert correct(q) == accepted


# ------------------------------------------------------------------------------------ 07: patterns


def test_07_families_and_regions():
    q = question("07_movement_patterns", "family-of-carry")
    assert CATALOG["suitcase-carry"].family == "carry" and correct(q) == {option_by_text(q, "Carry")}
    q = question("07_movement_patterns", "family-of-open-book")
    assert CATALOG["open-book"].family == "gentle_rotation"
    assert correct(q) == {option_by_text(q, "Gentle rotation")}
    q = question("07_movement_patterns", "missing-families")
    assert number_in(q.prompt, r"has (\d+) movement families") == len(enums.FAMILIES)
    assert q.answer == len(enums.FAMILIES) - number_in(q.prompt, r"trains\s+(\d+) of them")
    q = question("07_movement_patterns", "outside-the-back")
    names = {ex.name.lower(): ex for ex in CATALOG}
    outside = {o.id for o in q.options if set(names[o.text.lower()].regions) & set(enums.SYSTEM_REGIONS)}
    assert correct(q) == outside


def test_07_back_only_evening_agrees_with_coverage_and_critique():
    q = question("07_movement_patterns", "back-only-evening")
    r = routine_of("pelvic-tilt", "front-plank", "pelvic-tilt", slot="evening")
    cov = coverage(r, CATALOG)
    assert not set(cov.regions) & set(enums.SYSTEM_REGIONS)
    assert "breathing" not in cov.families
    assert {"back-only", "no-breathing"} <= codes(r)
    assert correct(q) == {option_by_text(q, "Nothing trains"), option_by_text(q, "There is no breathing")}


# ------------------------------------------------------------------------------------ 08: planner


@pytest.mark.parametrize("qid", ["demanding-count", "four-day-week"])
def test_08_demanding_days_match_the_planner(qid):
    q = question("08_stress_and_recovery", qid)
    week = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    days = [d[:3] for d in week if d in q.prompt]
    if "Monday to Friday" in q.prompt:
        days = [d[:3] for d in week]
    wardrobe = Wardrobe.of(EXAMPLES["morning-flow"], EXAMPLES["office-reset"])
    plan = plan_week(wardrobe, CATALOG, days=days)
    assert q.answer == sum(d.kind == "demanding" for d in plan.days)
    assert number_in(q.prompt, r"at most (\d+) demanding") == MAX_DEMANDING_DAYS


def test_08_load_minutes_is_minutes_times_mean_load_level():
    q = question("08_stress_and_recovery", "load-minutes")
    assert correct(q) == {option_by_text(q, "Minutes times the mean load level")}
    flow = EXAMPLES["morning-flow"]
    levels = [CATALOG[i.exercise].load_level for i in flow.items]
    assert session_load(flow, CATALOG) == pytest.approx(flow.minutes(CATALOG) * sum(levels) / len(levels))


# ------------------------------------------------------------------------------------ 09: progressions


def test_09_next_step_rules():
    q = question("09_micro_progressions", "too-much-today")
    step = next_step(during=number_in(q.prompt, r"rose to (\d+) out of 10"), next_morning=2, baseline=2)
    assert step.action == "regress" and correct(q) == {option_by_text(q, "Regress")}
    q = question("09_micro_progressions", "clean-and-settled")
    step = next_step(during=number_in(q.vignette, r"pain was (\d+) out of"), next_morning=2, baseline=2)
    assert step.action == "progress"
    item = dataclasses.replace(RoutineItem.from_exercise(CATALOG["dead-bug"]), sets=2, reps=8)
    proposal = propose(item, step, CATALOG)
    assert (proposal.kind, proposal.axis, proposal.item.reps) == ("dose", "reps", 10)
    assert correct(q) == {option_by_text(q, "One small step on one axis, for example 2 more reps")}


def test_09_reps_after_one_step():
    q = question("09_micro_progressions", "reps-after-one-step")
    reps = number_in(q.prompt, r"2 × (\d+) reps")
    item = dataclasses.replace(RoutineItem.from_exercise(CATALOG["dead-bug"]), sets=2, reps=reps)
    assert q.answer == propose(item, "progress", CATALOG).item.reps


def test_09_position_ladder_follows_the_catalog():
    q = question("09_micro_progressions", "position-ladder")
    ids = {
        "supine": "supine-knee-sway",
        "side": "open-book",
        "quadruped": "quadruped-thread-needle",
        "kneeling": "half-kneeling-rotation",
    }
    chain = [ids[i] for i in q.solution]
    for lower, upper in itertools.pairwise(chain):
        axes = {e.to: e.axis for e in CATALOG[lower].progressions}
        assert axes.get(upper) == "position", (lower, upper)
    assert {CATALOG[i].family for i in chain} == {"gentle_rotation"}


def test_09_surface_step():
    q = question("09_micro_progressions", "surface-step")
    axes = {e.to: e.axis for e in CATALOG["single-leg-balance"].progressions}
    assert axes["single-leg-balance-cushion"] == "surface"
    assert "cushion" in CATALOG["single-leg-balance-cushion"].summary
    assert correct(q) == {option_by_text(q, "The same balance, standing on a folded towel")}


# ------------------------------------------------------------------------------------ 10: variability


def test_10_hotel_swaps_keep_the_hinge_without_equipment():
    q = question("10_strategic_variability", "hotel-swap")
    for exercise_id in ("kickstand-hinge", "standing-hip-hinge-wall"):
        ex = CATALOG[exercise_id]
        assert ex.family == "hinge" and "travel" in ex.settings
        assert set(ex.equipment) <= {"none", "wall"}
    assert correct(q) == {option_by_text(q, "A kickstand hinge"), option_by_text(q, "A hip hinge tapping")}


# ------------------------------------------------------------------------------------ 11: habits


@pytest.mark.parametrize("qid", ["what-fits", "what-fits-twenty"])
def test_11_packing_matches_the_planner(qid):
    q = question("11_consistency_and_ritual", qid)
    minutes = [int(m) for m in re.findall(r"(\d+)(?:,| and)", q.prompt.split("minutes,")[0])]
    last = number_in(q.prompt, r"and (\d+) minutes")
    sessions = {f"session {i}": m for i, m in enumerate([*minutes, last])}
    anchors = ["one", "two", "three"][: number_in(q.prompt.replace("three", "3"), r"(\d) anchors")]
    budget = number_in(q.prompt, r"budget\s+of (\d+) minutes")
    assert q.answer == pack_micro_sessions(sessions, anchors, budget).minutes


# ------------------------------------------------------------------------------------ 12: daily life


@pytest.mark.parametrize(
    "qid, scenario, start",
    [
        ("laundry-pattern", "lift-laundry-basket", "The hinge"),
        ("back-seat-reach", "reach-back-seat", "Gentle rotation"),
        ("sofa-pattern", "rise-from-sofa", "The squat"),
    ],
)
def test_12_patterns_match_the_scenarios(qid, scenario, start):
    q = question("12_daily_life", qid)
    main = get_scenario(scenario, SCENARIOS).families[0]
    assert start.lower().removeprefix("the ").startswith(main.replace("_", " "))
    assert correct(q) == {option_by_text(q, start)}


def test_12_stairs_tags_match_the_catalog():
    q = question("12_daily_life", "rehearse-stairs")
    names = {ex.name.lower(): ex for ex in CATALOG}
    tagged = set()
    for o in q.options:
        name = o.text.rstrip(".").lower()
        if name in names and "stairs" in names[name].transfers:
            tagged.add(o.id)
    assert correct(q) == tagged


# ------------------------------------------------------------------------------------ 13: wardrobe


def test_13_fix_the_morning_agrees_with_the_critique():
    q = question("13_movement_wardrobe", "fix-the-morning")
    before = routine_of("glute-bridge", "bird-dog", "split-squat")
    assert codes(before) == {"no-breathing", "no-recovery"}
    after = routine_of(
        "crocodile-breathing", "glute-bridge", "bird-dog", "split-squat", "supported-child-pose"
    )
    assert codes(after) == set()
    assert correct(q) == {option_by_text(q, "Start with crocodile breathing")}
    plank_first = routine_of("front-plank", "glute-bridge", "bird-dog", "split-squat")
    assert "no-breathing" in codes(plank_first)  # option d's feedback


def test_13_morning_order_passes_the_critique():
    q = question("13_movement_wardrobe", "morning-order")
    ids = {"croc": "crocodile-breathing", "deadbug": "dead-bug", "split": "split-squat"}
    ids["child"] = "supported-child-pose"
    assert codes(routine_of(*(ids[i] for i in q.solution))) == set()


def test_13_ceilings_and_limits():
    assert question("13_movement_wardrobe", "plan-b-ceiling").answer == PLAN_B_CEILING_MIN
    assert question("13_movement_wardrobe", "evening-ceiling").answer == CEILING_MIN["evening"]
    q = question("13_movement_wardrobe", "curated-not-crowded")
    assert "about eight" in q.prompt and MAX_ITEMS == 8
    q = question("13_movement_wardrobe", "good-plan-b")
    assert CATALOG["kettlebell-deadlift"].flare_up == "plan_a_only"
    assert "d" not in correct(q)


# ------------------------------------------------------------------------------------ 14: cases


def test_14_traveller_rules_match_the_persona():
    rules = PERSONAS["sales-rep"].rules
    q = question("14_case_studies", "plan-rules")
    assert rules.max_minutes == number_in(q.option("a").text, r"about (\d+) minutes")
    assert set(rules.equipment) == {"none", "wall", "chair", "towel"}
    assert rules.setting == "travel"
    assert correct(q) == {"a", "b", "c"}


def test_14_traveller_check_names_the_equipment():
    q = question("14_case_studies", "traveller-check")
    draft = routine_of("standing-breathing", "bag-deadlift", "standing-hip-flexor-stretch", slot="travel")
    assert draft.minutes(CATALOG) <= number_in(q.prompt, r"(\d+)-minute travel routine")
    messages = " ".join(check_case(PERSONAS["sales-rep"], "exercise", draft, CATALOG).messages)
    assert "equipment" in messages and "Bag deadlift" in messages
    assert "must fit in" not in messages  # not too long
    assert correct(q) == {option_by_text(q, "The plan needs equipment")}

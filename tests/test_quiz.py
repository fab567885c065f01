"""Marking, shuffling and summaries of quiz questions (coursekit.quiz, pure core)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.errors import InvalidModel
from coursekit.quiz import (
    Bank,
    Item,
    Option,
    Question,
    list_banks,
    load_bank,
    mark,
    shuffled,
    summary,
)

SRC = Path(__file__).resolve().parents[1] / "src"


def opt(oid: str, correct: bool = False) -> Option:
    return Option(id=oid, text=f"Option {oid.upper()}", correct=correct, feedback=f"Feedback {oid}.")


def question(**fields) -> Question:
    base = dict(
        id="q",
        type="single",
        objective="o1",
        references=("silbernagel2007",),
        prompt="Which one?",
        explanation="Because.",
    )
    base.update(fields)
    return Question(**base)


@pytest.fixture
def single() -> Question:
    return question(options=(opt("a"), opt("b", True), opt("c")))


@pytest.fixture
def multi() -> Question:
    return question(
        type="multiple", options=(opt("a", True), opt("b"), opt("c", True), opt("d", True), opt("e"))
    )


@pytest.fixture
def numeric() -> Question:
    return question(
        type="numeric",
        answer=48,
        tolerance=2,
        unit="s",
        feedback_correct="Yes.",
        feedback_incorrect="No: 8 reps x 6 s.",
    )


@pytest.fixture
def order() -> Question:
    return question(
        type="order",
        items=(
            Item(id="soften", text="Soften"),
            Item(id="organize", text="Organize"),
            Item(id="strengthen", text="Strengthen"),
        ),
        feedback_correct="Yes.",
        feedback_incorrect="Soften comes first.",
    )


# ---------------------------------------------------------------------------------- single


def test_single_right(single):
    r = mark(single, "b")
    assert (r.score, r.correct, r.answer) == (1.0, True, "b")
    assert [(f.status, f.text) for f in r.feedback] == [("right", "Feedback b.")]
    assert r.explanation == "Because."


def test_single_wrong_shows_choice_and_missed_answer(single):
    r = mark(single, "a")
    assert (r.score, r.correct) == (0.0, False)
    assert [(f.status, f.label) for f in r.feedback] == [("wrong", "Option A"), ("missed", "Option B")]


def test_result_text_is_pinned(single):
    assert str(mark(single, "a")) == (
        "✗ q: not right (score 0)\n"
        "  ✗ You chose: Option A — Feedback a.\n"
        "  ○ You missed: Option B — Feedback b.\n"
        "Explanation: Because."
    )
    assert str(mark(single, "b")).splitlines()[0] == "✓ q: correct (score 1)"
    assert repr(mark(single, "b")) == "Result('q', score=1, correct=True)"


@pytest.mark.parametrize("bad", ["z", "", 1, None, ["b"], {"b"}])
def test_single_bad_answers(single, bad):
    with pytest.raises(InvalidModel, match="'q'"):
        mark(single, bad)


def test_unknown_option_message_lists_the_options(single):
    with pytest.raises(InvalidModel, match="no option 'z'; the options are a, b, c"):
        mark(single, "z")


def test_case_single_marks_like_single():
    q = question(type="case", vignette="Alex, 40, invented.", options=(opt("a", True), opt("b")))
    assert q.kind == "single" and not q.multiple
    assert mark(q, "a").correct and not mark(q, "b").correct
    with pytest.raises(InvalidModel):
        mark(q, ["a"])


# ---------------------------------------------------------------------------------- multiple


def test_multiple_exact(multi):
    r = mark(multi, ["d", "a", "c"])
    assert (r.score, r.correct) == (1.0, True)
    assert r.answer == ("a", "c", "d")  # in option order, not click order


def test_multiple_partial_credit(multi):
    r = mark(multi, ["a", "c"])
    assert r.score == pytest.approx(2 / 3) and not r.correct
    assert [f.status for f in r.feedback] == ["right", "right", "missed"]
    assert str(r).splitlines()[0] == "✗ q: partly right (score 0.67)"


def test_multiple_wrong_picks_subtract_and_floor_at_zero(multi):
    assert mark(multi, ["a", "c", "d", "b"]).score == pytest.approx(2 / 3)
    assert not mark(multi, ["a", "c", "d", "b"]).correct
    assert mark(multi, ["a", "b"]).score == 0.0
    assert mark(multi, ["b", "e"]).score == 0.0
    assert mark(multi, []).score == 0.0 and not mark(multi, []).correct


def test_multiple_accepts_sets_and_tuples_and_ignores_duplicates(multi):
    assert mark(multi, {"a", "c", "d"}).correct
    assert mark(multi, ("a", "c", "d", "a")).correct


@pytest.mark.parametrize("bad", ["a", "a,c", 3, None, {"a": True}, ["a", "z"], ["a", 1]])
def test_multiple_bad_answers(multi, bad):
    with pytest.raises(InvalidModel, match="'q'"):
        mark(multi, bad)


def test_case_multiple_marks_like_multiple():
    q = question(
        type="case",
        multiple=True,
        vignette="Kim, 30, invented.",
        options=(opt("a", True), opt("b", True), opt("c")),
    )
    assert q.kind == "multiple"
    assert mark(q, ["a"]).score == 0.5
    assert mark(q, ["a", "b"]).correct


@given(st.sets(st.sampled_from("abcde")))
def test_multiple_score_property(chosen):
    q = question(
        type="multiple", options=(opt("a", True), opt("b"), opt("c", True), opt("d", True), opt("e"))
    )
    r = mark(q, chosen)
    assert 0.0 <= r.score <= 1.0
    assert r.correct == (chosen == {"a", "c", "d"})
    assert (r.score == 1.0) == r.correct


# ---------------------------------------------------------------------------------- numeric


@pytest.mark.parametrize(
    "value, right", [(48, True), (46, True), (50.0, True), (45.9, False), (51, False), (0, False)]
)
def test_numeric_tolerance(numeric, value, right):
    r = mark(numeric, value)
    assert r.correct is right and r.score == (1.0 if right else 0.0)
    assert r.feedback[0].text == ("Yes." if right else "No: 8 reps x 6 s.")


def test_numeric_text(numeric):
    assert str(mark(numeric, 40)).splitlines()[1] == "  ✗ Your answer: 40 s — No: 8 reps x 6 s."


def test_numeric_float_noise_counts():
    q = question(type="numeric", answer=0.3, feedback_correct="y", feedback_incorrect="n")
    assert mark(q, 0.1 + 0.2).correct


@pytest.mark.parametrize("bad", ["48", True, None, float("nan"), float("inf"), [48]])
def test_numeric_bad_answers(numeric, bad):
    with pytest.raises(InvalidModel, match="number"):
        mark(numeric, bad)


# ---------------------------------------------------------------------------------- order


def test_order_right(order):
    r = mark(order, ["soften", "organize", "strengthen"])
    assert r.correct and r.answer == ("soften", "organize", "strengthen")
    assert str(r).splitlines()[1] == "  ✓ Your order: Soften → Organize → Strengthen — Yes."


def test_order_wrong_counts_items_in_place(order):
    r = mark(order, ("organize", "soften", "strengthen"))
    assert (r.score, r.correct) == (0.0, False)
    assert r.feedback[0].text == "Soften comes first. (1 of 3 in the right place.)"


@pytest.mark.parametrize(
    "bad, why",
    [
        (["soften", "organize"], "missing"),
        (["soften", "soften", "strengthen"], "twice"),
        (["soften", "organize", "stretch"], "no item 'stretch'"),
        ("soften,organize,strengthen", "list of item ids"),
        ({"soften": 1}, "list of item ids"),
        (None, "list of item ids"),
    ],
)
def test_order_bad_answers(order, bad, why):
    with pytest.raises(InvalidModel, match=why):
        mark(order, bad)


def test_mark_needs_a_question():
    with pytest.raises(InvalidModel):
        mark({"id": "q"}, "a")


# ---------------------------------------------------------------------------------- models


def test_question_model_rules():
    with pytest.raises(InvalidModel, match="exactly one correct"):
        question(options=(opt("a", True), opt("b", True)))
    with pytest.raises(InvalidModel, match="at least one correct"):
        question(type="multiple", options=(opt("a"), opt("b")))
    with pytest.raises(InvalidModel, match="feedback"):
        question(options=(opt("a", True), Option(id="b", text="B", correct=False, feedback=" ")))
    with pytest.raises(InvalidModel, match="tolerance"):
        question(type="numeric", answer=1, tolerance=-1, feedback_correct="y", feedback_incorrect="n")
    with pytest.raises(InvalidModel, match="at least 3 items"):
        question(
            type="order",
            items=(Item(id="a", text="A"), Item(id="b", text="B")),
            feedback_correct="y",
            feedback_incorrect="n",
        )
    with pytest.raises(InvalidModel, match="type"):
        question(type="essay")
    with pytest.raises(InvalidModel, match="vignette"):
        question(type="case", options=(opt("a", True), opt("b")))


def test_reprs_do_not_leak_the_key(single):
    assert repr(single) == "Question('q', single)"
    assert repr(single.options[1]) == "Option('b')"
    assert "True" not in repr(single.options)


def test_bank_lookup_and_duplicates(single):
    bank = Bank(notebook="04_nervous_system_and_pain", title="Quiz", questions=(single,))
    assert bank["q"] is single and len(bank) == 1 and list(bank) == [single]
    assert repr(bank) == "Bank('04_nervous_system_and_pain': 1 questions)"
    with pytest.raises(KeyError, match="no question 'x'"):
        bank["x"]
    with pytest.raises(InvalidModel, match="duplicate"):
        Bank(notebook="04_nervous_system_and_pain", title="Quiz", questions=(single, single))


# ---------------------------------------------------------------------------------- shuffling


def _orders(seed) -> dict[str, list[str]]:
    out = {}
    for nb in list_banks():
        for q in load_bank(nb):
            s = shuffled(q, seed)
            out[f"{nb}/{q.id}"] = list(s.option_ids or s.item_ids)
    return out


def test_shuffled_is_stable_and_leaves_global_random_alone():
    state = random.getstate()
    assert _orders(0) == _orders(0)
    assert random.getstate() == state


def test_shuffled_is_the_same_in_another_process():
    code = (
        "import json\nfrom coursekit.quiz import list_banks, load_bank, shuffled\n"
        "print(json.dumps({f'{nb}/{q.id}': list(shuffled(q, 7).option_ids or shuffled(q, 7).item_ids)"
        " for nb in list_banks() for q in load_bank(nb)}))"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    assert json.loads(out.stdout) == _orders(7)


def test_different_seeds_differ_for_most_questions():
    a, b = _orders(0), _orders(1)
    differ = sum(a[k] != b[k] for k in a if len(a[k]) > 1)
    assert differ > 0.6 * sum(len(v) > 1 for v in a.values())


def test_shuffled_keeps_the_marking(single, order, numeric):
    for seed in range(5):
        assert mark(shuffled(single, seed), "b").correct
        assert mark(shuffled(order, seed), ["soften", "organize", "strengthen"]).correct
    assert shuffled(numeric, 3) == numeric


@given(st.integers() | st.text(max_size=8))
def test_order_never_starts_solved(seed):
    q = question(
        type="order",
        items=tuple(Item(id=i, text=i.upper()) for i in ("a", "b", "c")),
        feedback_correct="y",
        feedback_incorrect="n",
    )
    s = shuffled(q, seed)
    assert s.item_ids != ("a", "b", "c") and sorted(s.item_ids) == ["a", "b", "c"]
    assert s.solution == ("a", "b", "c")


@given(st.integers(min_value=0, max_value=10_000))
def test_shuffled_options_are_a_permutation(seed):
    q = question(type="multiple", options=tuple(opt(c, c in "ac") for c in "abcde"))
    s = shuffled(q, seed)
    assert sorted(s.option_ids) == list("abcde")
    assert {o.id for o in s.options if o.correct} == {"a", "c"}


# ---------------------------------------------------------------------------------- summary


def test_summary_counts_types_and_objectives(single, numeric):
    numeric2 = question(
        id="n2", type="numeric", objective="o3", answer=1, feedback_correct="y", feedback_incorrect="n"
    )
    bank = Bank(
        notebook="04_nervous_system_and_pain",
        title="Quiz",
        questions=(single, replace(numeric, id="n1"), numeric2),
        objectives=("o1", "o2", "o3"),
    )
    s = summary(bank)
    assert s.questions == 3 and s.by_type == {"single": 1, "numeric": 2}
    assert s.covered == ("o1", "o3") and s.missing == ("o2",)
    assert str(s) == (
        "04_nervous_system_and_pain: 3 questions (single 1, numeric 2)\n"
        "Objectives covered: 2 of 3 (o1, o3)\n"
        "Not covered: o2"
    )


def test_summary_of_a_real_bank():
    s = summary(load_bank("04_nervous_system_and_pain"))
    assert s.objectives == ("o1", "o2", "o3", "o4") and not s.missing


def test_quiz_core_imports_no_ui():
    code = (
        "import sys, coursekit.quiz; bad = {'ipywidgets', 'matplotlib', 'pandas'} & set(sys.modules); "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(SRC)}, check=True)

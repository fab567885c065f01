"""The quiz card, driven from Python: marking, modes, messages, journal, and no leaked key."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import ipywidgets as w
import pytest

from coursekit.errors import InvalidModel
from coursekit.quiz import Bank, Item, Option, Question, load_bank
from coursekit.widgets import quiz as quiz_widget
from coursekit.widgets.quiz import QuizCard, Score

NB = "04_nervous_system_and_pain"
SRC = Path(__file__).resolve().parents[1] / "src"


class FakeJournal:
    def __init__(self) -> None:
        self.attempts: list[tuple] = []

    def record_attempt(self, quiz, question, answer, correct, confidence, *, score=None, run=None):
        self.attempts.append((quiz, question, answer, correct, confidence, score, run))
        return len(self.attempts)


@pytest.fixture
def journal() -> FakeJournal:
    return FakeJournal()


@pytest.fixture
def card(journal) -> QuizCard:
    return QuizCard(NB, journal=journal)


def right_answer(q: Question):
    if q.kind == "single":
        return next(o.id for o in q.options if o.correct)
    if q.kind == "multiple":
        return [o.id for o in q.options if o.correct]
    if q.kind == "numeric":
        return q.answer
    return list(q.solution)


def walk(widget: w.Widget, seen: set[str] | None = None):
    """The widget and every widget it references through synced traits."""
    seen = set() if seen is None else seen
    if widget.model_id in seen:
        return
    seen.add(widget.model_id)
    yield widget
    for name in widget.keys:
        value = getattr(widget, name)
        values = value if isinstance(value, (list, tuple)) else (value,)
        for v in values:
            if isinstance(v, w.Widget):
                yield from walk(v, seen)


def synced_json(card: QuizCard) -> str:
    """The synced state of the card, all its question views and everything they reference."""
    seen: set[str] = set()
    widgets = list(walk(card, seen))
    for view in card.views.values():
        widgets += list(walk(view.box, seen))
    return json.dumps([x.get_state() for x in widgets], ensure_ascii=False, default=str)


def secrets(q: Question) -> list[str]:
    texts = [q.explanation] + [o.feedback for o in q.options]
    if q.kind in ("numeric", "order"):
        texts += [q.feedback_correct, q.feedback_incorrect]
    return texts


# ---------------------------------------------------------------------------------- driving


def test_answer_check_score_retry(card, journal):
    assert repr(card) == f"QuizCard({NB}: 8 questions, 0 checked, score 0/0)"
    card.answer("zone-of-four", "b", confidence="certain")
    result = card.check("zone-of-four")
    assert result.correct and result.score == 1.0
    assert card.score == Score(correct=1, checked=1, total=8, points=1.0)
    assert str(card.score) == "1 of 1 checked correct"
    assert repr(card) == f"QuizCard({NB}: 8 questions, 1 checked, score 1/1)"
    assert "Right. 4 and 5 are acceptable" in card.view("zone-of-four").feedback.value
    assert "1 of 1 checked correct" in card._score.value

    card.answer("earns-progress", ["a", "b"], confidence="guess")
    partial = card.check()  # the current question: answer() moved there
    assert partial.score == 0.0 and not partial.correct
    assert repr(card) == f"QuizCard({NB}: 8 questions, 2 checked, score 1/2)"
    assert list(card.results) == ["zone-of-four", "earns-progress"]

    card.retry("earns-progress")
    view = card.view("earns-progress")
    assert view.feedback.value == "" and view.confidence.value is None
    assert not any(box.value for box in view.boxes.values())
    assert not view.check_button.disabled and view.retry_button.disabled
    assert repr(card) == f"QuizCard({NB}: 8 questions, 1 checked, score 1/1)"
    assert len(journal.attempts) == 2


def test_every_question_can_be_answered_right(card):
    for q in card.questions:
        card.answer(q.id, right_answer(q), confidence="fairly_sure")
        assert card.check(q.id).correct, q.id
    assert card.score.correct == card.score.checked == card.score.total == 8


def test_buttons_call_the_same_methods(card, journal):
    view = card.view("zone-of-four")
    card.go("zone-of-four")
    view.radio.value = "b"
    view.confidence.value = "certain"
    view.check_button.click()
    assert card.results["zone-of-four"].correct
    assert view.radio.disabled and view.confidence.disabled and view.check_button.disabled
    view.retry_button.click()
    assert "zone-of-four" not in card.results and view.radio.value is None
    assert journal.attempts[0][:5] == (NB, "zone-of-four", "b", True, "certain")


def test_order_control_moves_items(card):
    view = card.view("graded-steps")
    start = list(view.order)
    assert start != list(view.question.solution)
    _, up, _down = view.rows[1]
    up.click()
    assert view.order == [start[1], start[0], *start[2:]]
    assert view.rows[0][0].value.startswith("1. ")
    # sort it with button clicks only (bubble sort by the solution)
    target = list(view.question.solution)
    for _ in range(len(target)):
        for pos in range(len(target) - 1):
            if target.index(view.order[pos]) > target.index(view.order[pos + 1]):
                view.rows[pos][2].click()
    assert view.order == target
    card.answer("graded-steps", view.order, confidence="certain")
    assert card.check("graded-steps").correct
    assert all(b.disabled for b in view.controls)
    card.retry("graded-steps")
    assert view.order == start  # back to the shuffled start, never the solution
    assert not view.rows[1][1].disabled and view.rows[0][1].disabled


def test_numeric_needs_a_typed_answer(card):
    card.answer("highest-acceptable", 5, confidence=None)
    card.retry("highest-acceptable")
    card.view("highest-acceptable").confidence.value = "guess"
    assert card.check("highest-acceptable") is None
    assert "Type your answer" in card.view("highest-acceptable").message.value
    card.view("highest-acceptable").number.value = 6
    result = card.check("highest-acceptable")
    assert result is not None and not result.correct


# ---------------------------------------------------------------------------------- messages


def test_check_without_confidence_shows_a_message(card, journal):
    card.answer("zone-of-four", "b", confidence=None)
    assert card.check("zone-of-four") is None  # no exception
    message = card.view("zone-of-four").message.value
    assert 'role="alert"' in message and "how sure you are" in message
    assert card.results == {} and journal.attempts == []


def test_check_without_answer_shows_a_message(card):
    assert card.check() is None
    assert "Choose an answer" in card.view().message.value


def test_multiple_without_ticks_shows_a_message(card):
    card.answer("earns-progress", [], confidence="certain")
    assert card.check() is None
    assert "Tick at least one" in card.view("earns-progress").message.value


def test_checking_twice_needs_retry(card, journal):
    card.answer("zone-of-four", "a")
    card.check()
    assert card.check() is None
    assert "press Retry" in card.view("zone-of-four").message.value
    card.answer("zone-of-four", "b")  # refused too: the controls are locked
    assert card.results["zone-of-four"].answer == "a"
    assert len(journal.attempts) == 1


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.answer("zone-of-four", "z"),
        lambda c: c.answer("zone-of-four", "b", confidence="very"),
        lambda c: c.answer("earns-progress", "a"),
        lambda c: c.answer("highest-acceptable", "five"),
        lambda c: c.answer("graded-steps", ["name-it"]),
        lambda c: c.answer("nope", "a"),
        lambda c: c.check("nope"),
        lambda c: c.go(99),
    ],
)
def test_bad_calls_show_messages_not_tracebacks(card, call):
    assert call(card) is None
    shown = card.message.value + "".join(v.message.value for v in card.views.values())
    assert 'role="alert"' in shown
    assert card.results == {}


def test_bad_arguments_raise(journal):
    with pytest.raises(InvalidModel, match="mode"):
        QuizCard(NB, mode="some", journal=journal)
    with pytest.raises(InvalidModel, match="journal"):
        QuizCard(NB, journal=object())
    with pytest.raises(InvalidModel):
        QuizCard(42, journal=journal)


# ---------------------------------------------------------------------------------- modes


def test_mode_one_shows_one_question_at_a_time(card):
    assert list(card.views) == [card.current]  # the other questions are not even built yet
    first = card.current
    assert card._previous.disabled and not card._next.disabled
    card._next.click()
    assert card.current != first and card.view().box in card.children
    card._previous.click()
    assert card.current == first
    assert sum(v.box in card.children for v in card.views.values()) == 1
    card.go(len(card.questions) - 1)
    assert card._next.disabled
    card.next()
    assert card.state.current == len(card.questions) - 1


def test_mode_all_shows_every_question(journal):
    card = QuizCard(NB, mode="all", journal=journal)
    assert all(v.box in card.children for v in card.views.values())
    card.answer("highest-acceptable", 5, confidence="certain")
    assert card.check("highest-acceptable").correct
    assert all(v.box in card.children for v in card.views.values())
    assert repr(card) == f"QuizCard({NB}: 8 questions, 1 checked, score 1/1)"


def test_seed_orders_options(journal):
    labels = {}
    for seed in (0, 1):
        c = QuizCard(NB, seed=seed, journal=journal)
        labels[seed] = [
            c.view(q).radio.options for q in ("zone-of-four", "twinge-when-bending", "exposure-trial")
        ]
    assert labels[0] != labels[1]
    again = QuizCard(NB, seed=0, journal=journal)
    assert [
        again.view(q).radio.options for q in ("zone-of-four", "twinge-when-bending", "exposure-trial")
    ] == labels[0]


# ---------------------------------------------------------------------------------- the key stays hidden


@pytest.mark.parametrize("mode", ["one", "all"])
def test_synced_state_holds_no_answer_key(journal, mode):
    card = QuizCard(NB, mode=mode, journal=journal)
    for q in card.questions:  # build every question's controls, shown or not
        card.view(q.id)
    bank = load_bank(NB)
    state = synced_json(card)
    assert '"correct"' not in state
    for q in bank:
        for text in secrets(q):
            assert text not in state, (q.id, text[:40])
        if q.kind == "order":
            assert " → ".join(i.text for i in q.items) not in state

    # after checking one question, only that question's feedback and explanation appear
    card.answer("zone-of-four", "a", confidence="guess")
    card.check("zone-of-four")
    state = synced_json(card)
    assert bank["zone-of-four"].explanation in state
    assert bank["zone-of-four"].option("a").feedback in state
    assert bank["zone-of-four"].option("b").feedback in state  # the missed right answer, after Check
    assert bank["zone-of-four"].option("c").feedback not in state  # unchosen wrong option
    for q in bank:
        if q.id != "zone-of-four":
            for text in secrets(q):
                assert text not in state, (q.id, text[:40])


def test_controls_are_labelled():
    card = QuizCard(NB, mode="all", journal=None)
    controls = [
        x
        for x in walk(card)
        if isinstance(x, (w.Button, w.RadioButtons, w.Checkbox, w.ToggleButtons, w.FloatText))
    ]
    assert len(controls) > 20
    for control in controls:
        assert control.description.strip(), control
    for view in card.views.values():
        assert view.confidence.style.description_width == "initial"


# ---------------------------------------------------------------------------------- journal


def test_attempts_are_recorded(journal):
    card = QuizCard(NB, journal=journal)
    card.answer("earns-progress", ["c", "a"], confidence="certain")
    card.check()
    card.answer("highest-acceptable", 4, confidence="guess")
    card.check()
    (quiz, question, answer, correct, confidence, score, run), second = journal.attempts
    assert (quiz, question, sorted(answer), correct, confidence, score) == (
        NB,
        "earns-progress",
        ["a", "c"],
        True,
        "certain",
        1.0,
    )
    assert second[1:6] == ("highest-acceptable", 4.0, False, "guess", 0.0)
    assert run == second[6] and run.startswith(f"{NB}:")
    json.dumps(journal.attempts)  # the answers are plain JSON for the journal


def test_run_ids_count_per_notebook(journal, monkeypatch):
    monkeypatch.setattr(quiz_widget, "_RUN_COUNTERS", {})
    monkeypatch.setattr(quiz_widget, "_KERNEL", "K")
    assert [QuizCard(NB, journal=journal).run for _ in range(2)] == [f"{NB}:K:1", f"{NB}:K:2"]
    assert QuizCard("00_start_here", journal=journal).run == "00_start_here:K:1"


def test_a_restarted_kernel_starts_new_runs():
    code = "from coursekit.widgets import quiz as q; print(q._next_run('x'))"
    runs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    }
    assert len(runs) == 2, "two kernels must not share a run id"


def test_no_journal_records_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSEKIT_HOME", str(tmp_path))
    card = QuizCard(NB, journal=None)
    card.answer("zone-of-four", "b")
    assert card.check().correct
    assert list(tmp_path.iterdir()) == []


def test_auto_journal_uses_coursekit_home(monkeypatch, tmp_path):
    from coursekit.journal.store import Journal

    monkeypatch.setenv("COURSEKIT_HOME", str(tmp_path))
    card = QuizCard(NB)
    card.answer("zone-of-four", "b", confidence="certain")
    card.check()
    with Journal.open() as journal:
        attempts = journal.attempts()
    assert [(a.quiz, a.question, a.answer, a.correct, a.confidence, a.run) for a in attempts] == [
        (NB, "zone-of-four", "b", True, "certain", card.run)
    ]
    assert card.journal_note.value == ""


def test_unusable_journal_is_a_gentle_note(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSEKIT_HOME", str(tmp_path))
    bad = tmp_path / "journal.sqlite3"
    bad.write_bytes(b"this is not a database, it is a shopping list " * 4)
    before = bad.read_bytes()
    card = QuizCard(NB)
    card.answer("zone-of-four", "b")
    assert card.check().correct  # the quiz still works
    assert "not being saved" in card.journal_note.value and 'role="status"' in card.journal_note.value
    assert bad.read_bytes() == before


def test_journal_error_from_a_given_journal_is_caught():
    from coursekit.errors import JournalError

    class Locked:
        def record_attempt(self, *args, **kwargs):
            raise JournalError("the journal is locked")

    card = QuizCard(NB, journal=Locked())
    card.answer("zone-of-four", "b")
    assert card.check().correct
    assert "the journal is locked" in card.journal_note.value


# ---------------------------------------------------------------------------------- repr


def test_text_plain_is_the_repr_even_when_long():
    long_name = "99_" + "a_very_long_notebook_name_" * 4
    q = Question(
        id="q",
        type="single",
        objective="o1",
        references=("ces",),
        prompt="P",
        explanation="E",
        options=(
            Option(id="a", text="A", correct=True, feedback="Yes, misconception-free."),
            Option(id="b", text="B", correct=False, feedback="No: the misconception ..."),
        ),
    )
    card = QuizCard(Bank(notebook=long_name.rstrip("_"), title="T", questions=(q,)), journal=None)
    bundle = card._repr_mimebundle_()
    assert bundle["text/plain"] == repr(card) and len(repr(card)) > 110
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_order_question_in_memory_bank():
    q = Question(
        id="phases",
        type="order",
        objective="o1",
        references=("tempo",),
        prompt="Order",
        explanation="E",
        items=(Item(id="s", text="Soften"), Item(id="o", text="Organize"), Item(id="t", text="Strengthen")),
        feedback_correct="Yes",
        feedback_incorrect="No",
    )
    card = QuizCard(Bank(notebook="05_sequencing", title="T", questions=(q,)), journal=None)
    card.answer("phases", ["s", "o", "t"])
    assert card.check().correct


# ---------------------------------------------------------------------------------- in a notebook


def test_notebook_output_is_the_repr_and_holds_no_key(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("COURSEKIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            f"from coursekit.widgets.quiz import QuizCard\ncard = QuizCard({NB!r})\ncard"
        ),
        nbformat.v4.new_code_cell(
            "card.answer('zone-of-four', 'a', confidence='guess')\ncard.check('zone-of-four');"
        ),
        nbformat.v4.new_code_cell("card"),
    ]
    nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    first, _, last = (cell.outputs for cell in nb.cells)
    assert first[0]["data"]["text/plain"] == f"QuizCard({NB}: 8 questions, 0 checked, score 0/0)"
    assert last[0]["data"]["text/plain"] == f"QuizCard({NB}: 8 questions, 1 checked, score 0/1)"
    stored = nbformat.writes(nb)
    assert '\\"correct\\"' not in stored and '"correct":' not in stored
    bank = load_bank(NB)
    for q in bank:
        if q.id == "zone-of-four":
            assert q.option("c").feedback not in stored
            continue
        for text in secrets(q):
            assert json.dumps(text)[1:-1] not in stored, (q.id, text[:40])


# ---------------------------------------------------------------------------------- practice


def practice_bank() -> Bank:
    """The bank of NB with two of its questions re-filed as practice questions."""
    bank = load_bank(NB)
    practice = tuple(replace(q, id=f"practice-{q.id}") for q in bank.questions[:2])
    return Bank(notebook=NB, title=bank.title, questions=bank.questions[2:], practice=practice)


def test_practice_card_asks_only_practice_questions_and_records_nothing(journal):
    bank = practice_bank()
    card = QuizCard(bank, journal=journal, practice=True)
    assert card.practice and {q.id for q in card.questions} == set(bank.practice_ids)
    assert repr(card) == f"QuizCard({NB}: 2 practice questions, 0 checked, score 0/0)"
    for q in bank.practice:
        card.answer(q.id, right_answer(q), confidence="certain")
        assert card.check(q.id).correct
    assert journal.attempts == []  # never recorded, whatever journal is given
    assert "practice questions" in card._title.value
    plain = QuizCard(bank, journal=journal)  # the same bank's card asks the other questions
    assert {q.id for q in plain.questions} == set(bank.ids)


def test_practice_card_refuses_a_card_question():
    bank = practice_bank()
    card = QuizCard(bank, journal=None, practice=True)
    question = bank.ids[0]
    assert card.answer(question, "a") is None  # shown in the widget, not raised
    assert f"no practice question {question!r}" in card.message.text


def test_practice_card_needs_practice_questions():
    bank = Bank(notebook=NB, title="T", questions=load_bank(NB).questions)
    with pytest.raises(InvalidModel, match="has no practice questions"):
        QuizCard(bank, journal=None, practice=True)
    with pytest.raises(InvalidModel, match="practice must be true or false"):
        QuizCard(practice_bank(), journal=None, practice="yes")

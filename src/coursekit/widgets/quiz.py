"""The self-assessment quiz card: one question at a time (or all), marked in the kernel.

The answer key never reaches the browser before the learner checks: option controls get
only their labels, and a question's feedback HTML is filled in only after its Check. Marking
is :func:`coursekit.quiz.marking.mark`; the card only displays the :class:`~coursekit.quiz.models.Result`.

Driven from Python exactly as from the browser::

    card = QuizCard("04_nervous_system_and_pain")
    card.answer("zone-of-four", "b", confidence="certain")
    print(card.check("zone-of-four"))

``QuizCard(notebook, journal=None, practice=True)`` asks the bank's practice questions
instead, the ones the card never asks, and records nothing: worked attempts printed in a
notebook use it, so no answer of the card's own questions sits in a stored output.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import traitlets

from coursekit.errors import InvalidModel, JournalError
from coursekit.quiz import Bank, Question, Result, load_bank, mark, shuffled
from coursekit.quiz.review import CONFIDENCES, check_confidence
from coursekit.widgets import _shared as w
from coursekit.widgets._base import CourseWidget, MessageArea, escape, reports_errors

__all__ = ["QuizCard"]

MODES = ("one", "all")
CONFIDENCE_LABELS = {"guess": "guess", "fairly_sure": "fairly sure", "certain": "certain"}
_INITIAL = {"description_width": "initial"}

# One run id per card: the notebook, this kernel's start (so a restarted kernel begins new
# sittings instead of merging into old ones) and a counter. Run ids are never printed, so
# they do not disturb the outputs nbval checks.
_RUN_COUNTERS: dict[str, itertools.count] = {}
_KERNEL = f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{os.getpid()}"


def _next_run(notebook: str) -> str:
    counter = _RUN_COUNTERS.setdefault(notebook, itertools.count(1))
    return f"{notebook}:{_KERNEL}:{next(counter)}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    """The running score of a card: questions checked, and how many of them fully right."""

    correct: int
    checked: int
    total: int
    points: float  # sum of the question scores, partial credit included

    def __str__(self) -> str:
        return f"{self.correct} of {self.checked} checked correct"


class QuizState(traitlets.HasTraits):
    """The card's state: the question shown and the results so far (replaced, never mutated)."""

    current = traitlets.Int(0)
    results = traitlets.Dict()


def result_html(result: Result) -> str:
    """The feedback block shown under a question once it is checked."""
    score = f"{round(result.score, 2):g}"
    colour = "#0f5132" if result.correct else ("#664d03" if result.score > 0 else "#842029")
    mark_ = "✓" if result.correct else "✗"
    lines = "".join(f"<li>{escape(line)}</li>" for line in result.feedback)
    return (
        '<div role="status" aria-live="polite" style="margin:4px 0">'
        f'<p style="color:{colour};margin:2px 0"><strong>{mark_} {escape(result.verdict.capitalize())}'
        f"</strong> (score {score})</p>"
        f'<ul style="margin:2px 0 4px 1.2em;padding:0">{lines}</ul>'
        f'<p style="margin:2px 0"><strong>Explanation:</strong> {escape(result.explanation)}</p></div>'
    )


class _QuestionView:
    """The controls of one question. Holds no answer key: only labels reach the widgets."""

    def __init__(self, card: QuizCard, question: Question, index: int, total: int) -> None:
        self.card = card
        self.question = question
        self.message = MessageArea()
        self._numeric_touched = False
        self._resetting = False
        parts: list[w.Widget] = [w.HTML(f'<h4 style="margin:8px 0 4px">Question {index + 1} of {total}</h4>')]
        if question.type == "case":
            parts.append(
                w.HTML(
                    '<div style="border-left:4px solid #0b4f6c;background:#f4f8fb;padding:4px 10px;margin:4px 0">'
                    f"<em>Case.</em> {escape(question.vignette)}</div>"
                )
            )
        parts.append(w.HTML(f'<p style="margin:4px 0">{escape(question.prompt)}</p>'))
        parts.extend(self._build_control())
        self.confidence = w.ToggleButtons(
            options=[(CONFIDENCE_LABELS[c], c) for c in CONFIDENCES],
            value=None,
            description="How sure are you?",
            tooltips=["A guess", "Fairly sure", "Certain"],
            style={**_INITIAL, "button_width": "auto"},
            layout=w.Layout(width="auto"),
        )
        self.check_button = w.Button(
            description="Check",
            button_style="primary",
            tooltip="Check this answer",
            layout=w.Layout(width="auto"),
        )
        self.retry_button = w.Button(
            description="Retry",
            tooltip="Clear this question and answer again",
            disabled=True,
            layout=w.Layout(width="auto"),
        )
        qid = question.id
        self.check_button.on_click(lambda _b: card.check(qid))
        self.retry_button.on_click(lambda _b: card.retry(qid))
        self.feedback = w.HTML("")
        # Stable CSS classes let browser tests find the parts of a question.
        self.confidence.add_class("ck-confidence")
        self.check_button.add_class("ck-check")
        self.retry_button.add_class("ck-retry")
        self.feedback.add_class("ck-feedback")
        parts += [
            self.confidence,
            w.HBox([self.check_button, self.retry_button], layout=w.Layout(flex_flow="row wrap")),
            self.message,
            self.feedback,
        ]
        self.box = w.VBox(
            parts,
            layout=w.Layout(border="1px solid #d0d7de", padding="4px 12px", margin="4px 0", width="auto"),
        )
        self.box.add_class("ck-question")

    # -- building the answer control (labels only)

    def _build_control(self) -> list[w.Widget]:
        q = self.question
        kind = q.kind
        if kind == "single":
            self.radio = w.RadioButtons(
                options=[(o.text, o.id) for o in q.options],
                value=None,
                description="Your answer:",
                style=_INITIAL,
                layout=w.Layout(width="auto"),
            )
            self.controls: tuple[w.Widget, ...] = (self.radio,)
            return [self.radio]
        if kind == "multiple":
            self.boxes = {
                o.id: w.Checkbox(value=False, description=o.text, indent=False, layout=w.Layout(width="auto"))
                for o in q.options
            }
            self.controls = tuple(self.boxes.values())
            return [w.Label("Tick every option that applies:"), w.VBox(list(self.controls))]
        if kind == "numeric":
            unit = f" ({q.unit})" if q.unit else ""
            self.number = w.FloatText(
                value=0.0, description=f"Your answer{unit}:", style=_INITIAL, layout=w.Layout(width="18em")
            )
            self.number.observe(self._on_number, names="value")
            self.controls = (self.number,)
            return [self.number]
        # order: the items start in the shuffled order; rows are fixed, their labels move
        self.order = list(q.item_ids)
        self.rows = []
        for pos in range(len(self.order)):
            label = w.HTML(layout=w.Layout(flex="1 1 auto"))
            up = w.Button(description="Up", icon="arrow-up", layout=w.Layout(width="auto"), disabled=pos == 0)
            down = w.Button(
                description="Down",
                icon="arrow-down",
                layout=w.Layout(width="auto"),
                disabled=pos == len(self.order) - 1,
            )
            up.on_click(lambda _b, pos=pos: self.move(pos, -1))
            down.on_click(lambda _b, pos=pos: self.move(pos, +1))
            self.rows.append((label, up, down))
        self.controls = tuple(b for _, up, down in self.rows for b in (up, down))
        self._show_order()
        return [
            w.Label("Put the items in order, first at the top (use Up and Down):"),
            w.VBox([w.HBox(list(row), layout=w.Layout(align_items="center")) for row in self.rows]),
        ]

    def _on_number(self, change: dict[str, Any]) -> None:
        if not self._resetting:
            self._numeric_touched = True

    def _show_order(self) -> None:
        text = {i.id: i.text for i in self.question.items}
        for pos, (label, up, down) in enumerate(self.rows):
            item = text[self.order[pos]]
            label.value = f"{pos + 1}. {escape(item)}"
            up.tooltip = f"Move “{item}” up"
            down.tooltip = f"Move “{item}” down"

    @reports_errors
    def move(self, position: int, step: int) -> None:
        """Swap the item at ``position`` with its neighbour above (-1) or below (+1)."""
        self.card._refuse_if_checked(self.question)
        other = position + step
        if not 0 <= position < len(self.order) or not 0 <= other < len(self.order):
            raise InvalidModel("that item cannot move further")
        self.order[position], self.order[other] = self.order[other], self.order[position]
        self._show_order()

    # -- reading and setting the answer

    def current_answer(self) -> Any:
        """The answer the controls hold; InvalidModel when nothing is chosen yet."""
        kind = self.question.kind
        if kind == "single":
            if self.radio.value is None:
                raise InvalidModel("Choose an answer before checking.")
            return self.radio.value
        if kind == "multiple":
            chosen = [oid for oid, box in self.boxes.items() if box.value]
            if not chosen:
                raise InvalidModel("Tick at least one option before checking.")
            return chosen
        if kind == "numeric":
            if not self._numeric_touched:
                raise InvalidModel("Type your answer in the box before checking.")
            return self.number.value
        return list(self.order)

    def set_answer(self, value: Any) -> None:
        """Set the controls as the learner's clicks would; a bad value raises InvalidModel."""
        q = self.question
        kind = q.kind
        if kind == "single":
            if not isinstance(value, str) or value not in q.option_ids:
                raise InvalidModel(
                    f"Question {q.id!r}: no option {value!r}; the options are {', '.join(q.option_ids)}"
                )
            self.radio.value = value
        elif kind == "multiple":
            if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
                raise InvalidModel(
                    f"Question {q.id!r}: tick options by giving a list of option ids, got {value!r}"
                )
            unknown = [v for v in value if v not in self.boxes]
            if unknown:
                raise InvalidModel(
                    f"Question {q.id!r}: no option {unknown[0]!r}; the options are {', '.join(q.option_ids)}"
                )
            for oid, box in self.boxes.items():
                box.value = oid in value
        elif kind == "numeric":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise InvalidModel(f"Question {q.id!r}: the answer is a number, got {value!r}")
            self.number.value = float(value)
            self._numeric_touched = True
        else:
            if not isinstance(value, (list, tuple)) or sorted(value) != sorted(q.item_ids):
                raise InvalidModel(
                    f"Question {q.id!r}: give every item id once, in your order "
                    f"(the items are {', '.join(q.item_ids)}), got {value!r}"
                )
            self.order = list(value)
            self._show_order()

    def clear(self) -> None:
        """Empty the answer and the confidence, as before the first click."""
        q = self.question
        kind = q.kind
        if kind == "single":
            self.radio.value = None
        elif kind == "multiple":
            for box in self.boxes.values():
                box.value = False
        elif kind == "numeric":
            self._resetting = True
            try:
                self.number.value = 0.0
            finally:
                self._resetting = False
            self._numeric_touched = False
        else:
            self.order = list(q.item_ids)  # back to the shuffled start, never the solution
            self._show_order()
        self.confidence.value = None
        self.message.clear()

    def show(self, result: Result | None) -> None:
        """Render this question's part of the state: feedback and which controls are live."""
        checked = result is not None
        self.feedback.value = result_html(result) if checked else ""
        for control in self.controls:
            control.disabled = checked
        if not checked and self.question.kind == "order":
            for pos, (_label, up, down) in enumerate(self.rows):
                up.disabled = pos == 0
                down.disabled = pos == len(self.rows) - 1
        self.confidence.disabled = checked
        self.check_button.disabled = checked
        self.retry_button.disabled = not checked

    @reports_errors
    def check(self) -> Result:
        card = self.card
        q = self.question
        card._refuse_if_checked(q)
        answer = self.current_answer()
        confidence = self.confidence.value
        if confidence is None:
            raise InvalidModel("Choose how sure you are (guess, fairly sure or certain) before checking.")
        result = mark(q, answer)
        self.message.clear()
        card.state.results = {**card.state.results, q.id: result}
        card._record(q, result, confidence)
        return result


class QuizCard(CourseWidget):
    """A notebook's self-assessment quiz, marked in the kernel.

    ``mode="one"`` shows one question at a time with Previous / Next; ``"all"`` shows every
    question. ``seed`` fixes the order of options and order items. ``journal="auto"`` records
    each checked answer in the learner's journal (``$COURSEKIT_HOME``), ``None`` records
    nothing, and any object with ``record_attempt`` is used as is. ``practice=True`` asks the
    bank's practice questions instead of its card questions and never records an answer.
    """

    def __init__(
        self,
        bank_or_notebook: Bank | str,
        *,
        mode: str = "one",
        seed: int | str = 0,
        journal: Any = "auto",
        practice: bool = False,
    ) -> None:
        super().__init__(layout=w.Layout(width="auto"))
        self.add_class("ck-quiz")
        if isinstance(bank_or_notebook, Bank):
            bank = bank_or_notebook
        elif isinstance(bank_or_notebook, str):
            bank = load_bank(bank_or_notebook)
        else:
            raise InvalidModel(
                f"QuizCard needs a Bank or a notebook name, got {type(bank_or_notebook).__name__}"
            )
        if mode not in MODES:
            raise InvalidModel(f"QuizCard.mode must be one of {', '.join(MODES)}; got {mode!r}")
        if not (
            journal is None
            or (isinstance(journal, str) and journal == "auto")
            or callable(getattr(journal, "record_attempt", None))
        ):
            raise InvalidModel("QuizCard.journal must be 'auto', None or an object with record_attempt()")
        if not isinstance(practice, bool):
            raise InvalidModel(f"QuizCard.practice must be true or false, got {practice!r}")
        if practice and not bank.practice:
            raise InvalidModel(
                f"{bank.notebook} has no practice questions (add a practice: list to its bank)"
            )
        self.bank = bank
        self.mode = mode
        self.seed = seed
        self.practice = practice
        self.run = _next_run(bank.notebook)
        self._journal = None if practice else journal  # practice answers are never recorded
        asked = bank.practice if practice else bank.questions
        self.questions: tuple[Question, ...] = tuple(shuffled(q, seed) for q in asked)
        self.state = QuizState()
        self.message = MessageArea()
        self.journal_note = MessageArea()
        title = f"{bank.title}: practice questions" if practice else bank.title
        self._title = w.HTML(f'<h3 style="margin:4px 0">{escape(title)}</h3>')
        self._score = w.HTML()
        # Question views are built when first shown or used: fewer widgets in a saved notebook.
        self.views: dict[str, _QuestionView] = {}
        if mode == "all":
            for q in self.questions:
                self.view(q.id)
        self._previous = w.Button(
            description="Previous",
            icon="arrow-left",
            tooltip="Previous question",
            layout=w.Layout(width="auto"),
        )
        self._next = w.Button(
            description="Next", icon="arrow-right", tooltip="Next question", layout=w.Layout(width="auto")
        )
        self._previous.on_click(lambda _b: self.previous())
        self._next.on_click(lambda _b: self.next())
        self._nav = w.HBox([self._previous, self._next])
        self.state.observe(self._render, names=["current", "results"])
        self._render()

    # -- controller: what the buttons call, and what tests and notebooks call

    def view(self, qid: str | None = None) -> _QuestionView:
        """The controls of a question (the current one by default), built on first use."""
        if qid is None:
            qid = self.questions[self.state.current].id
        if qid not in self.views:
            ids = [q.id for q in self.questions]
            if qid not in ids:
                kind = "practice question" if self.practice else "question"
                shown = self.bank.practice_ids if self.practice else self.bank.ids
                raise InvalidModel(
                    f"{self.bank.notebook} has no {kind} {qid!r} on this card; "
                    f"the {kind}s are {', '.join(shown)}"
                )
            index = ids.index(qid)
            view = _QuestionView(self, self.questions[index], index, len(ids))
            view.show(self.state.results.get(qid))
            self.views[qid] = view
        return self.views[qid]

    def _index(self, qid: str) -> int:
        return [q.id for q in self.questions].index(qid)

    def _refuse_if_checked(self, question: Question) -> None:
        if question.id in self.state.results:
            raise InvalidModel("This question is already checked: press Retry to answer it again.")

    @reports_errors
    def go(self, question: str | int) -> None:
        """Show a question, by id or by position (0 is the first)."""
        if isinstance(question, str):
            self.state.current = self._index(self.view(question).question.id)
        elif (
            isinstance(question, int)
            and not isinstance(question, bool)
            and 0 <= question < len(self.questions)
        ):
            self.state.current = question
        else:
            raise InvalidModel(
                f"no question {question!r}; give an id or a position from 0 to {len(self.questions) - 1}"
            )

    def next(self) -> None:
        """Show the next question (mode "one")."""
        self.state.current = min(self.state.current + 1, len(self.questions) - 1)

    def previous(self) -> None:
        """Show the previous question (mode "one")."""
        self.state.current = max(self.state.current - 1, 0)

    @reports_errors
    def answer(self, qid: str, value: Any, confidence: str | None = "fairly_sure") -> None:
        """Set a question's answer and confidence as clicks would (``confidence=None``: leave it)."""
        view = self.view(qid)
        self.state.current = self._index(qid)
        self._refuse_if_checked(view.question)
        if confidence is not None:
            check_confidence(confidence)
        view.set_answer(value)
        if confidence is not None:
            view.confidence.value = confidence
        view.message.clear()

    @reports_errors
    def check(self, qid: str | None = None) -> Result:
        """Mark the current (or given) question, show its feedback and record the attempt.

        This is what the Check button calls. A missing answer or confidence shows a message
        in the widget and returns None.
        """
        view = self.view(qid)
        if qid is not None:
            self.state.current = self._index(qid)
        return view.check()

    @reports_errors
    def retry(self, qid: str | None = None) -> None:
        """Clear a question (answer, confidence, feedback) so it can be answered again."""
        view = self.view(qid)
        results = dict(self.state.results)
        results.pop(view.question.id, None)
        view.clear()
        self.state.results = results

    @property
    def results(self) -> dict[str, Result]:
        """The results so far, by question id, in the order the questions are shown."""
        got = self.state.results
        return {q.id: got[q.id] for q in self.questions if q.id in got}

    @property
    def score(self) -> Score:
        results = self.state.results.values()
        return Score(
            correct=sum(r.correct for r in results),
            checked=len(results),
            total=len(self.questions),
            points=sum(r.score for r in results),
        )

    @property
    def current(self) -> str:
        """The id of the question shown (mode "one") or last worked on."""
        return self.questions[self.state.current].id

    # -- journal

    def _record(self, question: Question, result: Result, confidence: str) -> None:
        if self._journal is None:
            return
        answer = list(result.answer) if isinstance(result.answer, tuple) else result.answer
        args = (self.bank.notebook, question.id, answer, result.correct, confidence)
        try:
            if isinstance(self._journal, str):  # "auto": the learner's own journal
                from coursekit.journal.store import Journal  # written alongside; imported when used

                with Journal.open() as journal:
                    journal.record_attempt(*args, score=result.score, run=self.run)
            else:
                self._journal.record_attempt(*args, score=result.score, run=self.run)
        except (JournalError, ImportError) as err:
            self.journal_note.show(
                "info", f"Your answers are not being saved to your journal ({err}). The quiz still works."
            )
        else:
            self.journal_note.clear()

    # -- view

    def _render(self, change: dict[str, Any] | None = None) -> None:
        results = self.state.results
        for qid, view in self.views.items():
            view.show(results.get(qid))
        s = self.score
        self._score.value = (
            f'<p role="status" aria-live="polite" style="margin:6px 0"><strong>{s}</strong>'
            f" · {s.total} questions</p>"
        )
        if self.mode == "all":
            body: Sequence[w.Widget] = [v.box for v in self.views.values()]
            self.children = (self._title, *body, self._score, self.message, self.journal_note)
            return
        current = self.state.current
        self._previous.disabled = current == 0
        self._next.disabled = current == len(self.questions) - 1
        view = self.view(self.questions[current].id)
        self.children = (self._title, view.box, self._nav, self._score, self.message, self.journal_note)

    def __repr__(self) -> str:
        s = self.score
        kind = "practice questions" if self.practice else "questions"
        return (
            f"QuizCard({self.bank.notebook}: {s.total} {kind}, {s.checked} checked, "
            f"score {s.correct}/{s.checked})"
        )

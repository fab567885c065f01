"""Quiz models: options, order items, questions, banks, results, and the checks of a question.

Built by :mod:`coursekit.quiz.loading` from a bank file; marked by :mod:`coursekit.quiz.marking`.
A printed question never shows its key.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from coursekit.errors import InvalidModel

__all__ = [
    "TYPES",
    "QUIZZES_DIR",
    "LISTS",
    "RIGHT",
    "WRONG",
    "MISSED",
    "Option",
    "Item",
    "Question",
    "Bank",
    "FeedbackLine",
    "Result",
    "Summary",
]

#: Question types, in the order a summary lists them.
TYPES = ("single", "multiple", "case", "numeric", "order")


QUIZZES_DIR = "quizzes"


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


_OPTION_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


_NOTEBOOK = re.compile(r"^\d\d_[a-z0-9_]+$")


_COMMON_FIELDS = ("id", "type", "objective", "references", "prompt", "explanation")


_TYPE_FIELDS = {
    "single": ("options",),
    "multiple": ("options",),
    "case": ("vignette", "options", "multiple"),
    "numeric": ("answer", "tolerance", "unit", "feedback"),
    "order": ("items", "feedback"),
}


_OPTIONAL = {"multiple", "tolerance", "unit"}


_BANK_FIELDS = ("notebook", "title", "questions", "practice")


#: The question lists of a bank file: ``questions`` is required, ``practice`` optional.
LISTS = ("questions", "practice")


# Marks used in feedback lines (kept in one place so tests and notebooks agree).
RIGHT, WRONG, MISSED = "✓", "✗", "○"


def _number(x: float) -> str:
    """A number as a person writes it: 48, 0.5, 2.25 (never 48.0)."""
    return f"{x:g}"


class _FieldProblem(InvalidModel):
    """An invalid model value that knows its field, so a loader can name it."""

    def __init__(self, owner: str, field: str, detail: str) -> None:
        self.field = field
        self.detail = detail
        super().__init__(f"{owner}: {field}: {detail}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Option:
    """One choice of a single, multiple or case question, with why it is right or wrong.

    ``misconception`` is the id of the glossary entry (``data/misconceptions.yaml``) that a
    wrong option reflects; a correct option has none.
    """

    id: str
    text: str
    correct: bool
    feedback: str
    misconception: str | None = None

    def __repr__(self) -> str:  # never shows ``correct`` or the tag: a printed object must not leak the key
        return f"Option({self.id!r})"


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One entry of an order question."""

    id: str
    text: str

    def __repr__(self) -> str:
        return f"Item({self.id!r})"


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    """One question of a bank.

    ``case`` questions are answered like ``single`` ones, or like ``multiple`` ones when
    ``multiple`` is true; :attr:`kind` says which. For ``order`` questions ``items`` is the
    display order and ``solution`` the correct sequence of item ids (by default the order
    in which the items are listed). ``misconception`` is the glossary id a wrong numeric or
    order answer reflects (written ``feedback: {misconception: ...}`` in a bank); questions
    with options tag their wrong options instead.
    """

    id: str
    type: str
    objective: str
    references: tuple[str, ...]
    prompt: str
    explanation: str
    options: tuple[Option, ...] = ()
    multiple: bool = False
    vignette: str = ""
    answer: float | None = None
    tolerance: float = 0.0
    unit: str = ""
    items: tuple[Item, ...] = ()
    solution: tuple[str, ...] = ()
    feedback_correct: str = ""
    feedback_incorrect: str = ""
    misconception: str | None = None

    def __post_init__(self) -> None:
        if self.type == "multiple":
            object.__setattr__(self, "multiple", True)
        elif self.type != "case":
            object.__setattr__(self, "multiple", False)
        if self.type == "order" and not self.solution:
            object.__setattr__(self, "solution", tuple(i.id for i in self.items))
        for field, detail in _question_problems(self):
            raise _FieldProblem(f"Question {self.id!r}", field, detail)

    @property
    def kind(self) -> str:
        """How the question is answered: single, multiple, numeric or order."""
        if self.type == "case":
            return "multiple" if self.multiple else "single"
        return self.type

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)

    def option(self, option_id: str) -> Option:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(f"question {self.id!r} has no option {option_id!r}")

    def __repr__(self) -> str:  # short, and free of the answer key
        return f"Question({self.id!r}, {self.type})"


def _nonempty(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _question_problems(q: Any) -> Iterator[tuple[str, str]]:
    """Every rule a question breaks, as (field, message); shared by the model and the loader."""
    if not isinstance(q.id, str) or not _SLUG.match(q.id):
        yield "id", f"must be a slug like 'zone-of-four', got {q.id!r}"
    if q.type not in TYPES:
        yield "type", f"must be one of {', '.join(TYPES)}; got {q.type!r}"
        return
    for field in ("objective", "prompt", "explanation"):
        if not _nonempty(getattr(q, field)):
            yield field, "missing or empty text"
    if not q.references:
        yield "references", "must list at least one reference key"
    for i, key in enumerate(q.references):
        if not _nonempty(key):
            yield f"references[{i}]", f"must be a reference key, got {key!r}"
    kind = q.type if q.type != "case" else ("multiple" if q.multiple else "single")
    if q.type == "case" and not _nonempty(q.vignette):
        yield "vignette", "missing or empty text (a short invented person)"
    if kind in ("single", "multiple"):
        yield from _option_problems(q, kind)
    elif kind == "numeric":
        if (
            isinstance(q.answer, bool)
            or not isinstance(q.answer, numbers.Real)
            or not math.isfinite(q.answer)
        ):
            yield "answer", f"must be a number, got {q.answer!r}"
        if (
            isinstance(q.tolerance, bool)
            or not isinstance(q.tolerance, numbers.Real)
            or not math.isfinite(q.tolerance)
            or q.tolerance < 0
        ):
            yield "tolerance", f"must be a number of at least 0, got {q.tolerance!r}"
        if not isinstance(q.unit, str):
            yield "unit", f"must be text, got {q.unit!r}"
    elif kind == "order":
        if len(q.items) < 3:
            yield "items", f"an order question needs at least 3 items, got {len(q.items)}"
        seen: set[str] = set()
        for i, item in enumerate(q.items):
            if not isinstance(item.id, str) or not _OPTION_ID.match(item.id):
                yield f"items[{i}].id", f"must be a short id like 'a' or 'soften', got {item.id!r}"
            elif item.id in seen:
                yield f"items[{i}].id", f"duplicate item id {item.id!r}"
            seen.add(item.id)
            if not _nonempty(item.text):
                yield f"items[{i}].text", "missing or empty text"
        if sorted(q.solution) != sorted(i.id for i in q.items):
            yield "solution", "must list every item id exactly once"
    if kind in ("numeric", "order"):
        if not _nonempty(q.feedback_correct):
            yield "feedback.correct", "missing or empty text"
        if not _nonempty(q.feedback_incorrect):
            yield "feedback.incorrect", "missing or empty text"
        if q.misconception is not None and not _is_slug(q.misconception):
            yield "feedback.misconception", _slug_detail(q.misconception)
    elif q.misconception is not None:
        yield (
            "misconception",
            (
                f"only numeric and order questions name one for their wrong answer; a {q.type} "
                "question tags each wrong option instead"
            ),
        )


def _is_slug(value: object) -> bool:
    return isinstance(value, str) and bool(_SLUG.match(value))


def _slug_detail(value: object) -> str:
    return f"must be a misconception id like 'pain-means-harm', got {value!r}"


def _option_problems(q: Any, kind: str) -> Iterator[tuple[str, str]]:
    if len(q.options) < 2:
        yield "options", f"needs at least 2 options, got {len(q.options)}"
    seen: set[str] = set()
    for i, o in enumerate(q.options):
        if not isinstance(o.id, str) or not _OPTION_ID.match(o.id):
            yield f"options[{i}].id", f"must be a short id like 'a', got {o.id!r}"
        elif o.id in seen:
            yield f"options[{i}].id", f"duplicate option id {o.id!r}"
        seen.add(o.id)
        if not _nonempty(o.text):
            yield f"options[{i}].text", "missing or empty text"
        if not isinstance(o.correct, bool):
            yield f"options[{i}].correct", f"must be true or false, got {o.correct!r}"
        if not _nonempty(o.feedback):
            yield f"options[{i}].feedback", "missing or empty text (say why the option is right or wrong)"
        if o.misconception is not None:
            if not _is_slug(o.misconception):
                yield f"options[{i}].misconception", _slug_detail(o.misconception)
            elif o.correct is True:
                yield (
                    f"options[{i}].misconception",
                    f"option {o.id!r} is correct; only a wrong option names a misconception "
                    f"(remove {o.misconception!r})",
                )
    right = [o.id for o in q.options if o.correct is True]
    if kind == "single" and len(right) != 1:
        found = f"found {len(right)}" + (f" ({', '.join(right)})" if right else "")
        what = "a case question with multiple: false" if q.type == "case" else "a single question"
        yield "options", f"{what} needs exactly one correct option, {found}"
    if kind == "multiple" and not right:
        yield "options", "needs at least one correct option, found none"


@dataclass(frozen=True, slots=True, kw_only=True)
class Bank:
    """The self-assessment questions of one notebook.

    ``questions`` are what the notebook's quiz card asks (``len``, iteration and ``bank[id]``
    see only these); ``practice`` are further questions the card never asks, for worked
    attempts (:meth:`practice_question`). Ids are unique across both lists. ``objectives``
    are the ids of the notebook's objectives in the syllabus (empty when the bank was built
    without one); :func:`summary` reports which of them the questions cover.
    """

    notebook: str
    title: str
    questions: tuple[Question, ...]
    practice: tuple[Question, ...] = ()
    objectives: tuple[str, ...] = ()
    source: str = "<memory>"

    def __post_init__(self) -> None:
        if not isinstance(self.notebook, str) or not _NOTEBOOK.match(self.notebook):
            raise InvalidModel(
                f"Bank.notebook must look like '04_nervous_system_and_pain', got {self.notebook!r}"
            )
        if not _nonempty(self.title):
            raise InvalidModel("Bank.title must be non-empty text")
        if not self.questions:
            raise InvalidModel("Bank.questions must hold at least one question")
        for name in LISTS:
            items = getattr(self, name)
            if not isinstance(items, (tuple, list)) or not all(isinstance(q, Question) for q in items):
                raise InvalidModel(f"Bank.{name} must be a sequence of Question, got {items!r}")
            object.__setattr__(self, name, tuple(items))
        ids = [q.id for q in self.questions]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise InvalidModel(f"Bank.questions: duplicate question id {twice[0]!r}")
        practice_ids = [q.id for q in self.practice]
        twice = sorted({i for i in practice_ids if practice_ids.count(i) > 1 or i in ids})
        if twice:
            raise InvalidModel(
                f"Bank.practice: duplicate question id {twice[0]!r} (ids are unique across questions and practice)"
            )

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the questions the card asks, in bank order."""
        return tuple(q.id for q in self.questions)

    @property
    def practice_ids(self) -> tuple[str, ...]:
        """The ids of the practice questions, in bank order."""
        return tuple(q.id for q in self.practice)

    def practice_question(self, question_id: str) -> Question:
        """A practice question by id (a question the card never asks); KeyError if there is none."""
        for q in self.practice:
            if q.id == question_id:
                return q
        hint = (
            f"; {question_id!r} is a question of the card, not a practice question"
            if question_id in self.ids
            else ""
        )
        listed = ", ".join(self.practice_ids) or "none"
        raise KeyError(
            f"{self.notebook} has no practice question {question_id!r}{hint}; the practice questions are {listed}"
        )

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __getitem__(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(
            f"{self.notebook} has no question {question_id!r}; the questions are {', '.join(self.ids)}"
        )

    def __repr__(self) -> str:
        extra = f", {len(self.practice)} practice" if self.practice else ""
        return f"Bank({self.notebook!r}: {len(self.questions)} questions{extra})"


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedbackLine:
    """Feedback on one thing the learner chose (or missed).

    ``status`` is ``right`` (chosen and right), ``wrong`` (chosen and wrong) or ``missed``
    (a correct option that was not chosen).
    """

    status: str
    label: str
    text: str

    @property
    def mark(self) -> str:
        return {"right": RIGHT, "wrong": WRONG, "missed": MISSED}[self.status]

    def __str__(self) -> str:
        verb = "You missed" if self.status == "missed" else "You chose"
        if self.status in ("right", "wrong") and self.label.startswith("Your "):
            return f"{self.mark} {self.label} — {self.text}"
        return f"{self.mark} {verb}: {self.label} — {self.text}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """The mark of one answer: score 0–1, whether it is fully right, feedback, explanation.

    ``answer`` is the answer as marked: an option id, a tuple of option ids (in the
    question's option order), a number, or a tuple of item ids (in the learner's order).
    """

    question: str
    type: str
    answer: Any
    score: float
    correct: bool
    feedback: tuple[FeedbackLine, ...]
    explanation: str

    @property
    def verdict(self) -> str:
        if self.correct:
            return "correct"
        return "partly right" if self.score > 0 else "not right"

    def __str__(self) -> str:
        head = f"{RIGHT if self.correct else WRONG} {self.question}: {self.verdict} (score {_number(round(self.score, 2))})"
        lines = [head, *(f"  {line}" for line in self.feedback), f"Explanation: {self.explanation}"]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"Result({self.question!r}, score={_number(round(self.score, 2))}, correct={self.correct})"


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """What a bank asks: questions per type and which objectives it covers."""

    notebook: str
    questions: int
    by_type: dict[str, int]
    objectives: tuple[str, ...]
    covered: tuple[str, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(o for o in self.objectives if o not in self.covered)

    def __str__(self) -> str:
        types = ", ".join(f"{t} {n}" for t, n in self.by_type.items())
        lines = [
            f"{self.notebook}: {self.questions} questions ({types})",
            f"Objectives covered: {len(self.covered)} of {len(self.objectives)}"
            f" ({', '.join(self.covered) or 'none'})",
        ]
        if self.missing:
            lines.append(f"Not covered: {', '.join(self.missing)}")
        return "\n".join(lines)

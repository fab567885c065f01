"""Self-assessment quizzes: load a notebook's question bank and mark answers.

A bank is ``data/quizzes/<notebook>.yaml`` (the format is described in that folder's
README): the ``questions`` the notebook's quiz card asks, and a ``practice`` list of further
questions that the card never asks, for the worked attempts printed in the notebook (so no
answer key of the card sits in a stored output). ``load_bank`` validates every question of
both lists against the syllabus and the reference list;
``mark`` is a pure function from a question and an answer to a :class:`Result`. Nothing here
imports ipywidgets: the quiz widget only displays what these functions return, so the answer
key stays in the kernel.
"""

from __future__ import annotations

import math
import numbers
import os
import random
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from coursekit.content.data import data_dir, display_path, load_yaml
from coursekit.content.syllabus import load_principles, load_references
from coursekit.errors import DataErrors, DataFileError, InvalidModel

__all__ = [
    "TYPES",
    "QUIZZES_DIR",
    "Option",
    "Item",
    "Question",
    "Bank",
    "FeedbackLine",
    "Result",
    "mark",
    "shuffled",
    "Summary",
    "summary",
    "check_bank",
    "load_bank",
    "list_banks",
    "check_banks",
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


class _FieldProblem(InvalidModel):
    """An invalid model value that knows its field, so a loader can name it."""

    def __init__(self, owner: str, field: str, detail: str) -> None:
        self.field = field
        self.detail = detail
        super().__init__(f"{owner}: {field}: {detail}")


# ---------------------------------------------------------------------------------------
# Models


@dataclass(frozen=True, slots=True, kw_only=True)
class Option:
    """One choice of a single, multiple or case question, with why it is right or wrong."""

    id: str
    text: str
    correct: bool
    feedback: str

    def __repr__(self) -> str:  # never shows ``correct``: a printed object must not leak the key
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
    in which the items are listed).
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


# ---------------------------------------------------------------------------------------
# Marking


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


def _number(x: float) -> str:
    """A number as a person writes it: 48, 0.5, 2.25 (never 48.0)."""
    return f"{x:g}"


def _bad(question: Question, message: str) -> InvalidModel:
    return InvalidModel(f"Question {question.id!r}: {message}")


def mark(question: Question, answer: Any) -> Result:
    """Mark ``answer`` to ``question``; a malformed answer raises :class:`InvalidModel`.

    single and case: one option id. multiple (and case with ``multiple: true``): a collection
    of option ids, scored (right picks - wrong picks) / number correct, floored at 0, and
    correct only if exactly right. numeric: a number within the tolerance. order: a sequence
    of every item id, correct only in the right order.
    """
    if not isinstance(question, Question):
        raise InvalidModel(f"mark() needs a Question, got {type(question).__name__}")
    kind = question.kind
    if kind == "single":
        return _mark_single(question, answer)
    if kind == "multiple":
        return _mark_multiple(question, answer)
    if kind == "numeric":
        return _mark_numeric(question, answer)
    return _mark_order(question, answer)


def _result(
    question: Question, answer: Any, score: float, correct: bool, lines: Iterable[FeedbackLine]
) -> Result:
    return Result(
        question=question.id,
        type=question.type,
        answer=answer,
        score=float(score),
        correct=correct,
        feedback=tuple(lines),
        explanation=question.explanation,
    )


def _check_option_id(question: Question, value: Any) -> str:
    if not isinstance(value, str):
        raise _bad(
            question, f"an answer is an option id (one of {', '.join(question.option_ids)}), got {value!r}"
        )
    if value not in question.option_ids:
        raise _bad(question, f"no option {value!r}; the options are {', '.join(question.option_ids)}")
    return value


def _mark_single(question: Question, answer: Any) -> Result:
    chosen = _check_option_id(question, answer)
    lines = []
    for o in question.options:
        if o.id == chosen:
            lines.append(
                FeedbackLine(status="right" if o.correct else "wrong", label=o.text, text=o.feedback)
            )
        elif o.correct:
            lines.append(FeedbackLine(status="missed", label=o.text, text=o.feedback))
    right = question.option(chosen).correct
    return _result(question, chosen, 1.0 if right else 0.0, right, lines)


def _mark_multiple(question: Question, answer: Any) -> Result:
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Iterable):
        raise _bad(
            question,
            "tick every option that applies: the answer is a list of option ids "
            f"(from {', '.join(question.option_ids)}), got {answer!r}",
        )
    chosen = {_check_option_id(question, v) for v in answer}
    lines = []
    right_picks = wrong_picks = n_correct = 0
    for o in question.options:
        n_correct += o.correct
        if o.id in chosen:
            right_picks += o.correct
            wrong_picks += not o.correct
            lines.append(
                FeedbackLine(status="right" if o.correct else "wrong", label=o.text, text=o.feedback)
            )
        elif o.correct:
            lines.append(FeedbackLine(status="missed", label=o.text, text=o.feedback))
    score = max(0.0, (right_picks - wrong_picks) / n_correct)
    exact = right_picks == n_correct and wrong_picks == 0
    ordered = tuple(o.id for o in question.options if o.id in chosen)
    return _result(question, ordered, 1.0 if exact else score, exact, lines)


def _mark_numeric(question: Question, answer: Any) -> Result:
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real) or not math.isfinite(answer):
        raise _bad(question, f"the answer is a number, got {answer!r}")
    value = float(answer)
    assert question.answer is not None  # guaranteed by the model
    # A hair of slack so that 0.1 + 0.2 counts as 0.3.
    right = abs(value - question.answer) <= question.tolerance + 1e-9 * max(1.0, abs(question.answer))
    label = f"Your answer: {_number(value)}{' ' + question.unit if question.unit else ''}"
    line = FeedbackLine(
        status="right" if right else "wrong",
        label=label,
        text=question.feedback_correct if right else question.feedback_incorrect,
    )
    return _result(question, value, 1.0 if right else 0.0, right, [line])


def _mark_order(question: Question, answer: Any) -> Result:
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, (list, tuple)):
        raise _bad(
            question,
            "the answer is a list of item ids in your order "
            f"(each of {', '.join(question.item_ids)} once), got {answer!r}",
        )
    ids = set(question.item_ids)
    unknown = [v for v in answer if not isinstance(v, str) or v not in ids]
    if unknown:
        raise _bad(question, f"no item {unknown[0]!r}; the items are {', '.join(question.item_ids)}")
    twice = sorted({v for v in answer if answer.count(v) > 1})
    if twice:
        raise _bad(question, f"item {twice[0]!r} is listed twice; list each item once")
    missing = [i for i in question.item_ids if i not in answer]
    if missing:
        raise _bad(question, f"item {missing[0]!r} is missing; list each item once")
    order = tuple(answer)
    right = order == question.solution
    in_place = sum(a == b for a, b in zip(order, question.solution, strict=True))
    text_of = {i.id: i.text for i in question.items}
    label = "Your order: " + " → ".join(text_of[i] for i in order)
    text = (
        question.feedback_correct
        if right
        else (f"{question.feedback_incorrect} ({in_place} of {len(order)} in the right place.)")
    )
    line = FeedbackLine(status="right" if right else "wrong", label=label, text=text)
    return _result(question, order, 1.0 if right else 0.0, right, [line])


def shuffled(question: Question, seed: int | str = 0) -> Question:
    """The question with its options (or order items) in a seeded, stable order.

    The same seed gives the same order in every process (``random.Random`` seeded with a
    string, never the global generator). An order question never starts in its solution.
    """
    rng = random.Random(f"{seed}:{question.id}")
    if question.options:
        options = list(question.options)
        rng.shuffle(options)
        return replace(question, options=tuple(options))
    if question.items:
        items = list(question.items)
        for _ in range(20):
            rng.shuffle(items)
            if tuple(i.id for i in items) != question.solution:
                break
        else:  # vanishingly unlikely with 3+ items; rotate so it is still not the solution
            by_id = {i.id: i for i in question.items}
            items = [by_id[i] for i in question.solution[1:] + question.solution[:1]]
        return replace(question, items=tuple(items))
    return question


# ---------------------------------------------------------------------------------------
# Summary


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


def summary(bank: Bank) -> Summary:
    """Count the bank's questions per type and compare its objectives with the notebook's."""
    by_type = {t: sum(q.type == t for q in bank.questions) for t in TYPES}
    used = {q.objective for q in bank.questions}
    objectives = bank.objectives or tuple(sorted(used))
    return Summary(
        notebook=bank.notebook,
        questions=len(bank.questions),
        by_type={t: n for t, n in by_type.items() if n},
        objectives=tuple(objectives),
        covered=tuple(o for o in objectives if o in used),
    )


# ---------------------------------------------------------------------------------------
# Loading and validation


def _key(key: Any) -> str:
    """A YAML key as a field name in a message (keys need not be text in YAML)."""
    return key if isinstance(key, str) and key.strip() else repr(key)


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _question_from_record(
    record: Any, index: int, path: str, *, objectives: set[str] | None, reference_keys: set[str] | None
) -> tuple[Question | None, list[DataFileError]]:
    """Build one question; return it (or None) and every problem found in the record."""
    if not isinstance(record, dict):
        return None, [
            DataFileError(
                path, f"each question must be a mapping of fields, got {type(record).__name__}", record=index
            )
        ]
    rid = _text_or_none(record.get("id"))
    problems: list[DataFileError] = []

    def fail(field: str, message: str) -> None:
        problems.append(DataFileError(path, message, record=index, record_id=rid, field=field))

    qtype = record.get("type")
    if qtype not in TYPES:
        fail("type", f"must be one of {', '.join(TYPES)}; got {qtype!r}" if "type" in record else "missing")
        return None, problems
    fields = _COMMON_FIELDS + _TYPE_FIELDS[qtype]
    for f in fields:
        if f not in record and f not in _OPTIONAL:
            fail(f, "missing")
    for f in sorted(set(record) - set(fields), key=str):
        fail(_key(f), f"unknown field for a {qtype} question; the fields are {', '.join(fields)}")

    values: dict[str, Any] = {"type": qtype}
    for f in ("id", "objective", "prompt", "explanation", "vignette", "unit"):
        if f in record and f in fields:
            if not isinstance(record[f], str):
                fail(f, f"must be text, got {record[f]!r}")
            values[f] = record[f]
    refs = record.get("references")
    if "references" in record:
        if not isinstance(refs, list) or not refs or not all(isinstance(r, str) for r in refs):
            fail("references", f"must be a non-empty list of reference keys, got {refs!r}")
        else:
            values["references"] = tuple(refs)
            if reference_keys is not None:
                for i, key in enumerate(refs):
                    if key not in reference_keys:
                        fail(f"references[{i}]", f"unknown reference key {key!r} (see references.yaml)")
    if (
        isinstance(values.get("objective"), str)
        and objectives is not None
        and values["objective"] not in objectives
    ):
        fail(
            "objective",
            f"unknown objective {values['objective']!r} for this notebook "
            f"(its objectives are {', '.join(sorted(objectives))})",
        )
    if "multiple" in record and qtype == "case":
        if not isinstance(record["multiple"], bool):
            fail("multiple", f"must be true or false, got {record['multiple']!r}")
        values["multiple"] = record["multiple"]

    if "options" in fields and "options" in record:
        values["options"] = _options(record["options"], fail)
    if qtype == "numeric":
        for f in ("answer", "tolerance"):
            if f in record:
                v = record[f]
                if isinstance(v, bool) or not isinstance(v, (int, float)):
                    fail(f, f"must be a number, got {v!r}")
                else:
                    values[f] = float(v)
    if qtype == "order" and "items" in record:
        values["items"] = _items(record["items"], fail)
    if "feedback" in fields and "feedback" in record:
        fb = record["feedback"]
        if not isinstance(fb, dict):
            fail("feedback", "must be a mapping with the texts correct and incorrect")
        else:
            for f in sorted(set(fb) - {"correct", "incorrect"}, key=str):
                fail(f"feedback.{_key(f)}", "unknown field; the fields are correct, incorrect")
            for f in ("correct", "incorrect"):
                if f not in fb:
                    fail(f"feedback.{f}", "missing")
                elif not isinstance(fb[f], str):
                    fail(f"feedback.{f}", f"must be text, got {fb[f]!r}")
                else:
                    values[f"feedback_{f}"] = fb[f]
    if problems:
        return None, problems

    # Shapes are right: now the rules of the model, all of them at once.
    defaults = {f.name: f.default for f in Question.__dataclass_fields__.values()}  # type: ignore[attr-defined]
    draft = SimpleNamespace(**{**defaults, **values})
    if qtype == "multiple":
        draft.multiple = True
    if qtype == "order":
        draft.solution = tuple(i.id for i in draft.items)
    for field, detail in _question_problems(draft):
        fail(field, detail)
    if problems:
        return None, problems
    try:
        return Question(**values), []
    except InvalidModel as err:  # not expected: the checks above are the model's own
        fail(getattr(err, "field", "question"), getattr(err, "detail", str(err)))
        return None, problems


def _options(raw: Any, fail: Any) -> tuple[Option, ...]:
    if not isinstance(raw, list):
        fail("options", f"must be a list of options, got {raw!r}")
        return ()
    out = []
    for i, o in enumerate(raw):
        if not isinstance(o, dict):
            fail(f"options[{i}]", "must be a mapping with id, text, correct and feedback")
            continue
        for f in sorted(set(o) - {"id", "text", "correct", "feedback"}, key=str):
            fail(f"options[{i}].{_key(f)}", "unknown field; the fields are id, text, correct, feedback")
        ok = True
        for f in ("id", "text", "feedback"):
            if f not in o or o[f] is None:
                fail(f"options[{i}].{f}", "missing")
                ok = False
            elif not isinstance(o[f], str):
                fail(f"options[{i}].{f}", f"must be text, got {o[f]!r}")
                ok = False
        correct = o.get("correct", False)
        if not isinstance(correct, bool):
            fail(f"options[{i}].correct", f"must be true or false, got {correct!r}")
            ok = False
        if ok:
            out.append(Option(id=o["id"], text=o["text"], correct=correct, feedback=o["feedback"]))
    return tuple(out)


def _items(raw: Any, fail: Any) -> tuple[Item, ...]:
    if not isinstance(raw, list):
        fail("items", f"must be a list of items in the correct order, got {raw!r}")
        return ()
    out = []
    for i, it in enumerate(raw):
        if not isinstance(it, dict):
            fail(f"items[{i}]", "must be a mapping with id and text")
            continue
        for f in sorted(set(it) - {"id", "text"}, key=str):
            fail(f"items[{i}].{_key(f)}", "unknown field; the fields are id, text")
        ok = True
        for f in ("id", "text"):
            if not isinstance(it.get(f), str):
                fail(f"items[{i}].{f}", "missing" if it.get(f) is None else f"must be text, got {it[f]!r}")
                ok = False
        if ok:
            out.append(Item(id=it["id"], text=it["text"]))
    return tuple(out)


def check_bank(
    document: Any,
    path: str,
    *,
    notebook: str | None = None,
    objectives: Iterable[str] | None = None,
    reference_keys: Iterable[str] | None = None,
) -> tuple[Bank | None, list[DataFileError]]:
    """Validate one bank file's content; return the bank (None if unusable) and every problem.

    ``notebook`` is the notebook the bank must belong to; ``objectives`` the ids of that
    notebook's objectives and ``reference_keys`` the keys of references.yaml (``None``
    skips that check). A bank with problems is returned with its valid questions only, so
    ``coursekit check-data`` can report everything in one pass.
    """
    problems: list[DataFileError] = []
    if not isinstance(document, dict):
        return None, [DataFileError(path, "a quiz bank must be a mapping with notebook, title and questions")]
    for f in _BANK_FIELDS:
        if f not in document and f != "practice":
            problems.append(DataFileError(path, "missing", field=f))
    for f in sorted(set(document) - set(_BANK_FIELDS), key=str):
        problems.append(
            DataFileError(path, f"unknown field; the fields are {', '.join(_BANK_FIELDS)}", field=_key(f))
        )
    nb = document.get("notebook")
    if "notebook" in document:
        if not isinstance(nb, str) or not _NOTEBOOK.match(nb):
            problems.append(
                DataFileError(
                    path, f"must look like '04_nervous_system_and_pain', got {nb!r}", field="notebook"
                )
            )
        elif notebook is not None and nb != notebook:
            problems.append(
                DataFileError(path, f"says {nb!r}, but this is the bank of {notebook!r}", field="notebook")
            )
    title = document.get("title")
    if "title" in document and not _nonempty(title):
        problems.append(DataFileError(path, "missing or empty text", field="title"))
    objectives = tuple(objectives) if objectives is not None else None
    context = {
        "objectives": set(objectives) if objectives is not None else None,
        "reference_keys": set(reference_keys) if reference_keys is not None else None,
    }
    seen: dict[str, tuple[str, int]] = {}  # question id -> (list, record) of its first use
    lists: dict[str, list[Question]] = {}
    for name in LISTS:
        records = document.get(name)
        if name in document and (not isinstance(records, list) or not records):
            problems.append(DataFileError(path, "must be a non-empty list of questions", field=name))
            records = None
        # Records of the questions list are named as before ("record 3 (id)"); practice
        # records carry the list's name ("practice: record 0 (id)").
        where = path if name == "questions" else f"{path}: {name}"
        lists[name] = _check_records(records or [], name, where, seen, problems, **context)
    questions, practice = lists["questions"], lists["practice"]
    bank = None
    if isinstance(nb, str) and _NOTEBOOK.match(nb) and _nonempty(title) and questions:
        bank = Bank(
            notebook=nb,
            title=title,
            questions=tuple(questions),
            practice=tuple(practice),
            objectives=objectives or (),
            source=path,
        )
    return bank, problems


def _check_records(
    records: list[Any],
    name: str,
    where: str,
    seen: dict[str, tuple[str, int]],
    problems: list[DataFileError],
    *,
    objectives: set[str] | None,
    reference_keys: set[str] | None,
) -> list[Question]:
    """The valid questions of one list of a bank; problems are appended, ids shared via ``seen``."""
    out: list[Question] = []
    for index, record in enumerate(records):
        question, found = _question_from_record(
            record, index, where, objectives=objectives, reference_keys=reference_keys
        )
        rid = record.get("id") if isinstance(record, dict) else None
        if isinstance(rid, str):
            if rid in seen:
                first_list, first_index = seen[rid]
                first = (
                    f"record {first_index}" if first_list == name else f"{first_list} record {first_index}"
                )
                found.append(
                    DataFileError(
                        where,
                        f"duplicate id (first used by {first})",
                        record=index,
                        record_id=rid,
                        field="id",
                    )
                )
                question = None
            else:
                seen[rid] = (name, index)
        problems.extend(found)
        if question is not None:
            out.append(question)
    return out


def _locate(notebook: str, path: str | os.PathLike[str] | None) -> tuple[Path, Path]:
    """The bank file and the data folder whose syllabus and references it is checked against."""
    if path is not None and Path(path).suffix in (".yaml", ".yml"):
        file = Path(path)
        beside = file.parent.parent
        folder = beside if (beside / "principles.yaml").is_file() else data_dir()
        return file, folder
    folder = data_dir(path)
    return folder / QUIZZES_DIR / f"{notebook}.yaml", folder


# Loaded banks by file and modification time: a notebook builds cards often, YAML is slow.
_CACHE: dict[tuple[Any, ...], Bank] = {}


def _stamp(file: Path) -> tuple[str, int, int]:
    try:
        info = file.stat()
        return str(file.resolve()), info.st_mtime_ns, info.st_size
    except OSError:
        return str(file), -1, -1


_SYLLABUS: dict[tuple[Any, ...], tuple[dict[str, tuple[str, ...]], set[str]]] = {}


def _syllabus(folder: Path, key: tuple[Any, ...]) -> tuple[dict[str, tuple[str, ...]], set[str]]:
    """Objective ids by notebook and the reference keys of a data folder (cached by mtime)."""
    if key not in _SYLLABUS:
        objectives = {p.notebook: tuple(o.id for o in p.objectives) for p in load_principles(folder)}
        _SYLLABUS[key] = (objectives, set(load_references(folder)))
    return _SYLLABUS[key]


def load_bank(notebook: str, path: str | os.PathLike[str] | None = None) -> Bank:
    """Load and validate the bank of ``notebook`` (``"04_nervous_system_and_pain"``).

    ``path`` is a data folder or a bank file; by default the bundled data (or
    ``$COURSEKIT_DATA``). Problems raise :class:`DataFileError` (``DataErrors`` listing
    every problem) naming file, question (index and id) and field.
    """
    file, folder = _locate(notebook, path)
    syllabus_key = tuple(_stamp(f) for f in (folder / "principles.yaml", folder / "references.yaml"))
    key = (notebook, _stamp(file), syllabus_key)
    if key in _CACHE:
        return _CACHE[key]
    name = display_path(file)
    document = load_yaml(file)
    all_objectives, keys = _syllabus(folder, syllabus_key)
    objectives: tuple[str, ...] | None = None
    pre: list[DataFileError] = []
    if notebook in all_objectives:
        objectives = all_objectives[notebook]
    else:
        pre.append(DataFileError(name, f"no notebook {notebook!r} in principles.yaml", field="notebook"))
    bank, problems = check_bank(document, name, notebook=notebook, objectives=objectives, reference_keys=keys)
    problems = pre + problems
    if problems:
        raise DataErrors(problems)
    assert bank is not None
    _CACHE[key] = bank
    return bank


def list_banks(path: str | os.PathLike[str] | None = None) -> list[str]:
    """The notebooks that have a quiz bank, sorted (the file stems in ``data/quizzes``)."""
    folder = data_dir(path) / QUIZZES_DIR
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.yaml"))


def check_banks(path: str | os.PathLike[str] | None = None) -> list[DataFileError]:
    """Every problem in every bank of the data folder (for ``coursekit check-data``)."""
    problems: list[DataFileError] = []
    for notebook in list_banks(path):
        try:
            load_bank(notebook, path)
        except DataErrors as err:
            problems.extend(err.problems)
        except DataFileError as err:
            problems.append(err)
    return problems

"""The misconception glossary (``data/misconceptions.yaml``) that quiz answers are tagged with.

Every wrong option of a bank, and the wrong answer of every numeric and order question,
names one entry of the glossary (``misconception: pain-means-harm``), so a class's answers
can be read as the ideas the class holds, not only as the questions it missed. The tags are
kept in the kernel: a printed option or question never shows them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from coursekit.content.data import data_dir, display_path, load_yaml
from coursekit.errors import DataErrors, DataFileError, InvalidModel
from coursekit.quiz.marking import mark
from coursekit.quiz.models import _SLUG, Question

__all__ = [
    "FILE",
    "FIELDS",
    "LABEL_MAX",
    "SLIP",
    "Misconception",
    "check_misconceptions",
    "load_misconceptions",
    "misconceptions_in",
]

FILE = "misconceptions.yaml"
#: The fields of a glossary record, all required.
FIELDS = ("id", "label", "description", "correction", "references")
#: A label is a column heading in a class report, so it stays short.
LABEL_MAX = 40
#: How the label of a slip (a reading or calculation mistake, not a belief) begins.
SLIP = "Slip:"


@dataclass(frozen=True, slots=True, kw_only=True)
class Misconception:
    """One idea a wrong answer can reflect: a belief, or a slip, and what the evidence says instead."""

    id: str
    label: str  # a short name for a column heading
    description: str  # the belief (or slip) in plain words
    correction: str  # what the evidence says instead
    references: tuple[str, ...]

    def __post_init__(self) -> None:
        for field, detail in _problems(self):
            raise InvalidModel(f"Misconception {self.id!r}: {field}: {detail}")

    @property
    def slip(self) -> bool:
        """True for a reading or calculation slip, False for a belief."""
        return self.label.startswith(SLIP)

    def __repr__(self) -> str:
        return f"Misconception({self.id!r})"


def _problems(m: Any) -> Iterable[tuple[str, str]]:
    """Every rule an entry breaks, as (field, message); shared by the model and the loader."""
    if not isinstance(m.id, str) or not _SLUG.match(m.id):
        yield "id", f"must be a slug like 'pain-means-harm', got {m.id!r}"
    for field in ("label", "description", "correction"):
        value = getattr(m, field)
        if not isinstance(value, str) or not value.strip():
            yield field, "missing or empty text"
    if isinstance(m.label, str) and len(m.label) > LABEL_MAX:
        yield "label", f"must be at most {LABEL_MAX} characters (a column heading), got {len(m.label)}"
    if isinstance(m.label, str) and m.label.startswith(SLIP) and not m.label[len(SLIP) :].strip():
        yield "label", f"says {SLIP!r} but names no slip"
    refs = m.references
    if not isinstance(refs, tuple) or not refs or not all(isinstance(r, str) and r.strip() for r in refs):
        yield "references", f"must list at least one reference key, got {refs!r}"


def check_misconceptions(
    document: Any, path: str, reference_keys: Iterable[str] | None = None
) -> tuple[dict[str, Misconception], list[DataFileError]]:
    """Validate the parsed glossary; return the entries by id (the valid ones) and every problem.

    ``reference_keys`` are the keys of references.yaml (``None`` skips that check).
    """
    if not isinstance(document, list) or not document:
        return {}, [DataFileError(path, "the file must be a non-empty list of misconceptions")]
    keys = set(reference_keys) if reference_keys is not None else None
    out: dict[str, Misconception] = {}
    problems: list[DataFileError] = []
    seen: dict[str, int] = {}  # id -> the record that used it first, valid or not
    for index, record in enumerate(document):
        entry, found = _entry(record, index, path, keys)
        rid = record.get("id") if isinstance(record, dict) else None
        if isinstance(rid, str) and rid in seen:
            first = f"first used by record {seen[rid]}"
            found.append(
                DataFileError(path, f"duplicate id ({first})", record=index, record_id=rid, field="id")
            )
            entry = None
        elif isinstance(rid, str):
            seen[rid] = index
        problems += found
        if entry is not None:
            out[entry.id] = entry
    return out, problems


def _entry(
    record: Any, index: int, path: str, reference_keys: set[str] | None
) -> tuple[Misconception | None, list[DataFileError]]:
    if not isinstance(record, dict):
        return None, [DataFileError(path, "each misconception must be a mapping of fields", record=index)]
    rid = record.get("id") if isinstance(record.get("id"), str) else None
    problems: list[DataFileError] = []

    def fail(field: str, message: str) -> None:
        problems.append(DataFileError(path, message, record=index, record_id=rid, field=field))

    for f in sorted(set(record) - set(FIELDS), key=str):
        fail(str(f), f"unknown field; the fields are {', '.join(FIELDS)}")
    values: dict[str, Any] = {}
    for f in FIELDS:
        if f not in record or record[f] is None:
            fail(f, "missing")
        elif f == "references":
            refs = record[f]
            if not isinstance(refs, list) or not refs or not all(isinstance(r, str) for r in refs):
                fail(f, f"must be a non-empty list of reference keys, got {refs!r}")
                continue
            values[f] = tuple(refs)
            for i, key in enumerate(refs):
                if reference_keys is not None and key not in reference_keys:
                    fail(f"references[{i}]", f"unknown reference key {key!r} (see references.yaml)")
        elif not isinstance(record[f], str):
            fail(f, f"must be text, got {record[f]!r}")
        else:
            values[f] = " ".join(record[f].split()) if f != "id" else record[f]
    if problems:
        return None, problems
    for field, detail in _problems(SimpleNamespace(**values)):  # the model's rules, field by field
        fail(field, detail)
    if problems:
        return None, problems
    return Misconception(**values), []


# Loaded glossaries by file, modification time and size, and the references they were checked with.
_CACHE: dict[tuple[Any, ...], dict[str, Misconception]] = {}


def _stamp(file: Path) -> tuple[str, int, int]:
    try:
        info = file.stat()
        return str(file.resolve()), info.st_mtime_ns, info.st_size
    except OSError:
        return str(file), -1, -1


def load_misconceptions(path: str | os.PathLike[str] | None = None) -> dict[str, Misconception]:
    """The glossary by id, in file order, checked against the folder's references.yaml.

    ``path`` is a data folder or the glossary file itself; by default the bundled data (or
    ``$COURSEKIT_DATA``). Problems raise :class:`DataFileError` (``DataErrors`` listing every
    problem) naming file, record and field.
    """
    from coursekit.content.syllabus import load_references

    if path is not None and Path(path).suffix in (".yaml", ".yml"):
        file = Path(path)
        folder = file.parent if (file.parent / "references.yaml").is_file() else data_dir()
    else:
        folder = data_dir(path)
        file = folder / FILE
    key = (_stamp(file), _stamp(folder / "references.yaml"))
    if key not in _CACHE:
        glossary, problems = check_misconceptions(
            load_yaml(file), display_path(file), set(load_references(folder))
        )
        if problems:
            raise DataErrors(problems)
        _CACHE[key] = glossary
    return dict(_CACHE[key])


def misconceptions_in(question: Question, answer: Any) -> tuple[str, ...]:
    """The misconception ids an answer reflects, in the question's option order.

    The answer is what :func:`~coursekit.quiz.marking.mark` takes (a malformed one raises
    :class:`InvalidModel`). A wrong option that was chosen gives its tag; a wrong numeric or
    order answer gives the question's tag. A correct option left unticked gives none (missing
    a right idea is not holding a wrong one), and a correct answer gives none.
    """
    result = mark(question, answer)
    if question.kind in ("numeric", "order"):
        return () if result.correct or question.misconception is None else (question.misconception,)
    chosen = {result.answer} if isinstance(result.answer, str) else set(result.answer or ())
    tags = [o.misconception for o in question.options if o.id in chosen and not o.correct]
    return tuple(dict.fromkeys(t for t in tags if t is not None))

"""Loading quiz banks: ``data/quizzes/<notebook>.yaml`` to a :class:`~coursekit.quiz.models.Bank`.

A bank holds the ``questions`` the notebook's quiz card asks and a ``practice`` list the card
never asks (for the worked attempts printed in the notebook, so no key of the card sits in a
stored output). ``load_bank`` validates every question of both lists against the syllabus, the
reference list and the misconception glossary (every wrong answer names an entry of it); a
broken record names file, list, record and field.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from coursekit.content.data import data_dir, display_path, load_yaml
from coursekit.content.syllabus import load_principles, load_references
from coursekit.errors import DataErrors, DataFileError, InvalidModel
from coursekit.quiz.misconceptions import FILE as GLOSSARY_FILE
from coursekit.quiz.misconceptions import load_misconceptions
from coursekit.quiz.models import (
    _BANK_FIELDS,
    _COMMON_FIELDS,
    _NOTEBOOK,
    _OPTIONAL,
    _TYPE_FIELDS,
    LISTS,
    QUIZZES_DIR,
    TYPES,
    Bank,
    Item,
    Option,
    Question,
    _nonempty,
    _question_problems,
)

__all__ = [
    "check_bank",
    "load_bank",
    "list_banks",
    "check_banks",
]


def _key(key: Any) -> str:
    """A YAML key as a field name in a message (keys need not be text in YAML)."""
    return key if isinstance(key, str) and key.strip() else repr(key)


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _question_from_record(
    record: Any,
    index: int,
    path: str,
    *,
    objectives: set[str] | None,
    reference_keys: set[str] | None,
    misconception_ids: set[str] | None = None,
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
            fail("feedback", "must be a mapping with correct, incorrect and misconception")
        else:
            for f in sorted(set(fb) - {"correct", "incorrect", "misconception"}, key=str):
                fail(f"feedback.{_key(f)}", "unknown field; the fields are correct, incorrect, misconception")
            for f in ("correct", "incorrect"):
                if f not in fb:
                    fail(f"feedback.{f}", "missing")
                elif not isinstance(fb[f], str):
                    fail(f"feedback.{f}", f"must be text, got {fb[f]!r}")
                else:
                    values[f"feedback_{f}"] = fb[f]
            if fb.get("misconception") is not None:
                values["misconception"] = fb["misconception"]
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
    _check_tags(values, misconception_ids, fail)
    if problems:
        return None, problems
    try:
        return Question(**values), []
    except InvalidModel as err:  # not expected: the checks above are the model's own
        fail(getattr(err, "field", "question"), getattr(err, "detail", str(err)))
        return None, problems


def _check_tags(values: dict[str, Any], misconception_ids: set[str] | None, fail: Any) -> None:
    """Every wrong answer names a known misconception (only when the glossary is given).

    The form of a tag (a slug, never on a correct option) is the model's rule, checked with
    the other rules of the question; this is the check against the glossary.
    """
    if misconception_ids is None:
        return
    for i, o in enumerate(values.get("options", ())):
        if o.correct:
            continue
        where = f"options[{i}].misconception"
        if o.misconception is None:
            fail(
                where,
                f"missing: wrong option {o.id!r} must name the misconception or slip it reflects ({GLOSSARY_FILE})",
            )
        elif isinstance(o.misconception, str) and o.misconception not in misconception_ids:
            fail(where, f"option {o.id!r}: unknown misconception {o.misconception!r} (see {GLOSSARY_FILE})")
    if values["type"] in ("numeric", "order") and "feedback_incorrect" in values:
        tag = values.get("misconception")
        if tag is None:
            fail(
                "feedback.misconception",
                f"missing: the wrong answer must name the misconception or slip it reflects ({GLOSSARY_FILE})",
            )
        elif isinstance(tag, str) and tag not in misconception_ids:
            fail("feedback.misconception", f"unknown misconception {tag!r} (see {GLOSSARY_FILE})")


def _options(raw: Any, fail: Any) -> tuple[Option, ...]:
    if not isinstance(raw, list):
        fail("options", f"must be a list of options, got {raw!r}")
        return ()
    out = []
    fields = ("id", "text", "correct", "feedback", "misconception")
    for i, o in enumerate(raw):
        if not isinstance(o, dict):
            fail(f"options[{i}]", "must be a mapping with id, text, correct, feedback and misconception")
            continue
        for f in sorted(set(o) - set(fields), key=str):
            fail(f"options[{i}].{_key(f)}", f"unknown field; the fields are {', '.join(fields)}")
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
            out.append(
                Option(
                    id=o["id"],
                    text=o["text"],
                    correct=correct,
                    feedback=o["feedback"],
                    misconception=o.get("misconception"),
                )
            )
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
    misconception_ids: Iterable[str] | None = None,
) -> tuple[Bank | None, list[DataFileError]]:
    """Validate one bank file's content; return the bank (None if unusable) and every problem.

    ``notebook`` is the notebook the bank must belong to; ``objectives`` the ids of that
    notebook's objectives, ``reference_keys`` the keys of references.yaml and
    ``misconception_ids`` the ids of misconceptions.yaml, which every wrong option and every
    numeric or order question must then name (``None`` skips that check). A bank with
    problems is returned with its valid questions only, so ``coursekit check-data`` can
    report everything in one pass.
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
        "misconception_ids": set(misconception_ids) if misconception_ids is not None else None,
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
    misconception_ids: set[str] | None,
) -> list[Question]:
    """The valid questions of one list of a bank; problems are appended, ids shared via ``seen``."""
    out: list[Question] = []
    for index, record in enumerate(records):
        question, found = _question_from_record(
            record,
            index,
            where,
            objectives=objectives,
            reference_keys=reference_keys,
            misconception_ids=misconception_ids,
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


_Syllabus = tuple[dict[str, tuple[str, ...]], set[str], set[str] | None]
_SYLLABUS: dict[tuple[Any, ...], _Syllabus] = {}


def _syllabus(folder: Path, key: tuple[Any, ...]) -> _Syllabus:
    """Objective ids by notebook, reference keys and misconception ids of a data folder.

    Cached by the files' modification times. A folder without a glossary (data written for
    an older kit) gives ``None`` for the ids, so tags are not checked against it; ``coursekit
    check-data`` reports the missing file.
    """
    if key not in _SYLLABUS:
        objectives = {p.notebook: tuple(o.id for o in p.objectives) for p in load_principles(folder)}
        glossary = folder / GLOSSARY_FILE
        ids = set(load_misconceptions(glossary)) if glossary.is_file() else None
        _SYLLABUS[key] = (objectives, set(load_references(folder)), ids)
    return _SYLLABUS[key]


def load_bank(notebook: str, path: str | os.PathLike[str] | None = None) -> Bank:
    """Load and validate the bank of ``notebook`` (``"04_nervous_system_and_pain"``).

    ``path`` is a data folder or a bank file; by default the bundled data (or
    ``$COURSEKIT_DATA``). Problems raise :class:`DataFileError` (``DataErrors`` listing
    every problem) naming file, question (index and id) and field.
    """
    file, folder = _locate(notebook, path)
    syllabus_key = tuple(_stamp(folder / f) for f in ("principles.yaml", "references.yaml", GLOSSARY_FILE))
    key = (notebook, _stamp(file), syllabus_key)
    if key in _CACHE:
        return _CACHE[key]
    name = display_path(file)
    document = load_yaml(file)
    all_objectives, keys, misconception_ids = _syllabus(folder, syllabus_key)
    objectives: tuple[str, ...] | None = None
    pre: list[DataFileError] = []
    if notebook in all_objectives:
        objectives = all_objectives[notebook]
    else:
        pre.append(DataFileError(name, f"no notebook {notebook!r} in principles.yaml", field="notebook"))
    bank, problems = check_bank(
        document,
        name,
        notebook=notebook,
        objectives=objectives,
        reference_keys=keys,
        misconception_ids=misconception_ids,
    )
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

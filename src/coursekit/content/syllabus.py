"""The syllabus (``principles.yaml``) and the reference list (``references.yaml``)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from coursekit.content.data import data_dir, display_path, load_yaml
from coursekit.errors import DataErrors, DataFileError

EVIDENCE = ("guideline-backed", "consistent with evidence", "teaching heuristic")
REFERENCE_KINDS = ("guideline", "review", "trial", "cohort", "clinical-reference", "convention")
_NOTEBOOK = re.compile(r"^\d\d_[a-z0-9_]+$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    key: str
    citation: str
    kind: str
    fact: str

    def __repr__(self) -> str:
        return f"Reference({self.key!r})"


@dataclass(frozen=True, slots=True, kw_only=True)
class Objective:
    id: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Principle:
    """One notebook of the syllabus: what it teaches and how strong the evidence is."""

    notebook: str
    title: str
    principle: str
    evidence: str
    summary: str
    objectives: tuple[Objective, ...]
    takeaways: tuple[str, ...]
    references: tuple[str, ...]

    @property
    def number(self) -> int:
        return int(self.notebook[:2])

    def objective(self, objective_id: str) -> Objective:
        for o in self.objectives:
            if o.id == objective_id:
                return o
        raise KeyError(f"{self.notebook} has no objective {objective_id!r}")

    def __repr__(self) -> str:
        return f"Principle({self.notebook!r})"


def _text(fail, record: dict, field: str) -> str:
    value = record.get(field)
    if not isinstance(value, str) or not value.strip():
        raise fail(field, "missing or empty text")
    return value


def check_references(records: Any, path: str) -> tuple[dict[str, Reference], list[DataFileError]]:
    """Validate ``references.yaml``; return the references by key and every problem."""
    if not isinstance(records, list):
        return {}, [DataFileError(path, "the file must be a list of references")]
    refs: dict[str, Reference] = {}
    problems: list[DataFileError] = []
    for index, record in enumerate(records):
        rid = record.get("key") if isinstance(record, dict) and isinstance(record.get("key"), str) else None

        def fail(field: str, message: str, index=index, rid=rid) -> DataFileError:
            return DataFileError(path, message, record=index, record_id=rid, field=field)

        try:
            if not isinstance(record, dict):
                raise DataFileError(path, "each reference must be a mapping", record=index)
            unknown = sorted(set(record) - {"key", "citation", "kind", "fact"})
            if unknown:
                raise fail(unknown[0], "unknown field; the fields are key, citation, kind, fact")
            ref = Reference(
                key=_text(fail, record, "key"),
                citation=_text(fail, record, "citation"),
                kind=_text(fail, record, "kind"),
                fact=_text(fail, record, "fact"),
            )
            if ref.kind not in REFERENCE_KINDS:
                raise fail("kind", f"must be one of {', '.join(REFERENCE_KINDS)}; got {ref.kind!r}")
            if ref.key in refs:
                raise fail("key", "duplicate key")
            refs[ref.key] = ref
        except DataFileError as err:
            problems.append(err)
    return refs, problems


def check_principles(
    records: Any, path: str, reference_keys: set[str] | None = None
) -> tuple[list[Principle], list[DataFileError]]:
    """Validate ``principles.yaml``; return the principles in order and every problem."""
    if not isinstance(records, list):
        return [], [DataFileError(path, "the file must be a list of principles")]
    out: list[Principle] = []
    problems: list[DataFileError] = []
    seen: set[str] = set()
    fields = {
        "notebook",
        "title",
        "principle",
        "evidence",
        "summary",
        "objectives",
        "takeaways",
        "references",
    }
    for index, record in enumerate(records):
        rid = (
            record.get("notebook")
            if isinstance(record, dict) and isinstance(record.get("notebook"), str)
            else None
        )

        def fail(field: str, message: str, index=index, rid=rid) -> DataFileError:
            return DataFileError(path, message, record=index, record_id=rid, field=field)

        try:
            if not isinstance(record, dict):
                raise DataFileError(path, "each principle must be a mapping", record=index)
            missing = sorted(fields - set(record))
            if missing:
                raise fail(missing[0], "missing field")
            unknown = sorted(set(record) - fields)
            if unknown:
                raise fail(unknown[0], f"unknown field; the fields are {', '.join(sorted(fields))}")
            notebook = _text(fail, record, "notebook")
            if not _NOTEBOOK.match(notebook):
                raise fail("notebook", f"must look like '05_sequencing', got {notebook!r}")
            if notebook in seen:
                raise fail("notebook", "listed twice")
            evidence = _text(fail, record, "evidence")
            if evidence not in EVIDENCE:
                raise fail("evidence", f"must be one of {', '.join(EVIDENCE)}; got {evidence!r}")
            objectives = record["objectives"]
            if not isinstance(objectives, list) or not 3 <= len(objectives) <= 5:
                raise fail("objectives", "must list 3 to 5 objectives")
            objs = []
            for i, o in enumerate(objectives):
                if (
                    not isinstance(o, dict)
                    or set(o) != {"id", "text"}
                    or not all(isinstance(v, str) for v in o.values())
                ):
                    raise fail(f"objectives[{i}]", "must have exactly the text fields id and text")
                objs.append(Objective(id=o["id"], text=o["text"]))
            if len({o.id for o in objs}) != len(objs):
                raise fail("objectives", "objective ids must be unique")
            for field in ("takeaways", "references"):
                value = record[field]
                if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
                    raise fail(field, "must be a non-empty list of text")
            if reference_keys is not None:
                for key in record["references"]:
                    if key not in reference_keys:
                        raise fail("references", f"unknown reference key {key!r} (see references.yaml)")
            seen.add(notebook)
            out.append(
                Principle(
                    notebook=notebook,
                    title=_text(fail, record, "title"),
                    principle=_text(fail, record, "principle"),
                    evidence=evidence,
                    summary=_text(fail, record, "summary"),
                    objectives=tuple(objs),
                    takeaways=tuple(record["takeaways"]),
                    references=tuple(record["references"]),
                )
            )
        except DataFileError as err:
            problems.append(err)
    return out, problems


def load_references(path: str | os.PathLike[str] | None = None) -> dict[str, Reference]:
    """The references by key, from ``references.yaml`` in the data folder."""
    file = data_dir(path) / "references.yaml"
    refs, problems = check_references(load_yaml(file), display_path(file))
    if problems:
        raise DataErrors(problems)
    return refs


def load_principles(path: str | os.PathLike[str] | None = None) -> list[Principle]:
    """The syllabus in teaching order, checked against the reference list."""
    folder = data_dir(path)
    file = folder / "principles.yaml"
    principles, problems = check_principles(load_yaml(file), display_path(file), set(load_references(folder)))
    if problems:
        raise DataErrors(problems)
    return principles


def principle(notebook: str, path: str | os.PathLike[str] | None = None) -> Principle:
    """The syllabus entry of one notebook (``"04_nervous_system_and_pain"``)."""
    for p in load_principles(path):
        if p.notebook == notebook:
            return p
    raise KeyError(f"no notebook {notebook!r} in principles.yaml")


def cite(keys: str | list[str], path: str | os.PathLike[str] | None = None) -> str:
    """Numbered reference lines for the given keys, for a notebook's reference cell."""
    refs = load_references(path)
    keys = [keys] if isinstance(keys, str) else list(keys)
    lines = []
    for key in keys:
        if key not in refs:
            raise KeyError(f"no reference {key!r} in references.yaml")
        lines.append(f"[{key}] {refs[key].citation}")
    return "\n".join(lines)

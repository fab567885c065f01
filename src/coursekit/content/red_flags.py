"""The red flags as data (``data/red_flags.yaml``): the one source of every safety text.

The self-check widget, notebook 00's table, the reminder line at the top of every notebook,
the handouts' safety line, README and the docs all render from these records, so they say
the same thing with the same urgency. Screening (what a set of answers means) is in
:mod:`coursekit.engine.red_flags`; the stop a "yes" records is in :mod:`coursekit.journal.stop`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from coursekit.content.data import data_dir, display_path, load_yaml
from coursekit.errors import DataErrors, DataFileError, InvalidModel

__all__ = [
    "CATEGORIES",
    "URGENCIES",
    "NotRedFlag",
    "RedFlag",
    "RedFlagData",
    "Urgency",
    "check_red_flag_records",
    "load_red_flags",
]

FILE = "red_flags.yaml"
#: How soon to get care, most urgent first (the ``id`` of each urgency in the data file).
URGENCIES = ("emergency today", "same-day", "see a doctor soon")
CATEGORIES = ("cauda equina", "nerve compression", "fracture", "malignancy", "infection")


@dataclass(frozen=True, slots=True, kw_only=True)
class Urgency:
    """How soon to act, with the heading a table shows and the action a stop message gives."""

    id: str
    heading: str
    action: str

    def __post_init__(self) -> None:
        if self.id not in URGENCIES:
            raise InvalidModel(f"Urgency.id must be one of {', '.join(URGENCIES)}; got {self.id!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class RedFlag:
    """One question of the self-check: what to ask, what it may point to, how soon to act."""

    id: str
    label: str  # a short name for a control
    question: str  # asked of the learner, answered yes or no
    description: str  # what it covers, in plain words
    category: str
    urgency: str
    references: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise InvalidModel(
                f"RedFlag.category must be one of {', '.join(CATEGORIES)}; got {self.category!r}"
            )
        if self.urgency not in URGENCIES:
            raise InvalidModel(f"RedFlag.urgency must be one of {', '.join(URGENCIES)}; got {self.urgency!r}")

    @property
    def reference(self) -> str:
        """The first reference key (the one a short citation shows)."""
        return self.references[0]

    def __repr__(self) -> str:
        return f"RedFlag({self.id!r}, {self.category}, {self.urgency})"


@dataclass(frozen=True, slots=True, kw_only=True)
class NotRedFlag:
    """Something that deserves a clinician's view but is not a reason to stop (a routine referral)."""

    id: str
    label: str
    description: str
    advice: str
    references: tuple[str, ...]

    def __repr__(self) -> str:
        return f"NotRedFlag({self.id!r})"


@dataclass(frozen=True, slots=True, kw_only=True)
class RedFlagData:
    """Everything ``red_flags.yaml`` says: the urgencies, the flags in order, and what is not one."""

    urgencies: tuple[Urgency, ...]
    flags: tuple[RedFlag, ...]
    not_red_flags: tuple[NotRedFlag, ...]
    summary: str

    def urgency(self, urgency_id: str) -> Urgency:
        for u in self.urgencies:
            if u.id == urgency_id:
                return u
        raise KeyError(f"no urgency {urgency_id!r}; the urgencies are {', '.join(URGENCIES)}")

    def flags_by_urgency(self) -> dict[str, tuple[RedFlag, ...]]:
        """The flags grouped by urgency, most urgent first (every urgency present, maybe empty)."""
        return {u: tuple(f for f in self.flags if f.urgency == u) for u in URGENCIES}

    def __repr__(self) -> str:
        return f"RedFlagData({len(self.flags)} flags, {len(self.not_red_flags)} not red flags)"


_TOP = {"urgencies", "flags", "not_red_flags", "summary"}
_FIELDS = {
    "urgencies": ("id", "heading", "action"),
    "flags": ("id", "label", "question", "description", "category", "urgency", "references"),
    "not_red_flags": ("id", "label", "description", "advice", "references"),
}
_MODELS: dict[str, type] = {"urgencies": Urgency, "flags": RedFlag, "not_red_flags": NotRedFlag}


def _record(
    path: str, section: str, index: int, record: Any, reference_keys: set[str] | None
) -> tuple[Any | None, list[DataFileError]]:
    """One record of a section as its model, and every problem found in it."""
    rid = record.get("id") if isinstance(record, dict) and isinstance(record.get("id"), str) else None
    where = {"record": index, "record_id": rid}
    if not isinstance(record, dict):
        return None, [DataFileError(path, f"each entry of {section} must be a mapping", **where)]
    fields = _FIELDS[section]
    problems = [
        DataFileError(
            path, f"unknown field; the fields are {', '.join(fields)}", field=f"{section}.{k}", **where
        )
        for k in sorted(set(record) - set(fields))
    ]
    values: dict[str, Any] = {}
    for name in fields:
        value = record.get(name)
        if name == "references":
            ok = isinstance(value, list) and value and all(isinstance(v, str) for v in value)
            if not ok:
                problems.append(
                    DataFileError(
                        path, "a non-empty list of reference keys", field=f"{section}.{name}", **where
                    )
                )
                continue
            unknown = [v for v in value if reference_keys is not None and v not in reference_keys]
            if unknown:
                problems.append(
                    DataFileError(
                        path, f"unknown reference key {unknown[0]!r}", field=f"{section}.{name}", **where
                    )
                )
            values[name] = tuple(value)
        elif not isinstance(value, str) or not value.strip():
            problems.append(DataFileError(path, "missing or empty text", field=f"{section}.{name}", **where))
        else:
            values[name] = " ".join(value.split())
    if problems:
        return None, problems
    try:
        return _MODELS[section](**values), []
    except InvalidModel as err:
        field = "category" if "category" in str(err) else ("urgency" if "urgency" in str(err) else "id")
        detail = str(err).split(" must ", 1)[-1]
        return None, [DataFileError(path, f"must {detail}", field=f"{section}.{field}", **where)]


def check_red_flag_records(
    document: Any, path: str, reference_keys: set[str] | None = None
) -> tuple[RedFlagData | None, list[DataFileError]]:
    """Validate the parsed ``red_flags.yaml``; return the data (None on any problem) and every problem."""
    if not isinstance(document, dict):
        return None, [
            DataFileError(path, "the file must be a mapping with urgencies, flags, not_red_flags, summary")
        ]
    problems = [DataFileError(path, "unknown section", field=k) for k in sorted(set(document) - _TOP)]
    sections: dict[str, list[Any]] = {}
    for section in _FIELDS:
        records = document.get(section)
        if not isinstance(records, list) or not records:
            problems.append(DataFileError(path, "must be a non-empty list", field=section))
            continue
        built = []
        seen: set[str] = set()
        for index, record in enumerate(records):
            model, found = _record(path, section, index, record, reference_keys)
            problems += found
            if model is not None:
                if model.id in seen:
                    problems.append(
                        DataFileError(
                            path, "duplicate id", record=index, record_id=model.id, field=f"{section}.id"
                        )
                    )
                seen.add(model.id)
                built.append(model)
        sections[section] = built
    summary = document.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        problems.append(DataFileError(path, "missing or empty text", field="summary"))
    if "urgencies" in sections and [u.id for u in sections["urgencies"]] != list(URGENCIES):
        problems.append(
            DataFileError(path, f"must list exactly {', '.join(URGENCIES)}, in that order", field="urgencies")
        )
    if problems:
        return None, problems
    data = RedFlagData(
        urgencies=tuple(sections["urgencies"]),
        flags=tuple(sections["flags"]),
        not_red_flags=tuple(sections["not_red_flags"]),
        summary=" ".join(str(summary).split()),
    )
    return data, []


@lru_cache(maxsize=4)
def _load(folder: str) -> RedFlagData:
    path = os.path.join(folder, FILE)
    from coursekit.content.syllabus import load_references

    shown = display_path(Path(path))
    data, problems = check_red_flag_records(load_yaml(path), shown, set(load_references(folder)))
    if problems:
        raise DataErrors(problems)
    assert data is not None
    return data


def load_red_flags(path: str | os.PathLike[str] | None = None) -> RedFlagData:
    """The red flags of the data folder (``path``, ``$COURSEKIT_DATA`` or the bundled data)."""
    return _load(str(data_dir(path)))

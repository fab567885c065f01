"""One error hierarchy for the whole kit.

Every error the kit raises on purpose is a :class:`CourseKitError`, so a notebook, a widget
or the command line can catch that one class and show its message instead of a traceback.
"""

from __future__ import annotations


class CourseKitError(Exception):
    """Base class of every error the kit raises on purpose."""


class InvalidModel(CourseKitError, ValueError):
    """A value does not fit a model (a dose, a tempo, a routine item)."""


class DataFileError(CourseKitError):
    """A course data file is unreadable or one of its records is wrong.

    The message names the file, the record (index and id) and the field, e.g.
    ``data/exercises.yaml: record 17 (bird-dog): tempo: expected four numbers ...``.
    """

    def __init__(
        self,
        path: str,
        message: str,
        *,
        record: int | None = None,
        record_id: str | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path)
        self.record = record
        self.record_id = record_id
        self.field = field
        self.detail = message
        where = self.path
        if record is not None:
            where += f": record {record}"
            if record_id:
                where += f" ({record_id})"
        elif record_id:
            where += f": {record_id}"
        if field:
            where += f": {field}"
        super().__init__(f"{where}: {message}")


class DataErrors(DataFileError):
    """Several problems found in one pass over the data (``coursekit check-data``)."""

    def __init__(self, problems: list[DataFileError]) -> None:
        self.problems = list(problems)
        first = self.problems[0]
        super().__init__(
            first.path, first.detail, record=first.record, record_id=first.record_id, field=first.field
        )
        self.args = ("\n".join(str(p) for p in self.problems),)

    def __str__(self) -> str:
        return self.args[0]


class JournalError(CourseKitError):
    """The learner journal cannot be opened or written (corrupt, foreign or locked file)."""

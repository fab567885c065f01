"""Validate every course data file in one pass and collect every problem.

``coursekit check-data [DIR]`` prints what :func:`check_data` returns; loaders stop at the
first broken file, this keeps going so an instructor sees the whole list at once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from coursekit.content.data import data_dir, display_path, load_yaml
from coursekit.errors import CourseKitError, DataErrors, DataFileError


def _problems_of(err: DataFileError) -> list[DataFileError]:
    return list(err.problems) if isinstance(err, DataErrors) else [err]


def _check_references(folder: Path) -> tuple[list[DataFileError], set[str] | None]:
    from coursekit.content.syllabus import check_references

    path = folder / "references.yaml"
    try:
        refs, problems = check_references(load_yaml(path), display_path(path))
    except DataFileError as err:
        return _problems_of(err), None
    return problems, set(refs)


def _check_exercises(folder: Path, keys: set[str] | None) -> list[DataFileError]:
    from coursekit.content.catalog import check_exercise_records

    path = folder / "exercises.yaml"
    try:
        _, problems = check_exercise_records(load_yaml(path), display_path(path), reference_keys=keys)
    except DataFileError as err:
        return _problems_of(err)
    return problems


def _check_principles(folder: Path, keys: set[str] | None) -> list[DataFileError]:
    from coursekit.content.syllabus import check_principles

    path = folder / "principles.yaml"
    try:
        _, problems = check_principles(load_yaml(path), display_path(path), keys)
    except DataFileError as err:
        return _problems_of(err)
    return problems


def _check_red_flags(folder: Path, keys: set[str] | None) -> list[DataFileError]:
    from coursekit.content.red_flags import FILE, check_red_flag_records

    path = folder / FILE
    try:
        _, problems = check_red_flag_records(load_yaml(path), display_path(path), keys)
    except DataFileError as err:
        return _problems_of(err)
    return problems


def _check_misconceptions(folder: Path, keys: set[str] | None) -> list[DataFileError]:
    """The misconception glossary; the banks' tags are checked against it with the banks."""
    try:
        from coursekit.quiz.misconceptions import FILE, check_misconceptions
    except ImportError:  # the quiz module is optional while the kit is assembled
        return []
    path = folder / FILE
    try:
        _, problems = check_misconceptions(load_yaml(path), display_path(path), keys)
    except DataFileError as err:
        return _problems_of(err)
    return problems


def _each_file(folder: Path, pattern: str, check: Callable[[Path], None]) -> list[DataFileError]:
    problems: list[DataFileError] = []
    for path in sorted(folder.glob(pattern)):
        try:
            check(path)
        except DataFileError as err:
            problems.extend(_problems_of(err))
        except CourseKitError as err:
            problems.append(DataFileError(display_path(path), str(err)))
    return problems


def _check_quizzes(folder: Path) -> list[DataFileError]:
    try:
        from coursekit.quiz import loading as quiz
    except ImportError:  # the quiz module is optional while the kit is assembled
        return []

    def check(path: Path) -> None:
        quiz.load_bank(path.stem, folder)

    return _each_file(folder / "quizzes", "*.yaml", check)


def _check_routines(folder: Path) -> list[DataFileError]:
    try:
        from coursekit.content.catalog import load_catalog
        from coursekit.engine.routines import Routine
    except ImportError:
        return []

    def check(path: Path) -> None:
        name = display_path(path)
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise DataFileError(name, f"not valid JSON ({err})") from None
        try:
            Routine.from_dict(record, catalog=load_catalog(folder))
        except DataFileError:
            raise
        except CourseKitError as err:
            raise DataFileError(name, str(err)) from None

    return _each_file(folder / "routines", "*.json", check)


def _check_scenarios(folder: Path) -> list[DataFileError]:
    try:
        from coursekit.engine.scenarios import load_scenarios
    except ImportError:
        return []
    return _each_file(folder, "scenarios.yaml", lambda path: load_scenarios(folder))


def _check_personas(folder: Path) -> list[DataFileError]:
    try:
        from coursekit.engine.personas import load_personas
    except ImportError:
        return []
    return _each_file(folder, "personas.yaml", lambda path: load_personas(folder))


def check_data(path: str | os.PathLike[str] | None = None) -> list[DataFileError]:
    """Every problem in the data folder (bundled data by default); ``[]`` when all is well."""
    folder = data_dir(path)
    if not folder.is_dir():
        return [DataFileError(str(folder), "no such data folder")]
    problems, keys = _check_references(folder)
    problems += _check_exercises(folder, keys)
    problems += _check_principles(folder, keys)
    problems += _check_red_flags(folder, keys)
    problems += _check_misconceptions(folder, keys)
    if not problems:  # later files cross-check against the catalog and the syllabus
        problems += _check_quizzes(folder)
        problems += _check_routines(folder)
        problems += _check_scenarios(folder)
        problems += _check_personas(folder)
    return problems

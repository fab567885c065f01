"""Hostile input: every loader and parser lets only CourseKitError subclasses escape.

``make test`` runs a few hundred generated cases per loader; ``make fuzz`` runs 5,000
(``COURSEKIT_FUZZ_EXAMPLES``). Each error must also name the field it is about.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursekit.errors import CourseKitError, DataFileError, InvalidModel

pytestmark = pytest.mark.fuzz
EXAMPLES = int(os.environ.get("COURSEKIT_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ROOT = Path(__file__).resolve().parents[1]
RECORDS = yaml.safe_load((ROOT / "data" / "exercises.yaml").read_text())

# Any value YAML or JSON could hand a loader.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


def _mutate(record: dict, data) -> dict:
    record = copy.deepcopy(record)
    for _ in range(data.draw(st.integers(1, 3))):
        action = data.draw(st.sampled_from(["replace", "drop", "add", "nested"]))
        key = data.draw(st.sampled_from(sorted(record))) if record else "id"
        if action == "replace":
            record[key] = data.draw(values)
        elif action == "drop":
            record.pop(key, None)
        elif action == "add":
            record[data.draw(st.text(min_size=1, max_size=8))] = data.draw(values)
        elif isinstance(record.get(key), dict) and record[key]:
            sub = data.draw(st.sampled_from(sorted(record[key])))
            record[key][sub] = data.draw(values)
        elif isinstance(record.get(key), list) and record[key]:
            i = data.draw(st.integers(0, len(record[key]) - 1))
            record[key][i] = data.draw(values)
    return record


@FUZZ
@given(st.data())
def test_exercise_records(data):
    from coursekit.content.models import exercise_from_record

    record = _mutate(data.draw(st.sampled_from(RECORDS)), data)
    try:
        exercise_from_record(record, path="data/exercises.yaml", index=5)
    except DataFileError as err:
        assert err.path == "data/exercises.yaml" and err.record == 5
        if isinstance(record, dict):
            assert err.field, f"no field named in {err}"
            assert f": {err.field}: " in str(err)


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(RECORDS), values), max_size=4))
def test_whole_exercise_files(records):
    from coursekit.content.catalog import check_exercise_records

    _, problems = check_exercise_records(records, "data/exercises.yaml", reference_keys=set())
    for problem in problems:
        assert isinstance(problem, DataFileError)


tempo_text = st.one_of(
    st.text(alphabet="0123456789-xX ", max_size=12),
    st.text(max_size=12),
    st.lists(
        st.one_of(st.integers(-3, 15).map(str), st.sampled_from(["X", "x", "", " ", "1.5"])),
        min_size=0,
        max_size=6,
    ).map("-".join),
)


@FUZZ
@given(tempo_text)
def test_tempo_strings(text):
    from coursekit.content.tempo import Tempo

    try:
        tempo = Tempo.parse(text)
    except InvalidModel as err:
        assert "tempo" in str(err) and ("expected" in str(err) or "must be" in str(err))
    else:
        assert Tempo.parse(str(tempo)) == tempo
        assert tempo.rep_seconds >= 0


@FUZZ
@given(st.binary(max_size=2048))
def test_yaml_files_of_any_bytes(tmp_path_factory, blob):
    from coursekit.content.data import load_yaml

    path = tmp_path_factory.mktemp("y") / "exercises.yaml"
    path.write_bytes(blob)
    try:
        load_yaml(path)
    except DataFileError as err:
        assert "exercises.yaml" in str(err)


def _routine_dicts():
    item = st.fixed_dictionaries(
        {},
        optional={
            "exercise": st.one_of(
                st.sampled_from(["bird-dog", "glute-bridge", "crocodile-breathing"]), values
            ),
            "phase": st.one_of(st.sampled_from(["soften", "organize", "strengthen", None]), values),
            "sets": st.one_of(st.integers(-2, 12), values),
            "reps": st.one_of(st.none(), st.integers(-2, 40), values),
            "hold_s": st.one_of(st.none(), st.integers(-2, 200)),
            "breaths": st.one_of(st.none(), st.integers(-2, 30)),
            "tempo": st.one_of(st.none(), tempo_text),
            "rest_s": st.one_of(st.integers(-5, 300), values),
            "per_side": st.one_of(st.booleans(), values),
        },
    )
    return st.one_of(
        values,
        st.fixed_dictionaries(
            {},
            optional={
                "name": st.one_of(st.text(max_size=20), values),
                "slot": st.one_of(
                    st.sampled_from(["morning", "office", "travel", "evening", "custom"]), values
                ),
                "plan": st.one_of(st.sampled_from(["A", "B"]), values),
                "items": st.one_of(st.lists(item, max_size=4), values),
            },
        ),
    )


@FUZZ
@given(_routine_dicts())
def test_routine_exchange_format(catalog, record):
    routines = pytest.importorskip("coursekit.engine.routines")
    try:
        routine = routines.Routine.from_dict(record, catalog=catalog)
    except InvalidModel as err:
        assert str(err)
    else:
        assert (
            routines.Routine.from_dict(json.loads(json.dumps(routine.to_dict())), catalog=catalog) == routine
        )


@FUZZ
@given(st.data())
def test_quiz_bank_records(data):
    quiz = pytest.importorskip("coursekit.quiz")
    path = ROOT / "data" / "quizzes" / "04_nervous_system_and_pain.yaml"
    bank = yaml.safe_load(path.read_text())
    questions = bank["questions"]
    i = data.draw(st.integers(0, len(questions) - 1))
    questions[i] = _mutate(questions[i], data)
    try:
        _, problems = quiz.check_bank(bank, "data/quizzes/04_nervous_system_and_pain.yaml")
    except CourseKitError:
        return
    for problem in problems:
        assert isinstance(problem, DataFileError)
        assert problem.field, str(problem)


@FUZZ
@given(st.binary(min_size=0, max_size=4096), st.booleans())
def test_journal_files_of_any_bytes(tmp_path_factory, blob, sqlite_header):
    journal = pytest.importorskip("coursekit.journal.store")
    path = tmp_path_factory.mktemp("j") / "journal.sqlite3"
    payload = (b"SQLite format 3\x00" + blob) if sqlite_header else blob
    path.write_bytes(payload)
    try:
        with journal.Journal.open(path) as j:
            j.attempts()
    except CourseKitError:
        assert path.read_bytes() == payload, "a refused journal file must be left untouched"

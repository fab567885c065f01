"""The quiz banks in data/quizzes, and how broken banks are reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from coursekit.content.data import data_dir
from coursekit.content.syllabus import load_references, principle
from coursekit.errors import DataErrors, DataFileError
from coursekit.quiz import TYPES, check_bank, check_banks, list_banks, load_bank, summary

BANKS = list_banks()
MINE = ["00_start_here", "04_nervous_system_and_pain"]  # written with these tests
LICENSED = ("oswestry", "roland", "morris", "borg", "start back")


def test_the_banks_of_this_release_exist():
    assert {"00_start_here", "04_nervous_system_and_pain"} <= set(BANKS)


def test_every_bank_file_is_named_after_a_notebook():
    stems = {p.stem for p in (data_dir() / "quizzes").glob("*.y*ml")}
    assert stems == set(BANKS)


@pytest.mark.parametrize("notebook", BANKS)
def test_bank_validates(notebook):
    bank = load_bank(notebook)
    assert bank.notebook == notebook
    assert bank.source == f"data/quizzes/{notebook}.yaml"


def test_check_banks_finds_nothing_wrong():
    assert check_banks() == []


@pytest.mark.parametrize("notebook", BANKS)
def test_bank_shape(notebook):
    bank = load_bank(notebook)
    s = summary(bank)
    assert s.questions >= 6  # DESIGN.md §7
    assert len(s.by_type) >= 3
    assert not s.missing, f"objectives without a question: {s.missing}"
    assert s.objectives == tuple(o.id for o in principle(notebook).objectives)


@pytest.mark.parametrize("notebook", MINE)
def test_first_banks_have_seven_or_eight_questions(notebook):
    assert 7 <= len(load_bank(notebook)) <= 8


def test_notebook_04_has_a_case_and_a_numeric_or_order():
    types = summary(load_bank("04_nervous_system_and_pain")).by_type
    assert types.get("case") and (types.get("numeric") or types.get("order"))


@pytest.mark.parametrize("notebook", BANKS)
def test_every_wrong_option_names_its_misconception(notebook):
    bank = load_bank(notebook)
    for q in (*bank.questions, *bank.practice):
        for o in q.options:
            if not o.correct:
                assert "misconception" in o.feedback or "slip" in o.feedback, (q.id, o.id)
        if q.kind in ("numeric", "order"):
            assert q.feedback_correct.strip() and q.feedback_incorrect.strip()
            incorrect = q.feedback_incorrect
            assert "misconception" in incorrect or "slip" in incorrect, (q.id, "incorrect")


@pytest.mark.parametrize("notebook", BANKS)
def test_no_licensed_questionnaire_text(notebook):
    text = (data_dir() / "quizzes" / f"{notebook}.yaml").read_text(encoding="utf-8").lower()
    for name in LICENSED:
        assert name not in text


@pytest.mark.parametrize("notebook", BANKS)
def test_references_are_known(notebook):
    keys = set(load_references())
    for q in load_bank(notebook):
        assert set(q.references) <= keys


def test_red_flag_questions_point_to_urgent_care():
    bank = load_bank("00_start_here")
    assert {"ces", "finucane2020"} <= set(bank["saddle-numbness"].references)
    right = [o for o in bank["saddle-numbness"].options if o.correct]
    assert "emergency" in right[0].text.lower()


def test_the_evidence_limit_is_taught():
    q = load_bank("04_nervous_system_and_pain")["model-evidence"]
    back = [o for o in q.options if "back pain" in o.text]
    assert back and not back[0].correct


# ---------------------------------------------------------------------------------- broken banks


GOOD = {
    "notebook": "04_nervous_system_and_pain",
    "title": "Check",
    "questions": [
        {
            "id": "q-one",
            "type": "single",
            "objective": "o2",
            "references": ["silbernagel2007"],
            "prompt": "Which zone is 4/10?",
            "explanation": "Bands.",
            "options": [
                {"id": "a", "text": "Acceptable", "correct": True, "feedback": "Right."},
                {
                    "id": "b",
                    "text": "Too high",
                    "feedback": "No: the misconception that pain means harm.",
                    "misconception": "pain-means-harm",
                },
            ],
        },
        {
            "id": "q-two",
            "type": "numeric",
            "objective": "o2",
            "references": ["silbernagel2007"],
            "prompt": "Highest acceptable?",
            "explanation": "Five.",
            "answer": 5,
            "tolerance": 0,
            "feedback": {"correct": "Yes.", "incorrect": "It is 5.", "misconception": "pain-zones-confused"},
        },
        {
            "id": "q-three",
            "type": "order",
            "objective": "o3",
            "references": ["silbernagel2007"],
            "prompt": "Order.",
            "explanation": "So.",
            "items": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}],
            "feedback": {"correct": "Yes.", "incorrect": "No.", "misconception": "steps-out-of-order"},
        },
    ],
}


def write(tmp_path: Path, doc, name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    path.write_text(
        yaml.safe_dump(doc, sort_keys=False) if not isinstance(doc, str) else doc, encoding="utf-8"
    )
    return path


def broken(change) -> dict:
    doc = yaml.safe_load(yaml.safe_dump(GOOD))
    change(doc)
    return doc


def load_error(tmp_path: Path, doc) -> DataFileError:
    path = write(tmp_path, doc)
    with pytest.raises(DataFileError) as info:
        load_bank("04_nervous_system_and_pain", path)
    return info.value


def test_the_good_fixture_loads(tmp_path):
    bank = load_bank("04_nervous_system_and_pain", write(tmp_path, GOOD))
    assert bank.ids == ("q-one", "q-two", "q-three")


def _drop_feedback(d):
    del d["questions"][0]["options"][1]["feedback"]


def _empty_feedback(d):
    d["questions"][0]["options"][1]["feedback"] = "  "


def _two_correct(d):
    d["questions"][0]["options"][1]["correct"] = True
    del d["questions"][0]["options"][1]["misconception"]  # a correct option names none


def _unknown_objective(d):
    d["questions"][1]["objective"] = "o9"


def _unknown_reference(d):
    d["questions"][1]["references"] = ["nobody1999"]


def _duplicate_id(d):
    d["questions"][2]["id"] = "q-one"


def _bad_type(d):
    d["questions"][0]["type"] = "essay"


def _negative_tolerance(d):
    d["questions"][1]["tolerance"] = -1


def _two_items(d):
    d["questions"][2]["items"].pop()


def _no_correct_multiple(d):
    d["questions"][0]["type"] = "multiple"
    d["questions"][0]["options"][0]["correct"] = False


def _unknown_field(d):
    d["questions"][1]["options"] = []


def _missing_prompt(d):
    del d["questions"][2]["prompt"]


def _missing_numeric_feedback(d):
    del d["questions"][1]["feedback"]["incorrect"]


@pytest.mark.parametrize(
    "change, where",
    [
        (_drop_feedback, "record 0 (q-one): options[1].feedback: missing"),
        (_empty_feedback, "record 0 (q-one): options[1].feedback: missing or empty"),
        (
            _two_correct,
            "record 0 (q-one): options: a single question needs exactly one correct option, found 2 (a, b)",
        ),
        (_unknown_objective, "record 1 (q-two): objective: unknown objective 'o9'"),
        (_unknown_reference, "record 1 (q-two): references[0]: unknown reference key 'nobody1999'"),
        (_duplicate_id, "record 2 (q-one): id: duplicate id (first used by record 0)"),
        (_bad_type, "record 0 (q-one): type: must be one of"),
        (_negative_tolerance, "record 1 (q-two): tolerance: must be a number of at least 0"),
        (_two_items, "record 2 (q-three): items: an order question needs at least 3 items"),
        (_no_correct_multiple, "record 0 (q-one): options: needs at least one correct option"),
        (_unknown_field, "record 1 (q-two): options: unknown field for a numeric question"),
        (_missing_prompt, "record 2 (q-three): prompt: missing"),
        (_missing_numeric_feedback, "record 1 (q-two): feedback.incorrect: missing"),
    ],
)
def test_broken_bank_names_file_question_and_field(tmp_path, change, where):
    err = load_error(tmp_path, broken(change))
    message = str(err)
    assert str(tmp_path / "bank.yaml") in message
    assert where in message
    assert err.record is not None and err.record_id and err.field


def test_all_problems_are_listed_at_once(tmp_path):
    def two(d):
        _drop_feedback(d)
        _unknown_objective(d)
        _two_items(d)

    err = load_error(tmp_path, broken(two))
    assert isinstance(err, DataErrors)
    assert [(p.record, p.field) for p in err.problems] == [
        (0, "options[1].feedback"),
        (1, "objective"),
        (2, "items"),
    ]
    assert len(str(err).splitlines()) == 3


def test_not_yaml(tmp_path):
    err = load_error(tmp_path, "questions: [\n  - id: a\n  bad")
    assert "bank.yaml" in str(err) and "not valid YAML" in str(err)


def test_bank_of_another_notebook(tmp_path):
    err = load_error(tmp_path, broken(lambda d: d.update(notebook="05_sequencing")))
    assert "notebook: says '05_sequencing'" in str(err)


def test_notebook_not_in_syllabus(tmp_path):
    path = write(tmp_path, GOOD)
    with pytest.raises(DataFileError, match="no notebook '77_nowhere' in principles.yaml"):
        load_bank("77_nowhere", path)


@pytest.mark.parametrize(
    "doc, field",
    [
        ([1, 2], None),
        ({"notebook": "04_nervous_system_and_pain", "title": "T"}, "questions"),
        ({"notebook": "04_nervous_system_and_pain", "title": "T", "questions": []}, "questions"),
        ({**GOOD, "extra": 1}, "extra"),
        ({**GOOD, "title": ""}, "title"),
    ],
)
def test_bank_level_problems(doc, field):
    bank, problems = check_bank(doc, "data/quizzes/x.yaml")
    assert problems and problems[0].field == field
    assert str(problems[0]).startswith("data/quizzes/x.yaml: ")


def test_check_bank_keeps_valid_questions_and_skips_unchecked_context():
    doc = broken(_two_correct)
    bank, problems = check_bank(doc, "x.yaml")  # no objectives or reference keys: not checked
    assert len(problems) == 1 and bank is not None
    assert bank.ids == ("q-two", "q-three")


def test_question_that_is_not_a_mapping():
    doc = broken(lambda d: d["questions"].append("just text"))
    _, problems = check_bank(doc, "x.yaml")
    assert [str(p) for p in problems] == [
        "x.yaml: record 3: each question must be a mapping of fields, got str"
    ]


def test_a_copied_data_folder_is_used(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    bank_file = folder / "quizzes" / "04_nervous_system_and_pain.yaml"
    text = bank_file.read_text(encoding="utf-8").replace("objective: o2", "objective: o7", 1)
    bank_file.write_text(text, encoding="utf-8")
    with pytest.raises(
        DataFileError,
        match=r"data/quizzes/04_nervous_system_and_pain.yaml: record 0 \(zone-of-four\): objective",
    ):
        load_bank("04_nervous_system_and_pain", folder)
    assert [p.field for p in check_banks(folder)] == ["objective"]
    # a bank file inside a data folder is checked against that folder's syllabus
    with pytest.raises(DataFileError, match="objective"):
        load_bank("04_nervous_system_and_pain", bank_file)


def test_environment_variable_moves_the_data(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    (folder / "quizzes" / "00_start_here.yaml").unlink()
    monkeypatch.setenv("COURSEKIT_DATA", str(folder))
    assert "00_start_here" not in list_banks()


def test_readme_example_error_matches_the_real_format(tmp_path):
    readme = (data_dir() / "quizzes" / "README.md").read_text(encoding="utf-8")
    assert "record 3 (earns-progress): options[1].feedback: missing" in readme
    doc = yaml.safe_load(
        (data_dir() / "quizzes" / "04_nervous_system_and_pain.yaml").read_text(encoding="utf-8")
    )
    assert doc["questions"][3]["id"] == "earns-progress"
    del doc["questions"][3]["options"][1]["feedback"]
    err = load_error(tmp_path, doc)
    assert "record 3 (earns-progress): options[1].feedback: missing" in str(err)


def test_types_constant():
    assert set(TYPES) == {"single", "multiple", "numeric", "order", "case"}


# ---------------------------------------------------------------------------------- practice


PRACTICE = [
    {
        "id": "p-one",
        "type": "single",
        "objective": "o2",
        "references": ["silbernagel2007"],
        "prompt": "Which zone is 2/10?",
        "explanation": "Bands.",
        "options": [
            {"id": "a", "text": "Safe", "correct": True, "feedback": "Right."},
            {
                "id": "b",
                "text": "Too high",
                "feedback": "No: the misconception that pain means harm.",
                "misconception": "pain-means-harm",
            },
        ],
    },
    {
        "id": "p-two",
        "type": "numeric",
        "objective": "o2",
        "references": ["silbernagel2007"],
        "prompt": "Top of the safe zone?",
        "explanation": "Three.",
        "answer": 3,
        "feedback": {"correct": "Yes.", "incorrect": "It is 3.", "misconception": "pain-zones-confused"},
    },
]


def with_practice(change=None) -> dict:
    doc = yaml.safe_load(yaml.safe_dump({**GOOD, "practice": PRACTICE}))
    if change is not None:
        change(doc)
    return doc


def test_practice_questions_load_beside_the_card_questions(tmp_path):
    bank = load_bank("04_nervous_system_and_pain", write(tmp_path, with_practice()))
    assert bank.ids == ("q-one", "q-two", "q-three")  # what the card asks
    assert bank.practice_ids == ("p-one", "p-two")
    assert len(bank) == 3 and [q.id for q in bank] == list(bank.ids)  # practice is not asked
    assert bank.practice_question("p-two").answer == 3
    assert repr(bank) == "Bank('04_nervous_system_and_pain': 3 questions, 2 practice)"


def test_practice_question_lookup_names_the_lists(tmp_path):
    bank = load_bank("04_nervous_system_and_pain", write(tmp_path, with_practice()))
    with pytest.raises(KeyError, match="'q-one' is a question of the card, not a practice question"):
        bank.practice_question("q-one")
    with pytest.raises(KeyError, match="the practice questions are p-one, p-two"):
        bank.practice_question("nope")
    with pytest.raises(KeyError, match="has no question 'p-one'"):
        bank["p-one"]  # the card's lookup never finds a practice question


def test_a_bank_without_practice_still_loads(tmp_path):
    bank = load_bank("04_nervous_system_and_pain", write(tmp_path, GOOD))
    assert bank.practice == () and bank.practice_ids == ()


@pytest.mark.parametrize(
    "change, where",
    [
        (
            lambda d: d["practice"][0]["options"][1].pop("feedback"),
            "bank.yaml: practice: record 0 (p-one): options[1].feedback: missing",
        ),
        (
            lambda d: d["practice"][1].update(objective="o9"),
            "bank.yaml: practice: record 1 (p-two): objective: unknown objective 'o9'",
        ),
        (
            lambda d: d["practice"][1].update(references=["nobody1999"]),
            "bank.yaml: practice: record 1 (p-two): references[0]: unknown reference key 'nobody1999'",
        ),
        (
            lambda d: d["practice"][0].update(id="q-two"),
            "bank.yaml: practice: record 0 (q-two): id: duplicate id (first used by questions record 1)",
        ),
        (
            lambda d: d["practice"][1].update(id="p-one"),
            "bank.yaml: practice: record 1 (p-one): id: duplicate id (first used by record 0)",
        ),
        (
            lambda d: d["practice"][0].update(type="essay"),
            "bank.yaml: practice: record 0 (p-one): type: must be one of",
        ),
    ],
)
def test_broken_practice_names_file_list_record_and_field(tmp_path, change, where):
    err = load_error(tmp_path, with_practice(change))
    assert where in str(err)
    assert err.record is not None and err.record_id and err.field


@pytest.mark.parametrize("value", [[], "two questions", {"id": "p"}])
def test_practice_must_be_a_non_empty_list(value):
    _, problems = check_bank({**GOOD, "practice": value}, "data/quizzes/x.yaml")
    assert [(p.field, p.detail) for p in problems] == [("practice", "must be a non-empty list of questions")]


def test_practice_and_questions_problems_are_listed_together(tmp_path):
    def two(d):
        _drop_feedback(d)
        d["practice"][1]["tolerance"] = -2

    err = load_error(tmp_path, with_practice(two))
    assert isinstance(err, DataErrors)
    assert [(p.path.endswith("practice"), p.record, p.field) for p in err.problems] == [
        (False, 0, "options[1].feedback"),
        (True, 1, "tolerance"),
    ]


@pytest.mark.parametrize("notebook", BANKS)
def test_every_bank_has_practice_the_card_never_asks(notebook):
    bank = load_bank(notebook)
    assert len(bank.practice) >= 2, "at least two practice questions per bank"
    assert len({q.type for q in bank.practice}) >= 2, "practice covers two question types"
    assert not set(bank.practice_ids) & set(bank.ids)
    objectives = {o.id for o in principle(notebook).objectives}
    assert {q.objective for q in bank.practice} <= objectives

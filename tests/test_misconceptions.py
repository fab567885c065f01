"""The misconception glossary and the tags every wrong quiz answer carries."""

from __future__ import annotations

import copy
import os
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.cli.main import main
from coursekit.content.data import data_dir
from coursekit.content.syllabus import load_references
from coursekit.errors import DataErrors, DataFileError, InvalidModel
from coursekit.quiz import (
    Misconception,
    Option,
    Question,
    check_bank,
    check_misconceptions,
    list_banks,
    load_bank,
    load_misconceptions,
    mark,
    misconceptions_in,
    shuffled,
)

BANKS = list_banks()
GLOSSARY = load_misconceptions()

# Entries that one wrong answer uses, each a belief of its own that deserves its own column
# (not a slip, not a variant of a larger entry). Any other entry is used at least twice.
USED_ONCE = {
    "strong-treatment-needed",  # O'Sullivan's tenth belief: drugs, injections or surgery first
    "red-flag-is-a-diagnosis",  # the kit (or a red flag) diagnoses; the course insists it never does
    "breath-unrelated",  # breath and trunk movement have nothing to do with each other
}


def wrong_answers(bank):
    """(list, question, option id or None, tag) for every wrong answer of a bank."""
    for name in ("questions", "practice"):
        for q in getattr(bank, name):
            for o in q.options:
                if not o.correct:
                    yield name, q, o.id, o.misconception
            if q.kind in ("numeric", "order"):
                yield name, q, None, q.misconception


def uses() -> Counter:
    return Counter(tag for nb in BANKS for *_, tag in wrong_answers(load_bank(nb)))


# ---------------------------------------------------------------------------------- the glossary


def test_glossary_size_and_order():
    assert 25 <= len(GLOSSARY) <= 45
    assert all(isinstance(m, Misconception) for m in GLOSSARY.values())
    assert list(GLOSSARY) == [
        r["id"] for r in yaml.safe_load((data_dir() / "misconceptions.yaml").read_text())
    ]


def test_every_entry_cites_known_references():
    keys = set(load_references())
    for m in GLOSSARY.values():
        assert m.references and set(m.references) <= keys, m.id


def test_labels_fit_a_column_and_slips_say_so():
    for m in GLOSSARY.values():
        assert len(m.label) <= 40, m.id
        assert m.slip == m.label.startswith("Slip: "), m.id
    slips = {m.id for m in GLOSSARY.values() if m.slip}
    assert 4 <= len(slips) <= 8, "a few slips; the rest are beliefs"
    assert {"tempo-arithmetic-slip", "tempo-notation-slip"} <= slips
    assert not slips & USED_ONCE


def test_osullivan_beliefs_are_covered_where_the_banks_use_them():
    osullivan = {m.id for m in GLOSSARY.values() if "osullivan2020" in m.references}
    ten = {
        "back-pain-is-serious",
        "worse-with-age",
        "pain-means-damage",
        "scan-finds-the-cause",
        "pain-means-harm",
        "posture-causes-pain",
        "weak-core-causes-pain",
        "loading-wears-the-spine-out",
        "flare-up-means-damage",
        "strong-treatment-needed",
    }
    assert ten <= osullivan


def test_repr_is_short_and_stable():
    assert repr(GLOSSARY["pain-means-harm"]) == "Misconception('pain-means-harm')"


def test_texts_are_single_spaced():
    for m in GLOSSARY.values():
        for text in (m.label, m.description, m.correction):
            assert text == " ".join(text.split()), m.id


# ---------------------------------------------------------------------------------- the tags


@pytest.mark.parametrize("notebook", BANKS)
def test_every_wrong_answer_names_a_glossary_entry(notebook):
    bank = load_bank(notebook)
    for name, q, option, tag in wrong_answers(bank):
        assert tag in GLOSSARY, (name, q.id, option, tag)


@pytest.mark.parametrize("notebook", BANKS)
def test_correct_options_carry_no_tag(notebook):
    bank = load_bank(notebook)
    for q in (*bank.questions, *bank.practice):
        assert all(o.misconception is None for o in q.options if o.correct), q.id
        if q.kind not in ("numeric", "order"):
            assert q.misconception is None, q.id


def test_no_entry_is_unused_and_single_use_is_rare():
    counts = uses()
    assert set(GLOSSARY) == set(counts), f"unused: {sorted(set(GLOSSARY) - set(counts))}"
    once = {tag for tag, n in counts.items() if n == 1}
    assert once == USED_ONCE


# A wrong option whose feedback says "The misconception is that <...>" names one or more
# beliefs; its tag is one of the entries that express them. Each phrase lists the entries
# it can stand for (a fragile back is the general belief, untidy reps and bracing two forms
# of it).
NAMED = {
    "weak core": {"weak-core-causes-pain"},
    "wears the spine out": {"loading-wears-the-spine-out", "back-is-fragile", "untidy-reps-harm"},
    "loading means damage": {"loading-wears-the-spine-out"},
    "posture causes": {"posture-causes-pain"},
    "sitting damages": {"posture-causes-pain"},
    "pain with movement means harm": {"pain-means-harm"},
    "pain after exercise means harm": {"pain-means-harm"},
    "flare-up": {"flare-up-means-damage", "pain-means-damage"},
    "scan": {"scan-finds-the-cause"},
    "fragile": {"back-is-fragile", "untidy-reps-harm", "back-needs-support", "posture-causes-pain"},
    "needs rest": {"rest-when-it-hurts", "flare-up-means-damage"},
    "usually serious": {"back-pain-is-serious"},
    "worse with age": {"worse-with-age"},
    "older age": {"worse-with-age"},
    "loading the trunk harms": {"loading-wears-the-spine-out"},
    "clumsy movement": {"untidy-reps-harm"},
    "more load is always better": {"more-is-better"},
    "means damage": {"pain-means-damage", "flare-up-means-damage", "untidy-reps-harm", "posture-causes-pain"},
    "external support": {"back-needs-support"},
}


def test_tags_match_the_belief_the_feedback_names():
    checked = 0
    for nb in BANKS:
        for _, q, option, tag in wrong_answers(load_bank(nb)):
            text = q.feedback_incorrect if option is None else q.option(option).feedback
            m = re.search(
                r"The (?:misconception is|misconceptions are) that (.*?)[.;:]", " ".join(text.split())
            )
            if not m:
                continue
            allowed = set().union(*(tags for phrase, tags in NAMED.items() if phrase in m.group(1)))
            if allowed:
                checked += 1
                assert tag in allowed, (nb, q.id, option, tag, m.group(1))
    assert checked >= 100


# ---------------------------------------------------------------------------------- never printed


@pytest.mark.parametrize("notebook", BANKS)
def test_tags_never_show_in_what_a_learner_sees(notebook):
    bank = load_bank(notebook)
    for q in (*bank.questions, *bank.practice):
        seen = [repr(q), repr(shuffled(q, 3))]
        seen += [repr(o) for o in q.options] + [o.text for o in q.options]
        if q.options:
            for o in q.options:
                answer = [o.id] if q.kind == "multiple" else o.id
                seen += [str(mark(q, answer)), repr(mark(q, answer))]
        text = "\n".join(seen)
        tags = {o.misconception for o in q.options} | {q.misconception}
        for tag in tags - {None}:
            assert not re.search(rf"(?<![\w-]){re.escape(tag)}(?![\w-])", text), (q.id, tag)


# ---------------------------------------------------------------------------------- what an answer reflects


def test_misconceptions_in_a_single_answer():
    q = load_bank("04_nervous_system_and_pain")["zone-of-four"]
    right = next(o.id for o in q.options if o.correct)
    wrong = next(o for o in q.options if not o.correct)
    assert misconceptions_in(q, right) == ()
    assert misconceptions_in(q, wrong.id) == (wrong.misconception,)


def test_misconceptions_in_a_multiple_answer_ignores_missed_right_options():
    q = load_bank("04_nervous_system_and_pain")["earns-progress"]
    wrong = [o for o in q.options if not o.correct]
    assert misconceptions_in(q, []) == ()  # nothing ticked: right ideas missed, no wrong one held
    assert misconceptions_in(q, [o.id for o in wrong]) == ("pain-rule-half-read",)  # one id, once
    two = load_bank("00_start_here")["red-flags"]
    ticked = [o.id for o in two.options if not o.correct]
    assert misconceptions_in(two, ticked) == tuple(o.misconception for o in two.options if not o.correct)


def test_misconceptions_in_numeric_and_order_answers():
    bank = load_bank("04_nervous_system_and_pain")
    q = bank["highest-acceptable"]
    assert misconceptions_in(q, q.answer) == ()
    assert misconceptions_in(q, 3) == ("pain-means-harm",)
    order = bank["graded-steps"]
    assert misconceptions_in(order, list(order.solution)) == ()
    assert misconceptions_in(order, list(reversed(order.solution))) == ("skipping-steps",)


def test_misconceptions_in_refuses_a_malformed_answer():
    q = load_bank("04_nervous_system_and_pain")["zone-of-four"]
    with pytest.raises(InvalidModel, match="no option 'z'"):
        misconceptions_in(q, "z")


# ---------------------------------------------------------------------------------- the models


def _single(**option_b) -> Question:
    return Question(
        id="q",
        type="single",
        objective="o1",
        references=("rir",),
        prompt="P?",
        explanation="E.",
        options=(
            Option(id="a", text="A", correct=True, feedback="Yes."),
            Option(id="b", text="B", correct=False, feedback="No: the slip.", **option_b),
        ),
    )


def test_option_tag_must_be_a_slug():
    assert _single(misconception="pain-means-harm").options[1].misconception == "pain-means-harm"
    with pytest.raises(InvalidModel, match=r"options\[1\].misconception: must be a misconception id"):
        _single(misconception="Pain Means Harm")


def test_a_correct_option_refuses_a_tag():
    with pytest.raises(InvalidModel, match=r"options\[0\].misconception: option 'a' is correct"):
        Question(
            id="q",
            type="single",
            objective="o1",
            references=("rir",),
            prompt="P?",
            explanation="E.",
            options=(
                Option(id="a", text="A", correct=True, feedback="Yes.", misconception="pain-means-harm"),
                Option(id="b", text="B", correct=False, feedback="No."),
            ),
        )


def test_only_numeric_and_order_questions_carry_a_question_tag():
    with pytest.raises(InvalidModel, match="a single question tags each wrong option instead"):
        Question(
            id="q",
            type="single",
            objective="o1",
            references=("rir",),
            prompt="P?",
            explanation="E.",
            misconception="pain-means-harm",
            options=_single().options,
        )
    q = Question(
        id="n",
        type="numeric",
        objective="o1",
        references=("rir",),
        prompt="P?",
        explanation="E.",
        answer=2,
        feedback_correct="Yes.",
        feedback_incorrect="No.",
        misconception="effort-scale-misread",
    )
    assert q.misconception == "effort-scale-misread" and repr(q) == "Question('n', numeric)"


def test_misconception_model_checks_its_fields():
    with pytest.raises(InvalidModel, match="id: must be a slug"):
        Misconception(id="Bad Id", label="L", description="D", correction="C", references=("rir",))
    with pytest.raises(InvalidModel, match="references: must list at least one"):
        Misconception(id="x", label="L", description="D", correction="C", references=())
    with pytest.raises(InvalidModel, match="label: must be at most 40"):
        Misconception(id="x", label="L" * 41, description="D", correction="C", references=("rir",))


# ---------------------------------------------------------------------------------- broken glossary


def entry(**change) -> dict:
    record = {
        "id": "pain-means-harm",
        "label": "Pain with movement means harm",
        "description": "Any pain during exercise is harm.",
        "correction": "Hurt is not harm.",
        "references": ["silbernagel2007"],
    }
    record.update(change)
    return {k: v for k, v in record.items() if v is not ...}


@pytest.mark.parametrize(
    "records, where",
    [
        ([entry(), entry()], "record 1 (pain-means-harm): id: duplicate id"),
        (
            [entry(references=["nobody1999"])],
            "record 0 (pain-means-harm): references[0]: unknown reference key 'nobody1999'",
        ),
        ([entry(label=...)], "record 0 (pain-means-harm): label: missing"),
        ([entry(colour="red")], "record 0 (pain-means-harm): colour: unknown field"),
        ([entry(id="Pain Harm")], "record 0 (Pain Harm): id: must be a slug"),
        ([entry(correction="  ")], "record 0 (pain-means-harm): correction: missing or empty text"),
        (
            [entry(references="silbernagel2007")],
            "record 0 (pain-means-harm): references: must be a non-empty list",
        ),
        ([entry(label="Slip:  ")], "record 0 (pain-means-harm): label: says 'Slip:' but names no slip"),
        ([entry(), "just text"], "record 1: each misconception must be a mapping"),
        ({"pain-means-harm": entry()}, "the file must be a non-empty list of misconceptions"),
    ],
)
def test_broken_glossary_names_file_record_and_field(tmp_path, records, where):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "references.yaml").write_text((data_dir() / "references.yaml").read_text(encoding="utf-8"))
    (folder / "misconceptions.yaml").write_text(yaml.safe_dump(records, sort_keys=False))
    with pytest.raises(DataFileError) as info:
        load_misconceptions(folder)
    assert f"data/misconceptions.yaml: {where}" in str(info.value)


def test_all_glossary_problems_are_listed_at_once():
    _, problems = check_misconceptions(
        [entry(label=...), entry(id="other", references=["nobody1999"]), entry(id="other")],
        "data/misconceptions.yaml",
        set(load_references()),
    )
    assert [(p.record, p.field) for p in problems] == [(0, "label"), (1, "references[0]"), (2, "id")]


def test_glossary_file_can_be_named_directly():
    assert load_misconceptions(data_dir() / "misconceptions.yaml") == GLOSSARY


# ---------------------------------------------------------------------------------- broken banks


def _bank_doc(notebook: str, folder: Path) -> dict:
    return yaml.safe_load((folder / "quizzes" / f"{notebook}.yaml").read_text(encoding="utf-8"))


def _write(folder: Path, notebook: str, doc: dict) -> None:
    (folder / "quizzes" / f"{notebook}.yaml").write_text(
        yaml.safe_dump(doc, sort_keys=False), encoding="utf-8"
    )


def test_check_data_names_a_broken_tag_precisely(data_copy, capsys):
    nb = "04_nervous_system_and_pain"
    doc = _bank_doc(nb, data_copy)
    q0 = doc["questions"][0]  # zone-of-four
    wrong = [i for i, o in enumerate(q0["options"]) if not o.get("correct")]
    right = next(i for i, o in enumerate(q0["options"]) if o.get("correct"))
    q0["options"][wrong[0]]["misconception"] = "pain-mean-harm"  # a typo
    del q0["options"][wrong[1]]["misconception"]
    q0["options"][right]["misconception"] = "pain-means-harm"
    p = next(i for i, q in enumerate(doc["practice"]) if q["type"] == "numeric")
    doc["practice"][p]["feedback"]["misconception"] = "no-such-idea"
    _write(data_copy, nb, doc)

    assert main(["check-data", str(data_copy)]) == 1
    out = capsys.readouterr().out
    file = f"data/quizzes/{nb}.yaml"
    a, b = q0["options"][wrong[0]]["id"], q0["options"][wrong[1]]["id"]
    c = q0["options"][right]["id"]
    assert (
        f"{file}: record 0 (zone-of-four): options[{wrong[0]}].misconception: option {a!r}: "
        "unknown misconception 'pain-mean-harm' (see misconceptions.yaml)"
    ) in out
    assert (
        f"{file}: record 0 (zone-of-four): options[{wrong[1]}].misconception: missing: "
        f"wrong option {b!r} must name the misconception or slip it reflects"
    ) in out
    assert (
        f"{file}: record 0 (zone-of-four): options[{right}].misconception: option {c!r} is correct; "
        "only a wrong option names a misconception"
    ) in out
    pid = doc["practice"][p]["id"]
    assert (
        f"{file}: practice: record {p} ({pid}): feedback.misconception: "
        "unknown misconception 'no-such-idea' (see misconceptions.yaml)"
    ) in out
    assert "4 problems in" in out


def test_check_data_reports_glossary_problems(data_copy, capsys):
    path = data_copy / "misconceptions.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    records[1]["references"] = ["nobody1999"]
    records.append(dict(records[0]))
    path.write_text(yaml.safe_dump(records, sort_keys=False), encoding="utf-8")
    assert main(["check-data", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert (
        f"data/misconceptions.yaml: record 1 ({records[1]['id']}): references[0]: unknown reference key"
        in out
    )
    assert (
        f"data/misconceptions.yaml: record {len(records) - 1} ({records[0]['id']}): id: duplicate id" in out
    )


def test_check_data_reports_a_missing_glossary(data_copy, capsys):
    (data_copy / "misconceptions.yaml").unlink()
    assert main(["check-data", str(data_copy)]) == 1
    assert "data/misconceptions.yaml: file not found" in capsys.readouterr().out
    # the banks still load from such a folder; their tags are then not checked against a glossary
    assert len(load_bank("00_start_here", data_copy)) == len(load_bank("00_start_here"))


def test_a_renamed_entry_breaks_every_bank_that_uses_it(data_copy):
    path = data_copy / "misconceptions.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("- id: pain-zones-confused", "- id: pain-bands-mixed")
    )
    with pytest.raises(DataErrors) as info:
        load_bank("04_nervous_system_and_pain", data_copy)
    problems = info.value.problems
    assert all("unknown misconception 'pain-zones-confused'" in p.detail for p in problems)
    used = [tag for *_, tag in wrong_answers(load_bank("04_nervous_system_and_pain"))]
    assert len(problems) == used.count("pain-zones-confused") == 2


def test_check_bank_without_a_glossary_checks_only_the_form_of_tags():
    doc = _bank_doc("04_nervous_system_and_pain", data_dir())
    for q in doc["questions"]:
        for o in q.get("options", []):
            o.pop("misconception", None)
    _, problems = check_bank(doc, "x.yaml")
    assert problems == []
    _, problems = check_bank(doc, "x.yaml", misconception_ids=set(GLOSSARY))
    assert problems and all(p.field.endswith(".misconception") for p in problems)


@pytest.mark.parametrize(
    "tag, detail",
    [
        (7, "must be a misconception id like 'pain-means-harm', got 7"),
        ("Pain_Harm", "must be a misconception id like 'pain-means-harm', got 'Pain_Harm'"),
    ],
)
def test_a_malformed_tag_is_refused_without_a_glossary(tag, detail):
    doc = _bank_doc("04_nervous_system_and_pain", data_dir())
    q = doc["questions"][0]
    i = next(i for i, o in enumerate(q["options"]) if not o.get("correct"))
    q["options"][i]["misconception"] = tag
    _, problems = check_bank(doc, "x.yaml")
    assert [(p.field, p.detail) for p in problems] == [(f"options[{i}].misconception", detail)]


def test_a_tag_in_the_wrong_place_is_an_unknown_field():
    doc = _bank_doc("04_nervous_system_and_pain", data_dir())
    doc["questions"][0]["misconception"] = "pain-means-harm"
    _, problems = check_bank(doc, "x.yaml")
    assert [p.field for p in problems] == ["misconception"]
    assert "unknown field for a single question" in problems[0].detail


def test_readme_example_errors_match_the_real_format(tmp_path):
    readme = (data_dir() / "quizzes" / "README.md").read_text(encoding="utf-8")
    doc = _bank_doc("04_nervous_system_and_pain", data_dir())
    options = doc["questions"][0]["options"]
    assert [o["id"] for o in options[2:4]] == ["c", "d"] and not any(o.get("correct") for o in options[2:4])
    options[2]["misconception"] = "pain-mean-harm"
    del options[3]["misconception"]
    path = tmp_path / "bank.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataErrors) as info:
        load_bank("04_nervous_system_and_pain", path)
    for problem in info.value.problems:
        line = f"data/quizzes/04_nervous_system_and_pain.yaml: {str(problem).split(': ', 1)[1]}"
        assert line in readme
    assert len(info.value.problems) == 2


# ---------------------------------------------------------------------------------- hostile input

FUZZ_EXAMPLES = int(os.environ.get("COURSEKIT_FUZZ_EXAMPLES", "200"))
_scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(), st.text(max_size=12))
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_RECORDS = yaml.safe_load((data_dir() / "misconceptions.yaml").read_text(encoding="utf-8"))[:5]
_KEYS = set(load_references())


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True)
@given(st.data())
def test_glossary_records_of_any_shape(data):
    records = copy.deepcopy(_RECORDS)
    i = data.draw(st.integers(0, len(records) - 1))
    field = data.draw(st.sampled_from([*records[i], "extra"]))
    if data.draw(st.booleans()):
        records[i][field] = data.draw(_values)
    else:
        records[i].pop(field, None)
    glossary, problems = check_misconceptions(records, "data/misconceptions.yaml", _KEYS)
    for problem in problems:
        assert isinstance(problem, DataFileError) and problem.path == "data/misconceptions.yaml"
        assert problem.record is not None, str(problem)
    assert len(glossary) + len({p.record for p in problems}) == len(records)

"""The misconception glossary (data/misconceptions.yaml)."""

from __future__ import annotations

import copy
import os

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.cli.main import main
from coursekit.content.data import data_dir
from coursekit.content.syllabus import load_references
from coursekit.errors import DataFileError, InvalidModel
from coursekit.quiz import (
    Misconception,
    check_misconceptions,
    list_banks,
    load_bank,
    load_misconceptions,
)

BANKS = list_banks()
GLOSSARY = load_misconceptions()

# Entries meant for a single wrong answer, each a belief of its own that deserves its own
# column (not a slip, not a variant of a larger entry).
USED_ONCE = {
    "strong-treatment-needed",  # O'Sullivan's tenth belief: drugs, injections or surgery first
    "red-flag-is-a-diagnosis",  # the kit (or a red flag) diagnoses; the course insists it never does
    "breath-unrelated",  # breath and trunk movement have nothing to do with each other
}


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


# ---------------------------------------------------------------------------------- the models


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


# ---------------------------------------------------------------------------------- check-data


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
    # the banks still load from such a folder
    assert len(load_bank("00_start_here", data_copy)) == len(load_bank("00_start_here"))


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

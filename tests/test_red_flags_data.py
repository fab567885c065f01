"""data/red_flags.yaml: the one source of the self-check and every safety text (its shape)."""

from __future__ import annotations

import yaml

from coursekit.content.data import data_dir
from coursekit.content.syllabus import load_references
from coursekit.engine.personas import load_personas

DOC = yaml.safe_load((data_dir() / "red_flags.yaml").read_text(encoding="utf-8"))
URGENCIES = ("emergency today", "same-day", "see a doctor soon")
CATEGORIES = {"cauda equina", "nerve compression", "fracture", "malignancy", "infection"}
LICENSED = ("oswestry", "roland", "morris", "borg", "start back")


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def test_top_level_shape():
    assert set(DOC) == {"urgencies", "flags", "not_red_flags", "summary"}
    assert _text(DOC["summary"]) and DOC["summary"].count(". ") <= 2  # one or two sentences


def test_urgencies_are_the_three_most_urgent_first():
    assert tuple(u["id"] for u in DOC["urgencies"]) == URGENCIES
    for u in DOC["urgencies"]:
        assert set(u) == {"id", "heading", "action"}
        assert _text(u["heading"]) and _text(u["action"]) and u["action"].startswith("STOP")


def test_flags_are_complete_and_use_known_values():
    refs = set(load_references())
    flags = DOC["flags"]
    assert 7 <= len(flags) <= 10
    ids = [f["id"] for f in flags]
    assert len(set(ids)) == len(ids)
    for f in flags:
        assert set(f) == {"id", "label", "question", "description", "category", "urgency", "references"}
        assert all(_text(f[k]) for k in ("id", "label", "question", "description")), f["id"]
        assert f["question"].rstrip().endswith("?"), f"{f['id']}: a yes/no question"
        assert f["category"] in CATEGORIES and f["urgency"] in URGENCIES, f["id"]
        assert f["references"] and set(f["references"]) <= refs, f["id"]


def test_the_urgency_of_each_group_follows_the_framework():
    by_id = {f["id"]: f for f in DOC["flags"]}
    urgency = {f["id"]: f["urgency"] for f in DOC["flags"]}
    cauda = [i for i, f in by_id.items() if f["category"] == "cauda equina"]
    assert {"bladder-bowel", "saddle-numbness", "both-legs"} <= set(cauda)
    assert {urgency[i] for i in cauda} == {"emergency today"}
    assert urgency["one-leg-weakness"] == "same-day"
    assert urgency["major-trauma"] == urgency["fall-fragile-bone"] == "same-day"
    assert urgency["cancer-with-new-signs"] == "emergency today"
    assert urgency["infection-signs"] == "same-day"
    assert urgency["weight-loss-or-cancer-history"] == "see a doctor soon"
    for category in CATEGORIES:
        assert any(f["category"] == category for f in DOC["flags"]), category


def test_inflammatory_back_pain_is_a_non_urgent_referral_not_a_red_flag():
    (ibp,) = DOC["not_red_flags"]
    assert set(ibp) == {"id", "label", "description", "advice", "references"}
    assert ibp["id"] == "inflammatory-back-pain" and ibp["references"] == ["sieper2009"]
    assert "not a red flag" in ibp["description"]
    assert "stop" not in ibp["advice"].lower().replace("do not need to stop", "")
    assert ibp["id"] not in {f["id"] for f in DOC["flags"]}


def test_personas_name_flags_of_this_file():
    ids = {f["id"] for f in DOC["flags"]}
    for persona in load_personas().values():
        assert set(persona.red_flags) <= ids, persona.id


def test_no_licensed_questionnaire_text():
    text = (data_dir() / "red_flags.yaml").read_text(encoding="utf-8").lower()
    assert not [name for name in LICENSED if name in text]

"""The red flags as data, the screening, and the stop kept in the learner's journal (coursekit.safety)."""

import os
import subprocess
import sys
from datetime import datetime

import pytest

from coursekit import safety
from coursekit.content.red_flags import URGENCIES, check_red_flag_records, load_red_flags
from coursekit.content.syllabus import load_references
from coursekit.errors import InvalidModel
from coursekit.journal import Journal
from coursekit.journal.stop import current_stop


def all_no():
    return {flag.id: False for flag in safety.RED_FLAGS}


def by_id(flag_id):
    return safety.FLAGS_BY_ID[flag_id]


# ---------------------------------------------------------------- the data


def test_flags_are_data_with_category_urgency_and_known_references():
    keys = set(load_references())
    assert len(safety.RED_FLAGS) >= 9
    assert {f.category for f in safety.RED_FLAGS} == set(safety.CATEGORIES)
    for flag in safety.RED_FLAGS:
        assert flag.urgency in URGENCIES
        assert set(flag.references) <= keys
        assert flag.question.endswith("?")
    cauda = [f for f in safety.RED_FLAGS if f.category == "cauda equina"]
    assert len(cauda) >= 3 and all(f.urgency == "emergency today" and "ces" in f.references for f in cauda)


def test_the_list_covers_the_serious_causes_with_their_urgency():
    """IFOMPT 2020 and NICE NG59, as CONTENT.md lists them."""
    text = {f.id: f"{f.label} {f.question} {f.description}".lower() for f in safety.RED_FLAGS}
    urgency = {f.id: f.urgency for f in safety.RED_FLAGS}

    def flags_saying(*words):
        return [fid for fid, t in text.items() if all(w in t for w in words)]

    one_leg = flags_saying("one leg")
    assert one_leg and all(urgency[f] == "same-day" for f in one_leg)
    assert any("foot" in text[f] for f in one_leg)  # a foot drop is the example
    trauma = flags_saying("major")
    assert trauma and all(urgency[f] == "same-day" for f in trauma)
    fragile = flags_saying("osteoporosis", "steroid")
    assert fragile and all(urgency[f] == "same-day" for f in fragile)
    cancer_signs = [f for f in flags_saying("cancer", "night", "new") if "without" not in text[f]]
    assert cancer_signs and all(urgency[f] == "emergency today" for f in cancer_signs)
    infection = flags_saying("fever", "inject", "immune")
    assert infection and all(urgency[f] == "same-day" for f in infection)
    assert any("spinal" in text[f] and ("operation" in text[f] or "procedure" in text[f]) for f in infection)
    weight = flags_saying("weight")
    assert weight and all(urgency[f] == "see a doctor soon" for f in weight)


def test_inflammatory_back_pain_is_a_referral_not_a_red_flag():
    data = load_red_flags()
    assert all("inflammatory" not in f.description.lower() for f in data.flags)
    (ibp,) = [n for n in data.not_red_flags if n.id == "inflammatory-back-pain"]
    assert "sieper2009" in ibp.references
    assert "not a red flag" in f"{ibp.description} {ibp.advice}".lower()


def test_every_urgency_has_an_action_and_the_messages_come_from_the_data():
    data = load_red_flags()
    assert [u.id for u in data.urgencies] == list(URGENCIES)
    assert safety.MESSAGES == {u.id: u.action for u in data.urgencies}
    assert all(u.action.startswith("STOP") for u in data.urgencies)


def test_a_broken_record_names_file_section_record_and_field():
    data = load_red_flags()
    doc = {
        "urgencies": [{"id": u.id, "heading": u.heading, "action": u.action} for u in data.urgencies],
        "flags": [
            {
                "id": "x",
                "label": "x",
                "question": "x?",
                "description": "x",
                "category": "nowhere",
                "urgency": "whenever",
                "references": ["ces"],
            },
        ],
        "not_red_flags": [
            {"id": "y", "label": "y", "description": "y", "advice": "y", "references": ["nokey"]}
        ],
        "summary": "s",
    }
    result, problems = check_red_flag_records(doc, "data/red_flags.yaml", {"ces"})
    assert result is None
    text = [str(p) for p in problems]
    assert any("record 0 (x): flags.category" in t for t in text), text
    assert any("record 0 (y): not_red_flags.references: unknown reference key 'nokey'" in t for t in text), (
        text
    )


# ---------------------------------------------------------------- screening


def test_all_no_continues():
    result = safety.screen(all_no())
    assert not result.stop and result.urgency is None and result.reasons == ()
    assert result.complete
    assert str(result).startswith("Continue")
    assert repr(result) == "Screening(continue, 0 unanswered)"


@pytest.mark.parametrize("flag", load_red_flags().flags, ids=lambda f: f.id)
def test_any_yes_stops_with_its_urgency(flag):
    result = safety.screen({**all_no(), flag.id: True})
    assert result.stop
    assert result.urgency == flag.urgency
    assert result.message == safety.MESSAGES[flag.urgency]
    assert result.flags == (flag.id,)
    assert len(result.reasons) == 1 and result.reasons[0].startswith(flag.category)


def test_the_most_urgent_flag_wins():
    soon = [f.id for f in safety.RED_FLAGS if f.urgency == "see a doctor soon"]
    same_day = [f.id for f in safety.RED_FLAGS if f.urgency == "same-day"]
    emergency = [f.id for f in safety.RED_FLAGS if f.urgency == "emergency today"]
    result = safety.screen({soon[0]: True, same_day[0]: True, emergency[0]: True})
    assert result.urgency == "emergency today" and len(result.reasons) == 3
    assert safety.screen({soon[0]: True, same_day[0]: True}).urgency == "same-day"


def test_a_yes_stops_even_with_questions_unanswered():
    result = safety.screen({"bladder-bowel": True})
    assert result.stop and len(result.unanswered) == len(safety.RED_FLAGS) - 1


def test_unanswered_without_yes_asks_for_the_rest():
    result = safety.screen({"bladder-bowel": False})
    n = len(safety.RED_FLAGS)
    assert not result.stop and not result.complete
    assert f"{n - 1} of {n} questions are not answered" in result.message


@pytest.mark.parametrize("answers", [{"nope": True}, {"bladder-bowel": "yes"}, {"bladder-bowel": 1}, ["x"]])
def test_bad_answers_raise_invalid_model(answers):
    with pytest.raises(InvalidModel):
        safety.screen(answers)


# ---------------------------------------------------------------- the stop


def test_halt_records_a_stop_in_the_journal_until_resumed_with_a_statement():
    assert not safety.is_halted() and safety.halt_reason() is None
    stop = safety.halt("Get emergency care today.", flags=("saddle-numbness",))
    assert stop.urgency == "emergency today" and stop.flags == ("saddle-numbness",)
    assert safety.is_halted() and safety.halt_reason() == "Get emergency care today."
    assert current_stop() is not None
    with pytest.raises(InvalidModel, match="deliberate"):
        safety.resume()
    with pytest.raises(InvalidModel, match="deliberate"):
        safety.resume("ok")
    assert safety.is_halted()
    when = datetime.now().astimezone()
    assert safety.resume("A doctor examined me today and cleared me to exercise.") == 1
    assert not safety.is_halted()
    with Journal.open() as j:
        (lifted,) = j.stops()
    assert lifted.statement == "A doctor examined me today and cleared me to exercise."
    assert lifted.lifted_by == "learner" and lifted.lifted_at >= when.replace(microsecond=0)
    with pytest.raises(InvalidModel):
        safety.halt("  ")


def test_who_lifted_it_is_the_learner_by_name():
    with Journal.open() as j:
        j.set_learner("Ada")
    safety.halt("Same-day assessment.")
    safety.resume("Seen by my GP this morning, who cleared me.")
    with Journal.open() as j:
        assert j.stops()[0].lifted_by == "Ada"


def test_no_journal_means_no_stop_and_no_file_is_created(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_HOME", str(tmp_path / "fresh"))
    assert not safety.is_halted()
    assert safety.reminder().stop is None
    assert not (tmp_path / "fresh").exists()


def test_a_stop_in_one_process_is_seen_by_another(tmp_path):
    env = {**os.environ, "COURSEKIT_HOME": str(tmp_path / "home")}
    halt = "from coursekit import safety; safety.halt('Go to an emergency department.', flags=('bladder-bowel',))"
    subprocess.run([sys.executable, "-c", halt], env=env, check=True)
    ask = "from coursekit import safety; print(safety.is_halted()); print(safety.halt_reason()); print(safety.reminder())"
    out = subprocess.run([sys.executable, "-c", ask], env=env, check=True, capture_output=True, text=True)
    lines = out.stdout.splitlines()
    assert lines[0] == "True" and lines[1] == "Go to an emergency department."
    assert lines[2].startswith("STOP: a red-flag stop stands since") and "(emergency today)" in lines[2]


def test_reminder_is_one_stable_line_in_text_and_html():
    text = str(safety.reminder())
    assert "\n" not in text and text.startswith("Safety: no red-flag stop is recorded")
    assert safety.reminder()._repr_html_() == safety.reminder()._repr_html_()
    safety.halt("<b>Call</b> your doctor today.")
    html = safety.reminder()._repr_html_()
    assert 'role="alert"' in html and "&lt;b&gt;Call&lt;/b&gt;" in html


def test_an_unwritable_journal_still_halts_this_kernel(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("COURSEKIT_HOME", str(blocker))  # the journal cannot be created under a file
    monkeypatch.setattr(safety, "_kernel_stop", None)
    with pytest.warns(UserWarning, match="this notebook only"):
        safety.halt("Same-day assessment.")
    assert safety.is_halted()
    assert safety.resume("Assessed by a physiotherapist, nothing serious.") == 1
    assert not safety.is_halted()


def test_check_data_names_a_broken_red_flag(data_copy):
    from coursekit.course.validate import check_data

    path = data_copy / "red_flags.yaml"
    path.write_text(path.read_text().replace("urgency: same-day", "urgency: tomorrow", 1))
    problems = [str(p) for p in check_data(data_copy)]
    assert len(problems) == 1
    assert problems[0].startswith("data/red_flags.yaml: record 4 (one-leg-weakness): flags.urgency")

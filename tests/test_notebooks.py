"""The notebook series as data: syllabus and notebooks agree, each is complete and honest."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coursekit.content.syllabus import load_principles, load_references

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
PRINCIPLES = load_principles()
STEMS = [p.notebook for p in PRINCIPLES]
# Words that would mean a licensed questionnaire's items were reproduced.
LICENSED = re.compile(r"Oswestry Disability Index.*\n.*Section 1|Roland.Morris.*\n.*1\. I stay at home", re.I)
FORBIDDEN_CLAIMS = [
    re.compile(r"weak core (causes|is the cause of|leads to) (your )?back pain", re.I),
    re.compile(r"your (back|spine) is fragile", re.I),
]


def _load(stem: str) -> dict:
    return json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))


def _markdown(nb: dict) -> str:
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def _outputs_text(nb: dict) -> str:
    return json.dumps([c.get("outputs", []) for c in nb["cells"] if c["cell_type"] == "code"])


def test_every_syllabus_notebook_exists_and_the_reverse():
    on_disk = sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    assert on_disk == sorted(STEMS)


@pytest.mark.parametrize("principle", PRINCIPLES, ids=STEMS)
class TestEachNotebook:
    def test_has_title_objectives_and_evidence_note(self, principle):
        text = _markdown(_load(principle.notebook))
        assert text.lstrip().startswith(f"# {principle.notebook[:2]}")
        assert "## Learning objectives" in text
        for objective in principle.objectives:
            assert objective.text in text, f"objective {objective.id} not stated as in principles.yaml"
        assert "## Evidence note" in text
        assert "## Key takeaways" in text and "## References" in text

    def test_citations_exist(self, principle):
        nb = _load(principle.notebook)
        keys = set(load_references())
        cited = set(re.findall(r"\[([a-z][a-z0-9-]*)\](?!\()", _markdown(nb)))
        assert cited, "the notebook cites nothing"
        assert cited <= keys, f"unknown keys {sorted(cited - keys)}"

    def test_quiz_bank_is_complete(self, principle):
        from coursekit.quiz import load_bank

        bank = load_bank(principle.notebook)
        types = {q.type for q in bank.questions}
        assert len(bank.questions) >= 6
        assert len(types) >= 3
        if principle.number >= 4:
            assert "case" in types
        assert {q.objective for q in bank.questions} <= {o.id for o in principle.objectives}

    def test_executed_top_to_bottom_with_outputs(self, principle):
        nb = _load(principle.notebook)
        counts = [c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1)), "run `make notebooks` and commit"
        assert any(c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")

    def test_has_quiz_widget_and_worked_attempt(self, principle):
        nb = _load(principle.notebook)
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        assert f'QuizCard("{principle.notebook}")' in code
        assert "journal=None" in code  # the worked attempt never writes to a journal

    def test_every_figure_is_described(self, principle):
        nb = _load(principle.notebook)
        cells = nb["cells"]
        figures = 0
        for i, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            if any({"image/png", "image/svg+xml"} & set(o.get("data", {})) for o in cell.get("outputs", [])):
                figures += 1
                following = "".join(cells[i + 1]["source"]) if i + 1 < len(cells) else ""
                assert following.startswith("*Figure description:*"), f"figure in cell {i} has no description"
        assert figures >= 1

    def test_no_answer_key_in_stored_outputs(self, principle):
        nb = _load(principle.notebook)
        outputs = _outputs_text(nb)
        assert '"correct": true' not in outputs and "'correct': True" not in outputs
        assert "correct: true" not in outputs
        assert "widgets" not in nb.get("metadata", {}), "widget state (may hold answers) must not be stored"

    def test_honest_content(self, principle):
        nb = _load(principle.notebook)
        text = _markdown(nb) + _outputs_text(nb)
        for sentence in re.split(r"[.!?\n]", text):
            # Naming a myth in order to correct it is teaching, not claiming it.
            if re.search(r"\b(belief|myth|not|no|isn't|doesn't|never)\b", sentence, re.I):
                continue
            for claim in FORBIDDEN_CLAIMS:
                assert not claim.search(sentence), sentence
        assert not LICENSED.search(text)

    def test_no_volatile_output(self, principle):
        outputs = _outputs_text(_load(principle.notebook))
        assert not re.search(r" at 0x[0-9a-f]{6,}", outputs), "a memory address in a stored output"
        assert "Traceback" not in outputs

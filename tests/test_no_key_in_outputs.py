"""No stored notebook output reveals an answer of a quiz card.

The card of a notebook marks answers in the kernel, so its key never sits in the page before
the learner answers (DESIGN.md §6). A worked attempt printed under the card would undo that,
so worked attempts answer the bank's practice questions instead. This test reads every
stored output of every notebook in ``notebooks/`` and ``app/`` and fails on

* a line that names a card question (an id of a bank's ``questions:`` list, followed by a
  colon or in quotes, as results print it) together with a verdict (✓, ✗, "right", "not
  right", "correct", "partly right");
* the text of a correct option of a card question, as a feedback line shows it ("You chose:
  …", "You missed: …"), or anywhere when the text is long enough to be unmistakable;
* the correct order of a card's order question, as "Your order: …" prints it.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from coursekit.quiz import Question, list_banks, load_bank

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "app").glob("*.ipynb"))
VERDICT = re.compile(r"[✓✗]|\b(?:not right|partly right|right|correct)\b", re.I)
#: An option text at least this long is searched for anywhere in the outputs.
UNMISTAKABLE = 30


@dataclass(frozen=True)
class Key:
    notebook: str
    question: str
    what: str  # "option" or "order"
    text: str


def _card_questions() -> list[tuple[str, Question]]:
    return [(nb, q) for nb in list_banks() for q in load_bank(nb).questions]


CARD = _card_questions()
KEYS = [
    *(
        Key(nb, q.id, "option", o.text.strip())
        for nb, q in CARD
        if q.kind in ("single", "multiple")
        for o in q.options
        if o.correct
    ),
    *(
        Key(nb, q.id, "order", " → ".join({i.id: i.text for i in q.items}[i] for i in q.solution))
        for nb, q in CARD
        if q.kind == "order"
    ),
]
# An id as a marked result prints it ("✗ zone-of-four: not right", "Result('zone-of-four', ...)"):
# followed by a colon or in quotes, so that ids which are also words ("non-specific") in
# ordinary prose are not taken for a result.
ID_PATTERNS = {
    q.id: re.compile(rf"(?<![a-z0-9-]){re.escape(q.id)}:|['\"]{re.escape(q.id)}['\"]") for _, q in CARD
}


def output_lines(path: Path) -> list[tuple[int, str]]:
    """Every line of every stored output of a notebook, with its cell index (HTML unescaped)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    lines: list[tuple[int, str]] = []
    for index, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")]
            data = output.get("data", {})
            texts += [data.get(kind, "") for kind in ("text/plain", "text/html", "text/markdown")]
            for text in texts:
                text = "".join(text) if isinstance(text, list) else text
                text = html.unescape(re.sub(r"<[^>]+>", " ", text)) if "<" in text else text
                lines += [(index, line) for line in text.splitlines() if line.strip()]
    return lines


def leaks(lines: list[tuple[int, str]], notebook: str | None = None) -> list[str]:
    """Every way these output lines reveal a key of a card question.

    Ids, and option texts long enough to be unmistakable, are looked for from every bank;
    short option texts (as feedback lines show them) and orders from the bank of
    ``notebook`` (every bank when it has none): a tempo such as 3-1-2-0 may be the key of
    one notebook's quiz and an ordinary example in another.
    """
    own = {k for k in KEYS if k.notebook == notebook} or set(KEYS)
    everything = "\n".join(line for _, line in lines)
    keys = [k for k in KEYS if (k in own or len(k.text) >= UNMISTAKABLE) and k.text in everything]
    found = []
    for index, line in lines:
        if VERDICT.search(line):
            for qid, pattern in ID_PATTERNS.items():
                if pattern.search(line):
                    found.append(f"cell {index}: {qid!r} with a verdict: {line.strip()[:120]}")
        for key in keys:
            shown = key.text in line and (
                len(key.text) >= UNMISTAKABLE
                or (key in own and f": {key.text} —" in line)
                or (key in own and key.what == "order" and "Your order:" in line)
            )
            if shown:
                found.append(
                    f"cell {index}: the correct {key.what} of {key.notebook} {key.question!r}: "
                    f"{line.strip()[:120]}"
                )
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_card_key_in_stored_outputs(path):
    found = leaks(output_lines(path), path.stem)
    assert not found, "\n".join(found)


def test_the_scan_catches_a_worked_attempt_on_a_card_question():
    """The scan itself: a marked card question, printed as a notebook would, is caught."""
    from coursekit.quiz import mark

    notebook, q = next((nb, q) for nb, q in CARD if q.kind == "single")
    right = next(o.id for o in q.options if o.correct)
    wrong = next(o.id for o in q.options if not o.correct)
    printed = [(0, line) for line in str(mark(q, wrong)).splitlines()]
    found = leaks(printed, notebook)
    assert any("with a verdict" in f for f in found)
    assert any("the correct option" in f for f in found)  # "○ You missed: <the key> — ..."
    assert leaks([(0, line) for line in str(mark(q, right)).splitlines()], notebook)
    notebook, order = next((nb, q) for nb, q in CARD if q.kind == "order")
    printed = [(0, line) for line in str(mark(order, list(order.solution))).splitlines()]
    assert any("the correct order" in f for f in leaks(printed, notebook))


def test_practice_questions_are_not_flagged():
    """Marking a practice question prints nothing the scan objects to."""
    from coursekit.quiz import mark

    for notebook in list_banks():
        for q in load_bank(notebook).practice:
            if q.kind in ("single", "multiple"):
                answer = next(o.id for o in q.options if not o.correct)
                answer = [answer] if q.kind == "multiple" else answer
            elif q.kind == "numeric":
                answer = q.answer
            else:
                answer = list(q.solution)
            printed = [(0, line) for line in str(mark(q, answer)).splitlines()]
            assert not leaks(printed, notebook), (notebook, q.id)

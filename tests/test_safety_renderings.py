"""Every rendering of the red flags says what data/red_flags.yaml says, with the same urgency."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from coursekit import safety
from coursekit.content.red_flags import load_red_flags

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import render_safety  # noqa: E402


def _block(text: str, name: str) -> str:
    found = re.search(rf"<!-- red-flags:{name} -->\n(.*?)\n<!-- /red-flags:{name} -->", text, re.S)
    assert found, f"no red-flags:{name} block"
    return found.group(1)


@pytest.mark.parametrize(("document", "name"), [("README.md", "summary"), ("docs/teaching.md", "table")])
def test_documents_carry_the_rendering_of_the_data(document, name):
    text = (ROOT / document).read_text(encoding="utf-8")
    assert _block(text, name) == render_safety.blocks()[name], "run tools/render_safety.py"


def test_the_table_shows_every_flag_under_its_urgency_with_its_action():
    data = load_red_flags()
    rows = {heading: (signs, action) for heading, signs, action in safety.table().rows()}
    for flag in data.flags:
        urgency = data.urgency(flag.urgency)
        signs, action = rows[urgency.heading]
        assert flag.description in signs and action == urgency.action
    html = safety.table()._repr_html_()
    assert all(u.heading in html for u in data.urgencies)
    assert "inflammatory back pain" in html and "Not a red flag" in html


def test_notebook_00_shows_the_table_of_the_data():
    nb = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c["cell_type"] == "code" and "safety.table()" in "".join(c["source"])]
    assert len(cells) == 1
    (output,) = [o for o in cells[0]["outputs"] if o["output_type"] == "execute_result"]
    assert "".join(output["data"]["text/html"]) == safety.table()._repr_html_()
    # and no hand-written copy of the flags in the prose
    prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "see a doctor soon** (within days)" not in prose and "| **Possible" not in prose


def test_handouts_print_the_summary_of_the_data(catalog):
    from coursekit.handouts import routine_card_html
    from coursekit.routines import load_example_routines

    routine = load_example_routines(catalog)["morning-flow"]
    page = routine_card_html(routine, catalog, figure=False)
    assert load_red_flags().summary.replace("'", "&#39;") in page


def test_the_widget_asks_every_question_of_the_data():
    from coursekit.widgets import RedFlagCheck

    check = RedFlagCheck(journal=None)
    data = load_red_flags()
    assert list(check.toggles) == [f.id for f in data.flags]
    shown = " ".join(
        getattr(w, "value", "") for w in _walk(check) if isinstance(getattr(w, "value", None), str)
    )
    for flag in data.flags:
        assert flag.question.replace("'", "&#x27;") in shown or flag.question in shown


def test_a_stop_message_is_the_action_of_its_urgency():
    data = load_red_flags()
    for urgency in data.urgencies:
        flag = next(f for f in data.flags if f.urgency == urgency.id)
        assert safety.screen({flag.id: True}).message == urgency.action


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_the_summary_names_each_urgency_with_its_flags():
    """The one-paragraph summary (README, handouts) says how soon for each group, as the data does."""
    summary = load_red_flags().summary.lower()
    assert (
        "emergency care today" in summary
        and "see a doctor today" in summary
        and "see a doctor soon" in summary
    )
    emergency, rest = summary.split("see a doctor today", 1)
    today, soon = rest.split("see a doctor soon", 1)
    assert "bladder" in emergency and "both legs" in emergency and "night pain" in emergency
    assert "weaker" in today and "accident" in today and "infection" in today
    assert "weight loss" in soon

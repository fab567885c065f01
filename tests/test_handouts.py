"""Handouts: routine cards (one page) and principle sheets, as HTML and PDF."""

from __future__ import annotations

import contextlib
import io

import pytest
from pypdf import PdfReader

from coursekit.handouts import (
    SAFETY,
    confined_path,
    routine_card_html,
    slugify,
    write_principle_sheet,
    write_routine_card,
)
from coursekit.routines import Routine, load_example_routines
from coursekit.syllabus import load_principles

XSS = "<img src=x onerror=alert(1)>"


def pdf_text(path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    return len(reader.pages), " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Run `coursekit handouts --out DIR` once; keep its stdout and stderr."""
    from coursekit.cli import main

    out = tmp_path_factory.mktemp("handouts")
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["handouts", "--out", str(out)])
    return out, code, stdout.getvalue(), stderr.getvalue()


def test_command_builds_everything_with_a_summary(built):
    out, code, stdout, stderr = built
    assert code == 0
    principles = load_principles()
    examples = [s for s in load_example_routines() if not s.startswith("mistake")]
    n = len(principles) + len(examples)
    assert len(list(out.rglob("*.pdf"))) == n and len(list(out.rglob("*.html"))) == n
    assert f"Wrote {2 * n} files ({len(principles)} principle sheets, {len(examples)} routine cards" in stdout
    assert "PDF pages" in stdout and "MB" in stdout
    assert "handouts" in stderr and "%" in stderr  # the tqdm bar went to stderr


def test_routine_cards_are_one_page_with_names_and_safety(built, catalog):
    out, *_ = built
    for stem, routine in load_example_routines(catalog).items():
        if stem.startswith("mistake"):
            continue
        pages, text = pdf_text(out / "routines" / f"{slugify(stem)}.pdf")
        assert pages == 1
        assert routine.name in text
        assert "Stop and seek care if" in text
        for item in routine.items:
            assert catalog[item.exercise].name in text
        assert "eccentric (lowering)" in text  # the tempo legend
        html = (out / "routines" / f"{slugify(stem)}.html").read_text(encoding="utf-8")
        assert "@page" in html and "size: A4" in html and "data:image/png;base64," in html
        assert routine.name in html


def test_principle_sheets_name_title_objectives_and_references(built):
    out, *_ = built
    from coursekit.syllabus import load_references

    refs = load_references()
    for p in load_principles():
        pages, text = pdf_text(out / "principles" / f"{slugify(p.notebook)}.pdf")
        assert 1 <= pages <= 2
        assert p.title in text and p.evidence in text
        assert "Stop and seek care if" in text
        for o in p.objectives:
            assert " ".join(o.text.split()) in text
        first = refs[p.references[0]].citation
        assert " ".join(first.split())[:40] in text
        html = (out / "principles" / f"{slugify(p.notebook)}.html").read_text(encoding="utf-8")
        assert "Learning objectives" in html and "@page" in html


def test_a_long_routine_still_fits_one_page(catalog, tmp_path):
    routine = Routine.empty("Everything at once")
    for exercise in list(catalog)[:24]:
        routine = routine.add(exercise)
    card = write_routine_card(routine, catalog, tmp_path)
    pages, text = pdf_text(card.pdf)
    assert pages == 1 and card.pages == 1
    assert catalog[routine.items[-1].exercise].name in text and "Stop and seek care if" in text


def test_learner_text_is_escaped_and_printed_as_text(catalog, tmp_path):
    routine = Routine.empty(XSS).add(catalog["crocodile-breathing"])
    html = routine_card_html(routine, catalog, figure=False)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    card = write_routine_card(routine, catalog, tmp_path)
    assert card.html.parent == tmp_path and card.html.name == "img-src-x-onerror-alert-1.html"
    _, text = pdf_text(card.pdf)
    assert XSS in text


def test_file_names_stay_in_the_folder(tmp_path):
    assert slugify("../../x") == "x"
    assert slugify("Morning three!") == "morning-three"
    assert slugify("Étirement du matin") == "etirement-du-matin"
    assert slugify("///") == "routine"
    assert confined_path(tmp_path, "../../x", ".json") == tmp_path / "x.json"


def test_principle_sheet_single(tmp_path):
    sheet = write_principle_sheet("13_movement_wardrobe", tmp_path)
    pages, text = pdf_text(sheet.pdf)
    assert pages == sheet.pages == 1
    assert "Your movement wardrobe" in text
    assert repr(sheet) == "Handout(principle sheet: '13 · Your movement wardrobe', 1 page)"


def test_safety_line_wording():
    assert SAFETY.startswith("Stop and seek care if")

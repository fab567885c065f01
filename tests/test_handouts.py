"""Handouts: routine cards (one page) and principle sheets, as HTML and PDF."""

from __future__ import annotations

import contextlib
import io
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import pytest
from pypdf import PdfReader

from coursekit.content.syllabus import load_principles
from coursekit.engine.routines import Routine, load_example_routines
from coursekit.errors import InvalidModel
from coursekit.handouts import cards as handouts
from coursekit.handouts.cards import (
    confined_path,
    routine_card_html,
    routine_card_pdf,
    safety_line,
    slugify,
    timeline_png,
    write_principle_sheet,
    write_routine_card,
)
from coursekit.plots.timeline import routine_timeline_alt

XSS = "<img src=x onerror=alert(1)>"

# The first sentence of the red-flag summary (data/red_flags.yaml) starts every safety line.
SAFETY_START = safety_line().split(". ")[0]


def pdf_text(path) -> tuple[int, str]:
    reader = PdfReader(path if isinstance(path, io.BytesIO) else str(path))
    return len(reader.pages), " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Run `coursekit handouts --out DIR` once; keep its stdout and stderr."""
    from coursekit.cli.main import main

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
        assert SAFETY_START in text
        for item in routine.items:
            assert catalog[item.exercise].name in text
        assert "eccentric (lowering)" in text  # the tempo legend
        html = (out / "routines" / f"{slugify(stem)}.html").read_text(encoding="utf-8")
        assert "@page" in html and "size: A4" in html and "<svg" in html and "data:image/png" not in html
        assert routine.name in html


def test_principle_sheets_name_title_objectives_and_references(built):
    out, *_ = built
    from coursekit.content.syllabus import load_references

    refs = load_references()
    for p in load_principles():
        pages, text = pdf_text(out / "principles" / f"{slugify(p.notebook)}.pdf")
        assert 1 <= pages <= 2
        assert p.title in text and p.evidence in text
        assert SAFETY_START in text
        for o in p.objectives:
            assert " ".join(o.text.split()) in text
        first = refs[p.references[0]].citation
        assert " ".join(first.split())[:40] in text
        html = (out / "principles" / f"{slugify(p.notebook)}.html").read_text(encoding="utf-8")
        assert "Learning objectives" in html and "@page" in html


def _long_routine(catalog, n: int = 24) -> Routine:
    routine = Routine.empty("Everything at once")
    for exercise in list(catalog)[:n]:
        routine = routine.add(exercise)
    return routine


def test_a_long_routine_still_fits_one_page(catalog, tmp_path):
    routine = _long_routine(catalog)
    card = write_routine_card(routine, catalog, tmp_path)
    pages, text = pdf_text(card.pdf)
    assert pages == 1 and card.pages == 1
    assert catalog[routine.items[-1].exercise].name in text and SAFETY_START in text


def _count_calls(monkeypatch, owner, name: str) -> list[object]:
    calls: list[object] = []
    real = getattr(owner, name)

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


def test_a_card_draws_its_png_once_for_the_pdf_and_svg_for_the_html(catalog, tmp_path, monkeypatch):
    routine = load_example_routines(catalog)["morning-flow"]
    png = timeline_png(routine, catalog)
    drawn = _count_calls(monkeypatch, handouts, "timeline_png")
    card = write_routine_card(routine, catalog, tmp_path)
    assert len(drawn) == 1
    html = card.html.read_text(encoding="utf-8")
    assert "data:image/png" not in html and html.count("<svg") == 1
    assert routine_card_html(routine, catalog) == html
    # A timeline given to the PDF is used as it is, not drawn again.
    assert pdf_text(io.BytesIO(routine_card_pdf(routine, catalog, png=png))) == pdf_text(card.pdf)
    assert len(drawn) == 1
    assert "<svg" not in routine_card_html(routine, catalog, figure=False)


def test_the_html_card_timeline_is_accessible_svg(catalog):
    routine = load_example_routines(catalog)["morning-flow"]
    html = routine_card_html(routine, catalog)
    svg = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == routine_timeline_alt(routine, catalog)
    assert root.find("{http://www.w3.org/2000/svg}title").text == routine_timeline_alt(routine, catalog)
    names = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for item in routine.items:
        assert catalog[item.exercise].name.split()[0] in names


def test_html_only_card_skips_the_pdf_and_matplotlib(catalog, tmp_path, monkeypatch):
    routine = load_example_routines(catalog)["office-reset"]
    drawn = _count_calls(monkeypatch, handouts, "timeline_png")
    laid_out = _count_calls(monkeypatch, handouts, "routine_card_pdf")
    card = write_routine_card(routine, catalog, tmp_path, pdf=False)
    assert card.pdf is None and not drawn and not laid_out
    assert [p.name for p in tmp_path.iterdir()] == ["office-reset.html"]
    assert card.size == card.html.stat().st_size
    assert "Office reset" in card.html.read_text(encoding="utf-8")


@pytest.mark.parametrize("n", [1, 24, 40])
def test_layout_attempts_read_the_fonts_once_and_pick_what_fresh_documents_would(catalog, monkeypatch, n):
    from fpdf import FPDF

    routine = _long_routine(catalog, n)
    png = timeline_png(routine, catalog)
    real_new = handouts._Blank.new

    def dated_blank():  # the same creation date in every document: the bytes can be compared
        blank = real_new()
        blank.pdf.set_creation_date(datetime(2025, 3, 3, tzinfo=timezone.utc))
        return blank

    monkeypatch.setattr(handouts._Blank, "new", dated_blank)
    added = _count_calls(monkeypatch, FPDF, "add_font")
    written = routine_card_pdf(routine, catalog, png=png)
    got = pdf_text(io.BytesIO(written))
    assert len(added) == 2  # DejaVu regular and bold, once for every attempt
    # The reference: each level laid out whole in a fresh document (fonts read each time),
    # the first that has one page wins: how cards were laid out before.
    context = handouts.routine_card_context(routine, catalog)
    for tried, level in enumerate(handouts._CARD_LEVELS, start=1):
        full = dict(context, items=[dict(it, cues=it["cues"][: level["cues"]]) for it in context["items"]])
        doc = handouts._card_pdf(full, png, level, one_page=False)
        if doc.pages == 1:
            break
    assert written == doc.output()
    assert got[0] == 1 and catalog[routine.items[-1].exercise].name in got[1]
    assert (tried > 1) == (n > 1)  # the long routines did need several attempts


def test_a_routine_too_long_for_one_page_is_refused(catalog):
    routine = _long_routine(catalog, 80)
    with pytest.raises(InvalidModel, match="too many items \\(80\\) for a one-page card"):
        routine_card_pdf(routine, catalog, png=b"")


def test_learner_text_is_escaped_and_printed_as_text(catalog, tmp_path):
    routine = Routine.empty(XSS).add(catalog["crocodile-breathing"])
    for figure in (False, True):
        html = routine_card_html(routine, catalog, figure=figure)
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


def test_safety_line_is_the_red_flag_summary_of_the_data():
    from coursekit.content.red_flags import load_red_flags

    assert safety_line().startswith(load_red_flags().summary)
    assert "5/10" in safety_line()

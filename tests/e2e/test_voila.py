"""The workshop app under Voila: no code shown, the builder works by clicking, and is accessible."""

from __future__ import annotations

from actions import LONG_S, XSS_NAME, drive_builder

SERIOUS = {"serious", "critical"}


def _axe(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in SERIOUS]


def test_app_builder_by_clicking(page, voila):
    page.goto(voila["url"], timeout=LONG_S)
    page.wait_for_selector(".ck-routine-builder", timeout=LONG_S)
    body = page.locator("body").inner_text()
    assert "import" not in body and "RoutineBuilder(" not in body, "code is shown"
    assert page.locator(".jp-CodeCell .jp-InputArea:visible, .cm-editor:visible").count() == 0, (
        "code is shown"
    )
    builder = page.locator(".ck-routine-builder").first
    seen = drive_builder(page, builder)
    assert seen["duration_2"] != seen["duration_0"]
    assert seen["items_after"] != seen["items_before"]
    assert seen["critique_3"] != seen["critique_0"]
    assert XSS_NAME in seen["builder_text"]
    assert seen["injected_images"] == "0"
    assert int(seen["timelines"]) >= 1
    assert page.dialogs == []


def test_app_has_no_serious_accessibility_violations(page, voila):
    page.goto(voila["url"], timeout=LONG_S)
    page.wait_for_selector(".ck-routine-builder", timeout=LONG_S)
    violations = _axe(page)
    assert violations == [], [(v["id"], v["impact"], len(v["nodes"])) for v in violations]


def test_handouts_have_no_serious_accessibility_violations(page, tmp_path):
    from coursekit.handouts.cards import build_all

    build_all(tmp_path)
    pages = sorted(tmp_path.rglob("*.html"))
    assert pages
    problems = {}
    for html in pages:
        page.goto(html.as_uri())
        violations = _axe(page)
        if violations:
            problems[html.name] = [(v["id"], v["impact"]) for v in violations]
    assert problems == {}


def test_html_handouts_print_on_one_a4_page(page, tmp_path):
    """A workshop leader may print the HTML card from the browser: it must fit one page too."""
    from pypdf import PdfReader

    from coursekit.handouts.cards import build_all

    build_all(tmp_path)
    pages = sorted(tmp_path.rglob("*.html"))
    assert len(pages) == 18
    printed = {}
    for html in pages:
        page.goto(html.as_uri())
        target = tmp_path / f"{html.stem}.printed.pdf"
        page.pdf(path=str(target), prefer_css_page_size=True)
        printed[html.name] = len(PdfReader(str(target)).pages)
    assert {name: n for name, n in printed.items() if n != 1} == {}

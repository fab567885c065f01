"""The capstone notebook in real JupyterLab: run all cells, then click like a learner."""

from __future__ import annotations

from actions import LONG_S, XSS_NAME, answer_first_question, drive_builder

NOTEBOOK = "notebooks/13_movement_wardrobe.ipynb"


def _run_all(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(
        ".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel", has_text="Run All Cells"
    ).first.click()


def open_and_run_all(page, lab) -> None:
    page.goto(f"{lab['url']}/lab/tree/{NOTEBOOK}?token={lab['token']}", timeout=LONG_S)
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=LONG_S)
    # the kernel must be connected and idle before "Run All" does anything
    page.locator(".jp-StatusBar-Widget", has_text="Idle").first.wait_for(timeout=LONG_S)
    first_prompt = page.locator(".jp-CodeCell .jp-InputPrompt").first
    for _attempt in range(3):
        _run_all(page)
        try:
            page.wait_for_function(
                "el => /\\[(\\*|\\d+)\\]/.test(el.innerText)",
                arg=first_prompt.element_handle(),
                timeout=20_000,
            )
            break
        except Exception:  # noqa: BLE001 - the menu click came too early; try again
            page.keyboard.press("Escape")
    page.wait_for_selector(".ck-routine-builder", timeout=LONG_S)
    page.wait_for_selector(".ck-quiz .ck-question", timeout=LONG_S)


def test_builder_and_quiz_in_jupyterlab(page, lab):
    open_and_run_all(page, lab)
    builder = page.locator(".ck-routine-builder").first
    builder.scroll_into_view_if_needed()
    seen = drive_builder(page, builder)

    assert seen["duration_1"] != seen["duration_0"]
    assert seen["duration_2"] != seen["duration_1"]
    assert seen["critique_3"] != seen["critique_0"]  # a strengthen item first: the critique objects
    assert seen["items_after"] != seen["items_before"]
    assert XSS_NAME in seen["builder_text"]  # shown as text
    assert seen["injected_images"] == "0"  # never parsed as markup
    assert int(seen["timelines"]) >= 1  # drawn once the browser shows the builder
    assert page.dialogs == []  # no alert opened

    quiz = page.locator(".ck-quiz").first
    quiz.scroll_into_view_if_needed()
    feedback = answer_first_question(page, quiz)
    assert feedback.strip()
    assert page.dialogs == []

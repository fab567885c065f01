"""What a person does with the routine builder and a quiz, as Playwright steps."""

from __future__ import annotations

import re

XSS_NAME = "<img src=x onerror=alert(1)>"
LONG_S = 120_000  # widgets render after a kernel has run the notebook: be patient on a busy machine


def text_of(page, selector: str, *, within=None) -> str:
    scope = within or page
    return scope.locator(selector).first.inner_text()


def wait_for_change(page, selector: str, before: str, *, within=None, timeout: int = 90_000) -> str:
    scope = within or page
    locator = scope.locator(selector).first
    page.wait_for_function(
        "([el, before]) => el && el.innerText !== before",
        arg=[locator.element_handle(), before],
        timeout=timeout,
    )
    return locator.inner_text()


def drive_builder(page, builder) -> dict:
    """Filter, add two exercises, reorder, rename with hostile text; return what was seen."""
    seen: dict[str, str] = {}
    seen["duration_0"] = text_of(page, ".ck-duration", within=builder)
    seen["critique_0"] = text_of(page, ".ck-critique", within=builder)

    builder.locator(".ck-filter-family select").first.select_option("breathing")
    matches = builder.locator(".ck-matches select").first
    page.wait_for_function("el => el.options.length > 0", arg=matches.element_handle(), timeout=90_000)
    matches.select_option(index=0)
    builder.locator("button.ck-add").first.click()
    seen["duration_1"] = wait_for_change(page, ".ck-duration", seen["duration_0"], within=builder)

    # a strengthen exercise, then moved to the top: the critique must object
    builder.locator(".ck-filter-family select").first.select_option("any")
    builder.locator(".ck-filter-phase select").first.select_option("strengthen")
    page.wait_for_function("el => el.options.length > 0", arg=matches.element_handle(), timeout=90_000)
    matches.select_option(index=0)
    builder.locator("button.ck-add").first.click()
    seen["duration_2"] = wait_for_change(page, ".ck-duration", seen["duration_1"], within=builder)
    seen["critique_2"] = text_of(page, ".ck-critique", within=builder)

    items = builder.locator(".ck-items select").first
    page.wait_for_function("el => el.options.length >= 2", arg=items.element_handle(), timeout=90_000)
    seen["items_before"] = items.inner_text()
    n = items.locator("option").count()
    items.select_option(index=n - 1)
    for _ in range(n - 1):
        before = items.inner_text()
        builder.locator("button.ck-up").first.click()
        page.wait_for_function(
            "([el, before]) => el.innerText !== before", arg=[items.element_handle(), before], timeout=90_000
        )
    seen["items_after"] = items.inner_text()
    seen["critique_3"] = text_of(page, ".ck-critique", within=builder)

    name = builder.locator(".ck-routine-name input").first
    name.fill(XSS_NAME)
    name.press("Enter")
    page.wait_for_function(
        "([el, s]) => el.innerText.includes(s)", arg=[builder.element_handle(), XSS_NAME], timeout=90_000
    )
    seen["builder_text"] = builder.inner_text()
    # the live timeline is drawn once a browser shows the builder (figure="auto")
    timeline = builder.locator(".ck-timeline img, .ck-timeline svg")
    timeline.first.wait_for(timeout=90_000)
    seen["timelines"] = str(timeline.count())
    seen["injected_images"] = str(builder.locator('img[src="x"]').count())
    return seen


def answer_first_question(page, quiz) -> str:
    """Answer the current question by clicking, choose a confidence, Check; return the feedback."""
    question = quiz.locator(".ck-question").first
    radios = question.locator("input[type=radio]")
    boxes = question.locator("input[type=checkbox]")
    number = question.locator("input[type=number]")
    if radios.count():
        radios.first.check()
    elif boxes.count():
        boxes.first.check()
    elif number.count():
        number.first.fill("1")
        number.first.press("Tab")
    question.locator(".ck-confidence button").nth(1).click()
    question.locator("button.ck-check").first.click()
    feedback = question.locator(".ck-feedback").first
    page.wait_for_function(
        "el => el.innerText.trim().length > 0", arg=feedback.element_handle(), timeout=90_000
    )
    return feedback.inner_text()


def minutes(text: str) -> str:
    m = re.search(r"(\d+(?:\.\d+)?)\s*min", text)
    return m.group(1) if m else ""

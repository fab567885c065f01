"""The red-flag self-check: yes/no per flag, a Check button, and a stop that halts the course.

Screening is :func:`coursekit.engine.red_flags.screen`; this widget only collects answers and shows
the outcome. A "yes" shows a stop banner (``role="alert"``), locks the answers until
:meth:`RedFlagCheck.reset`, and records the stop in the learner's journal
(:mod:`coursekit.journal.stop`), so that every other notebook, the builder and the app honour it.
``RedFlagCheck(journal=None)`` records nothing: notebooks use it to demonstrate. Driven from
Python exactly as from the browser::

    check = RedFlagCheck(journal=None)
    check.answer("saddle-numbness", True)
    print(check.result())
"""

from __future__ import annotations

from typing import Any

import traitlets

from coursekit.engine import red_flags as safety
from coursekit.errors import InvalidModel, JournalError
from coursekit.widgets import _shared as w
from coursekit.widgets._base import (
    CourseWidget,
    MessageArea,
    escape,
    message_html,
    reports_errors,
    standing_stop,
)

__all__ = ["RedFlagCheck"]

_INITIAL = {"description_width": "initial", "button_width": "auto"}


class RedFlagState(traitlets.HasTraits):
    """The answers so far and the last screening (replaced, never mutated)."""

    answers = traitlets.Dict()
    screening = traitlets.Any(None)  # a Screening, or None until Check


class RedFlagCheck(CourseWidget):
    """A cautious self-check: any "yes" stops the course and points to urgent care."""

    def __init__(self, *, journal: Any = "auto") -> None:
        super().__init__(layout=w.Layout(width="auto"))
        if not (
            journal is None
            or (isinstance(journal, str) and journal == "auto")
            or hasattr(journal, "record_stop")
        ):
            raise InvalidModel("RedFlagCheck.journal must be 'auto', None or an open Journal")
        self._journal = journal
        self.state = RedFlagState()
        self.message = MessageArea()
        self.banner = w.HTML()
        self._syncing = False
        self.toggles: dict[str, w.ToggleButtons] = {}
        rows: list[w.Widget] = [
            w.HTML(
                '<h3 style="margin:4px 0">Red-flag self-check</h3>'
                '<p style="margin:2px 0">Answer each question for yourself. Any <strong>yes</strong> '
                "means stop the course and get medical care; this check does not diagnose.</p>"
            )
        ]
        for n, flag in enumerate(safety.RED_FLAGS, start=1):
            toggle = w.ToggleButtons(
                options=[("No", False), ("Yes", True)],
                value=None,
                description=f"{n}. {flag.label}",
                tooltips=["No", "Yes"],
                style=_INITIAL,
                layout=w.Layout(width="auto"),
            )
            toggle.observe(lambda change, fid=flag.id: self._on_toggle(fid, change), names="value")
            self.toggles[flag.id] = toggle
            rows.append(
                w.VBox(
                    [
                        w.HTML(
                            f'<p style="margin:6px 0 2px"><strong>{n}.</strong> {escape(flag.question)}</p>'
                        ),
                        toggle,
                    ]
                )
            )
        self.check_button = w.Button(
            description="Check",
            button_style="primary",
            tooltip="Check my answers",
            layout=w.Layout(width="auto"),
        )
        self.reset_button = w.Button(
            description="Reset", tooltip="Clear the answers", layout=w.Layout(width="auto")
        )
        self.check_button.on_click(lambda _b: self.check())
        self.reset_button.on_click(lambda _b: self.reset())
        self.outcome = w.HTML()
        self.children = (
            self.banner,
            *rows,
            w.HBox([self.check_button, self.reset_button], layout=w.Layout()),
            self.message,
            self.outcome,
        )
        self.state.observe(self._render, names=["answers", "screening"])
        self._render()

    # -- controller

    def _on_toggle(self, flag_id: str, change: dict[str, Any]) -> None:
        if self._syncing or change["new"] is None:
            return
        self.answer(flag_id, change["new"])

    @property
    def stopped(self) -> bool:
        """True once a check has said stop (answers are locked until reset)."""
        screening = self.state.screening
        return screening is not None and screening.stop

    @reports_errors
    def answer(self, flag_id: str, value: bool) -> None:
        """Answer one question yes (True) or no (False), as the buttons do."""
        if self.stopped:
            raise InvalidModel("The check has stopped the course: get care first. Press Reset to start over.")
        safety.check_answers({flag_id: value})
        self.state.screening = None  # the answers changed: the last check no longer applies
        self.state.answers = {**self.state.answers, flag_id: value}
        self.message.clear()

    @reports_errors
    def check(self) -> safety.Screening:
        """Screen the answers (the Check button); a stop is recorded and halts the whole course."""
        screening = safety.screen(self.state.answers)
        if screening.stop:
            self._record(screening)
        self.state.screening = screening
        return screening

    @property
    def records(self) -> bool:
        """Whether a stop is recorded in a journal (False for a demonstration check)."""
        return self._journal is not None

    def _record(self, screening: safety.Screening) -> None:
        if self._journal is None:
            return
        stop = {
            "flags": screening.flags,
            "urgency": screening.urgency or "same-day",
            "action": screening.message,
        }
        try:
            if isinstance(self._journal, str):  # "auto": the learner's own journal
                from coursekit.journal.store import Journal

                with Journal.open() as journal:
                    journal.record_stop(**stop)
            else:
                self._journal.record_stop(**stop)
        except JournalError as err:
            self.message.show(
                "error", f"The stop could not be saved in your journal ({err}): stop all the same."
            )

    def result(self) -> safety.Screening:
        """The screening of the current answers (checks them first if needed)."""
        if self.state.screening is None:
            return self.check()
        return self.state.screening

    def reset(self) -> None:
        """Clear answers and outcome. A recorded stop stays until it is lifted with a stated reason."""
        self.state.screening = None
        self.state.answers = {}
        self.message.clear()

    # -- view

    def _render(self, change: Any = None) -> None:
        answers = self.state.answers
        screening = self.state.screening
        locked = self.stopped
        self._syncing = True
        try:
            for flag_id, toggle in self.toggles.items():
                toggle.value = answers.get(flag_id)
                toggle.disabled = locked
        finally:
            self._syncing = False
        self.check_button.disabled = locked
        if screening is None:
            self.banner.value = ""
            self.outcome.value = ""
        elif screening.stop:
            reasons = "".join(f"<li>{escape(r)}</li>" for r in screening.reasons)
            body = (
                f'<strong style="font-size:1.2em">{escape(screening.message)}</strong>'
                f'<ul style="margin:4px 0 0 1.2em;padding:0">{reasons}</ul>'
            )
            self.banner.value = message_html("stop", body, escaped=True)
            halted = (
                "The course is halted in every notebook until a clinician has assessed you."
                if self.records
                else "A demonstration: nothing was recorded, and the course goes on."
            )
            self.outcome.value = message_html("stop", halted)
        else:
            self.banner.value = ""
            kind = "ok" if screening.complete else "warning"
            text = screening.message
            if screening.complete and self.records and standing_stop() is not None:
                text += " (A red-flag stop recorded earlier still stands until a clinician has assessed you.)"
            self.outcome.value = message_html(kind, text)

    def __repr__(self) -> str:
        n = len(safety.RED_FLAGS)
        text = f"RedFlagCheck({n} questions, {len(self.state.answers)} answered"
        screening = self.state.screening
        if screening is not None:
            text += f": stop, {screening.urgency}" if screening.stop else ": continue"
        return text + ")"

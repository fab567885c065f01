"""Shared pieces of every widget: escaping, messages, and safe callbacks.

Widgets are views over core functions. A control's callback calls a controller method;
a :class:`CourseKitError` raised there becomes a message shown inside the widget, never a
traceback in the notebook.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as w
import traitlets

from coursekit.errors import CourseKitError

F = TypeVar("F", bound=Callable[..., Any])

#: Colour-blind-safe colours (Okabe-Ito) for status messages, with text that passes contrast.
STATUS_STYLE = {
    "info": ("#0b4f6c", "#e8f1f8"),
    "ok": ("#0f5132", "#e6f4ea"),
    "warning": ("#664d03", "#fff4d6"),
    "error": ("#842029", "#fbe4e6"),
    "stop": ("#ffffff", "#a3141e"),
}


def escape(text: object) -> str:
    """Escape learner or data text for HTML (quotes too)."""
    return html.escape(str(text), quote=True)


def message_html(kind: str, text: str, *, escaped: bool = False) -> str:
    """A styled, accessible status box; ``role=alert`` for errors and stops."""
    fg, bg = STATUS_STYLE[kind]
    role = "alert" if kind in ("error", "stop") else "status"
    body = text if escaped else escape(text)
    return (
        f'<div role="{role}" style="color:{fg};background:{bg};padding:6px 10px;'
        f'border-radius:4px;margin:4px 0">{body}</div>'
    )


class MessageArea(w.HTML):
    """An HTML area that shows one status message at a time.

    It also keeps the last message as plain ``text`` (not synced to the browser), so a
    notebook cell or a test can print what the learner sees.
    """

    text = traitlets.Unicode("")
    kind = traitlets.Unicode("")

    def show(self, kind: str, text: str, *, escaped: bool = False) -> None:
        self.kind = kind
        self.text = text
        self.value = message_html(kind, text, escaped=escaped)

    def clear(self) -> None:
        self.kind = ""
        self.text = ""
        self.value = ""


#: Kept for the widgets that named it: every MessageArea keeps its text now.
TextMessage = MessageArea


def reports_errors(method: F) -> F:
    """Decorate a widget callback: a ``CourseKitError`` goes to ``self.message``, not out."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except CourseKitError as err:
            self.message.show("error", str(err))
            return None

    return wrapper


def figure_html(fig: Any, alt: str, *, dpi: int = 96) -> str:
    """A matplotlib figure as an ``<img>`` with alt text, for an HTML widget.

    Widgets draw figures this way rather than through an ``Output`` widget: the picture
    lives in the widget's own state, so nothing leaks into cell outputs that nbval checks,
    and screen-reader users get the alt text.
    """
    import base64
    import io

    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}" style="max-width:100%">'


class CourseWidget(w.VBox):
    """Base of the course's composite widgets: a VBox whose text form is its own repr.

    ipywidgets shortens ``text/plain`` to 110 characters; nbval compares that text, so
    every course widget keeps its short, stable ``__repr__`` whole instead.
    """

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        data = super()._repr_mimebundle_(**kwargs)
        if isinstance(data, dict):
            data["text/plain"] = repr(self)
        return data


def pain_slider(value: int, description: str, *, width: str = "28em") -> w.IntSlider:
    """A 0-10 pain score slider that reports on release (not on every pixel of a drag)."""
    return w.IntSlider(
        value=value,
        min=0,
        max=10,
        step=1,
        description=description,
        continuous_update=False,
        style={"description_width": "initial"},
        layout=w.Layout(width=width),
    )

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

import traitlets

from coursekit.errors import CourseKitError, InvalidModel
from coursekit.widgets import _shared as w

F = TypeVar("F", bound=Callable[..., Any])

#: What a widget's ``figure`` keyword accepts: always draw, never draw, or draw for a viewer.
FIGURE_MODES = (True, False, "auto")

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


def check_figure_mode(mode: object) -> bool | str:
    """``mode`` if it is True, False or ``"auto"``; anything else raises :class:`InvalidModel`."""
    if mode is True or mode is False or (isinstance(mode, str) and mode == "auto"):
        return mode
    raise InvalidModel(f"figure must be True, False or 'auto', got {mode!r}")


class FigureSlot(w.HTML):
    """An HTML area for one figure, drawn only when someone can see it.

    Drawing a matplotlib figure takes a good fraction of a second, and a notebook run with
    no browser (tests, nbval, nbclient) shows nobody the picture. ``mode`` decides:

    * ``True``: draw on every :meth:`update`;
    * ``False``: never draw (the area stays empty);
    * ``"auto"``: draw while a browser shows the area. ipywidgets counts the browser views
      of a widget whose ``_view_count`` is a number; the slot starts the count at 0, so an
      update with no view only remembers the drawing, and the first view draws it.

    ``update(draw, alt=...)`` takes a function returning a matplotlib ``Figure`` (embedded
    as a PNG ``<img>`` with the alt text) or ready HTML (e.g. an inline ``<svg>``). The alt
    text is kept in :attr:`alt` (plain text, not synced) whether or not the figure is
    drawn, so a notebook or a test can read what a screen-reader user is told.
    """

    alt = traitlets.Unicode("")

    def __init__(self, mode: bool | str = "auto", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._mode = check_figure_mode(mode)
        self._draw: Callable[[], Any] | None = None
        self._stale = False  # an update is waiting for a view
        # Always count views, so that switching ``mode`` to "auto" later is still right.
        self._view_count = 0
        self.observe(self._on_views, names="_view_count")

    @property
    def mode(self) -> bool | str:
        """True (always draw), False (never) or ``"auto"`` (while a browser shows it)."""
        return self._mode

    @mode.setter
    def mode(self, mode: bool | str) -> None:
        self._mode = check_figure_mode(mode)
        if self._stale or not self.wants_figure:
            self._apply()

    @property
    def visible(self) -> bool:
        """Whether a browser shows the area now (as far as ipywidgets knows)."""
        return bool(self._view_count)

    @property
    def wants_figure(self) -> bool:
        """Draw now? True always, False never, ``"auto"`` only while a browser shows it."""
        if self._mode == "auto":
            return self.visible
        return bool(self._mode)

    @property
    def pending(self) -> bool:
        """Whether an update is remembered and not drawn (it waits for a view)."""
        return self._stale

    def update(self, draw: Callable[[], Any], *, alt: str | None = None) -> None:
        """Show the figure ``draw()`` returns now if someone can see it, else remember it."""
        self._draw = draw
        if alt is not None:
            self.alt = alt
        self._stale = True
        self._apply()

    def show(self, html: str) -> None:
        """Show HTML that is not a figure (a note such as 'nothing logged yet'), in any mode."""
        self._draw = None
        self._stale = False
        self.alt = ""
        self.value = html

    def redraw(self) -> None:
        """Draw the last update again (if the mode lets it)."""
        if self._draw is not None:
            self._stale = True
            self._apply()

    def _apply(self) -> None:
        if self._draw is None:
            return
        if self.wants_figure:
            html = self._render(self._draw())
            self._stale = False
            self.value = html
        else:
            self._stale = True  # drawn again when the mode or a view allows it
            if self.value:
                self.value = ""  # nobody sees it: do not keep a picture of an old state

    def _render(self, drawn: Any) -> str:
        if isinstance(drawn, str):
            return drawn
        return figure_html(drawn, self.alt)

    def _on_views(self, change: Any) -> None:
        if change["new"] and not change["old"] and self._stale and self._mode == "auto":
            self._apply()


class CourseWidget(w.VBox):
    """Base of the course's composite widgets: a VBox whose text form is its own repr.

    ipywidgets shortens ``text/plain`` to 110 characters; nbval compares that text, so
    every course widget keeps its short, stable ``__repr__`` whole instead.
    """

    @property
    def show_figure(self) -> bool | str:
        """When the widget's figure is drawn: True, False or "auto" (while a browser shows it)."""
        return self.figure.mode

    @show_figure.setter
    def show_figure(self, mode: bool | str) -> None:
        self.figure.mode = mode

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


def standing_stop() -> Any:
    """The red-flag stop recorded in the learner's journal, or None (an unreadable journal: None)."""
    from coursekit.errors import JournalError
    from coursekit.journal.stop import current_stop

    try:
        return current_stop()
    except JournalError:
        return None


def default_catalog(catalog: Any = None) -> Any:
    """The given catalog, or the bundled one (loaded, and cached, on first use)."""
    if catalog is not None:
        return catalog
    from coursekit.content.catalog import load_catalog

    return load_catalog()

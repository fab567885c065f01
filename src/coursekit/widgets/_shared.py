"""ipywidgets, with the Layout and Style models shared between the kit's controls.

Every ipywidgets control opens a model in the frontend for itself, one for its ``Layout``
and, for most controls, one for its ``Style``: three messages to build, send, receive and
render, where one would do. A course widget holds dozens of controls, and the kit never
changes a control's layout or style once it is built, so here controls built with the same
layout properties share one ``Layout`` model, and controls with the same style class and
properties share one style model. That halves the messages a notebook sends (and the time
a notebook takes to check under nbval); what a learner sees is the same.

The widget modules import this module as ``w`` in place of ``ipywidgets``::

    from coursekit.widgets import _shared as w

    w.Button(description="Add", layout=w.Layout(width="auto"))   # a shared Layout

Every name of ipywidgets is here (looked up on first use); the control classes are thin subclasses (same model and
view, so ``isinstance(x, ipywidgets.Button)`` holds) whose default layout and style are
the shared ones, and ``Layout(...)`` returns the shared layout for those properties. Do not
change ``x.layout`` or ``x.style`` properties in place: give the control a new
``Layout(...)`` instead. A shared model that was closed (``Widget.close_all()``) is
replaced by a new one the next time it is asked for.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import ipywidgets as _ipw
from traitlets import default

_LAYOUTS: dict[tuple[tuple[str, Any], ...], _ipw.Layout] = {}
_STYLES: dict[tuple[type, tuple[tuple[str, Any], ...]], Any] = {}


def _key(props: dict[str, Any]) -> tuple[tuple[str, Any], ...] | None:
    key = tuple(sorted(props.items()))
    try:
        hash(key)
    except TypeError:  # a list-valued property: not shared
        return None
    return key


def _alive(model: Any) -> bool:
    return model is not None and getattr(model, "comm", None) is not None


def Layout(**props: Any) -> _ipw.Layout:  # noqa: N802 - stands in for the ipywidgets class
    """The shared ``ipywidgets.Layout`` with these properties (created on first use)."""
    key = _key(props)
    if key is None:
        return _ipw.Layout(**props)
    layout = _LAYOUTS.get(key)
    if not _alive(layout):
        layout = _LAYOUTS[key] = _ipw.Layout(**props)
    return layout


def style(style_class: type, **props: Any) -> Any:
    """The shared style model of ``style_class`` with these properties."""
    key = _key(props)
    if key is None:
        return style_class(**props)
    found = _STYLES.get((style_class, key))
    if not _alive(found):
        found = _STYLES[(style_class, key)] = style_class(**props)
    return found


def _style_class(control: type) -> type | None:
    trait = control.class_traits().get("style")
    return getattr(trait, "klass", None) if trait is not None else None


def _sharing(control: type) -> type:
    """A subclass of an ipywidgets control whose layout and style are shared models."""
    style_class = _style_class(control)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:  # noqa: N807
        if isinstance(kwargs.get("layout"), dict):
            kwargs["layout"] = Layout(**kwargs["layout"])
        if style_class is not None and isinstance(kwargs.get("style"), dict):
            kwargs["style"] = style(style_class, **kwargs["style"])
        control.__init__(self, *args, **kwargs)

    namespace: dict[str, Any] = {
        "__init__": __init__,
        "__module__": __name__,
        "__doc__": control.__doc__,
        "_shared_layout": default("layout")(lambda self: Layout()),
    }
    if style_class is not None:
        namespace["_shared_style"] = default("style")(lambda self: style(style_class))
    return type(control.__name__, (control,), namespace)


def _is_control(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, _ipw.DOMWidget) and "layout" in obj.class_traits()


def __getattr__(name: str) -> Any:
    """Every other ipywidgets name; controls come as sharing subclasses, made on first use."""
    obj = getattr(_ipw, name)  # AttributeError names this module's missing attribute
    if not name.startswith("_") and _is_control(obj):
        obj = _sharing(obj)
    globals()[name] = obj
    return obj


@contextlib.contextmanager
def held(*widgets: Any) -> Iterator[None]:
    """Send each widget's changes as one message when the block ends (``hold_sync`` on all).

    A re-render that sets a list's options, then its value, then the text of a box sends one
    update per control instead of one per property. The updates go out in the order the
    widgets are given (a browser sees the controls change before, say, a summary below them).
    """
    with contextlib.ExitStack() as stack:
        for widget in reversed(widgets):  # the stack unwinds last-in first-out
            stack.enter_context(widget.hold_sync())
        yield


def descendants(root: Any) -> list[Any]:
    """``root`` and every widget inside it (through ``children``), in the order shown."""
    out = [root]
    for child in getattr(root, "children", ()):
        out += descendants(child)
    return out

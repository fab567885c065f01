"""The kit's controls share Layout and Style models: fewer messages, the same widgets."""

from __future__ import annotations

import ast
from pathlib import Path

import ipywidgets
import pytest
from ipywidgets.widgets.widget import _instances

from coursekit.widgets import _shared as w

WIDGETS = Path(__file__).resolve().parents[1] / "src" / "coursekit" / "widgets"


def _opened(build) -> int:
    before = set(_instances)
    build()
    return len(set(_instances) - before)


def test_controls_are_still_ipywidgets_controls():
    for name in ("HTML", "Button", "Dropdown", "Select", "Text", "IntText", "ToggleButtons", "HBox", "VBox"):
        control = getattr(w, name)
        assert issubclass(control, getattr(ipywidgets, name)), name
        assert control._model_name == getattr(ipywidgets, name)._model_name
        assert control.__name__ == name


def test_same_properties_share_one_model():
    a, b = w.HTML("a"), w.HTML("b")
    assert a.layout is b.layout and a.style is b.style
    c = w.Button(description="c", layout=w.Layout(width="auto"))
    d = w.Button(description="d", layout=w.Layout(width="auto"))
    assert c.layout is d.layout and c.layout is not a.layout
    assert c.style is d.style and type(c.style).__name__ == "ButtonStyle"
    e = w.Dropdown(options=["x"], style={"description_width": "initial"})
    f = w.Dropdown(options=["y"], style={"description_width": "initial"})
    assert e.style is f.style and e.style.description_width == "initial"
    g = w.Text(style={"description_width": "initial"})
    assert g.style is not e.style and type(g.style).__name__ == "TextStyle"  # one per style class


def test_different_properties_get_their_own_model():
    assert w.Layout(width="10em") is not w.Layout(width="11em")
    assert w.Layout(width="10em").width == "10em"
    assert w.Button(layout={"width": "7em"}).layout is w.Layout(width="7em")


def test_a_closed_shared_model_is_replaced():
    layout = w.Layout(width="13em")
    layout.close()
    fresh = w.Layout(width="13em")
    assert fresh is not layout and fresh.comm is not None
    button = w.Button(layout=w.Layout(width="13em"))
    assert button.layout is fresh


def test_a_widget_opens_fewer_models():
    from coursekit.content.catalog import load_catalog
    from coursekit.widgets import RedFlagCheck, RoutineBuilder
    from coursekit.widgets.quiz import QuizCard

    catalog = load_catalog()
    # with a Layout and a Style per control these were 53, 70 (6 red flags) and 133; the
    # self-check asks 9 questions now, each a toggle and its text (4 models per flag)
    assert _opened(lambda: QuizCard("00_start_here", journal=None)) <= 30
    assert _opened(RedFlagCheck) <= 40
    assert _opened(lambda: RoutineBuilder(catalog, figure=False)) <= 65


@pytest.mark.parametrize("path", sorted(WIDGETS.glob("*.py")), ids=lambda p: p.name)
def test_widget_modules_build_controls_through_the_shared_module(path):
    if path.name == "_shared.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    direct = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        and any(a.name == "ipywidgets" for a in node.names)
        or isinstance(node, ast.ImportFrom)
        and (node.module or "").startswith("ipywidgets")
    ]
    assert direct == [], f"{path.name} imports ipywidgets directly (line {direct}); use _shared as w"


def test_held_sends_one_update_per_widget_in_the_given_order(monkeypatch):
    a, b = w.HTML("a"), w.Text(value="b")
    sent: list[tuple[str, set]] = []
    for name, widget in (("a", a), ("b", b)):
        monkeypatch.setattr(
            widget, "send_state", lambda key=None, name=name: sent.append((name, set(key or ())))
        )
    with w.held(a, b):
        b.value = "b2"
        b.placeholder = "type"
        a.value = "a2"
        a.value = "a3"
    assert sent == [("a", {"value"}), ("b", {"value", "placeholder"})]


def test_descendants_are_every_widget_inside_in_the_order_shown():
    a, b, c = w.HTML("a"), w.Button(description="b"), w.Text()
    inner = w.HBox([b, c])
    root = w.VBox([a, inner])
    assert w.descendants(root) == [root, a, inner, b, c]
    assert w.descendants(a) == [a]

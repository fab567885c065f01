"""The widgets of the course: views over core functions, driven from Python or the browser.

Each topic lives in its own module (``widgets/quiz.py``, ``widgets/pain.py``, ...) and lists
its public functions in ``__all__``; this package re-exports them lazily, so importing
``coursekit.widgets`` stays cheap until a widget is used.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any


def _public() -> dict[str, str]:
    names: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name in getattr(module, "__all__", ()):
            names.setdefault(name, module.__name__)
    return names


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    table = _public()
    if name not in table:
        raise AttributeError(f"coursekit.widgets has no widget {name!r}; widgets: {', '.join(sorted(table))}")
    return getattr(importlib.import_module(table[name]), name)


def __dir__() -> list[str]:
    return sorted(_public())

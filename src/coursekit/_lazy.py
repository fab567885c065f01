"""Lazy re-exports for a package of topic modules (``coursekit.plots``, ``coursekit.widgets``).

Each topic module lists its public names in ``__all__``; the package offers them as its
own attributes, importing a topic only when one of its names is first used.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any


def lazy_exports(
    package: str, path: list[str], what: str
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``; ``what`` names its items in errors."""

    def public() -> dict[str, str]:
        names: dict[str, str] = {}
        for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{package}.{info.name}")
            for name in getattr(module, "__all__", ()):
                names.setdefault(name, module.__name__)
        return names

    def getattr_(name: str) -> Any:
        if name.startswith("_"):  # dunders, and private submodules not imported yet
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        table = public()
        if name not in table:
            raise AttributeError(f"{package} has no {what} {name!r}; {what}s: {', '.join(sorted(table))}")
        return getattr(importlib.import_module(table[name]), name)

    def dir_() -> list[str]:
        return sorted(public())

    return getattr_, dir_

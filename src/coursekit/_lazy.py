"""Lazy re-exports for a package of topic modules (``coursekit.plots``, ``coursekit.widgets``).

Each topic module lists its public names in ``__all__``; the package offers them as its
own attributes, importing a topic only when one of its names is first used. Which module
holds a name is read from the modules' source (their literal ``__all__``) without importing
them, so ``from coursekit.widgets import RedFlagCheck`` imports ``widgets/safety.py`` and
what it needs, not every widget of the course.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

_ALL = re.compile(r"^__all__\s*(?::[^=\n]*)?=\s*(\[[^\]]*\]|\([^)]*\))", re.MULTILINE)


def _literal_all(path: Path) -> list[str] | None:
    """The module's ``__all__`` if the file assigns it a literal list or tuple of strings.

    Only that statement is parsed (a regular expression finds it), not the whole module:
    reading the names of every topic costs well under a millisecond per file.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = _ALL.search(text)
    if found is None:
        return [] if "__all__" not in text else None
    try:
        value = ast.literal_eval(found.group(1))
    except (ValueError, SyntaxError):
        return None
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def lazy_exports(
    package: str, path: list[str], what: str
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``; ``what`` names its items in errors."""
    table: dict[str, str] = {}

    def public() -> dict[str, str]:
        if table:
            return table
        for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
            if info.name.startswith("_"):
                continue
            module = f"{package}.{info.name}"
            source = Path(getattr(info.module_finder, "path", "")) / f"{info.name}.py"
            names = _literal_all(source) if source.is_file() else None
            if names is None:  # not a plain source file, or a computed __all__: ask the module
                names = list(getattr(importlib.import_module(module), "__all__", ()))
            for name in names:
                table.setdefault(name, module)
        return table

    def getattr_(name: str) -> Any:
        if name.startswith("_"):  # dunders, and private submodules not imported yet
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        names = public()
        if name not in names:
            raise AttributeError(f"{package} has no {what} {name!r}; {what}s: {', '.join(sorted(names))}")
        return getattr(importlib.import_module(names[name]), name)

    def dir_() -> list[str]:
        return sorted(public())

    return getattr_, dir_

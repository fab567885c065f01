"""Lazy re-exports of coursekit.widgets and coursekit.plots: one name imports one topic."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit._lazy import _literal_all


@pytest.mark.parametrize("package", ["coursekit.widgets", "coursekit.plots"])
def test_names_read_from_source_match_each_module(package):
    folder = Path(importlib.import_module(package).__path__[0])
    names = set()
    for path in sorted(folder.glob("[!_]*.py")):
        module = importlib.import_module(f"{package}.{path.stem}")
        assert _literal_all(path) == list(getattr(module, "__all__", [])), path.name
        names |= set(getattr(module, "__all__", []))
    assert set(dir(importlib.import_module(package))) == names


def test_one_widget_imports_one_topic():
    code = (
        "import json, sys\nfrom coursekit.widgets import RedFlagCheck, QuizCard\nfrom coursekit import plots\n"
        "plots.catalog_counts\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('coursekit.widgets.', 'coursekit.plots.')))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = json.loads(out.stdout)
    shared = {"coursekit.plots.style"}  # the palette every figure shares, not a topic
    topics = [m for m in loaded if not m.rsplit(".", 1)[1].startswith("_") and m not in shared]
    assert topics == ["coursekit.plots.catalog", "coursekit.widgets.quiz", "coursekit.widgets.safety"]


def test_computed_or_missing_all_falls_back(tmp_path):
    (tmp_path / "a.py").write_text("__all__ = ['x', 'y']\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("__all__: list[str] = (\n    'z',\n)\n", encoding="utf-8")
    (tmp_path / "c.py").write_text("NAMES = ['q']\n__all__ = NAMES\n", encoding="utf-8")
    (tmp_path / "d.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "e.py").write_text("__all__ = [f'{1}']\n", encoding="utf-8")
    assert _literal_all(tmp_path / "a.py") == ["x", "y"]
    assert _literal_all(tmp_path / "b.py") == ["z"]
    assert _literal_all(tmp_path / "c.py") is None  # not a literal: the module is imported instead
    assert _literal_all(tmp_path / "d.py") == []
    assert _literal_all(tmp_path / "e.py") is None
    assert _literal_all(tmp_path / "missing.py") is None

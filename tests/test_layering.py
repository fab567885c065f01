"""Layering: the core loads no UI library and no pandas (DESIGN.md §2)."""

import subprocess
import sys

CORE = [
    "coursekit",
    "coursekit.errors",
    "coursekit.data",
    "coursekit.enums",
    "coursekit.tempo",
    "coursekit.models",
    "coursekit.catalog",
    "coursekit.syllabus",
    "coursekit.validate",
    "coursekit.cli",
]
OPTIONAL_CORE = [
    "coursekit.routines",
    "coursekit.critique",
    "coursekit.pain",
    "coursekit.progression",
    "coursekit.planner",
    "coursekit.psfs",
    "coursekit.quiz",
    "coursekit.journal",
    "coursekit.review",
    "coursekit.gradebook",
    "coursekit.effort",
    "coursekit.coverage",
    "coursekit.safety",
    "coursekit.cues",
    "coursekit.breath",
    "coursekit.rotation",
    "coursekit.habits",
    "coursekit.scenarios",
    "coursekit.personas",
]


def _loaded_ui(modules: list[str]) -> str:
    code = (
        "import importlib, importlib.util, sys\n"
        f"for m in {modules!r}:\n"
        "    if importlib.util.find_spec(m) is not None: importlib.import_module(m)\n"
        "bad = sorted({'ipywidgets', 'matplotlib', 'pandas', 'IPython'} & set(sys.modules))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def test_import_coursekit_loads_no_ui_and_no_pandas():
    assert _loaded_ui(["coursekit"]) == ""


def test_core_modules_load_no_ui_and_no_pandas():
    assert _loaded_ui(CORE + OPTIONAL_CORE) == ""


def test_catalog_loading_needs_no_pandas():
    code = (
        "import sys\nfrom coursekit.catalog import load_catalog\nload_catalog()\n"
        "print(','.join(sorted({'ipywidgets', 'matplotlib', 'pandas'} & set(sys.modules))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == ""


def test_every_module_imports_first_in_a_fresh_interpreter():
    """No import cycle hides behind import order: each module can be the first one imported."""
    import pkgutil

    import coursekit

    names = sorted(
        m.name
        for m in pkgutil.walk_packages(coursekit.__path__, "coursekit.")
        if not m.name.endswith("__main__")
    )
    code = (
        "import importlib, subprocess, sys\n"
        f"names = {names!r}\n"
        "failed = []\n"
        "for name in names:\n"
        "    p = subprocess.run([sys.executable, '-c', f'import {name}'], capture_output=True, text=True)\n"
        "    if p.returncode: failed.append((name, p.stderr.strip().splitlines()[-1]))\n"
        "print(failed)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"
    assert "coursekit.widgets._base" in names and "coursekit.widgets._shared" in names

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

"""Layering: the core loads no UI library and no pandas (DESIGN.md §2)."""

import subprocess
import sys
from pathlib import Path

import pytest

# Every module below the edges, and the public faces: none may load a UI library or pandas.
LOWER_PACKAGES = ("content", "engine", "quiz", "journal", "course", "cli")
FACES = ["catalog", "tempo", "routines", "critique", "pain", "progression", "safety", "observation"]


def _modules(packages=LOWER_PACKAGES) -> list[str]:
    import pkgutil

    import coursekit

    names = ["coursekit", "coursekit.errors"] + [f"coursekit.{face}" for face in FACES]
    for package in packages:
        path = [str(Path(coursekit.__file__).parent / package)]
        names.append(f"coursekit.{package}")
        names += [m.name for m in pkgutil.walk_packages(path, f"coursekit.{package}.")]
    return names


CORE = _modules()


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
    assert len(CORE) > 40
    assert _loaded_ui(CORE) == ""


def test_catalog_loading_needs_no_pandas():
    code = (
        "import sys\nfrom coursekit.content.catalog import load_catalog\nload_catalog()\n"
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


ROOT = Path(__file__).resolve().parents[1]


def _lint_imports(src: Path) -> subprocess.CompletedProcess:
    """Run import-linter with the contracts of pyproject.toml over the package under ``src``."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(config_filename=sys.argv[2], no_cache=True))"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(src), str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=src,
    )


def test_the_layer_contracts_hold():
    run = _lint_imports(ROOT / "src")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_a_crossed_layer_breaks_the_contract(tmp_path):
    """The contract is not vacuous: content importing the journal is caught."""
    import shutil

    shutil.copytree(
        ROOT / "src" / "coursekit", tmp_path / "coursekit", ignore=shutil.ignore_patterns("__pycache__")
    )
    enums = tmp_path / "coursekit" / "content" / "enums.py"
    enums.write_text(enums.read_text() + "\nimport coursekit.journal.store  # crossing on purpose\n")
    run = _lint_imports(tmp_path)
    assert run.returncode != 0
    assert "coursekit.content.enums -> coursekit.journal.store" in run.stdout


def test_every_private_module_of_an_edge_is_guarded():
    """Each edge's private modules are forbidden to the other edges in pyproject.toml."""
    tomllib = pytest.importorskip("tomllib")

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    guarded = {m for c in contracts if c["type"] == "forbidden" for m in c["forbidden_modules"]}
    package = ROOT / "src" / "coursekit"
    for edge in ("plots", "widgets", "handouts", "cli"):
        for path in (package / edge).rglob("_*.py"):
            if path.name == "__init__.py":
                continue
            module = ".".join(path.relative_to(package.parent).with_suffix("").parts)
            assert module in guarded, f"{module} is private to {edge}: forbid it to the other edges"

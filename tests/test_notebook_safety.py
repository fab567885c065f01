"""Running the course never leaves a red-flag stop behind, and every notebook shows the status."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
APP = sorted((ROOT / "app").glob("*.ipynb"))


def _code(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS[1:], ids=lambda p: p.stem)
def test_every_notebook_after_00_opens_with_the_safety_reminder(path):
    first = _code(path)[0]
    assert "safety.reminder()" in first
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    (out,) = cell["outputs"]
    assert "".join(out["data"]["text/plain"]).startswith("Safety: no red-flag stop is recorded")


@pytest.mark.parametrize("path", NOTEBOOKS + APP, ids=lambda p: p.stem)
def test_no_notebook_records_or_lifts_a_stop(path):
    for source in _code(path):
        assert not re.search(r"\b(halt|resume|lift_stop|record_stop)\(", source), source
        for built in re.finditer(r"(\w+)\s*=\s*RedFlagCheck\(([^)]*)\)", source):
            name, args = built.groups()
            answered = re.search(rf"\b{name}\.(answer|check|result)\(", "\n".join(_code(path)))
            if answered:
                assert "journal=None" in args, f"{path.name}: {name} is answered but records to the journal"


@pytest.mark.slow
def test_running_the_safety_notebooks_leaves_no_stop(tmp_path):
    import nbformat
    from nbclient import NotebookClient

    from coursekit.journal.stop import current_stop

    home = tmp_path / "home"
    old = os.environ.get("COURSEKIT_HOME")
    os.environ["COURSEKIT_HOME"] = str(home)
    try:
        for name in ("00_start_here", "14_case_studies"):
            nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
            NotebookClient(
                nb, timeout=300, resources={"metadata": {"path": str(ROOT / "notebooks")}}
            ).execute()
        assert current_stop(home / "journal.sqlite3") is None
    finally:
        if old is None:
            os.environ.pop("COURSEKIT_HOME", None)
        else:
            os.environ["COURSEKIT_HOME"] = old

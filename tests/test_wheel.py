"""The data ships inside the wheel: an installed kit loads the catalog from any directory."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_the_data_and_loads_from_anywhere(tmp_path):
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("coursekit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "coursekit/data/exercises.yaml" in names
    assert "coursekit/data/principles.yaml" in names
    assert "coursekit/data/misconceptions.yaml" in names
    assert any(n.startswith("coursekit/data/quizzes/") for n in names)
    assert {
        "coursekit/handouts/templates/routine_card.html",
        "coursekit/handouts/templates/_page.html",
    } <= set(names)  # handouts render from the wheel too

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "COURSEKIT_DATA"}
    env["PYTHONPATH"] = str(target)  # before the editable checkout on sys.path
    code = (
        "import coursekit, coursekit.content.data as d\n"
        "from coursekit.content.catalog import load_catalog\n"
        "print(coursekit.__file__)\nprint(d.data_dir())\nprint(len(load_catalog()))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    module_file, folder, count = out.stdout.split()
    assert module_file.startswith(str(target))
    assert folder.startswith(str(target))
    assert int(count) >= 80

"""App mode: the routine builder served by Voila answers on localhost and names the builder."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app" / "routine_builder.ipynb"
WAIT_S = 90


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_app_notebook_shows_no_code_and_builds_the_widgets():
    import nbformat

    nb = nbformat.read(APP, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "RoutineBuilder(" in code and "WardrobeBuilder(" in code
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "Routine builder station" in text and "red-flag self-check" in text
    assert code.index("RedFlagCheck(") < code.index("RoutineBuilder(")  # the check comes first


@pytest.mark.slow
def test_voila_serves_the_routine_builder(tmp_path):
    pytest.importorskip("voila")
    port = free_port()
    env = dict(os.environ, COURSEKIT_HOME=str(tmp_path / "home"), JUPYTER_PLATFORM_DIRS="1")
    log = (tmp_path / "voila.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "voila", str(APP), f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + WAIT_S
        page, status = "", None
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(
                    f"voila exited with {proc.returncode}: {(tmp_path / 'voila.log').read_text()[-2000:]}"
                )
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=WAIT_S) as response:
                    status, page = response.status, response.read().decode("utf-8", "replace")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        assert status == 200, f"no answer in {WAIT_S} s: {(tmp_path / 'voila.log').read_text()[-2000:]}"
        assert "Routine builder station" in page
        assert "application/vnd.jupyter.widget-view+json" in page  # the builder widget was displayed
        assert "Traceback" not in page and "There was an error when executing cell" not in page
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()

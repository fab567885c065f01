"""Real-browser fixtures: JupyterLab and Voila on 127.0.0.1, driven by Playwright.

Playwright drives Debian's Chromium (``/usr/bin/chromium``); no browser is downloaded.
Without Chromium these tests are skipped with a visible reason, unless
``COURSEKIT_REQUIRE_E2E=1`` (set by ``.ci/run``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("COURSEKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "build" / "screenshots"
START_TIMEOUT_S = 120


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    mine = [i for i in items if Path(str(i.fspath)).is_relative_to(here)]
    for item in mine:
        item.add_marker(pytest.mark.e2e)
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("COURSEKIT_REQUIRE_E2E") == "1":
        return  # the browser fixture fails loudly instead
    reason = f"browser tests need Chromium at {CHROMIUM} (apt-get install -y chromium)"
    for item in mine:
        item.add_marker(pytest.mark.skip(reason=reason))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"server at {url} did not answer within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def server_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "COURSEKIT_HOME": str(tmp / "home"),
            "JUPYTER_CONFIG_DIR": str(tmp / "config"),
            "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
            "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        }
    )
    settings = tmp / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    # No news pop-up asking for consent on first start.
    (settings / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}'
    )
    return env


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[dict]:
    """A JupyterLab server over a throw-away copy of the notebooks, with a token."""
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "course"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    port, token = free_port(), secrets.token_hex(16)
    log = tmp / "lab.log"
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
        "--ServerApp.open_browser=False",
    ]
    if os.geteuid() == 0:  # CI machines run as root; JupyterLab refuses that unless told
        cmd.append("--allow-root")
    with log.open("w") as out:
        process = subprocess.Popen(cmd, env=server_env(tmp), stdout=out, stderr=subprocess.STDOUT, cwd=root)
    try:
        wait_for(f"http://127.0.0.1:{port}/api/status?token={token}", process, log)
        yield {"url": f"http://127.0.0.1:{port}", "token": token, "root": root, "log": log}
    finally:
        stop(process)


@pytest.fixture(scope="module")
def voila(tmp_path_factory) -> Iterator[dict]:
    """The routine builder served by Voila, as ``make app`` does."""
    tmp = tmp_path_factory.mktemp("voila")
    port = free_port()
    log = tmp / "voila.log"
    cmd = [
        sys.executable,
        "-m",
        "voila",
        str(ROOT / "app" / "routine_builder.ipynb"),
        f"--port={port}",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
    ]
    with log.open("w") as out:
        process = subprocess.Popen(cmd, env=server_env(tmp), stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        wait_for(f"http://127.0.0.1:{port}/", process, log)
        yield {"url": f"http://127.0.0.1:{port}/", "log": log}
    finally:
        stop(process)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"COURSEKIT_REQUIRE_E2E=1 but there is no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, request):
    """A fresh page; dialogs are recorded (and dismissed) so tests can assert none opened."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.console_errors = []
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        pg.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()

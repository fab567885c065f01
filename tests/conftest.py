from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """Every test gets its own learner folder."""
    monkeypatch.setenv("COURSEKIT_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the bundled data folder, for breaking on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def catalog():
    from coursekit.content.catalog import load_catalog

    return load_catalog()


@pytest.fixture
def close_figures():
    import matplotlib.pyplot as plt

    yield
    plt.close("all")

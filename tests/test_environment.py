"""environment.yml (conda, Binder, JupyterHub) lists what learners need from pyproject.toml, no test tool."""

import re
import stat
from pathlib import Path

import tomllib
import yaml

ROOT = Path(__file__).resolve().parents[1]

CONDA_ONLY = {"python", "pip"}


def _split(spec: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    assert m, spec
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


LEARNER_EXTRAS = ("lab", "hub")


def _pyproject(extras=LEARNER_EXTRAS) -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for extra in extras:
        specs += project["optional-dependencies"][extra]
    return dict(_split(s) for s in specs)


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "conda-forge" in env["channels"]
    out = {}
    deps = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):  # the pip: section, for packages conda-forge does not have
            assert set(dep) == {"pip"}, dep
            deps += dep["pip"]
        else:
            deps.append(dep)
    for dep in deps:
        name, spec = _split(dep.replace("=", "==", 1) if re.match(r"^[\w.-]+=[^=]", dep) else dep)
        if name not in CONDA_ONLY:
            out[name] = spec
    return out


def test_environment_lists_the_runtime_lab_and_hub_dependencies_of_pyproject():
    assert _environment() == _pyproject()


def test_environment_holds_no_test_or_lint_tool():
    learner = _pyproject()
    tools = set(_pyproject(("test",))) - set(learner)
    assert {"pytest", "playwright", "ruff", "hypothesis", "mypy"} <= tools
    assert not tools & set(_environment()), "test tools belong in the test extra, not the image"


def test_nbgitpuller_and_voila_are_in_the_image():
    assert {"nbgitpuller", "voila", "jupyterlab"} <= set(_environment())


def test_ipywidgets_is_pinned_to_a_major_minor():
    spec = _pyproject()["ipywidgets"]
    assert re.fullmatch(r">=8\.1(\.\d+)?,<8\.2", spec), spec


def test_postbuild_is_executable_and_installs_the_kit():
    post = ROOT / "postBuild"
    assert post.stat().st_mode & stat.S_IXUSR
    text = post.read_text()
    assert "set -e" in text and "pip install" in text and " ." in text

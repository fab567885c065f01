"""No eval/exec anywhere, and YAML only through the safe loader."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "tools").rglob("*.py"))


def test_there_are_sources_to_check():
    assert len(SOURCES) > 10


def test_no_eval_or_exec():
    pattern = re.compile(r"(?<![\w.])(eval|exec)\s*\(")
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in SOURCES
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if pattern.search(line.split("#")[0])
    ]
    assert offenders == []


def test_yaml_is_loaded_safely():
    unsafe = re.compile(r"yaml\.(load_all|unsafe_load|full_load)\s*\(|yaml\.(Unsafe|Full)?Loader\b")
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in SOURCES
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if unsafe.search(line)
    ]
    assert offenders == []
    # yaml.load only in coursekit.content.data, only with the safe loader chosen there (C or Python)
    loads = [(p, line) for p in SOURCES for line in p.read_text().splitlines() if "yaml.load(" in line]
    assert [str(p.relative_to(ROOT)) for p, _ in loads] == ["src/coursekit/content/data.py"]
    assert all("Loader=safe_loader" in line for _, line in loads)
    data_py = (ROOT / "src/coursekit/content/data.py").read_text()
    assert 'safe_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)' in data_py


def test_the_yaml_loader_builds_no_python_objects(tmp_path):
    from coursekit.content.data import load_yaml
    from coursekit.errors import DataFileError

    path = tmp_path / "evil.yaml"
    path.write_text("- !!python/object/apply:os.system ['echo pwned']\n")
    try:
        load_yaml(path)
    except DataFileError as err:
        assert "not valid YAML" in str(err)
    else:
        raise AssertionError("a python/object tag must be refused")


def test_notebooks_do_not_use_unsafe_yaml_or_eval():
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = nb.read_text()
        assert "yaml.load(" not in text and "eval(" not in text and "exec(" not in text, nb.name

"""The parse cache of ``coursekit.content.data.load_yaml``: faster, never different, never stale."""

from __future__ import annotations

import gc
import json
import os
import shutil
from pathlib import Path

import pytest

from coursekit.content import data
from coursekit.content.catalog import load_catalog
from coursekit.content.data import cache_dir, load_yaml
from coursekit.errors import DataFileError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COURSEKIT_CACHE", str(folder))
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.exists() else []


def _no_parsing(monkeypatch) -> None:
    def refuse(text, name):
        raise AssertionError(f"{name} was parsed, not read from the cache")

    monkeypatch.setattr(data, "_parse_yaml", refuse)


def test_second_load_reads_the_cache_and_gives_equal_data(cache, monkeypatch):
    path = ROOT / "data" / "exercises.yaml"
    first = load_yaml(path)
    assert len(_entries(cache)) == 1
    _no_parsing(monkeypatch)
    second = load_yaml(path)
    assert second == first
    assert second is not first


def test_each_load_is_a_fresh_copy(cache, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("- id: a\n  tags: [one, two]\n", encoding="utf-8")
    first = load_yaml(path)
    first[0]["tags"].append("changed by the caller")
    assert load_yaml(path) == [{"id": "a", "tags": ["one", "two"]}]


def test_an_edited_file_is_parsed_again(cache, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("name: before\n", encoding="utf-8")
    assert load_yaml(path) == {"name": "before"}
    stamp = path.stat().st_mtime_ns
    path.write_text("name: after!\n", encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))  # same time stamp: the key is the text, not the time
    assert load_yaml(path) == {"name": "after!"}


def test_a_damaged_entry_is_ignored_and_rewritten(cache, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nb: [2, 3]\n", encoding="utf-8")
    load_yaml(path)
    (entry,) = _entries(cache)
    for damage in (b"", b"{not json", b'{"key": "someone else", "data": {"a": 99}}', b"[1, 2]"):
        entry.write_bytes(damage)
        assert load_yaml(path) == {"a": 1, "b": [2, 3]}
        assert json.loads(entry.read_bytes())["data"] == {"a": 1, "b": [2, 3]}


def test_cache_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_CACHE", "off")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() is None
    assert load_yaml(ROOT / "data" / "references.yaml")
    assert not (tmp_path / "user").exists() and not (tmp_path / "xdg").exists()


def test_default_folder_is_the_user_cache(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSEKIT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "coursekit"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")  # the spec says: ignore relative paths
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert cache_dir() == tmp_path / "user" / ".cache" / "coursekit"


def test_an_unusable_cache_folder_still_loads(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("COURSEKIT_CACHE", str(blocker / "cache"))
    assert load_yaml(ROOT / "data" / "references.yaml")
    assert blocker.read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can write anywhere")
def test_a_read_only_cache_folder_still_loads(cache):
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert load_yaml(ROOT / "data" / "references.yaml")
        assert _entries(cache) == []
    finally:
        cache.chmod(0o700)


def test_only_plain_data_is_cached(cache, tmp_path):
    dated = tmp_path / "dated.yaml"
    dated.write_text("when: 2024-05-01\n", encoding="utf-8")
    keys = tmp_path / "keys.yaml"
    keys.write_text("1: one\n2: two\n", encoding="utf-8")
    special = tmp_path / "special.yaml"
    special.write_text("x: .nan\n", encoding="utf-8")
    for path in (dated, keys, special):
        first = load_yaml(path)
        assert _entries(cache) == [], f"{path.name} must not be cached"
    assert str(load_yaml(dated)["when"]) == "2024-05-01"
    assert load_yaml(keys) == {1: "one", 2: "two"}
    assert first["x"] != first["x"]  # NaN, still parsed correctly


def test_errors_still_name_file_and_line_and_are_not_cached(cache, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("a: 1\nb: [2, 3\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataFileError, match=r"broken\.yaml.*not valid YAML at line"):
            load_yaml(path)
    assert _entries(cache) == []
    assert gc.isenabled(), "the collector must be running again after a failed parse"


def test_the_collector_is_left_as_it_was(cache, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    gc.disable()
    try:
        load_yaml(path)
        load_yaml(path)
        assert not gc.isenabled()
    finally:
        gc.enable()
    load_yaml(path)
    assert gc.isenabled()


def test_old_entries_are_pruned(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(data, "CACHE_ENTRIES", 5)
    for i in range(12):
        path = tmp_path / f"f{i}.yaml"
        path.write_text(f"n: {i}\n", encoding="utf-8")
        load_yaml(path)
    assert len(_entries(cache)) == 5
    assert not list(cache.glob("*.tmp")), "no temporary files are left behind"


def test_catalog_from_cache_equals_catalog_from_yaml(cache, monkeypatch, data_copy):
    from coursekit.content import catalog as catalog_module

    parsed = load_catalog(data_copy)
    catalog_module._CACHE.clear()
    _no_parsing(monkeypatch)
    cached = load_catalog(data_copy)
    assert [e.id for e in cached] == [e.id for e in parsed]
    assert list(cached) == list(parsed)


def test_a_copied_data_folder_shares_entries(cache, tmp_path):
    first = tmp_path / "one"
    shutil.copytree(ROOT / "data", first)
    load_yaml(first / "principles.yaml")
    n = len(_entries(cache))
    second = tmp_path / "two"
    shutil.copytree(first, second)
    load_yaml(second / "principles.yaml")
    assert len(_entries(cache)) == n, "the same text is the same entry, wherever the file is"

"""Smoke test of the benchmarks (bench/): every group runs at a tiny size (``--quick``) and
returns well-formed results. Timings are not asserted: the benchmarks themselves judge them.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench import run as bench_run  # noqa: E402

FAST_GROUPS = ["import", "interaction", "scaling", "handouts"]


def assert_well_formed(res: common.GroupResult, group: str) -> None:
    assert isinstance(res, common.GroupResult)
    assert res.group == group
    assert res.status in ("ok", "skipped"), res.notes
    if res.status == "ok":
        assert res.checks or res.measurements
    for check in res.checks:
        assert isinstance(check, common.Check)
        assert isinstance(check.name, str) and check.name
        assert isinstance(check.value, float | int) and not math.isnan(check.value), check
        assert isinstance(check.budget, float | int)
        assert check.ok is (check.value <= check.budget)
        assert check.verdict in ("PASS", "FAIL")
        assert check.kind in ("ratio", "absolute")
    for m in res.measurements:
        assert isinstance(m.get("name"), str)
    data = json.loads(json.dumps(res.to_dict(), default=str))
    assert set(data) >= {"group", "status", "checks", "measurements", "notes", "seconds"}
    assert all({"name", "value", "budget", "ok", "verdict"} <= set(c) for c in data["checks"])
    assert isinstance(bench_run.GROUPS[group].details(res), str)


def test_every_group_is_registered_and_ordered():
    assert (
        set(bench_run.GROUPS)
        == set(bench_run.ORDER)
        == {"course", "import", "interaction", "scaling", "handouts"}
    )


@pytest.fixture(scope="module")
def quick_results():
    """Each fast group run once at the quick size, shared by the tests of this module."""
    cache = {}

    def get(group):
        if group not in cache:
            cache[group] = bench_run.GROUPS[group].run(quick=True)
        return cache[group]

    return get


@pytest.mark.parametrize("group", FAST_GROUPS)
def test_group_runs_quick(group, quick_results):
    assert_well_formed(quick_results(group), group)


def test_group_checks_have_the_documented_budgets(quick_results):
    budgets = sorted(c.budget for c in quick_results("interaction").checks if c.kind == "absolute")
    assert budgets == [20.0, 150.0]
    assert {c.budget for c in quick_results("scaling").checks} == {common.SCALING_BUDGET_10X}
    names = [c.name for c in quick_results("import").checks]
    assert any("adds to start-up" in n for n in names) and any("loads no" in n for n in names)


def test_scaling_builds_valid_synthetic_data(tmp_path):
    from bench import scaling

    from coursekit.content.catalog import load_catalog
    from coursekit.content.data import data_dir, load_yaml
    from coursekit.journal.store import Journal

    records = load_yaml(data_dir() / "exercises.yaml")
    for n in (7, len(records) + 5):
        file = scaling.write_catalog(tmp_path / f"c{n}", records, n, data_dir())
        assert len(load_catalog(file)) == n
    path = scaling.fill_journal(tmp_path / "j" / "journal.sqlite3", 60)
    with Journal.open(path, readonly=True) as journal:
        assert len(journal.attempts()) == 60
        assert journal.progress(scaling.TODAY).sessions == 3


def test_importtime_parser():
    from bench.imports import parse_importtime

    rows = parse_importtime(
        "import time: self [us] | cumulative | imported package\n"
        "import time:       120 |        300 |   coursekit.errors\n"
        "import time:        80 |        380 | coursekit\n"
    )
    assert rows == [
        {"module": "coursekit.errors", "self_us": 120, "cumulative_us": 300, "depth": 1},
        {"module": "coursekit", "self_us": 80, "cumulative_us": 380, "depth": 0},
    ]


@pytest.mark.slow
def test_course_group_runs_quick():
    res = bench_run.GROUPS["course"].run(quick=True)
    assert_well_formed(res, "course")
    names = [c.name for c in res.checks]
    assert any(n.startswith("course check, serial") for n in names)
    assert any(n.startswith("notebook ") for n in names)


def test_main_writes_json_and_markdown(tmp_path, capsys):
    assert bench_run.main(["--quick", "--only", "handouts,import", "--out", str(tmp_path)]) == 0
    data = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert set(data) == {"meta", "summary", "groups"}
    assert list(data["groups"]) == ["import", "handouts"]  # in the run order, not the order given
    assert data["meta"]["quick"] is True
    table = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| group | check | measured | budget | result |" in table
    out = capsys.readouterr().out
    assert ("PASS" in out) or ("FAIL" in out)


def test_unknown_group_is_refused():
    with pytest.raises(SystemExit):
        bench_run.parse_args(["--only", "nonsense"])

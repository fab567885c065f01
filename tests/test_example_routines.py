"""The example routines of data/routines/ against the real catalog: findings pinned exactly."""

from __future__ import annotations

import json

import pytest

from coursekit.content.data import data_dir
from coursekit.engine.critique import critique
from coursekit.engine.routines import Routine, load_example_routines

EXPECTED = {  # file stem -> (slot, plan, finding codes in order)
    "flare-day": ("morning", "B", []),
    "mistake-backwards": ("morning", "A", ["phase-order", "no-preparation"]),
    "mistake-no-breath": ("evening", "A", ["no-breathing", "back-only"]),
    "mistake-rushed": ("morning", "A", ["rushed-tempo", "to-fatigue"]),
    "morning-flow": ("morning", "A", []),
    "office-reset": ("office", "A", []),
}


@pytest.fixture(scope="module")
def examples(catalog):  # catalog: the real one, from conftest.py
    return load_example_routines(catalog)


def test_every_example_is_there_sorted(examples):
    assert list(examples) == sorted(EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_findings_are_pinned(stem, examples, catalog):
    slot, plan, codes = EXPECTED[stem]
    r = examples[stem]
    assert (r.slot, r.plan) == (slot, plan)
    assert [f.code for f in critique(r, catalog)] == codes


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_files_are_in_the_exchange_format(stem, examples):
    raw = json.loads((data_dir() / "routines" / f"{stem}.json").read_text(encoding="utf-8"))
    assert raw == examples[stem].to_dict()  # every key written, nothing extra
    assert Routine.from_dict(raw) == examples[stem]


def test_good_examples_fit_their_ceilings(examples, catalog):
    assert examples["morning-flow"].minutes(catalog) <= 20
    assert examples["office-reset"].minutes(catalog) <= 10
    assert examples["flare-day"].minutes(catalog) <= 10
    assert all("office" in catalog[it.exercise].settings for it in examples["office-reset"].items)


def test_each_mistake_shows_a_different_problem(examples, catalog):
    seen = [
        frozenset(f.code for f in critique(examples[s], catalog)) for s in EXPECTED if s.startswith("mistake")
    ]
    assert all(seen) and len(set().union(*seen)) == sum(len(s) for s in seen)


def test_where_the_mistakes_are(examples, catalog):
    where = {
        s: [(f.code, f.item) for f in critique(examples[s], catalog)]
        for s in EXPECTED
        if s.startswith("mistake")
    }
    assert where == {
        "mistake-backwards": [("phase-order", 2), ("no-preparation", 0)],
        "mistake-no-breath": [("no-breathing", None), ("back-only", None)],
        "mistake-rushed": [("rushed-tempo", 3), ("to-fatigue", 2)],
    }

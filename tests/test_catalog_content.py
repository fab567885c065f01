"""Clinical consistency of the bundled catalog: phases, load levels and one-step ladder edges.

These are the course's own rules for its data (CONTENT.md §4, notebook 09): strengthen work
is loaded (free bodyweight or more), and every ladder edge changes one thing, on its axis.
"""

from __future__ import annotations

import pytest

from coursekit.content.catalog import load_catalog

CATALOG = load_catalog()
EDGES = [(ex, edge) for ex in CATALOG for edge in ex.progressions]


def _edge_id(pair) -> str:
    ex, edge = pair
    return f"{ex.id}->{edge.to}({edge.axis})"


def test_strengthen_work_is_loaded():
    light = [ex.id for ex in CATALOG if ex.phase == "strengthen" and ex.load_level < 2]
    assert light == [], "strengthen means a loaded pattern: free bodyweight (2) or more"


def test_soften_work_is_not_externally_loaded():
    loaded = [ex.id for ex in CATALOG if ex.phase == "soften" and ex.load_level > 2]
    assert loaded == []


def test_walking_is_not_filed_as_strength_work():
    assert CATALOG["brisk-walk"].phase == "organize"
    assert CATALOG["walk-break"].phase == "soften"


@pytest.mark.parametrize("pair", EDGES, ids=_edge_id)
def test_every_ladder_edge_is_one_step_on_its_axis(pair):
    lower, edge = pair
    upper = CATALOG[edge.to]
    same_family = lower.family == upper.family
    same_position = lower.position == upper.position
    if edge.axis == "position":
        assert not same_position, "a position step changes the position"
    elif edge.axis == "load":
        assert same_position and same_family, "a load step keeps the movement and the position"
        assert upper.load_level >= lower.load_level
    elif edge.axis in ("tempo", "duration", "surface"):
        assert same_position and same_family and upper.load_level == lower.load_level
    elif edge.axis == "base_of_support":
        assert same_family, "a narrower base keeps the movement"
    elif edge.axis in ("range", "add_rotation"):
        assert same_position, f"a {edge.axis} step keeps the position"
    elif edge.axis == "complexity":
        assert upper.load_level >= lower.load_level


@pytest.mark.parametrize(
    "lower, upper",
    [
        ("bird-dog", "bear-hold"),  # another family, a hold instead of reps
        ("quadruped-rock", "bird-dog"),  # a hinge rock is not a bird dog with less to do
        ("crocodile-breathing", "supported-child-pose"),  # position and family at once
        ("glute-bridge", "hip-thrust"),  # a bench and a dumbbell at once
        ("supported-split-squat", "step-up"),  # support removed and a step added
    ],
)
def test_two_step_edges_are_gone(lower, upper):
    assert upper not in {e.to for e in CATALOG[lower].progressions}


def test_relabelled_edges():
    axis = {(ex.id, e.to): e.axis for ex, e in EDGES}
    assert axis[("standing-hip-flexor-stretch", "half-kneeling-hip-flexor-stretch")] == "position"
    assert axis[("seated-cat-camel", "cat-camel")] == "position"
    assert axis[("walk-break", "brisk-walk")] == "tempo"
    assert axis[("split-squat", "step-up")] == "position"

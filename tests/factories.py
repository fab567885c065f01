"""Builders for tests: exercises, a small synthetic catalog, routine items and routines.

The synthetic catalog uses the ids of the real catalog with plausible, hand-picked fields,
so engine tests do not depend on how ``data/exercises.yaml`` is authored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from coursekit.content import enums
from coursekit.content.catalog import Catalog
from coursekit.content.models import Compensation, Dose, Exercise, LadderEdge
from coursekit.content.tempo import Tempo
from coursekit.engine.routines import Routine, RoutineItem


def make_exercise(id: str, **overrides: Any) -> Exercise:
    """An :class:`Exercise` with valid defaults (an organize reps drill); override any field."""
    values: dict[str, Any] = dict(
        id=id,
        name=id.replace("-", " ").capitalize(),
        aliases=(),
        summary=f"Synthetic test exercise {id}.",
        family="anti_rotation",
        phase="organize",
        position="quadruped",
        regions=("lumbar",),
        load_level=1,
        equipment=("mat",),
        settings=("home",),
        dose=Dose(type="reps", sets=2, reps=8, rest_s=30),
        tempo=Tempo.parse("3-1-2-0"),
        breathing="Exhale as you move, inhale as you return.",
        cues=("Move slowly.",),
        quality_markers=("Trunk stays still.",),
        compensations=(Compensation(pattern="rushing", cue="Count the tempo out loud."),),
        regressions=(),
        progressions=(),
        flare_up="plan_a_and_b",
        transfers=(),
        cautions=(),
        nice_category="biomechanical",
        references=(),
    )
    values.update(overrides)
    for key in ("aliases", "regions", "equipment", "settings", "transfers", "cautions", "references"):
        values[key] = tuple(values[key])
    if isinstance(values["tempo"], str):
        values["tempo"] = Tempo.parse(values["tempo"])
    return Exercise(**values)


def _reps(sets: int, reps: int, rest: int = 30, per_side: bool = False) -> Dose:
    return Dose(type="reps", sets=sets, reps=reps, rest_s=rest, per_side=per_side)


def _up(*pairs: tuple[str, str]) -> tuple[LadderEdge, ...]:
    return tuple(LadderEdge(to=to, axis=axis) for to, axis in pairs)


# id -> fields; ladders are mirrored (progressions here, regressions added below).
_SPECS: dict[str, dict[str, Any]] = {
    "crocodile-breathing": dict(
        family="breathing",
        phase="soften",
        position="prone",
        regions=("diaphragm", "lumbar"),
        load_level=0,
        settings=("home", "travel"),
        tempo=None,
        flare_up="plan_b_preferred",
        dose=Dose(type="breaths", sets=1, breaths=8, rest_s=0),
        nice_category="mind_body",
        progressions=_up(("ninety-ninety-breathing", "position")),
    ),
    "ninety-ninety-breathing": dict(
        family="breathing",
        phase="soften",
        position="supine",
        regions=("diaphragm", "hips", "pelvis"),
        load_level=0,
        settings=("home", "travel"),
        tempo=None,
        flare_up="plan_b_preferred",
        nice_category="mind_body",
        dose=Dose(type="breaths", sets=1, breaths=6, rest_s=0),
    ),
    "cat-camel": dict(
        family="mobility",
        phase="soften",
        position="quadruped",
        regions=("lumbar", "thoracic"),
        load_level=1,
        settings=("home", "travel"),
        tempo="2-0-2-0",
        flare_up="plan_b_preferred",
        dose=_reps(1, 8, rest=0),
    ),
    "supported-child-pose": dict(
        family="controlled_flexion",
        phase="soften",
        position="quadruped",
        regions=("lumbar", "hips"),
        load_level=0,
        settings=("home", "travel"),
        tempo=None,
        flare_up="plan_b_preferred",
        dose=Dose(type="hold", sets=1, hold_s=30, rest_s=0),
    ),
    "open-book": dict(
        family="gentle_rotation",
        phase="soften",
        position="side_lying",
        regions=("thoracic", "shoulder_girdle"),
        load_level=0,
        settings=("home", "travel"),
        tempo="3-1-3-0",
        dose=_reps(1, 6, rest=0, per_side=True),
    ),
    "seated-thoracic-rotation": dict(
        family="gentle_rotation",
        phase="organize",
        position="seated",
        regions=("thoracic",),
        load_level=0,
        settings=("home", "office", "travel"),
        equipment=("chair",),
        tempo="2-1-2-0",
        dose=_reps(1, 6, rest=0, per_side=True),
    ),
    "wall-slide": dict(
        family="mobility",
        phase="organize",
        position="wall_supported",
        regions=("thoracic", "shoulder_girdle"),
        load_level=1,
        settings=("home", "office", "travel"),
        equipment=("wall",),
        tempo="3-1-2-0",
        dose=_reps(1, 8, rest=0),
    ),
    "dead-bug": dict(
        family="anti_extension",
        phase="organize",
        position="supine",
        regions=("lumbar", "pelvis", "hips"),
        load_level=1,
        settings=("home", "travel"),
        tempo="3-1-2-0",
        dose=_reps(2, 6, per_side=True),
        progressions=_up(("bird-dog", "position")),
    ),
    "bird-dog": dict(
        family="anti_rotation",
        phase="organize",
        position="quadruped",
        regions=("lumbar", "hips", "shoulder_girdle"),
        load_level=1,
        settings=("home", "travel"),
        tempo="3-1-2-1",
        dose=_reps(2, 6, per_side=True),
    ),
    "standing-hip-hinge-wall": dict(
        family="hinge",
        phase="organize",
        position="wall_supported",
        regions=("hips",),
        load_level=1,
        settings=("home", "office", "travel"),
        equipment=("wall",),
        tempo="3-1-2-0",
        dose=_reps(2, 8),
        progressions=_up(("hip-hinge-dowel", "complexity")),
    ),
    "hip-hinge-dowel": dict(
        family="hinge",
        phase="organize",
        position="standing",
        regions=("hips", "lumbar"),
        load_level=2,
        settings=("home", "gym"),
        equipment=("dowel",),
        tempo="3-1-2-0",
        dose=_reps(2, 8),
    ),
    "glute-bridge": dict(
        family="hinge",
        phase="strengthen",
        position="supine",
        regions=("hips", "pelvis"),
        load_level=1,
        settings=("home", "travel"),
        tempo="2-1-2-1",
        dose=_reps(2, 10),
    ),
    "side-plank-knees": dict(
        family="anti_lateral_flexion",
        phase="strengthen",
        position="side_lying",
        regions=("lumbar", "hips", "shoulder_girdle"),
        load_level=1,
        settings=("home", "travel"),
        tempo=None,
        dose=Dose(type="hold", sets=2, hold_s=15, rest_s=30, per_side=True),
    ),
    "sit-to-stand": dict(
        family="squat",
        phase="strengthen",
        position="seated",
        regions=("hips", "feet_ankles"),
        load_level=2,
        settings=("home", "office", "travel"),
        equipment=("chair",),
        tempo="3-1-2-0",
        dose=_reps(2, 8),
        progressions=_up(("goblet-squat", "load")),
    ),
    "goblet-squat": dict(
        family="squat",
        phase="strengthen",
        position="standing",
        regions=("hips", "feet_ankles"),
        load_level=4,
        settings=("home", "gym"),
        equipment=("kettlebell",),
        tempo="3-1-2-0",
        dose=_reps(2, 8, rest=60),
        flare_up="plan_a_only",
    ),
    "split-squat": dict(
        family="lunge",
        phase="strengthen",
        position="split_stance",
        regions=("hips", "feet_ankles"),
        load_level=2,
        settings=("home", "gym", "travel"),
        tempo="3-1-2-0",
        dose=_reps(2, 6, rest=45, per_side=True),
        flare_up="plan_a_only",
    ),
    "suitcase-carry": dict(
        family="carry",
        phase="strengthen",
        position="standing",
        regions=("whole_body", "feet_ankles", "shoulder_girdle"),
        load_level=3,
        settings=("home", "gym", "outdoor"),
        equipment=("kettlebell",),
        tempo=None,
        dose=Dose(type="time", sets=2, time_s=40, rest_s=45, per_side=True),
        flare_up="plan_a_only",
    ),
    "pallof-press": dict(
        family="anti_rotation",
        phase="strengthen",
        position="standing",
        regions=("lumbar", "pelvis"),
        load_level=3,
        settings=("home", "gym"),
        equipment=("band",),
        tempo="2-2-2-0",
        dose=_reps(2, 8, per_side=True),
    ),
    "brisk-walk": dict(
        family="gait",
        phase="organize",
        position="standing",
        regions=("whole_body", "hips", "feet_ankles"),
        load_level=2,
        settings=("outdoor", "travel", "office"),
        equipment=("none",),
        tempo=None,
        flare_up="plan_b_preferred",
        nice_category="aerobic",
        dose=Dose(type="time", sets=1, time_s=600, rest_s=0),
    ),
}

IDS = tuple(_SPECS)


def synthetic_exercises() -> list[Exercise]:
    """Every synthetic exercise, ladders mirrored."""
    down: dict[str, list[LadderEdge]] = {i: [] for i in _SPECS}
    for i, spec in _SPECS.items():
        for edge in spec.get("progressions", ()):
            down[edge.to].append(LadderEdge(to=i, axis=edge.axis))
    return [make_exercise(i, **{**spec, "regressions": tuple(down[i])}) for i, spec in _SPECS.items()]


def synthetic_catalog() -> Catalog:
    """A small in-memory catalog with the ids the real catalog also has."""
    return Catalog(synthetic_exercises(), source="<synthetic>")


def item(exercise: str, **fields: Any) -> RoutineItem:
    """A routine item; give exactly one of reps / hold_s / breaths (defaults to 8 reps)."""
    if not any(k in fields for k in ("reps", "hold_s", "breaths")):
        fields["reps"] = 8
    if isinstance(fields.get("tempo"), str):
        fields["tempo"] = Tempo.parse(fields["tempo"])
    return RoutineItem(exercise=exercise, **fields)


def routine(
    *items: RoutineItem, name: str = "Test routine", slot: str = "morning", plan: str = "A"
) -> Routine:
    """A routine of the given items."""
    return Routine(name=name, slot=slot, plan=plan, items=tuple(items))


def good_routine(**kw: Any) -> Routine:
    """A morning plan-A routine (synthetic catalog) that breaks no critique rule."""
    return routine(
        item("crocodile-breathing", breaths=8),
        item("cat-camel", reps=8),
        item("bird-dog", sets=2, reps=6, per_side=True, rest_s=30),
        item("glute-bridge", sets=2, reps=10, rest_s=30),
        item("supported-child-pose", hold_s=30),
        **kw,
    )


# -- hypothesis strategies -------------------------------------------------------------

tempos = st.one_of(
    st.none(),
    st.builds(
        Tempo,
        eccentric=st.one_of(st.none(), st.integers(0, 10)),
        bottom=st.integers(0, 10),
        concentric=st.one_of(st.none(), st.integers(0, 10)),
        top=st.integers(0, 10),
    ),
)


def st_items(ids: Sequence[str]) -> st.SearchStrategy[RoutineItem]:
    """Any valid routine item over the given exercise ids."""

    @st.composite
    def build(draw: Any) -> RoutineItem:
        kind = draw(st.sampled_from(["reps", "hold_s", "breaths"]))
        return RoutineItem(
            exercise=draw(st.sampled_from(list(ids))),
            phase=draw(st.one_of(st.none(), st.sampled_from(enums.PHASES))),
            sets=draw(st.integers(1, 10)),
            **{kind: draw(st.integers(1, 50 if kind == "reps" else 60))},
            tempo=draw(tempos) if kind == "reps" else None,
            rest_s=draw(st.integers(0, 600)),
            per_side=draw(st.booleans()),
        )

    return build()


def st_routines(ids: Sequence[str], max_items: int = 10) -> st.SearchStrategy[Routine]:
    """Any valid routine over the given exercise ids."""
    return st.builds(
        Routine,
        name=st.text(min_size=1, max_size=30).filter(str.strip),
        slot=st.sampled_from(enums.SLOTS),
        plan=st.sampled_from(enums.PLANS),
        items=st.lists(st_items(ids), max_size=max_items).map(tuple),
    )

"""Compensations and their cues: matching rounds built from the catalog, marked in the kernel.

Every catalog exercise lists the compensations a coach watches for, each with one short
cue that offers a better option. A :class:`Round` shows one compensation and a few cues:
the right one and distractors taken from *other* patterns, chosen with a fixed seed so
the same round always looks the same. Giving one small cue at a time (the "5% correction")
is a teaching heuristic; compensations are strategies, not damage.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from coursekit.content.models import Exercise
from coursekit.errors import InvalidModel

#: What each compensation looks like, in plain words (what a coach would see).
PATTERNS: dict[str, str] = {
    "rib_flare": "The lower ribs lift and point forward and the back arches, on a big in-breath, "
    "as the arms go overhead or as a leg reaches away.",
    "lumbar_led_hinge": "The bend comes from the lower back rounding or arching instead of the "
    "hips folding; the pelvis hardly moves.",
    "breath_holding": "The breath stops during the hardest part of the movement, often with a "
    "tight jaw or a red face.",
    "gripping": "Hands, jaw, toes or buttocks clench much harder than the task needs.",
    "pelvic_shift": "The pelvis slides or drifts to one side as the person moves.",
    "knee_collapse": "A knee drops inward, towards the other knee, as the person bends or rises.",
    "hip_hike": "One hip lifts towards the ribs to swing the leg, instead of the leg moving from the hip.",
    "hip_drop": "The pelvis sinks on the side of the free leg when standing on one leg.",
    "shoulder_shrug": "The shoulders creep up towards the ears as the arms work.",
    "chin_poke": "The chin juts forward and the neck cranes as effort rises.",
    "rushing": "The reps speed up, the pauses disappear and the lowering becomes a drop.",
    "lumbar_hyperextension": "The lower back sways into a deep arch to finish the movement.",
    "trunk_rotation": "The trunk twists or a hip rolls open when it should stay square.",
    "weight_to_toes": "The weight drifts onto the toes and the heels lighten.",
    "lumbar_flexion_under_load": "The lower back rounds while holding or lifting a load.",
}


def pattern_label(pattern: str) -> str:
    """A compensation's name for people: ``rib_flare`` -> ``rib flare``."""
    return _LABELS.get(pattern, pattern.replace("_", " "))


_LABELS = {"lumbar_led_hinge": "lumbar-led hinge", "weight_to_toes": "weight to the toes"}


def pattern_counts(exercises: Iterable[Exercise]) -> dict[str, int]:
    """How many exercises list each compensation pattern, most common first (ties by name)."""
    counts: dict[str, int] = {}
    for ex in exercises:
        for pattern in {c.pattern for c in ex.compensations}:
            counts[pattern] = counts.get(pattern, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass(frozen=True, slots=True, kw_only=True)
class Round:
    """One matching round: a compensation seen in an exercise, and cues to choose from."""

    exercise: str
    exercise_name: str
    pattern: str
    description: str
    options: tuple[str, ...]  # cue texts, in the order shown
    option_patterns: tuple[str, ...]  # the pattern each cue corrects
    answer: int  # index of the right cue; stays in the kernel

    def __repr__(self) -> str:  # no answer key in printed output
        return f"Round({self.exercise!r}, {self.pattern}, {len(self.options)} options)"

    def __str__(self) -> str:
        lines = [f"{self.exercise_name}: {pattern_label(self.pattern)}", f"  {self.description}"]
        lines += [f"  {i}. {cue}" for i, cue in enumerate(self.options)]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """The marked choice of a round, with feedback that says why."""

    correct: bool
    chosen: int
    right_cue: str
    feedback: str

    def __str__(self) -> str:
        return ("✓ Right. " if self.correct else "✗ Not this one. ") + self.feedback


def _exercises_with(catalog: Iterable[Exercise], pattern: str) -> list[Exercise]:
    return [ex for ex in catalog if any(c.pattern == pattern for c in ex.compensations)]


def build_round(
    catalog: Iterable[Exercise],
    exercise_id: str,
    *,
    pattern: str | None = None,
    options: int = 3,
    seed: int | str = 0,
) -> Round:
    """A round for one exercise's compensation (the first listed, or ``pattern``).

    Distractors are cues of other patterns from across the catalog, one per pattern, picked
    and shuffled with ``random.Random(f"{seed}:{exercise}:{pattern}")``: deterministic.
    """
    exercises = list(catalog)
    by_id = {ex.id: ex for ex in exercises}
    if exercise_id not in by_id:
        raise InvalidModel(f"no exercise {exercise_id!r} in the catalog")
    ex = by_id[exercise_id]
    if pattern is None:
        comp = ex.compensations[0]
    else:
        found = [c for c in ex.compensations if c.pattern == pattern]
        if not found:
            listed = ", ".join(c.pattern for c in ex.compensations)
            raise InvalidModel(f"{ex.name} lists no compensation {pattern!r}; it lists {listed}")
        comp = found[0]
    if isinstance(options, bool) or not isinstance(options, int) or not 2 <= options <= 6:
        raise InvalidModel(f"options must be a whole number from 2 to 6, got {options!r}")
    pool: dict[str, set[str]] = {}
    for other in exercises:
        for c in other.compensations:
            if c.pattern != comp.pattern and c.cue != comp.cue:
                pool.setdefault(c.pattern, set()).add(c.cue)
    if len(pool) < options - 1:
        raise InvalidModel(f"the catalog has too few other patterns for {options} options")
    rng = random.Random(f"{seed}:{ex.id}:{comp.pattern}")
    chosen_patterns = rng.sample(sorted(pool), options - 1)
    choices = [(rng.choice(sorted(pool[p])), p) for p in chosen_patterns]
    choices.append((comp.cue, comp.pattern))
    rng.shuffle(choices)
    answer = next(i for i, (cue, p) in enumerate(choices) if p == comp.pattern)
    return Round(
        exercise=ex.id,
        exercise_name=ex.name,
        pattern=comp.pattern,
        description=PATTERNS[comp.pattern],
        options=tuple(c for c, _ in choices),
        option_patterns=tuple(p for _, p in choices),
        answer=answer,
    )


def round_for_pattern(
    catalog: Iterable[Exercise], pattern: str, *, options: int = 3, seed: int | str = 0
) -> Round:
    """A round for a compensation pattern, shown in the first catalog exercise that lists it."""
    if pattern not in PATTERNS:
        raise InvalidModel(f"no compensation pattern {pattern!r}; the patterns are {', '.join(PATTERNS)}")
    exercises = list(catalog)
    having = _exercises_with(exercises, pattern)
    if not having:
        raise InvalidModel(f"no exercise in the catalog lists the compensation {pattern!r}")
    return build_round(exercises, having[0].id, pattern=pattern, options=options, seed=seed)


def mark_round(round_: Round, choice: int) -> Match:
    """Mark a choice (an option index); the feedback names what the chosen cue corrects."""
    if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(round_.options):
        raise InvalidModel(f"choose an option from 0 to {len(round_.options) - 1}, got {choice!r}")
    right = round_.options[round_.answer]
    target = pattern_label(round_.pattern)
    if choice == round_.answer:
        feedback = (
            f"“{right}” answers {target}: it offers the body a better option for that "
            "one fault. One cue at a time is enough."
        )
        return Match(correct=True, chosen=choice, right_cue=right, feedback=feedback)
    other = pattern_label(round_.option_patterns[choice])
    feedback = (
        f"That cue corrects {other}, a different compensation. The misconception is "
        f"that any good cue fixes every fault; match the cue to what you see. For "
        f"{target} the cue is “{right}”"
    )
    return Match(correct=False, chosen=choice, right_cue=right, feedback=feedback)

"""Critique: check a routine against every rule the course teaches (DESIGN.md §4).

``critique(routine, catalog)`` returns a list of :class:`Finding` in a fixed order (the
order of :data:`RULES`, then item index). Each finding names its rule's principle and the
notebook that teaches it, and says in a plain sentence how to fix the routine. A routine
that breaks no rule gets an empty list.

An item's phase is its own if set, otherwise its exercise's phase in the catalog.
An empty routine gets a single finding, ``no-breathing`` (start with a breathing drill):
the other rules judge what is in a routine, and there is nothing yet to judge.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coursekit.content import enums
from coursekit.engine.routines import Routine, RoutineItem
from coursekit.errors import InvalidModel

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog
    from coursekit.content.models import Exercise

__all__ = [
    "SEVERITIES",
    "CEILING_MIN",
    "PLAN_B_CEILING_MIN",
    "MAX_ITEMS",
    "LOW_VARIETY_MIN_ITEMS",
    "MIN_ECCENTRIC_S",
    "MAX_REPS_PER_SET",
    "Rule",
    "RULES",
    "RULE_BY_CODE",
    "CODES",
    "Finding",
    "ceiling_min",
    "critique",
    "NO_FINDINGS",
    "format_findings",
]

SEVERITIES = ("warning", "info")
#: Ceiling in minutes per slot; any plan-B (flare-up day) routine gets PLAN_B_CEILING_MIN.
CEILING_MIN = {"morning": 20, "office": 10, "travel": 10, "evening": 20, "custom": 20}
PLAN_B_CEILING_MIN = 10
#: More items than this is crowded rather than curated.
MAX_ITEMS = 8
#: Low variety needs at least this many non-breathing items before it judges a routine.
LOW_VARIETY_MIN_ITEMS = 3
#: An organize or strengthen rep should take at least this long to lower (never explosively);
#: only strengthen work may lift explosively, and only with such a lowering (rushed-tempo).
MIN_ECCENTRIC_S = 2
#: Above this many reps per set, organize and strengthen work drifts towards fatigue.
MAX_REPS_PER_SET = 15
# soften < organize < strengthen
_RANK = {phase: n for n, phase in enumerate(enums.PHASES)}
_WORK_PHASES = ("organize", "strengthen")


@dataclass(frozen=True, slots=True)
class Rule:
    """One critique rule: its code, severity, principle (in words) and teaching notebook."""

    code: str
    severity: str
    principle: str
    notebook: str


#: Every rule, in the order of the DESIGN.md table (findings come out in this order).
RULES: tuple[Rule, ...] = (
    Rule("phase-order", "warning", "Soften, then organize, then strengthen", "05_sequencing"),
    Rule(
        "no-preparation",
        "warning",
        "Prepare before you load: soften and organize come before strengthen",
        "05_sequencing",
    ),
    Rule("no-breathing", "warning", "Breathing and posture work together", "03_breathing"),
    Rule(
        "too-long", "warning", "Short, regular micro-sessions of 10-20 minutes", "11_consistency_and_ritual"
    ),
    Rule(
        "too-many-exercises",
        "warning",
        "A curated wardrobe of routines, not a crowded one",
        "13_movement_wardrobe",
    ),
    Rule(
        "low-variety",
        "info",
        "Strategic variability: rotate the movement families",
        "10_strategic_variability",
    ),
    Rule(
        "back-only",
        "warning",
        "The spine as a system: build strength outside the back (hips, thoracic spine, feet)",
        "07_movement_patterns",
    ),
    Rule(
        "rushed-tempo",
        "warning",
        "Tempo and time under tension: a controlled lowering (an explosive lift only in strengthen work)",
        "06_tempo",
    ),
    Rule(
        "to-fatigue",
        "warning",
        "Precision over volume: stop before technique frays",
        "01_precision_over_volume",
    ),
    Rule(
        "flare-up-unsuitable",
        "warning",
        "Plan A and plan B: a gentler plan for flare-up days",
        "11_consistency_and_ritual",
    ),
    Rule(
        "setting-mismatch",
        "warning",
        "Environment as a tool: fit the routine to where you are",
        "10_strategic_variability",
    ),
    Rule(
        "no-recovery", "info", "Close with a soften block: recovery is part of the session", "05_sequencing"
    ),
)
RULE_BY_CODE = {rule.code: rule for rule in RULES}
CODES = tuple(RULE_BY_CODE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One broken rule: what, how serious, how to fix it, and where the course teaches it."""

    code: str
    severity: str
    message: str
    principle: str
    notebook: str
    item: int | None = None  # index of the item concerned, or None for the whole routine

    def __post_init__(self) -> None:
        if self.code not in RULE_BY_CODE:
            raise InvalidModel(f"Finding.code must be one of {', '.join(CODES)}; got {self.code!r}")
        if self.severity not in SEVERITIES:
            raise InvalidModel(f"Finding.severity must be warning or info; got {self.severity!r}")
        for field in ("message", "principle", "notebook"):
            if not isinstance(getattr(self, field), str) or not getattr(self, field).strip():
                raise InvalidModel(f"Finding.{field} must be non-empty text")
        if self.item is not None and (
            isinstance(self.item, bool) or not isinstance(self.item, int) or self.item < 0
        ):
            raise InvalidModel(f"Finding.item must be an item index (0 or more) or None; got {self.item!r}")

    def __str__(self) -> str:
        return f"{self.severity} {self.code}: {self.message}"

    def __repr__(self) -> str:
        where = "" if self.item is None else f", item {self.item}"
        return f"Finding({self.code!r}, {self.severity}{where})"


def _finding(code: str, message: str, item: int | None = None) -> Finding:
    rule = RULE_BY_CODE[code]
    return Finding(
        code=code,
        severity=rule.severity,
        message=message,
        principle=rule.principle,
        notebook=rule.notebook,
        item=item,
    )


@dataclass(frozen=True, slots=True)
class _Entry:
    """An item with what the rules need to know about it."""

    index: int
    item: RoutineItem
    exercise: Exercise
    phase: str

    @property
    def label(self) -> str:
        """How a message names the item: ``Bird dog (item 2)``."""
        return f"{self.exercise.name} (item {self.index})"


@dataclass(frozen=True, slots=True)
class _Context:
    routine: Routine
    catalog: Catalog
    entries: tuple[_Entry, ...]


def _words(value: str) -> str:
    return value.replace("_", " ")


# -- the rules, one function each, in table order --------------------------------------


def _phase_order(ctx: _Context) -> Iterator[Finding]:
    entries = list(ctx.entries)
    while entries and entries[-1].phase == "soften":  # the closing recovery ritual
        entries.pop()
    for n, e in enumerate(entries):
        later = next((p for p in entries[:n] if _RANK[p.phase] > _RANK[e.phase]), None)
        if later is not None:
            yield _finding(
                "phase-order",
                (
                    f"{e.label} is {e.phase} work placed after {later.phase} work: "
                    f"{later.label}. Move it before item {later.index}: soften first, then "
                    "organize, then strengthen; only a closing soften block may follow the "
                    "strengthening."
                ),
                e.index,
            )


def _no_preparation(ctx: _Context) -> Iterator[Finding]:
    for e in ctx.entries:
        if e.phase != "strengthen":
            return
        yield _finding(
            "no-preparation",
            (
                f"{e.label} is strengthen work with no soften or organize exercise before "
                "it. Start with a breathing drill and an organize exercise, then load."
            ),
            e.index,
        )
        return


def _no_breathing(ctx: _Context) -> Iterator[Finding]:
    if any(e.exercise.family == "breathing" for e in ctx.entries):
        return
    if not ctx.entries:
        yield _finding(
            "no-breathing",
            (
                "The routine is empty. Start it with a breathing drill (a breathing-family "
                "exercise such as crocodile breathing) to settle the breath before you move."
            ),
        )
        return
    yield _finding(
        "no-breathing",
        (
            "The routine has no breathing drill. Add a breathing-family exercise, such as "
            "crocodile breathing, at the start to settle the breath before you move."
        ),
    )


def ceiling_min(routine: Routine) -> int:
    """The longest a routine should take, in minutes (plan B: 10; office/travel: 10; else 20)."""
    if routine.plan == "B":
        return PLAN_B_CEILING_MIN
    return CEILING_MIN[routine.slot]


def _too_long(ctx: _Context) -> Iterator[Finding]:
    ceiling = ceiling_min(ctx.routine)
    seconds = ctx.routine.duration_s(ctx.catalog)
    if seconds <= ceiling * 60:
        return
    # whole seconds rounded up, so a routine just over the ceiling never reads as "10 min"
    m, s = divmod(math.ceil(seconds), 60)
    took = f"{m} min {s} s" if s else f"{m} min"
    kind = "a plan-B (flare-up day) routine" if ctx.routine.plan == "B" else f"the {ctx.routine.slot} slot"
    yield _finding(
        "too-long",
        (
            f"The routine takes about {took}, above the {ceiling}-minute ceiling "
            f"for {kind}. Drop an exercise or a set, or move some work to another routine."
        ),
    )


def _too_many(ctx: _Context) -> Iterator[Finding]:
    n = len(ctx.entries)
    if n > MAX_ITEMS:
        yield _finding(
            "too-many-exercises",
            (
                f"The routine has {n} exercises; keep it to {MAX_ITEMS} or fewer. Keep the ones "
                "that matter most and move the rest to another routine of your wardrobe."
            ),
        )


def _low_variety(ctx: _Context) -> Iterator[Finding]:
    work = [e for e in ctx.entries if e.exercise.family != "breathing"]
    families = {e.exercise.family for e in work}
    if len(work) < LOW_VARIETY_MIN_ITEMS or len(families) != 1:
        return
    family = families.pop()
    others = [f for f in ("hinge", "squat", "carry", "gentle_rotation") if f != family][:2]
    yield _finding(
        "low-variety",
        (
            f"All {len(work)} non-breathing exercises are from the {_words(family)} family. "
            f"Swap one for another family, for example a {_words(others[0])} or a "
            f"{_words(others[1])} exercise, to train more patterns."
        ),
    )


def _back_only(ctx: _Context) -> Iterator[Finding]:
    if not ctx.entries:
        return
    if any(set(e.exercise.regions) & set(enums.SYSTEM_REGIONS) for e in ctx.entries):
        return
    yield _finding(
        "back-only",
        (
            "No exercise works the hips, the thoracic spine or the feet and ankles. Add one "
            "(for example a bridge, a sit-to-stand or a thoracic rotation) so the whole system "
            "shares the work, not only the lower back."
        ),
    )


def _rushed_tempo(ctx: _Context) -> Iterator[Finding]:
    """Organize and strengthen reps must lower over at least 2 s and never explosively.

    An explosive lift (concentric X) is part of strengthen work once the lowering is
    controlled (a rower's 2-0-X-0); in organize work, control is the point, so it fires.
    """
    for e in ctx.entries:
        if e.phase not in _WORK_PHASES or e.item.reps is None:
            continue
        tempo = e.item.tempo_in(ctx.catalog)
        if tempo is None:
            continue
        problems = []
        if tempo.eccentric is None:
            problems.append("lowers explosively")
        elif tempo.eccentric < MIN_ECCENTRIC_S:
            problems.append(f"lowers in {tempo.eccentric} s")
        if tempo.concentric is None and e.phase != "strengthen":
            problems.append("lifts explosively")
        if not problems:
            continue
        if e.phase == "strengthen":
            fix = (
                f"For strengthen work, take at least {MIN_ECCENTRIC_S} s to lower, for example "
                "3-1-2-0; once the lowering is controlled, an explosive lift (2-0-X-0) is fine."
            )
        else:
            fix = (
                f"For organize work, take at least {MIN_ECCENTRIC_S} s to lower and lift under "
                "control, for example 3-1-2-0, so every rep stays controlled."
            )
        yield _finding("rushed-tempo", f"{e.label} {' and '.join(problems)} (tempo {tempo}). {fix}", e.index)


def _to_fatigue(ctx: _Context) -> Iterator[Finding]:
    for e in ctx.entries:
        if e.phase in _WORK_PHASES and e.item.reps is not None and e.item.reps > MAX_REPS_PER_SET:
            yield _finding(
                "to-fatigue",
                (
                    f"{e.label} asks for {e.item.reps} reps per set. Keep {e.phase} work at "
                    f"{MAX_REPS_PER_SET} reps or fewer and stop while 2-3 clean reps remain; add "
                    "a set or slow the tempo instead."
                ),
                e.index,
            )


def _flare_up(ctx: _Context) -> Iterator[Finding]:
    if ctx.routine.plan != "B":
        return
    for e in ctx.entries:
        if e.exercise.flare_up == "plan_a_only":
            yield _finding(
                "flare-up-unsuitable",
                (
                    f"{e.label} is meant for normal days (plan A only), but this is a plan-B "
                    "routine for flare-up days. Swap it for a gentler exercise suited to plan B, "
                    "or an easier rung of its ladder."
                ),
                e.index,
            )


def _setting_mismatch(ctx: _Context) -> Iterator[Finding]:
    slot = ctx.routine.slot
    if slot not in ("office", "travel"):
        return
    for e in ctx.entries:
        if slot not in e.exercise.settings:
            where = ", ".join(e.exercise.settings)
            yield _finding(
                "setting-mismatch",
                (
                    f"{e.label} is not tagged for the {slot} setting (it is for: {where}). "
                    f"Swap it for an exercise that fits the {slot} setting."
                ),
                e.index,
            )


def _no_recovery(ctx: _Context) -> Iterator[Finding]:
    if not any(e.phase == "strengthen" for e in ctx.entries):
        return
    last = ctx.entries[-1]
    if last.phase == "soften":
        return
    yield _finding(
        "no-recovery",
        (
            f"The routine ends with {last.label}, {last.phase} work. Close with a short soften "
            "exercise, such as a breathing drill or a supported rest position, to come down "
            "from the work."
        ),
        last.index,
    )


_CHECKS: dict[str, Callable[[_Context], Iterable[Finding]]] = {
    "phase-order": _phase_order,
    "no-preparation": _no_preparation,
    "no-breathing": _no_breathing,
    "too-long": _too_long,
    "too-many-exercises": _too_many,
    "low-variety": _low_variety,
    "back-only": _back_only,
    "rushed-tempo": _rushed_tempo,
    "to-fatigue": _to_fatigue,
    "flare-up-unsuitable": _flare_up,
    "setting-mismatch": _setting_mismatch,
    "no-recovery": _no_recovery,
}


def critique(routine: Routine, catalog: Catalog) -> list[Finding]:
    """Every rule the routine breaks, in table order then item order ([] when none).

    An exercise missing from the catalog raises InvalidModel naming the item.
    """
    if not isinstance(routine, Routine):
        raise InvalidModel(f"critique needs a Routine, got {type(routine).__name__}")
    exercises = routine.exercises_in(catalog)
    entries = tuple(
        _Entry(i, it, ex, it.phase if it.phase is not None else ex.phase)
        for i, (it, ex) in enumerate(zip(routine.items, exercises, strict=True))
    )
    ctx = _Context(routine, catalog, entries)
    findings: list[Finding] = []
    for check in _CHECKS.values():
        findings.extend(sorted(check(ctx), key=lambda f: -1 if f.item is None else f.item))
    return findings


NO_FINDINGS = "No findings: this routine follows every rule the course teaches."


def format_findings(findings: Iterable[Finding]) -> str:
    """One line per finding, with the notebook that teaches the rule; a sentence when none."""
    findings = list(findings)
    if not findings:
        return NO_FINDINGS
    return "\n".join(f"{f} (see {f.notebook})" for f in findings)

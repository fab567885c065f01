"""Invented personas for clinical-reasoning cases, and a check of a proposed decision and plan.

``data/personas.yaml`` describes seven invented people (CONTENT.md §5). Each has a story,
beliefs, goals, the red flags present, the **decision** a careful clinician makes
(``refer-emergency``, ``refer-medical-assessment`` or ``exercise``) and, for the people who
exercise, the **rules** their plan must satisfy (slot, length, plan B, setting, equipment,
a movement family, tempo, reps in reserve, load).

``check_case(persona, decision, routine, catalog)`` marks a learner's proposal::

    check = check_case(personas["courier"], "exercise", None, catalog)
    check.ok            # False: saddle numbness and bladder change -> emergency referral
    print(check)        # the reasons, in plain words

A referral case never gets an exercise plan; an exercise case needs a plan that satisfies
every rule of the persona AND passes the critique (no findings at all).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coursekit.content import enums
from coursekit.content.data import data_dir, display_path, load_yaml
from coursekit.content.models import SLUG
from coursekit.errors import DataFileError, InvalidModel

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog
    from coursekit.engine.routines import Routine

PERSONAS_FILE = "personas.yaml"
DECISIONS = ("refer-emergency", "refer-medical-assessment", "exercise")
DECISION_TEXT = {
    "refer-emergency": "refer for same-day emergency care, no exercise",
    "refer-medical-assessment": "refer for a medical assessment before any exercise plan",
    "exercise": "reassure, educate and build an exercise plan",
}
# A red flag's urgency decides the referral (coursekit.engine.red_flags).
_URGENCY_DECISION = {
    "emergency today": "refer-emergency",
    "same-day": "refer-medical-assessment",
    "see a doctor soon": "refer-medical-assessment",
}
_DECISION_RANK = {"exercise": 0, "refer-medical-assessment": 1, "refer-emergency": 2}
FIELDS = (
    "id",
    "name",
    "age",
    "context",
    "story",
    "beliefs",
    "goals",
    "red_flags",
    "decision",
    "why",
    "rules",
)
RULE_FIELDS = (
    "slot",
    "plan",
    "max_minutes",
    "setting",
    "equipment",
    "includes_family",
    "min_load_level",
    "max_load_level",
    "min_eccentric_s",
    "max_reps_per_set",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanRules:
    """What a persona's plan must satisfy (every field is optional)."""

    slot: str | None = None
    plan: str | None = None
    max_minutes: float | None = None
    setting: str | None = None  # every exercise tagged for this setting
    equipment: tuple[str, ...] | None = None  # the only equipment allowed
    includes_family: tuple[str, ...] = ()  # at least one exercise of each family
    min_load_level: int | None = None  # at least one exercise this loaded
    max_load_level: int | None = None  # no exercise above this load level
    min_eccentric_s: int | None = None  # every reps item lowers at least this slowly
    max_reps_per_set: int | None = None  # reps in reserve: stop well short of fatigue

    def describe(self) -> list[str]:
        """Each rule as a short phrase: ``'slot office'``, ``'at most 10 min'``..."""
        out = []
        if self.slot:
            out.append(f"slot {self.slot}")
        if self.plan:
            out.append(f"plan {self.plan}")
        if self.max_minutes is not None:
            out.append(f"at most {self.max_minutes:g} min")
        if self.setting:
            out.append(f"every exercise works in the {self.setting} setting")
        if self.equipment is not None:
            out.append(f"equipment only {', '.join(self.equipment)}")
        for family in self.includes_family:
            out.append(f"includes a {family.replace('_', ' ')} exercise")
        if self.min_load_level is not None:
            out.append(f"at least one exercise at load level {self.min_load_level} or more")
        if self.max_load_level is not None:
            out.append(f"no exercise above load level {self.max_load_level}")
        if self.min_eccentric_s is not None:
            out.append(f"every reps exercise lowers over at least {self.min_eccentric_s} s")
        if self.max_reps_per_set is not None:
            out.append(f"at most {self.max_reps_per_set} reps per set, leaving reps in reserve")
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Persona:
    """An invented person with back pain, and what a careful clinician decides for them."""

    id: str
    name: str
    age: int
    context: str
    story: str
    beliefs: tuple[str, ...]
    goals: tuple[str, ...]
    red_flags: tuple[str, ...]
    decision: str
    why: str
    rules: PlanRules | None

    def __str__(self) -> str:
        flags = ", ".join(self.red_flags) if self.red_flags else "none"
        return (
            f"{self.name}, {self.age}, {self.context}\n{self.story}\n"
            f"Beliefs: {' '.join(self.beliefs)}\nGoals: {' '.join(self.goals)}\n"
            f"Red flags in the story: {flags}"
        )

    def __repr__(self) -> str:
        return f"Persona({self.id!r}, {self.name}, {self.age})"


@dataclass(frozen=True, slots=True)
class CaseCheck:
    """The verdict on a proposed decision (and plan): ok, and the reasons in plain words."""

    ok: bool
    messages: tuple[str, ...]

    def __str__(self) -> str:
        head = "✓ Sound decision and plan." if self.ok else "✗ Not yet."
        return "\n".join([head] + [f"  - {m}" for m in self.messages])

    def __repr__(self) -> str:
        return (
            f"CaseCheck(ok={self.ok}, {len(self.messages)} message{'s' if len(self.messages) != 1 else ''})"
        )


# ---------------------------------------------------------------------------------------
# Loading


def _text(fail: Any, record: dict, field: str) -> str:
    value = record.get(field)
    if not isinstance(value, str) or not value.strip():
        raise fail(field, "must be non-empty text")
    return " ".join(value.split())


def _texts(fail: Any, record: dict, field: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    value = record.get(field)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(field, "must be a list of text")
    if not value and not allow_empty:
        raise fail(field, "must list at least one entry")
    return tuple(" ".join(v.split()) for v in value)


def _rules_from_record(fail: Any, value: Any) -> PlanRules:
    if not isinstance(value, dict):
        raise fail("rules", "must be a mapping of plan rules")
    unknown = sorted(set(value) - set(RULE_FIELDS))
    if unknown:
        raise fail(f"rules.{unknown[0]}", f"unknown rule; the rules are {', '.join(RULE_FIELDS)}")

    def one_of(key: str, allowed: tuple[str, ...]) -> str | None:
        v = value.get(key)
        if v is not None and v not in allowed:
            raise fail(f"rules.{key}", f"must be one of {', '.join(allowed)}; got {v!r}")
        return v

    def whole(key: str, low: int, high: int) -> int | None:
        v = value.get(key)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
            raise fail(f"rules.{key}", f"must be a whole number from {low} to {high}; got {v!r}")
        return v

    def many(key: str, allowed: tuple[str, ...]) -> tuple[str, ...] | None:
        v = value.get(key)
        if v is None:
            return None
        if not isinstance(v, list) or not v:
            raise fail(f"rules.{key}", "must be a non-empty list")
        for x in v:
            if x not in allowed:
                raise fail(f"rules.{key}", f"{x!r} is not one of {', '.join(allowed)}")
        return tuple(v)

    minutes = value.get("max_minutes")
    if minutes is not None and (
        isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or minutes <= 0
    ):
        raise fail("rules.max_minutes", f"must be a positive number of minutes; got {minutes!r}")
    return PlanRules(
        slot=one_of("slot", enums.SLOTS),
        plan=one_of("plan", enums.PLANS),
        max_minutes=minutes,
        setting=one_of("setting", enums.SETTINGS),
        equipment=many("equipment", enums.EQUIPMENT),
        includes_family=many("includes_family", enums.FAMILIES) or (),
        min_load_level=whole("min_load_level", 0, 4),
        max_load_level=whole("max_load_level", 0, 4),
        min_eccentric_s=whole("min_eccentric_s", 1, 10),
        max_reps_per_set=whole("max_reps_per_set", 1, 50),
    )


def persona_from_record(record: Any, *, path: str = "data/personas.yaml", index: int = 0) -> Persona:
    """One persona from its YAML record; problems name file, record and field."""
    from coursekit.engine.red_flags import RED_FLAGS

    rid = record.get("id") if isinstance(record, dict) and isinstance(record.get("id"), str) else None

    def fail(field: str, message: str) -> DataFileError:
        return DataFileError(path, message, record=index, record_id=rid, field=field)

    if not isinstance(record, dict):
        raise DataFileError(path, "each persona must be a mapping", record=index)
    unknown = sorted(set(record) - set(FIELDS))
    if unknown:
        raise fail(unknown[0], f"unknown field; the fields are {', '.join(FIELDS)}")
    missing = [f for f in FIELDS if f not in record and f != "rules"]
    if missing:
        raise fail(missing[0], "missing field")
    pid = _text(fail, record, "id")
    if not SLUG.match(pid):
        raise fail("id", f"must be a slug like 'office-analyst', got {pid!r}")
    age = record["age"]
    if isinstance(age, bool) or not isinstance(age, int) or not 16 <= age <= 100:
        raise fail("age", f"must be a whole number from 16 to 100; got {age!r}")
    flags = _texts(fail, record, "red_flags", allow_empty=True)
    by_id = {f.id: f for f in RED_FLAGS}
    for flag in flags:
        if flag not in by_id:
            raise fail(
                "red_flags",
                f"{flag!r} is not a red flag of coursekit.engine.red_flags; they are {', '.join(by_id)}",
            )
    decision = record["decision"]
    if decision not in DECISIONS:
        raise fail("decision", f"must be one of {', '.join(DECISIONS)}; got {decision!r}")
    expected = max(
        (_URGENCY_DECISION[by_id[f].urgency] for f in flags),
        key=_DECISION_RANK.__getitem__,
        default="exercise",
    )
    if decision != expected:
        raise fail(
            "decision",
            f"the red flags present ({', '.join(flags) or 'none'}) call for {expected!r}, not {decision!r}",
        )
    rules = None
    if decision == "exercise":
        if "rules" not in record:
            raise fail("rules", "an exercise case needs the rules its plan must satisfy")
        rules = _rules_from_record(fail, record["rules"])
    elif record.get("rules") is not None:
        raise fail("rules", "a referral case has no plan rules (it never gets an exercise plan)")
    return Persona(
        id=pid,
        name=_text(fail, record, "name"),
        age=age,
        context=_text(fail, record, "context"),
        story=_text(fail, record, "story"),
        beliefs=_texts(fail, record, "beliefs"),
        goals=_texts(fail, record, "goals"),
        red_flags=flags,
        decision=decision,
        why=_text(fail, record, "why"),
        rules=rules,
    )


def load_personas(path: str | os.PathLike[str] | None = None) -> dict[str, Persona]:
    """The personas by id, in file order (``path``: a data folder or the YAML file)."""
    file = (
        Path(path)
        if path is not None and str(path).endswith((".yaml", ".yml"))
        else data_dir(path) / PERSONAS_FILE
    )
    name = display_path(file)
    records = load_yaml(file)
    if not isinstance(records, list) or not records:
        raise DataFileError(name, "the file must be a non-empty list of personas")
    out: dict[str, Persona] = {}
    for i, record in enumerate(records):
        persona = persona_from_record(record, path=name, index=i)
        if persona.id in out:
            raise DataFileError(name, "duplicate id", record=i, record_id=persona.id, field="id")
        out[persona.id] = persona
    return out


# ---------------------------------------------------------------------------------------
# Checking a proposal


def rule_problems(rules: PlanRules, routine: Routine, catalog: Catalog) -> list[str]:
    """Each rule the routine breaks, as a sentence (empty when it satisfies them all)."""
    exercises = routine.exercises_in(catalog)
    out: list[str] = []
    if rules.slot and routine.slot != rules.slot:
        out.append(f"The plan should be a {rules.slot} routine; this one is for the {routine.slot} slot.")
    if rules.plan and routine.plan != rules.plan:
        kind = "flare-up day (plan B)" if rules.plan == "B" else "normal day (plan A)"
        out.append(f"This person needs a {kind} routine; this one is plan {routine.plan}.")
    minutes = routine.minutes(catalog)
    if rules.max_minutes is not None and minutes > rules.max_minutes:
        out.append(f"The routine takes about {minutes:.1f} min; it must fit in {rules.max_minutes:g} min.")
    if rules.setting:
        wrong = [ex.name for ex in exercises if rules.setting not in ex.settings]
        if wrong:
            out.append(f"Not suited to the {rules.setting} setting: {', '.join(wrong)}.")
    if rules.equipment is not None:
        allowed = set(rules.equipment)
        wrong = [
            f"{ex.name} ({', '.join(e for e in ex.equipment if e not in allowed)})"
            for ex in exercises
            if not set(ex.equipment) <= allowed
        ]
        if wrong:
            out.append(f"Needs equipment this person does not have: {', '.join(wrong)}.")
    families = {ex.family for ex in exercises}
    for family in rules.includes_family:
        if family not in families:
            out.append(f"Include at least one {family.replace('_', ' ')} exercise.")
    if rules.min_load_level is not None and not any(
        ex.load_level >= rules.min_load_level for ex in exercises
    ):
        out.append(
            f"Include at least one exercise at load level {rules.min_load_level} or more "
            "(loaded work is part of this person's goal)."
        )
    if rules.max_load_level is not None:
        wrong = [ex.name for ex in exercises if ex.load_level > rules.max_load_level]
        if wrong:
            out.append(f"Too much load for now (above level {rules.max_load_level}): {', '.join(wrong)}.")
    for i, (item, ex) in enumerate(zip(routine.items, exercises, strict=True)):
        if item.reps is None:
            continue
        tempo = item.tempo_in(catalog)
        if rules.min_eccentric_s is not None and (
            tempo is None or tempo.eccentric is None or tempo.eccentric < rules.min_eccentric_s
        ):
            out.append(
                f"{ex.name} (item {i}) should lower over at least {rules.min_eccentric_s} s "
                f"(tempo {tempo or 'not set'})."
            )
        if rules.max_reps_per_set is not None and item.reps > rules.max_reps_per_set:
            out.append(
                f"{ex.name} (item {i}) asks for {item.reps} reps; keep to {rules.max_reps_per_set} "
                "or fewer to leave reps in reserve (clean reps, no grinding to failure)."
            )
    return out


def check_case(
    persona: Persona, decision: str, routine: Routine | None = None, catalog: Catalog | None = None
) -> CaseCheck:
    """Mark a proposed decision (and, for an exercise case, a routine) for ``persona``.

    Referral cases must be referred, with no plan. Exercise cases need a routine that
    satisfies the persona's rules and passes the critique (no findings).
    """
    if decision not in DECISIONS:
        raise InvalidModel(f"decision must be one of {', '.join(DECISIONS)}; got {decision!r}")
    messages: list[str] = []
    if decision != persona.decision:
        messages.append(
            f"The decision for {persona.name} is to {DECISION_TEXT[persona.decision]}, "
            f"not to {DECISION_TEXT[decision]}. {persona.why}"
        )
        if persona.decision != "exercise" and routine is not None:
            messages.append("No exercise plan until a clinician has seen this person.")
        return CaseCheck(False, tuple(messages))
    if persona.decision != "exercise":
        if routine is not None:
            return CaseCheck(
                False, (f"Right to {DECISION_TEXT[decision]}, but then give no exercise plan: {persona.why}",)
            )
        return CaseCheck(True, (f"Right: {DECISION_TEXT[decision]}. {persona.why}",))
    if routine is None:
        return CaseCheck(
            False, (f"Right to {DECISION_TEXT[decision]}; now propose a routine for {persona.name}.",)
        )
    if catalog is None:
        from coursekit.content.catalog import load_catalog

        catalog = load_catalog()
    from coursekit.engine.critique import critique

    problems = rule_problems(persona.rules or PlanRules(), routine, catalog)
    findings = critique(routine, catalog)
    problems += [f"Critique: {f} (see {f.notebook})" for f in findings]
    if problems:
        return CaseCheck(False, tuple(problems))
    rules = (persona.rules or PlanRules()).describe()
    satisfied = f" It satisfies every rule for {persona.name}: {'; '.join(rules)}." if rules else ""
    return CaseCheck(
        True, (f"Right to {DECISION_TEXT[decision]}.{satisfied} It passes the critique with no findings.",)
    )

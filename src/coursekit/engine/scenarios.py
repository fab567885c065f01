"""Daily-life scenarios: the tasks exercises should carry over to, and the patterns they use.

``load_scenarios()`` reads ``data/scenarios.yaml`` (bundled, ``$COURSEKIT_DATA``, a folder
or a file) and checks every record; a bad record raises :class:`DataFileError` naming the
file, the record and the field. ``match_exercises(scenario, catalog)`` lists the catalog
exercises whose ``transfers`` include the scenario's daily task: those of its main movement
family first, then its other families in order, then the rest; within each group easiest
first (phase, load level, id). ``check_pattern`` marks a learner's choice of movement pattern.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coursekit.content import enums
from coursekit.content.data import data_dir, display_path, load_yaml
from coursekit.content.models import SLUG
from coursekit.errors import DataFileError, InvalidModel

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog
    from coursekit.content.models import Exercise

SCENARIOS_FILE = "scenarios.yaml"
FIELDS = ("id", "title", "description", "transfer", "families", "tip")
#: How many options a pattern question offers (the right families plus distractors).
CHOICES = 4

#: One plain phrase per movement family, used in feedback.
FAMILY_PHRASES = {
    "breathing": "breathing: slow, low breaths that calm the system",
    "hinge": "the hinge: folding at the hips with the spine long, shins nearly upright",
    "squat": "the squat: hips and knees bending together, trunk fairly upright",
    "lunge": "the lunge: one foot ahead of the other, weight shifting onto one leg",
    "anti_rotation": "anti-rotation: keeping the trunk from twisting while arms or legs move",
    "gentle_rotation": "gentle rotation: turning through the ribs and mid-back",
    "supported_extension": "supported extension: arching back gently with support",
    "controlled_flexion": "controlled flexion: rounding the back slowly and under control",
    "anti_extension": "anti-extension: keeping the ribs and pelvis from flaring into an arch",
    "anti_lateral_flexion": "anti-lateral flexion: staying tall when a load pulls you sideways",
    "carry": "the carry: walking tall with a load in one or both hands",
    "gait": "gait: walking with an easy rhythm and arm swing",
    "mobility": "mobility: moving a joint gently through its range",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    """A daily task, the catalog transfer it belongs to, the families it uses, and a tip."""

    id: str
    title: str
    description: str
    transfer: str
    families: tuple[str, ...]
    tip: str

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not SLUG.match(self.id):
            raise InvalidModel(f"Scenario.id must be a slug like 'carry-groceries', got {self.id!r}")
        for field in ("title", "description", "tip"):
            value = getattr(self, field)
            if not isinstance(value, str) or not value.strip():
                raise InvalidModel(f"Scenario.{field} must be non-empty text")
        if self.transfer not in enums.TRANSFERS:
            raise InvalidModel(
                f"Scenario.transfer must be one of {', '.join(enums.TRANSFERS)}; got {self.transfer!r}"
            )
        if not self.families:
            raise InvalidModel("Scenario.families must list at least one family")
        for f in self.families:
            if f not in enums.FAMILIES:
                raise InvalidModel(f"Scenario.families must be among {', '.join(enums.FAMILIES)}; got {f!r}")
        if len(set(self.families)) != len(self.families):
            raise InvalidModel(f"Scenario.families lists a family twice: {list(self.families)}")

    def __repr__(self) -> str:
        return f"Scenario({self.id!r}: {self.transfer}, {'/'.join(self.families)})"


def scenario_from_record(record: Any, *, path: str = "data/scenarios.yaml", index: int = 0) -> Scenario:
    """Build a :class:`Scenario` from one YAML record; errors name file, record and field."""
    if not isinstance(record, dict):
        raise DataFileError(
            path, f"each record must be a mapping of fields, got {type(record).__name__}", record=index
        )
    rid = record.get("id") if isinstance(record.get("id"), str) else None

    def fail(field: str, message: str) -> DataFileError:
        return DataFileError(path, message, record=index, record_id=rid, field=field)

    for field in FIELDS:
        if field not in record:
            raise fail(field, "missing field")
    unknown = sorted(set(record) - set(FIELDS))
    if unknown:
        raise fail(unknown[0], f"unknown field; the fields are {', '.join(FIELDS)}")
    for field in ("id", "title", "description", "transfer", "tip"):
        if not isinstance(record[field], str):
            raise fail(field, f"must be text, got {record[field]!r}")
    families = record["families"]
    if isinstance(families, str):
        families = [families]
    if not isinstance(families, list) or not all(isinstance(f, str) for f in families):
        raise fail("families", f"must be a list of family names, got {families!r}")
    try:
        return Scenario(
            id=record["id"],
            title=record["title"].strip(),
            description=" ".join(record["description"].split()),
            transfer=record["transfer"],
            families=tuple(families),
            tip=" ".join(record["tip"].split()),
        )
    except InvalidModel as err:
        message = str(err)
        field = message.split(" ", 1)[0].removeprefix("Scenario.")
        raise fail(field if field in FIELDS else "record", message) from None


def _scenarios_path(path: str | os.PathLike[str] | None) -> Path:
    if path is not None and Path(path).suffix in (".yaml", ".yml"):
        return Path(path)
    return data_dir(path) / SCENARIOS_FILE


def load_scenarios(path: str | os.PathLike[str] | None = None) -> tuple[Scenario, ...]:
    """Load and check every scenario (bundled data, ``$COURSEKIT_DATA``, a folder or a file)."""
    file = _scenarios_path(path)
    name = display_path(file)
    records = load_yaml(file)
    if not isinstance(records, list) or not records:
        raise DataFileError(name, "the file must be a non-empty list of scenario records")
    out: list[Scenario] = []
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        sc = scenario_from_record(record, path=name, index=index)
        if sc.id in seen:
            raise DataFileError(
                name,
                f"duplicate id (first used by record {seen[sc.id]})",
                record=index,
                record_id=sc.id,
                field="id",
            )
        seen[sc.id] = index
        out.append(sc)
    return tuple(out)


def get_scenario(scenario_id: str, scenarios: tuple[Scenario, ...] | None = None) -> Scenario:
    """The scenario with this id; InvalidModel naming the known ids otherwise."""
    scenarios = load_scenarios() if scenarios is None else scenarios
    for sc in scenarios:
        if sc.id == scenario_id:
            return sc
    raise InvalidModel(f"no scenario {scenario_id!r}; choose one of {', '.join(s.id for s in scenarios)}")


def match_exercises(scenario: Scenario, catalog: Catalog, *, limit: int | None = None) -> list[Exercise]:
    """Catalog exercises that rehearse the scenario's task: its main family first, then its
    other families, then the rest; each group easiest first (phase, load level, id)."""
    rank = {f: i for i, f in enumerate(scenario.families)}
    found = catalog.filter(transfer=scenario.transfer)
    found.sort(
        key=lambda ex: (rank.get(ex.family, len(rank)), enums.PHASES.index(ex.phase), ex.load_level, ex.id)
    )
    return found if limit is None else found[:limit]


def pattern_choices(scenario: Scenario) -> tuple[str, ...]:
    """The families offered for the scenario: its first family plus seeded distractors.

    Distractors are never among the scenario's families, so exactly one option is right.
    The order is fixed per scenario (a seed made of its id), not per run.
    """
    rng = random.Random(f"scenario:{scenario.id}")
    pool = [f for f in enums.FAMILIES if f not in scenario.families and f != "breathing"]
    options = [scenario.families[0], *rng.sample(pool, CHOICES - 1)]
    rng.shuffle(options)
    return tuple(options)


@dataclass(frozen=True, slots=True, kw_only=True)
class PatternResult:
    """Whether the chosen family is one the scenario uses, with feedback."""

    scenario: str
    family: str
    correct: bool
    feedback: str

    def __str__(self) -> str:
        return f"{'Right' if self.correct else 'Not quite'}: {self.feedback}"


def check_pattern(scenario: Scenario, family: str) -> PatternResult:
    """Mark a learner's choice of movement pattern for the scenario."""
    if family not in enums.FAMILIES:
        raise InvalidModel(f"{family!r} is not a movement family; choose one of {', '.join(enums.FAMILIES)}")
    uses = " and ".join(FAMILY_PHRASES[f].split(":")[0] for f in scenario.families)
    if family in scenario.families:
        text = f"{scenario.title} uses {FAMILY_PHRASES[family]}. Tip: {scenario.tip}"
        return PatternResult(scenario=scenario.id, family=family, correct=True, feedback=text)
    text = (
        f"{FAMILY_PHRASES[family].split(':')[0].capitalize()} is not the main pattern here. "
        f"{scenario.title} mostly uses {uses}."
    )
    return PatternResult(scenario=scenario.id, family=family, correct=False, feedback=text)


def transfer_coverage(catalog: Catalog) -> dict[str, int]:
    """How many catalog exercises rehearse each daily task, in the order of enums.TRANSFERS."""
    counts = dict.fromkeys(enums.TRANSFERS, 0)
    for ex in catalog:
        for t in ex.transfers:
            counts[t] += 1
    return counts

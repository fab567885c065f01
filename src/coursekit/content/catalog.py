"""The exercise catalog: load, validate, look up, filter and walk the ladders.

``load_catalog()`` reads ``data/exercises.yaml`` (bundled, or ``$COURSEKIT_DATA``), checks
every record and the ladders between them, and returns a read-only :class:`Catalog`.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coursekit.content import enums
from coursekit.content.data import data_dir, display_path, gc_paused, load_yaml
from coursekit.content.models import Exercise, exercise_from_record
from coursekit.errors import DataErrors, DataFileError, InvalidModel

if TYPE_CHECKING:  # pandas is imported only when a table is built
    import pandas as pd

__all__ = [
    "Exercise",
    "EXERCISES_FILE",
    "LadderStep",
    "Catalog",
    "check_exercise_records",
    "reference_keys",
    "load_catalog",
]

EXERCISES_FILE = "exercises.yaml"


@dataclass(frozen=True, slots=True)
class LadderStep:
    """A neighbour on a ladder and the one axis that changes to reach it."""

    exercise: Exercise
    axis: str

    def __repr__(self) -> str:
        return f"LadderStep({self.exercise.id!r}, axis={self.axis!r})"


class Catalog:
    """A read-only collection of exercises with ladder look-ups."""

    def __init__(self, exercises: Iterable[Exercise], *, source: str = "<memory>") -> None:
        self._by_id: dict[str, Exercise] = {}
        for ex in exercises:
            if ex.id in self._by_id:
                raise InvalidModel(f"Catalog: duplicate exercise id {ex.id!r}")
            self._by_id[ex.id] = ex
        self.source = source
        self._up: dict[str, tuple[tuple[str, str], ...]] = {}
        self._down: dict[str, tuple[tuple[str, str], ...]] = {}
        up: dict[str, dict[str, str]] = {i: {} for i in self._by_id}
        for ex in self._by_id.values():
            for edge in ex.progressions:
                if edge.to in self._by_id:
                    up[ex.id].setdefault(edge.to, edge.axis)
            for edge in ex.regressions:
                if edge.to in self._by_id:
                    up[edge.to].setdefault(ex.id, edge.axis)
        down: dict[str, dict[str, str]] = {i: {} for i in self._by_id}
        for a, targets in up.items():
            for b, axis in targets.items():
                down[b][a] = axis
        self._up = {k: tuple(v.items()) for k, v in up.items()}
        self._down = {k: tuple(v.items()) for k, v in down.items()}
        # The catalog is read-only, so file order and rung depths are computed once.
        self._order = {i: n for n, i in enumerate(self._by_id)}
        self._depths: dict[str, int] = {}

    # -- mapping-like -------------------------------------------------------------------
    def __getitem__(self, exercise_id: str) -> Exercise:
        try:
            return self._by_id[exercise_id]
        except (KeyError, TypeError):
            close = difflib.get_close_matches(str(exercise_id), self._by_id, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise KeyError(f"no exercise with id {exercise_id!r} in the catalog{hint}") from None

    def get(self, exercise_id: str, default: Exercise | None = None) -> Exercise | None:
        return self._by_id.get(exercise_id, default)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def __repr__(self) -> str:
        return f"Catalog({len(self)} exercises)"

    # -- filtering ----------------------------------------------------------------------
    def filter(
        self,
        *,
        family: str | Iterable[str] | None = None,
        phase: str | Iterable[str] | None = None,
        setting: str | Iterable[str] | None = None,
        position: str | Iterable[str] | None = None,
        region: str | Iterable[str] | None = None,
        flare_up: str | Iterable[str] | None = None,
        equipment: str | Iterable[str] | None = None,
        transfer: str | Iterable[str] | None = None,
        max_load: int | None = None,
        text: str | None = None,
    ) -> list[Exercise]:
        """Exercises matching every given criterion; each criterion takes a value or a list.

        ``setting``, ``region``, ``equipment`` and ``transfer`` match when the exercise lists
        any of the given values; ``text`` searches id, name, aliases and summary.
        """

        def wanted(name: str, value: Any, allowed: tuple[str, ...]) -> frozenset[str] | None:
            if value is None:
                return None
            values = frozenset([value] if isinstance(value, str) else value)
            unknown = sorted(values - set(allowed))
            if unknown:
                raise InvalidModel(f"filter {name}={unknown[0]!r} is not one of {', '.join(allowed)}")
            return values

        fam = wanted("family", family, enums.FAMILIES)
        pha = wanted("phase", phase, enums.PHASES)
        sett = wanted("setting", setting, enums.SETTINGS)
        pos = wanted("position", position, enums.POSITIONS)
        reg = wanted("region", region, enums.REGIONS)
        flare = wanted("flare_up", flare_up, enums.FLARE_UP)
        equip = wanted("equipment", equipment, enums.EQUIPMENT)
        trans = wanted("transfer", transfer, enums.TRANSFERS)
        needle = text.strip().lower() if text else ""
        out = []
        for ex in self._by_id.values():
            if fam is not None and ex.family not in fam:
                continue
            if pha is not None and ex.phase not in pha:
                continue
            if pos is not None and ex.position not in pos:
                continue
            if flare is not None and ex.flare_up not in flare:
                continue
            if sett is not None and sett.isdisjoint(ex.settings):
                continue
            if reg is not None and reg.isdisjoint(ex.regions):
                continue
            if equip is not None and equip.isdisjoint(ex.equipment):
                continue
            if trans is not None and trans.isdisjoint(ex.transfers):
                continue
            if max_load is not None and ex.load_level > max_load:
                continue
            if needle and not any(needle in s.lower() for s in (ex.id, ex.name, ex.summary, *ex.aliases)):
                continue
            out.append(ex)
        return out

    # -- ladders ------------------------------------------------------------------------
    def steps_up(self, exercise_id: str) -> tuple[LadderStep, ...]:
        """The next rungs up (harder), each with the axis that changes."""
        self[exercise_id]
        return tuple(LadderStep(self._by_id[i], axis) for i, axis in self._up[exercise_id])

    def steps_down(self, exercise_id: str) -> tuple[LadderStep, ...]:
        """The next rungs down (easier), each with the axis that changes."""
        self[exercise_id]
        return tuple(LadderStep(self._by_id[i], axis) for i, axis in self._down[exercise_id])

    def progressions(self, exercise_id: str) -> tuple[Exercise, ...]:
        """Harder neighbours on the ladder."""
        return tuple(step.exercise for step in self.steps_up(exercise_id))

    def regressions(self, exercise_id: str) -> tuple[Exercise, ...]:
        """Easier neighbours on the ladder."""
        return tuple(step.exercise for step in self.steps_down(exercise_id))

    def ladder(self, exercise_id: str) -> tuple[Exercise, ...]:
        """Every exercise connected to this one by ladder edges, easiest first."""
        self[exercise_id]
        seen = {exercise_id}
        todo = [exercise_id]
        while todo:
            current = todo.pop()
            for i, _ in self._up[current] + self._down[current]:
                if i not in seen:
                    seen.add(i)
                    todo.append(i)
        order = self._order
        return tuple(self._by_id[i] for i in sorted(seen, key=lambda i: (self._depth(i), order[i])))

    def _depth(self, exercise_id: str) -> int:
        """Rungs below this one on its longest path down (0 for a bottom rung), memoised."""
        if exercise_id in self._depths:
            return self._depths[exercise_id]
        # Iterative post-order walk down the ladder; a node met again while open is a cycle
        # (only possible for catalogs built in memory) and counts as a bottom rung.
        stack = [(exercise_id, False)]
        open_nodes: set[str] = set()
        while stack:
            node, children_done = stack.pop()
            if node in self._depths:
                continue
            below = [i for i, _ in self._down[node]]
            if children_done:
                open_nodes.discard(node)
                self._depths[node] = max((self._depths.get(i, 0) + 1 for i in below), default=0)
                continue
            open_nodes.add(node)
            stack.append((node, True))
            stack.extend((i, False) for i in below if i not in self._depths and i not in open_nodes)
        return self._depths[exercise_id]

    # -- tables -------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """One row per exercise, for browsing in a notebook (imports pandas on first use)."""
        import pandas as pd

        rows = [
            {
                "id": ex.id,
                "name": ex.name,
                "family": ex.family,
                "phase": ex.phase,
                "position": ex.position,
                "regions": ", ".join(ex.regions),
                "load_level": ex.load_level,
                "dose": str(ex.dose),
                "tempo": str(ex.tempo) if ex.tempo else "",
                "settings": ", ".join(ex.settings),
                "equipment": ", ".join(ex.equipment),
                "flare_up": ex.flare_up,
            }
            for ex in self
        ]
        return pd.DataFrame(rows).set_index("id")


# ---------------------------------------------------------------------------------------
# Loading and validation


def _exercises_path(path: str | os.PathLike[str] | None) -> Path:
    if path is not None and Path(path).suffix in (".yaml", ".yml"):
        return Path(path)
    return data_dir(path) / EXERCISES_FILE


def check_exercise_records(
    records: Any, path: str, *, reference_keys: set[str] | None = None
) -> tuple[list[Exercise], list[DataFileError]]:
    """Validate every record and the ladders between them; return exercises and all problems."""
    problems: list[DataFileError] = []
    if not isinstance(records, list):
        return [], [DataFileError(path, "the file must be a list of exercise records")]
    exercises: list[Exercise] = []
    index_of: dict[str, int] = {}
    for index, record in enumerate(records):
        try:
            ex = exercise_from_record(record, path=path, index=index)
        except DataFileError as err:
            problems.append(err)
            continue
        if ex.id in index_of:
            problems.append(
                DataFileError(
                    path,
                    f"duplicate id (first used by record {index_of[ex.id]})",
                    record=index,
                    record_id=ex.id,
                    field="id",
                )
            )
            continue
        index_of[ex.id] = index
        exercises.append(ex)
        if reference_keys is not None:
            for key in ex.references:
                if key not in reference_keys:
                    problems.append(
                        DataFileError(
                            path,
                            f"unknown reference key {key!r} (see references.yaml)",
                            record=index,
                            record_id=ex.id,
                            field="references",
                        )
                    )
    by_id = {ex.id: ex for ex in exercises}
    for ex in exercises:
        index = index_of[ex.id]
        for field, mirror in (("progressions", "regressions"), ("regressions", "progressions")):
            for i, edge in enumerate(getattr(ex, field)):
                other = by_id.get(edge.to)
                if other is None:
                    if edge.to not in index_of:
                        problems.append(
                            DataFileError(
                                path,
                                f"points to unknown exercise {edge.to!r}",
                                record=index,
                                record_id=ex.id,
                                field=f"{field}[{i}].to",
                            )
                        )
                    continue
                back = {e.to: e.axis for e in getattr(other, mirror)}
                if ex.id not in back:
                    problems.append(
                        DataFileError(
                            path,
                            f"{edge.to!r} does not list {ex.id!r} in its {mirror} (ladders are mirrored)",
                            record=index,
                            record_id=ex.id,
                            field=f"{field}[{i}]",
                        )
                    )
                elif back[ex.id] != edge.axis and field == "progressions":
                    problems.append(
                        DataFileError(
                            path,
                            f"axis {edge.axis!r} differs from {edge.to!r}'s {mirror} axis {back[ex.id]!r}",
                            record=index,
                            record_id=ex.id,
                            field=f"{field}[{i}].axis",
                        )
                    )
    cycle = _find_cycle({ex.id: [e.to for e in ex.progressions if e.to in by_id] for ex in exercises})
    if cycle:
        first = cycle[0]
        problems.append(
            DataFileError(
                path,
                "progressions form a cycle: " + " -> ".join(cycle + [first]),
                record=index_of[first],
                record_id=first,
                field="progressions",
            )
        )
    return exercises, problems


def _find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    for start in graph:
        if colour[start] != white:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph[start]))]
        path = [start]
        colour[start] = grey
        while stack:
            node, children = stack[-1]
            for child in children:
                if colour[child] == grey:
                    return path[path.index(child) :]
                if colour[child] == white:
                    colour[child] = grey
                    path.append(child)
                    stack.append((child, iter(graph[child])))
                    break
            else:
                colour[node] = black
                stack.pop()
                path.pop()
    return None


def reference_keys(folder: Path) -> set[str] | None:
    """Keys of ``references.yaml`` in ``folder`` (``None`` when the file is absent)."""
    path = folder / "references.yaml"
    if not path.is_file():
        return None
    refs = load_yaml(path)
    if isinstance(refs, list):
        return {r["key"] for r in refs if isinstance(r, dict) and isinstance(r.get("key"), str)}
    return None


_CACHE: dict[tuple[str, int], Catalog] = {}


def load_catalog(path: str | os.PathLike[str] | None = None) -> Catalog:
    """Load and validate the catalog (bundled data, ``$COURSEKIT_DATA``, a folder or a file).

    Raises :class:`DataFileError` naming file, record and field; when several records are
    wrong, the message lists every problem.
    """
    file = _exercises_path(path)
    try:
        stamp = file.stat().st_mtime_ns
    except OSError:
        stamp = -1
    key = (str(file.resolve()), stamp)
    if key in _CACHE:
        return _CACHE[key]
    name = display_path(file)
    records = load_yaml(file)
    keys = reference_keys(file.parent)
    with gc_paused():  # thousands of small frozen models: no cycles for the collector to find
        exercises, problems = check_exercise_records(records, name, reference_keys=keys)
        if problems:
            raise DataErrors(problems)
        catalog = Catalog(exercises, source=name)
    _CACHE[key] = catalog
    return catalog

"""Tempo: how long each part of a repetition takes, and time under tension.

A tempo is written eccentric – pause at the bottom – concentric – pause at the top, in
seconds (``3-1-2-0``); ``X`` means explosive. Coaches disagree about the order, so the kit
stores named fields and always prints a legend with them (CONTENT.md: ``tempo``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coursekit.errors import InvalidModel

__all__ = [
    "EXPLOSIVE_S",
    "MAX_PART_S",
    "LEGEND",
    "Tempo",
    "hold_time_under_tension",
]

#: Seconds an explosive (``X``) part counts for unless a caller says otherwise.
EXPLOSIVE_S = 1.0
#: The longest part the kit accepts, in seconds: slower than this is a hold, not a tempo.
MAX_PART_S = 10

_FIELDS = ("eccentric", "bottom", "concentric", "top")
_PART = re.compile(r"^(?:[0-9]+|[xX])$")
LEGEND = "eccentric (lowering) - pause at the bottom - concentric (lifting) - pause at the top, in seconds; X = explosive"


@dataclass(frozen=True, slots=True, kw_only=True)
class Tempo:
    """A repetition's tempo in seconds per part; ``None`` in a part means explosive (X)."""

    eccentric: int | None
    bottom: int | None
    concentric: int | None
    top: int | None

    def __post_init__(self) -> None:
        for name in _FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidModel(f"Tempo.{name} must be a whole number of seconds or X, got {value!r}")
            if not 0 <= value <= MAX_PART_S:
                raise InvalidModel(f"Tempo.{name} must be between 0 and {MAX_PART_S} s, got {value}")

    @classmethod
    def parse(cls, text: str) -> Tempo:
        """Read ``"3-1-2-0"`` (or ``"3-1-X-0"``): four parts, seconds or X, joined by dashes."""
        expected = "expected four parts like '3-1-2-0' (eccentric-bottom-concentric-top, whole seconds or X)"
        if isinstance(text, Tempo):
            return text
        if not isinstance(text, str):
            raise InvalidModel(f"tempo must be text, {expected}; got {text!r}")
        parts = text.strip().split("-")
        if len(parts) != 4:
            raise InvalidModel(f"tempo {text!r}: {expected}")
        values: list[int | None] = []
        for name, part in zip(_FIELDS, parts, strict=True):
            part = part.strip()
            if not _PART.match(part):
                raise InvalidModel(
                    f"tempo {text!r}: {name} part {part!r} is not a whole number of seconds or X; {expected}"
                )
            values.append(None if part in "xX" else int(part))
        try:
            return cls(**dict(zip(_FIELDS, values, strict=True)))
        except InvalidModel as err:
            raise InvalidModel(f"tempo {text!r}: {err}") from None

    @property
    def parts(self) -> tuple[int | None, int | None, int | None, int | None]:
        return (self.eccentric, self.bottom, self.concentric, self.top)

    @property
    def is_explosive(self) -> bool:
        return any(p is None for p in self.parts)

    def seconds(self, *, explosive_s: float = EXPLOSIVE_S) -> float:
        """Seconds one repetition takes, counting each X as ``explosive_s``."""
        return float(sum(explosive_s if p is None else p for p in self.parts))

    @property
    def rep_seconds(self) -> float:
        """Seconds one repetition takes (X counts :data:`EXPLOSIVE_S`)."""
        return self.seconds()

    def time_under_tension(
        self, reps: int, *, sets: int = 1, per_side: bool = False, explosive_s: float = EXPLOSIVE_S
    ) -> float:
        """Seconds under tension for ``sets`` × ``reps`` (doubled when done per side)."""
        if reps < 0 or sets < 0:
            raise InvalidModel(f"reps and sets must not be negative, got reps={reps}, sets={sets}")
        return self.seconds(explosive_s=explosive_s) * reps * sets * (2 if per_side else 1)

    def with_part(self, name: str, value: int | None) -> Tempo:
        """A copy with one part changed (``name`` is eccentric, bottom, concentric or top)."""
        if name not in _FIELDS:
            raise InvalidModel(f"Tempo has no part {name!r}; parts are {', '.join(_FIELDS)}")
        values = dict(zip(_FIELDS, self.parts, strict=True))
        values[name] = value
        return Tempo(**values)

    def __str__(self) -> str:
        return "-".join("X" if p is None else str(p) for p in self.parts)

    def __repr__(self) -> str:
        return f"Tempo('{self}')"

    def describe(self) -> str:
        """The tempo with its legend, e.g. for a handout or a printed cell."""
        return f"{self} ({LEGEND})"

    def explain(self) -> str:
        """One line naming each part: '3 s lowering, 1 s pause at the bottom, ...'."""
        words = ("lowering", "pause at the bottom", "lifting", "pause at the top")
        out = []
        for word, p in zip(words, self.parts, strict=True):
            out.append(f"explosive {word}" if p is None else f"{p} s {word}")
        return ", ".join(out)


def hold_time_under_tension(hold_s: float, *, sets: int = 1, per_side: bool = False) -> float:
    """Seconds under tension for held positions: hold × sets (× 2 when done per side)."""
    if hold_s < 0 or sets < 0:
        raise InvalidModel(f"hold and sets must not be negative, got hold_s={hold_s}, sets={sets}")
    return float(hold_s) * sets * (2 if per_side else 1)

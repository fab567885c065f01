"""Breath with movement: pace one breath to each repetition of a tempo.

The plan follows one simple rule: inhale while lowering (and in the pause at the top),
exhale through the pause at the bottom and the lifting, so the breath flows out through
the effort instead of being held to brace. One breath per repetition, so a set of 8 reps
is 8 breaths and a breath lasts as long as one rep.

Whether a breath is comfortably slow uses a teaching heuristic, not a tested cut-off: a
breath cycle of 4 to 10 s (6 to 15 breaths a minute) is easy to sustain while moving.
Explosive (``X``) parts count :data:`coursekit.content.tempo.EXPLOSIVE_S` seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from coursekit.content.tempo import EXPLOSIVE_S, Tempo
from coursekit.errors import InvalidModel

#: Shortest and longest breath cycle (s) the course calls comfortably slow (a teaching heuristic).
COMFORT_MIN_S = 4.0
COMFORT_MAX_S = 10.0
#: Reps a pacer accepts in one set (the routine item bounds).
MIN_REPS = 1
MAX_REPS = 50
PACES = ("too fast", "comfortably slow", "too long for one breath")
BREATHS = ("inhale", "exhale")
#: Which breath goes with each tempo part: inhale on the way down, exhale through the effort.
PART_BREATH = {"eccentric": "inhale", "bottom": "exhale", "concentric": "exhale", "top": "inhale"}
PART_WORDS = {
    "eccentric": "lowering",
    "bottom": "pause at the bottom",
    "concentric": "lifting",
    "top": "pause at the top",
}
_PARTS = ("eccentric", "bottom", "concentric", "top")
_CUE = {
    "top": "in the pause at the top",
    "eccentric": "while lowering",
    "bottom": "through the pause at the bottom",
    "concentric": "through the lifting",
}
HEURISTIC = f"teaching heuristic: a breath cycle of {COMFORT_MIN_S:g}-{COMFORT_MAX_S:g} s is comfortably slow"


def _s(value: float) -> str:
    return f"{value:g} s"


@dataclass(frozen=True, slots=True, kw_only=True)
class BreathPhase:
    """One stretch of the set: which rep, which tempo part, and whether to inhale or exhale."""

    rep: int  # 1-based
    part: str  # eccentric | bottom | concentric | top
    breath: str  # inhale | exhale
    start_s: float
    end_s: float

    @property
    def seconds(self) -> float:
        return self.end_s - self.start_s

    def __str__(self) -> str:
        return f"rep {self.rep}: {self.breath} {self.start_s:g}-{self.end_s:g} s ({PART_WORDS[self.part]})"


@dataclass(frozen=True, slots=True, kw_only=True)
class BreathPlan:
    """How to breathe through one set of ``reps`` at ``tempo``: one breath per rep."""

    tempo: Tempo
    reps: int
    inhale_s: float
    exhale_s: float
    phases: tuple[BreathPhase, ...]

    @property
    def cycle_s(self) -> float:
        """Seconds one breath takes (in and out): the length of one rep."""
        return self.inhale_s + self.exhale_s

    @property
    def breaths(self) -> int:
        """Breaths in the set: one per rep."""
        return self.reps

    @property
    def set_s(self) -> float:
        """Seconds of the set under tension: reps × seconds per rep."""
        return self.cycle_s * self.reps

    @property
    def breaths_per_minute(self) -> float:
        return 60.0 / self.cycle_s

    @property
    def pace(self) -> str:
        """``too fast`` (< 4 s), ``comfortably slow`` (4-10 s) or ``too long for one breath``."""
        if self.cycle_s < COMFORT_MIN_S:
            return "too fast"
        if self.cycle_s > COMFORT_MAX_S:
            return "too long for one breath"
        return "comfortably slow"

    @property
    def comfortable(self) -> bool:
        return self.pace == "comfortably slow"

    def rep_cue(self) -> str:
        """What to do in every rep, in words: 'inhale 3 s while lowering; exhale 3 s through ...'."""
        parts = dict(zip(_PARTS, _seconds(self.tempo), strict=True))
        inhale = [_CUE[p] for p in ("top", "eccentric") if parts[p] > 0]
        exhale = [_CUE[p] for p in ("bottom", "concentric") if parts[p] > 0]
        cue_in = f"inhale {_s(self.inhale_s)} " + " and ".join(inhale) if inhale else "no time to inhale"
        cue_out = f"exhale {_s(self.exhale_s)} " + " and ".join(exhale) if exhale else "no time to exhale"
        return f"{cue_in}; {cue_out}".replace(" and through ", " and ")

    def advice(self) -> str:
        """One sentence on the pace, and what to change if it is not comfortable."""
        if self.inhale_s == 0 or self.exhale_s == 0:
            return (
                "One half of the breath gets no time, which invites holding the breath: "
                "give both the lowering and the lifting at least a second or two."
            )
        if self.pace == "too fast":
            return (
                "Faster than a comfortable breath: slow the tempo (for example 3-1-2-0) "
                "or let one easy breath span two reps. In easy work keep breathing; a brief brace "
                "over one rep belongs to heavier loaded lifts only."
            )
        if self.pace == "too long for one breath":
            return (
                "Longer than one easy breath: take an extra relaxed breath in a pause "
                "rather than holding it, or shorten a part of the tempo."
            )
        return "A calm, sustainable pace: keep the exhale flowing through the effort."

    def rep_lines(self) -> list[str]:
        """One line per rep with the start and end time of its inhale and exhale."""
        lines = []
        for rep in range(1, self.reps + 1):
            mine = [p for p in self.phases if p.rep == rep]
            bits = [f"{p.breath} {p.start_s:g}-{p.end_s:g} s" for p in _merged(mine)]
            lines.append(f"rep {rep}: " + ", ".join(bits))
        return lines

    def __str__(self) -> str:
        return "\n".join(
            [
                f"Breath plan: {self.reps} reps at tempo {self.tempo} ({self.set_s:g} s under tension)",
                f"Each rep: {self.rep_cue()}.",
                f"Breaths per set: {self.breaths} (one per rep), {_s(self.cycle_s)} per breath, "
                f"{self.breaths_per_minute:.1f} breaths a minute.",
                f"Pace: {self.pace} ({HEURISTIC}).",
                self.advice(),
            ]
        )

    def __repr__(self) -> str:
        return f"BreathPlan('{self.tempo}', {self.reps} reps, {_s(self.cycle_s)} per breath, {self.pace})"


def _seconds(tempo: Tempo) -> tuple[float, ...]:
    return tuple(EXPLOSIVE_S if p is None else float(p) for p in tempo.parts)


def _merged(phases: list[BreathPhase]) -> list[BreathPhase]:
    """Join neighbouring phases with the same breath (the pause and the lifting are one exhale)."""
    out: list[BreathPhase] = []
    for p in phases:
        if out and out[-1].breath == p.breath and out[-1].end_s == p.start_s:
            last = out[-1]
            out[-1] = BreathPhase(
                rep=last.rep, part=last.part, breath=last.breath, start_s=last.start_s, end_s=p.end_s
            )
        else:
            out.append(p)
    return out


def check_reps(reps: object) -> int:
    """``reps`` if it is a whole number of reps in 1-50, else InvalidModel."""
    if isinstance(reps, bool) or not isinstance(reps, int):
        raise InvalidModel(f"reps must be a whole number from {MIN_REPS} to {MAX_REPS}, got {reps!r}")
    if not MIN_REPS <= reps <= MAX_REPS:
        raise InvalidModel(f"reps must be between {MIN_REPS} and {MAX_REPS}, got {reps}")
    return reps


def breath_plan(tempo: Tempo | str, reps: int) -> BreathPlan:
    """Pace one breath to each rep: inhale on the lowering, exhale through the effort.

    ``tempo`` is a :class:`Tempo` or text like ``"3-1-2-0"``; a tempo whose rep takes 0 s
    leaves no time to breathe and raises InvalidModel.
    """
    tempo = Tempo.parse(tempo)
    check_reps(reps)
    seconds = _seconds(tempo)
    rep_s = sum(seconds)
    if rep_s <= 0:
        raise InvalidModel(
            f"tempo {tempo} gives a rep of 0 s, which leaves no time to breathe; "
            "give each part some seconds, for example 3-1-2-0"
        )
    phases = []
    t = 0.0
    for rep in range(1, reps + 1):
        for part, s in zip(_PARTS, seconds, strict=True):
            if s > 0:
                phases.append(
                    BreathPhase(rep=rep, part=part, breath=PART_BREATH[part], start_s=t, end_s=t + s)
                )
                t += s
    parts = dict(zip(_PARTS, seconds, strict=True))
    inhale = parts["eccentric"] + parts["top"]
    exhale = parts["bottom"] + parts["concentric"]
    return BreathPlan(tempo=tempo, reps=reps, inhale_s=inhale, exhale_s=exhale, phases=tuple(phases))

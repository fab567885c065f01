"""Shared pieces of the benchmarks: interleaved timing, checks against budgets, reporting.

The machine the benchmarks run on is shared and noisy, so no result is an absolute time
compared with a fixed threshold. Compared variants run side by side: in each round every
variant runs once, in a rotated order, and a result is the ratio of medians (or the median
of per-round ratios). The two absolute budgets of the product owner (builder edit in ms)
are reported together with a ratio against a reference operation timed in the same rounds,
so that a slow machine shows up as a slow reference rather than as a slow kit.
"""

from __future__ import annotations

import gc
import math
import os
import statistics
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

#: Every 10x growth of the input may cost at most this many times the time.
SCALING_BUDGET_10X = 12.0


@dataclass
class Check:
    """One measured value next to its budget."""

    name: str
    value: float
    budget: float
    unit: str  # "x" (a ratio), "ms", "exp" (a scaling exponent), ...
    ok: bool
    detail: str = ""
    kind: str = "ratio"  # "ratio" (noise-proof) or "absolute" (product-owner budget in ms)

    @property
    def verdict(self) -> str:
        return "PASS" if self.ok else "FAIL"


def check_at_most(
    name: str, value: float, budget: float, unit: str = "x", *, detail: str = "", kind: str = "ratio"
) -> Check:
    return Check(
        name=name, value=value, budget=budget, unit=unit, ok=bool(value <= budget), detail=detail, kind=kind
    )


@dataclass
class GroupResult:
    """What one group returns: its checks, its raw measurements and notes."""

    group: str
    status: str = "ok"  # ok | skipped | error
    checks: list[Check] = field(default_factory=list)
    measurements: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "status": self.status,
            "seconds": round(self.seconds, 2),
            "checks": [dict(asdict(c), verdict=c.verdict) for c in self.checks],
            "measurements": self.measurements,
            "notes": self.notes,
        }


def median(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.median(values) if values else math.nan


def spread(values: Sequence[float]) -> str:
    """``min–max`` of a sample, for the reader to judge the noise."""
    if not values:
        return "-"
    return f"{min(values):.3g}–{max(values):.3g}"


def time_call(fn: Callable[[], Any], *, loops: int = 1, gc_off: bool = True) -> float:
    """Seconds per call of ``fn`` (``loops`` calls in a row).

    The garbage collector is paused by default (less noise in micro-timings); the scaling
    group keeps it running, because its cost grows with the number of live objects and is
    part of what a bigger input costs.
    """
    gc_was = gc.isenabled()
    gc.collect()
    if gc_off:
        gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        return (time.perf_counter() - start) / loops
    finally:
        if gc_was:
            gc.enable()


def loops_for(fn: Callable[[], Any], target_s: float = 0.02, max_loops: int = 10_000) -> int:
    """How many calls in a row make one sample last about ``target_s`` (at least 1)."""
    t = time_call(fn)
    if t <= 0:
        return max_loops
    return max(1, min(max_loops, int(target_s / t)))


def interleave(
    variants: Mapping[str, Callable[[], Any]],
    *,
    rounds: int,
    loops: Mapping[str, int] | None = None,
    warmup: bool = True,
) -> dict[str, list[float]]:
    """Seconds per call of each variant, one sample per round; variants rotate within a round.

    Rotating the order means that no variant always runs right after the same other one
    (a variant that leaves caches cold or memory fragmented would otherwise bias its
    successor), and that a burst of load from another user hits every variant alike.
    """
    names = list(variants)
    if warmup:
        for name in names:
            variants[name]()
    loops = dict(loops or {})
    samples: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            samples[name].append(time_call(variants[name], loops=loops.get(name, 1)))
    return samples


def ratio_of_medians(samples: Mapping[str, Sequence[float]], num: str, den: str) -> float:
    return median(samples[num]) / median(samples[den])


def per_round_ratios(samples: Mapping[str, Sequence[float]], num: str, den: str) -> list[float]:
    return [a / b for a, b in zip(samples[num], samples[den], strict=True) if b > 0]


def scaling_exponent(ratio: float, step: float) -> float:
    """k in time ∝ n^k from the cost ratio of one step (n -> step·n)."""
    return math.log(ratio) / math.log(step) if ratio > 0 else math.nan


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


# ---------------------------------------------------------------------------------------
# Printing


def fmt_value(value: float, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if unit == "x":
        return f"{value:.2f}×"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "exp":
        return f"n^{value:.2f}"
    return f"{value:.3g} {unit}"


def checks_table(results: Sequence[GroupResult]) -> str:
    """The Markdown table of every check: group, check, measured, budget, PASS/FAIL."""
    lines = ["| group | check | measured | budget | result |", "|---|---|---:|---:|:---:|"]
    for res in results:
        if res.status != "ok" and not res.checks:
            lines.append(
                f"| {res.group} | ({res.status}) {'; '.join(res.notes)[:120]} | | | {res.status.upper()} |"
            )
        for c in res.checks:
            budget = fmt_value(c.budget, c.unit)
            lines.append(
                f"| {res.group} | {c.name} | {fmt_value(c.value, c.unit)} | ≤ {budget} | "
                f"{'PASS' if c.ok else '**FAIL**'} |"
            )
    return "\n".join(lines)


def measurement_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    head = "| " + " | ".join(columns) + " |"
    sep = "|" + "|".join("---" for _ in columns) + "|"
    body = []
    for row in rows:
        cells = []
        for col in columns:
            v = row.get(col, "")
            if isinstance(v, float):
                v = f"{v:.4g}"
            cells.append(str(v))
        body.append("| " + " | ".join(cells) + " |")
    return "\n".join([head, sep, *body])

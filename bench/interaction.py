"""Group "interaction": what a learner waits for after a click.

* Routine builder edit (``RoutineBuilder.set_dose``: new routine -> duration -> critique ->
  re-render) for 5, 20 and 50 items, with the timeline figure off (``figure=False``) and on
  (``figure=True``). Budgets from the product owner (absolute, medians): at 20 items
  <= 20 ms without the figure and <= 150 ms with it. Each is also given as a ratio to a
  reference operation timed in the same rounds (``json.dumps`` of the 20-item routine dict,
  1000 times), so a slow or busy machine shows as a slow reference.
* The parts of an edit, timed on their own: the core path (``Routine.with_dose`` ->
  ``duration_s`` -> ``critique``) and the timeline (``plots.routine_timeline`` on a
  ``matplotlib.figure.Figure``, then the PNG the builder embeds).
* ``quiz.mark`` per question type and ``pain.next_step`` (microseconds; no budget).

A cProfile of the 20-item edit (with and without the figure) is stored with the results so
a failing budget comes with where the time went.
"""

from __future__ import annotations

import cProfile
import gc
import io
import json
import pstats
from typing import Any

from bench.common import GroupResult, check_at_most, interleave, loops_for, median, spread

GROUP = "interaction"
SIZES = (5, 20, 50)
QUICK_SIZES = (4,)
BUDGET_MS = {"edit, no figure": 20.0, "edit, with figure": 150.0}
BUDGET_SIZE = 20
REF_LOOPS = 1000


def build_routine(catalog: Any, n: int) -> Any:
    """A valid routine of ``n`` items: breathing first, then the catalog in order (cycled)."""
    from coursekit.engine.routines import Routine

    exercises = list(catalog)
    breathing = [ex for ex in exercises if ex.family == "breathing"]
    others = [ex for ex in exercises if ex.family != "breathing"]
    chosen = (breathing[:1] + others) * (n // len(exercises) + 1)
    routine = Routine.empty(f"Bench {n}", "custom", "A")
    for ex in chosen[:n]:
        routine = routine.add(ex)
    return routine


def _builder_available() -> tuple[bool, str]:
    try:
        from coursekit.widgets.builder import RoutineBuilder  # noqa: F401
    except Exception as err:  # in progress: fall back to the core path
        return (
            False,
            f"RoutineBuilder unavailable ({type(err).__name__}: {err}); measured the core path instead",
        )
    return True, ""


def _timeline_png(routine: Any, catalog: Any) -> bytes:
    """What the builder draws on each edit: the timeline as a PNG (same size and dpi)."""
    from matplotlib.figure import Figure

    from coursekit.plots.timeline import routine_timeline

    n = len(routine.items)
    fig = Figure(figsize=(7.0, 1.6 + 0.32 * max(n, 2)), layout="constrained")
    routine_timeline(routine, catalog, ax=fig.subplots(), title=routine.name)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    return buffer.getvalue()


def _timeline_draw_only(routine: Any, catalog: Any) -> Any:
    from matplotlib.figure import Figure

    from coursekit.plots.timeline import routine_timeline

    n = len(routine.items)
    fig = Figure(figsize=(7.0, 1.6 + 0.32 * max(n, 2)), layout="constrained")
    return routine_timeline(routine, catalog, ax=fig.subplots(), title=routine.name)


class _Editor:
    """Alternates an item's sets between two values so that every edit changes the routine."""

    def __init__(self, routine: Any, index: int) -> None:
        self.index = index
        current = routine.items[index].sets
        self.values = (current, current + 1 if current < 10 else current - 1)
        self.n = 0

    def next_sets(self) -> int:
        self.n += 1
        return self.values[self.n % 2]


def _builder_edit(builder: Any, editor: _Editor) -> Any:
    def edit() -> None:
        builder.set_dose(editor.index, sets=editor.next_sets())
        if builder.message.text:  # the builder turns errors into a message: never time an error
            raise RuntimeError(f"builder edit failed: {builder.message.text}")

    return edit


def _core_edit(routine: Any, catalog: Any, editor: _Editor) -> Any:
    from coursekit.engine.critique import critique

    def edit() -> None:
        r = routine.with_dose(editor.index, sets=editor.next_sets())
        r.duration_s(catalog)
        critique(r, catalog)

    return edit


def _profile(fn: Any, calls: int, top: int = 14) -> list[dict[str, Any]]:
    prof = cProfile.Profile()
    gc.collect()
    gc.disable()  # a collection would be charged to whichever function happened to allocate
    try:
        prof.enable()
        for _ in range(calls):
            fn()
        prof.disable()
    finally:
        gc.enable()
    stats = pstats.Stats(prof)
    rows = []
    for (file, line, func), (cc, nc, tt, ct, callers) in stats.stats.items():  # noqa: B007
        rows.append(
            {
                "function": f"{file.split('site-packages/')[-1].split('/src/')[-1]}:{line}({func})",
                "calls_per_edit": round(nc / calls, 1),
                "tottime_ms_per_edit": round(tt / calls * 1000, 3),
                "cumtime_ms_per_edit": round(ct / calls * 1000, 3),
            }
        )
    return sorted(rows, key=lambda r: -r["tottime_ms_per_edit"])[:top]


def _quiz_cases() -> dict[str, tuple[Any, Any]]:
    """One question per answer kind (single, multiple, case, numeric, order) with a right answer."""
    from coursekit.quiz import list_banks, load_bank

    cases: dict[str, tuple[Any, Any]] = {}
    for notebook in list_banks():
        for q in load_bank(notebook):
            label = q.type if q.type != "case" else f"case ({q.kind})"
            if label in cases:
                continue
            if q.kind == "single":
                answer = next(o.id for o in q.options if o.correct)
            elif q.kind == "multiple":
                answer = [o.id for o in q.options if o.correct]
            elif q.kind == "numeric":
                answer = q.answer
            else:
                answer = list(q.solution)
            cases[label] = (q, answer)
    return cases


def run(*, quick: bool = False, rounds: int | None = None) -> GroupResult:
    import matplotlib

    matplotlib.use("Agg")
    from coursekit.content.catalog import load_catalog
    from coursekit.engine.pain import next_step
    from coursekit.quiz import mark

    res = GroupResult(GROUP)
    catalog = load_catalog()
    sizes = QUICK_SIZES if quick else SIZES
    budget_size = sizes[-1] if quick else BUDGET_SIZE
    n_rounds = rounds or (2 if quick else 11)
    routines = {n: build_routine(catalog, n) for n in sizes}
    ref_dict = routines[budget_size].to_dict()

    def reference() -> None:
        for _ in range(REF_LOOPS):
            json.dumps(ref_dict)

    have_builder, why = _builder_available()
    if not have_builder:
        res.notes.append(why)
    variants: dict[str, Any] = {"reference: json.dumps ×1000": reference}
    builders = {}
    for n in sizes:
        index = n // 2
        if have_builder:
            from coursekit.widgets.builder import RoutineBuilder

            for fig in (False, True):
                b = RoutineBuilder(catalog, routines[n], journal=None, figure=fig)
                builders[(n, fig)] = b
                label = "edit, with figure" if fig else "edit, no figure"
                variants[f"{label} @{n}"] = _builder_edit(b, _Editor(routines[n], index))
        variants[f"core: with_dose+duration+critique @{n}"] = _core_edit(
            routines[n], catalog, _Editor(routines[n], index)
        )
        if n == budget_size or not have_builder:  # the parts of an edit, at the budget size
            variants[f"timeline: draw @{n}"] = lambda r=routines[n]: _timeline_draw_only(r, catalog)
            variants[f"timeline: draw+PNG @{n}"] = lambda r=routines[n]: _timeline_png(r, catalog)
        if not have_builder:
            core, png = (
                variants[f"core: with_dose+duration+critique @{n}"],
                variants[f"timeline: draw+PNG @{n}"],
            )
            variants[f"edit, no figure @{n}"] = core
            variants[f"edit, with figure @{n}"] = lambda c=core, p=png: (c(), p())
    samples = interleave(variants, rounds=n_rounds)
    ref_ms = median(samples["reference: json.dumps ×1000"]) * 1000
    for name, values in samples.items():
        ms = [v * 1000 for v in values]
        res.measurements.append(
            {
                "name": name,
                "median_ms": round(median(ms), 3),
                "spread_ms": spread(ms),
                "vs_reference": round(median(ms) / ref_ms, 3),
                "samples": len(ms),
            }
        )
    for label, budget in BUDGET_MS.items():
        key = f"{label} @{budget_size}"
        ms = median(samples[key]) * 1000
        per_round = [a / b for a, b in zip(samples[key], samples["reference: json.dumps ×1000"], strict=True)]
        res.checks.append(
            check_at_most(
                f"builder {label}, {budget_size} items (median ms)",
                ms,
                budget,
                "ms",
                kind="absolute",
                detail=(
                    f"= {ms / ref_ms:.2f}× the reference (json.dumps of the routine ×1000 = {ref_ms:.1f} ms); "
                    f"per-round ratio {spread(per_round)}; spread {spread([v * 1000 for v in samples[key]])} ms"
                ),
            )
        )

    # where the time goes (20 items, or the largest quick size)
    if have_builder:
        for fig in (False, True):
            b = builders[(budget_size, fig)]
            edit = _builder_edit(b, _Editor(b.routine, budget_size // 2))
            res.measurements.append(
                {
                    "name": f"profile: builder edit @{budget_size}, figure={fig}",
                    "top_tottime": _profile(edit, 1 if quick else (10 if fig else 50)),
                }
            )

    # quiz marking and pain monitoring
    cases = _quiz_cases()
    quiz_variants = {
        f"quiz.mark {label}": (lambda q=q, a=a: mark(q, a)) for label, (q, a) in sorted(cases.items())
    }
    pain_variants = {
        "pain.next_step progress": lambda: next_step(during=3, next_morning=2, baseline=2, clean=True),
        "pain.next_step repeat": lambda: next_step(during=4, next_morning=2, baseline=2, clean=False),
        "pain.next_step regress": lambda: next_step(during=7, next_morning=5, baseline=2, clean=True),
    }
    small = {**quiz_variants, **pain_variants, "reference: json.dumps ×1000": reference}
    loops = {name: loops_for(fn, 0.005 if quick else 0.02) for name, fn in small.items()}
    loops["reference: json.dumps ×1000"] = 1
    small_samples = interleave(small, rounds=2 if quick else 9, loops=loops)
    ref_small = median(small_samples["reference: json.dumps ×1000"]) * 1000
    for name, values in small_samples.items():
        if name.startswith("reference"):
            continue
        us = [v * 1e6 for v in values]
        res.measurements.append(
            {
                "name": name,
                "median_us": round(median(us), 2),
                "spread_us": spread(us),
                "vs_reference": round(median(us) / 1000 / ref_small, 5),
                "loops": loops[name],
            }
        )
    for b in builders.values():
        b.close()
    return res


def details(res: GroupResult) -> str:
    rows = [m for m in res.measurements if "median_ms" in m]
    lines = ["| operation | median ms | spread ms | × reference |", "|---|---:|---:|---:|"]
    lines += [
        f"| {m['name']} | {m['median_ms']:.2f} | {m['spread_ms']} | {m['vs_reference']:.2f} |" for m in rows
    ]
    small = [m for m in res.measurements if "median_us" in m]
    if small:
        lines += ["", "| operation | median µs per call | spread µs |", "|---|---:|---:|"]
        lines += [f"| {m['name']} | {m['median_us']:.1f} | {m['spread_us']} |" for m in small]
    for m in res.measurements:
        if m["name"].startswith("profile:"):
            lines += [
                "",
                f"{m['name']} (top functions by own time, ms per edit):",
                "",
                "| function | calls/edit | own ms | cumulative ms |",
                "|---|---:|---:|---:|",
            ]
            lines += [
                f"| `{r['function']}` | {r['calls_per_edit']} | {r['tottime_ms_per_edit']} | "
                f"{r['cumtime_ms_per_edit']} |"
                for r in m["top_tottime"][:8]
            ]
    return "\n".join(lines)

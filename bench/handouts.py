"""Group "handouts": time per routine card and per principle sheet, HTML and PDF.

Measured when ``coursekit.handouts.cards`` exists (it was still being written when the benchmarks
were): ``routine_card_html`` and ``routine_card_pdf`` for every example routine that gets a
card (plus a 20-item routine, the longest the builder budget speaks of), the timeline PNG
both of them embed (``timeline_png``), and ``principle_sheet_html`` / ``principle_sheet_pdf``
for every third notebook (5 sheets). Variants are interleaved; each is also given as a ratio to the reference
operation (``json.dumps`` of a 20-item routine, 1000 times). No budget: reported for tracking.
"""

from __future__ import annotations

import json
from typing import Any

from bench.common import GroupResult, interleave, median, spread

GROUP = "handouts"


def run(*, quick: bool = False, rounds: int | None = None) -> GroupResult:
    import matplotlib

    matplotlib.use("Agg")
    res = GroupResult(GROUP)
    try:
        from coursekit.handouts import cards as h
    except ImportError as err:
        res.status = "skipped"
        res.notes.append(f"coursekit.handouts.cards does not exist yet ({err}); nothing measured")
        return res
    missing = [
        name
        for name in (
            "routine_card_html",
            "routine_card_pdf",
            "principle_sheet_html",
            "principle_sheet_pdf",
            "timeline_png",
        )
        if not hasattr(h, name)
    ]
    if missing:
        res.status = "skipped"
        res.notes.append(
            f"coursekit.handouts.cards lacks {', '.join(missing)} (in progress?); nothing measured"
        )
        return res

    from bench.interaction import build_routine
    from coursekit.content.catalog import load_catalog
    from coursekit.content.syllabus import load_principles, load_references
    from coursekit.engine.routines import load_example_routines

    catalog = load_catalog()
    routines = {
        stem: r for stem, r in load_example_routines(catalog).items() if not stem.startswith("mistake")
    }
    if quick:
        routines = dict(list(routines.items())[:1])
    else:
        routines["20 items"] = build_routine(catalog, 20)
    principles = load_principles()
    principles = principles[:1] if quick else principles[::3]  # every third notebook: 5 sheets
    refs = load_references()
    ref_dict = build_routine(catalog, 20).to_dict()

    variants: dict[str, Any] = {
        "reference: json.dumps ×1000": lambda: [json.dumps(ref_dict) for _ in range(1000)]
    }
    for stem, r in routines.items():
        variants[f"routine card HTML: {stem}"] = lambda r=r: h.routine_card_html(r, catalog)
        variants[f"routine card PDF: {stem}"] = lambda r=r: h.routine_card_pdf(r, catalog)
        variants[f"timeline PNG (inside each card): {stem}"] = lambda r=r: h.timeline_png(r, catalog)
    for p in principles:
        variants[f"principle sheet HTML: {p.notebook}"] = lambda p=p: h.principle_sheet_html(p, refs)
        variants[f"principle sheet PDF: {p.notebook}"] = lambda p=p: h.principle_sheet_pdf(p, refs)
    skipped = {}
    for name in list(variants):  # a routine that cannot make a one-page card is reported, not timed
        try:
            variants[name]()
        except Exception as err:  # noqa: BLE001 - reported as a note
            skipped[name] = f"{type(err).__name__}: {err}"
            del variants[name]
    for name, why in skipped.items():
        res.notes.append(f"{name}: not measured ({why})")
    samples = interleave(variants, rounds=rounds or (1 if quick else 3), warmup=False)
    ref_ms = median(samples.pop("reference: json.dumps ×1000")) * 1000
    for name, values in samples.items():
        ms = [v * 1000 for v in values]
        res.measurements.append(
            {
                "name": name,
                "median_ms": round(median(ms), 2),
                "spread_ms": spread(ms),
                "vs_reference": round(median(ms) / ref_ms, 2),
            }
        )
    # one line per kind: the median over items of the per-item medians
    for kind in (
        "routine card HTML",
        "routine card PDF",
        "timeline PNG (inside each card)",
        "principle sheet HTML",
        "principle sheet PDF",
    ):
        per_item = [m["median_ms"] for m in res.measurements if m["name"].startswith(kind + ":")]
        if per_item:
            res.measurements.append(
                {
                    "name": f"per {kind} (median over items)",
                    "median_ms": round(median(per_item), 2),
                    "spread_ms": spread(per_item),
                    "vs_reference": round(median(per_item) / ref_ms, 2),
                    "summary": True,
                }
            )
    res.notes.append(f"reference operation: {ref_ms:.1f} ms")
    return res


def details(res: GroupResult) -> str:
    rows = sorted(res.measurements, key=lambda m: (not m.get("summary"), m["name"]))
    lines = ["| handout | median ms | spread ms | × reference |", "|---|---:|---:|---:|"]
    lines += [
        f"| {'**' + m['name'] + '**' if m.get('summary') else m['name']} | {m['median_ms']:.1f} | "
        f"{m['spread_ms']} | {m['vs_reference']:.1f} |"
        for m in rows
    ]
    return "\n".join(lines)

"""Run the coursekit benchmarks and report each result next to its budget.

    python bench/run.py                          # every group (about 10 minutes)
    python bench/run.py --only import,scaling    # some groups
    python bench/run.py --quick                  # every group at a tiny size (smoke test)

Results go to ``bench/results.json`` and ``bench/results.md`` (``--out DIR`` elsewhere).
The exit code is 0 even when a budget fails: this is a report; FAIL is printed clearly.
See bench/README.md for what is measured and why every result is a ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/run.py` puts bench/ on the path, not the repository
    sys.path.insert(0, str(ROOT))

from bench import course, handouts, imports, interaction, scaling  # noqa: E402
from bench.common import GroupResult, checks_table, load_average  # noqa: E402

#: Group name -> module (each has ``run(quick=..., rounds=...) -> GroupResult`` and ``details``).
GROUPS: dict[str, Any] = {
    "course": course,
    "import": imports,
    "interaction": interaction,
    "scaling": scaling,
    "handouts": handouts,
}
#: The order a full run uses: quick groups first, so a FAIL there shows before the long one.
ORDER = ("import", "interaction", "scaling", "handouts", "course")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--only",
        default="",
        metavar="GROUPS",
        help=f"comma-separated groups to run (default: all of {', '.join(ORDER)})",
    )
    parser.add_argument(
        "--quick", action="store_true", help="every group at a tiny size (for the smoke test)"
    )
    parser.add_argument(
        "--rounds", type=int, default=None, help="override the number of interleaved rounds of every group"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="folder for results.json and results.md (default: bench/)",
    )
    args = parser.parse_args(argv)
    wanted = [g.strip() for g in args.only.split(",") if g.strip()] or list(ORDER)
    unknown = [g for g in wanted if g not in GROUPS]
    if unknown:
        parser.error(f"unknown group {unknown[0]!r}; the groups are {', '.join(ORDER)}")
    args.groups = [g for g in ORDER if g in wanted]
    return args


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src", "notebooks", "data"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        )
        return out.stdout.strip() + ("+uncommitted" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def run_group(name: str, *, quick: bool, rounds: int | None, log: Callable[[str], None]) -> GroupResult:
    log(f"== {name} ...")
    start = time.perf_counter()
    try:
        res = GROUPS[name].run(quick=quick, rounds=rounds)
    except Exception as err:  # a broken group is reported, the others still run
        res = GroupResult(
            name, status="error", notes=[f"{type(err).__name__}: {err}", traceback.format_exc(limit=6)]
        )
    res.seconds = time.perf_counter() - start
    failed = sum(not c.ok for c in res.checks)
    log(f"   {name}: {res.status}, {len(res.checks)} checks, {failed} FAIL, {res.seconds:.0f} s")
    return res


def render_markdown(results: list[GroupResult], meta: dict[str, Any]) -> str:
    failed = [c for r in results for c in r.checks if not c.ok]
    lines = [
        "# coursekit benchmark results",
        "",
        f"{meta['finished']} · commit {meta['commit']} · Python {meta['python']} · {meta['cpus']} CPUs · "
        f"load average {meta['load_average_start']} -> {meta['load_average_end']} · {meta['seconds']:.0f} s"
        + (" · **--quick**" if meta["quick"] else ""),
        "",
        "Every budget is checked on a ratio of variants timed side by side in one run, except the two "
        "builder budgets (absolute ms, from the product owner), which come with a ratio to a reference "
        "operation timed in the same rounds.",
        "",
        checks_table(results),
        "",
        f"**{len(failed)} FAIL** of {sum(len(r.checks) for r in results)} checks."
        if failed
        else f"All {sum(len(r.checks) for r in results)} checks PASS.",
    ]
    for res in results:
        lines += ["", f"## {res.group} ({res.status}, {res.seconds:.0f} s)", ""]
        if res.status == "ok":
            try:
                lines.append(GROUPS[res.group].details(res))
            except Exception as err:  # noqa: BLE001 - never lose the results over a table
                lines.append(f"(details unavailable: {err})")
        for note in res.notes:
            lines.append("")
            lines.append(f"- {note}" if "\n" not in note else f"```\n{note}\n```")
        for c in res.checks:
            if c.detail:
                lines.append(f"- {c.verdict} {c.name}: {c.detail}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    started = time.perf_counter()
    meta: dict[str, Any] = {
        "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "commit": _git_commit(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_start": load_average(),
        "quick": args.quick,
        "groups": args.groups,
        "rounds_override": args.rounds,
    }
    results = [run_group(g, quick=args.quick, rounds=args.rounds, log=log) for g in args.groups]
    meta["finished"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    meta["load_average_end"] = load_average()
    meta["seconds"] = round(time.perf_counter() - started, 1)

    document = {
        "meta": meta,
        "summary": {
            "checks": sum(len(r.checks) for r in results),
            "failed": [f"{r.group}: {c.name}" for r in results for c in r.checks if not c.ok],
            "errors": [r.group for r in results if r.status == "error"],
        },
        "groups": {r.group: r.to_dict() for r in results},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = args.out / "results.json.tmp"
    tmp.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    tmp.replace(args.out / "results.json")
    markdown = render_markdown(results, meta)
    (args.out / "results.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    n_failed = len(document["summary"]["failed"])
    if n_failed or document["summary"]["errors"]:
        print(
            f"FAIL: {n_failed} budget(s) failed"
            + (
                f"; groups with errors: {', '.join(document['summary']['errors'])}"
                if document["summary"]["errors"]
                else ""
            )
        )
        for line in document["summary"]["failed"]:
            print(f"  FAIL {line}")
    else:
        print("PASS: every budget met")
    print(f"results: {args.out / 'results.json'} and {args.out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

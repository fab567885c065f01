"""Group "import": what ``import coursekit`` adds to Python's start-up, and what the core costs.

* ``python -c "import coursekit"`` versus ``python -c "pass"``, interleaved (>= 20 runs each),
  medians: the added milliseconds (budget 60 ms) and the ratio.
* ``import coursekit`` loads no UI library and no pandas (ipywidgets, matplotlib, pandas).
* ``python -X importtime -c "import coursekit.content.catalog, ..."`` for the core modules: the
  total and the top entries by cumulative time (median over a few runs).

Every subprocess uses a temporary bytecode cache (``PYTHONPYCACHEPREFIX``), warmed first:
that is what a learner's machine has after the first run, and nothing is written into
the repository. (The shell here may set ``PYTHONDONTWRITEBYTECODE``; without a cache each
run would compile the kit's sources again and measure the compiler.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import GroupResult, check_at_most, median, spread

GROUP = "import"
ADDED_MS_BUDGET = 60.0
UI_MODULES = ("ipywidgets", "matplotlib", "pandas")
CORE = (
    "coursekit.content.catalog",
    "coursekit.engine.routines",
    "coursekit.engine.critique",
    "coursekit.engine.pain",
    "coursekit.quiz",
    "coursekit.journal.store",
)


def _env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def _wall(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def parse_importtime(stderr: str) -> list[dict[str, Any]]:
    """Rows of ``-X importtime``: module, self and cumulative microseconds, nesting depth."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        try:
            self_us, cum_us, name = line[len("import time:") :].split("|", 2)
            name = name[1:]  # the space after "|"
            depth = (len(name) - len(name.lstrip(" "))) // 2
            rows.append(
                {
                    "module": name.strip(),
                    "self_us": int(self_us),
                    "cumulative_us": int(cum_us),
                    "depth": depth,
                }
            )
        except ValueError:
            continue
    return rows


def run(*, quick: bool = False, rounds: int | None = None) -> GroupResult:
    res = GroupResult(GROUP)
    py = sys.executable
    n = rounds or (3 if quick else 25)
    with tempfile.TemporaryDirectory(prefix="ck-bench-import-") as tmp:
        tmp_path = Path(tmp)
        env = _env(tmp_path / "pycache")
        cmds = {"pass": [py, "-c", "pass"], "import coursekit": [py, "-c", "import coursekit"]}
        core_cmd = [py, "-X", "importtime", "-c", "import " + ", ".join(CORE)]
        for _ in range(2):  # warm the bytecode cache (stdlib, site-packages, the kit)
            for cmd in (*cmds.values(), [py, "-c", "import " + ", ".join(CORE)]):
                _wall(cmd, env, tmp_path)

        samples: dict[str, list[float]] = {k: [] for k in cmds}
        names = list(cmds)
        for r in range(n):
            for name in names[r % 2 :] + names[: r % 2]:
                samples[name].append(_wall(cmds[name], env, tmp_path))
        t_pass, t_import = median(samples["pass"]), median(samples["import coursekit"])
        per_round = [b - a for a, b in zip(samples["pass"], samples["import coursekit"], strict=True)]
        added_ms = (t_import - t_pass) * 1000
        ratio = t_import / t_pass
        res.measurements.append(
            {
                "name": "start-up",
                "runs_each": n,
                "pass_median_ms": round(t_pass * 1000, 2),
                "import_median_ms": round(t_import * 1000, 2),
                "added_ms": round(added_ms, 2),
                "added_ms_per_round_median": round(median(per_round) * 1000, 2),
                "ratio": round(ratio, 3),
                "pass_ms_spread": spread([s * 1000 for s in samples["pass"]]),
                "import_ms_spread": spread([s * 1000 for s in samples["import coursekit"]]),
            }
        )
        res.checks.append(
            check_at_most(
                "`import coursekit` adds to start-up (ms)",
                added_ms,
                ADDED_MS_BUDGET,
                "ms",
                kind="absolute",
                detail=f"median {t_import * 1000:.1f} ms vs `pass` {t_pass * 1000:.1f} ms = {ratio:.2f}× ({n} runs each, interleaved)",
            )
        )

        probe = (
            "import json, sys, coursekit; "
            f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {UI_MODULES!r})))"
        )
        out = subprocess.run(
            [py, "-c", probe], env=env, cwd=tmp_path, check=True, capture_output=True, text=True
        )
        loaded = json.loads(out.stdout)
        res.measurements.append({"name": "UI modules after `import coursekit`", "loaded": loaded})
        res.checks.append(
            check_at_most(
                "`import coursekit` loads no ipywidgets/matplotlib/pandas (count)",
                float(len(loaded)),
                0.0,
                "modules",
                detail=", ".join(loaded) or "none loaded",
            )
        )

        probe_core = (
            f"import json, sys; import {', '.join(CORE)}; "
            f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({UI_MODULES!r}))))"
        )
        out = subprocess.run(
            [py, "-c", probe_core], env=env, cwd=tmp_path, check=True, capture_output=True, text=True
        )
        res.measurements.append(
            {"name": "UI modules after importing the core modules", "loaded": json.loads(out.stdout)}
        )

        runs = 1 if quick else 7
        per_module: dict[str, list[int]] = {}
        selfs: dict[str, list[int]] = {}
        totals = []
        kit_self = []
        for _ in range(runs):
            out = subprocess.run(core_cmd, env=env, cwd=tmp_path, check=True, capture_output=True, text=True)
            rows = parse_importtime(out.stderr)
            totals.append(sum(r["cumulative_us"] for r in rows if r["depth"] == 0))
            kit_self.append(sum(r["self_us"] for r in rows if r["module"].startswith("coursekit")))
            for r in rows:
                per_module.setdefault(r["module"], []).append(r["cumulative_us"])
                selfs.setdefault(r["module"], []).append(r["self_us"])
        top = sorted(per_module, key=lambda m: -median(per_module[m]))[:12]
        res.measurements.append(
            {
                "name": "core modules -X importtime",
                "runs": runs,
                "command": " ".join(core_cmd[1:]),
                "total_ms": round(median(totals) / 1000, 2),
                "coursekit_self_ms": round(median(kit_self) / 1000, 2),
                "top_cumulative": [
                    {
                        "module": m,
                        "cumulative_ms": round(median(per_module[m]) / 1000, 2),
                        "self_ms": round(median(selfs[m]) / 1000, 2),
                    }
                    for m in top
                ],
            }
        )
        res.notes.append(
            f"core modules import in {median(totals) / 1000:.1f} ms in total "
            f"(of which coursekit's own module bodies {median(kit_self) / 1000:.1f} ms); "
            "no budget, reported for tracking"
        )
    return res


def details(res: GroupResult) -> str:
    lines = []
    for m in res.measurements:
        if m["name"] == "start-up":
            lines.append(
                f"start-up: `pass` {m['pass_median_ms']} ms ({m['pass_ms_spread']}), `import coursekit` "
                f"{m['import_median_ms']} ms ({m['import_ms_spread']}); added {m['added_ms']} ms "
                f"(per-round median {m['added_ms_per_round_median']} ms), ratio {m['ratio']}×, "
                f"{m['runs_each']} runs each"
            )
        elif m["name"] == "core modules -X importtime":
            lines.append(
                f"\n`{m['command']}`: {m['total_ms']} ms in total (median of {m['runs']}), coursekit's "
                f"own module bodies {m['coursekit_self_ms']} ms\n"
            )
            lines.append("| module | cumulative ms | self ms |\n|---|---:|---:|")
            lines += [
                f"| {t['module']} | {t['cumulative_ms']} | {t['self_ms']} |" for t in m["top_cumulative"]
            ]
        elif "loaded" in m:
            lines.append(f"{m['name']}: {', '.join(m['loaded']) or 'none'}")
    return "\n".join(lines)

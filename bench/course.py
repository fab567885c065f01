"""Group "course": the course check (every notebook under nbval) against two baselines.

Three ways to run the same number of notebooks, side by side:

* **nbval**: ``pytest --nbval --nbval-sanitize-with nbval_sanitize.cfg`` on the course
  notebooks (what ``make test-notebooks`` runs);
* **nbconvert**: ``jupyter nbconvert --to notebook --execute --allow-errors --output-dir=<tmp>``
  on the same notebooks (execution only, no output comparison; ``--allow-errors`` so that
  it runs every cell, as nbval does even after a failing cell);
* **floor**: as many minimal notebooks, generated into a temporary folder, that only import
  pandas, matplotlib.pyplot and ipywidgets and print one line, run under nbval like the
  course. The floor is what any notebook of this stack costs: a kernel, the imports, nbval.

Serial: the notebooks are split into three chunks; for each chunk the three variants run
back to back in a rotated order (one pytest or nbconvert process per chunk), so that every
comparison is between runs a minute apart. Ratios are of the summed times; the per-chunk
ratios show the noise.

Per notebook: its nbval time (setup + cells + teardown, from a small pytest plugin,
``nbval_timer.py``) divided by the floor notebook's nbval time in the same chunk. One
notebook takes two or three seconds, and on a shared machine a neighbour's burst adds a
tenth of that to one run and not the next; so each chunk's course and floor notebooks run
``NOTEBOOK_ROUNDS`` times (the first round is the serial run above), each notebook keeps
its fastest run (interference only ever adds time), and the floor reference is the median
of the floor notebooks' fastest runs.

Parallel (2 workers): ``pytest -n 2 --dist loadscope`` for nbval and the floor; nbconvert
runs 2 processes at once, each executing its half of the notebooks (as one would split a
course by hand). One round by default (``--rounds``).

Everything runs from a temporary copy (notebooks, sanitize config, a ``pytest.ini``) with a
fresh ``COURSEKIT_HOME`` per process and a warmed temporary bytecode cache, so nothing in
the repository is touched. Budgets: nbval ≤ 1.3 × nbconvert (serial and parallel); each
notebook ≤ 1.5 × the floor notebook.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import GroupResult, check_at_most, median, spread

GROUP = "course"
ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"
NBVAL_BUDGET = 1.3
NOTEBOOK_BUDGET = 1.5
CHUNKS = 3
NOTEBOOK_ROUNDS = 3  # samples of every course and floor notebook (see above)
TIMEOUT_S = 1800
PYTEST_INI = """[pytest]
# the course check, run by bench/course.py from a temporary copy
filterwarnings =
    ignore:Jupyter is migrating its paths:DeprecationWarning
"""
FLOOR_SOURCE = (
    "import pandas as pd\n"
    "import matplotlib.pyplot as plt\n"
    "import ipywidgets as widgets\n"
    "\n"
    'print(f"floor notebook {n}: pandas, matplotlib and ipywidgets are imported")'
)


def floor_notebook(n: int) -> dict[str, Any]:
    """A minimal notebook with its expected output stored (so nbval checks it like the course)."""
    source = FLOOR_SOURCE.replace("{n}", str(n))
    text = f"floor notebook {n}: pandas, matplotlib and ipywidgets are imported\n"
    return {
        "cells": [
            {
                "cell_type": "markdown",
                "id": "floor-title",
                "metadata": {},
                "source": [f"# Floor notebook {n}"],
            },
            {
                "cell_type": "code",
                "execution_count": 1,
                "id": "floor-code",
                "metadata": {},
                "outputs": [{"name": "stdout", "output_type": "stream", "text": [text]}],
                "source": source.splitlines(keepends=True),
            },
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


class _Runner:
    """Starts the three variants with a shared environment and fresh homes."""

    def __init__(self, tmp: Path, course: Path, floor: Path, *, cache: bool = True) -> None:
        self.tmp = tmp
        self.course = course
        self.floor = floor
        self.env = dict(os.environ)
        if cache:  # a bytecode cache, as on a learner's machine (the shell may disable it)
            self.env.pop("PYTHONDONTWRITEBYTECODE", None)
            self.env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        self.env.pop("BENCH_NBVAL_TIMES", None)
        # the parse cache in a folder of the run's own, filled by warm() as any first use would
        self.env["COURSEKIT_CACHE"] = str(tmp / "parse-cache")
        self.n = 0

    def _home(self) -> str:
        self.n += 1
        home = self.tmp / "homes" / f"home-{self.n}"
        home.mkdir(parents=True)
        return str(home)

    def warm(self) -> None:
        """Fill the bytecode cache (the kit, pytest, nbval, nbconvert, the kernel's imports) and
        the parse cache of the course data (every data file is read once)."""
        code = (
            "import pytest, xdist, nbval.plugin, nbconvert, nbclient, nbformat.validator, ipykernel.kernelapp, "
            "pandas, matplotlib.pyplot, ipywidgets, coursekit.widgets, coursekit.plots, coursekit.handouts.cards, "
            "coursekit.journal.store, coursekit.quiz, coursekit.engine.planner; import pkgutil, importlib, coursekit; "
            "[importlib.import_module(m.name) for m in pkgutil.walk_packages(coursekit.__path__, 'coursekit.') if not m.name.endswith('__main__')]; "
            "from coursekit.course.validate import check_data; check_data()"
        )
        subprocess.run(
            [sys.executable, "-c", code],
            env=self.env,
            cwd=self.tmp,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TIMEOUT_S,
        )

    def nbval(self, folder: Path, names: list[str], *, workers: int = 0) -> dict[str, Any]:
        times = self.tmp / f"times-{self.n + 1}.json"
        env = dict(self.env, BENCH_NBVAL_TIMES=str(times), COURSEKIT_HOME=self._home())
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-sanitize-with",
            "nbval_sanitize.cfg",
            "--nbval-cell-timeout=900",
            "-p",
            "no:cacheprovider",
            "-q",
            "--no-header",
            "-rN",
        ]
        if workers:
            cmd += ["-n", str(workers), "--dist", "loadscope"]
        start = time.perf_counter()
        proc = subprocess.run(
            cmd + names, cwd=folder, env=env, capture_output=True, text=True, timeout=TIMEOUT_S
        )
        wall = time.perf_counter() - start
        data = json.loads(times.read_text()) if times.exists() else {"seconds": {}, "failed": {}}
        tail = (proc.stdout.strip().splitlines() or [""])[-1]
        return {
            "wall_s": wall,
            "returncode": proc.returncode,
            "per_notebook_s": data["seconds"],
            "failed_cells": data["failed"],
            "summary": tail,
        }

    def _nbconvert_cmd(self, names: list[str], out: Path) -> list[str]:
        return [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--allow-errors",
            f"--output-dir={out}",
            "--ExecutePreprocessor.timeout=900",
            "--log-level=ERROR",
            *names,
        ]

    def nbconvert(self, folder: Path, names: list[str], *, workers: int = 1) -> dict[str, Any]:
        out = self.tmp / "nbconvert-out" / str(self.n + 1)
        start = time.perf_counter()
        if workers <= 1:
            env = dict(self.env, COURSEKIT_HOME=self._home())
            proc = subprocess.run(
                self._nbconvert_cmd(names, out),
                cwd=folder,
                env=env,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
            )
            codes = [proc.returncode]
        else:
            # one process per worker, each with every workers-th notebook (balanced by size)
            shares = [names[k::workers] for k in range(workers)]
            running = [
                subprocess.Popen(
                    self._nbconvert_cmd(share, out),
                    cwd=folder,
                    env=dict(self.env, COURSEKIT_HOME=self._home()),
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                for share in shares
                if share
            ]
            codes = [p.wait(timeout=TIMEOUT_S) for p in running]
        wall = time.perf_counter() - start
        return {"wall_s": wall, "returncode": max(codes) if codes else 0}


def _chunks(items: list[str], n: int) -> list[list[str]]:
    n = max(1, min(n, len(items)))
    size, extra = divmod(len(items), n)
    out, i = [], 0
    for k in range(n):
        j = i + size + (1 if k < extra else 0)
        out.append(items[i:j])
        i = j
    return out


def run(
    *, quick: bool = False, rounds: int | None = None, notebooks: list[Path] | None = None, workers: int = 2
) -> GroupResult:
    res = GroupResult(GROUP)
    nbs = sorted(notebooks) if notebooks else sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if quick and not notebooks:  # the smallest notebook: the smoke test checks the plumbing, not the time
        nbs = [min(nbs, key=lambda p: p.stat().st_size)]
    if not nbs:
        res.status = "skipped"
        res.notes.append("no notebooks found")
        return res
    parallel_rounds = 0 if quick else (rounds or 1)
    with tempfile.TemporaryDirectory(prefix="ck-bench-course-") as tmp_name:
        tmp = Path(tmp_name)
        course, floor = tmp / "course", tmp / "floor"
        for folder in (course, floor):
            folder.mkdir()
            shutil.copy(SANITIZE, folder / "nbval_sanitize.cfg")
            (folder / "pytest.ini").write_text(PYTEST_INI, encoding="utf-8")
            shutil.copy(Path(__file__).with_name("nbval_timer.py"), folder / "conftest.py")
        names = []
        for nb in nbs:
            shutil.copy(nb, course / nb.name)
            names.append(nb.name)
        floor_names = []
        for i in range(len(nbs)):
            name = f"floor_{i:02d}.ipynb"
            (floor / name).write_text(json.dumps(floor_notebook(i), indent=1), encoding="utf-8")
            floor_names.append(name)

        runner = _Runner(tmp, course, floor, cache=not quick)
        if not quick:
            runner.warm()
            # one untimed notebook: the first kernel start pays for cold disk caches
            runner.nbconvert(floor, floor_names[:1])

        # -- serial, chunk by chunk
        serial: dict[str, list[float]] = {"nbval": [], "nbconvert": [], "floor": []}
        per_nb: dict[str, dict[str, Any]] = {}
        floor_times: list[float] = []
        failures: list[str] = []
        chunks = list(
            zip(
                _chunks(names, 1 if quick else CHUNKS),
                _chunks(floor_names, 1 if quick else CHUNKS),
                strict=True,
            )
        )
        for ci, (chunk, floor_chunk) in enumerate(chunks):
            order = ["nbval", "nbconvert", "floor"]
            order = order[ci % 3 :] + order[: ci % 3]
            got: dict[str, dict[str, Any]] = {}
            for variant in order:
                if variant == "nbval":
                    got[variant] = runner.nbval(course, chunk)
                elif variant == "nbconvert":
                    got[variant] = runner.nbconvert(course, chunk)
                else:
                    got[variant] = runner.nbval(floor, floor_chunk)
                serial[variant].append(got[variant]["wall_s"])
            if got["nbval"]["returncode"] != 0:
                failures.append(f"nbval chunk {ci + 1}: {got['nbval']['summary']}")
            if got["floor"]["returncode"] != 0:
                failures.append(f"floor chunk {ci + 1}: {got['floor']['summary']}")
            if got["nbconvert"]["returncode"] != 0:
                failures.append(f"nbconvert chunk {ci + 1}: exit {got['nbconvert']['returncode']}")
            samples = {name: [got["nbval"]["per_notebook_s"].get(name)] for name in chunk}
            floor_samples = {name: [got["floor"]["per_notebook_s"].get(name)] for name in floor_chunk}
            for extra in range(1, 1 if quick else NOTEBOOK_ROUNDS):
                pair = ["floor", "nbval"] if (ci + extra) % 2 else ["nbval", "floor"]
                for variant in pair:
                    more = (
                        runner.nbval(course, chunk)
                        if variant == "nbval"
                        else runner.nbval(floor, floor_chunk)
                    )
                    target = samples if variant == "nbval" else floor_samples
                    for name in target:
                        target[name].append(more["per_notebook_s"].get(name))
                    if more["returncode"] != 0:
                        failures.append(f"{variant} chunk {ci + 1}, round {extra + 1}: {more['summary']}")
            best_floor = [min(t for t in ts if t) for ts in floor_samples.values() if any(ts)]
            floor_times += best_floor
            floor_ref = median(best_floor)
            for name in chunk:
                runs = [t for t in samples[name] if t]
                t = min(runs) if runs else None
                per_nb[name] = {
                    "nbval_s": t,
                    "runs_s": [round(x, 3) for x in runs],
                    "floor_s": floor_ref,
                    "chunk": ci + 1,
                    "failed_cells": got["nbval"]["failed_cells"].get(name, 0),
                    "ratio": (t / floor_ref) if t and floor_ref else float("nan"),
                }
        tot = {k: sum(v) for k, v in serial.items()}
        chunk_ratios = [a / b for a, b in zip(serial["nbval"], serial["nbconvert"], strict=True)]
        res.measurements.append(
            {
                "name": "serial",
                "notebooks": len(names),
                "chunks": len(chunks),
                "nbval_s": round(tot["nbval"], 2),
                "nbconvert_s": round(tot["nbconvert"], 2),
                "floor_s": round(tot["floor"], 2),
                "nbval_over_nbconvert": round(tot["nbval"] / tot["nbconvert"], 3),
                "nbval_over_floor": round(tot["nbval"] / tot["floor"], 3),
                "nbconvert_over_floor": round(tot["nbconvert"] / tot["floor"], 3),
                "chunk_ratios_nbval_over_nbconvert": [round(r, 3) for r in chunk_ratios],
                "chunk_seconds": {k: [round(x, 2) for x in v] for k, v in serial.items()},
                "floor_notebook_median_s": round(median(floor_times), 3),
                "floor_notebook_spread_s": spread(floor_times),
            }
        )
        res.checks.append(
            check_at_most(
                "course check, serial: nbval ÷ nbconvert",
                tot["nbval"] / tot["nbconvert"],
                NBVAL_BUDGET,
                detail=(
                    f"{tot['nbval']:.1f} s vs {tot['nbconvert']:.1f} s (floor under nbval {tot['floor']:.1f} s); "
                    f"per chunk {', '.join(f'{r:.2f}' for r in chunk_ratios)}"
                ),
            )
        )

        # -- parallel
        par: dict[str, list[float]] = {"nbval": [], "nbconvert": [], "floor": []}
        for r in range(parallel_rounds):
            order = ["nbval", "nbconvert", "floor"]
            order = order[r % 3 :] + order[: r % 3]
            for variant in order:
                if variant == "nbval":
                    got1 = runner.nbval(course, names, workers=workers)
                    if got1["returncode"] != 0:
                        failures.append(f"nbval -n {workers}: {got1['summary']}")
                elif variant == "nbconvert":
                    got1 = runner.nbconvert(course, names, workers=workers)
                else:
                    got1 = runner.nbval(floor, floor_names, workers=workers)
                par[variant].append(got1["wall_s"])
        if parallel_rounds:
            p = {k: median(v) for k, v in par.items()}
            res.measurements.append(
                {
                    "name": f"parallel ({workers} workers)",
                    "rounds": parallel_rounds,
                    "nbval_s": round(p["nbval"], 2),
                    "nbconvert_s": round(p["nbconvert"], 2),
                    "floor_s": round(p["floor"], 2),
                    "nbval_over_nbconvert": round(p["nbval"] / p["nbconvert"], 3),
                    "nbval_over_floor": round(p["nbval"] / p["floor"], 3),
                    "speedup_nbval": round(tot["nbval"] / p["nbval"], 2),
                    "speedup_nbconvert": round(tot["nbconvert"] / p["nbconvert"], 2),
                }
            )
            res.checks.append(
                check_at_most(
                    f"course check, parallel ({workers} workers): nbval ÷ nbconvert",
                    p["nbval"] / p["nbconvert"],
                    NBVAL_BUDGET,
                    detail=(
                        f"{p['nbval']:.1f} s (pytest -n {workers} --dist loadscope) vs {p['nbconvert']:.1f} s "
                        f"({workers} nbconvert processes, half the notebooks each); floor {p['floor']:.1f} s"
                    ),
                )
            )
        else:
            res.notes.append("parallel runs skipped (--quick)")

        for name in names:
            m = per_nb[name]
            res.measurements.append(
                {
                    "name": f"notebook {name}",
                    **{k: (round(v, 3) if isinstance(v, float) else v) for k, v in m.items()},
                }
            )
            res.checks.append(
                check_at_most(
                    f"notebook {Path(name).stem}: nbval ÷ floor notebook",
                    m["ratio"],
                    NOTEBOOK_BUDGET,
                    detail=(
                        f"{m['nbval_s']:.2f} s vs floor {m['floor_s']:.2f} s (chunk {m['chunk']}; fastest of "
                        f"{', '.join(f'{x:.2f}' for x in m['runs_s'])} s)"
                        + (f"; {m['failed_cells']} failing cells" if m["failed_cells"] else "")
                    ),
                )
            )
        if failures:
            res.notes += [f"not green: {f}" for f in failures]
    return res


def details(res: GroupResult) -> str:
    lines = []
    for m in res.measurements:
        if m["name"] == "serial":
            lines.append(
                f"serial, {m['notebooks']} notebooks in {m['chunks']} chunks: nbval {m['nbval_s']} s, "
                f"nbconvert {m['nbconvert_s']} s, floor (nbval) {m['floor_s']} s; nbval ÷ nbconvert "
                f"{m['nbval_over_nbconvert']} (chunks {m['chunk_ratios_nbval_over_nbconvert']}), "
                f"nbval ÷ floor {m['nbval_over_floor']}, nbconvert ÷ floor {m['nbconvert_over_floor']}; "
                f"one floor notebook under nbval (fastest run of each): median {m['floor_notebook_median_s']} s "
                f"({m['floor_notebook_spread_s']})"
            )
        elif m["name"].startswith("parallel"):
            lines.append(
                f"{m['name']}: nbval {m['nbval_s']} s, nbconvert {m['nbconvert_s']} s, floor {m['floor_s']} s; "
                f"nbval ÷ nbconvert {m['nbval_over_nbconvert']}, speed-up over serial: nbval "
                f"{m['speedup_nbval']}×, nbconvert {m['speedup_nbconvert']}×"
            )
    nbs = [m for m in res.measurements if m["name"].startswith("notebook ")]
    if nbs:
        lines += [
            "",
            "| notebook | nbval s (fastest) | runs s | floor notebook s | ratio | failing cells |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for m in nbs:
            runs = ", ".join(f"{x:.2f}" for x in m.get("runs_s", []))
            lines.append(
                f"| {m['name'][9:]} | {m['nbval_s']} | {runs} | {m['floor_s']} | {m['ratio']:.2f} | "
                f"{m['failed_cells']} |"
            )
    return "\n".join(lines)

"""Group "scaling": how the cost grows with the size of the catalog, a journal, a class.

* Catalogs of 100 / 1,000 / 10,000 exercises, cloned from the real records with new ids
  (``<id>-c<k>``) and ladder edges re-wired inside each clone (edges to a record that did
  not make the cut are dropped on both sides, so every synthetic file is valid), written
  with ``references.yaml`` beside it. Measured: ``load_catalog`` (YAML + validation + the
  ladder index; the loader's cache is cleared first) twice, with the parse cache off (the
  YAML is parsed every time) and warm (the parsed data is read back as JSON),
  ``Catalog.filter`` (a fixed set of queries, each one pass over the catalog) and the
  ladder walk (``Catalog.ladder`` of every exercise, after one untimed walk that fills the
  catalog's memo: work that should grow linearly with the catalog).
* Journals of 1,000 / 10,000 / 100,000 quiz attempts in sittings of 8 answers to one quiz
  (8 quizzes; a review row per question asked, about a fifth of the attempts; a session
  with two exercise rows per 20 attempts):
  created with ``Journal.open`` and filled in ONE transaction through ``sqlite3`` directly
  into the journal's own tables. Measured: ``Journal.open(readonly=True)`` (what
  ``coursekit progress`` does), ``progress(today)`` and ``due_items(today)``.
* The gradebook over 10 / 100 / 500 small journals (40 attempts each, built the same way,
  one folder per learner).

Budget: every 10× growth costs at most 12× the time. A 5× step (100 -> 500 journals) is
normalised through the growth exponent k = log(ratio) / log(step): the check compares
10^k (the cost of a 10× step at that rate) with 12. The ratio is of the medians of each
size's samples (the sizes alternate within every round); the ratio of the fastest samples
is reported beside it. (Checking the fastest was tried: a small size now and then has a
run with everything in the CPU caches, which made the ratios jump more, not less.)
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import random
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bench.common import (
    SCALING_BUDGET_10X,
    GroupResult,
    check_at_most,
    median,
    scaling_exponent,
    spread,
    time_call,
)

GROUP = "scaling"
CATALOG_SIZES = (100, 1_000, 10_000)
JOURNAL_SIZES = (1_000, 10_000, 100_000)
CLASS_SIZES = (10, 100, 500)
QUICK_CATALOG_SIZES = (10, 30)
QUICK_JOURNAL_SIZES = (50, 200)
QUICK_CLASS_SIZES = (2, 6)
TODAY = date(2025, 3, 14)
QUIZZES = (
    "00_start_here",
    "01_precision_over_volume",
    "03_breathing",
    "05_sequencing",
    "06_tempo",
    "09_micro_progressions",
    "11_consistency_and_ritual",
    "14_case_studies",
)
CONFIDENCES = ("guess", "fairly_sure", "certain")
#: Answers per sitting of a quiz in the synthetic journals.
RUN_LENGTH = 8
#: A workload whose first run takes longer than this is run once (see ``_series``).
SLOW_S = 8.0


# ---------------------------------------------------------------------------------------
# Synthetic data


def synthetic_records(records: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """``n`` exercise records cloned from ``records`` with new ids and re-wired ladders."""
    base = len(records)
    chosen: list[tuple[int, dict[str, Any]]] = []
    for k in range(math.ceil(n / base)):
        for rec in records:
            if len(chosen) == n:
                break
            chosen.append((k, rec))

    def new_id(old: str, k: int) -> str:
        return old if k == 0 else f"{old}-c{k}"

    present = {new_id(rec["id"], k) for k, rec in chosen}
    out = []
    for k, rec in chosen:
        clone = dict(rec)
        clone["id"] = new_id(rec["id"], k)
        if k:
            clone["name"] = f"{rec['name']} ({k})"
        for field in ("progressions", "regressions"):
            edges = []
            for edge in rec.get(field) or []:
                target = new_id(edge["to"], k)
                if target in present:
                    edges.append(dict(edge, to=target))
            clone[field] = edges
        out.append(clone)
    return out


def write_catalog(folder: Path, records: list[dict[str, Any]], n: int, data: Path) -> Path:
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(data / "references.yaml", folder / "references.yaml")
    file = folder / "exercises.yaml"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    file.write_text(
        yaml.dump(synthetic_records(records, n), Dumper=dumper, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return file


def fill_journal(path: Path, attempts: int, *, seed: int = 7) -> Path:
    """Create a journal with ``Journal.open``, then bulk-insert rows in one transaction."""
    from coursekit.journal.store import Journal

    Journal.open(path).close()
    rng = random.Random(f"{seed}:{attempts}")
    start = datetime(2024, 9, 1, 8, 0, tzinfo=timezone.utc)
    # A run is one sitting of one quiz: RUN_LENGTH answers to different questions of that quiz.
    # Every quiz has the same number of questions; together, a fifth as many as attempts.
    per_quiz = max(RUN_LENGTH, attempts // 5 // len(QUIZZES))
    rows = []
    for i in range(attempts):
        run, k = divmod(i, RUN_LENGTH)
        quiz = QUIZZES[run % len(QUIZZES)]
        sitting = run // len(QUIZZES)  # how many times this quiz was taken before
        correct = rng.random() < 0.7
        when = start + timedelta(minutes=i * 200 * 24 * 60 / attempts)  # spread over 200 days
        rows.append(
            (
                quiz,
                f"q{(sitting * RUN_LENGTH + k) % per_quiz}",
                json.dumps("a" if i % 3 else ["a", "c"]),
                int(correct),
                CONFIDENCES[i % 3],
                1.0 if correct else 0.0,
                f"run{run}",
                when.isoformat(),
            )
        )
    asked = sorted({(quiz, question) for quiz, question, *_ in rows})
    review = [
        (quiz, question, 1 + n % 5, (TODAY + timedelta(days=n % 61 - 30)).isoformat())
        for n, (quiz, question) in enumerate(asked)
    ]
    n_sessions = max(1, attempts // 20)
    sessions = []
    exercises = []
    for s in range(n_sessions):
        day = date(2024, 9, 1) + timedelta(days=s * 200 // n_sessions)
        sessions.append(
            (
                s + 1,
                day.isoformat(),
                "Morning flow",
                "A" if s % 7 else "B",
                12.0,
                2,
                3,
                rng.randint(0, 5),
                "",
                2,
                start.isoformat(),
            )
        )
        exercises += [(s + 1, 0, "bird-dog", 2, 6, 12, 5), (s + 1, 1, "glute-bridge", 2, 8, 15, 6)]
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO attempts (quiz, question, answer, correct, confidence, score, run, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany("INSERT INTO review (quiz, question, box, due) VALUES (?, ?, ?, ?)", review)
        conn.executemany(
            "INSERT INTO sessions (id, day, routine, plan, minutes, pain_before, pain_during,"
            " pain_next_morning, note, n_exercises, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sessions,
        )
        conn.executemany(
            "INSERT INTO session_exercises (session_id, position, exercise, sets, reps, clean_reps,"
            " effort) VALUES (?, ?, ?, ?, ?, ?, ?)",
            exercises,
        )
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path


# ---------------------------------------------------------------------------------------
# Measuring


@contextlib.contextmanager
def _environ(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _series(
    workloads: dict[int, Callable[[], Any]], *, rounds: int, slow_s: float = SLOW_S
) -> dict[int, list[float]]:
    """Seconds per run of each size, one sample per round; sizes rotate within a round.

    A size whose first run took longer than ``slow_s`` is not repeated (the 10,000-exercise
    catalog takes about a minute to load with the kit's current YAML parser): its single
    sample is compared with the medians of the other sizes, taken around it.
    """
    sizes = list(workloads)
    samples: dict[int, list[float]] = {s: [] for s in sizes}
    for r in range(rounds):
        order = sizes[r % len(sizes) :] + sizes[: r % len(sizes)]
        for s in order:
            if samples[s] and samples[s][0] > slow_s:
                continue
            samples[s].append(time_call(workloads[s], gc_off=False))
    return samples


def _checks(res: GroupResult, what: str, samples: dict[int, list[float]], unit_name: str) -> None:
    sizes = sorted(samples)
    for s in sizes:
        res.measurements.append(
            {
                "name": f"{what} @{s:,} {unit_name}",
                "median_s": round(median(samples[s]), 5),
                "fastest_s": round(min(samples[s]), 5),
                "spread_s": spread(samples[s]),
                "samples": len(samples[s]),
            }
        )
    for a, b in zip(sizes, sizes[1:], strict=False):
        ratio = median(samples[b]) / median(samples[a])
        step = b / a
        k = scaling_exponent(ratio, step)
        per_10x = 10**k
        name = f"{what}: {a:,} -> {b:,} {unit_name}"
        detail = (
            f"{ratio:.2f}× for {step:g}× more (n^{k:.2f}; medians; fastest runs "
            f"{min(samples[b]) / min(samples[a]):.2f}×)"
        )
        if step != 10:
            detail += f"; normalised to a 10× step: {per_10x:.2f}×"
        res.checks.append(check_at_most(name, per_10x, SCALING_BUDGET_10X, "x", detail=detail))


def run(*, quick: bool = False, rounds: int | None = None) -> GroupResult:
    from coursekit.content import catalog as catalog_module
    from coursekit.content.catalog import check_exercise_records, load_catalog
    from coursekit.content.data import data_dir, load_yaml
    from coursekit.journal.gradebook import gradebook
    from coursekit.journal.store import Journal

    res = GroupResult(GROUP)
    cat_sizes = QUICK_CATALOG_SIZES if quick else CATALOG_SIZES
    j_sizes = QUICK_JOURNAL_SIZES if quick else JOURNAL_SIZES
    c_sizes = QUICK_CLASS_SIZES if quick else CLASS_SIZES
    n_rounds = rounds or (1 if quick else 3)
    data = data_dir()
    records = load_yaml(data / "exercises.yaml")

    with tempfile.TemporaryDirectory(prefix="ck-bench-scaling-") as tmp:
        tmp_path = Path(tmp)
        # -- catalogs
        files = {n: write_catalog(tmp_path / f"catalog-{n}", records, n, data) for n in cat_sizes}

        catalogs: dict[int, Any] = {}

        parse_cache = tmp_path / "parse-cache"

        def load(n: int, cache: str) -> Callable[[], Any]:
            def go() -> None:
                catalog_module._CACHE.clear()
                with _environ(COURSEKIT_CACHE=cache):
                    catalogs[n] = load_catalog(files[n])  # kept for the filter and ladder workloads

            return go

        # cold: every run parses the YAML (the parse cache is off), as on first use of a file
        samples = _series({n: load(n, "off") for n in cat_sizes}, rounds=n_rounds)
        _checks(res, "catalog load + validate", samples, "exercises")
        # warm: the parsed data comes back from the parse cache, as on every later use
        for n in cat_sizes:
            load(n, str(parse_cache))()  # fills the cache
        warm = _series({n: load(n, str(parse_cache)) for n in cat_sizes}, rounds=max(n_rounds, 5))
        _checks(res, "catalog load + validate, parse cache warm", warm, "exercises")
        for n in cat_sizes:
            if len(catalogs[n]) != n:
                raise AssertionError(f"synthetic catalog has {len(catalogs[n])} exercises, not {n}")

        # validation alone (records already parsed), to split the load into YAML and the rest;
        # the bench parses with libyaml when it can (the kit's own parser takes a minute at 10k)
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        parsed = {n: yaml.load(files[n].read_text(encoding="utf-8"), Loader=loader) for n in cat_sizes}
        valid = _series(
            {
                n: (lambda n=n: catalog_module.Catalog(check_exercise_records(parsed[n], "bench")[0]))
                for n in cat_sizes
            },
            rounds=n_rounds,
        )
        for n in cat_sizes:
            res.measurements.append(
                {
                    "name": f"catalog validate + index only (no YAML) @{n:,} exercises",
                    "median_s": round(median(valid[n]), 5),
                    "spread_s": spread(valid[n]),
                    "yaml_share_of_load": round(1 - median(valid[n]) / median(samples[n]), 3),
                }
            )

        def filters(cat: Any) -> Callable[[], Any]:
            def go() -> None:
                cat.filter(phase="organize")
                cat.filter(setting="office", max_load=2)
                cat.filter(region=["hips", "thoracic"], flare_up="plan_b_preferred")
                cat.filter(text="bridge")

            return go

        samples = _series({n: filters(catalogs[n]) for n in cat_sizes}, rounds=max(n_rounds, 5))
        _checks(res, "catalog filter (4 queries)", samples, "exercises")

        # One walk per sample at every size, the sizes rotating within a round: walking a small
        # catalog many times in a row would keep it in the CPU caches and flatter it. A walk
        # over 100 exercises takes under a millisecond, so there are many rounds.
        def walk(cat: Any) -> Callable[[], Any]:
            def go() -> None:
                for exercise_id in cat.ids:
                    cat.ladder(exercise_id)

            return go

        for n in cat_sizes:  # the first walk fills the catalog's memo of ladder depths: not timed
            walk(catalogs[n])()
        samples = _series({n: walk(catalogs[n]) for n in cat_sizes}, rounds=max(n_rounds, 15))
        _checks(res, "ladder walk (every exercise's ladder)", samples, "exercises")
        catalogs.clear()
        parsed.clear()
        catalog_module._CACHE.clear()

        # -- journals
        paths = {n: fill_journal(tmp_path / f"journal-{n}" / "journal.sqlite3", n) for n in j_sizes}
        journals = {n: Journal.open(paths[n], readonly=True) for n in j_sizes}
        try:

            def opener(p: Path) -> Callable[[], None]:
                return lambda: Journal.open(p, readonly=True).close()

            for what, make in (
                ("journal open (read-only)", opener),
                ("journal progress(today)", None),
                ("journal due_items(today)", None),
            ):
                if make is not None:
                    work = {n: make(paths[n]) for n in j_sizes}
                elif "progress" in what:
                    work = {n: (lambda j=journals[n]: j.progress(TODAY)) for n in j_sizes}
                else:
                    work = {n: (lambda j=journals[n]: j.due_items(TODAY)) for n in j_sizes}
                samples = _series(work, rounds=max(n_rounds, 5))
                _checks(res, what, samples, "attempts")
        finally:
            for j in journals.values():
                j.close()

        # -- gradebook
        template = fill_journal(tmp_path / "template" / "journal.sqlite3", 40)
        class_dirs = {}
        for n in c_sizes:
            folder = tmp_path / f"class-{n}"
            class_dirs[n] = []
            for i in range(n):
                learner = folder / f"learner-{i:04d}"
                learner.mkdir(parents=True)
                shutil.copy(template, learner / "journal.sqlite3")
                class_dirs[n].append(learner / "journal.sqlite3")
        rows = gradebook(class_dirs[c_sizes[0]])
        if rows.skipped:
            raise AssertionError(f"gradebook skipped synthetic journals: {rows.skipped[0]}")
        samples = _series(
            {n: (lambda n=n: gradebook(class_dirs[n])) for n in c_sizes}, rounds=max(n_rounds, 5)
        )
        _checks(res, "gradebook", samples, "journals")
    return res


def details(res: GroupResult) -> str:
    lines = ["| workload | fastest s | median s | spread s | samples |", "|---|---:|---:|---:|---:|"]
    for m in res.measurements:
        extra = f" (YAML = {m['yaml_share_of_load']:.0%} of the load)" if "yaml_share_of_load" in m else ""
        fastest = f"{m['fastest_s']:.4g}" if "fastest_s" in m else ""
        lines.append(
            f"| {m['name']}{extra} | {fastest} | {m['median_s']:.4g} | {m['spread_s']} | {m.get('samples', '')} |"
        )
    return "\n".join(lines)

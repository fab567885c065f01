"""Re-execute notebooks top to bottom on a fresh kernel and store their outputs.

    python tools/run_notebooks.py notebooks/*.ipynb

Each notebook runs in its own folder with a throw-away ``COURSEKIT_HOME`` (so the learner
journal is never touched), then volatile metadata is dropped (timings, widget state,
interpreter patch version) so a re-run changes only what really changed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

VOLATILE_CELL_METADATA = ("execution", "collapsed", "scrolled")


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop metadata that changes on every run without changing what a reader sees."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    info = nb.metadata.get("language_info", {})
    info.pop("version", None)
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            for output in cell.outputs:
                output.get("metadata", {}).pop("execution", None)
    return nb


def run(path: Path, timeout: int = 300) -> float:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coursekit-nb-home-") as home:
        old = os.environ.get("COURSEKIT_HOME")
        os.environ["COURSEKIT_HOME"] = home
        try:
            NotebookClient(
                nb,
                timeout=timeout,
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent)}},
                store_widget_state=False,
            ).execute()
        finally:
            if old is None:
                os.environ.pop("COURSEKIT_HOME", None)
            else:
                os.environ["COURSEKIT_HOME"] = old
    nbformat.write(clean(nb), path)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args(argv)
    for path in args.notebooks:
        seconds = run(path, args.timeout)
        print(f"{path}: executed in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

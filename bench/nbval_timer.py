"""pytest plugin for the course check: seconds per notebook under nbval.

Copied as ``conftest.py`` into the temporary folder the notebooks run from. It does what the
repository's root ``conftest.py`` does (a throw-away ``COURSEKIT_HOME`` per pytest process,
so every xdist worker has its own learner journal) and adds up, per notebook file, the
setup, call and teardown time of its cells. nbval starts the notebook's kernel in the setup
of the first cell and shuts it down in the teardown of the last, so the sum is the whole
cost of the notebook. The result goes to the JSON file named by ``$BENCH_NBVAL_TIMES``.
"""

import json
import os
import tempfile

os.environ["COURSEKIT_HOME"] = tempfile.mkdtemp(prefix="ck-bench-home-")

_SECONDS: dict = {}
_FAILED: dict = {}


def pytest_runtest_logreport(report):
    path = report.nodeid.split("::")[0]
    _SECONDS[path] = _SECONDS.get(path, 0.0) + report.duration
    if report.failed:
        _FAILED[path] = _FAILED.get(path, 0) + 1


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("BENCH_NBVAL_TIMES")
    if not target or hasattr(session.config, "workerinput"):  # xdist workers report to the controller
        return
    with open(target, "w", encoding="utf-8") as f:
        json.dump({"seconds": _SECONDS, "failed": _FAILED, "exitstatus": int(exitstatus)}, f)

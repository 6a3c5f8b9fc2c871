"""Root conftest: the end-of-run summary of the generated-project checks.

It lives here, not in tests/generated/conftest.py, because under pytest-xdist
the controller process collects nothing and so never loads that conftest; the
reports of all workers arrive here, and the table is printed once.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "generated"))

import harness  # after the sys.path line above

# Every cache of the suite under one directory (see "Tests" in the README): the
# compiled templates of the scaffold runs, and the bytecode of the suite's many
# Python subprocesses, which would otherwise compile scaffold anew each time
# where PYTHONDONTWRITEBYTECODE is set (it is kept out of the work tree all the same).
os.environ["SCAFFOLD_CACHE"] = str(harness.cache_root())
os.environ["PYTHONPYCACHEPREFIX"] = str(harness.cache_root() / "pycache")
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
# The same for pytest's own processes (each xdist worker): scaffold's modules and
# the test modules, with their asserts rewritten, are then compiled once, not by
# every worker of every run (about 1.5 CPU-seconds a worker). The prefix first, so
# that nothing is ever written beside the sources.
sys.pycache_prefix = os.environ["PYTHONPYCACHEPREFIX"]
sys.dont_write_bytecode = False

_summary = harness.Summary()


def pytest_report_header() -> str | None:
    if sys.version_info < (3, 11):
        return "generated projects: not collected, they need Python 3.11 or newer"
    return None


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _summary.add_report(report)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if hasattr(terminalreporter.config, "workerinput"):
        return  # an xdist worker: the controller prints the table
    lines = _summary.lines()
    if lines:
        terminalreporter.write_sep("=", "scaffold verification summary")
        for line in lines:
            terminalreporter.write_line(line)

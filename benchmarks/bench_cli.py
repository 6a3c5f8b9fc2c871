"""Time scaffold against its baselines, runs alternating, medians and ratios side by side.

    python benchmarks/bench_cli.py [--runs 7]

Start-up: `scaffold --help` against a bare `python -c "import click"`.
Generation: `scaffold new --no-input` against the `cookiecutter` command line on the
same bundled template (the cost of safe rendering) and against
`django-admin startproject` (the floor: Django's own, featureless skeleton), when
Django is installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Every contender runs from cached bytecode: an editable install of scaffold has
# none until a first run writes it (pip compiled cookiecutter's when installing),
# so the variable that forbids writing it is dropped and one run is not timed.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def _timed(make_argv: Callable[[Path], list[str]]) -> float:
    with tempfile.TemporaryDirectory() as scratch:
        argv = make_argv(Path(scratch))
        start = time.perf_counter()
        subprocess.run(argv, cwd=scratch, env=ENV, check=True, capture_output=True)
        return time.perf_counter() - start


def _compare(title: str, contenders: dict[str, Callable[[Path], list[str]]], runs: int) -> None:
    timings: dict[str, list[float]] = {name: [] for name in contenders}
    for make_argv in contenders.values():  # writes the bytecode (see ENV): not timed
        _timed(make_argv)
    for _ in range(runs):
        for name, make_argv in contenders.items():  # alternate, so drift hits all alike
            timings[name].append(_timed(make_argv))
    baseline = statistics.median(next(iter(timings.values())))
    print(f"\n{title} ({runs} runs each, alternating)")
    print(f"  {'command':<44} {'median':>9} {'ratio':>7}")
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"  {name:<44} {median * 1000:>7.0f}ms {median / baseline:>6.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    python = sys.executable

    _compare(
        "Start-up",
        {
            "python -c 'import click' (baseline)": lambda _: [python, "-c", "import click"],
            "scaffold --help": lambda _: [str(BIN / "scaffold"), "--help"],
            "scaffold --version": lambda _: [str(BIN / "scaffold"), "--version"],
        },
        runs,
    )
    for framework in ("django", "flask"):
        contenders = {
            f"cookiecutter templates/{framework} (baseline)": lambda scratch, fw=framework: [
                str(BIN / "cookiecutter"),
                "--no-input",
                "-o",
                str(scratch),
                str(ROOT / "templates" / fw),
                "project_slug=bench_site",
            ],
            f"scaffold new --framework {framework}": lambda scratch, fw=framework: [
                str(BIN / "scaffold"),
                "new",
                "bench_site",
                "--no-input",
                "--no-git",
                "--framework",
                fw,
                "-o",
                str(scratch / "bench_site"),
            ],
        }
        if framework == "django" and shutil.which("django-admin", path=str(BIN)):
            contenders["django-admin startproject (floor)"] = lambda scratch: [
                str(BIN / "django-admin"),
                "startproject",
                "bench_site",
                str(scratch),
            ]
        _compare(f"Generating a {framework} project", contenders, runs)


if __name__ == "__main__":
    main()

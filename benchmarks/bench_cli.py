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
import resource
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


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def _timed(make_argv: Callable[[Path], list[str]]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (the command and its children, git and hooks included)."""
    with tempfile.TemporaryDirectory() as scratch:
        argv = make_argv(Path(scratch))
        start, cpu = time.perf_counter(), _cpu()
        subprocess.run(argv, cwd=scratch, env=ENV, check=True, capture_output=True)
        return time.perf_counter() - start, _cpu() - cpu


def _compare(title: str, contenders: dict[str, Callable[[Path], list[str]]], runs: int) -> None:
    """Print the medians and their ratios to the first contender's. CPU time is shown
    beside wall-clock time because it hardly moves when other work shares the machine."""
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name in contenders}
    for make_argv in contenders.values():  # writes the bytecode (see ENV): not timed
        _timed(make_argv)
    for _ in range(runs):
        for name, make_argv in contenders.items():  # alternate, so drift hits all alike
            timings[name].append(_timed(make_argv))
    medians = {
        name: (statistics.median(t[0] for t in runs_), statistics.median(t[1] for t in runs_))
        for name, runs_ in timings.items()
    }
    wall_0, cpu_0 = next(iter(medians.values()))
    print(f"\n{title} ({runs} runs each, alternating; medians)")
    print(f"  {'command':<44} {'wall':>7} {'ratio':>6} {'cpu':>8} {'ratio':>6}")
    for name, (wall, cpu) in medians.items():
        print(
            f"  {name:<44} {wall * 1000:>5.0f}ms {wall / wall_0:>5.2f}x"
            f" {cpu * 1000:>6.0f}ms {cpu / cpu_0:>5.2f}x"
        )


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

"""Faults outside scaffold, met by real processes: closed pipes, full devices.

These run ``python -m scaffold`` as a child process, because what they test
(file descriptors, signals, other processes) is what CliRunner replaces.
"""

import subprocess
import sys
from pathlib import Path

import pytest

SCAFFOLD = [sys.executable, "-m", "scaffold"]


def _new(*args: str) -> list[str]:
    return [*SCAFFOLD, "new", "--no-input", "--no-git", "--framework", "flask", *args]


def _files(path: Path) -> list[str]:
    return sorted(p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("args", "done"),
    [
        (["--json"], True),  # the JSON comes after the project is written
        ([], False),  # the recommendation table comes first, so nothing is written
    ],
)
def test_a_closed_pipe_is_one_line_and_exit_3(tmp_path, args, done):
    target = tmp_path / "site"
    child = subprocess.Popen(
        _new("-o", str(target), *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    child.stdout.close()  # as `| head -c 0` does, before scaffold writes anything
    stderr = child.stderr.read().decode()
    assert child.wait() == 3
    if done:
        assert stderr == (
            "Error: stdout: cannot write the output (Broken pipe); "
            f"the project in {target} is complete\n"
        )
        assert ".scaffold.json" in _files(target)
    else:
        assert stderr == "Error: stdout: cannot write the output (Broken pipe)\n"
        assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_output_device_after_the_project_is_written(tmp_path):
    target = tmp_path / "site"
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            _new("-o", str(target), "--json"), stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert result.returncode == 3
    assert result.stderr == (
        "Error: stdout: cannot write the output (No space left on device); "
        f"the project in {target} is complete\n"
    )
    reference = tmp_path / "reference"
    subprocess.run(_new("-o", str(reference)), capture_output=True, check=True)
    assert _files(target) == _files(reference)


def test_a_closed_pipe_of_a_command_that_writes_nothing(tmp_path):
    child = subprocess.Popen(
        [*SCAFFOLD, "criteria"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path
    )
    child.stdout.close()
    assert child.stderr.read() == b"Error: stdout: cannot write the output (Broken pipe)\n"
    assert child.wait() == 3

"""The wheel carries the templates: an installed scaffold finds them from any directory."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
    )
    return next(dist.glob("scaffold-*.whl"))


def test_the_wheel_holds_every_template_file(wheel):
    packaged = {
        name.removeprefix("scaffold/templates/")
        for name in zipfile.ZipFile(wheel).namelist()
        if name.startswith("scaffold/templates/")
    }
    # What the wheel should hold: the template files git would take (hatch skips ignored ones).
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", "templates"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    expected = {path.removeprefix("templates/") for path in listed if (ROOT / path).is_file()}
    assert packaged == expected
    assert {"django/cookiecutter.json", "flask/cookiecutter.json"} <= packaged


def test_an_installed_scaffold_generates_from_any_directory(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = (
        "import scaffold, sys; print(scaffold.__file__); sys.argv[0] = 'scaffold'; "
        "from scaffold.cli import main; main()"
    )
    for framework in ("django", "flask"):
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                code,
                "new",
                f"{framework}_site",
                "--no-input",
                "--no-git",
                "--framework",
                framework,
            ],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(str(site))
        project = elsewhere / f"{framework}_site"
        assert (project / ".scaffold.json").is_file()
        assert list(project.rglob("__pycache__")) == [], "pip's byte-code leaked into the project"

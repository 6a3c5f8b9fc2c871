"""Faults outside scaffold, met by real processes: closed pipes, full devices.

These run ``python -m scaffold`` as a child process, because what they test
(file descriptors, signals, other processes) is what CliRunner replaces.
"""

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import scaffold
from scaffold import lock
from scaffold import render as render_module
from scaffold.cli import cli

SCAFFOLD = [sys.executable, "-m", "scaffold"]


def _new(*args: str) -> list[str]:
    # Flask as recommended (Redis rules Django out): an override would be announced on stderr.
    return [*SCAFFOLD, "new", "--no-input", "--no-git", "--database", "redis", *args]


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


def test_a_locale_that_cannot_spell_the_text_gets_escapes_not_a_traceback(tmp_path):
    """Latin-1 has no en dash: the JSON says \\u2013, which JSON reads back as the dash."""
    target, name = tmp_path / "cafe", "Café \N{EN DASH} Bar"
    result = subprocess.run(
        _new("-o", str(target), "--json", "--project-name", name, "--project-slug", "cafe"),
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "latin-1"},
    )
    assert result.returncode == 0, result.stderr.decode("latin-1")
    assert json.loads(result.stdout.decode("latin-1"))["answers"]["project_name"] == name


def test_a_closed_pipe_of_a_command_that_writes_nothing(tmp_path):
    child = subprocess.Popen(
        [*SCAFFOLD, "criteria"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path
    )
    child.stdout.close()
    assert child.stderr.read() == b"Error: stdout: cannot write the output (Broken pipe)\n"
    assert child.wait() == 3


# -- one writer per target -------------------------------------------------------

FIXTURE_TEMPLATES = Path(__file__).parent / "fixtures" / "templates"

# A `scaffold new` on the small fixture templates that stops at `where` (after
# rendering into its staging directory, or after `git add` of the baseline),
# touches `reached` and waits there until `release` exists.
_STUCK_RUN = """
import sys, time
from pathlib import Path
from scaffold import cli, lifecycle, render
import scaffold.generate

render.templates_root = lambda: Path({templates!r})
reached, release, where = Path({reached!r}), Path({release!r}), {where!r}

def wait():
    reached.touch()
    while not release.exists():
        time.sleep(0.05)

real_generate, real_commit = scaffold.generate.generate_files, lifecycle._commit

def generate(*args, **kwargs):
    project = real_generate(*args, **kwargs)
    if where == "render":
        wait()
    return project

def commit(*args, **kwargs):
    if where == "baseline":
        wait()
    return real_commit(*args, **kwargs)

scaffold.generate.generate_files, lifecycle._commit = generate, commit
sys.argv = ["scaffold", "new", "--no-input", *{args!r}]
cli.main()
"""


class StuckRun:
    def __init__(self, tmp_path: Path, where: str, *args: str) -> None:
        self.reached, self.release = tmp_path / "reached", tmp_path / "release"
        code = _STUCK_RUN.format(
            templates=str(FIXTURE_TEMPLATES),
            reached=str(self.reached),
            release=str(self.release),
            where=where,
            args=list(args),
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=tmp_path / "work",
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # so a SIGKILL reaches the hook processes too
        )
        deadline = time.monotonic() + 60
        while not self.reached.exists():
            assert self.process.poll() is None, self.process.communicate()
            assert time.monotonic() < deadline, "the run never reached its stop"
            time.sleep(0.05)

    def finish(self) -> subprocess.CompletedProcess:
        self.release.touch()
        stdout, stderr = self.process.communicate(timeout=60)
        return subprocess.CompletedProcess(
            self.process.args, self.process.returncode, stdout, stderr
        )

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.communicate(timeout=60)


@pytest.fixture
def work(tmp_path, monkeypatch):
    """The working directory of the runs, beside the control files of StuckRun."""
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    monkeypatch.setattr(render_module, "templates_root", lambda: FIXTURE_TEMPLATES)
    return tmp_path / "work"


def _scaffold(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_a_second_run_into_the_same_target_is_refused_at_once(tmp_path, work):
    first = StuckRun(tmp_path, "render", "demo_site", "--framework", "django")
    staged = sorted(path.name for path in work.iterdir())
    second = _scaffold("new", "demo_site", "--no-input", "--framework", "flask", "--force")
    assert second.exit_code == 2
    assert second.stderr == (
        f"Error: output-dir: another scaffold run (process {first.process.pid}) is writing "
        f"{work / 'demo_site'}; wait for it to finish\n"
    )
    assert sorted(path.name for path in work.iterdir()) == staged  # untouched
    assert first.finish().returncode == 0
    record = json.loads((work / "demo_site/.scaffold.json").read_text())
    assert record["template"] == "django"
    assert sorted(path.name for path in work.iterdir()) == ["demo_site"]  # lock file gone
    assert _scaffold("check", "demo_site").exit_code == 0


def test_a_run_into_another_target_beside_it_is_not_held_up(tmp_path, work):
    first = StuckRun(tmp_path, "render", "demo_site")
    other = _scaffold("new", "other_site", "--no-input", "--no-git")
    assert other.exit_code == 0, other.output
    assert first.finish().returncode == 0


def test_what_a_killed_run_left_is_cleaned_up_by_the_next_run(tmp_path, work):
    StuckRun(tmp_path, "render", "demo_site").kill()
    left = sorted(path.name for path in work.iterdir())
    assert len(left) == 2 and all(name.startswith(".scaffold-") for name in left)
    assert list(work.glob(".scaffold-*/out/demo_site/.env"))  # the secret was left behind
    result = _scaffold("new", "demo_site", "--no-input")
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in work.iterdir()) == ["demo_site"]


def _unlocked_staging(parent: Path, name: str, age: float, contents=("tmp", "out")) -> Path:
    """A staging directory as a scaffold without the lock left it, ``age`` seconds ago."""
    staging = parent / name
    for entry in contents:
        (staging / entry).mkdir(parents=True)
    (staging / "out/.env").parent.mkdir(parents=True, exist_ok=True)
    (staging / "out/.env").write_text("SECRET_KEY=left\n")
    then = time.time() - age
    os.utime(staging, (then, then))
    return staging


@pytest.mark.parametrize("inside", [False, True], ids=["beside the target", "inside it"])
def test_a_killed_earlier_version_s_staging_is_cleaned_up(work, inside):
    """Before the lock, staging directories were .scaffold-xxxxxxxx; only their shape tells."""
    target = work / "demo_site"
    where = target if inside else work
    where.mkdir(exist_ok=True)
    old = lock.UNLOCKED_STAGING_AGE + 60
    left = _unlocked_staging(where, ".scaffold-k2j_x9qa", old)
    recent = _unlocked_staging(work, ".scaffold-recent00", lock.UNLOCKED_STAGING_AGE / 2)
    mine = _unlocked_staging(work, ".scaffold-projects", old, contents=("tmp", "notes"))
    result = _scaffold("new", "demo_site", "--no-input", "--no-git")
    assert result.exit_code == 0, result.output
    assert not left.exists()
    assert recent.exists()  # perhaps a run of that version still going: left alone
    assert mine.exists()  # not the shape of a staging directory: the user's own


@pytest.mark.parametrize("code", [errno.EXDEV, errno.EBUSY], ids=["EXDEV", "EBUSY"])
@pytest.mark.parametrize(
    "existing", [None, "empty", "not empty"], ids=["new target", "empty target", "--force"]
)
def test_a_target_that_cannot_be_renamed_into_gets_nothing(work, monkeypatch, code, existing):
    """A mount point, a busy directory: the moves fail, and what was there stays as it was."""
    target = work / "demo_site"
    if existing:
        target.mkdir()
    if existing == "not empty":
        (target / "README.md").write_text("mine")
    before = sorted(path.relative_to(work) for path in work.rglob("*"))

    def refused(source, destination):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(render_module.os, "replace", refused)
    args = ["--force"] if existing == "not empty" else []
    result = _scaffold("new", "demo_site", "--no-input", "--no-git", *args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: writing the project failed (")
    assert f"[Errno {code}] {os.strerror(code)}" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert sorted(path.relative_to(work) for path in work.rglob("*")) == before


def test_an_update_while_another_run_holds_the_project_is_refused(work):
    assert _scaffold("new", "demo_site", "--no-input").exit_code == 0
    with lock.claim(work / "demo_site"):  # a descriptor of its own: flock refuses this process too
        refused = _scaffold("update", "demo_site")
    assert refused.exit_code == 2
    assert refused.stderr.startswith("Error: demo_site: another scaffold run (process ")
    final = _scaffold("update", "demo_site")
    assert final.exit_code == 0, final.stderr


def test_a_repository_left_without_a_commit_is_recognised(tmp_path, work):
    StuckRun(tmp_path, "baseline", "demo_site").kill()  # after `git add`, before the commit
    assert (work / "demo_site/.git").is_dir() and (work / "demo_site/.scaffold.json").is_file()
    hint = "the git repository has no commit yet; if `scaffold new` was stopped while making"
    checked = _scaffold("check", "demo_site")
    assert checked.exit_code == 0 and f"Notice: demo_site: {hint}" in checked.stderr
    updated = _scaffold("update", "demo_site")
    assert updated.exit_code == 2 and hint in updated.stderr
    again = _scaffold("new", "demo_site", "--no-input", "--force")
    assert again.exit_code == 0 and "Notice" not in again.stderr
    assert sorted(path.name for path in work.iterdir()) == ["demo_site"]
    checked = _scaffold("check", "demo_site")
    assert checked.exit_code == 0 and checked.stderr == ""
    final = _scaffold("update", "demo_site")
    assert final.exit_code == 0, final.stderr


# -- --force where another user's files are ---------------------------------------


def _as_nobody() -> list[str]:
    """A command prefix running scaffold as the unprivileged user nobody, or skip.

    The test's own Python may live where nobody cannot read (pyenv under /root);
    the system's Python of the same version then runs scaffold's source and
    its installed dependencies.
    """
    if os.geteuid() != 0 or not shutil.which("runuser"):
        pytest.skip("needs root and runuser to run scaffold as another user")
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    pythonpath = os.pathsep.join(
        [
            str(Path(scaffold.__file__).parent.parent),
            sysconfig.get_paths()["purelib"],
            sysconfig.get_paths()["platlib"],
        ]
    )
    for python in (sys.executable, shutil.which(version) or "", f"/usr/bin/{version}"):
        command = ["runuser", "-u", "nobody", "--", "env", f"PYTHONPATH={pythonpath}", python]
        probe = subprocess.run(
            [*command, "-c", "import scaffold.cli, cookiecutter"], capture_output=True
        )
        if python and probe.returncode == 0:
            return [*command, "-m", "scaffold"]
    pytest.skip(f"no {version} that the user nobody can run")


def test_force_into_a_sticky_directory_refuses_another_users_file_up_front():
    """A shared 1777 directory holding a file of root's: nobody may not replace it."""
    runner = _as_nobody()
    shared = Path(tempfile.mkdtemp(prefix="scaffold-sticky-"))
    try:
        shared.chmod(0o1777)
        (shared / "README.md").write_text("root's readme")
        result = subprocess.run(
            [*runner, "new", "--no-input", "--framework", "flask", "--force", "-o", str(shared)],
            cwd=shared,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 2, result.stderr
        assert result.stderr == (
            "Error: output-dir: --force cannot write the template's README.md: it belongs to "
            f"another user and {shared} is sticky (mode +t)\n"
        )
        assert sorted(path.name for path in shared.iterdir()) == ["README.md"]  # no .env
        assert (shared / "README.md").read_text() == "root's readme"
    finally:
        shutil.rmtree(shared)

"""Safe rendering: user text is data, paths stay inside, failures leave nothing behind."""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import render as render_module
from scaffold.cli import cli

FIXTURE_TEMPLATES = Path(__file__).parent / "fixtures" / "templates"


@pytest.fixture
def new(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(render_module, "templates_root", lambda: FIXTURE_TEMPLATES)

    def run(*args):
        return CliRunner().invoke(cli, ["new", "--no-input", *args])

    return run


@pytest.mark.parametrize(
    "text",
    [
        "{{ cycler.__init__.__globals__.os.getcwd() }}",
        "{% for x in range(3) %}loop{% endfor %}",
        "{{ cookiecutter.project_slug }} and {#",
        "Ünïcödé ✓ — “quotes” 'and' \"more\"",
    ],
)
def test_user_text_is_rendered_exactly_as_typed(new, tmp_path, text):
    result = new("demo_site", "--description", text, "--author", text)
    assert result.exit_code == 0, result.output
    readme = (tmp_path / "demo_site/README.md").read_text(encoding="utf-8")
    assert f"\n{text}\n" in readme
    assert f"By {text} <" in readme


def test_no_replay_and_no_hook_temp_files_are_left(new, tmp_path, monkeypatch):
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    assert new("demo_site", "--no-git").exit_code == 0
    assert not (tmp_path / "home/.cookiecutter_replay").exists()
    assert list(system_temp.iterdir()) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["demo_site", "system-temp"]


def test_hook_failure_exits_1_and_leaves_nothing(new, tmp_path):
    result = new("demo_site", "--project-slug", "hook_fails")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "pre_gen_project: refused",  # what the hook said, then scaffold's line
        "Error: the django template failed: Hook script failed (exit status: 1)",
    ]
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_during_rendering_exits_130_and_leaves_nothing(new, tmp_path, monkeypatch):
    import scaffold.generate

    real = scaffold.generate.generate_files

    def interrupted(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(scaffold.generate, "generate_files", interrupted)
    result = new("demo_site")
    assert result.exit_code == 130
    assert "Interrupted." in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_existing_target_is_refused_without_force(new, tmp_path):
    target = tmp_path / "demo_site"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    result = new("demo_site")
    assert result.exit_code == 2
    assert "already exists and is not empty; use --force" in result.stderr
    assert [path.name for path in target.iterdir()] == ["notes.txt"]


def test_force_overwrites_template_files_and_keeps_the_rest(new, tmp_path):
    target = tmp_path / "demo_site"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    (target / "README.md").write_text("old")
    result = new("demo_site", "--force")
    assert result.exit_code == 0, result.output
    assert (target / "notes.txt").read_text() == "mine"
    assert (target / "README.md").read_text().startswith("# demo_site")
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".scaffold-")]


def test_an_empty_existing_target_is_used(new, tmp_path):
    (tmp_path / "demo_site").mkdir()
    assert new("demo_site").exit_code == 0
    assert (tmp_path / "demo_site/.scaffold.json").exists()


@pytest.mark.parametrize("output_dir", ["demo_site", "demo_site/sub", "demo_site/sub/deeper"])
def test_a_file_in_the_way_is_refused(new, tmp_path, output_dir):
    (tmp_path / "demo_site").write_text("a file")
    result = new("demo_site", "-o", output_dir)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: output-dir: {tmp_path / 'demo_site'} exists and is not a directory\n"
    )
    assert [path.name for path in tmp_path.iterdir()] == ["demo_site"]


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
@pytest.mark.parametrize(
    ("output_dir", "reason"),
    [("a" * 300, "File name too long"), ("/".join(["b" * 200] * 30), "File name too long")],
    ids=["a name too long", "a path too long"],
)
def test_an_output_dir_the_system_cannot_look_up_is_refused(
    new, tmp_path, output_dir, reason, dry_run
):
    result = new("demo_site", "-o", output_dir, *dry_run)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: output-dir: cannot use ")
    assert result.stderr.endswith(f"({reason})\n") and len(result.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_directory_is_refused(new):
    result = new("demo_site", "-o", "/proc/scaffold-cannot-write/demo_site")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: output-dir: cannot")


def test_same_answers_render_the_same_bytes_except_the_secret(new, tmp_path):
    assert new("demo_site", "-o", "one", "--no-git").exit_code == 0
    assert new("demo_site", "-o", "two", "--no-git").exit_code == 0
    one, two = tmp_path / "one", tmp_path / "two"
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    for relative in files:
        if relative.name != ".env":
            assert (one / relative).read_bytes() == (two / relative).read_bytes(), relative
    assert (one / ".env").read_text() != (two / ".env").read_text()
    assert "SECRET" not in (one / ".scaffold.json").read_text()
    assert (
        json.loads((one / ".scaffold.json").read_text())["answers"]["project_slug"] == "demo_site"
    )


def test_derived_private_keys_see_answers_as_data(new, tmp_path):
    result = new("demo_site", "--description", "{{ 7 * 7 }}")
    assert result.exit_code == 0, result.output
    readme = (tmp_path / "demo_site/README.md").read_text()
    assert "Derived: {{ 7 * 7 }} (DEMO_SITE)" in readme


def test_a_failing_hook_prints_no_traceback(new):
    result = new("demo_site", "--project-slug", "hook_fails")
    assert "Traceback" not in result.stderr
    assert result.stderr.count("Error:") == 1


def test_a_failure_removes_the_parent_directories_it_created(new, tmp_path):
    result = new("demo_site", "--project-slug", "hook_fails", "-o", "deep/down/demo_site")
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("prepare", "output_dir"),
    [
        pytest.param(lambda cwd: cwd, ".", id="-o . in an empty working directory"),
        pytest.param(lambda cwd: cwd, "", id="-o '' in an empty working directory"),
        pytest.param(
            lambda cwd: (cwd / "site").mkdir(mode=0o2750) or cwd / "site", "site", id="its own mode"
        ),
        pytest.param(
            lambda cwd: (cwd / "real").mkdir() or (cwd / "link").symlink_to("real") or cwd / "real",
            "link",
            id="symbolic link to an empty directory",
        ),
    ],
)
def test_an_existing_empty_target_is_filled_not_replaced(new, tmp_path, prepare, output_dir):
    directory = prepare(tmp_path)
    before = directory.stat()
    result = new("demo_site", "-o", output_dir, "--no-git")
    assert result.exit_code == 0, result.output
    after = directory.stat()
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert (directory / ".scaffold.json").exists()
    assert not [path for path in directory.iterdir() if path.name.startswith(".scaffold-")]


def test_a_symbolic_link_to_nothing_is_refused(new, tmp_path):
    (tmp_path / "link").symlink_to("missing")
    result = new("demo_site", "-o", "link")
    assert result.exit_code == 2
    assert (
        result.stderr == f"Error: output-dir: {tmp_path / 'link'} is a symbolic link to nothing\n"
    )
    assert [path.name for path in tmp_path.iterdir()] == ["link"]


def test_an_existing_target_without_write_permission_is_refused(new, tmp_path, monkeypatch):
    target = tmp_path / "demo_site"
    target.mkdir()
    real_access = render_module.os.access
    monkeypatch.setattr(
        render_module.os, "access", lambda path, mode: path != target and real_access(path, mode)
    )
    result = new("demo_site")
    assert result.exit_code == 2
    assert result.stderr == f"Error: output-dir: cannot write into {target} (permission denied)\n"
    assert list(target.iterdir()) == []


@pytest.mark.parametrize(
    ("in_the_way", "problem"),
    [
        (
            lambda target: (target / "demo_site").write_text("a file"),
            "demo_site is not a directory",
        ),
        (lambda target: (target / "README.md").mkdir(), "README.md is a directory"),
        (lambda target: (target / "docs").symlink_to(target.parent), "docs leads outside"),
        (lambda target: (target / "docs").symlink_to("missing"), "docs is not a directory"),
    ],
    ids=["file for a directory", "directory for a file", "link outside", "link to nothing"],
)
def test_force_refuses_what_it_could_only_half_write(new, tmp_path, in_the_way, problem):
    target = tmp_path / "demo_site"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    in_the_way(target)
    before = sorted(path.name for path in target.iterdir())
    result = new("demo_site", "--force")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: output-dir: --force cannot write the template's ")
    assert problem in result.stderr and len(result.stderr.splitlines()) == 1
    assert sorted(path.name for path in target.iterdir()) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["demo_site"]


@pytest.mark.parametrize("failing_move", [1, 3, 5])
def test_a_move_that_fails_anyway_puts_back_everything_moved(
    new, tmp_path, monkeypatch, failing_move
):
    """A move the up-front check could not foresee (an immutable file, an I/O error)."""
    target = tmp_path / "demo_site"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    (target / "README.md").write_text("my readme")
    before = {path: path.read_bytes() for path in target.rglob("*") if path.is_file()}
    real_replace, calls = render_module.os.replace, []

    def replace(source, destination):
        calls.append(destination)
        if len(calls) == failing_move:
            raise OSError(5, "Input/output error")
        real_replace(source, destination)

    monkeypatch.setattr(render_module.os, "replace", replace)
    result = new("demo_site", "--force")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: writing the project failed ([Errno 5] Input/output error); "
        "the files already moved were put back\n"
    )
    assert {path: path.read_bytes() for path in target.rglob("*") if path.is_file()} == before
    assert sorted(path.name for path in target.iterdir()) == ["README.md", "notes.txt"]


@pytest.fixture
def interrupted_baseline(monkeypatch):
    """Ctrl-C as the git baseline is done: the project is already in place."""
    from scaffold import lifecycle

    real = lifecycle.init_baseline

    def interrupted(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(lifecycle, "init_baseline", interrupted)


@pytest.mark.parametrize(
    ("existing", "output_dir", "left"),
    [
        (None, "deep/down/demo_site", []),
        ("demo_site", "demo_site", ["demo_site"]),
    ],
    ids=["new directory and its parents", "existing empty directory"],
)
def test_ctrl_c_while_making_the_git_baseline_takes_the_project_back(
    new, tmp_path, interrupted_baseline, existing, output_dir, left
):
    if existing:
        (tmp_path / existing).mkdir()
    result = new("demo_site", "-o", output_dir)
    assert result.exit_code == 130
    assert "Interrupted." in result.stderr
    assert [path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*")] == left


def test_ctrl_c_after_force_removes_the_git_repository_it_made(new, tmp_path, interrupted_baseline):
    (tmp_path / "demo_site").mkdir()
    (tmp_path / "demo_site/notes.txt").write_text("mine")
    result = new("demo_site", "--force")
    assert result.exit_code == 130
    assert (tmp_path / "demo_site/notes.txt").read_text() == "mine"
    assert not (tmp_path / "demo_site/.git").exists()


def test_sigterm_cleans_up_like_ctrl_c(tmp_path):
    """CI cancels a job with SIGTERM; the staging directory (with the secret .env) must go."""
    code = (
        "import os, signal\n"
        "from pathlib import Path\n"
        "import scaffold.generate\n"
        "from scaffold import cli, render\n"
        f"render.templates_root = lambda: Path({str(FIXTURE_TEMPLATES)!r})\n"
        "real = scaffold.generate.generate_files\n"
        "def terminated(*args, **kwargs):\n"
        "    real(*args, **kwargs)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "scaffold.generate.generate_files = terminated\n"
        "import sys; sys.argv = ['scaffold', 'new', 'demo_site', '--no-input']\n"
        "cli.main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 130, done.stderr
    assert "Interrupted." in done.stderr
    assert list(tmp_path.iterdir()) == []

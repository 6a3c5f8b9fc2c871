"""A project's life after `scaffold new`: the git baseline, `check` and `update`.

Each test works on its own copy of the fixture templates, so it can change a
template the way a later scaffold release would, and on a git configured only
through the environment, so the machine's own git config plays no part.
"""

import json
import os
import shutil
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import __version__
from scaffold import render as render_module
from scaffold.cli import cli
from scaffold.lifecycle import CHANGING, PRISTINE_REF

FIXTURE_TEMPLATES = Path(__file__).parent / "fixtures" / "templates"
TEMPLATE = "django/{{cookiecutter.project_slug}}"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


class Lab:
    """A working directory, a private copy of the templates, and a project made from them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.templates = root / "templates"
        self.work = root / "work"
        self.project = self.work / "demo_site"

    def scaffold(self, *args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    def new(self, *args: str):
        result = self.scaffold("new", "demo_site", "--no-input", "--json", *args)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def git(self, *args: str, cwd: Path | None = None) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd or self.project,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    def commit(self, message: str = "my change") -> None:
        self.git("add", "--all")
        self.git("commit", "--quiet", "-m", message)

    def template_file(self, relative: str) -> Path:
        return self.templates / TEMPLATE / relative

    def edit_template(self, relative: str, old: str, new: str) -> None:
        path = self.template_file(relative)
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new))

    def edit_project(self, relative: str, old: str, new: str) -> None:
        path = self.project / relative
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new))

    def update(self, *args: str, path: str = "demo_site"):
        result = self.scaffold("update", path, "--json", *args)
        return result, json.loads(result.stdout) if result.stdout else None

    def check(self, path: str = "demo_site"):
        """``check --json`` of one path: the result and the one object of its list."""
        result = self.scaffold("check", path, "--json")
        listing = json.loads(result.stdout)
        assert len(listing) == 1 and listing[0]["path"] == str(Path(path).absolute())
        return result, listing[0]


def _write_gitconfig(path: Path, identity: bool, branch: str | None = "main") -> None:
    # No automatic gc and no sample hooks copied by each init: cheaper, and no
    # part of what is tested.
    text = "[advice]\n\tdetachedHead = false\n[gc]\n\tauto = 0\n[init]\n\ttemplateDir =\n"
    if branch is not None:
        text += f"[init]\n\tdefaultBranch = {branch}\n"
    if identity:
        text += "[user]\n\tname = Ada Lovelace\n\temail = ada@example.org\n"
    path.write_text(text)


def _set_up_lab(root: Path, monkeypatch: pytest.MonkeyPatch) -> Lab:
    for variable in (
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
    ):
        monkeypatch.delenv(variable, raising=False)
    _write_gitconfig(root / "gitconfig", identity=True)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(root / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(root / "home"))
    lab = Lab(root)
    shutil.copytree(FIXTURE_TEMPLATES, lab.templates)
    monkeypatch.setattr(render_module, "templates_root", lambda: lab.templates)
    lab.work.mkdir()
    monkeypatch.chdir(lab.work)
    return lab


@pytest.fixture
def lab(tmp_path, monkeypatch):
    return _set_up_lab(tmp_path, monkeypatch)


@pytest.fixture(scope="session")
def generated_once(tmp_path_factory) -> Path:
    """`scaffold new demo_site --no-input` with its baseline, made once per process."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        lab = _set_up_lab(tmp_path_factory.mktemp("generated-once"), monkeypatch)
        lab.new()
    return lab.project


@pytest.fixture
def project(lab, generated_once):
    """A freshly generated project whose git baseline is in place.

    A copy of one made once: a copied repository is as valid as the original,
    and it saves a render and a baseline commit per test.
    """
    shutil.copytree(generated_once, lab.project, symlinks=True)
    return lab


def _release_new_templates(lab: Lab) -> None:
    """What a later scaffold release does: change the README's last line and add a file."""
    lab.edit_template(
        "README.md",
        "database {{ cookiecutter.database }}.",
        "db {{ cookiecutter.database }}, pinned.",
    )
    lab.template_file("CONTRIBUTING.md").write_text(
        "Contribute to {{ cookiecutter.project_name }}.\n"
    )


# -- the git baseline of `scaffold new` ---------------------------------------------


def test_new_commits_the_render_as_the_pristine_baseline(lab):
    summary = lab.new()
    assert summary["git"] == "initialised"
    tracked = lab.git("ls-files").splitlines()
    assert ".scaffold.json" in tracked and "README.md" in tracked
    assert ".env" not in tracked  # git-ignored by the template: secrets stay out of history
    assert (lab.project / ".env").exists()
    assert lab.git("status", "--porcelain") == ""
    assert lab.git("log", "--format=%an <%ae>") == "Ada Lovelace <ada@example.org>"
    assert "Scaffold-Pristine: sha256:" in lab.git("log", "--format=%B")
    assert lab.git("rev-parse", PRISTINE_REF) == lab.git("rev-parse", "HEAD")


def test_new_without_a_git_identity_uses_a_neutral_author(lab):
    _write_gitconfig(lab.root / "gitconfig", identity=False)
    lab.new()
    assert lab.git("log", "--format=%an <%ae> / %cn <%ce>") == (
        "scaffold <scaffold@localhost> / scaffold <scaffold@localhost>"
    )


@pytest.mark.parametrize(("configured", "branch"), [(None, "main"), ("trunk", "trunk")])
def test_a_new_repository_starts_on_main_unless_git_is_told_otherwise(lab, configured, branch):
    _write_gitconfig(lab.root / "gitconfig", identity=True, branch=configured)
    lab.new()
    assert lab.git("symbolic-ref", "--short", "HEAD") == branch
    assert lab.git("branch", "--format=%(refname:short)") == branch


@pytest.mark.parametrize("framework", ["django", "flask"])
def test_the_generated_ci_runs_on_the_default_branch_and_pull_requests(tmp_path, framework):
    """Whatever the branch is called: a job condition, not a fixed branch name."""
    import yaml

    target = tmp_path / "demo_site"
    args = ["new", "demo_site", "--no-input", "--no-git", "--framework", framework]
    result = CliRunner().invoke(cli, [*args, "-o", str(target)])
    assert result.exit_code == 0, result.output
    workflow = yaml.safe_load((target / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"push", "pull_request"} and triggers["push"] is None
    assert workflow["jobs"]["test"]["if"] == (
        "github.event_name == 'pull_request' || "
        "github.ref_name == github.event.repository.default_branch"
    )


def test_new_with_no_git_makes_no_repository_and_says_nothing(lab):
    result = lab.scaffold("new", "demo_site", "--no-input", "--json", "--no-git")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["git"] == "skipped: --no-git"
    assert "Notice" not in result.stderr
    assert not (lab.project / ".git").exists()


def test_new_inside_an_existing_work_tree_records_the_tree_and_commits_nothing(lab):
    lab.git("init", "--quiet", cwd=lab.work)
    result = lab.scaffold("new", "demo_site", "--no-input", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["git"] == f"in work tree: {lab.work.resolve()}"
    assert "Notice: the project is inside the git work tree" in result.stderr
    assert not (lab.project / ".git").exists()
    assert lab.git("rev-list", "--all", cwd=lab.work) == ""  # the outer repository got nothing
    assert lab.git("status", "--porcelain", cwd=lab.work) == "?? demo_site/"
    assert lab.git("count-objects", cwd=lab.work).startswith("0 objects")
    # The record names the tree the project gets when committed as generated.
    lab.git("add", "demo_site", cwd=lab.work)
    tree = lab.git("write-tree", "--prefix=demo_site/", cwd=lab.work)
    listing = [
        line
        for line in lab.git("ls-tree", tree, cwd=lab.work).splitlines()
        if not line.endswith("\t.scaffold.json")
    ]
    bare = subprocess.run(
        ["git", "mktree"],
        input="\n".join(listing) + "\n",
        cwd=lab.work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert json.loads((lab.project / ".scaffold.json").read_text())["pristine_tree"] == bare


def test_new_into_an_empty_repository_makes_the_baseline_its_first_commit(lab):
    lab.project.mkdir(parents=True)
    lab.git("init", "--quiet")
    (lab.project / "notes.txt").write_text("mine")
    lab.git("add", "notes.txt")  # staged, not rendered: stays out of the baseline
    assert lab.new("--force")["git"] == "initialised"
    assert lab.git("rev-list", "--count", "HEAD") == "1"
    assert lab.git("rev-parse", "HEAD") == lab.git("rev-parse", PRISTINE_REF)
    assert lab.git("status", "--porcelain") == "?? notes.txt"
    assert lab.check()[0].exit_code == 0


def test_new_into_a_repository_with_history_leaves_it_alone(lab):
    lab.project.mkdir(parents=True)
    lab.git("init", "--quiet")
    (lab.project / "notes.txt").write_text("mine")
    lab.commit("their history")
    assert lab.new("--force")["git"] == f"in work tree: {lab.project.resolve()}"
    assert lab.git("rev-list", "--count", "HEAD") == "1"


def test_new_without_git_installed_says_so(lab, monkeypatch):
    monkeypatch.setattr("scaffold.git.available", lambda: False)
    result = lab.scaffold("new", "demo_site", "--no-input")
    assert result.exit_code == 0
    assert "Notice: no git baseline (skipped: git not found)" in result.stderr
    assert (lab.project / "README.md").exists()


def test_new_with_force_tracks_only_the_rendered_files(lab):
    lab.project.mkdir()
    (lab.project / "notes.txt").write_text("mine")
    lab.new("--force")
    assert "notes.txt" not in lab.git("ls-files")
    assert lab.git("status", "--porcelain") == "?? notes.txt"


# -- scaffold check -------------------------------------------------------------


def test_check_is_0_when_current(project):
    result, data = project.check()
    assert result.exit_code == 0
    assert data["current"] is True
    assert data["files_changed"] == []
    assert data["project_version"] == data["template_version"]


def test_check_is_1_and_lists_the_files_when_the_templates_changed(project):
    _release_new_templates(project)
    result, data = project.check()
    assert result.exit_code == 1
    assert data["current"] is False
    assert data["files_changed"] == ["CONTRIBUTING.md", "README.md"]
    assert project.git("status", "--porcelain") == ""

    human = project.scaffold("check", "demo_site")
    assert human.exit_code == 1
    assert "Update available" in human.stdout and "  README.md" in human.stdout


def test_check_writes_nothing_into_the_project_not_even_git_objects(project):
    """So it works on a read-only checkout, or one owned by another user."""
    _release_new_templates(project)
    objects = project.project / ".git/objects"
    before = sorted(path for path in objects.rglob("*"))
    for directory in [objects, *objects.iterdir()]:
        directory.chmod(0o555)
    try:
        result, data = project.check()
    finally:
        for directory in [objects, *objects.iterdir()]:
            directory.chmod(0o755)
    assert result.exit_code == 1, result.output
    assert data["files_changed"] == ["CONTRIBUTING.md", "README.md"]
    assert sorted(path for path in objects.rglob("*")) == before


def test_check_is_0_when_a_template_change_does_not_reach_this_project(project):
    project.templates.joinpath("flask", "NOTES.md").write_text("flask only\n")  # other template
    project.template_file("README.md").write_text(
        project.template_file("README.md").read_text() + "{% if cookiecutter.i18n %}i18n{% endif %}"
    )
    result, data = project.check()
    assert result.exit_code == 0
    assert data["current"] is True and data["files_changed"] == []
    head = project.git("rev-parse", "HEAD")
    result, data = project.update()  # update agrees: no merge that only rewrites the record
    assert result.exit_code == 0 and data["current"] is True
    assert project.git("rev-parse", "HEAD") == head


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (None, "not a scaffold project (no .scaffold.json)"),
        ("{not json", "unreadable"),
        ('{"answers": ' + "[" * 100_000 + "]" * 100_000 + "}", "unreadable"),
        ('{"template": "django", "answers": {"api": "graphql"}}', "unreadable answer"),
        (
            '{"template": "django", "answers": {"description": "\\ud800"}}',
            "unreadable answer (description: is not valid text",
        ),
        ('{"template": "django", "answers": {"admin": 1' + "0" * 5_000 + "}}", "unreadable"),
    ],
)
def test_check_is_2_for_a_directory_that_is_not_a_readable_project(lab, record, message):
    lab.project.mkdir()
    if record is not None:
        (lab.project / ".scaffold.json").write_text(record)
    result = lab.scaffold("check", "demo_site", "--json")
    assert result.exit_code == 2
    assert message in result.stderr
    [data] = json.loads(result.stdout)
    assert (data["status"], data["exit_code"]) == ("not-a-project", 2)
    assert message in data["error"]


def test_a_record_saved_with_a_byte_order_mark_and_crlf_is_read(project):
    """As an editor on Windows may save it."""
    record = project.project / ".scaffold.json"
    record.write_bytes(b"\xef\xbb\xbf" + record.read_bytes().replace(b"\n", b"\r\n"))
    project.commit("edited on Windows")
    result, data = project.check()
    assert result.exit_code == 0, result.output
    assert data["current"] is True


def test_check_without_a_baseline_answers_from_the_fingerprint(lab):
    lab.scaffold("new", "demo_site", "--no-input", "--no-git")
    _release_new_templates(lab)
    result, data = lab.check()
    assert result.exit_code == 1
    assert data["current"] is False and data["files_changed"] is None


# -- scaffold update ----------------------------------------------------------------


def test_update_merges_template_changes_and_keeps_the_users_edits(project):
    project.edit_project("README.md", "# demo_site", "# Demo Site, by us")
    env_before = (project.project / ".env").read_text()
    project.commit()
    _release_new_templates(project)

    result, data = project.update()

    assert result.exit_code == 0, result.output
    readme = (project.project / "README.md").read_text()
    assert readme.startswith("# Demo Site, by us")  # the user's edit survived
    assert "db sqlite, pinned." in readme  # the template's change arrived
    assert (project.project / "CONTRIBUTING.md").read_text() == "Contribute to demo_site.\n"
    assert data["merged"] == [".scaffold.json", "README.md"]
    assert data["added"] == ["CONTRIBUTING.md"]
    assert data["conflicted"] == data["removed"] == []
    assert (project.project / ".env").read_text() == env_before  # git-ignored: untouched
    # Committed as a merge of the new pristine render, which the ref now names.
    assert project.git("status", "--porcelain") == ""
    assert project.git("log", "-1", "--format=%s") == f"scaffold update to {__version__}"
    assert data["commit"] == project.git("rev-parse", "HEAD")
    assert project.git("rev-parse", "HEAD^2") == project.git("rev-parse", PRISTINE_REF)
    record = json.loads((project.project / ".scaffold.json").read_text())
    assert record["template_fingerprint"] == render_module.fingerprint("django")

    result, data = project.check()
    assert result.exit_code == 0 and data["current"] is True


def test_update_after_files_were_touched_but_not_changed(project):
    """A checkout, a copy or an editor's save that changes only file times leaves
    git status clean; the update must not take those files for changed ones."""
    later = time.time() + 60
    for name in ("README.md", ".scaffold.json"):
        os.utime(project.project / name, (later, later))
    _release_new_templates(project)

    result, data = project.update()

    assert result.exit_code == 0, result.output
    assert "README.md" in data["merged"]


def test_update_of_a_current_project_does_nothing(project):
    head = project.git("rev-parse", "HEAD")
    result, data = project.update()
    assert result.exit_code == 0
    assert data["current"] is True
    assert project.git("rev-parse", "HEAD") == head
    assert "Current: nothing to update" in project.scaffold("update", "demo_site").stdout


def test_a_conflict_exits_1_with_markers_and_is_listed(project):
    project.edit_project("README.md", "database sqlite.", "database sqlite, tuned by us.")
    project.commit()
    _release_new_templates(project)

    result, data = project.update()

    assert result.exit_code == 1
    assert data["conflicted"] == ["README.md"]
    assert data["commit"] is None
    readme = (project.project / "README.md").read_text()
    assert "<<<<<<< HEAD\n" in readme and "=======\n" in readme
    assert f">>>>>>> {PRISTINE_REF}\n" in readme
    assert "tuned by us" in readme and "db sqlite, pinned." in readme
    assert (project.project / "CONTRIBUTING.md").exists()  # the clean parts are applied
    assert project.git("diff", "--name-only", "--diff-filter=U") == "README.md"

    human = project.scaffold("update", "demo_site")  # a merge is now in progress
    assert human.exit_code == 2 and "a merge is in progress" in human.stderr


def test_the_conflict_message_tells_how_to_finish(project):
    project.edit_project("README.md", "database sqlite.", "database sqlite, tuned by us.")
    project.commit()
    _release_new_templates(project)
    result = project.scaffold("update", "demo_site")
    assert result.exit_code == 1
    assert "CONFLICT     README.md" in result.stdout
    assert "conflict markers" in result.stderr and "git merge --abort" in result.stderr


def test_a_resolved_conflict_makes_the_project_current(project):
    project.edit_project("README.md", "database sqlite.", "database sqlite, tuned by us.")
    project.commit()
    _release_new_templates(project)
    project.update()
    readme = project.project / "README.md"
    readme.write_text(readme.read_text().split("<<<<<<<")[0] + "db sqlite, pinned and tuned.\n")
    project.commit("resolve")
    result, data = project.check()
    assert result.exit_code == 0 and data["current"] is True


def test_an_abandoned_update_comes_back_next_time(project):
    project.edit_project("README.md", "database sqlite.", "database sqlite, tuned by us.")
    project.commit()
    _release_new_templates(project)
    project.update()
    project.git("merge", "--abort")
    assert project.scaffold("check", "demo_site").exit_code == 1
    result, data = project.update()
    assert result.exit_code == 1 and data["conflicted"] == ["README.md"]


@pytest.mark.parametrize(
    "dirty",
    [
        lambda p: (p / "README.md").write_text("unsaved work\n"),
        lambda p: (p / "scratch.py").write_text("print()\n"),
    ],
    ids=["modified", "untracked"],
)
def test_a_dirty_work_tree_is_refused_and_nothing_changes(project, dirty):
    _release_new_templates(project)
    dirty(project.project)
    head, ref = project.git("rev-parse", "HEAD"), project.git("rev-parse", PRISTINE_REF)
    status = project.git("status", "--porcelain")

    result, data = project.update()

    assert result.exit_code == 2 and data is None
    assert "uncommitted changes" in result.stderr
    assert project.git("status", "--porcelain") == status
    assert project.git("rev-parse", "HEAD") == head
    assert project.git("rev-parse", PRISTINE_REF) == ref
    assert not (project.project / "CONTRIBUTING.md").exists()


@pytest.mark.parametrize("args", [[], ["--dry-run"]])
def test_an_update_of_a_read_only_repository_is_refused_up_front(project, monkeypatch, args):
    from scaffold import lifecycle

    _release_new_templates(project)
    objects = project.project / ".git/objects"
    real_access = lifecycle.os.access
    monkeypatch.setattr(
        lifecycle.os, "access", lambda path, mode: path != objects and real_access(path, mode)
    )
    head = project.git("rev-parse", "HEAD")
    result = project.scaffold("update", "demo_site", *args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {project.project}: cannot write into {objects}\n"
    assert project.git("rev-parse", "HEAD", PRISTINE_REF) == f"{head}\n{head}"


def test_dry_run_shows_the_diff_and_changes_nothing(project):
    project.edit_project("README.md", "# demo_site", "# Demo Site, by us")
    project.commit()
    _release_new_templates(project)
    head, ref = project.git("rev-parse", "HEAD"), project.git("rev-parse", PRISTINE_REF)

    result = project.scaffold("update", "demo_site", "--dry-run")

    assert result.exit_code == 0, result.output
    assert "+By Ada Lovelace <ada@example.org>, db sqlite, pinned." in result.stdout
    assert "+Contribute to demo_site." in result.stdout
    assert "Would update" in result.stdout
    assert project.git("status", "--porcelain") == ""
    assert project.git("rev-parse", "HEAD") == head
    assert project.git("rev-parse", PRISTINE_REF) == ref
    assert len(project.git("worktree", "list").splitlines()) == 1

    result, data = project.update("--dry-run")
    assert data["dry_run"] is True and data["added"] == ["CONTRIBUTING.md"]
    assert "db sqlite, pinned." in data["diff"]


def test_ctrl_c_as_a_dry_run_adds_its_worktree_leaves_none_behind(project, monkeypatch):
    from scaffold import git

    _release_new_templates(project)
    real = git.run

    def interrupted_after_worktree_add(cwd, *args, **kwargs):
        done = real(cwd, *args, **kwargs)
        if args[:2] == ("worktree", "add"):
            real(cwd, "worktree", "lock", args[-2])  # as git leaves it when killed mid-add
            raise KeyboardInterrupt
        return done

    monkeypatch.setattr(git, "run", interrupted_after_worktree_add)
    result = project.scaffold("update", "demo_site", "--dry-run")
    assert result.exit_code == 130
    assert len(project.git("worktree", "list").splitlines()) == 1


# What scaffold 0.1 wrote: a value for every question, stated or not, and no "not_stated".
EARLIER_ANSWERS = {
    "scale": "medium",
    "performance": "standard",
    "components": "batteries",
    "database_tests": True,
    "team_experience": "intermediate",
    "database": "sqlite",
    "security": "standard",
    "architecture": "monolith",
    "api": "none",
    "admin": True,
    "i18n": False,
    "use_case": "web-app",
}


def _write_earlier_record(project, answers):
    """Make the project's record (and its pristine render) one an earlier scaffold wrote."""
    path = project.project / ".scaffold.json"
    record = json.loads(path.read_text())
    texts = {key: value for key, value in record["answers"].items() if key not in EARLIER_ANSWERS}
    record["answers"] = {**texts, **answers}
    del record["not_stated"]
    path.write_text(json.dumps(record, indent=2) + "\n")
    project.git("commit", "--quiet", "--all", "--amend", "--no-edit")  # the pristine render
    project.git("update-ref", PRISTINE_REF, "HEAD")


@pytest.mark.parametrize("args", [[], ["--set", "api=rest"]], ids=["update", "update --set"])
def test_a_record_without_a_later_question_leaves_it_not_stated(project, args):
    """A project made before a question existed can still be checked and updated."""
    earlier = {
        key: value for key, value in EARLIER_ANSWERS.items() if key not in ("i18n", "use_case")
    }
    _write_earlier_record(project, earlier)
    _release_new_templates(project)

    assert project.check()[0].exit_code == 1
    result = project.update(*args)[0]

    assert result.exit_code == 0, result.output
    record = json.loads((project.project / ".scaffold.json").read_text())
    # i18n configures the starter: the template's default; use_case does not: no value.
    assert record["answers"]["i18n"] is False and "use_case" not in record["answers"]
    assert record["not_stated"] == ["i18n", "use_case"]
    assert project.check()[0].exit_code == 0


def test_the_answers_of_an_earlier_record_are_all_taken_as_stated(project):
    """scaffold cannot tell which answers of an earlier record were typed: all of them vote."""
    _write_earlier_record(project, EARLIER_ANSWERS)
    assert project.check()[0].exit_code == 0
    result, data = project.update("--set", "architecture=microservices")
    assert result.exit_code == 0, result.output
    record = json.loads((project.project / ".scaffold.json").read_text())
    assert record["not_stated"] == []
    assert record["answers"] == {
        **record["answers"],
        **EARLIER_ANSWERS,
        "architecture": "microservices",
    }
    # The earlier defaults vote: batteries, admin, ... give Django 9, microservices Flask 4 + 2.
    assert data["recommendation"]["scores"] == {"django": 9, "flask": 6}
    assert data["recommendation"]["framework"] == "django" and data["notice"] is None


# -- deciding again when the needs change (update --set on a criterion) ---------------


def _decision(lab):
    return (lab.project / "docs/decisions/0001-framework-choice.md").read_text()


def test_update_set_on_a_criterion_decides_again_and_never_switches(project):
    result = project.scaffold("update", "demo_site", "--set", "architecture=microservices")
    assert result.exit_code == 0, result.output
    notice = (
        "For the answers as they are now, scaffold recommends Flask; the project stays "
        "Django (see docs/decisions/0001-framework-choice.md)."
    )
    assert notice in result.output.splitlines()
    record = json.loads((project.project / ".scaffold.json").read_text())
    assert record["template"] == "django" and record["answers"]["framework"] == "django"
    assert "architecture" not in record["not_stated"]
    decision = _decision(project)
    today = date.today().isoformat()
    section = decision.split(f"## Revisited on {today}\n", 1)[1]
    assert "`scaffold update --set architecture=microservices` changed the answers" in section
    assert "| Deployment architecture | microservices | 0 | 4 |" in section
    assert "| Admin interface | not stated (starter default: yes) | 0 | 0 |" in section
    assert "What would change the recommendation: Django if: architecture = monolith." in section
    assert "scaffold now recommends **Flask**; the project stays Django" in section
    assert decision.startswith("# 1. Framework choice")  # the original record stays above
    assert project.check()[0].exit_code == 0


def test_update_set_json_has_the_new_recommendation_and_the_notice(project):
    result, data = project.update("--set", "use_case=iot")
    assert result.exit_code == 0, result.output
    assert data["recommendation"]["framework"] == "flask"
    assert data["recommendation"]["what_if"]
    assert data["notice"].startswith("For the answers as they are now, scaffold recommends Flask")


def test_a_recommendation_that_still_agrees_is_recorded_without_a_notice(project):
    result, data = project.update("--set", "admin=true")
    assert result.exit_code == 0, result.output
    assert data["recommendation"]["framework"] == "django" and data["notice"] is None
    assert "The recommendation is still **Django**." in _decision(project)


def test_update_set_of_a_text_option_does_not_decide_again(project):
    result, data = project.update("--set", "description=Sells things")
    assert result.exit_code == 0, result.output
    assert data["recommendation"] is None
    assert "## Revisited" not in _decision(project)


def test_the_revisited_section_merges_into_an_edited_decision_record(project):
    project.edit_project(
        "docs/decisions/0001-framework-choice.md", "Accepted.", "Accepted by the team."
    )
    project.commit("our reading of the decision")
    result = project.scaffold("update", "demo_site", "--set", "scale=small")
    assert result.exit_code == 0, result.output
    decision = _decision(project)
    assert "Accepted by the team." in decision and "## Revisited on " in decision
    assert "<<<<<<<" not in decision


def test_a_slug_reserved_after_the_project_was_made_is_still_updated(lab, monkeypatch):
    from scaffold import rules

    lab.new()
    monkeypatch.setattr(rules, "RESERVED_NAMES", rules.RESERVED_NAMES | {"demo_site"})
    _release_new_templates(lab)
    assert lab.check()[0].exit_code == 1
    assert lab.update()[0].exit_code == 0
    result = lab.scaffold("update", "demo_site", "--set", "project_slug=demo_site")
    assert result.exit_code == 2  # choosing it anew is refused, as in new
    assert "project_slug: 'demo_site' would shadow" in result.stderr


def test_set_adds_the_api_to_a_project(lab):
    # A template whose API package exists only when the api answer asks for it.
    lab.template_file("{{cookiecutter.project_slug}}/api.py").write_text("ROUTES = []\n")
    hook = lab.templates / "django/hooks/post_gen_project.py"
    hook.write_text(
        hook.read_text()
        + '\nif "{{ cookiecutter.api }}" == "none":\n'
        + '    Path("{{ cookiecutter.project_slug }}/api.py").unlink()\n'
    )
    lab.new()
    assert not (lab.project / "demo_site/api.py").exists()

    result, data = lab.update("--set", "api=rest")

    assert result.exit_code == 0, result.output
    assert data["added"] == ["demo_site/api.py"]
    assert (lab.project / "demo_site/api.py").read_text() == "ROUTES = []\n"
    assert json.loads((lab.project / ".scaffold.json").read_text())["answers"]["api"] == "rest"
    assert "Changed answers: api=rest" in lab.git("log", "-1", "--format=%B")
    result, data = lab.check()
    assert result.exit_code == 0 and data["current"] is True


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("api=graphql", "api: 'graphql' is not one of none, rest"),
        ("colour=red", "colour: unknown key"),
        ("api", "--set: 'api' is not KEY=VALUE"),
        ("framework=flask", "the framework cannot change"),
        ("database=mongodb", "django is ruled out"),
        # Only what a Django project can take is suggested:
        (
            "database=couchdb",
            "database: 'couchdb' is not one of sqlite, postgresql, mysql, mariadb, oracle\n",
        ),
        ("scale=large", "choose one of postgresql, mysql, mariadb, oracle\n"),
    ],
)
def test_set_is_validated_like_new(project, setting, message):
    result, _ = project.update("--set", setting)
    assert result.exit_code == 2
    assert message in result.stderr
    assert project.git("status", "--porcelain") == ""


def test_files_the_template_removes(lab):
    for name in ("OLD.md", "TWEAKED.md"):
        lab.template_file(name).write_text("from the template\n")
    lab.new()
    (lab.project / "TWEAKED.md").write_text("from the template\nand us\n")
    lab.commit()
    lab.template_file("OLD.md").unlink()
    lab.template_file("TWEAKED.md").unlink()

    result, data = lab.update()

    assert result.exit_code == 0, result.output
    assert data["removed"] == ["OLD.md"]  # unchanged by the user: removed
    assert data["kept"] == ["TWEAKED.md"]  # changed by the user: kept and reported
    assert not (lab.project / "OLD.md").exists()
    assert (lab.project / "TWEAKED.md").read_text().endswith("and us\n")


def test_files_the_user_deleted_stay_deleted(project):
    project.git("rm", "--quiet", "README.md")
    project.commit("we write our own docs")
    _release_new_templates(project)

    result, data = project.update()

    assert result.exit_code == 0, result.output
    assert data["left_deleted"] == ["README.md"]
    assert not (project.project / "README.md").exists()
    assert (project.project / "CONTRIBUTING.md").exists()


def test_update_says_why_git_refuses_a_repository_of_another_user(project, monkeypatch):
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")  # as git >= 2.35.2 sees it
    result = project.scaffold("update", "demo_site")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"Error: {project.project}: git refuses to work in it (detected dubious ownership"
    )
    assert len(result.stderr.splitlines()) == 1


def test_update_refuses_a_project_without_git(lab):
    lab.scaffold("new", "demo_site", "--no-input", "--no-git")
    _release_new_templates(lab)
    result, _ = lab.update()
    assert result.exit_code == 2
    assert "is not a git repository" in result.stderr
    assert not (lab.project / "CONTRIBUTING.md").exists()


def test_a_clone_without_the_private_ref_finds_its_base_in_history(project):
    project.edit_project("README.md", "# demo_site", "# Demo Site, by us")
    project.commit()
    clone = project.work / "clone"
    project.git("clone", "--quiet", str(project.project), str(clone), cwd=project.work)
    _release_new_templates(project)
    assert project.git("for-each-ref", "refs/scaffold", cwd=clone) == ""

    result, data = project.update(path="clone")

    assert result.exit_code == 0, result.output
    assert data["added"] == ["CONTRIBUTING.md"]
    assert (clone / "README.md").read_text().startswith("# Demo Site, by us")


def test_two_updates_in_a_row_use_the_newer_base(project):
    _release_new_templates(project)
    assert project.update()[0].exit_code == 0
    project.edit_template("CONTRIBUTING.md", "Contribute", "Please contribute")
    result, data = project.update()
    assert result.exit_code == 0, result.output
    assert data["merged"] == [".scaffold.json", "CONTRIBUTING.md"]
    assert (project.project / "CONTRIBUTING.md").read_text().startswith("Please contribute")


def test_check_inside_a_git_hook_of_another_repository_looks_at_the_project(project, monkeypatch):
    other = project.work / "other"
    project.git("init", "--quiet", str(other), cwd=project.work)
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(other / ".git/index"))
    _release_new_templates(project)
    result, data = project.check()
    assert result.exit_code == 1
    assert data["files_changed"] == ["CONTRIBUTING.md", "README.md"]


def test_the_projects_hooks_do_not_run_for_scaffolds_own_git_commands(lab):
    hooks = lab.root / "hooks"
    hooks.mkdir()
    for name in ("pre-commit", "commit-msg", "post-checkout", "post-merge"):
        hook = hooks / name
        hook.write_text(f"#!/bin/sh\necho {name} >> {lab.root}/hooks-ran\nexit 1\n")
        hook.chmod(0o755)
    lab.new()
    with (lab.root / "gitconfig").open("a") as config:
        config.write(f"[core]\n\thooksPath = {hooks}\n")
    _release_new_templates(lab)

    assert lab.update("--dry-run")[0].exit_code == 0
    result, data = lab.update()

    assert result.exit_code == 0, result.output
    assert data["commit"]
    assert not (lab.root / "hooks-ran").exists()


def test_a_dry_run_that_would_conflict_exits_1_and_changes_nothing(project):
    project.edit_project("README.md", "database sqlite.", "database sqlite, tuned by us.")
    project.commit()
    _release_new_templates(project)
    head = project.git("rev-parse", "HEAD")

    result, data = project.update("--dry-run")

    assert result.exit_code == 1
    assert data["conflicted"] == ["README.md"]
    assert "+<<<<<<< HEAD" in data["diff"]
    assert project.git("status", "--porcelain") == ""
    assert project.git("rev-parse", "HEAD") == head


def test_a_file_the_template_adds_where_the_user_has_one_conflicts(project):
    (project.project / "CONTRIBUTING.md").write_text("Our own rules.\n")
    project.commit()
    _release_new_templates(project)

    result, data = project.update()

    assert result.exit_code == 1
    assert data["conflicted"] == ["CONTRIBUTING.md"]
    text = (project.project / "CONTRIBUTING.md").read_text()
    assert "Our own rules." in text and "Contribute to demo_site." in text


def test_check_in_a_shallow_clone_answers_from_the_fingerprint(project):
    project.edit_project("README.md", "# demo_site", "# Demo Site, by us")
    project.commit()
    clone = project.work / "clone"
    source = f"file://{project.project}"
    project.git("clone", "--quiet", "--depth", "1", source, str(clone), cwd=project.work)
    _release_new_templates(project)

    result, data = project.check(path="clone")

    assert result.exit_code == 1
    assert data["current"] is False and data["files_changed"] is None


def test_check_of_a_current_shallow_clone_names_the_base_update_would_rebuild(project):
    project.edit_project("README.md", "# demo_site", "# Demo Site, by us")
    project.commit()
    clone = project.work / "clone"
    source = f"file://{project.project}"
    project.git("clone", "--quiet", "--depth", "1", source, str(clone), cwd=project.work)

    result, data = project.check(path="clone")

    assert result.exit_code == 0 and data["current"] is True
    assert data["base"] == "rebuilt" and data["baseline"] is None
    assert project.git("status", "--porcelain", cwd=clone) == ""
    result, data = project.update(path="clone")
    assert result.exit_code == 0 and data["current"] is True and data["base"] == "rebuilt"


REAL_TEMPLATES = Path(__file__).parent.parent / "templates"


@pytest.mark.generated
def test_an_updated_real_django_project_still_passes_its_own_tests(lab):
    """The issue's promise: after a clean update the project's own checks still pass."""
    import harness  # tests/generated, put on sys.path by the root conftest

    shutil.rmtree(lab.templates)
    shutil.copytree(REAL_TEMPLATES, lab.templates, ignore=shutil.ignore_patterns("__pycache__"))
    lab.new("--framework", "django")
    with (lab.project / "README.md").open("a") as readme:
        readme.write("\nOur team's notes.\n")
    lab.commit()
    settings = lab.template_file("config/settings/base.py")
    settings.write_text(settings.read_text() + "\nUPDATED_BY_THE_TEMPLATE = True\n")

    result, data = lab.update("--set", "api=rest")

    assert result.exit_code == 0, result.output
    assert "tests/test_api.py" in data["added"]
    assert "config/settings/base.py" in data["merged"]
    assert (lab.project / "README.md").read_text().endswith("Our team's notes.\n")
    env = harness.project_env(lab.project)
    env.run(["ruff", "check", "."], cwd=lab.project)
    env.run(["python", "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=lab.project)


def test_path_defaults_to_the_current_directory(project, monkeypatch):
    _release_new_templates(project)
    monkeypatch.chdir(project.project)
    assert project.scaffold("check").exit_code == 1
    assert project.scaffold("update").exit_code == 0
    assert project.scaffold("check").exit_code == 0


def test_check_of_a_missing_path_is_2(lab):
    result = lab.scaffold("check", "nowhere")
    assert result.exit_code == 2
    assert "not a scaffold project" in result.stderr


# -- a base that cannot be mistaken: squash, rebase, fresh and shallow clones -----------


def _user_work(lab: Lab, path: Path) -> None:
    """What a team does to its project: edit a file, add one, delete one."""
    readme = path / "README.md"
    readme.write_text(readme.read_text().replace("# demo_site", "# Demo Site, by us"))
    (path / "demo_site/views.py").write_text("def home():\n    return 'ours'\n")
    lab.git("rm", "--quiet", "demo_site/__init__.py", cwd=path)
    lab.git("add", "--all", cwd=path)
    lab.git("commit", "--quiet", "-m", "our work", cwd=path)


def _assert_user_work_survived(path: Path) -> None:
    assert (path / "README.md").read_text().startswith("# Demo Site, by us")
    assert (path / "demo_site/views.py").read_text() == "def home():\n    return 'ours'\n"
    assert not (path / "demo_site/__init__.py").exists()


def _second_release(lab: Lab) -> None:
    lab.edit_template("README.md", "Derived:", "Derived (second release):")


def _trailer(lab: Lab) -> str:
    return lab.git("log", "-1", "--format=%(trailers:key=Scaffold-Pristine)", PRISTINE_REF)


def _squash_messages(lab: Lab) -> dict[str, str]:
    trailer = _trailer(lab)
    return {
        # GitHub's default for a pull request of several commits: the title, then
        # every commit message, so the trailer lands in a commit holding user work.
        "github": f"Update templates (#1)\n\n* scaffold update to 0.1.0\n\n"
        f"* Pristine render of the django template, scaffold 0.1.0\n\n{trailer}\n",
        # What `git merge --squash` prepares (SQUASH_MSG), trailer line unindented.
        "git": f"Squashed commit of the following:\n\nPristine render of the django "
        f"template\n\n{trailer}\n",
    }


@pytest.fixture(params=["github", "git"])
def squashed(project, request):
    """An update made on a branch, squash-merged into main after the team's work there."""
    project.git("switch", "--quiet", "-c", "update")
    _release_new_templates(project)
    assert project.update()[0].exit_code == 0
    project.git("switch", "--quiet", "main")
    _user_work(project, project.project)
    project.git("merge", "--quiet", "--squash", "update")
    project.git("commit", "--quiet", "-m", _squash_messages(project)[request.param])
    project.git("branch", "--quiet", "-D", "update")
    return project


def _clone(lab: Lab, source: Path, *args: str) -> Path:
    clone = lab.work / "clone"
    lab.git("clone", "--quiet", *args, f"file://{source}", str(clone), cwd=lab.work)
    return clone


def test_after_a_squash_merge_a_fresh_clone_loses_no_work(squashed):
    clone = _clone(squashed, squashed.project)
    assert squashed.git("for-each-ref", "refs/scaffold", cwd=clone) == ""
    # A newer release cannot rebuild the render the squash lost: refused, nothing touched.
    _second_release(squashed)
    head = squashed.git("rev-parse", "HEAD", cwd=clone)
    result, data = squashed.update(path="clone")
    assert result.exit_code == 2 and data is None
    assert "the base of the merge cannot be verified" in result.stderr
    assert squashed.git("rev-parse", "HEAD", cwd=clone) == head
    assert squashed.git("status", "--porcelain", cwd=clone) == ""
    _assert_user_work_survived(clone)
    check, data = squashed.check(path="clone")
    assert check.exit_code == 1 and data["base"] == "missing"


def test_after_a_squash_merge_the_kept_ref_is_the_base(squashed):
    """Where the update was made, the ref still names the pristine commit the squash lost."""
    _second_release(squashed)
    result, data = squashed.update()
    assert result.exit_code == 0, result.output
    assert data["merged"] == [".scaffold.json", "README.md"] and data["base"] == "history"
    _assert_user_work_survived(squashed.project)
    assert "Derived (second release):" in (squashed.project / "README.md").read_text()


def test_the_older_scaffold_keeps_a_rebuilt_base_for_the_newer_one(squashed):
    clone = _clone(squashed, squashed.project)
    # The templates that made it: the base is rebuilt, verified against the tree id,
    # and kept in the ref.
    result, data = squashed.update(path="clone")
    assert result.exit_code == 0, result.output
    assert data["current"] is True and data["base"] == "rebuilt"
    _assert_user_work_survived(clone)
    assert squashed.git("for-each-ref", "--format=%(refname)", "refs/scaffold", cwd=clone) == (
        PRISTINE_REF
    )
    _second_release(squashed)
    result, data = squashed.update(path="clone")
    assert result.exit_code == 0, result.output
    assert data["merged"] == [".scaffold.json", "README.md"]
    _assert_user_work_survived(clone)
    assert "Derived (second release):" in (clone / "README.md").read_text()


def test_pull_rebase_of_an_update_loses_no_work(project):
    """The update is rebased onto the team's work: its pristine commit now holds that work."""
    origin = project.work / "origin.git"
    project.git("clone", "--quiet", "--bare", str(project.project), str(origin), cwd=project.work)
    project.git("remote", "add", "origin", str(origin))
    project.git("fetch", "--quiet", "origin")
    project.git("branch", "--quiet", "--set-upstream-to=origin/main")
    teammate = project.work / "teammate"
    project.git("clone", "--quiet", str(origin), str(teammate), cwd=project.work)
    _user_work(project, teammate)
    project.git("push", "--quiet", "origin", "main", cwd=teammate)
    _release_new_templates(project)
    assert project.update()[0].exit_code == 0
    project.git("pull", "--quiet", "--rebase")
    replayed = project.git("log", "--format=%B", "origin/main..HEAD")
    assert "Scaffold-Pristine:" in replayed  # the pristine commit, now on top of the team's work
    project.git("push", "--quiet", "origin", "main")

    clone = _clone(project, origin)
    _second_release(project)
    result, _ = project.update(path="clone")
    assert result.exit_code == 2 and "cannot be verified" in result.stderr
    _assert_user_work_survived(clone)
    # Where the update was made, the ref still has the true base.
    result, data = project.update()
    assert result.exit_code == 0, result.output
    assert data["merged"] == [".scaffold.json", "README.md"]
    _assert_user_work_survived(project.project)
    assert (project.project / "CONTRIBUTING.md").exists()


def test_a_shallow_clone_is_refused_rather_than_guessed(project):
    _user_work(project, project.project)
    clone = _clone(project, project.project, "--depth", "1")
    _release_new_templates(project)
    result, _ = project.update(path="clone")
    assert result.exit_code == 2 and "git fetch --unshallow" in result.stderr
    _assert_user_work_survived(clone)
    project.git("fetch", "--quiet", "--unshallow", cwd=clone)
    result, data = project.update(path="clone")
    assert result.exit_code == 0, result.output
    assert data["added"] == ["CONTRIBUTING.md"]
    _assert_user_work_survived(clone)


def test_a_clone_without_the_ref_merges_from_the_verified_commit(project):
    _user_work(project, project.project)
    clone = _clone(project, project.project)
    _release_new_templates(project)
    result, data = project.update(path="clone")
    assert result.exit_code == 0, result.output
    assert data["base"] == "history" and data["added"] == ["CONTRIBUTING.md"]
    _assert_user_work_survived(clone)


def _make_legacy(lab: Lab) -> None:
    """Turn a fresh project into one made by scaffold 0.1.0: no pristine_tree in its record."""
    record = json.loads((lab.project / ".scaffold.json").read_text())
    del record["pristine_tree"]
    (lab.project / ".scaffold.json").write_text(json.dumps(record, indent=2) + "\n")
    lab.git("commit", "--quiet", "--all", "--amend", "--no-edit")
    lab.git("update-ref", PRISTINE_REF, "HEAD")


def test_a_project_of_the_previous_version_updates_and_gets_a_tree_id(project):
    _make_legacy(project)
    _user_work(project, project.project)
    _release_new_templates(project)
    result, data = project.update()
    assert result.exit_code == 0, result.output
    assert data["base"] == "legacy" and data["added"] == ["CONTRIBUTING.md"]
    _assert_user_work_survived(project.project)
    assert "pristine_tree" in json.loads((project.project / ".scaffold.json").read_text())


def test_a_squash_message_does_not_make_a_pristine_commit_of_the_previous_version(project):
    """Without a tree id, only a chain of scaffold's own commits counts, not a copied trailer."""
    _make_legacy(project)
    root = project.git("rev-parse", "HEAD")
    _user_work(project, project.project)
    message = _squash_messages(project)["github"]
    project.git("commit", "--quiet", "--allow-empty", "-m", message)
    clone = _clone(project, project.project)
    _release_new_templates(project)
    result, _ = project.update(path="clone")
    assert result.exit_code == 0, result.output
    assert project.git("rev-parse", "HEAD^2^", cwd=clone) == root  # merged from the real base
    _assert_user_work_survived(clone)


def test_a_failing_commit_is_undone_and_not_called_a_conflict(project):
    _release_new_templates(project)
    head, ref = project.git("rev-parse", "HEAD"), project.git("rev-parse", PRISTINE_REF)
    project.git("config", "commit.gpgSign", "true")
    project.git("config", "gpg.program", "false")  # signing without a usable key
    result = project.scaffold("update", "demo_site")
    assert result.exit_code == 4
    assert "the update was undone, nothing changed" in result.stderr
    assert "conflict" not in result.output.lower()
    assert project.git("rev-parse", "HEAD", PRISTINE_REF) == f"{head}\n{ref}"
    assert project.git("status", "--porcelain") == ""
    assert not (project.project / "CONTRIBUTING.md").exists()


# -- projects inside a larger repository (a monorepo) ----------------------------------


@pytest.fixture
def monorepo(lab):
    """A repository with other work in it, and the project generated into a subdirectory."""
    lab.git("init", "--quiet", cwd=lab.work)
    (lab.work / "billing").mkdir()
    (lab.work / "billing/app.py").write_text("print('billing')\n")
    lab.git("add", "--all", cwd=lab.work)
    lab.git("commit", "--quiet", "-m", "the monorepo", cwd=lab.work)
    assert lab.new()["git"] == f"in work tree: {lab.work.resolve()}"
    lab.git("add", "demo_site", cwd=lab.work)
    lab.git("commit", "--quiet", "-m", "add demo_site", cwd=lab.work)
    return lab


def test_a_project_in_a_monorepo_is_current_against_its_commit(monorepo):
    result, data = monorepo.check()
    assert result.exit_code == 0, result.output
    assert data["base"] == "history"
    assert data["baseline"] == monorepo.git("rev-parse", "HEAD", cwd=monorepo.work)


def test_a_project_in_a_monorepo_updates_and_nothing_outside_changes(monorepo):
    lab = monorepo
    lab.edit_project("README.md", "# demo_site", "# Demo Site, by us")
    lab.git("commit", "--quiet", "--all", "-m", "our work", cwd=lab.work)
    (lab.work / "billing/app.py").write_text("print('unsaved')\n")  # not committed: left alone
    _release_new_templates(lab)
    result, data = lab.check()
    assert result.exit_code == 1 and data["files_changed"] == ["CONTRIBUTING.md", "README.md"]

    result, data = lab.update()

    assert result.exit_code == 0, result.output
    assert data["added"] == ["CONTRIBUTING.md"]
    assert data["merged"] == [".scaffold.json", "README.md"]
    changed = lab.git("diff", "--name-only", "HEAD^1", "HEAD", cwd=lab.work).splitlines()
    assert changed == [
        "demo_site/.scaffold.json",
        "demo_site/CONTRIBUTING.md",
        "demo_site/README.md",
    ]
    assert (lab.work / "billing/app.py").read_text() == "print('unsaved')\n"
    assert lab.git("diff", "--name-only", cwd=lab.work) == "billing/app.py"  # still unstaged
    assert lab.git("diff", "--cached", "--name-only", cwd=lab.work) == ""
    readme = (lab.project / "README.md").read_text()
    assert readme.startswith("# Demo Site, by us") and "db sqlite, pinned." in readme
    assert lab.check()[0].exit_code == 0


def test_a_dry_run_in_a_monorepo_shows_paths_of_the_project(monorepo):
    _release_new_templates(monorepo)
    result, data = monorepo.update("--dry-run")
    assert result.exit_code == 0, result.output
    assert "+++ b/CONTRIBUTING.md" in data["diff"]
    assert monorepo.git("status", "--porcelain", cwd=monorepo.work) == ""


def test_a_project_committed_with_edits_in_a_monorepo_is_rebuilt_and_verified(lab):
    lab.git("init", "--quiet", cwd=lab.work)
    lab.new()
    lab.edit_project("README.md", "# demo_site", "# Demo Site, by us")  # before its first commit
    lab.git("add", "demo_site", cwd=lab.work)
    lab.git("commit", "--quiet", "-m", "add demo_site", cwd=lab.work)
    result, data = lab.update()
    assert result.exit_code == 0 and data["current"] is True and data["base"] == "rebuilt"
    _release_new_templates(lab)
    result, data = lab.update()
    assert result.exit_code == 0, result.output
    assert (lab.project / "README.md").read_text().startswith("# Demo Site, by us")


# -- fleets: check on many paths ------------------------------------------------------


def test_check_of_many_paths_lists_each_and_exits_with_the_worst(lab):
    lab.new()
    lab.scaffold("new", "other_site", "--no-input")
    (lab.work / "plain").mkdir()
    lab.template_file("CONTRIBUTING.md").write_text(
        "{% if cookiecutter.project_slug == 'other_site' %}x{% endif %}\n"
    )
    result = lab.scaffold("check", "--json", "demo_site", "other_site")
    assert result.exit_code == 1
    listing = json.loads(result.stdout)
    assert [(item["path"], item["status"], item["exit_code"]) for item in listing] == [
        (str(lab.work / "demo_site"), "update-available", 1),
        (str(lab.work / "other_site"), "update-available", 1),
    ]
    result = lab.scaffold("check", "--json", "demo_site", "plain", "other_site")
    assert result.exit_code == 2
    assert [item["status"] for item in json.loads(result.stdout)] == [
        "update-available",
        "not-a-project",
        "update-available",
    ]
    human = lab.scaffold("check", "demo_site", "other_site")
    assert "demo_site: Update available" in human.stdout


def test_a_failure_of_check_itself_is_not_an_update_available(project, monkeypatch):
    from scaffold.errors import GenerationError

    def broken(*args, **kwargs):
        raise GenerationError("No space left on device")

    _release_new_templates(project)
    monkeypatch.setattr(render_module, "render_project", broken)
    result = project.scaffold("check", "--json", "demo_site")
    assert result.exit_code == 4
    [data] = json.loads(result.stdout)
    assert data["status"] == "failed" and "No space left on device" in data["error"]


def test_check_names_the_baseline_when_current(project):
    result, data = project.check()
    assert result.exit_code == 0
    assert data["baseline"] == project.git("rev-parse", "HEAD")
    assert data["base"] == "history" and data["status"] == "current"


def test_a_binary_file_both_sides_changed_keeps_ours_and_puts_theirs_beside_it(lab):
    lab.template_file("messages.mo").write_bytes(b"\xde\x12\x04\x95\x00\x00template 1")
    lab.new()
    (lab.project / "messages.mo").write_bytes(b"\xde\x12\x04\x95\x00\x00ours")
    lab.commit("our translations")
    lab.template_file("messages.mo").write_bytes(b"\xde\x12\x04\x95\x00\x00template 2")

    result = lab.scaffold("update", "demo_site")

    assert result.exit_code == 1
    assert (
        "CONFLICT     messages.mo: both changed; ours kept, theirs in messages.mo.theirs"
        in result.stdout
    )
    assert "conflict markers" not in result.stderr
    assert (lab.project / "messages.mo").read_bytes() == b"\xde\x12\x04\x95\x00\x00ours"
    theirs = (lab.project / "messages.mo.theirs").read_bytes()
    assert theirs == b"\xde\x12\x04\x95\x00\x00template 2"
    lab.git("merge", "--abort")
    (lab.project / "messages.mo.theirs").unlink()
    result, data = lab.update()
    assert data["conflicted"] == data["binary"] == ["messages.mo"]


# -- update --plan: exactly what the update will do ---------------------------------


def _tree_state(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (``.git`` included: objects, refs, index) and its bytes."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def _changed_by_update(lab: Lab, conflicted: bool) -> tuple[set[str], set[str]]:
    """The project's files the update changed, and those left in conflict."""
    relative = ["--relative"]
    if conflicted:  # the merge is in progress: against HEAD, index and work tree
        changed = lab.git("diff", "--name-only", "--no-renames", *relative, "HEAD")
        unmerged = set(lab.git("diff", "--name-only", "--diff-filter=U", *relative).splitlines())
        return set(changed.splitlines()) | unmerged, unmerged
    changed = lab.git("diff", "--name-only", "--no-renames", *relative, "HEAD^1", "HEAD")
    return set(changed.splitlines()), set()


def _commit_in(lab: Lab) -> None:
    lab.git("add", "--all", ".")
    lab.git("commit", "--quiet", "--allow-empty", "-m", "our work")


def _template_text(lab: Lab, name: str, text: str) -> None:
    lab.template_file(name).write_text(text)


def _plan_readme_release(lab: Lab) -> None:
    lab.edit_template("README.md", "database {{ cookiecutter.database }}.", "db, pinned.")


def _plan_user_title(lab: Lab) -> None:
    lab.edit_project("README.md", "# demo_site", "# Demo Site, by us")


def _plan_user_same_line(lab: Lab) -> None:
    lab.edit_project("README.md", "database sqlite.", "database sqlite, tuned.")


def _plan_old_files(lab: Lab) -> None:
    for name in ("OLD.md", "TWEAKED.md", "GONE.md", "SAME.md"):
        _template_text(lab, name, f"{name} from the template\n")


def _plan_user_on_old_files(lab: Lab) -> None:
    (lab.project / "TWEAKED.md").write_text("TWEAKED.md from the template\nand us\n")
    (lab.project / "GONE.md").unlink()
    (lab.project / "CONTRIBUTING.md").write_text("our own rules\n")
    (lab.project / "SAME.md").write_text("SAME.md, as the template will have it\n")


def _plan_release_on_old_files(lab: Lab) -> None:
    lab.template_file("OLD.md").unlink()
    lab.template_file("TWEAKED.md").unlink()
    _template_text(lab, "GONE.md", "GONE.md from the template, improved\n")
    _template_text(lab, "SAME.md", "SAME.md, as the template will have it\n")
    _template_text(lab, "CONTRIBUTING.md", "Contribute to {{ cookiecutter.project_name }}.\n")
    _template_text(lab, "NEW.md", "new\n")


def _plan_binary(lab: Lab) -> None:
    lab.template_file("messages.mo").write_bytes(b"\xde\x12\x04\x95\x00\x00template 1")


def _plan_user_binary(lab: Lab) -> None:
    (lab.project / "messages.mo").write_bytes(b"\xde\x12\x04\x95\x00\x00ours")


def _plan_release_binary(lab: Lab) -> None:
    lab.template_file("messages.mo").write_bytes(b"\xde\x12\x04\x95\x00\x00template 2")


def _nothing(lab: Lab) -> None:
    pass


DECISION = "docs/decisions/0001-framework-choice.md"

# (before new: the template; then the user's committed work; then the release;
#  --set arguments; the planned status of every file; the exit code)
PLAN_SCENARIOS = {
    "template changed only": (
        _nothing,
        _nothing,
        _release_new_templates,
        [],
        {".scaffold.json": "updated", "README.md": "updated", "CONTRIBUTING.md": "added"},
        0,
    ),
    "both changed, cleanly": (
        _nothing,
        _plan_user_title,
        _plan_readme_release,
        [],
        {".scaffold.json": "updated", "README.md": "merged"},
        0,
    ),
    "both changed the same line": (
        _nothing,
        _plan_user_same_line,
        _release_new_templates,
        [],
        {".scaffold.json": "updated", "README.md": "conflict", "CONTRIBUTING.md": "added"},
        1,
    ),
    "removed, kept, kept-deleted, add/add, identical": (
        _plan_old_files,
        _plan_user_on_old_files,
        _plan_release_on_old_files,
        [],
        {
            ".scaffold.json": "updated",
            "CONTRIBUTING.md": "conflict",
            "NEW.md": "added",
            "OLD.md": "removed",
            "GONE.md": "kept-deleted",
            "TWEAKED.md": "kept",
        },
        1,
    ),
    "removed and kept, no conflict": (
        _plan_old_files,
        lambda lab: (lab.project / "TWEAKED.md").write_text("ours\n"),
        lambda lab: [lab.template_file(n).unlink() for n in ("OLD.md", "TWEAKED.md")],
        [],
        {".scaffold.json": "updated", "OLD.md": "removed", "TWEAKED.md": "kept"},
        0,
    ),
    "a binary file changed on both sides": (
        _plan_binary,
        _plan_user_binary,
        _plan_release_binary,
        [],
        {".scaffold.json": "updated", "messages.mo": "conflict"},
        1,
    ),
    "--set a text option": (
        _nothing,
        _plan_user_title,
        _nothing,
        ["--set", "description=Sells things"],
        {".scaffold.json": "updated", "README.md": "merged"},
        0,
    ),
    "--set a criterion (decides again)": (
        _nothing,
        lambda lab: lab.edit_project(DECISION, "Accepted.", "Accepted by the team."),
        _release_new_templates,
        ["--set", "architecture=microservices"],
        {
            ".scaffold.json": "updated",
            "README.md": "updated",
            "CONTRIBUTING.md": "added",
            DECISION: "merged",
        },
        0,
    ),
}


@pytest.mark.parametrize(
    ("template", "work", "release", "settings", "planned", "code"),
    list(PLAN_SCENARIOS.values()),
    ids=list(PLAN_SCENARIOS),
)
def test_the_plan_writes_nothing_and_the_update_does_exactly_what_it_planned(
    lab, template, work, release, settings, planned, code
):
    template(lab)
    lab.new()
    work(lab)
    _commit_in(lab)
    release(lab)
    before = _tree_state(lab.work)

    result, plan = lab.update("--plan", *settings)

    assert result.exit_code == code, result.output
    assert _tree_state(lab.work) == before  # no file, object, ref or index entry written
    assert {change["path"]: change["status"] for change in plan["files"]} == planned
    result, done = lab.update(*settings)
    assert result.exit_code == code, result.output
    assert done["files"] == plan["files"]
    changed, conflicts = _changed_by_update(lab, conflicted=code == 1)
    assert changed == {path for path, status in planned.items() if status in CHANGING}
    assert conflicts == {path for path, status in planned.items() if status == "conflict"}
    if code == 0:  # a merge commit, also when the project had nothing of its own since
        assert len(lab.git("rev-list", "--parents", "-n1", "HEAD").split()) == 3


def test_the_plan_of_a_monorepo_project_from_a_rebuilt_base_writes_nothing(lab):
    """The base rebuilt (its objects, a commit of it) and the merge all stay private."""
    lab.git("init", "--quiet", cwd=lab.work)
    (lab.work / "billing.py").write_text("print('billing')\n")
    lab.new()
    lab.edit_project("README.md", "# demo_site", "# Demo Site, by us")  # before its first commit
    lab.git("add", "--all", cwd=lab.work)
    lab.git("commit", "--quiet", "-m", "add demo_site", cwd=lab.work)
    setting = ("--set", "description=Sells things")
    before = _tree_state(lab.work)

    result, plan = lab.update("--plan", *setting)

    assert result.exit_code == 0, result.output
    assert plan["base"] == "rebuilt" and plan["plan"] is True
    assert _tree_state(lab.work) == before
    planned = {change["path"]: change["status"] for change in plan["files"]}
    assert planned == {".scaffold.json": "updated", "README.md": "merged"}
    result, done = lab.update(*setting)
    assert result.exit_code == 0 and done["files"] == plan["files"]
    changed = lab.git("diff", "--name-only", "HEAD^1", "HEAD", cwd=lab.work).splitlines()
    assert changed == [f"demo_site/{path}" for path in sorted(planned)]
    assert "Sells things" in (lab.project / "README.md").read_text()


def test_the_plan_of_a_current_project_says_so(project):
    result = project.scaffold("update", "demo_site", "--plan")
    assert result.exit_code == 0
    assert result.stdout.startswith("Current: nothing to update")


def test_the_plan_works_on_a_read_only_checkout(project, monkeypatch):
    _release_new_templates(project)
    from scaffold import lifecycle

    git_dir = project.project / ".git"
    denied = {project.project, git_dir, git_dir / "objects"}  # what a read-only mount says
    real_access = lifecycle.os.access
    monkeypatch.setattr(
        lifecycle.os, "access", lambda path, mode: path not in denied and real_access(path, mode)
    )
    result, plan = project.update("--plan")
    assert result.exit_code == 0, result.output
    assert [change["status"] for change in plan["files"]] == ["added", "updated", "updated"]


def test_the_plan_is_a_table_for_people(project):
    project.edit_project("README.md", "database sqlite.", "database sqlite, tuned.")
    project.commit()
    _release_new_templates(project)
    made = json.loads((project.project / ".scaffold.json").read_text())["template_fingerprint"]
    now = render_module.fingerprint("django")
    result = project.scaffold("update", "demo_site", "--plan")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"Plan: update from scaffold {__version__} (templates {made[7:19]}) to "
        f"{__version__} (templates {now[7:19]}); nothing was written.",
        "  added         CONTRIBUTING.md",
        "  updated       .scaffold.json",
        "  conflict      README.md",
        "1 added, 1 updated, 1 conflict.",
    ]


def test_plan_and_dry_run_are_not_given_together(project):
    result = project.scaffold("update", "demo_site", "--plan", "--dry-run")
    assert result.exit_code == 2 and "give one" in result.stderr


# -- update --pr-body: a pull request's description ------------------------------------


def test_the_pr_body_of_a_plan_has_versions_the_table_and_the_conflicts(lab):
    _plan_binary(lab)
    lab.new()
    _plan_user_same_line(lab)
    _plan_user_binary(lab)
    lab.commit()
    _release_new_templates(lab)
    _plan_release_binary(lab)
    body_file = lab.root / "body.md"

    result = lab.scaffold("update", "demo_site", "--plan", "--pr-body", str(body_file))

    assert result.exit_code == 1, result.output
    body = body_file.read_text(encoding="utf-8")
    made = json.loads((lab.project / ".scaffold.json").read_text())["template_fingerprint"]
    assert body.startswith(f"## scaffold update: {__version__} → {__version__}\n\n")
    assert "A plan: nothing has been changed yet." in body
    assert f"| project | {__version__} | `{made[7:19]}` |" in body
    assert f"| installed | {__version__} | `{render_module.fingerprint('django')[7:19]}` |" in body
    assert "### Files (4 touched, 4 changed)" in body
    assert "| `CONTRIBUTING.md` | added | new in the render |" in body
    assert "| `README.md` | conflict |" in body
    assert "| `messages.mo` | conflict | binary, changed by both: **resolve**" in body
    assert "### Conflicts to resolve (2)" in body
    assert "- [ ] `README.md`: edit the conflict markers" in body
    assert "- [ ] `messages.mo`: binary; yours is in place, the render's in " in body
    assert "### Changed answers" not in body and "revisited" not in body
    assert lab.git("status", "--porcelain") == ""


def test_the_pr_body_of_an_update_has_the_changed_answers_and_the_new_decision(project):
    body_file = project.root / "body.md"
    result = project.scaffold(
        "update", "demo_site", "--set", "architecture=microservices", "--pr-body", str(body_file)
    )
    assert result.exit_code == 0, result.output
    body = body_file.read_text(encoding="utf-8")
    commit = project.git("rev-parse", "HEAD")
    assert f"Committed as `{commit[:12]}`." in body
    assert "| `architecture` | — (not stated) | `microservices` |" in body
    assert f"| `{DECISION}` | updated |" in body
    assert "### The decision, revisited" in body
    assert "scaffold recommends **Flask**" in body
    assert "> For the answers as they are now, scaffold recommends Flask" in body
    assert "| Deployment architecture | microservices | 0 | 4 |" in body  # the record's section


def test_the_pr_body_of_a_current_project_says_there_is_nothing(project):
    body_file = project.root / "body.md"
    result = project.scaffold("update", "demo_site", "--plan", "--pr-body", str(body_file))
    assert result.exit_code == 0
    assert "Nothing to update" in body_file.read_text(encoding="utf-8")


def test_a_pr_body_that_cannot_be_written_is_exit_3_and_says_what_was_done(project):
    _release_new_templates(project)
    missing = project.root / "no-such-dir" / "body.md"
    result = project.scaffold("update", "demo_site", "--pr-body", str(missing))
    assert result.exit_code == 3
    assert "cannot write the pull request body" in result.stderr
    assert result.stderr.rstrip().endswith("the update is committed")


@pytest.mark.parametrize(
    ("path", "cell"),
    [("a|b.md", "`a\\|b.md`"), ("with`tick.md", "`` with`tick.md ``")],
)
def test_pr_body_paths_are_safe_in_a_table_cell(path, cell):
    from scaffold.lifecycle import FileChange, UpdateResult
    from scaffold.summary import pull_request_body

    result = UpdateResult("0.1.0", "0.2.0", "sha256:a", "sha256:b", dry_run=False, plan=True)
    result.files = [FileChange(path, "added")]
    assert f"| {cell} | added | new in the render |" in pull_request_body(result)


def test_the_readme_fleet_job_uses_only_options_scaffold_has():
    import shlex

    import yaml

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("```yaml\njobs:\n  scaffold-update:", 1)[1].split("```", 1)[0]
    job = yaml.safe_load("jobs:\n  scaffold-update:" + block)["jobs"]["scaffold-update"]
    calls = [
        shlex.split(line.split("scaffold ", 1)[1].split("||")[0])
        for step in job["steps"]
        for line in step.get("run", "").splitlines()
        if line.lstrip().startswith(("scaffold ", "code=0; scaffold "))
    ]
    assert [call[0] for call in calls] == ["check", "update"]
    for name, *args in calls:
        options = {opt for param in cli.commands[name].params for opt in param.opts}
        assert {arg for arg in args if arg.startswith("--")} <= options

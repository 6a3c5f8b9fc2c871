"""Keep a generated project alive: its git baseline, ``scaffold check`` and ``scaffold update``.

Where the base of the merge comes from (offline)
------------------------------------------------
A three-way merge needs the project exactly as the *old* templates rendered it.
scaffold keeps that pristine render in the project's own git history, so it
never needs an old copy of the templates or a network:

* ``scaffold new`` commits the rendered files as the project's first commit.
  That commit is the first *pristine commit*; the private ref
  ``refs/scaffold/template`` points at it.
* ``scaffold update`` renders the current templates with the recorded answers
  into a temporary directory, commits that as the next pristine commit (its
  parent is the previous one), moves the ref to it and ``git merge``\\ s it into
  the project. The merge commit puts the pristine commit into the project's
  history, so it travels with every push and clone.
* The base of a merge is therefore ``git merge-base HEAD refs/scaffold/template``:
  the newest pristine commit the project contains. An update that was
  abandoned (``git merge --abort``) is not an ancestor of HEAD, so its changes
  simply come again next time. A clone, which lacks the private ref, finds
  the same commit by the ``Scaffold-Pristine:`` trailer of its message.

A pristine commit holds what ``git add`` would take from the render: files the
project or the template ignores (``.env`` and its secrets) are never in one, so
an update never touches them.

git's merge is used as is, with two of its answers changed to the rules users
expect from a template update: a file the template removed but the user changed
is kept (git calls that a modify/delete conflict), and a file the user removed
stays removed even if the template changed it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffold import __version__, git, render
from scaffold.answers import (
    Answers,
    clean,
    clean_value,
    complete,
    validate_slug,
    with_starter_defaults,
)
from scaffold.criteria import Value
from scaffold.decide import recommend, refuse_excluded
from scaffold.errors import GitError, InputError, ProjectError, UpdateRefused
from scaffold.record import DECISION_FILE, RECORD_FILE, read_record

PRISTINE_REF = "refs/scaffold/template"
TRAILER = "Scaffold-Pristine"


# -- scaffold new: the baseline ------------------------------------------------


def init_baseline(
    project: Path, files: Sequence[str], framework: str, fingerprint: str, *, wanted: bool = True
) -> str:
    """Make ``project`` a git repository whose first commit is the pristine render.

    ``files`` are the rendered files (other files in the directory, with
    ``--force``, stay untracked). Returns what happened, for the user and the
    JSON summary: ``"initialised"``, ``"skipped: <why>"`` or ``"failed: <why>"``.
    A failure is not an error: the project is already written, only the
    baseline is missing, and the half-made repository is removed.
    """
    if not wanted:
        return "skipped: --no-git"
    if not git.available():
        return "skipped: git not found"
    enclosing = git.toplevel(project)
    # A repository with no commit yet at the project's root (`git init`, an empty
    # clone of a new remote) is where platform teams generate: the baseline becomes
    # its first commit. Any other work tree belongs to someone else.
    empty_repository = enclosing == project.resolve() and git.resolve(project, "HEAD") is None
    if enclosing is not None and not empty_repository:
        return f"skipped: inside the git work tree {enclosing}"
    message = (
        f"Generate the project with scaffold {__version__}\n\n"
        f"The files exactly as the {framework} template rendered them.\n\n"
        f"{TRAILER}: {fingerprint}\n"
    )
    try:
        if not empty_repository:
            git.run(project, "init", "--quiet")
        _stage(project, files, {})
        _commit(project, message)
        git.run(project, "update-ref", PRISTINE_REF, "HEAD")
    except GitError as error:
        if not empty_repository:
            shutil.rmtree(project / ".git", ignore_errors=True)
        return f"failed: {error}"
    return "initialised"


# -- scaffold check -------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    """Whether the project matches the templates the installed scaffold ships.

    ``files_changed`` lists the files a render with the current templates would
    change (the record ``.scaffold.json`` aside); None when the project has no
    pristine render to compare with, and the answer rests on the fingerprint.
    """

    current: bool
    template: str
    project_version: str
    template_version: str
    files_changed: list[str] | None
    baseline: str | None


def check(project: Path) -> CheckResult:
    """Compare the project's render with the current templates; changes nothing visible.

    The common case, an unchanged template, costs one fingerprint (a hash of
    the template's files) and no rendering. Otherwise the current templates
    are rendered with the recorded answers and compared with the pristine
    commit, in a private object store: nothing is written into the project,
    so it works on a read-only checkout too.
    """
    project = project.absolute()
    record = read_record(project)
    framework = str(record["template"])
    answers = _recorded_answers(record)

    def verdict(files: list[str] | None, base: str | None = None) -> CheckResult:
        version = str(record.get("scaffold_version", "unknown"))
        return CheckResult(files == [], framework, version, __version__, files, base)

    if record.get("template_fingerprint") == render.fingerprint(framework):
        return verdict([])
    base = _find_base(project) if _own_repository(project) else None
    if base is None:
        return verdict(None)
    with tempfile.TemporaryDirectory(prefix="scaffold-check-") as workdir:
        objects = _private_objects(project, Path(workdir))
        tree = _pristine_tree(project, framework, answers, base, Path(workdir), objects)
        diff = git.run(
            project, "diff-tree", "-r", "-z", "--name-only", "--no-renames", base, tree, env=objects
        )
    changed = [path for path in diff.stdout.split("\0") if path not in ("", RECORD_FILE)]
    return verdict(changed, base)


# -- scaffold update -------------------------------------------------------------


@dataclass
class UpdateResult:
    """What an update did (or, with ``dry_run``, would do) to the project."""

    project_version: str
    template_version: str
    dry_run: bool
    current: bool = False
    merged: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicted: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    left_deleted: list[str] = field(default_factory=list)
    commit: str | None = None
    diff: str = ""


def parse_settings(settings: Sequence[str]) -> dict[str, Value]:
    """``--set key=value`` items, validated exactly like the answers of ``scaffold new``."""
    changes: dict[str, Value] = {}
    for item in settings:
        key, equals, raw = item.partition("=")
        key = key.strip().replace("-", "_")
        if not equals or not key:
            raise InputError("--set", f"{item!r} is not KEY=VALUE")
        if key == "framework":
            raise InputError("--set", "the framework cannot change; generate a new project")
        changes[key] = clean_value(key, raw)
    return changes


def update(
    project: Path, changes: Mapping[str, Value] | None = None, *, dry_run: bool = False
) -> UpdateResult:
    """Merge the current templates' render into the project (see the module docstring).

    Refuses, changing nothing, unless the project is its own git repository with a
    clean work tree and a pristine commit in its history. With ``dry_run`` the merge
    is done in a temporary worktree and only reported.
    """
    project = project.absolute()
    changes = dict(changes or {})
    record = read_record(project)
    framework = str(record["template"])
    recorded = _recorded_answers(record)
    answers = complete(Answers({**recorded, **changes}, recorded.stated | frozenset(changes)))
    if changes:  # a changed answer must not rule out the project's framework
        refuse_excluded(framework, recommend(answers.criteria), field="--set")
    _require_clean_repository(project)
    base = _find_base(project)
    if base is None:
        raise UpdateRefused(
            f"{project}: no pristine render in the git history to merge from "
            f"(no {PRISTINE_REF} and no '{TRAILER}:' commit); see docs/lifecycle.md"
        )
    result = UpdateResult(
        project_version=str(record.get("scaffold_version", "unknown")),
        template_version=__version__,
        dry_run=dry_run,
        current=True,
    )
    fingerprint = render.fingerprint(framework)
    if record.get("template_fingerprint") == fingerprint and not changes:
        return result
    _require_writable_repository(project)

    with tempfile.TemporaryDirectory(prefix="scaffold-update-") as tmp:
        workdir = Path(tmp)
        tree = _pristine_tree(project, framework, answers, base, workdir)
        if tree == git.output(project, "rev-parse", f"{base}^{{tree}}"):
            return result
        message = (
            f"Pristine render of the {framework} template, scaffold {__version__}\n\n"
            f"{TRAILER}: {fingerprint}\n"
        )
        theirs = git.output(
            project, "commit-tree", tree, "-p", base, "-m", message, env=git.identity(project)
        )
        result.current = False
        title = _update_title(changes)
        if dry_run:
            with _temporary_worktree(project, workdir / "worktree") as worktree:
                _merge(worktree, theirs, title, result)
                result.diff = git.run(worktree, "diff", "--no-color", "HEAD").stdout
        else:
            # Move the ref first and merge it by name: conflict markers then say
            # where the other side came from, and the ref stays right even if
            # the merge is abandoned (see the module docstring).
            git.run(project, "update-ref", "-m", title, PRISTINE_REF, theirs)
            _merge(project, PRISTINE_REF, title, result)
            if not result.conflicted:
                _commit(project, None)
                result.commit = git.output(project, "rev-parse", "HEAD")
    return result


def _update_title(changes: Mapping[str, Value]) -> str:
    title = f"scaffold update to {__version__}"
    if changes:
        title += "\n\nChanged answers: " + ", ".join(f"{k}={v}" for k, v in changes.items())
    return title


def _merge(repo: Path, theirs: str, message: str, result: UpdateResult) -> None:
    """``git merge`` without committing, then apply the template rules to what git left."""
    outcome = git.run(
        repo,
        *("merge", "--no-ff", "--no-commit", "-m", message, theirs),
        env=git.identity(repo),
        check=False,
    )
    if git.resolve(repo, "MERGE_HEAD") is None:
        lines = (outcome.stderr or outcome.stdout).strip().splitlines()
        raise GitError(f"git merge failed: {lines[-1] if lines else outcome.returncode}")
    for path, stages in sorted(_unmerged(repo).items()):
        if stages == {1, 2}:  # the template removed it, the user changed it: keep it
            git.run(repo, "add", "--", path)
            result.kept.append(path)
        elif stages == {1, 3}:  # the user removed it, the template changed it: stays removed
            git.run(repo, "rm", "--quiet", "--force", "--", path)
            result.left_deleted.append(path)
        else:
            result.conflicted.append(path)
    staged = git.run(repo, "diff", "--cached", "--name-status", "--no-renames", "-z", "HEAD")
    fields = staged.stdout.split("\0")
    for status, path in zip(fields[0::2], fields[1::2], strict=False):
        if status == "A":
            result.added.append(path)
        elif status == "D":
            result.removed.append(path)
        elif status in ("M", "T"):
            result.merged.append(path)


def _unmerged(repo: Path) -> dict[str, set[int]]:
    """Unmerged paths and their index stages (1 base, 2 ours, 3 theirs)."""
    stages: dict[str, set[int]] = {}
    for entry in git.run(repo, "ls-files", "--unmerged", "-z").stdout.split("\0"):
        if entry:
            info, path = entry.split("\t", 1)
            stages.setdefault(path, set()).add(int(info.split()[2]))
    return stages


@contextlib.contextmanager
def _temporary_worktree(project: Path, path: Path) -> Iterator[Path]:
    """A throwaway checkout of HEAD, where a dry run can merge for real.

    Ctrl-C during ``worktree add`` leaves it registered and locked
    ("initializing"); removing with ``--force`` twice undoes that too.
    """
    try:
        git.run(project, "worktree", "add", "--quiet", "--detach", str(path), "HEAD")
        yield path
    finally:
        git.run(project, "worktree", "remove", "--force", "--force", str(path), check=False)


# -- shared steps ----------------------------------------------------------------


def _recorded_answers(record: Mapping[str, Any]) -> Answers:
    """The answers of the record, validated again: the file may have been edited.

    ``not_stated`` lists the criteria the user left unanswered: they stay not
    stated (no vote), and a starter option among them keeps the template default
    it was rendered with. A record without ``not_stated`` was written by an
    earlier scaffold, which recorded a value for every question whether the user
    gave it or not; scaffold cannot tell which were typed, so all of them are
    taken as stated, as that project's decision record shows them. A question
    the record lacks (one added to scaffold since) is not stated, and a template
    option it lacks takes the template's default.
    """
    recorded = dict(record["answers"])
    slug = recorded.pop("project_slug", None)
    not_stated = record.get("not_stated", [])
    if not isinstance(not_stated, list) or not all(isinstance(key, str) for key in not_stated):
        raise ProjectError(f"{RECORD_FILE}: unreadable ('not_stated' must be a list of keys)")
    try:
        answers = clean(recorded)
        if slug is not None:  # the package exists: a name reserved since then is kept
            if not isinstance(slug, str):
                raise InputError("project_slug", f"must be text, not {type(slug).__name__}")
            answers["project_slug"] = validate_slug(slug, existing=True)
        completed = complete(Answers(answers, frozenset(answers) - frozenset(not_stated)))
        completed = with_starter_defaults(
            completed, render.starter_defaults(str(record["template"]))
        )
    except InputError as error:
        raise ProjectError(f"{RECORD_FILE}: unreadable answer ({error})") from None
    if completed.get("framework", record["template"]) != record["template"]:
        raise ProjectError(f"{RECORD_FILE}: 'framework' and 'template' disagree")
    return completed


UNBORN_HINT = (
    "the git repository has no commit yet; if `scaffold new` was stopped while making "
    "the baseline, run it again with --force and the same answers to make it"
)


def unborn_repository(project: Path) -> bool:
    """Whether the project is a git repository of its own without a commit (no baseline)."""
    return _own_repository(project) and git.resolve(project, "HEAD") is None


def _own_repository(project: Path) -> bool:
    return git.available() and git.toplevel(project) == project.resolve()


def _require_clean_repository(project: Path) -> None:
    if not git.available():
        raise UpdateRefused("git is not installed; scaffold update merges with git")
    enclosing = git.toplevel(project)
    if enclosing is None:
        refusal = git.run(project, "rev-parse", "--git-dir", check=False).stderr.strip()
        if refusal and "not a git repository" not in refusal:
            # Say why, e.g. "detected dubious ownership" in a CI container of another user.
            reason = refusal.splitlines()[0].removeprefix("fatal: ")
            raise UpdateRefused(f"{project}: git refuses to work in it ({reason})")
        raise UpdateRefused(
            f"{project} is not a git repository; scaffold update merges from the "
            "history that `scaffold new` starts (see docs/lifecycle.md)"
        )
    if enclosing != project.resolve():
        raise UpdateRefused(
            f"{project} is inside the git work tree {enclosing}; scaffold update "
            "needs the project to be a repository of its own"
        )
    if git.resolve(project, "HEAD") is None:
        raise UpdateRefused(f"{project}: {UNBORN_HINT}")
    if git.resolve(project, "MERGE_HEAD") is not None:
        raise UpdateRefused(f"{project}: a merge is in progress; commit or abort it first")
    dirty = git.output(project, "status", "--porcelain").splitlines()
    if dirty:
        raise UpdateRefused(
            f"{project} has uncommitted changes ({len(dirty)} paths); "
            "commit or stash them, then run scaffold update again"
        )


def _require_writable_repository(project: Path) -> None:
    """An update (even a dry run) writes into the git repository: refuse up front if it cannot."""
    common = project / git.output(project, "rev-parse", "--git-common-dir")
    for directory in (project, common, common / "objects"):
        if not os.access(directory, os.W_OK | os.X_OK):
            raise UpdateRefused(f"{project}: cannot write into {directory}")


def _find_base(project: Path) -> str | None:
    """The newest pristine commit in the project's history (see the module docstring)."""
    if git.resolve(project, "HEAD") is None:
        return None
    if git.resolve(project, PRISTINE_REF) is not None:
        found = git.run(project, "merge-base", "HEAD", PRISTINE_REF, check=False)
        if found.returncode == 0:
            return found.stdout.strip()
    found = git.run(project, "rev-list", "-n", "1", f"--grep=^{TRAILER}: ", "HEAD", check=False)
    return found.stdout.strip() or None


def _private_objects(project: Path, workdir: Path) -> dict[str, str]:
    """Git variables that write new objects into ``workdir``, reading the project's too."""
    common = Path(git.output(project, "rev-parse", "--git-common-dir"))
    store = workdir / "objects"
    store.mkdir()
    return {
        "GIT_OBJECT_DIRECTORY": str(store),
        "GIT_ALTERNATE_OBJECT_DIRECTORIES": str((project / common).resolve() / "objects"),
    }


def _pristine_tree(
    project: Path,
    framework: str,
    answers: Answers,
    base: str,
    workdir: Path,
    objects: Mapping[str, str] | None = None,
) -> str:
    """Render the current templates with ``answers`` and store the result as a git tree.

    Rendering goes through render.render_project, into a temporary target, so the same
    safety applies as for ``scaffold new``. The decision record is carried over
    from the base: it documents the choice made when the project was created.
    ``objects`` (from :func:`_private_objects`) keeps the new objects out of the
    project's store.
    """
    shown = git.run(project, "show", f"{base}:{DECISION_FILE}", check=False)
    decision = shown.stdout if shown.returncode == 0 else None
    target = workdir / "render"
    rendered = render.render_project(framework, answers, target, decision)
    # The project's object store, but the render as work tree and a private index.
    env = {
        "GIT_DIR": git.output(project, "rev-parse", "--absolute-git-dir"),
        "GIT_WORK_TREE": str(target),
        "GIT_INDEX_FILE": str(workdir / "index"),
        **(objects or {}),
    }
    _stage(target, rendered.files, env, also_ignored_by=project)
    return git.output(target, "write-tree", env=env)


def _stage(
    directory: Path,
    files: Sequence[str],
    env: Mapping[str, str],
    also_ignored_by: Path | None = None,
) -> None:
    """``git add`` those rendered ``files`` that git ignores neither there nor in the project."""
    skip = git.ignored(directory, files, env=env)
    if also_ignored_by is not None:
        skip |= git.ignored(also_ignored_by, files)
    wanted = [path for path in files if path not in skip]
    listing = "\0".join(wanted) + "\0"
    git.run(
        directory,
        "add",
        "--force",
        "--pathspec-from-file=-",
        "--pathspec-file-nul",
        env=env,
        input=listing,
    )


def _commit(repo: Path, message: str | None) -> None:
    """Commit the index; ``None`` keeps the message git prepared (a merge's)."""
    text = ["--no-edit"] if message is None else ["-m", message]
    git.run(repo, "commit", "--quiet", *text, env=git.identity(repo))

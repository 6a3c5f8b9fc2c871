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
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from scaffold import __version__, git, render
from scaffold.answers import (
    STARTER_OPTIONS,
    Answers,
    check_combination,
    clean,
    clean_value,
    complete,
    validate_slug,
    with_starter_defaults,
)
from scaffold.criteria import Value
from scaffold.decide import Recommendation, recommend, refuse_excluded
from scaffold.errors import (
    GenerationError,
    GitError,
    InputError,
    LifecycleError,
    ProjectError,
    TargetError,
    UpdateRefused,
)
from scaffold.record import DECISION_FILE, RECORD_FILE, read_record, revisited, with_pristine_tree
from scaffold.support import Support, project_support

PRISTINE_REF = "refs/scaffold/template"
TRAILER = "Scaffold-Pristine"
# The subjects of the commits scaffold makes (see _legacy_base).
LEGACY_SUBJECTS = ("Generate the project with scaffold ", "Pristine render of the ")


# -- scaffold new: the baseline ------------------------------------------------


def init_baseline(
    project: Path, files: Sequence[str], framework: str, fingerprint: str, *, wanted: bool = True
) -> str:
    """Record the pristine tree in ``.scaffold.json``; make a repository of it if it is alone.

    ``files`` are the rendered files (other files in the directory, with
    ``--force``, stay untracked). Returns what happened, for the user and the
    JSON summary: ``"initialised"`` (a repository whose first commit is the
    render), ``"in work tree: <root>"`` (inside someone else's repository: the
    tree id is recorded, the user commits), ``"skipped: <why>"`` or
    ``"failed: <why>"``. A failure is not an error: the project is already
    written, only the baseline is missing, and a half-made repository is removed.
    """
    if not git.available():
        return "skipped: git not found"
    enclosing = git.work_tree(project)
    # A repository with no commit yet at the project's root (`git init`, an empty
    # clone of a new remote) is where platform teams generate: the baseline becomes
    # its first commit. Any other work tree belongs to someone else.
    empty_repository = (
        enclosing is not None and enclosing.root == project.resolve() and enclosing.head is None
    )
    if not wanted or (enclosing is not None and not empty_repository):
        try:
            _record_pristine_tree(project, files, in_repository=enclosing is not None)
        except GitError as error:
            return f"failed: {error}"
        return f"in work tree: {enclosing.root}" if wanted and enclosing else "skipped: --no-git"
    message = (
        f"Generate the project with scaffold {__version__}\n\n"
        f"The files exactly as the {framework} template rendered them.\n\n"
        f"{TRAILER}: {fingerprint}\n"
    )
    try:
        if not empty_repository:
            git.run(project, "init", "--quiet")
            if not git.run(project, "config", "init.defaultBranch", check=False).stdout.strip():
                # git's own default is still "master" (with a hint); platforms use main.
                git.run(project, "symbolic-ref", "HEAD", "refs/heads/main")
        # Only the render goes into the first commit, whatever an earlier run
        # (stopped before its commit) or the user staged: the tree must be the
        # one the record names.
        git.run(project, "read-tree", "--empty")
        _store(project, files, {})
        _commit(project, message, git.identity(project))
        git.run(project, "update-ref", PRISTINE_REF, "HEAD")
    except GitError as error:
        if not empty_repository:
            shutil.rmtree(project / ".git", ignore_errors=True)
        return f"failed: {error}"
    return "initialised"


def _record_pristine_tree(project: Path, files: Sequence[str], *, in_repository: bool) -> None:
    """Write into the record the id of the tree the render gets when committed as it is.

    Computed (see git.tree_of_files), not stored: nothing is written into the
    repository the project is in, if any; otherwise a bare repository without
    templates stands in for the one the user makes, for its rules (what is
    ignored, the object format).
    """
    with tempfile.TemporaryDirectory(prefix="scaffold-new-") as tmp:
        if in_repository:
            git_dir = git.output(project, "rev-parse", "--absolute-git-dir")
        else:
            git_dir = f"{tmp}/scratch.git"
            git.run(Path(tmp), "init", "--quiet", "--bare", "--template=", git_dir)
        env = {"GIT_DIR": git_dir, "GIT_WORK_TREE": str(project), "GIT_INDEX_FILE": f"{tmp}/index"}
        tracked = _tracked(project, files, env, also_ignored_by=project if in_repository else None)
        _write_pristine_tree(project, git.tree_of_files(project, tracked, env))


# -- scaffold check -------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    """Whether the project matches the templates the installed scaffold ships.

    ``files_changed`` lists the files a render with the current templates would
    change (the record ``.scaffold.json`` aside); None when the project has no
    pristine render to compare with, and the answer rests on the tree id or the
    fingerprint. ``base`` says where the base of an update would come from
    (see :class:`Base`), or ``"missing"``: then ``update`` refuses.
    ``support`` is how long the project's Django series gets security fixes
    (None for Flask); it does not make the project out of date.
    """

    path: Path
    current: bool
    template: str
    project_version: str
    template_version: str
    project_templates: str
    current_templates: str
    files_changed: list[str] | None
    baseline: str | None
    base: str
    support: Support | None


def check(project: Path) -> CheckResult:
    """Compare the project's render with the current templates; changes nothing visible.

    The common case, an unchanged template, costs one fingerprint (a hash of
    the template's files) and a look for the base in the history, no rendering
    (unless the base is not in the history: then it is rebuilt, as update would).
    Otherwise the current templates are rendered with the recorded answers and
    compared with the pristine tree, in a private object store: nothing is
    written into the project, so it works on a read-only checkout too.
    """
    project = project.absolute()
    record = read_record(project)
    framework = str(record["template"])
    answers = _recorded_answers(record)
    place = _place(project)
    expected = _expected_tree(record)
    base = _history_base(place, expected) if place is not None else None

    def verdict(current: bool, files: list[str] | None, found: Base | None) -> CheckResult:
        return CheckResult(
            path=project,
            current=current,
            template=framework,
            project_version=str(record.get("scaffold_version", "unknown")),
            template_version=__version__,
            project_templates=str(record.get("template_fingerprint", "unknown")),
            current_templates=render.fingerprint(framework),
            files_changed=files,
            baseline=found.commit if found else None,
            base=found.how if found else "missing",
            support=project_support(record, date.today()),
        )

    same_templates = record.get("template_fingerprint") == render.fingerprint(framework)
    if same_templates and (base is not None or place is None or expected is None):
        return verdict(True, [], base)
    if not git.available():
        return verdict(False, None, None)
    with tempfile.TemporaryDirectory(prefix="scaffold-check-") as tmp:
        workdir = Path(tmp)
        objects = _scratch_store(place.tree if place else None, workdir)
        if same_templates and place is not None and expected is not None:
            # No base in the history (a shallow clone, say): current, and the base
            # is what update would use, rebuilt, or missing if it cannot be.
            return verdict(
                True, [], _rebuilt_base(place, framework, answers, expected, workdir, objects)
            )
        decision = _decision_text(place, base, project)
        full, bare = _render_tree(project, framework, answers, decision, workdir, objects)
        if base is None and expected == bare:
            return verdict(True, [], Base(full, bare, None, "rebuilt"))
        if base is None:
            return verdict(False, None, None)
        diff = git.run(
            project,
            "diff-tree",
            "-r",
            "-z",
            "--name-only",
            "--no-renames",
            base.tree,
            full,
            env=objects,
        )
    changed = [path for path in diff.stdout.split("\0") if path not in ("", RECORD_FILE)]
    return verdict(bare == base.bare, changed, base)


# -- scaffold update -------------------------------------------------------------


# What the plan and the update say of each file, in the order they are listed.
STATUSES = ("added", "removed", "updated", "merged", "conflict", "kept-deleted", "kept")
# Those that change the project's file; "kept" and "kept-deleted" leave it as it is.
CHANGING = frozenset(STATUSES[:5])


@dataclass(frozen=True)
class FileChange:
    """One file an update touches, and how (one of :data:`STATUSES`).

    ``updated``: the template changed it, the project did not; ``merged``: both
    changed it and the changes merge cleanly; ``kept-deleted``: the project
    deleted it, the template changed it; ``kept``: the project changed it, the
    template removed it. ``binary`` marks a conflict that cannot hold markers.
    """

    path: str
    status: str
    binary: bool = False


@dataclass(frozen=True)
class AnswerChange:
    """One answer ``--set`` changed: its value before (and whether the user had stated it)."""

    key: str
    before: Value | None
    after: Value
    stated_before: bool


@dataclass
class UpdateResult:
    """What an update did (or, with ``dry_run`` or ``plan``, would do) to the project.

    ``files`` is the plan: every file the update touches, with its status. The
    lists after it (``merged`` holds both ``updated`` and ``merged``) say the
    same by kind, as the JSON summary has always had them.
    """

    project_version: str
    template_version: str
    project_templates: str
    current_templates: str
    dry_run: bool
    plan: bool = False
    current: bool = False
    files: list[FileChange] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicted: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    left_deleted: list[str] = field(default_factory=list)
    binary: list[str] = field(default_factory=list)
    commit: str | None = None
    base: str | None = None
    diff: str = ""
    answers_changed: list[AnswerChange] = field(default_factory=list)
    # Set when --set changed a criterion: the answers scored again, one line
    # when that recommendation is not the project's framework (which never
    # changes), and the section added to the decision record.
    recommendation: Recommendation | None = None
    notice: str | None = None
    revisited: str | None = None

    @property
    def writes(self) -> bool:
        """Whether this run changes the project (neither a dry run nor a plan)."""
        return not (self.dry_run or self.plan)


def parse_settings(settings: Sequence[str], framework: str | None = None) -> dict[str, Value]:
    """``--set key=value`` items, validated exactly like the answers of ``scaffold new``.

    With the project's ``framework``, a wrong value is told only the values it can take.
    """
    changes: dict[str, Value] = {}
    for item in settings:
        key, equals, raw = item.partition("=")
        key = key.strip().replace("-", "_")
        if not equals or not key:
            raise InputError("--set", f"{item!r} is not KEY=VALUE")
        if key == "framework":
            raise InputError("--set", "the framework cannot change; generate a new project")
        changes[key] = clean_value(key, raw, framework)
    return changes


def update(
    project: Path,
    changes: Mapping[str, Value] | None = None,
    *,
    dry_run: bool = False,
    plan: bool = False,
) -> UpdateResult:
    """Merge the current templates' render into the project (see the module docstring).

    Refuses, changing nothing, unless the project's directory is clean in its git
    work tree and the base of the merge is found and verified. With ``dry_run``
    the merge is done in a temporary worktree and only reported. With ``plan``
    the same merge runs on a private index, work tree and object store (which
    reads the project's): nothing is written into the project or its
    repository, and ``files`` says what the update would do to each file.
    """
    project = project.absolute()
    changes = dict(changes or {})
    record = read_record(project)
    framework = str(record["template"])
    recorded = _recorded_answers(record)
    # A refused combination suggests only what this project's framework can take.
    check_combination({**recorded, **changes}, framework)
    answers = complete(Answers({**recorded, **changes}, recorded.stated | frozenset(changes)))
    recommendation = recommend(answers.criteria)
    if changes:  # a changed answer must not rule out the project's framework
        refuse_excluded(framework, recommendation, field="--set")
    place = _require_clean_repository(project)
    result = UpdateResult(
        project_version=str(record.get("scaffold_version", "unknown")),
        template_version=__version__,
        project_templates=str(record.get("template_fingerprint", "unknown")),
        current_templates=render.fingerprint(framework),
        dry_run=dry_run,
        plan=plan,
        current=True,
        answers_changed=[
            AnswerChange(key, recorded.get(key), value, key in recorded.stated)
            for key, value in changes.items()
        ],
    )
    addendum = ""
    if recommendation.stated != recorded.criteria:  # --set changed a criterion: decide again
        result.recommendation = recommendation
        if recommendation.framework != framework:
            result.notice = (
                f"For the answers as they are now, scaffold recommends "
                f"{recommendation.framework.capitalize()}; the project stays "
                f"{framework.capitalize()} (see {DECISION_FILE})."
            )
        addendum = revisited(recommendation, framework, answers, changes, date.today())
        result.revisited = addendum
    fingerprint = render.fingerprint(framework)
    with tempfile.TemporaryDirectory(prefix="scaffold-update-") as tmp:
        workdir = Path(tmp)
        # Where new git objects go: the project's store, or for a plan a private one.
        objects = _scratch_store(place.tree, workdir) if plan else {}
        base = _find_base(place, record, recorded, workdir, objects)
        result.base = base.how
        if record.get("template_fingerprint") == fingerprint and not changes:
            return _current(place, base, workdir, result)
        decision = _decision_text(place, base, project, objects)
        if addendum:  # a re-decision, merged into the project's record like a template change
            decision = (decision or "").rstrip("\n") + "\n" + addendum
        full, bare = _render_tree(
            project, framework, answers, decision, workdir, objects or None, place.tree.git_dir
        )
        if bare == base.bare and not changes:
            return _current(place, base, workdir, result)
        if not plan:
            _require_writable_repository(place)
        result.current = False
        title = _update_title(changes)
        identity = git.identity(place.root)
        base_commit = base.commit or _base_commit(place, base, workdir, objects, identity)
        message = (
            f"Pristine render of the {framework} template, scaffold {__version__}\n\n"
            f"{TRAILER}: {fingerprint}\n"
        )
        theirs_tree = _with_project_tree(place, full, workdir, objects=objects)
        theirs = git.output(
            place.root,
            *("commit-tree", theirs_tree, "-p", base_commit, "-m", message),
            env={**objects, **identity},
        )
        # The base's record is replaced by the project's: the record always comes
        # out as the render's (it holds the answers the project was read with).
        merge_base = _with_project_tree(place, base.tree, workdir, "HEAD", objects)
        if plan:
            scratch = workdir / "plan"
            scratch.mkdir()
            env = {**objects, "GIT_INDEX_FILE": str(workdir / "plan-index")}
            env["GIT_WORK_TREE"] = str(scratch)
            git.run(scratch, "read-tree", "HEAD", env=env)
            _merge(scratch, env, place, merge_base, theirs, result)
            return result
        if dry_run:
            with _temporary_worktree(place.root, workdir / "worktree") as worktree:
                _merge(worktree, {}, place, merge_base, theirs, result)
                relative = [f"--relative={place.prefix}"] if place.prefix else []
                result.diff = git.run(worktree, "diff", "--no-color", *relative, "HEAD").stdout
            return result
        previous = git.resolve(place.root, place.ref)
        # Move the ref first: conflict markers then say where the other side came
        # from, and the project's record still names the old base if the merge is
        # abandoned (see the module docstring).
        git.run(place.root, "update-ref", "-m", title, place.ref, theirs)
        # merge-recursive trusts the index's file times, which git status (run without
        # optional locks, so that a plan writes nothing) left stale: a touched or
        # copied file would otherwise count as a local change and abort the merge.
        git.run(place.root, "update-index", "-q", "--refresh", check=False)
        _merge(place.root, {}, place, merge_base, theirs, result)
        _enter_merge_state(place.root, theirs, title)
        _write_theirs(place.root, place.prefix, result.binary)
        if not result.conflicted:
            _commit_or_undo(place, previous, identity)
            result.commit = git.output(place.root, "rev-parse", "HEAD")
    return result


def _current(place: Place, base: Base, workdir: Path, result: UpdateResult) -> UpdateResult:
    """Nothing to merge. A rebuilt base is kept in the ref, where a newer scaffold finds it."""
    if base.commit is None and result.writes:
        commit = _base_commit(place, base, workdir, {}, git.identity(place.root))
        git.run(place.root, "update-ref", "-m", "scaffold: rebuilt base", place.ref, commit)
    return result


def _update_title(changes: Mapping[str, Value]) -> str:
    title = f"scaffold update to {__version__}"
    if changes:
        title += "\n\nChanged answers: " + ", ".join(f"{k}={v}" for k, v in changes.items())
    return title


def _merge(
    tree: Path,
    env: Mapping[str, str],
    place: Place,
    base_tree: str,
    theirs: str,
    result: UpdateResult,
) -> None:
    """Three-way merge of ``theirs`` into the index and work tree from ``base_tree``.

    ``git merge`` would take the merge base from the commit graph, which a squash
    or a rebase can make wrong; ``git merge-recursive`` takes the verified base
    as given. Then the template rules are applied to what git left, in the
    index, and every file touched is put in ``result``. ``tree`` is the work
    tree, ``env`` redirects git to a plan's private index, work tree and store
    (a plan's work tree starts empty: git takes a missing file for an unchanged
    one, and merges from the blobs, so the outcome is the real merge's).
    """
    outcome = git.run(
        tree,
        *("merge-recursive", base_tree, "--", "HEAD", theirs),
        env={**env, f"GITHEAD_{theirs}": place.ref},
        check=False,
    )
    unmerged = _unmerged(tree, env)
    if outcome.returncode not in (0, 1) or (outcome.returncode == 1 and not unmerged):
        lines = (outcome.stderr or outcome.stdout).strip().splitlines()
        raise GitError(f"git merge failed: {lines[-1] if lines else outcome.returncode}")
    binary = {
        line.split("Cannot merge binary files: ", 1)[1].rsplit(" (", 1)[0]
        for line in (outcome.stdout + outcome.stderr).splitlines()
        if "Cannot merge binary files: " in line
    }
    files: list[FileChange] = []
    for path, stages in sorted(unmerged.items()):
        shown = path.removeprefix(place.prefix)
        if set(stages) == {1, 2}:  # the template removed it, the user changed it: keep it
            mode, blob = stages[2]
            resolved = f"0 {'0' * len(blob)}\t{path}\n{mode} {blob} 0\t{path}\n"
            git.run(tree, "update-index", "--index-info", env=env, input=resolved)
            result.kept.append(shown)
            files.append(FileChange(shown, "kept"))
        elif set(stages) == {1, 3}:  # the user removed it, the template changed it: stays removed
            git.run(tree, "rm", "--quiet", "--force", "--", path, env=env)
            result.left_deleted.append(shown)
            files.append(FileChange(shown, "kept-deleted"))
        else:
            result.conflicted.append(shown)
            if path in binary:  # ours stays in place; theirs beside it (see _write_theirs)
                result.binary.append(shown)
            files.append(FileChange(shown, "conflict", binary=path in binary))
    ours = git.run(
        tree,
        *("diff-tree", "-r", "-z", "--name-only", "--no-renames", base_tree, "HEAD"),
        *place.pathspec(),
        env=env,
    )
    changed_by_user = set(ours.stdout.split("\0"))
    staged = git.run(
        tree, "diff", "--cached", "--name-status", "--no-renames", "-z", "HEAD", env=env
    )
    fields = staged.stdout.split("\0")
    for status, path in zip(fields[0::2], fields[1::2], strict=False):
        shown = path.removeprefix(place.prefix)
        if status == "A":
            result.added.append(shown)
            files.append(FileChange(shown, "added"))
        elif status == "D":
            result.removed.append(shown)
            files.append(FileChange(shown, "removed"))
        elif status in ("M", "T"):
            result.merged.append(shown)
            files.append(FileChange(shown, "merged" if path in changed_by_user else "updated"))
    result.files = sorted(files, key=lambda change: (STATUSES.index(change.status), change.path))


def _enter_merge_state(repo: Path, theirs: str, message: str) -> None:
    """What ``git merge`` leaves besides the index, so ``git commit``, ``git merge --abort``
    and ``git status`` work as after any merge."""
    # git commit reads MERGE_MODE as the exact text "no-ff" (no newline): else it
    # makes a single-parent commit when theirs descends from HEAD.
    states = {"MERGE_HEAD": f"{theirs}\n", "MERGE_MSG": f"{message}\n", "MERGE_MODE": "no-ff"}
    paths = git.output(repo, "rev-parse", *(f for name in states for f in ("--git-path", name)))
    for path, text in zip(paths.splitlines(), states.values(), strict=True):
        (repo / path).write_text(text, encoding="utf-8")


def _write_theirs(repo: Path, prefix: str, binary: Sequence[str]) -> None:
    """A binary file in conflict keeps ours in place; theirs goes beside it, for the user."""
    for shown in binary:
        path = f"{prefix}{shown}"
        (repo / f"{path}.theirs").write_bytes(git.blob(repo, f":3:{path}"))


def _commit_or_undo(place: Place, previous_ref: str | None, identity: Mapping[str, str]) -> None:
    """Commit the merge; if git refuses (signing without a key, say), undo the whole update."""
    try:
        _commit(place.root, None, identity)
    except GitError as error:
        git.run(place.root, "merge", "--abort", check=False)
        if previous_ref is None:
            git.run(place.root, "update-ref", "-d", place.ref, check=False)
        else:
            git.run(place.root, "update-ref", place.ref, previous_ref, check=False)
        raise GitError(
            f"{place.project}: the merge was clean but {error}; the update was undone, "
            "nothing changed"
        ) from None


def _unmerged(repo: Path, env: Mapping[str, str]) -> dict[str, dict[int, tuple[str, str]]]:
    """Unmerged paths: for each index stage (1 base, 2 ours, 3 theirs) its mode and blob."""
    stages: dict[str, dict[int, tuple[str, str]]] = {}
    listing = git.run(repo, "ls-files", "--unmerged", "-z", env=env).stdout
    for entry in listing.split("\0"):
        if entry:
            info, path = entry.split("\t", 1)
            mode, blob, stage = info.split()
            stages.setdefault(path, {})[int(stage)] = (mode, blob)
    return stages


@contextlib.contextmanager
def _temporary_worktree(repo: Path, path: Path) -> Iterator[Path]:
    """A throwaway checkout of HEAD, where a dry run can merge for real.

    Ctrl-C during ``worktree add`` leaves it registered and locked
    ("initializing"); removing with ``--force`` twice undoes that too.
    """
    try:
        git.run(repo, "worktree", "add", "--quiet", "--detach", str(path), "HEAD")
        yield path
    finally:
        git.run(repo, "worktree", "remove", "--force", "--force", str(path), check=False)


# -- where the project is, and the base of the merge ------------------------------


@dataclass(frozen=True)
class Place:
    """A project and the git work tree it is in (its own, or a monorepo's)."""

    project: Path
    tree: git.WorkTree
    prefix: str  # the project's directory inside the work tree: "" or "services/billing/"

    @property
    def root(self) -> Path:
        return self.tree.root

    def spec(self, commit: str) -> str:
        """The tree of the project's directory in ``commit``, as git names it."""
        return f"{commit}:{self.prefix}" if self.prefix else f"{commit}^{{tree}}"

    def pathspec(self) -> list[str]:
        return ["--", f":(literal){self.prefix}"] if self.prefix else []

    @property
    def ref(self) -> str:
        """Where scaffold keeps the newest pristine commit of this project."""
        if not self.prefix:
            return PRISTINE_REF
        return f"{PRISTINE_REF}-{hashlib.sha256(self.prefix.encode()).hexdigest()[:12]}"


@dataclass(frozen=True)
class Base:
    """The pristine render an update merges from.

    ``tree`` is the project directory's tree (record included), ``bare`` the
    same without ``.scaffold.json``, which is what the record's ``pristine_tree``
    names. ``how`` says how it was found: ``history`` (a commit with exactly that
    tree, ``commit``), ``rebuilt`` (rendered again by the installed scaffold and
    found identical; no commit) or ``legacy`` (a record written before
    ``pristine_tree`` existed: see :func:`_legacy_base`).
    """

    tree: str
    bare: str
    commit: str | None
    how: str


def _place(project: Path, tree: git.WorkTree | None = None) -> Place | None:
    """The project's place in its work tree (``tree``, when already known); None before
    the first commit or outside any work tree."""
    if tree is None and git.available():
        tree = git.work_tree(project)
    if tree is None or tree.head is None:
        return None
    inside = project.resolve().relative_to(tree.root).as_posix()
    return Place(project, tree, "" if inside == "." else f"{inside}/")


def _expected_tree(record: Mapping[str, Any]) -> str | None:
    tree = record.get("pristine_tree")
    return tree if isinstance(tree, str) and tree else None


def _find_base(
    place: Place,
    record: Mapping[str, Any],
    answers: Answers,
    workdir: Path,
    objects: Mapping[str, str],
) -> Base:
    """The verified base of the next merge, or UpdateRefused: never a guess.

    ``objects`` says where a rebuilt base's objects go (see :func:`_scratch_store`).
    """
    expected = _expected_tree(record)
    if expected is None:
        legacy = _legacy_base(place)
        if legacy is None:
            raise UpdateRefused(
                f"{place.project}: no pristine render in the git history to merge from "
                f"(no {PRISTINE_REF} and no '{TRAILER}:' commit made by scaffold); "
                "see docs/lifecycle.md"
            )
        return legacy
    found = _history_base(place, expected) or _rebuilt_base(
        place, str(record["template"]), answers, expected, workdir, objects
    )
    if found is None:
        version = record.get("scaffold_version", "unknown")
        raise UpdateRefused(
            f"{place.project}: the pristine render it was last made or updated from (git tree "
            f"{expected[:12]}, in {RECORD_FILE}) is in no commit of this repository, and "
            f"scaffold {__version__} renders it differently, so the base of the merge cannot be "
            "verified. Fetch the history that has it (git fetch --unshallow; git fetch origin "
            f"'+refs/scaffold/*:refs/scaffold/*'), or run scaffold update once with scaffold "
            f"{version}, which rebuilds it into {place.ref}; see docs/lifecycle.md"
        )
    return found


def _history_base(place: Place | None, expected: str | None) -> Base | None:
    """A commit whose tree at the project's directory is exactly the recorded pristine tree.

    Nothing else counts: a squash, a rebase or a cherry-pick copies a message
    with the trailer, never this tree id. HEAD's history is searched first
    (the merge is then what ``git merge`` would do), then every other ref
    (``refs/scaffold/*``, a branch the update was made on).
    """
    if place is None:
        return None
    if expected is None:
        return _legacy_base(place)
    seen: set[str] = set()
    for revisions in (["HEAD"], ["--all", "--not", "HEAD"]):
        listed = git.run(place.root, "rev-list", *revisions, *place.pathspec(), check=False)
        commits = [c for c in listed.stdout.split() if c not in seen]
        seen.update(commits)
        for start in range(0, len(commits), 256):
            chunk = commits[start : start + 256]
            trees = git.trees_without(place.root, [place.spec(c) for c in chunk], RECORD_FILE)
            for commit, tree in zip(chunk, trees, strict=True):
                if tree is not None and tree[1] == expected:
                    return Base(tree[0], expected, commit, "history")
    return None


def _legacy_base(place: Place) -> Base | None:
    """The base of a project whose record has no ``pristine_tree`` (scaffold 0.1.0 made it).

    Without a tree id to verify, only commits scaffold itself made count: the
    private ref's merge base with HEAD (the ref only ever names pristine
    commits), or else the newest ancestor of HEAD whose whole chain down to a
    root commit has scaffold's subjects and ends in the trailer. A squash
    (another subject) or a rebased pristine commit (a user's commit as parent)
    fails that test, so it is never taken for pristine. The next update
    records a tree id, and from then on the base is verified.
    """
    if not place.prefix and git.resolve(place.root, PRISTINE_REF) is not None:
        found = git.run(place.root, "merge-base", "HEAD", PRISTINE_REF, check=False)
        if found.returncode == 0:
            return _base_at(place, found.stdout.strip(), "legacy")
    log = git.run(
        place.root, "log", "-z", "--format=%H %P%n%B", f"--grep=^{TRAILER}: ", "HEAD", check=False
    )
    commits: dict[str, tuple[list[str], str]] = {}
    order = []
    for entry in log.stdout.split("\0"):
        if entry.strip():
            heading, _, message = entry.strip("\n").partition("\n")
            commit, *parents = heading.split()
            commits[commit] = (parents, message)
            order.append(commit)

    def made_by_scaffold(commit: str) -> bool:
        while commit in commits:
            parents, message = commits[commit]
            lines = message.strip().splitlines()
            if not lines or not lines[0].startswith(LEGACY_SUBJECTS):
                return False
            if not lines[-1].startswith(f"{TRAILER}: ") or len(parents) > 1:
                return False
            if not parents:
                return True
            commit = parents[0]
        return False

    for commit in order:
        if made_by_scaffold(commit):
            return _base_at(place, commit, "legacy")
    return None


def _base_at(place: Place, commit: str, how: str) -> Base | None:
    tree = git.trees_without(place.root, [place.spec(commit)], RECORD_FILE)[0]
    return Base(tree[0], tree[1], commit, how) if tree else None


def _rebuilt_base(
    place: Place,
    framework: str,
    answers: Answers,
    expected: str,
    workdir: Path,
    objects: Mapping[str, str],
) -> Base | None:
    """Render the recorded answers again; the base only if the tree id is exactly the recorded one.

    Sound because the id covers every byte: the installed scaffold rebuilds
    the base when its templates render this project as they did then, which
    is always so for the version that made it. The decision record is not
    rendered but carried over, so the project's copy is tried, then a fresh one.
    """
    from scaffold.record import decision_record

    head = git.run(place.root, "show", f"HEAD:{place.prefix}{DECISION_FILE}", check=False)
    candidates = [head.stdout] if head.returncode == 0 else []
    candidates.append(decision_record(recommend(answers.criteria), framework, answers))
    for number, decision in enumerate(candidates):
        rebuild = workdir / f"rebuild-{number}"
        rebuild.mkdir()
        store = objects or None
        full, bare = _render_tree(
            place.project, framework, answers, decision, rebuild, store, place.tree.git_dir
        )
        if bare == expected:
            return Base(full, bare, None, "rebuilt")
    return None


def _decision_text(
    place: Place | None, base: Base | None, project: Path, objects: Mapping[str, str] | None = None
) -> str | None:
    """The decision record a new pristine render carries over: the base's, else the project's.

    ``objects`` is the store a rebuilt base was written into (a plan's private one).
    """
    if place is None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            return (project / DECISION_FILE).read_text(encoding="utf-8")
        return None
    source = base.tree if base else "HEAD"
    prefix = "" if base else place.prefix
    spec = f"{source}:{prefix}{DECISION_FILE}"
    shown = git.run(place.root, "show", spec, env=objects, check=False)
    return shown.stdout if shown.returncode == 0 else None


def _base_commit(
    place: Place,
    base: Base,
    workdir: Path,
    objects: Mapping[str, str],
    identity: Mapping[str, str],
) -> str:
    """A commit of the rebuilt base (HEAD's tree with the project's directory replaced)."""
    tree = _with_project_tree(place, base.tree, workdir, objects=objects)
    message = f"Pristine render, rebuilt by scaffold {__version__}\n\n{TRAILER}: {base.bare}\n"
    env = {**objects, **identity}
    return git.output(place.root, "commit-tree", tree, "-m", message, env=env)


def _with_project_tree(
    place: Place,
    tree: str,
    workdir: Path,
    record_from: str | None = None,
    objects: Mapping[str, str] | None = None,
) -> str:
    """HEAD's tree with the project's directory replaced by ``tree``.

    ``record_from`` names a commit whose ``.scaffold.json`` replaces the one in
    ``tree``. Outside the project's directory the result is HEAD's: a merge
    between two such trees changes nothing there. ``objects`` as for
    :func:`_find_base`.
    """
    env = {**(objects or {}), "GIT_INDEX_FILE": str(workdir / "compose-index")}
    if place.prefix:
        git.run(place.root, "read-tree", "HEAD", env=env)
        git.run(
            place.root,
            "rm",
            "-r",
            "-q",
            "--cached",
            "--ignore-unmatch",
            *place.pathspec(),
            env=env,
        )
        git.run(place.root, "read-tree", f"--prefix={place.prefix}", tree, env=env)
    else:
        git.run(place.root, "read-tree", tree, env=env)
    if record_from is not None:
        path = f"{place.prefix}{RECORD_FILE}"
        blob = git.output(place.root, "rev-parse", f"{record_from}:{path}")
        entry = f"100644,{blob},{path}"
        git.run(place.root, "update-index", "--add", "--cacheinfo", entry, env=env)
    return git.output(place.root, "write-tree", env=env)


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
    option it lacks takes the template's default; a starter option it lacks
    takes what the project was made with before the option existed (Django 5.2).
    """
    recorded = dict(record["answers"])
    options = render.starter_defaults(str(record["template"]))
    for option in STARTER_OPTIONS:
        if option.key in options:
            recorded.setdefault(option.key, option.before_the_option)
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
        completed = with_starter_defaults(completed, options)
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
    tree = git.work_tree(project) if git.available() else None
    return tree is not None and tree.root == project.resolve() and tree.head is None


def _require_clean_repository(project: Path) -> Place:
    if not git.available():
        raise UpdateRefused("git is not installed; scaffold update merges with git")
    enclosing = git.work_tree(project)
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
    place = _place(project, enclosing)
    if place is None:
        raise UpdateRefused(f"{project}: {UNBORN_HINT}")
    if (place.tree.git_dir / "MERGE_HEAD").exists():  # as git itself tells a merge in progress
        raise UpdateRefused(f"{project}: a merge is in progress; commit or abort it first")
    # No optional locks: git status would otherwise refresh the index, and a plan writes nothing.
    status = ("--no-optional-locks", "status", "--porcelain", *place.pathspec())
    dirty = git.output(place.root, *status).splitlines()
    if dirty:
        raise UpdateRefused(
            f"{project} has uncommitted changes ({len(dirty)} paths); "
            "commit or stash them, then run scaffold update again"
        )
    if git.run(place.root, "diff", "--cached", "--quiet", check=False).returncode != 0:
        raise UpdateRefused(
            f"{place.root} has staged changes outside {project}; the update's commit would "
            "take them: commit or unstage them first"
        )
    return place


def _require_writable_repository(place: Place) -> None:
    """An update (even a dry run) writes into the git repository: refuse up front if it cannot."""
    common = place.tree.common_dir
    for directory in (place.project, common, common / "objects"):
        if not os.access(directory, os.W_OK | os.X_OK):
            raise UpdateRefused(f"{place.project}: cannot write into {directory}")


def _scratch_store(tree: git.WorkTree | None, workdir: Path) -> dict[str, str]:
    """Git variables that write new objects into ``workdir`` only.

    For a project in a work ``tree``, its repository's object store is read too
    (so trees can be compared with its history); otherwise a throwaway
    repository is made.
    """
    if tree is None:
        scratch = workdir / "scratch.git"
        git.run(workdir, "init", "--quiet", "--bare", str(scratch))
        return {"GIT_DIR": str(scratch)}
    store = workdir / "objects"
    store.mkdir()
    return {
        "GIT_DIR": str(tree.git_dir),
        "GIT_OBJECT_DIRECTORY": str(store),
        "GIT_ALTERNATE_OBJECT_DIRECTORIES": str(tree.common_dir / "objects"),
    }


def _render_tree(
    project: Path,
    framework: str,
    answers: Answers,
    decision: str | None,
    workdir: Path,
    objects: Mapping[str, str] | None = None,
    git_dir: Path | None = None,
) -> tuple[str, str]:
    """Render the current templates with ``answers``; store it as a git tree.

    Returns the tree and the tree without ``.scaffold.json`` (the record's
    ``pristine_tree``). Rendering goes through render.render, into a temporary
    target, so the same safety applies as for ``scaffold new``. The decision
    record is carried over (``decision``): it documents the choice made when
    the project was created. ``objects`` (from :func:`_scratch_store`) keeps the
    new objects out of the project's store; without it they go into the
    repository at ``git_dir``. Files the project's repository ignores, if it has
    one, are left out as ``git add`` would.
    """
    target = workdir / "render"
    try:
        rendered = render.render_project(framework, answers, target, decision)
    except (GenerationError, TargetError) as error:
        raise LifecycleError(f"rendering the current templates failed: {error}") from None
    # The project's object store, but the render as work tree and a private index.
    env = {
        **(objects or {"GIT_DIR": str(git_dir)}),
        "GIT_WORK_TREE": str(target),
        "GIT_INDEX_FILE": str(workdir / "index"),
    }
    repository = project if objects is None or "GIT_OBJECT_DIRECTORY" in objects else None
    return _store(target, rendered.files, env, also_ignored_by=repository)


def _store(
    directory: Path,
    files: Sequence[str],
    env: Mapping[str, str],
    also_ignored_by: Path | None = None,
) -> tuple[str, str]:
    """``git add`` the rendered ``files`` git ignores neither there nor in the project.

    The record is added last, with the id of the tree of everything else
    written into it as ``pristine_tree``. Returns the tree with the record and
    the one without.
    """
    _add(directory, _tracked(directory, files, env, also_ignored_by), env)
    bare = git.output(directory, "write-tree", env=env)
    _write_pristine_tree(directory, bare)
    _add(directory, [RECORD_FILE], env)
    return git.output(directory, "write-tree", env=env), bare


def _tracked(
    directory: Path, files: Sequence[str], env: Mapping[str, str], also_ignored_by: Path | None
) -> list[str]:
    """The rendered ``files`` but the record that git ignores neither there nor in the project."""
    skip = git.ignored(directory, files, env=env)
    if also_ignored_by is not None:
        skip |= git.ignored(also_ignored_by, files)
    return [path for path in files if path not in skip and path != RECORD_FILE]


def _write_pristine_tree(directory: Path, tree: str) -> None:
    record = directory / RECORD_FILE
    record.write_text(
        with_pristine_tree(record.read_text(encoding="utf-8"), tree), encoding="utf-8"
    )


def _add(directory: Path, files: Sequence[str], env: Mapping[str, str]) -> None:
    git.run(
        directory,
        *("add", "--force", "--pathspec-from-file=-", "--pathspec-file-nul"),
        env=env,
        input="".join(f"{path}\0" for path in files),
    )


def _commit(repo: Path, message: str | None, identity: Mapping[str, str]) -> None:
    """Commit the index as ``identity`` (:func:`git.identity`); ``None`` keeps the message
    git prepared (a merge's)."""
    text = ["--no-edit"] if message is None else ["-m", message]
    git.run(repo, "commit", "--quiet", *text, env=identity)

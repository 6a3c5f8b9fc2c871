"""Render a bundled cookiecutter template, safely.

The templates are plain cookiecutter templates; scaffold renders them itself
(scaffold/generate.py, the same tree as cookiecutter's generator, in a
fraction of the time) and does not use cookiecutter's context handling, because:

* cookiecutter renders every value of ``extra_context`` as Jinja in an
  unsandboxed environment, so a description could run code. Here the context is
  built from already validated answers and rendered into the files as data;
* it writes the whole context to ``~/.cookiecutter_replay``; scaffold never does;
* its hooks are rendered into temporary files; here the temporary directory is
  redirected into a private staging area that is deleted;
* a failure can leave a half-made project. Here everything is rendered into a
  staging directory beside the target (inside it, when it exists) and moved
  into place only when complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scaffold.answers import STARTER_OPTIONS_BY_KEY
from scaffold.criteria import QUESTIONS_BY_KEY, Value
from scaffold.errors import GenerationError, TargetError
from scaffold.lock import is_unlocked_staging, staging_prefix

if TYPE_CHECKING:
    from scaffold.answers import Answers

_PACKAGED = Path(__file__).parent / "templates"
_SOURCE_TREE = Path(__file__).parent.parent / "templates"


def templates_root() -> Path:
    """The bundled templates: inside the wheel, or at the root of a source checkout."""
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE_TREE


def template_dir(framework: str) -> Path:
    return templates_root() / framework


def template_options(framework: str) -> dict[str, object]:
    """The template's cookiecutter.json, as written."""
    path = template_dir(framework) / "cookiecutter.json"
    options: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return options


def starter_defaults(framework: str) -> dict[str, object]:
    """The template's own default for each question of the article it is configured by,
    and for each starter option it has.

    cookiecutter's convention: a list's first entry, or the value itself.
    """
    return {
        key: value[0] if isinstance(value, list) else value
        for key, value in template_options(framework).items()
        if key in QUESTIONS_BY_KEY or key in STARTER_OPTIONS_BY_KEY
    }


def fingerprint(framework: str) -> str:
    """A hash of every file of a template: equal fingerprints render equal projects."""
    root = template_dir(framework)
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return f"sha256:{digest.hexdigest()}"


@dataclass(frozen=True)
class Rendered:
    path: Path
    files: tuple[str, ...]
    fingerprint: str


def render_project(
    framework: str,
    answers: Answers,
    target: Path,
    decision: str | None,
    *,
    force: bool = False,
    dry_run: bool = False,
) -> Rendered:
    """Render a project with its records: ``.scaffold.json`` and the decision record.

    ``scaffold new`` and ``scaffold update`` both render through here, so a
    project and its re-render differ only where the templates or answers do.
    ``decision`` is the text of the decision record (None: the project has none).
    """
    from scaffold.record import DECISION_FILE, RECORD_FILE, project_record

    template_fingerprint = fingerprint(framework)
    records = {RECORD_FILE: project_record(framework, answers, template_fingerprint)}
    if decision is not None:
        records[DECISION_FILE] = decision
    target = target.absolute()
    files = _render(
        framework,
        answers,
        target,
        records,
        compiled=compiled_templates(template_fingerprint),
        force=force,
        dry_run=dry_run,
    )
    return Rendered(target, files, template_fingerprint)


def build_context(framework: str, answers: Mapping[str, Value]) -> dict[str, object]:
    """The cookiecutter context: every answer as data, plus the template's private keys.

    Keys starting with ``__`` are expressions written by the template's author
    (derived flags such as ``__web``); cookiecutter renders them at prompt time,
    so they are rendered here, with the answers as plain variables. Answers
    themselves are never rendered.
    """
    from scaffold.generate import environment

    context: dict[str, object] = {}
    options = template_options(framework)
    for key, default in options.items():
        if key.startswith("_"):
            context[key] = default
        elif key in answers:
            context[key] = answers[key]
        else:
            raise GenerationError(f"template {framework!r} asks for {key!r}, which has no answer")
    context["_template"] = str(template_dir(framework))
    with _template_on_path(framework):
        env = environment(context, template_dir(framework))
        for key, expression in options.items():
            if key.startswith("__") and isinstance(expression, str):
                context[key] = env.from_string(expression).render(cookiecutter=context)
    return context


@contextlib.contextmanager
def _template_on_path(framework: str) -> Iterator[None]:
    """Make the template's local Jinja extensions importable, as cookiecutter does."""
    path = str(template_dir(framework))
    sys.path.insert(0, path)
    try:
        yield
    finally:
        sys.path.remove(path)


def _render(
    framework: str,
    answers: Mapping[str, Value],
    target: Path,
    extra_files: Mapping[str, str],
    *,
    compiled: Path | None,
    force: bool,
    dry_run: bool,
) -> tuple[str, ...]:
    """Render the template for ``answers`` into the directory ``target``.

    ``extra_files`` (relative path -> text) are written into the project too.
    With ``dry_run`` the project is rendered in a private temporary directory,
    listed and thrown away. Without ``force`` a non-empty target is refused; with
    it, files the template produces are overwritten and nothing else is touched.
    """
    check_target(target, force=force, dry_run=dry_run)
    context = build_context(framework, answers)
    existing = target.is_dir()
    occupied = existing and any(target.iterdir())
    # Staging inside an existing target keeps the final moves on its file system
    # (it may be a mount point) and leaves the directory itself alone.
    staging_parent = None if dry_run else target if existing else target.parent
    prefix = ".scaffold-" if dry_run else staging_prefix(target)
    with _staging(staging_parent, prefix) as staging:
        project = _generate(framework, context, staging, compiled)
        # pip byte-compiles the templates' .py files when it installs the wheel;
        # cookiecutter would copy those caches into the project.
        for cache in sorted(project.rglob("__pycache__"), reverse=True):
            shutil.rmtree(cache)
        try:
            for relative, text in extra_files.items():
                path = project / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        except OSError as error:  # a full disk
            raise GenerationError(f"writing the project failed: {error}") from None
        files = _contained_files(project)
        if not dry_run:
            _move_into_place(project, target, files, staging, merge=occupied)
    return files


def _check_reachable(target: Path) -> None:
    """Refuse a path the system will not even look up (a name too long, a parent not searchable)."""
    try:
        os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as error:
        shown = str(target) if len(str(target)) <= 200 else f"{str(target)[:200]}..."
        raise TargetError(f"output-dir: cannot use {shown} ({error.strerror})") from None


def check_target(target: Path, *, force: bool, dry_run: bool) -> None:
    """Refuse a target that cannot take the project; ``scaffold new`` asks before any question."""
    _check_reachable(target)
    if target.exists() and not target.is_dir():
        raise TargetError(f"output-dir: {target} exists and is not a directory")
    if target.is_symlink() and not target.exists():
        raise TargetError(f"output-dir: {target} is a symbolic link to nothing")
    # What a killed run of an earlier scaffold left in it is removed once the run holds it.
    occupied = target.is_dir() and any(not is_unlocked_staging(e) for e in target.iterdir())
    if occupied and not force:
        raise TargetError(
            f"output-dir: {target} already exists and is not empty; "
            "use --force to write the template's files into it"
        )
    if dry_run:
        return
    parent = target
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise TargetError(f"output-dir: {parent} exists and is not a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise TargetError(f"output-dir: cannot write into {parent} (permission denied)")


@contextlib.contextmanager
def _staging(parent: Path | None, prefix: str) -> Iterator[Path]:
    """A private directory that is removed whatever happens, Ctrl-C included
    (after a SIGKILL, by the next run into the same target: see scaffold.lock).

    While it exists, ``tempfile`` puts its files there too, so the rendered
    hook scripts that cookiecutter leaves in the system temp directory go with it.
    """
    created = _missing_ancestors(parent) if parent is not None else []
    try:
        for directory in created:
            directory.mkdir()
        staging = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    except OSError as error:
        _remove_empty(created)
        raise TargetError(f"output-dir: cannot create files in {parent}: {error}") from None
    saved_tempdir = tempfile.tempdir
    (staging / "tmp").mkdir()
    tempfile.tempdir = str(staging / "tmp")
    try:
        yield staging
    finally:
        tempfile.tempdir = saved_tempdir
        shutil.rmtree(staging, ignore_errors=True)
        _remove_empty(created)


@contextlib.contextmanager
def removed_if_interrupted(target: Path) -> Iterator[None]:
    """Ctrl-C before ``scaffold new`` is done takes back what it wrote into ``target``.

    A target it created goes, with the parent directories it created; an
    existing empty one is emptied again. Files that ``--force`` overwrote cannot
    come back, but a git repository made among them is removed.
    """
    target = target.absolute()
    _check_reachable(target)
    created = _missing_ancestors(target)
    was_empty = target.is_dir() and not any(target.iterdir())
    had_git = (target / ".git").exists()
    try:
        yield
    except KeyboardInterrupt:
        if created:
            shutil.rmtree(target, ignore_errors=True)
            _remove_empty(created)
        elif was_empty:
            for entry in target.iterdir():
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        elif not had_git:
            shutil.rmtree(target / ".git", ignore_errors=True)
        raise


def _missing_ancestors(directory: Path) -> list[Path]:
    """The directories to create for ``directory`` to exist, outermost first."""
    missing = []
    while not directory.exists():
        missing.append(directory)
        directory = directory.parent
    return missing[::-1]


def _remove_empty(directories: list[Path]) -> None:
    """Undo ``mkdir`` of directories that are still empty (nothing was moved into them)."""
    for directory in reversed(directories):
        with contextlib.suppress(OSError):
            directory.rmdir()


def compiled_templates(template_fingerprint: str) -> Path | None:
    """Where the compiled templates of this version of a template are kept between
    runs (``templates/`` in ``$SCAFFOLD_CACHE``, else ``$XDG_CACHE_HOME/scaffold``,
    else ``~/.cache/scaffold``), or None when Python is told not to write bytecode
    (``PYTHONDONTWRITEBYTECODE``)."""
    if sys.dont_write_bytecode:
        return None
    cache = os.environ.get("SCAFFOLD_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "scaffold"
    )
    return Path(cache, "templates", template_fingerprint.split(":")[-1][:32])


def _generate(
    framework: str, context: dict[str, object], staging: Path, compiled: Path | None
) -> Path:
    from jinja2 import TemplateError

    from scaffold import generate

    output = staging / "out"
    output.mkdir()
    try:
        with _template_on_path(framework), _hooks_print_to_stderr():
            project = generate.generate_files(template_dir(framework), context, output, compiled)
    except (generate.TemplateFailed, TemplateError) as error:
        raise GenerationError(f"the {framework} template failed: {_first_line(error)}") from None
    except OSError as error:
        raise GenerationError(f"writing the project failed: {error}") from None
    return Path(project)


@contextlib.contextmanager
def _hooks_print_to_stderr() -> Iterator[None]:
    """Hooks run as child processes writing to file descriptor 1; scaffold's stdout is
    for its own output (the JSON of ``--json``), so their messages go to stderr, or
    nowhere when stderr is closed."""
    if sys.stdout is not None:
        sys.stdout.flush()
    sink = saved = None
    try:
        try:
            os.fstat(2)
        except OSError:  # 2>&-; opening takes descriptor 2, so hooks' errors go there too
            sink = os.open(os.devnull, os.O_WRONLY)
        saved = os.dup(1)
        os.dup2(2 if sink is None else sink, 1)
    except OSError:  # stdout closed (>&-): nothing to keep clean
        pass
    try:
        yield
    finally:
        if saved is not None:
            os.dup2(saved, 1)
            os.close(saved)
        if sink is not None:
            os.close(sink)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _contained_files(project: Path) -> tuple[str, ...]:
    """Every file of the rendered project, refusing anything that points outside it."""
    root = project.resolve()
    files = []
    for path in sorted(project.rglob("*")):
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            raise GenerationError(f"the template produced a link leaving the project: {path.name}")
        if not path.resolve().is_relative_to(root):
            raise GenerationError(f"the template produced a path outside the project: {path}")
        if path.is_file():
            files.append(path.relative_to(project).as_posix())
    return tuple(files)


def _move_into_place(
    project: Path, target: Path, files: tuple[str, ...], staging: Path, *, merge: bool
) -> None:
    """Move the rendered project to ``target``, all or nothing.

    A new target is the rendered directory, renamed. An existing directory is
    kept (its mode, owner, mount, a symbolic link to it, the shell sitting in it
    with ``-o .``): an empty one receives the project's entries; with ``merge``
    (``--force`` into a non-empty one) each file replaces its own path only,
    after every one of them is known to be replaceable.
    """
    if not target.exists():
        try:
            os.replace(project, target)  # one rename: the whole project or nothing
        except OSError as error:  # EXDEV, EBUSY: the staging directory goes with the rest
            message = f"writing the project failed ({error}); nothing was written"
            raise GenerationError(message) from None
        return
    if merge:
        device = os.stat(staging).st_dev
        for relative in files:
            _check_merge(target, relative, device)
        moves = [(project / relative, target / relative) for relative in files]
    else:
        moves = [(entry, target / entry.name) for entry in project.iterdir()]
    _move_all(moves, staging / "replaced")


def _move_all(moves: list[tuple[Path, Path]], replaced: Path) -> None:
    """Rename each source to its destination; if one fails, put everything back.

    A file a move replaces is first renamed into ``replaced`` (in the staging
    directory, so it goes with it once all moves are done), so it can come back.
    """
    done: list[tuple[Path, Path, Path | None]] = []
    created: list[Path] = []
    try:
        replaced.mkdir()
        for source, destination in moves:
            for directory in _missing_ancestors(destination.parent):
                directory.mkdir()
                created.append(directory)
            saved = None
            if destination.exists() or destination.is_symlink():
                saved = replaced / str(len(done))
                os.replace(destination, saved)
            try:
                os.replace(source, destination)
            except OSError:
                if saved is not None:
                    os.replace(saved, destination)
                raise
            done.append((source, destination, saved))
    except OSError as error:
        for source, destination, saved in reversed(done):
            with contextlib.suppress(OSError):
                os.replace(destination, source)
                if saved is not None:
                    os.replace(saved, destination)
        _remove_empty(created)
        raise GenerationError(
            f"writing the project failed ({error}); the files already moved were put back"
        ) from None


def _check_merge(target: Path, relative: str, device: int) -> None:
    """Refuse, before anything moves, a ``--force`` file that could not be written in place.

    ``device`` is the staging directory's file system: a rename cannot leave it.
    """
    destination = target / relative
    directory = destination.parent
    while not directory.exists() and not directory.is_symlink():
        directory = directory.parent
    if not directory.is_dir():
        problem = f"{directory} is not a directory"
    elif not directory.resolve().is_relative_to(target.resolve()):
        problem = f"{directory} leads outside {target}"
    elif destination.is_dir() and not destination.is_symlink():
        problem = f"{destination} is a directory"
    elif not os.access(directory, os.W_OK | os.X_OK):
        problem = f"{directory} is not writable"
    elif os.stat(directory).st_dev != device:
        problem = f"{directory} is on another file system (a mount point)"
    elif _sticky_owner_elsewhere(directory, destination):
        problem = f"it belongs to another user and {directory} is sticky (mode +t)"
    else:
        return
    raise TargetError(f"output-dir: --force cannot write the template's {relative}: {problem}")


def _sticky_owner_elsewhere(directory: Path, destination: Path) -> bool:
    """In a sticky directory (such as a shared 1777 one) only the owner of a file, or
    of the directory, may replace it; root may always."""
    euid = os.geteuid()
    info = os.stat(directory)
    if euid == 0 or not info.st_mode & stat.S_ISVTX or info.st_uid == euid:
        return False
    try:
        return os.lstat(destination).st_uid != euid
    except FileNotFoundError:
        return False

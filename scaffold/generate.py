"""Render a cookiecutter template's files with Jinja, as ``cookiecutter`` would.

``scaffold new`` used to call ``cookiecutter.generate.generate_files``; importing
cookiecutter (and through its built-in extensions arrow, dateutil and
python-slugify) and compiling every file and file name as a template took most
of the time of a run. This module produces the same tree, byte for byte
(tests/test_generate.py compares the two on several answer sets), keeping the
semantics a template relies on:

* the project directory is the template's one directory named with
  ``cookiecutter`` between ``{{`` and ``}}``; file and directory names are
  rendered, a file whose name renders empty is skipped;
* ``_copy_without_render`` patterns (fnmatch, on paths relative to that
  directory) copy files and whole directories as they are; binary files too;
* a text file is rendered with ``StrictUndefined``, ``keep_trailing_newline``,
  the template's ``_extensions`` and ``_jinja2_env_vars``, written in UTF-8 with
  the newline of its first line (or ``_new_lines``), with the source's mode;
* ``hooks/pre_gen_project`` and ``hooks/post_gen_project`` are rendered and run
  in the project directory; a non-zero exit fails the generation (Python hooks
  run in scaffold's own process: see ``_run_hook``).

What it leaves out: cookiecutter's built-in Jinja extensions but for
``jsonify`` (the templates use none of ``slugify``, ``random_ascii_string``,
``uuid4`` or ``{% now %}`` in their files; a template that did would fail with
"no filter named ..."), prompting, and the replay file. A file or name without
Jinja syntax renders to itself, so it is copied rather than compiled.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket, BytecodeCache


class TemplateFailed(Exception):
    """A hook exited with a non-zero status (or could not be run), or the template has
    no project directory."""


def jsonify(value: object, indent: int = 4) -> str:
    """cookiecutter's ``jsonify`` filter."""
    return json.dumps(value, sort_keys=True, indent=indent)


# Compiled templates by Jinja's key for each (template name, file): a process that
# renders many projects (the test suite, a service) compiles each file once.
_IN_MEMORY: dict[str, bytes] = {}


class _Compiled(BytecodeCache):
    """Compiled templates kept for the process and, in ``directory``, between runs
    (as Python keeps ``.pyc`` files); a directory that cannot be written is no
    cache, not an error. Jinja checks each against its source's checksum."""

    def __init__(self, directory: Path | None) -> None:
        self.files = None if directory is None else FileSystemBytecodeCache(str(directory))

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = _IN_MEMORY.get(bucket.key)
        if kept is not None:
            bucket.bytecode_from_string(kept)
        if bucket.code is None and self.files is not None:
            self.files.load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        _IN_MEMORY[bucket.key] = bucket.bytecode_to_string()
        if self.files is not None:
            with contextlib.suppress(OSError):
                os.makedirs(self.files.directory, mode=0o700, exist_ok=True)
                self.files.dump_bytecode(bucket)


def environment(
    context: Mapping[str, Any], template: Path, compiled: Path | None = None
) -> Environment:
    """The Jinja environment cookiecutter renders ``template`` with.

    The template's local extensions must be importable (its directory on
    ``sys.path``), as cookiecutter arranges. ``compiled`` is a directory for the
    compiled templates; it must be one per version of the template and of its
    extensions (Jinja checks the sources, not the extensions).
    """
    settings: Mapping[str, Any] = context.get("_jinja2_env_vars", {})
    env = Environment(
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        extensions=[str(name) for name in context.get("_extensions", [])],
        loader=FileSystemLoader([str(template), str(template / "../templates")]),
        bytecode_cache=_Compiled(compiled),
        **settings,
    )
    env.filters["jsonify"] = jsonify
    return env


def generate_files(
    template: Path, context: Mapping[str, Any], output: Path, compiled: Path | None = None
) -> Path:
    """Render ``template`` (a cookiecutter template directory) into ``output``.

    ``context`` is the ``cookiecutter`` namespace; ``compiled`` as for
    :func:`environment`. Returns the project directory; raises
    ``TemplateFailed``, Jinja's ``TemplateError`` or ``OSError``.
    """
    project_template = _project_template(template)
    variables = {"cookiecutter": context}
    env = environment(context, project_template, compiled)
    project = output / _render_name(env, project_template.name, variables)
    project.mkdir()
    copy_only = [str(pattern) for pattern in context.get("_copy_without_render", [])]
    newline: str | None = context.get("_new_lines") or None
    _run_hook(template, "pre_gen_project", project, env, variables)
    for directory, subdirectories, files in os.walk(project_template):
        relative = os.path.relpath(directory, project_template)
        walked = []
        for name in sorted(subdirectories):
            path = os.path.normpath(os.path.join(relative, name))
            destination = project / _render_name(env, path, variables)
            if _matches(path, copy_only):
                shutil.copytree(os.path.join(directory, name), destination)
            else:
                destination.mkdir()
                walked.append(name)
        subdirectories[:] = walked
        for name in sorted(files):
            path = os.path.normpath(os.path.join(relative, name))
            destination = project / _render_name(env, path, variables)
            source = os.path.join(directory, name)
            if destination.is_dir():  # the name rendered empty
                continue
            if _matches(path, copy_only) or not _needs_rendering(source, env):
                shutil.copyfile(source, destination)
            else:
                _render_file(env, path, source, destination, variables, newline)
            shutil.copymode(source, destination)
    _run_hook(template, "post_gen_project", project, env, variables)
    return project


def _project_template(template: Path) -> Path:
    for entry in sorted(template.iterdir()):
        if entry.is_dir() and "cookiecutter" in entry.name and "{{" in entry.name:
            return entry
    raise TemplateFailed(f"{template} has no project directory ({{{{cookiecutter.…}}}})")


def _markers(env: Environment) -> tuple[str, ...]:
    markers = [env.block_start_string, env.variable_start_string, env.comment_start_string]
    markers += [prefix for prefix in (env.line_statement_prefix, env.line_comment_prefix) if prefix]
    return tuple(markers)


def _render_name(env: Environment, name: str, variables: Mapping[str, Any]) -> str:
    if not any(marker in name for marker in _markers(env)):
        return name
    return env.from_string(name).render(variables)


def _matches(path: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(path, pattern) for pattern in patterns)


def _needs_rendering(source: str, env: Environment) -> bool:
    """Whether rendering could change the file: it holds Jinja syntax or a carriage
    return (Jinja reads every newline as ``\\n``), and is text to cookiecutter."""
    with open(source, "rb") as handle:
        content = handle.read()
    markers = [marker.encode() for marker in _markers(env)]
    if b"\r" not in content and not any(marker in content for marker in markers):
        return False
    from binaryornot.check import is_binary

    return not is_binary(source)


def _render_file(
    env: Environment,
    path: str,
    source: str,
    destination: Path,
    variables: Mapping[str, Any],
    newline: str | None,
) -> None:
    text = env.get_template(path.replace(os.path.sep, "/")).render(variables)
    if newline is None:
        with open(source, encoding="utf-8") as handle:
            handle.readline()
        found = handle.newlines
        newline = found[0] if isinstance(found, tuple) else found
    with open(destination, "w", encoding="utf-8", newline=newline) as handle:
        handle.write(text)


def _run_hook(
    template: Path, name: str, project: Path, env: Environment, variables: Mapping[str, Any]
) -> None:
    """Render and run the template's hook ``name``, if it has one, in ``project``.

    cookiecutter runs a Python hook in a new interpreter; scaffold runs only the
    hooks of the templates it ships, written for this (standard library only, no
    state left behind), so it runs them in its own process, which saves starting
    Python twice per project. What a hook prints goes to stderr (stdout is
    scaffold's, for ``--json``); ``sys.exit`` with a non-zero status, or an
    exception, fails the generation. Other hooks are run as programs.
    """
    hooks = template / "hooks"
    if not hooks.is_dir():
        return
    for script in sorted(hooks.iterdir()):
        if script.stem != name or script.name.endswith("~"):
            continue
        code = env.from_string(script.read_text(encoding="utf-8")).render(variables)
        if script.suffix == ".py":
            status = _run_python(code, script, project)
        else:
            status = _run_program(code, script, project)
        if status != 0:
            raise TemplateFailed(f"Hook script failed (exit status: {status})")


def _run_python(code: str, script: Path, project: Path) -> int | str:
    saved_cwd, saved_argv = os.getcwd(), sys.argv
    sys.argv = [str(script)]
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            exec(
                compile(code, str(script), "exec"),
                {"__name__": "__main__", "__file__": str(script)},
            )
    except SystemExit as stop:
        if stop.code is None or stop.code == 0:
            return 0
        if isinstance(stop.code, int):
            return stop.code
        print(stop.code, file=sys.stderr)
        return 1
    except Exception as error:  # a broken hook: one line, as for the other failures
        raise TemplateFailed(f"Hook script failed ({type(error).__name__}: {error})") from None
    finally:
        os.chdir(saved_cwd)
        sys.argv = saved_argv
    return 0


def _run_program(code: str, script: Path, project: Path) -> int:
    with tempfile.NamedTemporaryFile("wb", suffix=script.suffix, delete=False) as handle:
        handle.write(code.encode("utf-8"))
    rendered = Path(handle.name)
    try:
        rendered.chmod(rendered.stat().st_mode | 0o111)
        return subprocess.run([str(rendered)], cwd=project, check=False).returncode
    except OSError as error:
        raise TemplateFailed(f"Hook script failed (error: {error})") from None
    finally:
        rendered.unlink(missing_ok=True)

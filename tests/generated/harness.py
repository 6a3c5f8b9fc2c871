"""The verification harness: install, run and check projects baked from the templates.

The template tests (`test_django*.py`, `test_flask*.py`) bake a project with
pytest-cookies and then use these helpers to run it for real:

* `project_env` gives a cached virtualenv holding the project's dependencies;
  `ProjectEnv.run` runs a tool from it inside the project.
* `database_url` / `redis_url` point at the servers started by
  `tests/services/start.sh` (skip, or fail under `CI=true`, when they are absent).
* `unrendered_text` finds template syntax that cookiecutter left behind.
* `serve` starts the baked app on a free loopback port; `browser` drives Debian's
  Chromium through Playwright and fails on console errors, CSP violations and
  axe-core accessibility violations (each `step` audits the page it shows);
  `try_in_swagger_ui` opens, tries out and runs one operation of an API docs page.
* `record` / `recorded` feed the summary table printed at the end of the run.

The contract these follow is the last section of docs/template-contract.md.
"""

from __future__ import annotations

import contextlib
import fcntl
import fnmatch
import functools
import hashlib
import http.client
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

# Bump when the way venvs are built changes, so old cache entries are ignored.
_VENV_LAYOUT = 1
_COMPLETE_MARKER = "scaffold-venv-complete.json"
_UNUSED_DAYS = 14
_OUTPUT_TAIL_LINES = 80

SERVICE_VARIABLES = {
    "postgresql": "SCAFFOLD_POSTGRES_URL",
    "mysql": "SCAFFOLD_MYSQL_URL",
    "mariadb": "SCAFFOLD_MYSQL_URL",
    "redis": "SCAFFOLD_REDIS_URL",
}
# Database answers the templates offer for which no server runs here.
NO_SERVER_HERE = ("oracle", "mongodb", "cassandra")

# Variables of the outer test run that must not leak into a baked project's commands:
# a stray DATABASE_URL would silently move a "sqlite" run onto another database.
_VARIABLES_NOT_INHERITED = ("DATABASE_URL", "REDIS_URL", "VIRTUAL_ENV", "PYTHONHOME")
_PREFIXES_NOT_INHERITED = ("PYTEST_", "SCAFFOLD_")


# --------------------------------------------------------------------------- venvs


def cache_root() -> Path:
    """The one directory of the suite's caches (`$SCAFFOLD_TEST_CACHE`, else
    `~/.cache/scaffold`, where scaffold keeps its compiled templates too)."""
    configured = os.environ.get("SCAFFOLD_TEST_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "scaffold"


def venv_cache_dir() -> Path:
    """Where the per-dependency-set virtualenvs live (`$SCAFFOLD_VENV_CACHE`, else
    `test-venvs` in the cache root)."""
    configured = os.environ.get("SCAFFOLD_VENV_CACHE")
    if configured:
        return Path(configured)
    return cache_root() / "test-venvs"


def _project_metadata(project: Path) -> dict[str, Any]:
    """The `[project]` table of the project's pyproject.toml."""
    import tomllib  # Python 3.11+: imported here so the quick run works on 3.10 too

    with (project / "pyproject.toml").open("rb") as file:
        metadata: dict[str, Any] = tomllib.load(file).get("project", {})
    return metadata


# The lock every generated project ships (templates/shared/requirements_lock.py):
# runtime and dev packages, each `name==version`.
LOCK_FILE = "requirements-dev.txt"


def project_lock(project: Path) -> list[str]:
    """The pins of the project's lock, as written; fails the test when it has none."""
    path = project / LOCK_FILE
    if not path.is_file():
        pytest.fail(
            f"{project.name} has no {LOCK_FILE}: every project ships its lock", pytrace=False
        )
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def requirements_key(requirements: Sequence[str], python: Interpreter) -> str:
    """A short hash naming one lock on one interpreter."""
    identity = {
        "layout": _VENV_LAYOUT,
        "python": [python.implementation, python.version_text, str(python.path)],
        "requirements": sorted({" ".join(r.split()) for r in requirements}),
    }
    return hashlib.sha256(json.dumps(identity).encode()).hexdigest()[:16]


# ------------------------------------------------------------------- interpreters


@dataclass(frozen=True, order=True)
class Interpreter:
    """A Python found on this machine: its version first, so the newest sorts last."""

    version: tuple[int, int, int]
    path: Path
    implementation: str = "cpython"

    @property
    def version_text(self) -> str:
        return ".".join(map(str, self.version))


# Asked of each candidate; valid Python 3.3+ syntax, so an old pyenv version answers too.
_DESCRIBE = "import sys; print(sys.implementation.name, '%d.%d.%d' % sys.version_info[:3]); " + (
    "print(sys.executable)"
)


def _candidate_paths() -> list[Path]:
    """Pythons to ask: the one running the tests, pyenv's installs, `python3.N` on PATH."""
    pyenv_root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    candidates = [Path(sys.executable), *sorted(pyenv_root.glob("versions/*/bin/python3"))]
    for minor in range(8, 20):
        found = shutil.which(f"python3.{minor}")
        if found:
            candidates.append(Path(found))
    return candidates


@functools.cache
def interpreters_here() -> tuple[Interpreter, ...]:
    """Every CPython 3 on this machine, each once (by its real executable), oldest first."""
    found: dict[Path, Interpreter] = {}
    for candidate in _candidate_paths():
        try:
            answer = subprocess.run(
                [str(candidate), "-c", _DESCRIBE],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        lines = answer.stdout.split("\n")
        if answer.returncode != 0 or len(lines) < 2:
            continue  # a pyenv shim for a version that is not selected, say
        implementation, version = lines[0].split()
        executable = Path(lines[1].strip()).resolve()
        if implementation == "cpython" and executable not in found:
            major, minor, micro = (int(part) for part in version.split("."))
            found[executable] = Interpreter((major, minor, micro), executable, implementation)
    return tuple(sorted(found.values()))


def choose_interpreter(
    requires_python: str, available: Sequence[Interpreter]
) -> Interpreter | None:
    """The newest of `available` that `requires_python` (a PEP 440 specifier) accepts."""
    from packaging.specifiers import SpecifierSet  # comes with pytest

    accepted = SpecifierSet(requires_python)
    matching = [python for python in available if accepted.contains(python.version_text)]
    return max(matching, default=None)


def project_requires_python(project: Path) -> str:
    """The project's `requires-python` (empty when it states none)."""
    return str(_project_metadata(project).get("requires-python", ""))


def project_interpreter(project: Path) -> Interpreter:
    """The newest Python here that the project accepts; fails the test when none does."""
    requires = project_requires_python(project)
    available = interpreters_here()
    chosen = choose_interpreter(requires, available)
    if chosen is None:
        found = ", ".join(f"{python.version_text} ({python.path})" for python in available)
        pytest.fail(
            f"{project.name} requires Python {requires!r} and no interpreter on this machine "
            f"satisfies it (found: {found or 'none'}); install one, e.g. `pyenv install 3.13`",
            pytrace=False,
        )
    return chosen


@dataclass(frozen=True)
class ProjectEnv:
    """A built virtualenv and a way to run a baked project's tools with it."""

    path: Path
    requirements: tuple[str, ...]
    python: Interpreter

    @property
    def bin(self) -> Path:
        return self.path / "bin"

    def command(self, args: Sequence[str]) -> list[str]:
        """`args` with `args[0]` taken from the venv's bin/ when it is there."""
        if not args:
            raise ValueError("empty command")
        program = self.bin / args[0]
        return [str(program) if program.exists() else args[0], *args[1:]]

    def environment(self, cwd: Path, env: Mapping[str, str] | None = None) -> dict[str, str]:
        """The environment a project command sees: the venv first on PATH, the
        project on PYTHONPATH, nothing inherited that could change its database."""
        result = {
            name: value
            for name, value in os.environ.items()
            if name not in _VARIABLES_NOT_INHERITED and not name.startswith(_PREFIXES_NOT_INHERITED)
        }
        result["VIRTUAL_ENV"] = str(self.path)
        result["PATH"] = f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}"
        result["PYTHONPATH"] = str(cwd)
        result["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        result.update(env or {})
        return result

    def run(
        self,
        args: list[str],
        cwd: Path,
        env: dict[str, str] | None = None,
        timeout: float = 900,
        check: bool = True,
    ) -> subprocess.CompletedProcess[str]:
        """Run `args` in `cwd`; with `check`, fail the test when it does not exit 0.

        stdout and stderr are merged into `result.stdout`, in the order printed.
        """
        command = self.command(args)
        shown = " ".join(args)
        try:
            result = subprocess.run(
                command,
                cwd=cwd,
                env=self.environment(Path(cwd), env),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            output = error.stdout if isinstance(error.stdout, str) else ""
            pytest.fail(f"`{shown}` timed out after {timeout:.0f}s in {cwd}\n{tail(output)}")
        if check and result.returncode != 0:
            pytest.fail(
                f"`{shown}` exited {result.returncode} in {cwd}\n{tail(result.stdout)}",
                pytrace=False,
            )
        return result


_built_envs: dict[str, ProjectEnv] = {}


def project_env(project: Path) -> ProjectEnv:
    """The virtualenv for `project`'s dependency set, built on first use.

    The venv holds exactly the project's lock (`pip install --no-deps -r
    requirements-dev.txt`, then `pip check`, as its README says). One venv per
    distinct lock and interpreter (the newest
    Python here that the project's `requires-python` accepts, see
    `project_interpreter`), kept in `venv_cache_dir()` across runs. A file lock
    lets xdist workers share it: the first builds, the others wait. A venv counts
    only once its completion marker is written (last), so a build that was killed
    is thrown away and redone, never used half-made. (It is built in place, not
    renamed from a temporary folder, because pip writes the venv's absolute path
    into its scripts' `#!` lines.) Venvs unused for two weeks are removed when a
    new one is built.
    """
    requirements = project_lock(Path(project))
    python = project_interpreter(Path(project))
    key = requirements_key(requirements, python)
    if key in _built_envs:
        return _built_envs[key]

    cache = venv_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    venv = cache / key
    with _file_lock(cache / f"{key}.lock"):
        marker = venv / _COMPLETE_MARKER
        if marker.exists():
            marker.touch()  # last used: see _prune_unused_venvs
        else:
            _prune_unused_venvs(cache)
            _build_venv(venv, Path(project) / LOCK_FILE, requirements, python)
    env = ProjectEnv(path=venv, requirements=tuple(requirements), python=python)
    _built_envs[key] = env
    return env


def _build_venv(venv: Path, lock: Path, requirements: list[str], python: Interpreter) -> None:
    if venv.exists():
        shutil.rmtree(venv)  # left by a build that did not finish
    started = time.monotonic()
    log = venv.parent / f"{venv.name}.build.log"
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "--no-input"]
    steps = [[str(python.path), "-m", "venv", str(venv)]]
    if requirements:
        # The lock names every package: pip resolves nothing, and `pip check` fails a
        # lock that misses a dependency or pins one out of its range.
        steps += [[*pip, "install", "--no-deps", "-r", str(lock)], [*pip, "check"]]
    # pip's build folders go beside the venv, not into the shared /tmp.
    scratch = venv.parent / f"{venv.name}.tmp"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    try:
        with log.open("w") as output:
            for step in steps:
                output.write(f"$ {' '.join(step)}\n")
                output.flush()
                finished = subprocess.run(
                    step,
                    env={**os.environ, "TMPDIR": str(scratch)},
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    timeout=1800,
                    check=False,
                )
                if finished.returncode != 0:
                    shutil.rmtree(venv, ignore_errors=True)
                    pytest.fail(
                        f"building the venv from {lock} failed at `{_shown(step)}`"
                        f" (log: {log})\n"
                        f"{tail(log.read_text(errors='replace'))}",
                        pytrace=False,
                    )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    marker = {
        "python": python.version_text,
        "requirements": requirements,
        "seconds": round(time.monotonic() - started, 1),
    }
    (venv / _COMPLETE_MARKER).write_text(json.dumps(marker, indent=2))


def _shown(step: list[str]) -> str:
    """A build step as a person would type it: `pip check`, `python -m venv ...`."""
    if "pip" not in step:
        return " ".join(["python", *step[1:]])
    quiet = ("--disable-pip-version-check", "--no-input")
    return " ".join(["pip", *[part for part in step[step.index("pip") + 1 :] if part not in quiet]])


def _prune_unused_venvs(cache: Path) -> None:
    """Remove venvs unused for `_UNUSED_DAYS` (each is ~100-200 MB), skipping busy ones."""
    too_old = time.time() - _UNUSED_DAYS * 86400
    for marker in cache.glob(f"*/{_COMPLETE_MARKER}"):
        venv = marker.parent
        if marker.stat().st_mtime > too_old:
            continue
        with (
            contextlib.suppress(BlockingIOError),
            _file_lock(cache / f"{venv.name}.lock", wait=False),
        ):
            shutil.rmtree(venv, ignore_errors=True)
            (cache / f"{venv.name}.build.log").unlink(missing_ok=True)


@contextlib.contextmanager
def _file_lock(path: Path, wait: bool = True) -> Iterator[None]:
    """Hold an exclusive lock on `path`; without `wait`, raise BlockingIOError if taken."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def tail(output: str, lines: int = _OUTPUT_TAIL_LINES) -> str:
    """The last `lines` lines of a command's output, for failure messages."""
    kept = output.splitlines()[-lines:]
    return "\n".join(kept)


# ----------------------------------------------------------------------- services


def require_service(variable: str) -> str:
    """The value of a service variable; skip without it (fail when `CI=true`)."""
    value = os.environ.get(variable, "")
    if value:
        return value
    reason = (
        f"{variable} is not set: run `bash tests/services/start.sh` and "
        f"`. tests/services/services.env`"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: a missing server is a failure)", pytrace=False)
    pytest.skip(reason)


def database_url(kind: str, name: str) -> str | None:
    """A URL to a fresh, empty database `name` of `kind` on the test servers.

    `None` for sqlite (the project keeps its own default). postgresql URLs use
    `postgresql://`, mysql and mariadb both `mysql://` (one MariaDB serves both),
    redis `redis://host:port/N` with a database number of its own. The database
    is dropped and created again, and so is Django's `test_<name>`.
    """
    if kind == "sqlite":
        return None
    if kind in NO_SERVER_HERE:
        pytest.skip(f"no {kind} server runs in this harness")
    if kind not in SERVICE_VARIABLES:
        raise ValueError(f"unknown database kind {kind!r}")
    admin_url = require_service(SERVICE_VARIABLES[kind])
    if kind == "redis":
        return _fresh_redis_url(admin_url)
    database = database_name(name)
    if kind == "postgresql":
        _recreate_postgres(admin_url, database)
    else:
        _recreate_mysql(admin_url, database)
    return _with_path(admin_url, database)


def redis_url() -> str:
    """A URL to an empty Redis database of its own, for `REDIS_URL`."""
    return _fresh_redis_url(require_service(SERVICE_VARIABLES["redis"]))


def database_name(name: str) -> str:
    """`name` made safe as a database name, short enough for `test_` + it."""
    safe = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_") or "db"
    if len(safe) > 50:
        safe = f"{safe[:41]}_{hashlib.sha256(safe.encode()).hexdigest()[:8]}"
    return safe


def _with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{path}", parts.query, parts.fragment))


def _service_cli(args: list[str], env: Mapping[str, str] | None = None) -> str:
    """Run a server's client program (psql, mariadb, redis-cli); fail on error."""
    if shutil.which(args[0]) is None:
        pytest.fail(f"`{args[0]}` is not installed: run `bash tests/services/start.sh`")
    result = subprocess.run(
        args,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"`{' '.join(args)}` failed:\n{result.stdout}{result.stderr}", pytrace=False)
    return result.stdout


def _recreate_postgres(admin_url: str, database: str) -> None:
    for name in (database, f"test_{database}"):
        _service_cli(
            [
                "psql",
                admin_url,
                "-v",
                "ON_ERROR_STOP=1",
                "-q",
                "-c",
                f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            ]
        )
    _service_cli(
        ["psql", admin_url, "-v", "ON_ERROR_STOP=1", "-q", "-c", f'CREATE DATABASE "{database}"']
    )


def mysql_cli_args(admin_url: str) -> tuple[list[str], dict[str, str]]:
    """`mariadb` client arguments and environment (password) for a mysql:// URL."""
    parts = urlsplit(admin_url)
    args = [
        "mariadb",
        "--protocol=TCP",
        "-h",
        parts.hostname or "127.0.0.1",
        "-P",
        str(parts.port or 3306),
        "-u",
        parts.username or "root",
    ]
    return args, {"MYSQL_PWD": parts.password or ""}


def _recreate_mysql(admin_url: str, database: str) -> None:
    args, env = mysql_cli_args(admin_url)
    statements = (
        f"DROP DATABASE IF EXISTS `{database}`; DROP DATABASE IF EXISTS `test_{database}`; "
        f"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
    )
    _service_cli([*args, "-e", statements], env)


def _fresh_redis_url(admin_url: str) -> str:
    """Hand out the next Redis database number (1..N-1; 0 stays the admin's), flushed.

    Numbers come from a counter under a file lock, so xdist workers never share one
    at the same time; start.sh configures enough databases for a whole run.
    """
    parts = urlsplit(admin_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 6379
    counter = Path(tempfile.gettempdir()) / f"scaffold-redis-{port}.next"
    cli = ["redis-cli", "-h", host, "-p", str(port)]
    with _file_lock(counter.with_suffix(".lock")):
        databases = int(_service_cli([*cli, "--raw", "CONFIG", "GET", "databases"]).split()[-1])
        try:
            number = int(counter.read_text() or "0")
        except (FileNotFoundError, ValueError):
            number = 0
        number = number % (databases - 1) + 1
        counter.write_text(str(number))
    _service_cli([*cli, "-n", str(number), "FLUSHDB"])
    return _with_path(admin_url, str(number))


# -------------------------------------------------------------- unrendered text

_LEFTOVERS = re.compile(r"\{\{|\{%|cookiecutter\.")
# GitHub Actions expressions (`${{ secrets.X }}`) are meant to stay in workflows.
_GITHUB_EXPRESSION = re.compile(r"\$\{\{.*?\}\}")
_SKIPPED_DIRS = {".git", "__pycache__", ".venv", "node_modules", ".pytest_cache", ".ruff_cache"}


def unrendered_text(project: Path, allow: Sequence[str] = ()) -> list[str]:
    """`path:line: text` of every `{{`, `{%` or `cookiecutter.` left in a text file.

    `allow` holds globs (fnmatch, matched against the path relative to `project`,
    where `*` also crosses `/`) of files that legitimately keep such syntax, e.g.
    `"*/templates/*.html"` for the project's own Django or Jinja templates.
    GitHub Actions `${{ ... }}` expressions are not reported.
    """
    project = Path(project)
    found: list[str] = []
    for path in sorted(_text_files(project)):
        relative = path.relative_to(project).as_posix()
        if any(fnmatch.fnmatch(relative, pattern) for pattern in allow):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary or unreadable: not a template leftover
        for number, line in enumerate(text.splitlines(), start=1):
            if _LEFTOVERS.search(_GITHUB_EXPRESSION.sub("", line)):
                found.append(f"{relative}:{number}: {line.strip()[:120]}")
    return found


def _text_files(root: Path) -> Iterator[Path]:
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = [d for d in subdirectories if d not in _SKIPPED_DIRS]
        for name in files:
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink() and b"\0" not in path.read_bytes()[:8192]:
                yield path


# ------------------------------------------------------------------------ serving


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(
    env: ProjectEnv,
    project: Path,
    argv: list[str],
    extra_env: dict[str, str] | None = None,
    ready_path: str = "/",
    timeout: float = 60,
) -> Iterator[str]:
    """Run a server from `project` on a free port and yield its base URL.

    Every `{port}` in `argv` becomes the port, e.g.
    `["gunicorn", "-b", "127.0.0.1:{port}", "mysite.wsgi"]`. The server counts as
    up once `GET ready_path` gets any HTTP answer (a redirect or an error page
    included). It is stopped afterwards; if it dies, never answers, or the body
    of the `with` fails, its log is printed with the failure.
    """
    port = free_port()
    command = env.command([part.replace("{port}", str(port)) for part in argv])
    with tempfile.TemporaryFile("w+", errors="replace") as log:
        process = subprocess.Popen(
            command,
            cwd=project,
            env=env.environment(Path(project), extra_env),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_until_answering(process, port, ready_path, timeout)
            yield f"http://127.0.0.1:{port}"
        except (Exception, pytest.fail.Exception):
            _stop(process)
            log.seek(0)
            print(f"--- log of `{' '.join(argv)}` ---\n{tail(log.read(), 200)}")
            raise
        finally:
            _stop(process)


def _wait_until_answering(
    process: subprocess.Popen[bytes], port: int, path: str, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"the server exited with {process.returncode} before answering", pytrace=False
            )
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", path)
            connection.getresponse().read()
            return
        except (OSError, http.client.HTTPException):
            time.sleep(0.2)
        finally:
            connection.close()
    pytest.fail(f"the server did not answer on port {port} within {timeout:.0f}s", pytrace=False)


def _fetch(url: str, timeout: float = 10) -> str:
    """GET `url` and return its body (for quick checks of a served app)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode(errors="replace")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


# ------------------------------------------------------------------------ browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# Reports every CSP violation (enforced or report-only) to the test through a binding.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__scaffoldCspViolation(
    `${event.disposition} ${event.effectiveDirective}: blocked ${event.blockedURI || "inline"}`
    + ` in ${event.sourceFile || event.documentURI}:${event.lineNumber}`
  );
});
"""


# axe-core, from the npm registry: `.ci/run` installs this version under `cache_root()`
# (or set SCAFFOLD_AXE_CORE to an axe.min.js).
AXE_CORE_PACKAGE = "axe-core@4.14.1"
# axe's default rules: WCAG 2.0 to 2.2, levels A and AA, and its best practices.
AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map((rule) => {
    const where = rule.nodes.map((node) => node.target.join(" ")).join(", ");
    return `${rule.id} (${rule.impact}): ${rule.help}: ${where}`;
  });
}"""


def axe_core_script() -> Path:
    """axe.min.js: `$SCAFFOLD_AXE_CORE`, else the copy `.ci/run` installs."""
    configured = os.environ.get("SCAFFOLD_AXE_CORE")
    if configured:
        return Path(configured)
    return cache_root() / "axe-core" / "node_modules" / "axe-core" / "axe.min.js"


def screenshot_root() -> Path:
    """Folder for browser screenshots (`$SCAFFOLD_SCREENSHOTS`, else `test-screenshots`
    in the cache root)."""
    configured = os.environ.get("SCAFFOLD_SCREENSHOTS")
    return Path(configured) if configured else cache_root() / "test-screenshots"


@dataclass
class BrowserCheck:
    """One browser session: `page` to drive, `step` to screenshot, `problems` found.

    `problems` collects console errors, uncaught page errors and
    Content-Security-Policy violations, each tagged with the step it followed.
    """

    name: str
    page: Any  # playwright.sync_api.Page
    folder: Path
    axe_source: str = ""
    problems: list[str] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)
    current_step: str = "start"

    def step(self, label: str) -> Path:
        """Audit the page with axe-core, screenshot it as `NN-label.png`, say where it went."""
        self.current_step = label
        self.audit()
        slug = re.sub(r"[^A-Za-z0-9_-]+", "-", label).strip("-") or "step"
        path = self.folder / f"{len(self.screenshots) + 1:02d}-{slug}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.screenshots.append(path)
        print(f"[{self.name}] {label}: {path}")
        return path

    def audit(self) -> None:
        """Record every axe-core violation of the page as it is now.

        axe is evaluated through the DevTools protocol, which the page's
        Content-Security-Policy does not govern, so the policy stays as served.
        """
        if self.page.evaluate("typeof axe === 'undefined'"):
            self.page.evaluate(self.axe_source)
        for violation in self.page.evaluate(AXE_RUN):
            self.problem("axe violation", f"{violation} ({self.page.url})")

    def problem(self, kind: str, text: str) -> None:
        self.problems.append(f"{kind} after step '{self.current_step}': {text}")


@contextlib.contextmanager
def browser(name: str) -> Iterator[BrowserCheck]:
    """Headless Debian Chromium through Playwright, failing on console errors, CSP and axe.

    On leaving the `with` block the test fails if the page logged a console
    error, threw an uncaught error, violated its Content-Security-Policy, or had
    an axe-core violation at one of its steps.
    """
    axe = axe_core_script()
    for needed, reason in [
        (Path(CHROMIUM), f"{CHROMIUM} is missing: `apt-get install -y chromium`"),
        (axe, f"axe-core is missing ({axe}): `bash .ci/run` installs {AXE_CORE_PACKAGE}"),
    ]:
        if not needed.exists():
            if os.environ.get("CI") == "true":
                pytest.fail(reason, pytrace=False)
            pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    folder = screenshot_root() / re.sub(r"[^A-Za-z0-9_.-]+", "-", name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = chromium.new_context()
            page = context.new_page()
            page.set_default_timeout(15_000)
            check = BrowserCheck(
                name=name, page=page, folder=folder, axe_source=axe.read_text(encoding="utf-8")
            )
            _watch(check, context, page)
            print(f"[{name}] screenshots in {folder}")
            try:
                yield check
                page.wait_for_timeout(200)  # let late console messages arrive
            except BaseException:
                # A step that times out is often a script the CSP blocked: show what was seen.
                with contextlib.suppress(Exception):
                    check.step("failure")
                print(_problem_report(check) or f"[{name}] no console error or CSP violation")
                raise
        finally:
            chromium.close()
    if check.problems:
        pytest.fail(_problem_report(check), pytrace=False)


def try_in_swagger_ui(check: BrowserCheck, operation: str) -> None:
    """Open one operation of a Swagger UI page, try it out and run it, auditing each state.

    `operation` is the id Swagger UI gives its block, `operations-<tag>-<operationId>`.
    """
    block = check.page.locator(f"#{operation}")
    block.locator(".opblock-summary-control").click()
    check.step(f"API docs: {operation} open")
    block.get_by_role("button", name="Try it out").click()
    block.get_by_role("button", name="Execute").click()
    block.locator(".live-responses-table .response-col_status").first.wait_for()
    # The Execute button fades back in (a 0.3 s transition): audit its colours once it has.
    check.page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished))")
    check.step(f"API docs: {operation} run")


def _problem_report(check: BrowserCheck) -> str:
    if not check.problems:
        return ""
    return f"browser check {check.name!r} found problems (screenshots: {check.folder}):\n" + (
        "\n".join(f"  {problem}" for problem in check.problems)
    )


def _watch(check: BrowserCheck, context: Any, page: Any) -> None:
    def on_console(message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            check.problem("console error", f"{message.text} ({location.get('url', '')})")

    context.expose_binding(
        "__scaffoldCspViolation", lambda _source, text: check.problem("CSP violation", text)
    )
    context.add_init_script(_CSP_LISTENER)
    page.on("console", on_console)
    page.on("pageerror", lambda error: check.problem("page error", str(error)))


# ------------------------------------------------------------------------ summary

RECORD_PROPERTY = "scaffold-record"
_pending_records: list[dict[str, Any]] = []


def record(flavour: str, database: str, check: str, passed: bool) -> None:
    """Count one check in the end-of-run summary.

    Check names with a meaning in the table: `bake` (one per variant baked) and
    `browser` (one per browser flow); any other name (`pytest`, `ruff`,
    `check --deploy`, ...) is counted as a check of that flavour and database.
    """
    _pending_records.append(
        {"flavour": flavour, "database": database, "check": check, "passed": bool(passed)}
    )


@contextlib.contextmanager
def recorded(flavour: str, database: str, check: str) -> Iterator[None]:
    """`record` the check as passed when the `with` body finishes, failed when it raises."""
    try:
        yield
    except BaseException as error:
        if not isinstance(error, pytest.skip.Exception):
            record(flavour, database, check, passed=False)
        raise
    record(flavour, database, check, passed=True)


def take_pending_records() -> list[tuple[str, str]]:
    """Move records made since the last call into `user_properties` entries.

    The conftest puts them on the test's reports, which pytest-xdist carries from
    workers to the controller, where `Summary` adds them up.
    """
    taken = [(RECORD_PROPERTY, json.dumps(item)) for item in _pending_records]
    _pending_records.clear()
    return taken


@dataclass
class Summary:
    """Adds up generated-test outcomes and records from test reports, on any process."""

    outcomes: dict[str, str] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)

    def add_report(self, report: Any) -> None:
        if "generated" not in report.keywords:
            return
        previous = self.outcomes.get(report.nodeid)
        if report.failed:
            self.outcomes[report.nodeid] = "failed"
        elif report.skipped and previous != "failed":
            self.outcomes[report.nodeid] = "skipped"
        elif report.when == "call" and previous is None:
            self.outcomes[report.nodeid] = "passed"
        if report.when == "teardown":
            # user_properties accumulate over a test's phases: read them once, at the end.
            self.records.extend(
                json.loads(value)
                for name, value in report.user_properties
                if name == RECORD_PROPERTY
            )

    def lines(self) -> list[str]:
        if not self.outcomes and not self.records:
            return []
        counts = {
            state: list(self.outcomes.values()).count(state)
            for state in ("passed", "failed", "skipped")
        }
        baked = [r for r in self.records if r["check"] == "bake"]
        browser_checks = [r for r in self.records if r["check"] == "browser"]
        lines = [
            f"generated tests: {len(self.outcomes)} run, {counts['passed']} passed, "
            f"{counts['failed']} failed, {counts['skipped']} skipped",
            f"variants baked: {sum(r['passed'] for r in baked)} of {len(baked)}",
            f"browser checks: {sum(r['passed'] for r in browser_checks)} passed "
            f"of {len(browser_checks)} (screenshots under {screenshot_root()})",
        ]
        lines += _table(self.records)
        failed = sorted(
            {
                f"{r['flavour']}/{r['database']}: {r['check']}"
                for r in self.records
                if not r["passed"]
            }
        )
        if failed:
            lines.append("failed checks:")
            lines += [f"  {item}" for item in failed]
        return lines


def _table(records: list[dict[str, Any]]) -> list[str]:
    """One row per flavour and database: passed/run of bakes, checks and browser flows."""

    def key(r: dict[str, Any]) -> tuple[str, str]:
        return r["flavour"], r["database"]

    rows = [("flavour", "database", "baked", "checks passed", "browser passed")]
    for (flavour, database), group in itertools.groupby(sorted(records, key=key), key=key):
        group = list(group)
        baked = [r for r in group if r["check"] == "bake"]
        flows = [r for r in group if r["check"] == "browser"]
        checks = [r for r in group if r["check"] not in ("bake", "browser")]
        rows.append((flavour, database, _passed_of(baked), _passed_of(checks), _passed_of(flows)))
    if len(rows) == 1:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _passed_of(records: list[dict[str, Any]]) -> str:
    return f"{sum(r['passed'] for r in records)}/{len(records)}" if records else "-"


def write_summary(summary: Summary, write_line: Callable[[str], None]) -> None:
    """Print the summary table (used by the root conftest's terminal-summary hook)."""
    for line in summary.lines():
        write_line(line)


# ------------------------------------------------------------------------ baking

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def flavour_of(template: str, answers: Mapping[str, Any]) -> str:
    """The summary's flavour: the template, and for Flask which of its two kinds."""
    if template != "flask":
        return template
    return "flask api" if answers.get("architecture") == "microservices" else "flask web"


def bake_raw(cookies: Any, flavour: str, answers: Mapping[str, Any]) -> Any:
    """Bake `templates/<flavour>` through pytest-cookies; the pytest-cookies result, unchecked."""
    template = TEMPLATES / flavour
    # pytest-cookies renders the context before cookiecutter puts the template on
    # sys.path, so the templates' local Jinja extensions must be importable already.
    sys.path.insert(0, str(template))
    try:
        return cookies.bake(template=str(template), extra_context=dict(answers))
    finally:
        sys.path.remove(str(template))


def bake_project(cookies: Any, flavour: str, answers: Mapping[str, Any]) -> Path:
    """Bake `templates/<flavour>` with `answers` through pytest-cookies.

    Works with the `cookies` and `cookies_session` fixtures. Records a `bake`
    for the summary (database taken from the answers, sqlite by default) and
    fails the test, with the hook's or cookiecutter's error, when baking fails.
    """
    result = bake_raw(cookies, flavour, answers)
    database = str(answers.get("database", "sqlite"))
    record(flavour_of(flavour, answers), database, "bake", result.exception is None)
    if result.exception is not None:
        pytest.fail(
            f"baking {flavour} with {dict(answers)} failed "
            f"(exit code {result.exit_code}): {result.exception!r}",
            pytrace=False,
        )
    return result.project_path


def assert_secret_is_private(first: Path, second: Path, key: str, min_length: int) -> None:
    """Two bakes got different secrets `key` in `.env`, which git and Docker ignore
    and no other file of the project repeats."""

    def secret(project: Path) -> str:
        for line in (project / ".env").read_text(encoding="utf-8").splitlines():
            if line.startswith(f"{key}="):
                return line.split("=", 1)[1]
        raise AssertionError(f".env has no {key}")

    assert len(secret(first)) >= min_length
    assert secret(first) != secret(second)
    for ignore_file in (".gitignore", ".dockerignore"):
        assert ".env" in (first / ignore_file).read_text(encoding="utf-8").splitlines()
    others = [path for path in first.rglob("*") if path.is_file() and path.name != ".env"]
    assert not [path for path in others if secret(first) in path.read_text(errors="ignore")]

"""Self-tests of the verification harness, against real servers and a real browser."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import harness
import pytest

TINY_PYPROJECT = """\
[project]
name = "tiny"
version = "0"
requires-python = "{requires_python}"
"""
# Packages with no dependencies of their own, so a lock of them alone is complete.
INICONFIG = "iniconfig==2.3.1"
SIX = "six==1.17.0"


def write_project(folder: Path, *pins: str, requires_python: str = ">=3.11") -> Path:
    """A project with a pyproject.toml and a lock (`requirements-dev.txt`) of `pins`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(TINY_PYPROJECT.format(requires_python=requires_python))
    lock = ["# a lock, as the templates write them", *pins]
    (folder / harness.LOCK_FILE).write_text("\n".join(lock) + "\n")
    return folder


@pytest.fixture
def private_venv_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A venv cache of the test's own, with the in-process memo emptied."""
    cache = tmp_path / "venvs"
    monkeypatch.setenv("SCAFFOLD_VENV_CACHE", str(cache))
    monkeypatch.setattr(harness, "_built_envs", {})
    return cache


# ------------------------------------------------------------------- project_env


def test_project_env_is_built_once_and_shared(tmp_path: Path, private_venv_cache: Path) -> None:
    one = write_project(tmp_path / "one", INICONFIG)
    # The same lock, with other comments and spacing, in another project: the same venv.
    two = write_project(tmp_path / "two", f" {INICONFIG}  ")

    env = harness.project_env(one)
    assert (env.path / harness._COMPLETE_MARKER).exists()
    built = json.loads((env.path / harness._COMPLETE_MARKER).read_text())
    print(f"venv build: {built['seconds']}s")

    started = time.monotonic()
    assert harness.project_env(two) == env  # in-process memo
    harness._built_envs.clear()  # as another xdist worker would find it: on disk only
    assert harness.project_env(two).path == env.path
    assert time.monotonic() - started < 1

    result = env.run(["python", "-c", "import iniconfig, sys; print(sys.prefix)"], cwd=one)
    assert result.stdout.strip() == str(env.path)


def test_half_built_venv_is_rebuilt(tmp_path: Path, private_venv_cache: Path) -> None:
    project = write_project(tmp_path / "project")
    key = harness.requirements_key(
        harness.project_lock(project), harness.project_interpreter(project)
    )
    half = private_venv_cache / key
    (half / "bin").mkdir(parents=True)  # a build killed before its marker was written

    env = harness.project_env(project)

    assert env.path == half
    assert (env.bin / "python").exists()
    assert (env.path / harness._COMPLETE_MARKER).exists()


def test_venvs_unused_for_weeks_are_pruned(tmp_path: Path, private_venv_cache: Path) -> None:
    old = harness.project_env(write_project(tmp_path / "old", INICONFIG))
    weeks_ago = time.time() - 30 * 86400
    os.utime(old.path / harness._COMPLETE_MARKER, (weeks_ago, weeks_ago))

    harness.project_env(write_project(tmp_path / "new"))  # builds, so prunes

    assert not old.path.exists()


def test_a_lock_missing_a_dependency_fails_at_pip_check(
    tmp_path: Path, private_venv_cache: Path
) -> None:
    project = write_project(tmp_path / "project", "pytest==9.2.0", INICONFIG)  # no pluggy...

    with pytest.raises(pytest.fail.Exception) as failure:
        harness.project_env(project)

    message = str(failure.value)
    assert f"building the venv from {project / harness.LOCK_FILE} failed at `pip check`" in message
    assert "pluggy" in message
    assert not list(private_venv_cache.glob("*/bin"))


def test_a_project_without_a_lock_fails(tmp_path: Path, private_venv_cache: Path) -> None:
    project = write_project(tmp_path / "project")
    (project / harness.LOCK_FILE).unlink()

    with pytest.raises(pytest.fail.Exception, match=r"has no requirements-dev\.txt"):
        harness.project_env(project)


def test_different_dependencies_get_different_venvs(tmp_path: Path) -> None:
    python, other = PY312, PY313
    assert harness.requirements_key(["flask==3.1.3"], python) != harness.requirements_key(
        ["flask==3.1.3", "redis==8.1.0"], python
    )
    assert harness.requirements_key(["a", "b"], python) == harness.requirements_key(
        ["b", " a"], python
    )
    assert harness.requirements_key(["a"], python) != harness.requirements_key(["a"], other)


# ------------------------------------------------------------------- interpreters

PY311 = harness.Interpreter((3, 11, 7), Path("/opt/py/3.11/bin/python3.11"))
PY312 = harness.Interpreter((3, 12, 1), Path("/opt/py/3.12/bin/python3.12"))
PY313 = harness.Interpreter((3, 13, 0), Path("/opt/py/3.13/bin/python3.13"))


@pytest.mark.parametrize(
    ("requires_python", "chosen"),
    [
        ("", PY313),
        (">=3.11", PY313),
        (">=3.12", PY313),
        (">=3.11,<3.13", PY312),
        ("~=3.11.0", PY311),
        ("==3.12.*", PY312),
        (">=3.14", None),
        ("<3.11", None),
    ],
)
def test_the_newest_accepted_interpreter_is_chosen(
    requires_python: str, chosen: harness.Interpreter | None
) -> None:
    assert harness.choose_interpreter(requires_python, [PY312, PY313, PY311]) == chosen


def test_interpreters_here_include_the_running_one() -> None:
    found = harness.interpreters_here()
    assert found == tuple(sorted(found))
    assert len({python.path for python in found}) == len(found)
    running = tuple(sys.version_info[:3])
    assert running in [python.version for python in found]
    print("interpreters:", ", ".join(python.version_text for python in found))


def test_project_env_uses_the_newest_python_the_project_accepts(
    tmp_path: Path, private_venv_cache: Path
) -> None:
    newest = max(harness.interpreters_here())
    below = f"<{newest.version[0]}.{newest.version[1]}"
    older = harness.choose_interpreter(below, harness.interpreters_here())
    cases = [(">=3.8", newest), *([(below, older)] if older else [])]
    for number, (requires_python, expected) in enumerate(cases):
        project = write_project(tmp_path / f"p{number}", requires_python=requires_python)
        env = harness.project_env(project)
        assert env.python == expected
        result = env.run(["python", "-c", "import sys; print(*sys.version_info[:3])"], cwd=project)
        assert tuple(map(int, result.stdout.split())) == expected.version


def test_no_interpreter_satisfying_the_project_fails_clearly(
    tmp_path: Path, private_venv_cache: Path
) -> None:
    project = write_project(tmp_path / "future", requires_python=">=3.99")

    with pytest.raises(pytest.fail.Exception) as failure:
        harness.project_env(project)

    message = str(failure.value)
    assert "requires Python '>=3.99'" in message
    assert "no interpreter on this machine satisfies it" in message
    assert max(harness.interpreters_here()).version_text in message
    assert not list(private_venv_cache.glob("*/bin"))


def test_run_uses_the_project_and_hides_outer_database(
    tmp_path: Path, private_venv_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = write_project(tmp_path / "project")
    (project / "tinymodule.py").write_text("VALUE = 42\n")
    monkeypatch.setenv("DATABASE_URL", "postgresql://elsewhere/db")
    env = harness.project_env(project)

    script = "import os, tinymodule; print(tinymodule.VALUE, os.environ.get('DATABASE_URL'))"
    result = env.run(["python", "-c", script], cwd=project)
    assert result.stdout.split() == ["42", "None"]

    result = env.run(["python", "-c", script], cwd=project, env={"DATABASE_URL": "sqlite://"})
    assert result.stdout.split() == ["42", "sqlite://"]


def test_run_failure_shows_command_and_output(tmp_path: Path, private_venv_cache: Path) -> None:
    project = write_project(tmp_path / "project")
    env = harness.project_env(project)
    failing = ["python", "-c", "print('the clue'); raise SystemExit(3)"]

    with pytest.raises(pytest.fail.Exception) as failure:
        env.run(failing, cwd=project)
    assert "exited 3" in str(failure.value)
    assert "the clue" in str(failure.value)

    assert env.run(failing, cwd=project, check=False).returncode == 3


# --------------------------------------------------------------- unrendered_text


def test_unrendered_text_finds_leftovers(tmp_path: Path) -> None:
    (tmp_path / "app" / "templates").mkdir(parents=True)
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / "README.md").write_text("# {{ cookiecutter.project_name }}\nfine\n")
    (tmp_path / "settings.py").write_text("A = 1\n{% if x %}\nB = 'cookiecutter.slug'\n")
    (tmp_path / "app" / "templates" / "base.html").write_text("{% block body %}{{ x }}\n")
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text("key: ${{ secrets.KEY }}\n")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\0{{")

    found = harness.unrendered_text(tmp_path, allow=["*/templates/*.html"])

    assert [item.split(": ")[0] for item in found] == [
        "README.md:1",
        "settings.py:2",
        "settings.py:3",
    ]
    assert harness.unrendered_text(tmp_path / "app" / "templates") != []


def test_unrendered_text_clean_project(tmp_path: Path) -> None:
    (tmp_path / "main.py").write_text("print({'a': {'b': 1}})\n")
    assert harness.unrendered_text(tmp_path) == []


# ------------------------------------------------------------------- services


def test_missing_server_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCAFFOLD_POSTGRES_URL", raising=False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="SCAFFOLD_POSTGRES_URL"):
        harness.database_url("postgresql", "x")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="SCAFFOLD_POSTGRES_URL"):
        harness.database_url("postgresql", "x")


def test_sqlite_needs_no_server() -> None:
    assert harness.database_url("sqlite", "anything") is None


def test_database_name_is_safe_and_short() -> None:
    assert harness.database_name("Django-PostgreSQL[api=rest]") == "django_postgresql_api_rest"
    long = harness.database_name("x" * 80)
    assert len(long) <= 50 and long != harness.database_name("x" * 81)


# -------------------------------------------------------------------- summary


def test_summary_counts_records_from_reports() -> None:
    harness.record("django", "postgresql", "bake", True)
    harness.record("django", "postgresql", "pytest", True)
    harness.record("django", "postgresql", "browser", False)
    properties = harness.take_pending_records()
    assert harness.take_pending_records() == []

    summary = harness.Summary()
    for when, outcome in (("setup", "passed"), ("call", "passed"), ("teardown", "passed")):
        summary.add_report(
            pytest.TestReport(
                nodeid="tests/generated/test_x.py::test_a",
                location=("test_x.py", 1, "test_a"),
                keywords={"generated": 1},
                outcome=outcome,
                longrepr=None,
                when=when,
                user_properties=properties,
            )
        )

    text = "\n".join(summary.lines())
    assert "generated tests: 1 run, 1 passed, 0 failed, 0 skipped" in text
    assert "variants baked: 1 of 1" in text
    assert "django   postgresql  1/1    1/1            0/1" in text
    assert "django/postgresql: browser" in text


def test_failed_service_command_is_reported() -> None:
    with pytest.raises(pytest.fail.Exception, match="no-such-table"):
        harness._service_cli(["sh", "-c", "echo no-such-table >&2; exit 1"])


# ------------------------------------------------------- the running servers

# The templates' locked versions (mysqlclient builds here).
DRIVERS = (
    "psycopg==3.3.9",
    "psycopg-binary==3.3.9",
    "mysqlclient==2.3.2",
    "pymysql==1.2.4",
    "redis==8.1.0",
)

DRIVER_CHECK = """
import os, sys
from urllib.parse import urlsplit

url = urlsplit(os.environ["DATABASE_URL"])
kind = sys.argv[1]
if kind == "postgresql":
    import psycopg
    connections = [psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)]
else:
    import MySQLdb, pymysql
    options = dict(host=url.hostname, port=url.port, user=url.username,
                   password=url.password, database=url.path[1:])
    connections = [MySQLdb.connect(**options, autocommit=True),
                   pymysql.connect(**options, autocommit=True)]
for number, connection in enumerate(connections):
    cursor = connection.cursor()
    cursor.execute(f"CREATE TABLE t{number} (id integer primary key)")
    cursor.execute(f"INSERT INTO t{number} VALUES (1)")
    # What Django's test runner does first: create test_<name>.
    cursor.execute(f"CREATE DATABASE test_{url.path[1:]}{number}")
    cursor.execute(f"DROP DATABASE test_{url.path[1:]}{number}")
print("ok")
"""


@pytest.fixture(scope="module")
def drivers_env(tmp_path_factory: pytest.TempPathFactory) -> harness.ProjectEnv:
    """A venv with the database drivers the templates use (mysqlclient builds here)."""
    project = write_project(tmp_path_factory.mktemp("drivers"), *DRIVERS)
    return harness.project_env(project)


@pytest.mark.parametrize("kind", ["postgresql", "mysql", "mariadb"])
def test_database_url_gives_a_fresh_usable_database(
    kind: str, drivers_env: harness.ProjectEnv, tmp_path: Path
) -> None:
    name = f"harness_self_test_{kind}"
    url = harness.database_url(kind, name)
    assert url is not None and url.endswith(f"/{name}")

    check = ["python", "-c", DRIVER_CHECK, kind]
    assert drivers_env.run(check, cwd=tmp_path, env={"DATABASE_URL": url}).stdout.strip() == "ok"
    # Asking again gives an empty database: the tables made above are gone.
    assert harness.database_url(kind, name) == url
    assert drivers_env.run(check, cwd=tmp_path, env={"DATABASE_URL": url}).stdout.strip() == "ok"


def test_postgres_answers_psql() -> None:
    admin = harness.require_service("SCAFFOLD_POSTGRES_URL")
    output = harness._service_cli(["psql", admin, "-tAc", "SELECT current_user"])
    assert output.strip() == "scaffold"


def test_mariadb_answers_cli() -> None:
    args, env = harness.mysql_cli_args(harness.require_service("SCAFFOLD_MYSQL_URL"))
    output = harness._service_cli([*args, "-N", "-e", "SELECT CURRENT_USER()"], env)
    assert output.strip() == "scaffold@127.0.0.1"


def test_redis_urls_are_separate_and_empty(drivers_env: harness.ProjectEnv, tmp_path: Path) -> None:
    first, second = harness.redis_url(), harness.database_url("redis", "cache")
    assert first is not None and first != second

    script = (
        "import os, redis; r = redis.Redis.from_url(os.environ['REDIS_URL']);"
        "print(r.dbsize()); r.set('key', 'value')"
    )
    for url in (first, second):
        assert (
            drivers_env.run(
                ["python", "-c", script], cwd=tmp_path, env={"REDIS_URL": url}
            ).stdout.strip()
            == "0"
        )


# ------------------------------------------------------------ serve and browser

TINY_APP = """
CSP = "default-src 'self'"
PAGES = {
    "/": "<h1>clean</h1><script src='/ok.js'></script>",
    "/inline": "<h1>inline script</h1><script>document.title = 'ran';</script>",
    "/console": "<h1>console</h1><script src='/console.js'></script>",
    "/throws": "<h1>throws</h1><script src='/throws.js'></script>",
    "/unlabelled": "<h1>unlabelled</h1><form><input name='q'></form>",
}
SCRIPTS = {
    "/ok.js": "document.body.dataset.ok = 'yes';",
    "/console.js": "console.error('something broke');",
    "/throws.js": "undefinedFunction();",
}


# A 1x1 GIF: without a favicon Chromium logs a 404 console error, which counts.
ICON = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f904010000000"
    "02c00000000010001000002024401003b"
)


def app(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/favicon.ico":
        start_response("200 OK", [("Content-Type", "image/gif")])
        return [ICON]
    if path in SCRIPTS:
        body, kind = SCRIPTS[path], "text/javascript"
    elif path in PAGES:
        page = f"<head><title>tiny</title></head><body><main>{PAGES[path]}</main></body>"
        body, kind = f"<!doctype html><html lang='en'>{page}</html>", "text/html"
    else:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    headers = [("Content-Type", kind), ("Content-Security-Policy", CSP)]
    start_response("200 OK", headers)
    return [body.encode()]
"""


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory):
    """A tiny WSGI app with a strict CSP, served by gunicorn through `serve`."""
    project = write_project(tmp_path_factory.mktemp("site"), "gunicorn==27.0.1", "packaging==26.3")
    (project / "tinyapp.py").write_text(TINY_APP)
    env = harness.project_env(project)
    argv = ["gunicorn", "--bind", "127.0.0.1:{port}", "--workers", "1", "tinyapp:app"]
    with harness.serve(env, project, argv) as url:
        yield url


def test_serve_answers_then_stops(tmp_path: Path, private_venv_cache: Path) -> None:
    project = write_project(tmp_path / "project")
    (project / "index.html").write_text("hello")
    env = harness.project_env(project)
    argv = ["python", "-m", "http.server", "--bind", "127.0.0.1", "{port}"]

    with harness.serve(env, project, argv) as url:
        port = int(url.rsplit(":", 1)[1])
        assert harness._fetch(f"{url}/index.html") == "hello"

    with pytest.raises(OSError):
        harness._fetch(f"http://127.0.0.1:{port}/index.html")


def test_serve_shows_the_log_when_the_server_dies(
    tmp_path: Path, private_venv_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project(tmp_path / "project")
    env = harness.project_env(project)
    argv = ["python", "-c", "import sys; sys.exit('cannot bind {port}: configuration missing')"]

    with (
        pytest.raises(pytest.fail.Exception, match="exited with 1"),
        harness.serve(env, project, argv),
    ):
        pass
    assert "configuration missing" in capsys.readouterr().out


def test_browser_passes_a_clean_page(tiny_site: str) -> None:
    with harness.browser("harness-clean") as check:
        check.page.goto(tiny_site + "/")
        check.page.wait_for_selector("body[data-ok=yes]")
        shot = check.step("home page")
    assert shot.exists() and shot.stat().st_size > 0
    assert shot.name == "01-home-page.png"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/inline", "CSP violation after step 'start': enforce script-src-elem"),
        ("/console", "console error after step 'start': something broke"),
        ("/throws", "page error after step 'start': undefinedFunction is not defined"),
    ],
)
def test_browser_fails_on_csp_violations_and_console_errors(
    tiny_site: str, path: str, expected: str
) -> None:
    name = f"harness-{path.strip('/')}"
    with pytest.raises(pytest.fail.Exception) as failure, harness.browser(name) as check:
        check.page.goto(tiny_site + path)
        check.page.wait_for_load_state("load")
    assert expected in str(failure.value)


def test_browser_fails_on_axe_violations_at_a_step(tiny_site: str) -> None:
    with pytest.raises(pytest.fail.Exception) as failure, harness.browser("harness-axe") as check:
        check.page.goto(tiny_site + "/unlabelled")
        check.step("unlabelled field")
    assert "axe violation after step 'unlabelled field': label (critical)" in str(failure.value)


def test_ci_installs_the_axe_core_the_harness_names() -> None:
    ci = (Path(__file__).parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    assert f'/axe-core" {harness.AXE_CORE_PACKAGE}\n' in ci

"""Bake the Flask template over a matrix that covers every answer, and run each project.

Nine variants cover each value of every option at least once. Each one is
checked for unrendered text, linted, runs its own suite on the real server of
its database answer (PostgreSQL, MariaDB for mysql and mariadb, Redis), refuses
to start in production without a secret key, and has migrations that match its
models. Oracle has no server here: its suite runs on SQLite and compiles the
tables for Oracle. MongoDB and Cassandra have none either: their suites run on
fakes, which the projects name in their test ids (`fake-mongomock`,
`fake-memory`). Installs are the slow part, so variants share dependency sets
where they can.
"""

from __future__ import annotations

import ast
import base64
import hmac
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import tomllib
import yaml
from harness import (
    NO_SERVER_HERE,
    ProjectEnv,
    assert_secret_is_private,
    bake_raw,
    browser,
    database_url,
    flavour_of,
    project_env,
    recorded,
    redis_url,
    serve,
    try_in_swagger_ui,
    unrendered_text,
)

pytestmark = pytest.mark.generated

FLAVOUR = "flask"

# Answers that are awkward as data: quotes of both kinds, backslashes, markup, a
# percent format, non-ASCII, an emoji and a DEL character. (cookiecutter renders
# answers as Jinja once itself, so Jinja syntax is left to scaffold's own tests.)
NASTY_NAME = 'Café "Quote\'s" <b>&amp;</b> C:\\path %(x)s 🚀'
NASTY_DESCRIPTION = 'It\'s a "site" with \'\'\' and """ and \\ and # and $HOME — ünïcödé 🚀\x7f'
NASTY_AUTHOR = 'O\'Brien "Bob" Ünal'

VARIANTS: dict[str, dict[str, Any]] = {
    # Every default: web app, SQLite, no API, admin, standard security, small.
    "web-sqlite-default": {},
    "web-postgresql-rest-strict-i18n-large": {
        "database": "postgresql",
        "api": "rest",
        "security": "strict",
        "i18n": True,
        "scale": "large",
    },
    "web-mysql-basic-medium-bare": {
        "database": "mysql",
        "security": "basic",
        "scale": "medium",
        "admin": False,
    },
    "web-mariadb-rest-strict": {"database": "mariadb", "api": "rest", "security": "strict"},
    "web-oracle-i18n": {"database": "oracle", "i18n": True},
    "web-cassandra-rest": {"database": "cassandra", "api": "rest"},
    "micro-redis-strict": {
        "architecture": "microservices",
        "api": "rest",
        "admin": False,
        "database": "redis",
        "security": "strict",
    },
    "micro-mongodb-basic-medium": {
        "architecture": "microservices",
        "api": "rest",
        "admin": False,
        "database": "mongodb",
        "security": "basic",
        "scale": "medium",
    },
    # The SQLite API variant too: schemathesis runs on it and on PostgreSQL, MariaDB, Redis.
    "web-sqlite-rest-nasty-text": {
        "api": "rest",
        "project_name": NASTY_NAME,
        "project_slug": "nasty_site",
        "description": NASTY_DESCRIPTION,
        "author_name": NASTY_AUTHOR,
    },
}

SQL_DATABASES = ("sqlite", "postgresql", "mysql", "mariadb", "oracle")
# The project's own Jinja pages and e-mails keep their {{ }} and {% %}.
OWN_TEMPLATES = ["*/templates/*.html", "*/templates/*.txt"]
PYTEST = ["python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs"]
DEVELOPMENT = {"APP_ENV": "development", "SECRET_KEY": "d" * 48}


def database_of(answers: dict[str, Any]) -> str:
    return answers.get("database", "sqlite")


def is_api(answers: dict[str, Any]) -> bool:
    return answers.get("api") == "rest" or answers.get("architecture") == "microservices"


def uses_redis(answers: dict[str, Any]) -> bool:
    """Redis as the store, the cache of large projects, or where rate limits must be shared.

    Rate limits (standard and strict) are counted in Redis whenever the default deployment
    runs several processes: medium's workers, the microservice's compose replicas.
    """
    if database_of(answers) == "redis" or answers.get("scale") == "large":
        return True
    several_processes = (
        answers.get("scale") == "medium" or answers.get("architecture") == "microservices"
    )
    return answers.get("security", "standard") != "basic" and several_processes


def suite_env(name: str, answers: dict[str, Any]) -> dict[str, str]:
    """DATABASE_URL and REDIS_URL of the real servers for this variant's answers."""
    database = database_of(answers)
    env = {}
    if database == "redis":
        env["REDIS_URL"] = database_url("redis", f"fl_{name}")
    elif database not in NO_SERVER_HERE:
        url = database_url(database, f"fl_{name}")
        if url is not None:
            env["DATABASE_URL"] = url
    if uses_redis(answers) and "REDIS_URL" not in env:
        env["REDIS_URL"] = redis_url()
    return env


def run_checks(name: str, answers: dict[str, Any], project: Path, env: ProjectEnv) -> None:
    database = database_of(answers)
    flavour = flavour_of(FLAVOUR, answers)
    test_env = suite_env(name, answers)

    with recorded(flavour, database, "unrendered text"):
        assert unrendered_text(project, allow=OWN_TEMPLATES) == []
    with recorded(flavour, database, "ruff"):
        env.run(["ruff", "check", "."], cwd=project)
        env.run(["ruff", "format", "--check", "."], cwd=project)
    with recorded(flavour, database, "pytest"):
        result = env.run(PYTEST, cwd=project, env=test_env)
        # Redis-backed checks (rate-limit counters, the Redis store) must run, not skip.
        assert "skipped" not in result.stdout, result.stdout
        if uses_redis(answers) and answers.get("security") != "basic":
            # Run again at once: the counters the first run left in Redis must not count.
            again = [*PYTEST, "-k", "rate_limits_are_counted_in_redis"]
            assert "1 passed" in env.run(again, cwd=project, env=test_env).stdout
        if is_api(answers):
            # The property test of the API against its own schema is part of the suite.
            schema_test = [*PYTEST, "--collect-only", "tests/test_api_schema.py"]
            collected = env.run(schema_test, cwd=project, env=test_env).stdout
            assert "test_the_api_keeps_to_its_schema" in collected, collected
        if database in ("mongodb", "cassandra"):
            fake = "fake-mongomock" if database == "mongodb" else "fake-memory"
            collected = env.run([*PYTEST, "--collect-only"], cwd=project).stdout
            assert f"[{fake}]" in collected, "tests on a fake must say so in their ids"
    with recorded(flavour, database, "deployment files"):
        check_deployment_files(answers, project)
        check_env_example_lists_every_variable(project)
    with recorded(flavour, database, "production refuses a missing key"):
        check_production_needs_a_secret_key(project, env, test_env)
    if database in SQL_DATABASES:
        with recorded(flavour, database, "migrations match models"):
            flask = ["flask", "--app", "wsgi", "db"]
            migration_env = {**DEVELOPMENT, **test_env}
            if database in ("sqlite", "oracle"):
                migration_env["DATABASE_URL"] = f"sqlite:///{project / 'migration-check.db'}"
            env.run([*flask, "upgrade"], cwd=project, env=migration_env)
            env.run([*flask, "check"], cwd=project, env=migration_env)


def check_deployment_files(answers: dict[str, Any], project: Path) -> None:
    """Compose, CI and pre-commit files parse; the image runs as a non-root user."""
    compose = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))
    app = compose["services"]["app"]
    if answers.get("architecture") == "microservices":
        # A SQLite file is not shared between containers: one replica (tests/test_project_files.py).
        sqlite = database_of(answers) == "sqlite"
        assert (app["deploy"]["replicas"] == 1) if sqlite else (app["deploy"]["replicas"] > 1)
        assert "proxy" in compose["services"]
    else:
        assert app["ports"] == ["8000:8000"]
    if uses_redis(answers):
        assert "redis" in compose["services"]
    workflow = yaml.safe_load((project / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    assert "python -m pytest -q" in steps
    yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    assert dockerfile.count("FROM ") == 2
    assert "\nUSER app\n" in dockerfile


def check_env_example_lists_every_variable(project: Path) -> None:
    listed = {
        line.split("=", 1)[0]
        for line in (project / ".env.example").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for path in project.rglob("*.py")
        if "tests" not in path.relative_to(project).parts
    )
    read = set(re.findall(r"(?:environ\.get|\benv\.\w+)\(\s*\"([A-Z_]+)\"", code))
    assert read, "no environment variable found: the pattern is out of date"
    assert read <= listed, f"missing from .env.example: {sorted(read - listed)}"


def check_production_needs_a_secret_key(
    project: Path, env: ProjectEnv, test_env: dict[str, str]
) -> None:
    load_app = ["python", "-c", "import wsgi"]
    production = {**test_env, "APP_ENV": "production", "TRUSTED_HOSTS": "127.0.0.1"}
    refused = env.run(load_app, cwd=project, env={**production, "SECRET_KEY": ""}, check=False)
    assert refused.returncode != 0
    assert "ConfigError: SECRET_KEY is not set" in refused.stdout
    debug = {**production, "SECRET_KEY": "p" * 48, "FLASK_DEBUG": "1"}
    refused = env.run(load_app, cwd=project, env=debug, check=False)
    assert "ConfigError: FLASK_DEBUG is on" in refused.stdout
    env.run(load_app, cwd=project, env={**production, "SECRET_KEY": "p" * 48})


@pytest.mark.parametrize("name", list(VARIANTS))
def test_variant(bake: Any, name: str) -> None:
    answers = VARIANTS[name]
    project = bake(FLAVOUR, **answers)
    run_checks(name, answers, project, project_env(project))


def test_nasty_text_is_inserted_as_data(bake: Any) -> None:
    project = bake(FLAVOUR, **VARIANTS["web-sqlite-rest-nasty-text"])

    metadata = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert metadata["description"] == NASTY_DESCRIPTION
    assert metadata["authors"] == [{"name": NASTY_AUTHOR, "email": "you@example.com"}]

    config = ast.parse((project / "nasty_site/config.py").read_text(encoding="utf-8"))
    settings = {
        ast.unparse(node.targets[0]): node.value.value
        for cls in config.body
        if isinstance(cls, ast.ClassDef) and cls.name == "Config"
        for node in cls.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
    }
    assert settings["APP_NAME"] == NASTY_NAME
    assert settings["APP_DESCRIPTION"] == NASTY_DESCRIPTION
    assert NASTY_DESCRIPTION in (project / "README.md").read_text(encoding="utf-8")


def test_optional_parts_are_pruned(bake: Any) -> None:
    project = bake(FLAVOUR, **VARIANTS["micro-mongodb-basic-medium"])
    package = project / "micro_mongodb_basic_medium"
    for unused in [
        "auth.py",
        "pages.py",
        "forms.py",
        "admin.py",
        "i18n.py",
        "sessions.py",
        "models.py",
        "stores",
        "templates",
        "translations",
        "static/style.css",
    ]:
        assert not (package / unused).exists(), unused
    for unused in ["migrations", "babel.cfg", "tests/test_auth.py", "tests/memory_store.py"]:
        assert not (project / unused).exists(), unused
    assert (project / "deploy/nginx.conf").is_file()
    dependencies = " ".join(
        tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"][
            "dependencies"
        ]
    )
    for absent in ["flask-login", "flask-wtf", "flask-limiter", "flask-babel", "sqlalchemy"]:
        assert absent not in dependencies
    for present in ["pymongo", "flask-smorest", "swagger-ui-bundle"]:
        assert present in dependencies


def test_microservices_ignore_admin_and_i18n(bake: Any) -> None:
    project = bake(
        FLAVOUR, project_slug="micro", architecture="microservices", admin=True, i18n=True
    )
    package = project / "micro"
    assert not (package / "admin.py").exists()
    assert not (package / "translations").exists()
    assert (package / "api.py").is_file()


def test_each_project_gets_its_own_git_ignored_secret(bake: Any) -> None:
    assert_secret_is_private(bake(FLAVOUR), bake(FLAVOUR), "SECRET_KEY", min_length=48)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"project_slug": "My-Site"}, "is not allowed: use lowercase"),
        ({"project_slug": "class"}, "would shadow the Python or framework module"),
        ({"project_slug": "migrations"}, "would shadow the Python or framework module"),
        ({"project_slug": "json"}, "would shadow the Python or framework module"),
        ({"author_email": "nobody"}, "is not an e-mail address"),
        ({"scale": "large"}, "cannot serve scale 'large'"),
    ],
)
def test_impossible_answers_are_refused(
    cookies: Any, answers: dict[str, Any], message: str, capfd: Any
) -> None:
    result = bake_raw(cookies, FLAVOUR, answers)
    assert result.exit_code != 0
    assert message in capfd.readouterr().err


GUNICORN = ["gunicorn", "--config", "gunicorn.conf.py", "-b", "127.0.0.1:{port}", "wsgi:app"]


def production_env(project: Path, env: ProjectEnv, extra: dict[str, str]) -> dict[str, str]:
    """Production settings on a fresh SQLite file, migrated; gunicorn's default worker count."""
    settings = {
        "APP_ENV": "production",
        "SECRET_KEY": "s" * 48,
        "TRUSTED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{project / 'served.db'}",
        **extra,
    }
    env.run(["flask", "--app", "wsgi", "db", "upgrade"], cwd=project, env=settings)
    return settings


PASSWORD = "correct horse battery"
BROWSER_FLOWS = {
    "standard-i18n": {"i18n": True},
    "strict-rest-admin": {"security": "strict", "api": "rest"},
}


def log_in(page: Any, email: str) -> None:
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("#submit")


def totp(secret: str, at: float) -> str:
    """The 6-digit RFC 6238 code an authenticator app shows at time `at`."""
    digest = hmac.digest(base64.b32decode(secret), int(at // 30).to_bytes(8, "big"), "sha1")
    offset = digest[-1] & 0x0F
    return f"{(int.from_bytes(digest[offset : offset + 4], 'big') & 0x7FFFFFFF) % 1_000_000:06d}"


def enrol(page: Any) -> tuple[str, float, list[str]]:
    """On the enrolment page: type the key the page shows into the "app".

    The key, the time of the code typed, and the recovery codes shown.
    """
    secret = page.locator("code.secret").inner_text().strip()
    enrolled_at = time.time()
    page.fill("#code", totp(secret, enrolled_at))
    page.click("#submit")
    page.wait_for_selector("ul.recovery-codes")
    return secret, enrolled_at, page.locator("ul.recovery-codes code").all_inner_texts()


def two_factor_flow(check: Any, url: str, email: str) -> None:
    """An administrator opens the admin area: enrol first, save a recovery code; then log
    in: the enrolment's code again is refused as just used, a fresh app code works; then
    the recovery code, refused the second time."""
    page = check.page
    page.goto(f"{url}/auth/login")
    log_in(page, email)
    page.wait_for_url(f"{url}/")
    page.click("text=Admin")
    page.wait_for_url(f"{url}/auth/mfa/enrol")
    page.wait_for_selector("img.qr-code")
    check.step("two-factor enrolment asked for the admin")
    secret, enrolled_at, codes = enrol(page)
    assert len(codes) == 10
    recovery_code = codes[0]
    check.step("recovery codes shown once")
    page.click("text=Admin")
    assert "ada@example.com" in page.locator("table").first.inner_text()
    check.step("admin area")
    page.click("text=ada@example.com")
    page.check("#is_admin")
    check.step("admin: an account")
    page.click("#submit")
    page.wait_for_url(f"{url}/admin/")
    page.click("text=First item")
    page.fill("#name", "First item, renamed")
    check.step("admin: an item")
    page.click("#submit")
    page.wait_for_url(f"{url}/admin/")
    assert "First item, renamed" in page.locator("main").inner_text()
    page.click("text=New account")
    check.step("admin: a new account")

    def log_in_with(code: str) -> None:
        page.click("text=Log out")
        page.wait_for_url(f"{url}/")
        page.goto(f"{url}/auth/login")
        log_in(page, email)
        page.wait_for_url(f"{url}/auth/mfa/verify")
        page.fill("#code", code)
        page.click("#submit")

    log_in_with(totp(secret, enrolled_at))
    assert "This code was just used; wait for the next one." in page.locator("main").inner_text()
    check.step("the enrolment's code refused as just used")
    # The code of the next 30-second step.
    page.fill("#code", totp(secret, time.time() + 30))
    page.click("#submit")
    page.wait_for_url(f"{url}/")
    check.step("logged in with an app code")
    log_in_with(recovery_code)
    page.wait_for_url(f"{url}/")
    assert "9 are left" in page.locator("main").inner_text()
    check.step("logged in with a recovery code")
    log_in_with(recovery_code)
    assert "That code is not valid." in page.locator("main").inner_text()
    assert page.url == f"{url}/auth/mfa/verify"
    check.step("the same recovery code refused")
    page.goto(f"{url}/")


@pytest.mark.parametrize("flow", list(BROWSER_FLOWS))
def test_browser_flow_on_the_web_app(bake: Any, flow: str) -> None:
    """Home, register, log in, a log-in-only page, log out, password reset: no console
    error, no CSP violation, no axe violation."""
    answers = BROWSER_FLOWS[flow]
    project = bake(FLAVOUR, project_slug="browser_site", **answers)
    env = project_env(project)
    settings = production_env(project, env, {})
    admin = ["flask", "--app", "wsgi", "create-user", "root@example.com", "--admin"]
    env.run([*admin, "--password", PASSWORD], cwd=project, env=settings)
    with (
        recorded(flavour_of(FLAVOUR, answers), "sqlite", "browser"),
        serve(env, project, GUNICORN, settings, ready_path="/health/live") as url,
        browser(f"flask-web-app-{flow}") as check,
    ):
        page = check.page
        page.goto(url)
        assert page.locator("h1").inner_text() == "My Flask App"
        logged_out_header = page.locator("header").bounding_box()["height"]
        check.step("home")

        page.click("text=Register")
        page.fill("#email", "ada@example.com")
        page.fill("#password", PASSWORD)
        page.fill("#confirm", PASSWORD)
        check.step("register form")
        page.click("#submit")
        page.wait_for_url(f"{url}/auth/login")
        check.step("account created")

        page.goto(f"{url}/items/new")
        page.wait_for_url("**/auth/login?next=*")
        log_in(page, "ada@example.com")
        page.wait_for_url(f"{url}/items/new")
        # A log-out button instead of two links: the header keeps its height.
        assert page.locator("header").bounding_box()["height"] == logged_out_header
        check.step("logged in, new item page")

        page.fill("#name", "First item")
        page.fill("#description", "made in a browser")
        page.click("#submit")
        page.wait_for_url(f"{url}/")
        assert "First item" in page.locator("ul.items").inner_text()
        check.step("item added")

        if answers.get("i18n"):
            page.select_option("#lang-language", "fr")
            page.click("text=Change")
            assert page.locator("html").get_attribute("lang") == "fr"
            check.step("in French")
            page.click("text=Se déconnecter")
        else:
            page.click("text=Log out")
        page.wait_for_url(f"{url}/")
        assert page.locator("nav a[href='/auth/login']").count() == 1
        check.step("logged out")

        # No mail server here: the request is answered as usual, the failure logged.
        page.goto(f"{url}/auth/login")
        page.click("a[href='/auth/reset']")
        page.fill("#email", "ada@example.com")
        check.step("password reset form")
        page.click("#submit")
        page.wait_for_url(f"{url}/auth/login")
        page.wait_for_selector(".flash-info")
        check.step("password reset asked")

        headers = page.goto(f"{url}/").all_headers()
        assert "'unsafe-inline'" not in headers["content-security-policy"]
        if answers.get("security") == "strict":
            assert headers["cross-origin-opener-policy"] == "same-origin"

        if answers.get("security") == "strict":
            # As the administrator, who must enrol before the admin area; five log-ins in
            # all, the strict limit.
            two_factor_flow(check, url, "root@example.com")
        elif answers.get("api") == "rest":
            page.goto(f"{url}/auth/login")
            log_in(page, "root@example.com")
            page.click("text=Admin")
            assert "ada@example.com" in page.locator("table").first.inner_text()
            check.step("admin area")

        if answers.get("api") == "rest":
            page.goto(f"{url}/")
            page.click("text=API")
            page.wait_for_selector("[data-path='/api/items']")
            check.step("API docs")
            try_in_swagger_ui(check, "operations-api-get_api_items")


def fetch(url: str, data: dict | None = None, token: str | None = None) -> tuple[int, Any]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_microservice_served_by_gunicorn(bake: Any) -> None:
    """The JSON API under gunicorn: health, token, create, list; the docs page in a browser."""
    project = bake(FLAVOUR, project_slug="served_api", architecture="microservices", admin=False)
    env = project_env(project)
    # Several workers by default: the token limit is counted in Redis, which they share.
    settings = production_env(project, env, {"REDIS_URL": redis_url()})
    user = ["flask", "--app", "wsgi", "create-user", "ada@example.com"]
    env.run([*user, "--password", PASSWORD], cwd=project, env=settings)
    with (
        recorded("flask api", "sqlite", "served microservice"),
        serve(env, project, GUNICORN, settings, ready_path="/health/live") as url,
    ):
        assert fetch(f"{url}/health/ready") == (200, {"status": "ok"})
        credentials = {"email": "ada@example.com", "password": PASSWORD}
        status, body = fetch(f"{url}/api/tokens", credentials)
        assert status == 200
        status, item = fetch(f"{url}/api/items", {"name": "First"}, token=body["token"])
        assert status == 201
        assert fetch(f"{url}/api/items/{item['id']}") == (200, item)
        assert fetch(f"{url}/api/items", {"name": "Second"})[0] == 401
        assert fetch(f"{url}/nowhere")[0] == 404

        with recorded("flask api", "sqlite", "token limit holds across workers"):
            # The README's limit: 10 token requests a minute from one address (the one
            # above included), each of these on a fresh connection, so gunicorn spreads
            # them over its workers.
            wrong = {"email": "ada@example.com", "password": "wrong password"}
            statuses = [fetch(f"{url}/api/tokens", wrong)[0] for _attempt in range(12)]
            assert statuses == [401] * 9 + [429] * 3, statuses

        with recorded("flask api", "sqlite", "browser"), browser("flask-api-docs") as check:
            check.page.goto(f"{url}/api/docs")
            check.page.wait_for_selector("[data-path='/api/items']")
            check.step("swagger ui")
            try_in_swagger_ui(check, "operations-api-get_api_items")


def log_in_on_a_fresh_connection(url: str, password: str) -> int:
    """GET the log-in page for its CSRF token and session, POST the form; the status.

    The session cookie is sent back by hand: it is marked Secure, and this is plain HTTP.
    """
    with urllib.request.urlopen(f"{url}/auth/login", timeout=10) as page:
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.read().decode())
        cookies = [value.split(";", 1)[0] for value in page.headers.get_all("Set-Cookie") or []]
    assert token, "the log-in page has no CSRF token"
    form = {"csrf_token": token.group(1), "email": "ada@example.com", "password": password}
    request = urllib.request.Request(
        f"{url}/auth/login",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Cookie": "; ".join(cookies)},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_web_app_log_in_limit_under_gunicorn_defaults(bake: Any) -> None:
    """standard on SQLite: the limit counts in memory, so one worker; more are refused."""
    project = bake(FLAVOUR, project_slug="browser_site", **BROWSER_FLOWS["standard-i18n"])
    env = project_env(project)
    settings = production_env(project, env, {})
    user = ["flask", "--app", "wsgi", "create-user", "ada@example.com"]
    env.run([*user, "--password", PASSWORD], cwd=project, env=settings)
    with recorded("flask", "sqlite", "log-in limit under gunicorn"):
        with serve(env, project, GUNICORN, settings, ready_path="/health/live") as url:
            statuses = [log_in_on_a_fresh_connection(url, "wrong") for _attempt in range(12)]
            # The README's limit: 10 log-ins a minute from one address.
            assert statuses == [200] * 10 + [429] * 2, statuses
        gunicorn = [part.replace("{port}", "0") for part in GUNICORN]
        several = {**settings, "WEB_CONCURRENCY": "3"}
        refused = env.run(gunicorn, cwd=project, env=several, timeout=60, check=False)
        assert refused.returncode != 0
        assert "set RATELIMIT_STORAGE_URI to a Redis URL" in refused.stdout

"""Bake the Django template over a matrix that covers every answer, and run each project.

Eight variants cover each value of every option at least once (Django 6.1 in six,
5.2 LTS in two: the default and strict security); each one is linted,
runs its own suite on the real database of its answer, passes Django's deploy
check with production settings and has its migrations up to date. Installs are
the slow part, so the matrix is kept small and variants share dependency sets
where they can (the default and the "nasty text" variants use one venv).
"""

from __future__ import annotations

import ast
import secrets
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
    database_url,
    project_env,
    recorded,
    redis_url,
    unrendered_text,
)

FLAVOUR = "django"

# Answers that are awkward as data: quotes of both kinds, backslashes, markup, a
# percent format, non-ASCII and an emoji. (cookiecutter renders answers as Jinja
# once itself, so Jinja syntax is left to scaffold's own tests.)
NASTY_NAME = 'Café "Quote\'s" <b>&amp;</b> C:\\path %(x)s 🚀'
NASTY_DESCRIPTION = 'It\'s a "site" with \'\'\' and """ and \\ and # and $HOME — ünïcödé 🚀'
NASTY_AUTHOR = 'O\'Brien "Bob" Ünal'

VARIANTS: dict[str, dict[str, Any]] = {
    # Every default: Django 6.1, SQLite, no API, standard security, small, admin and i18n on.
    "default": {},
    # Django 5.2 LTS (django-csp, EMAIL_* settings): the default and the strict extras.
    "lts": {"django_version": "lts"},
    "lts-postgresql-strict": {
        "django_version": "lts",
        "database": "postgresql",
        "security": "strict",
    },
    "postgresql-rest-strict-large": {
        "database": "postgresql",
        "api": "rest",
        "security": "strict",
        "scale": "large",
    },
    "mysql-rest-basic-medium-bare": {
        "database": "mysql",
        "api": "rest",
        "security": "basic",
        "scale": "medium",
        "admin": False,
        "i18n": False,
    },
    "mariadb-strict": {"database": "mariadb", "security": "strict"},
    "oracle-rest-medium": {"database": "oracle", "api": "rest", "scale": "medium"},
    "sqlite-nasty-text-bare": {
        "project_name": NASTY_NAME,
        "project_slug": "nasty_site",
        "description": NASTY_DESCRIPTION,
        "author_name": NASTY_AUTHOR,
        "admin": False,
        "i18n": False,
    },
}

# The project's own Django templates keep their {{ }} and {% %}.
OWN_TEMPLATES = ["templates/*"]


def env_example(project: Path) -> dict[str, str]:
    """The variables of the project's .env.example, as a deployment would set them."""
    values = {}
    for line in (project / ".env.example").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values[key] = value
    return values


def suite_env(name: str, answers: dict[str, Any]) -> dict[str, str]:
    """DATABASE_URL (and REDIS_URL) of the real servers for this variant's answers."""
    database = answers.get("database", "sqlite")
    env = {}
    if database not in NO_SERVER_HERE:
        url = database_url(database, f"dj_{name}")
        if url is not None:
            env["DATABASE_URL"] = url
    if answers.get("scale") == "large":
        env["REDIS_URL"] = redis_url()
    return env


def check_deployment_files(answers: dict[str, Any], project: Path) -> None:
    """compose.yaml runs what the answers need; the CI workflow runs ruff and the tests.

    (No Docker daemon or registry here: the Dockerfile is not built.)
    """
    services = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))["services"]
    expected = {"web"}
    if answers.get("database", "sqlite") != "sqlite":
        expected.add("db")
    if answers.get("scale") == "large":
        expected |= {"redis", "worker"}
    assert set(services) == expected
    assert services["web"]["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"

    workflow = yaml.safe_load((project / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    commands = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    assert "ruff check ." in commands
    assert "python -m pytest" in commands
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    assert dockerfile.count("FROM ") == 2
    assert "USER app" in dockerfile


def run_checks(name: str, answers: dict[str, Any], project: Path, env: ProjectEnv) -> None:
    database = answers.get("database", "sqlite")
    test_env = suite_env(name, answers)

    with recorded(FLAVOUR, database, "deployment files"):
        check_deployment_files(answers, project)
    with recorded(FLAVOUR, database, "unrendered text"):
        assert unrendered_text(project, allow=OWN_TEMPLATES) == []
    with recorded(FLAVOUR, database, "django series"):
        series = "5.2" if answers.get("django_version") == "lts" else "6.1"
        result = env.run(["python", "-m", "django", "--version"], cwd=project)
        assert result.stdout.startswith(f"{series}."), result.stdout
        # Libraries, not plumbing: no CSP middleware or .env parser of the project's own.
        assert "Content-Security-Policy" not in (project / "core/middleware.py").read_text("utf-8")
        assert not (project / "config/env.py").exists()
    with recorded(FLAVOUR, database, "ruff"):
        env.run(["ruff", "check", "."], cwd=project)
        env.run(["ruff", "format", "--check", "."], cwd=project)
    with recorded(FLAVOUR, database, "pytest"):
        result = env.run(
            ["python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs"],
            cwd=project,
            env=test_env,
        )
        # Nothing may be skipped: above all the Redis round trip, where Redis is used.
        assert "skipped" not in result.stdout, result.stdout
    with recorded(FLAVOUR, database, "check --deploy"):
        # On the variant's real database (Django 6.1's checks ask a MySQL server its version).
        production = {
            **env_example(project),
            **test_env,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        }
        result = env.run(
            ["python", "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=project,
            env=production,
        )
        assert "no issues" in result.stdout
    with recorded(FLAVOUR, database, "manage.py reads .env"):
        # The development settings named in .env, also where config/celery.py sets a default.
        show = "from django.conf import settings; print(settings.SETTINGS_MODULE)"
        result = env.run(["python", "manage.py", "shell", "-c", show], cwd=project)
        assert "config.settings.development" in result.stdout, result.stdout
    with recorded(FLAVOUR, database, "makemigrations --check"):
        env.run(
            ["python", "manage.py", "makemigrations", "--check", "--dry-run"],
            cwd=project,
            env=test_env,
        )
    if database == "oracle":
        with recorded(FLAVOUR, database, "sqlmigrate (oracle)"):
            result = env.run(
                ["python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_oracle.py"],
                cwd=project,
            )
            assert "2 passed" in result.stdout


@pytest.mark.parametrize("name", list(VARIANTS))
def test_variant(bake: Any, name: str) -> None:
    answers = VARIANTS[name]
    project = bake(FLAVOUR, **answers)
    run_checks(name, answers, project, project_env(project))


def test_nasty_text_is_inserted_as_data(bake: Any) -> None:
    answers = VARIANTS["sqlite-nasty-text-bare"]
    project = bake(FLAVOUR, **answers)

    metadata = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert metadata["description"] == NASTY_DESCRIPTION
    assert metadata["authors"] == [{"name": NASTY_AUTHOR, "email": "you@example.com"}]

    base = ast.parse((project / "config/settings/base.py").read_text(encoding="utf-8"))
    site_names = [
        node.value.value
        for node in base.body
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "SITE_NAME"
    ]
    assert site_names == [NASTY_NAME]
    assert NASTY_DESCRIPTION in (project / "README.md").read_text(encoding="utf-8")


def test_optional_parts_are_pruned(bake: Any) -> None:
    project = bake(FLAVOUR, api="none", admin=False, i18n=False, security="basic")
    for unused in [
        "api",
        "locale",
        "accounts/admin.py",
        "accounts/mfa.py",
        "config/celery.py",
        "tests/test_api.py",
        "tests/test_oracle.py",
        "templates/api",
    ]:
        assert not (project / unused).exists(), unused
    dependencies = " ".join(
        tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"][
            "dependencies"
        ]
    )
    for absent in ["djangorestframework", "django-axes", "celery", "argon2"]:
        assert absent not in dependencies


def test_each_project_gets_its_own_git_ignored_secret(bake: Any) -> None:
    assert_secret_is_private(bake(FLAVOUR), bake(FLAVOUR), "DJANGO_SECRET_KEY", min_length=50)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"project_slug": "My-Site"}, "is not allowed: use lowercase"),
        ({"project_slug": "config"}, "would shadow the Python or framework module"),
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

"""Production settings, checked in a fresh process as a deployment would load them."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def env_example():
    values = {}
    for line in (BASE_DIR / ".env.example").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values[key] = value
    return values


def production_env(**overrides):
    """The current environment with the values of .env.example, as on a server.

    The database stays the suite's own when DATABASE_URL is set: on a server the
    database answers, and Django 6.1's checks ask a MySQL server for its version.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(env_example(), PYTHONPATH=str(BASE_DIR), **overrides)
    if "DATABASE_URL" in os.environ:
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return env


def django_admin(args, env):
    # `python -m django`, not manage.py: nothing is read from the local .env.
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_a_real_secret():
    env = production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
    result = django_admin(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret():
    result = django_admin(["check"], production_env(DJANGO_SECRET_KEY=""))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_env_example_lists_every_variable_the_code_reads():
    reads = re.compile(
        r'(?:env\.(?:str|bool|int|list)\(|os\.environ(?:\.get|\.setdefault)?[(\[])"([A-Z_]+)"'
    )
    packages = [d for d in BASE_DIR.iterdir() if (d / "__init__.py").exists() and d.name != "tests"]
    code = [*BASE_DIR.glob("*.py"), *(path for d in packages for path in d.rglob("*.py"))]
    used = {name for path in code for name in reads.findall(path.read_text(encoding="utf-8"))}
    assert used - set(env_example()) == set()
    assert "DATABASE_URL" in used

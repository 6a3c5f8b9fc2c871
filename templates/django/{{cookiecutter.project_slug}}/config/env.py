"""Reading settings from the environment, with a small parser for the local .env file."""

import os

from django.core.exceptions import ImproperlyConfigured


def read_env_file(path):
    """Copy `KEY=value` lines of `path` into os.environ, never overriding what is set.

    Only manage.py reads .env, for local development; deployed processes get their
    variables from the real environment (compose's env_file, the platform's settings).
    """
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


def env_str(name, default=None):
    """The variable's value, or `default` when unset or empty; without a default it is required."""
    value = os.environ.get(name) or default
    if value is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    return int(os.environ.get(name, default))


def env_list(name, default=""):
    """A comma-separated variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]

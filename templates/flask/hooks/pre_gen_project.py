"""Refuse answers that cannot produce a working project (standard library only).

The microservice flavour has no pages, so the admin and i18n answers do not
apply to it: they are ignored (and said so after generation), not refused.
"""

import keyword
import re
import sys

SLUG = {{ cookiecutter.project_slug|python_string }}
AUTHOR_EMAIL = {{ cookiecutter.author_email|python_string }}
DATABASE = {{ cookiecutter.database|python_string }}
SCALE = {{ cookiecutter.scale|python_string }}

# Top-level names the generated project itself uses.
RESERVED = {"tests", "migrations", "wsgi", "gunicorn", "flask", "test", "site"}


def problem() -> str | None:
    """The first reason the answers cannot be generated, or None."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,49}", SLUG) or keyword.iskeyword(SLUG):
        return (
            f"project_slug {SLUG!r} must be a Python package name: lowercase letters, "
            "digits and underscores, starting with a letter, at most 50 characters"
        )
    if SLUG in RESERVED or SLUG in sys.stdlib_module_names:
        return f"project_slug {SLUG!r} clashes with a module the project needs; choose another"
    if AUTHOR_EMAIL and not re.fullmatch(r"[^@\s]+@[^@\s]+", AUTHOR_EMAIL):
        return f"author_email {AUTHOR_EMAIL!r} is not an email address (pyproject.toml needs one)"
    if DATABASE == "sqlite" and SCALE == "large":
        return (
            "scale=large runs the app on several hosts, which cannot share a SQLite file: "
            "choose a database server (e.g. database=postgresql)"
        )
    return None


if __name__ == "__main__":
    reason = problem()
    if reason:
        print(f"ERROR: {reason}", file=sys.stderr)
        sys.exit(1)

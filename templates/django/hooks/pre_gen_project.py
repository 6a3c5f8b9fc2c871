"""Refuse answers the generated project could not honour, before any file is written."""

import keyword
import re
import sys

SLUG = {{ cookiecutter.project_slug | pystr }}
AUTHOR_EMAIL = {{ cookiecutter.author_email | pystr }}
CHOICES = {
    "database": ({{ cookiecutter.database | pystr }}, {"sqlite", "postgresql", "mysql", "mariadb", "oracle"}),
    "api": ({{ cookiecutter.api | pystr }}, {"none", "rest"}),
    "security": ({{ cookiecutter.security | pystr }}, {"basic", "standard", "strict"}),
    "scale": ({{ cookiecutter.scale | pystr }}, {"small", "medium", "large"}),
}
# Names the generated project uses for its own packages.
RESERVED = {"config", "accounts", "core", "api", "tests", "django"}


def problems():
    """Yield one message for each answer that cannot be generated."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", SLUG) or keyword.iskeyword(SLUG):
        yield (
            f"project_slug {SLUG!r} is not a Python package name: "
            "use lowercase letters, digits and underscores, starting with a letter"
        )
    elif SLUG in RESERVED:
        yield f"project_slug {SLUG!r} clashes with a package of the generated project"
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", AUTHOR_EMAIL):
        yield f"author_email {AUTHOR_EMAIL!r} is not an e-mail address"
    for key, (value, allowed) in CHOICES.items():
        if value not in allowed:
            yield f"{key} {value!r} is not one of {', '.join(sorted(allowed))}"
    database, scale = CHOICES["database"][0], CHOICES["scale"][0]
    if scale == "large" and database == "sqlite":
        yield (
            "scale=large runs web and Celery workers in separate containers, "
            "which cannot share a SQLite file: choose postgresql, mysql, mariadb or oracle"
        )


problem = next(problems(), None)
if problem:
    print(f"ERROR: {problem}", file=sys.stderr)
    sys.exit(1)
